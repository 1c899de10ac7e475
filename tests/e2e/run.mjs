/**
 * `npm run test:e2e`: serves dist/ on a free loopback port and runs every
 * tests/e2e/*.test.mjs with node's test runner in headless Debian Chromium.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, mkdirSync } from "node:fs";
import { startServer } from "../../scripts/static-server.mjs";
import { launchOptions } from "./browser.mjs";

if (!existsSync("dist/index.html")) {
  console.error("No built site: run `npm run build` first.");
  process.exit(1);
}
if (!existsSync(launchOptions().executablePath)) {
  console.error(`Chromium not found at ${launchOptions().executablePath}: install Debian's chromium (apt-get install chromium).`);
  process.exit(1);
}
mkdirSync("test-results", { recursive: true });
const { server, url } = await startServer({ root: "dist", port: 0 });
const files = readdirSync("tests/e2e")
  .filter((name) => name.endsWith(".test.mjs"))
  .filter((name) => !process.argv[2] || name.includes(process.argv[2]))
  .map((name) => `tests/e2e/${name}`);
const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files], {
  stdio: "inherit",
  env: { ...process.env, BOOK_URL: url },
});
const code = await new Promise((resolve) => child.on("exit", (status) => resolve(status ?? 1)));
server.close();
process.exit(code);
