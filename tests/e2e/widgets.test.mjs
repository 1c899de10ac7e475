/**
 * Every widget in the built book, in Chromium: the build-time figure is there
 * with JavaScript off; after hydration a keyboard change redraws the figure
 * and the summary, the URL records it and a reload restores it; a malformed
 * link falls back with a notice; the data table matches its CSV; axe is clean.
 * Also measures input→figure latency (printed, never gated).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { BASE, axeViolations, launch, withPage } from "./helpers.mjs";

/** Widgets on the built pages: [{ id, path }], found in dist/ (so a widget never escapes the tests). */
function builtWidgets() {
  const found = [];
  const dir = "dist/chapters";
  for (const slug of existsSync(dir) ? readdirSync(dir) : []) {
    const html = readFileSync(join(dir, slug, "index.html"), "utf8");
    for (const match of html.matchAll(/<figure class="widget" id="widget-([a-z0-9-]+)"/g)) found.push({ id: match[1], path: `/chapters/${slug}/` });
  }
  return found;
}

const widgets = builtWidgets().filter(({ id }) => !process.env.WIDGET_ONLY || process.env.WIDGET_ONLY.split(",").includes(id));
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Moves the widget's first control with the keyboard; returns the query key it should set. */
async function nudgeFirstControl(page, id) {
  const control = page.locator(`#widget-${id} .widget-controls .control-grid`).first().locator("input, select").first();
  const controlId = await control.getAttribute("id");
  const type = await control.evaluate((el) => (el.tagName === "SELECT" ? "select" : el.type));
  await control.focus();
  if (type === "range") {
    const before = await control.inputValue();
    await page.keyboard.press("ArrowRight");
    if ((await control.inputValue()) === before) await page.keyboard.press("ArrowLeft");
  } else if (type === "checkbox") {
    await page.keyboard.press("Space");
  } else if (type === "select") {
    // At the last option ArrowDown changes nothing: step back instead, so every nudge is a change.
    const atEnd = await control.evaluate((el) => el.selectedIndex === el.options.length - 1);
    await page.keyboard.press(atEnd ? "ArrowUp" : "ArrowDown");
  } else {
    await control.fill("1");
    await page.keyboard.press("Enter");
  }
  return `w.${id}.${controlId.slice(id.length + 1)}`;
}

async function waitForRender(page, id, count) {
  await page.waitForFunction(
    ([widgetId, n]) => Number(document.querySelector(`#widget-${widgetId} .widget-figure`)?.dataset.renders ?? 0) >= n,
    [id, count],
    { timeout: 20_000 },
  );
}

describe("widgets", () => {
  test("the book has widgets and each appears in the Lab", async () => {
    assert.ok(widgets.length >= 1);
    const lab = readFileSync("dist/lab/index.html", "utf8");
    for (const { id, path } of widgets) assert.ok(lab.includes(`${path}#widget-${id}`), `Lab links to ${id}`);
  });

  for (const { id, path } of widgets) {
    test(`${id}: the default figure is on the page with JavaScript off`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(new URL(path, BASE).href);
      const figure = page.locator(`#widget-${id} .widget-figure svg`).first();
      assert.ok(await figure.isVisible(), "SVG visible");
      assert.ok((await page.locator(`#widget-${id} .widget-summary`).innerText()).length > 20, "summary present");
      assert.ok((await page.locator(`#widget-${id} .widget-data tbody tr`).count()) > 0, "data table present");
      await context.close();
    });

    test(`${id}: a keyboard change redraws, the URL keeps it, a reload restores it`, async () => {
      await withPage(browser, `${path}#widget-${id}`, {}, async ({ page, problems }) => {
        const root = page.locator(`#widget-${id}`);
        await root.scrollIntoViewIfNeeded();
        await page.waitForSelector(`#widget-${id} .widget-figure[data-hydrated]`, { timeout: 20_000 });
        const svgBefore = await root.locator(".widget-figure").innerHTML();
        const summaryBefore = await root.locator(".widget-summary").innerText();
        const key = await nudgeFirstControl(page, id);
        await waitForRender(page, id, 1);
        assert.notEqual(await root.locator(".widget-figure").innerHTML(), svgBefore, "figure changed");
        const url = new URL(page.url());
        assert.ok(url.searchParams.has(key), `URL has ${key}: ${url.search}`);
        const summaryAfter = await root.locator(".widget-summary").innerText();
        const stateValue = url.searchParams.get(key);
        await page.reload({ waitUntil: "networkidle" });
        await root.scrollIntoViewIfNeeded();
        await waitForRender(page, id, 1);
        assert.equal(new URL(page.url()).searchParams.get(key), stateValue, "state survives reload");
        assert.equal(await root.locator(".widget-summary").innerText(), summaryAfter, "same summary after reload");
        if (summaryAfter === summaryBefore) console.log(`  note: ${id}'s summary did not change for a one-step change of ${key}`);
        assert.deepEqual(problems, []);
      });
    });

    test(`${id}: a malformed link falls back to the default with a notice`, async () => {
      await withPage(browser, `${path}?w.${id}.nonsense=1&w.${id}.${"x".repeat(3)}=%ZZ#widget-${id}`, {}, async ({ page, problems }) => {
        const root = page.locator(`#widget-${id}`);
        await root.scrollIntoViewIfNeeded();
        await root.locator(".widget-notice").waitFor({ timeout: 20_000 });
        assert.match(await root.locator(".widget-notice").innerText(), /ignored/);
        assert.doesNotMatch(await root.locator(".widget-figure").innerHTML(), /NaN/);
        assert.deepEqual(problems, []);
      });
    });

    test(`${id}: the data table matches its CSV, and axe finds nothing with every panel open`, async () => {
      await withPage(browser, `${path}#widget-${id}`, {}, async ({ page }) => {
        const root = page.locator(`#widget-${id}`);
        await root.scrollIntoViewIfNeeded();
        await page.waitForSelector(`#widget-${id} .widget-figure[data-hydrated]`, { timeout: 20_000 });
        for (const details of await root.locator("details").all()) await details.evaluate((el) => (el.open = true));
        const rows = await root.locator(".widget-data tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
        const href = await root.locator(".widget-data a[download]").getAttribute("href");
        const csv = decodeURIComponent(href.slice(href.indexOf(",") + 1)).trim().split("\r\n").slice(1);
        const shown = Math.min(rows.length, csv.length);
        assert.ok(shown > 0);
        for (let i = 0; i < shown; i++) assert.equal(csv[i].replace(/"/g, ""), rows[i].join(","), `row ${i}`);
        const violations = await axeViolations(page);
        assert.deepEqual(violations, []);
      });
    });

    test(`${id}: input-to-figure latency at default size (reported, not gated)`, async () => {
      await withPage(browser, `${path}#widget-${id}`, {}, async ({ page }) => {
        const root = page.locator(`#widget-${id}`);
        await root.scrollIntoViewIfNeeded();
        await page.waitForSelector(`#widget-${id} .widget-figure[data-hydrated]`, { timeout: 20_000 });
        await nudgeFirstControl(page, id);
        await waitForRender(page, id, 1);
        const times = [];
        for (let i = 0; i < 20; i++) {
          const renders = Number(await root.locator(".widget-figure").getAttribute("data-renders"));
          await nudgeFirstControl(page, id);
          await waitForRender(page, id, renders + 1);
          times.push(Number(await root.locator(".widget-figure").getAttribute("data-render-ms")));
        }
        times.sort((a, b) => a - b);
        console.log(`  ${id}: input→figure median ${times[10].toFixed(1)} ms, p95 ${times[18].toFixed(1)} ms (n=20)`);
      });
    });
  }
});
