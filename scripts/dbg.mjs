import { chromium } from "playwright-core";
import { launchOptions } from "../tests/e2e/browser.mjs";
const b = await chromium.launch(launchOptions());
for (const scheme of ["light", "dark"]) {
  const ctx = await b.newContext({ viewport: { width: 1280, height: 1000 }, colorScheme: scheme });
  const p = await ctx.newPage();
  p.on("console", (m) => console.log("console", m.type(), m.text()));
  p.on("pageerror", (e) => console.log("pageerror", e.message));
  await p.goto("http://127.0.0.1:4321/chapters/essence/#widget-xray", { waitUntil: "networkidle" });
  await p.locator("#widget-xray").scrollIntoViewIfNeeded();
  await p.waitForTimeout(500);
  await p.locator("#widget-xray").screenshot({ path: `/tmp/xray-${scheme}.png` });
  if (scheme === "light") {
    await p.locator("#xray-crash").focus();
    for (let i = 0; i < 4; i++) await p.keyboard.press("ArrowLeft");
    await p.waitForTimeout(1500);
    console.log(p.url(), await p.locator(".widget-summary").innerText(), await p.locator(".widget-figure").getAttribute("data-render-ms"));
    await p.locator("#widget-xray").screenshot({ path: `/tmp/xray-after.png` });
  }
  await ctx.close();
}
await b.close();
