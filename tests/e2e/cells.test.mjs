/**
 * Code cells in the browser: highlighted code without JavaScript; "Edit & run"
 * loads the editor and runs edited code; an endless loop is stopped within the
 * time limit while the page stays responsive; the reader's code reaches neither
 * the page nor the network (a server on 127.0.0.1 must receive nothing); a
 * shared link restores code without running it; axe finds nothing.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { axeViolations, launch, withPage } from "./helpers.mjs";
import { AxeBuilder } from "@axe-core/playwright";

const PAGE = "/chapters/essence/";
const CELL = "#cell-essence-desk-loan";
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the cell's editor and waits until CodeMirror is on screen. */
async function openEditor(page) {
  const cell = page.locator(CELL);
  await cell.scrollIntoViewIfNeeded();
  await page.waitForSelector(`${CELL} .cell-body[data-hydrated]`, { timeout: 30_000 });
  await cell.getByRole("button", { name: "Edit & run" }).click();
  await cell.locator(".cm-editor").waitFor({ timeout: 30_000 });
  return cell;
}

/** Replaces the editor's code (inserted as text, so auto-closing brackets do not interfere). */
async function setCode(page, cell, code) {
  await cell.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

/** Runs the cell with `trigger` (a click or Mod-Enter) and waits for that run's outcome; returns its status. */
async function runCell(cell, trigger, { timeout = 15_000 } = {}) {
  const before = Number((await cell.locator(".cell-body").getAttribute("data-runs")) ?? 0);
  await trigger();
  await cell.locator(`.cell-body[data-runs="${before + 1}"] .cell-output:not([data-status='running'])`).waitFor({ timeout });
  return cell.locator(".cell-output").getAttribute("data-status");
}

test("without JavaScript the cell is highlighted code", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(new URL(PAGE, process.env.BOOK_URL ?? "http://127.0.0.1:4321/").href);
    const code = page.locator(`${CELL} pre.astro-code`);
    assert.match(await code.innerText(), /exchange\.deskBorrow\("USD", "600000000", \{ hidden: true \}\);/);
    assert.ok((await code.locator("span[style]").count()) > 10, "the code is highlighted at build time");
  } finally {
    await context.close();
  }
});

test("Edit & run: the default cell returns both balance sheets; edited code runs with Mod-Enter", async () => {
  await withPage(browser, PAGE, {}, async ({ page, problems }) => {
    const cell = await openEditor(page);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("cm-content")), true, "the editor has focus");
    assert.equal(await runCell(cell, () => cell.getByRole("button", { name: "Run" }).click()), "ok");
    assert.match(await cell.locator(".cell-logs").innerText(), /Shortfall in truth: 420000000/);
    const sheet = cell.locator(".cell-output table").first();
    assert.match(await sheet.innerText(), /Shortfall\s+\$0\.00\s+\$420,000,000\.00/);
    await cell.locator(".cell-figure[data-drawn]").waitFor();
    assert.ok((await cell.locator(".cell-figure svg").count()) > 0, "the balance sheets are drawn");
    assert.match(await cell.locator(".cell-figure").getAttribute("aria-label"), /True balance sheet: .* a shortfall of \$420,000,000\.00/);

    await setCode(page, cell, 'import { usd } from "cef";\nconsole.log("edited");\nconst total: ReturnType<typeof usd> = usd("0.1").plus("0.2");\nreturn total;');
    assert.equal(await runCell(cell, () => page.keyboard.press("Control+Enter")), "ok");
    assert.equal(await cell.locator(".cell-logs").innerText(), "edited");
    assert.equal(await cell.locator(".cell-exact").innerText(), "0.3");

    await setCode(page, cell, "const a = 1;\n\nconst b = a.nope.deeper;");
    assert.equal(await runCell(cell, () => page.keyboard.press("Control+Enter")), "error");
    assert.match(await cell.locator(".cell-error").innerText(), /^Line 3, column \d+: TypeError: Cannot read properties of undefined/);
    assert.equal(await cell.locator(".cm-error-line").count(), 1, "the error's line is marked in the editor");

    await setCode(page, cell, 'import { readFile } from "fs";\nreturn readFile;');
    assert.equal(await runCell(cell, () => page.keyboard.press("Control+Enter")), "error");
    assert.match(await cell.locator(".cell-error").innerText(), /Line 1.*cef is the only module a cell can import/);

    await cell.getByRole("button", { name: "Reset" }).click();
    assert.match(await cell.locator(".cm-content").innerText(), /deskBorrow/);
    assert.deepEqual(problems, []);
  });
});

test("an endless loop is stopped within the limit, the page stays responsive, the next run works", async () => {
  await withPage(browser, PAGE, {}, async ({ page, problems }) => {
    const cell = await openEditor(page);
    await setCode(page, cell, 'console.log("looping");\nwhile (true) {}');
    const startedAt = Date.now();
    const stopped = runCell(cell, () => cell.getByRole("button", { name: "Run" }).click(), { timeout: 8_000 });
    await cell.locator(".cell-output[data-status='running']").waitFor();
    const delays = [];
    for (let i = 0; i < 8; i++) {
      delays.push(await page.evaluate(() => new Promise((resolve) => { const t = performance.now(); setTimeout(() => resolve(performance.now() - t), 0); })));
      await page.waitForTimeout(100);
    }
    assert.equal(await stopped, "timeout");
    const elapsedMs = Date.now() - startedAt;
    // The limit counts from the moment the code reaches the sandbox; the slack covers a first run's
    // sandbox start on a loaded machine.
    assert.ok(elapsedMs < 2_000 + 4_000, `stopped ${elapsedMs} ms after the click`);
    assert.match(await cell.locator(".cell-status").innerText(), /Stopped after 2 s — is there an endless loop\?/);
    assert.equal(await cell.locator(".cell-logs").innerText(), "looping", "lines printed before the stop are kept");
    assert.ok(Math.max(...delays) < 250, `the page answered during the loop (max timer delay ${Math.max(...delays).toFixed(0)} ms)`);
    await setCode(page, cell, "return 6 * 7;");
    assert.equal(await runCell(cell, () => page.keyboard.press("Control+Enter")), "ok");
    assert.equal(await cell.locator(".cell-exact").innerText(), "42");
    assert.deepEqual(problems, []);
  });
});

test("the reader's code reaches neither the page, its storage, nor the network", async () => {
  const hits = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.setHeader("access-control-allow-origin", "*");
    response.end("self.leaked = true;");
  });
  server.on("upgrade", (request, socket) => {
    hits.push(`UPGRADE ${request.url}`);
    socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  try {
    await withPage(browser, PAGE, {}, async ({ page }) => {
      await page.evaluate(() => localStorage.setItem("cells-test-secret", "do not read"));
      const cell = await openEditor(page);
      const code = `
const report: Record<string, string> = {};
async function attempt(name: string, action: () => unknown) {
  try { report[name] = "reached: " + String(await action()); } catch (error) { report[name] = "blocked: " + String(error).slice(0, 60); }
}
await attempt("document", () => (self as any).document.title);
await attempt("localStorage", () => (self as any).localStorage.getItem("cells-test-secret"));
await attempt("parent", () => (self as any).parent.document.title);
await attempt("indexedDB", () => indexedDB.open("x"));
await attempt("fetch", () => fetch("${origin}/fetch").then((r) => r.status));
await attempt("xhr", () => new Promise((resolve, reject) => { const x = new XMLHttpRequest(); x.open("GET", "${origin}/xhr"); x.onload = () => resolve(x.status); x.onerror = () => reject(new Error("xhr failed")); x.send(); }));
await attempt("importScripts", () => { (self as any).importScripts("${origin}/import.js"); return (self as any).leaked; });
await attempt("websocket", () => new Promise((resolve, reject) => { const w = new WebSocket("${origin.replace("http", "ws")}/ws"); w.onopen = () => resolve("open"); w.onerror = () => reject(new Error("websocket failed")); }));
await attempt("worker", () => new Promise((resolve, reject) => { const w = new Worker("${origin}/worker.js"); w.onerror = () => reject(new Error("worker failed")); setTimeout(() => resolve("no error"), 300); }));
await attempt("eval", () => eval("1 + 1"));
return Object.entries(report).map(([channel, result]) => ({ channel, result }));`;
      await setCode(page, cell, code);
      assert.equal(await runCell(cell, () => page.keyboard.press("Control+Enter")), "ok");
      const rows = await cell.locator(".cell-output tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
      const report = Object.fromEntries(rows);
      for (const channel of ["document", "localStorage", "parent", "indexedDB", "fetch", "xhr", "importScripts", "websocket", "worker", "eval"]) {
        assert.match(report[channel] ?? "missing", /^blocked: /, `${channel}: ${report[channel]}`);
      }
      await page.waitForTimeout(500);
      assert.equal(await page.evaluate(() => localStorage.getItem("cells-test-secret")), "do not read");
      const frame = page.locator("iframe.cell-sandbox");
      assert.equal(await frame.getAttribute("sandbox"), "allow-scripts", "sandboxed, never allow-same-origin");
    });
    assert.deepEqual(hits, [], "the server on 127.0.0.1 received nothing");
  } finally {
    server.close();
  }
});

test("a shared link restores the code without running it", async () => {
  let sharedUrl;
  await withPage(browser, PAGE, {}, async ({ page }) => {
    const cell = await openEditor(page);
    await setCode(page, cell, '// shared by a reader\nconsole.log("ran");\nreturn "shared result";');
    await cell.getByRole("button", { name: "Copy link" }).click();
    await cell.locator(".cell-share").waitFor();
    sharedUrl = page.url();
    assert.match(sharedUrl, /[?&]cell\.essence-desk-loan=[A-Za-z0-9_-]+#cell-essence-desk-loan$/);
  });
  await withPage(browser, undefined, {}, async ({ page, problems }) => {
    await page.goto(sharedUrl, { waitUntil: "networkidle" });
    const cell = page.locator(CELL);
    await cell.locator(".cm-editor").waitFor({ timeout: 30_000 });
    assert.match(await cell.locator(".cm-content").innerText(), /shared by a reader/);
    assert.match(await cell.locator(".cell-notice").innerText(), /runs only when you press Run/);
    await page.waitForTimeout(1000);
    assert.equal(await cell.locator(".cell-body").getAttribute("data-runs"), null, "nothing ran");
    assert.equal(await cell.locator(".cell-logs").count(), 0);
    assert.equal(await runCell(cell, () => cell.getByRole("button", { name: "Run" }).click()), "ok");
    assert.equal(await cell.locator(".cell-logs").innerText(), "ran");
    assert.deepEqual(problems, []);
  });
  await withPage(browser, `${PAGE}?cell.essence-desk-loan=not*valid`, {}, async ({ page }) => {
    const cell = page.locator(CELL);
    await cell.scrollIntoViewIfNeeded();
    await cell.locator(".cell-notice-bad").waitFor({ timeout: 30_000 });
    assert.match(await cell.locator(".cell-notice").innerText(), /could not be read/);
    assert.match(await cell.locator("pre.astro-code").innerText(), /deskBorrow/);
  });
});

test("axe finds nothing in the cell, before and after a run, in both themes", async () => {
  for (const colorScheme of ["light", "dark"]) {
    await withPage(browser, PAGE, { colorScheme }, async ({ page }) => {
      await page.locator(CELL).scrollIntoViewIfNeeded();
      await page.waitForSelector(`${CELL} .cell-body[data-hydrated]`, { timeout: 30_000 });
      const scan = async () => {
        const results = await new AxeBuilder({ page }).include(CELL).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
        return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      };
      assert.deepEqual(await scan(), [], `${colorScheme}, before editing`);
      const cell = await openEditor(page);
      assert.equal(await runCell(cell, () => cell.getByRole("button", { name: "Run" }).click()), "ok");
      await cell.locator(".cell-figure[data-drawn]").waitFor();
      assert.deepEqual(await scan(), [], `${colorScheme}, after a run`);
    });
  }
});

test("the whole chapter page stays axe-clean with the cell on it", async () => {
  await withPage(browser, PAGE, {}, async ({ page }) => {
    assert.deepEqual(await axeViolations(page), []);
  });
});
