import { chromium } from "playwright-core";
import { launchOptions } from "/work/main/tests/e2e/browser.mjs";
const browser = await chromium.launch(launchOptions());
for (const id of ["xray", "cascade", "liquidation"]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const path = id === "xray" ? "essence" : "theory";
  await page.goto(`http://127.0.0.1:4430/chapters/${path}/#widget-${id}`, { waitUntil: "networkidle" });
  await page.locator(`#widget-${id}`).scrollIntoViewIfNeeded();
  await page.waitForSelector(`#widget-${id} .widget-figure[data-hydrated]`);
  const slider = page.locator(`#widget-${id} input[type=range]`).first();
  await slider.focus();
  const rows = [];
  for (let i = 0; i < 16; i++) {
    const before = Number((await page.locator(`#widget-${id} .widget-figure`).getAttribute("data-renders")) ?? 0);
    await page.keyboard.press(i % 2 ? "ArrowLeft" : "ArrowRight");
    await page.waitForFunction(([id, n]) => Number(document.querySelector(`#widget-${id} .widget-figure`).dataset.renders ?? 0) > n, [id, before]);
    const d = await page.locator(`#widget-${id} .widget-figure`).evaluate((el) => ({ ...el.dataset }));
    if (i >= 4) rows.push([+d.computeMs, +d.drawMs, +d.renderMs]);
  }
  const med = (k) => rows.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)].toFixed(1);
  const min = (k) => Math.min(...rows.map((r) => r[k])).toFixed(1);
  console.log(id, "compute med/min", med(0), min(0), "draw", med(1), min(1), "render", med(2), min(2));
  await page.close();
}
await browser.close();
