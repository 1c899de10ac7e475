/** Dev helper: `node scripts/screenshot.mjs URL out.png [width] [dark]` — a full-page screenshot in Debian Chromium. */
import { chromium } from "playwright-core";
import { launchOptions } from "../tests/e2e/browser.mjs";

const [url, out, width = "1280", theme = "light"] = process.argv.slice(2);
const browser = await chromium.launch(launchOptions());
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, colorScheme: theme === "dark" ? "dark" : "light" });
await page.goto(url, { waitUntil: "networkidle" });
await page.screenshot({ path: out, fullPage: process.env.FULL !== "0" });
await browser.close();
