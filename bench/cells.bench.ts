/**
 * Code-cell benchmarks in Debian's Chromium against the built site (dist/, or
 * the site at CELLS_BENCH_URL): what "Edit & run" loads (gzip: the editor, the
 * sandbox host and the runtime worker with the library), and the time from
 * Run to the first output for the Essence chapter's default cell and for a
 * bare `return 1`, once the editor has loaded. Figures only; nothing is gated.
 */
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { report } from "./util";
import { startServer } from "../scripts/static-server.mjs";
import { launchOptions } from "../tests/e2e/browser.mjs";

const CELL = "#cell-essence-desk-loan";
const RUNS = 25;

async function gzipBytes(urls: Iterable<string>): Promise<number> {
  let bytes = 0;
  for (const url of urls) {
    const local = "dist" + new URL(url).pathname;
    const body = existsSync(local) && !process.env.CELLS_BENCH_URL ? readFileSync(local) : Buffer.from(await (await fetch(url)).arrayBuffer());
    bytes += gzipSync(body).length;
  }
  return bytes;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * fraction) - 1))]!;
}

/** Runs the cell's current code `RUNS` times; returns Run→first-output times (ms) read from the island. */
async function timeRuns(page: Page): Promise<number[]> {
  const cell = page.locator(CELL);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const before = Number((await cell.locator(".cell-body").getAttribute("data-runs")) ?? 0);
    await cell.getByRole("button", { name: "Run" }).click();
    await page.waitForFunction(([selector, count]) => Number(document.querySelector(selector as string)?.getAttribute("data-runs") ?? 0) > (count as number), [`${CELL} .cell-body`, before] as const, { timeout: 30_000 });
    const ms = Number(await cell.locator(".cell-body").getAttribute("data-first-output-ms"));
    if (Number.isFinite(ms)) times.push(ms);
    await page.waitForTimeout(600); // a reader's pause: the sandbox warms the next run's worker meanwhile
  }
  return times.sort((a, b) => a - b);
}

export async function run(): Promise<void> {
  let base = process.env.CELLS_BENCH_URL;
  let server: { close(): void } | undefined;
  if (!base) {
    if (!existsSync("dist/chapters/essence/index.html") || !readFileSync("dist/chapters/essence/index.html", "utf8").includes(CELL.slice(1))) {
      console.log("dist/ has no Essence code cell: run `npm run build` first (cell benchmarks skipped).");
      return;
    }
    const started = await startServer({ root: "dist", port: 0 });
    server = started.server;
    base = started.url;
  }
  const browser = await chromium.launch(launchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const loaded = new Set<string>();
    page.on("response", (response) => {
      if (/\.m?js(\?|$)/.test(response.url())) loaded.add(response.url());
    });
    await page.goto(new URL("chapters/essence/", base).href, { waitUntil: "networkidle" });
    const cell = page.locator(CELL);
    await cell.scrollIntoViewIfNeeded();
    await page.waitForSelector(`${CELL} .cell-body[data-hydrated]`, { timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    const beforeEdit = new Set(loaded);
    const runtimeLoaded = page.waitForResponse((response) => /runtime\.worker[^/]*\.js/.test(response.url()), { timeout: 30_000 });
    const clickedAt = Date.now();
    await cell.getByRole("button", { name: "Edit & run" }).click();
    await cell.locator(".cm-editor").waitFor({ timeout: 30_000 });
    const editorMs = Date.now() - clickedAt;
    await (await runtimeLoaded).finished();
    await page.locator("iframe.cell-sandbox").waitFor({ state: "attached" });
    await page.waitForTimeout(300);
    const editLoads = [...loaded].filter((url) => !beforeEdit.has(url));
    const editBytes = await gzipBytes(editLoads);
    report(`"Edit & run" loads (${editLoads.length} files: editor, sandbox, runtime)`, `${(editBytes / 1024).toFixed(1)} KB gzip`);
    for (const url of editLoads) report(`  ${new URL(url).pathname.replace(/^.*\//, "")}`, `${((await gzipBytes([url])) / 1024).toFixed(1)} KB gzip`);
    report(`"Edit & run" → editor on screen`, `${editorMs} ms`);

    const cellTimes = await timeRuns(page);
    report(`Run → first output, essence-desk-loan (n=${cellTimes.length}) median / p95`, `${percentile(cellTimes, 0.5).toFixed(1)} / ${percentile(cellTimes, 0.95).toFixed(1)} ms`);

    await cell.locator(".cm-content").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("return 1;");
    const bareTimes = await timeRuns(page);
    report(`Run → first output, "return 1" (n=${bareTimes.length}) median / p95`, `${percentile(bareTimes, 0.5).toFixed(1)} / ${percentile(bareTimes, 0.95).toFixed(1)} ms`);
    await page.close();
  } finally {
    await browser.close();
    server?.close();
  }
}
