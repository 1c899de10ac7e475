/**
 * A small static file server for the built book (dist/): directory URLs serve
 * index.html, unknown paths get 404.html with status 404. Loopback only.
 * Used by `npm start` and by the browser tests.
 */
import { createServer } from "node:http";
import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".xml": "application/xml",
};

/** Resolves a URL path to a file inside `root`, or undefined (never escapes root). */
export function resolveFile(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return undefined;
  }
  const candidate = resolve(join(root, normalize(path)));
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = join(candidate, "index.html");
  if (existsSync(index)) return index;
  return undefined;
}

/** Starts the server; resolves with { server, url } once listening. Port 0 picks a free port. */
export function startServer({ root = "dist", host = "127.0.0.1", port = 4321 } = {}) {
  const absoluteRoot = resolve(root);
  const server = createServer((request, response) => {
    const urlPath = request.url ?? "/";
    // Directory URLs without a trailing slash redirect, as static hosts do.
    const file = resolveFile(absoluteRoot, urlPath);
    if (file && file.endsWith(`${sep}index.html`) && !urlPath.split("?")[0].endsWith("/") && !urlPath.split("?")[0].endsWith(".html")) {
      response.writeHead(301, { Location: urlPath.replace(/(\?|$)/, "/$1") });
      response.end();
      return;
    }
    const status = file ? 200 : 404;
    const path = file ?? join(absoluteRoot, "404.html");
    if (!existsSync(path)) {
      response.writeHead(404, { "Content-Type": "text/plain" });
      response.end("Not found");
      return;
    }
    response.writeHead(status, {
      "Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
      "Cache-Control": "no-cache",
    });
    if (request.method === "HEAD") {
      response.end();
      return;
    }
    createReadStream(path).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      resolvePromise({ server, url: `http://${host}:${actualPort}/` });
    });
  });
}
