import { chromium } from "playwright-core";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { launchOptions } from "../tests/e2e/browser.mjs";
const b = await chromium.launch(launchOptions());
const p = await b.newPage({ viewport: { width: 1280, height: 1000 } });
const js = [];
p.on("response", async (r) => { if (r.url().endsWith(".js") || r.url().includes(".js?")) js.push(r.url()); });
await p.goto("http://127.0.0.1:4321/chapters/essence/", { waitUntil: "networkidle" });
await p.locator("#widget-xray").scrollIntoViewIfNeeded();
await p.waitForTimeout(1000);
const size = (list) => list.reduce((t, u) => t + gzipSync(readFileSync("dist" + new URL(u).pathname)).length, 0);
console.log("before interaction", js.length, (size(js) / 1024).toFixed(1), "KB gz", js.map(u => new URL(u).pathname.split("/").pop()));
const n = js.length;
await p.locator("#xray-crash").focus();
await p.keyboard.press("ArrowLeft");
await p.waitForTimeout(1500);
console.log("after", js.length, (size(js) / 1024).toFixed(1), "KB gz", js.slice(n).map(u => new URL(u).pathname.split("/").pop()));
const times = [];
for (let i = 0; i < 30; i++) {
  await p.keyboard.press(i % 2 ? "ArrowLeft" : "ArrowRight");
  await p.waitForTimeout(60);
  times.push([Number(await p.locator(".widget-figure").getAttribute("data-render-ms")), await p.locator(".widget-figure").getAttribute("data-compute-ms"), await p.locator(".widget-figure").getAttribute("data-draw-ms")]);
}
times.sort((a, b) => a[0] - b[0]);
console.log("render ms median", times[15], "p95", times[28]);
await b.close();
