import { chromium } from "playwright-core";
import { launchOptions } from "/work/main/tests/e2e/browser.mjs";
const browser = await chromium.launch(launchOptions());
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const errors = []; page.on("pageerror", (e) => errors.push(String(e))); page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
await page.goto(`http://127.0.0.1:4430/chapters/theory/#widget-cascade`, { waitUntil: "networkidle" });
await page.locator("#widget-cascade").scrollIntoViewIfNeeded();
await page.waitForSelector("#widget-cascade .widget-figure[data-hydrated]");
const t0 = Date.now();
await page.selectOption("#widget-cascade select", "1000000");
const progress = [];
for (let i = 0; i < 400; i++) {
  const p = await page.locator("#widget-cascade progress, #widget-cascade [role=progressbar]").first().getAttribute("value").catch(() => null);
  if (p !== null && progress.at(-1) !== p) progress.push(p);
  const r = await page.locator("#widget-cascade .widget-figure").getAttribute("data-renders");
  if (r) break;
  await page.waitForTimeout(100);
}
console.log("done in", Date.now() - t0, "ms; progress seen:", progress.join(","));
console.log(await page.locator("#widget-cascade .widget-summary").innerText());
console.log("url", page.url());
await page.locator("#widget-cascade").screenshot({ path: "/tmp/deriv-a/cascade-1m.png" });
console.log("errors", errors);
await browser.close();
