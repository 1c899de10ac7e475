/**
 * `npm run bench`: runs every benchmark module in this folder and prints its
 * figures. Benchmarks never pass or fail; they report.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => !only || name.includes(only))
  .sort();

console.log(`node ${process.version} · ${files.length} benchmark file(s)`);
for (const file of files) {
  console.log(`\n── ${file} ──`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run?: () => Promise<void> | void };
  if (typeof mod.run !== "function") throw new Error(`${file} must export a run() function`);
  await mod.run();
}
