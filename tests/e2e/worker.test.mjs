/**
 * A million-position cascade runs in a Web Worker: the page shows progress,
 * keeps responding to the reader while it runs, and draws the result.
 * Also checks Cancel stops a run and leaves the previous figure in place.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { launch, withPage } from "./helpers.mjs";

const hasCascade = existsSync("dist/chapters/theory/index.html") && readFileSync("dist/chapters/theory/index.html", "utf8").includes('id="widget-cascade"');
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a 1 000 000-position cascade runs in the worker while the page stays responsive", { skip: !hasCascade && "no cascade widget on the Theory page" }, async () => {
  await withPage(browser, "/chapters/theory/?w.cascade.positions=1000000#widget-cascade", {}, async ({ page, problems }) => {
    const root = page.locator("#widget-cascade");
    await root.scrollIntoViewIfNeeded();
    const started = Date.now();
    await root.locator("progress").waitFor({ timeout: 30_000 });
    // While the worker runs, the main thread answers: timers fire on time and a click toggles a disclosure.
    const delays = [];
    for (let i = 0; i < 10 && (await root.locator("progress").count()) > 0; i++) {
      delays.push(await page.evaluate(() => new Promise((resolve) => { const t = performance.now(); setTimeout(() => resolve(performance.now() - t), 0); })));
      await page.waitForTimeout(100);
    }
    const summary = root.locator(".widget-notes > summary");
    if ((await root.locator("progress").count()) > 0) {
      const clickedAt = Date.now();
      await summary.click();
      assert.equal(await root.locator(".widget-notes").evaluate((el) => el.open), true, "the disclosure opened during the run");
      assert.ok(Date.now() - clickedAt < 2000, "the click was handled promptly");
    }
    await page.waitForFunction(() => Number(document.querySelector("#widget-cascade .widget-figure")?.getAttribute("data-renders") ?? 0) >= 1, undefined, { timeout: 180_000 });
    const elapsed = (Date.now() - started) / 1000;
    console.log(`  1 000 000 positions: worker run and draw in ${elapsed.toFixed(1)} s; main-thread timer delays during the run max ${Math.max(0, ...delays).toFixed(0)} ms`);
    assert.ok(Math.max(0, ...delays) < 250, `main thread stayed responsive (max timer delay ${Math.max(...delays)} ms)`);
    assert.equal(await root.locator("progress").count(), 0, "progress bar gone");
    assert.doesNotMatch(await root.locator(".widget-summary").innerText(), /NaN/);
    assert.deepEqual(problems, []);
  });
});

test("Cancel stops a worker run and keeps the figure that was there", { skip: !hasCascade && "no cascade widget" }, async () => {
  await withPage(browser, "/chapters/theory/#widget-cascade", {}, async ({ page }) => {
    const root = page.locator("#widget-cascade");
    await root.scrollIntoViewIfNeeded();
    await page.waitForSelector("#widget-cascade .widget-figure[data-hydrated]", { timeout: 30_000 });
    const before = await root.locator(".widget-figure").innerHTML();
    const select = root.locator("select").filter({ has: page.locator("option[value='1000000']") });
    const original = await select.inputValue();
    await select.selectOption("1000000");
    await root.locator("progress").waitFor({ timeout: 30_000 });
    await root.getByRole("button", { name: "Cancel" }).click();
    await root.locator("progress").waitFor({ state: "detached", timeout: 5_000 });
    assert.equal(await root.locator(".widget-figure").innerHTML(), before, "figure unchanged after cancel");
    assert.equal(await root.locator(".widget-error").count(), 0, "cancelling is not an error");
    assert.equal(await select.inputValue(), original, "the control shows the settings of the figure on screen again");
    assert.equal(new URL(page.url()).searchParams.has("w.cascade.positions"), false, "and the URL too");
  });
});
