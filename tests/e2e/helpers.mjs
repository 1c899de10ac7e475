/** Shared fixtures for the browser tests: one Chromium, pages that record console errors, axe. */
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { launchOptions } from "./browser.mjs";

export const BASE = process.env.BOOK_URL ?? "http://127.0.0.1:4321/";

/** Launches Chromium once per test file. */
export async function launch() {
  return chromium.launch(launchOptions());
}

/** A page in a fresh context that collects console errors, page errors and failed requests. */
export async function openPage(browser, path, { colorScheme = "light", width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  // Generous: CI machines are shared, and a slow machine must not read as a broken page.
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // A code-cell worker's blob: script aborted because its worker was ended (a stopped run, a spare
    // replaced, a navigation) is not a failed request; a blob: that fails otherwise still counts.
    if (request.url().startsWith("blob:") && request.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${request.url()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/does-not-exist/")) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  if (path !== undefined) await page.goto(new URL(path, BASE).href, { waitUntil: "networkidle" });
  // Focus styles (:focus-within) need the page to have focus: bring it to the front.
  await page.bringToFront();
  return { context, page, problems };
}

/** Opens a page, runs `fn` with it, and always closes its context (a failed test must not keep focus). */
export async function withPage(browser, path, options, fn) {
  const opened = await openPage(browser, path, options);
  try {
    return await fn(opened);
  } finally {
    await opened.context.close();
  }
}

/** axe-core violations (WCAG 2.x A/AA and best practices), as readable lines. */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`,
  );
}

/** Every page of the built site, as URL paths (from dist/, excluding pagefind). */
export function sitePaths(root = "dist") {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "pagefind" || entry.name.startsWith("_") ? [] : walk(path);
      return entry.name === "index.html" ? [path] : [];
    });
  return walk(root)
    .map((file) => "/" + relative(root, file).split(sep).join("/").replace(/index\.html$/, ""))
    .sort();
}
