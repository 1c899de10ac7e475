import { chromium } from "playwright-core";
import { launchOptions } from "../tests/e2e/browser.mjs";
const b = await chromium.launch(launchOptions());
const [base, ...ids] = process.argv.slice(2);
for (const scheme of ["light"]) {
  const ctx = await b.newContext({ viewport: { width: 1280, height: 1000 }, colorScheme: scheme });
  const p = await ctx.newPage();
  p.on("pageerror", (e) => console.log("pageerror", e.message));
  for (const spec of ids) {
    const [slug, id] = spec.split(":");
    await p.goto(`${base}/chapters/${slug}/#widget-${id}`, { waitUntil: "networkidle" });
    await p.locator(`#widget-${id}`).scrollIntoViewIfNeeded();
    await p.locator(`#widget-${id}`).screenshot({ path: `/tmp/w-${id}-${scheme}.png` });
  }
  await ctx.close();
}
await b.close();
