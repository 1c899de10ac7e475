/**
 * The Lab as a reader uses it: the playground opens in the editor with the
 * first starter example, a chosen example runs and shows its result, an
 * example's "Open in the playground" link restores that code without running
 * it, and the API reference has an anchored entry for every module.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, withPage } from "./helpers.mjs";
import { STARTER_EXAMPLES } from "../../src/lib/cells/examples.ts";

const CELL = "#cell-lab";
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The playground's code as the editor shows it. */
async function editorText(page) {
  await page.locator(`${CELL} .cm-editor`).waitFor({ timeout: 30_000 });
  return page.locator(`${CELL} .cm-content`).innerText();
}

test("the playground runs a starter example chosen from the list", async () => {
  await withPage(browser, "/lab/", {}, async ({ page, problems }) => {
    const cell = page.locator(CELL);
    const first = STARTER_EXAMPLES[0];
    // The editor opens with an example in it; the first line of the list's first example is there.
    assert.ok((await editorText(page)).length > 0, "the playground starts with code");

    const example = STARTER_EXAMPLES.find((e) => e.module === "margin") ?? first;
    const select = cell.getByRole("combobox");
    const value = await select.locator("option", { hasText: example.title }).first().getAttribute("value");
    await select.selectOption(value);
    const firstLine = example.code.split("\n").find((line) => line.trim() !== "");
    assert.ok((await editorText(page)).includes(firstLine.trim()), "choosing an example puts its code in the editor");

    const runsBefore = Number((await cell.locator(".cell-body").getAttribute("data-runs")) ?? 0);
    await cell.getByRole("button", { name: "Run", exact: true }).click();
    await cell.locator(`.cell-body[data-runs="${runsBefore + 1}"] .cell-output:not([data-status='running'])`).waitFor({ timeout: 30_000 });
    assert.equal(await cell.locator(".cell-output").getAttribute("data-status"), "ok");
    assert.ok((await cell.locator(".cell-output").innerText()).trim().length > 0, "the run shows a result");
    assert.deepEqual(problems, []);
  });
});

test("an example's link opens its code in the playground without running it", async () => {
  await withPage(browser, "/lab/", {}, async ({ page }) => {
    const example = STARTER_EXAMPLES.find((e) => e.module === "reserves") ?? STARTER_EXAMPLES[0];
    const href = await page.locator(`#example-${example.id} a.lab-open`).getAttribute("href");
    assert.match(href, /\?cell\.lab=/);
    await page.goto(new URL(href, page.url()).href, { waitUntil: "networkidle" });
    const firstLine = example.code.split("\n").find((line) => line.trim() !== "");
    assert.ok((await editorText(page)).includes(firstLine.trim()), "the shared code is in the editor");
    const runs = Number((await page.locator(`${CELL} .cell-body`).getAttribute("data-runs")) ?? 0);
    assert.equal(runs, 0, "a shared link does not run the code");
  });
});

test("the API reference has a section for every module", async () => {
  await withPage(browser, "/lab/", {}, async ({ page }) => {
    const modules = await page.locator("section.api-module h3").allInnerTexts();
    for (const name of ["money", "ledger", "exchange", "margin", "liquidation", "cascade", "reserves", "settlement"]) {
      assert.ok(modules.includes(name), `the reference covers ${name}`);
    }
    assert.ok((await page.locator('[id^="api-"]').count()) > 50, "entries have anchors");
  });
});
