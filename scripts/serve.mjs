/** `npm run serve`: serves the built book from dist/ on 127.0.0.1 (PORT overrides 4321). */
import { existsSync } from "node:fs";
import { startServer } from "./static-server.mjs";

if (!existsSync("dist/index.html")) {
  console.error("dist/ is empty: run `npm run build` first (or `npm start`, which builds and serves).");
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4321);
try {
  const { url } = await startServer({ root: "dist", port });
  console.log(`\n  The book is served at ${url}\n  (Ctrl+C to stop)\n`);
} catch (error) {
  if (error && error.code === "EADDRINUSE") {
    console.error(`Port ${port} is in use. Try: PORT=4322 npm run serve`);
    process.exit(1);
  }
  throw error;
}
