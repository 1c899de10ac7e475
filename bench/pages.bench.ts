/**
 * Page benchmarks in Debian's Chromium against the built site (dist/):
 * JavaScript each chapter loads before any interaction and after the first
 * change of every widget (gzip), and each widget's input→figure latency at
 * default size (median and p95 of 30 keyboard changes).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { report } from "./util";
import { startServer } from "../scripts/static-server.mjs";
import { launchOptions } from "../tests/e2e/browser.mjs";

function gzipKb(urls: Iterable<string>): number {
  let bytes = 0;
  for (const url of urls) {
    const path = "dist" + new URL(url).pathname;
    if (existsSync(path)) bytes += gzipSync(readFileSync(path)).length;
  }
  return bytes / 1024;
}

async function nudge(page: Page, widgetId: string, step: number): Promise<void> {
  const controls = page.locator(`#widget-${widgetId} .widget-controls .control-grid`).first();
  const range = controls.locator("input[type=range]").first();
  if ((await range.count()) > 0) {
    await range.focus();
    await page.keyboard.press(step % 2 === 0 ? "ArrowRight" : "ArrowLeft");
    return;
  }
  const select = controls.locator("select").first();
  if ((await select.count()) === 0) return;
  await select.focus();
  const atEnd = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex === (el as HTMLSelectElement).options.length - 1);
  await page.keyboard.press(atEnd ? "ArrowUp" : "ArrowDown");
}

async function renders(page: Page, widgetId: string): Promise<number> {
  return Number((await page.locator(`#widget-${widgetId} .widget-figure`).getAttribute("data-renders")) ?? 0);
}

export async function run(): Promise<void> {
  if (!existsSync("dist/index.html")) {
    console.log("dist/ is missing: run `npm run build` first (page benchmarks skipped).");
    return;
  }
  const { server, url } = await startServer({ root: "dist", port: 0 });
  const browser = await chromium.launch(launchOptions());
  try {
    for (const slug of readdirSync("dist/chapters").sort()) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const scripts = new Set<string>();
      page.on("response", (response) => {
        if (/\.m?js(\?|$)/.test(response.url())) scripts.add(response.url());
      });
      await page.goto(`${url}chapters/${slug}/`, { waitUntil: "networkidle" });
      // Scroll through so every island hydrates, as a reader would.
      const ids = await page.locator("figure.widget").evaluateAll((els) => els.map((el) => el.id.replace("widget-", "")));
      for (const id of ids) {
        await page.locator(`#widget-${id}`).scrollIntoViewIfNeeded();
        await page.waitForSelector(`#widget-${id} .widget-figure[data-hydrated]`, { timeout: 30_000 });
      }
      const before = gzipKb(scripts);
      report(`${slug}: JS before interaction (${scripts.size} files)`, `${before.toFixed(1)} KB gzip`);
      for (const id of ids) {
        await nudge(page, id, 0);
        await page.waitForFunction((wid) => Number(document.querySelector(`#widget-${wid} .widget-figure`)?.getAttribute("data-renders") ?? 0) >= 1, id, { timeout: 60_000 }).catch(() => undefined);
      }
      if (ids.length > 0) report(`${slug}: JS after first change of every widget`, `${gzipKb(scripts).toFixed(1)} KB gzip`);
      for (const id of ids) {
        const times: number[] = [];
        for (let i = 1; i <= 30; i++) {
          const count = await renders(page, id);
          await nudge(page, id, i);
          await page.waitForFunction(([wid, n]) => Number(document.querySelector(`#widget-${wid} .widget-figure`)?.getAttribute("data-renders") ?? 0) > (n as number), [id, count] as const, { timeout: 10_000 }).catch(() => undefined);
          const ms = Number(await page.locator(`#widget-${id} .widget-figure`).getAttribute("data-render-ms"));
          if (Number.isFinite(ms)) times.push(ms);
        }
        times.sort((a, b) => a - b);
        if (times.length > 0) {
          report(`  ${id}: input→figure median / p95 (n=${times.length})`, `${times[Math.floor(times.length / 2)]!.toFixed(1)} / ${times[Math.floor(times.length * 0.95) - 1]!.toFixed(1)} ms`);
        }
      }
      await page.close();
    }
    // The million-position cascade, in the worker, from a shared link.
    if (readFileSync("dist/chapters/theory/index.html", "utf8").includes('id="widget-cascade"')) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${url}chapters/theory/?w.cascade.positions=1000000#widget-cascade`, { waitUntil: "networkidle" });
      const started = Date.now();
      await page.locator("#widget-cascade").scrollIntoViewIfNeeded();
      await page.waitForFunction(() => Number(document.querySelector("#widget-cascade .widget-figure")?.getAttribute("data-renders") ?? 0) >= 1, undefined, { timeout: 300_000 });
      report("cascade, 1 000 000 positions in the worker (load, run, draw)", `${((Date.now() - started) / 1000).toFixed(2)} s`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}
