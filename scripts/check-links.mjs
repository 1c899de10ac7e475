/**
 * `npm run test:links`: every internal link, script, stylesheet and image in
 * the built site (dist/) must point at a file that exists, and every #anchor
 * at an element id on the target page. Exits 1 with a list of what is broken.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseHTML } from "linkedom";
import { resolveFile } from "./static-server.mjs";

const root = resolve(process.argv[2] ?? "dist");
if (!existsSync(join(root, "index.html"))) {
  console.error(`No built site in ${root}: run \`npm run build\` first.`);
  process.exit(1);
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "pagefind" ? [] : htmlFiles(path);
    return entry.name.endsWith(".html") ? [path] : [];
  });
}

/** The URL path a file is served at (dist/a/index.html → /a/). */
function urlOf(file) {
  const rel = relative(root, file).split(sep).join("/");
  return "/" + rel.replace(/(^|\/)index\.html$/, "$1");
}

const idCache = new Map();
function idsOf(file) {
  if (!idCache.has(file)) {
    const { document } = parseHTML(readFileSync(file, "utf8"));
    const ids = new Set([...document.querySelectorAll("[id]")].map((el) => el.getAttribute("id")));
    for (const el of document.querySelectorAll("a[name]")) ids.add(el.getAttribute("name"));
    idCache.set(file, ids);
  }
  return idCache.get(file);
}

const broken = [];
let checked = 0;
const files = htmlFiles(root);
for (const file of files) {
  const pageUrl = new URL(urlOf(file), "http://book.local");
  const { document } = parseHTML(readFileSync(file, "utf8"));
  const refs = [
    ...[...document.querySelectorAll("a[href]")].map((el) => el.getAttribute("href")),
    ...[...document.querySelectorAll("link[href]")].map((el) => el.getAttribute("href")),
    ...[...document.querySelectorAll("script[src], img[src], source[src]")].map((el) => el.getAttribute("src")),
  ];
  for (const ref of refs) {
    if (!ref || /^(https?:|mailto:|data:|blob:|javascript:|\/\/)/i.test(ref)) continue;
    checked += 1;
    const target = new URL(ref, pageUrl);
    const targetFile = target.pathname === pageUrl.pathname ? file : resolveFile(root, target.pathname);
    const where = relative(root, file);
    if (!targetFile) {
      broken.push(`${where}: ${ref} → no such file`);
      continue;
    }
    if (target.hash && targetFile.endsWith(".html")) {
      const id = decodeURIComponent(target.hash.slice(1));
      if (id && !idsOf(targetFile).has(id)) broken.push(`${where}: ${ref} → no element with id "${id}"`);
    }
  }
}

if (broken.length > 0) {
  console.error(`${broken.length} broken link(s) out of ${checked} in ${files.length} pages:`);
  for (const line of broken) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`Link check: ${checked} internal links in ${files.length} pages, none broken.`);
