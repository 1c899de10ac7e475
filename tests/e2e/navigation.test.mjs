/** Reading the book: sidebar, previous/next, search, term popovers, theme persistence, print, screenshots. */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, withPage } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe("navigation", () => {
  test("the sidebar lists six chapters in order and marks the current one", async () => {
    await withPage(browser, "/chapters/theory/", {}, async ({ page }) => {
      const links = page.locator(".sidebar ol a");
      assert.equal(await links.count(), 6);
      assert.match(await page.locator(".sidebar a[aria-current='page']").innerText(), /Theory/);
      await page.locator(".sidebar ol a").first().click();
      await page.waitForURL(/\/chapters\/essence\/$/);
    });
  });

  test("previous and next walk the chapters in order", async () => {
    await withPage(browser, "/chapters/essence/", {}, async ({ page }) => {
      assert.equal(await page.locator(".chapter-nav a[rel='prev']").count(), 0, "the first chapter has no previous");
      const visited = [];
      for (let i = 0; i < 5; i++) {
        await page.locator(".chapter-nav a[rel='next']").click();
        await page.waitForLoadState("domcontentloaded");
        visited.push(new URL(page.url()).pathname);
      }
      assert.deepEqual(visited, ["/chapters/origin/", "/chapters/theory/", "/chapters/approach/", "/chapters/evolution/", "/chapters/horizon/"]);
      assert.equal(await page.locator(".chapter-nav a[rel='next']").count(), 0, "the last chapter has no next");
      await page.locator(".chapter-nav a[rel='prev']").click();
      await page.waitForURL(/\/chapters\/evolution\/$/);
    });
  });

  test("a chapter shows its objectives, reading time and an outline of its headings", async () => {
    await withPage(browser, "/chapters/origin/", {}, async ({ page }) => {
      assert.ok((await page.locator(".objectives li").count()) >= 3);
      assert.match(await page.locator("[data-reading-time]").innerText(), /^\d+ min read$/);
      const outline = page.locator(".toc a");
      assert.ok((await outline.count()) >= 3);
      const href = await outline.first().getAttribute("href");
      assert.equal(await page.locator(href).count(), 1, `outline target ${href} exists`);
    });
  });

  test("search finds a glossary term from the header and the result leads to its entry", async () => {
    await withPage(browser, "/", {}, async ({ page, problems }) => {
      await page.keyboard.press("Tab"); // skip link
      await page.locator("#site-search").focus();
      await page.keyboard.type("rehypothecation");
      const glossaryHit = page.locator("#search-results li a[href='/glossary/#rehypothecation']");
      await glossaryHit.waitFor({ timeout: 10_000 });
      assert.match(await page.locator("#search-status").innerText(), /result/);
      await glossaryHit.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/glossary\/#rehypothecation$/);
      const heading = page.locator("h2#rehypothecation");
      assert.equal(await heading.innerText(), "Rehypothecation");
      assert.ok(await heading.isVisible());
      assert.deepEqual(problems, []);
    });
  });

  test("search reports what it found for any query, even nonsense", async () => {
    await withPage(browser, "/glossary/", {}, async ({ page }) => {
      // Pagefind matches loosely (single-letter tokens from formulas), so a nonsense query may
      // still find something; what must hold is that the status line says how many it found.
      await page.locator("#site-search").fill("xqzvbnmkq");
      await page.locator("#search-status").filter({ hasText: /(No results|\d+ results?) for “xqzvbnmkq”/ }).waitFor({ timeout: 10_000 });
      const status = await page.locator("#search-status").innerText();
      const shown = await page.locator("#search-results li").count();
      assert.equal(status.startsWith("No results") ? 0 : Number(status.split(" ")[0]), shown);
    });
  });

  test("a term's definition pops up on keyboard focus and hover, and Escape hides it", async () => {
    await withPage(browser, "/chapters/essence/", {}, async ({ page }) => {
      const term = page.locator("a.term").first();
      const tipId = await term.getAttribute("aria-describedby");
      const tip = page.locator(`[id="${tipId}"]`);
      assert.equal(await tip.isVisible(), false, "hidden before focus");
      // Reach it with the keyboard, as a keyboard user would.
      await term.focus();
      await tip.waitFor({ state: "visible" });
      assert.ok((await tip.innerText()).length > 20, "shows the short definition");
      await page.keyboard.press("Escape");
      await tip.waitFor({ state: "hidden" });
      await page.locator("h1").hover();
      await term.hover();
      await tip.waitFor({ state: "visible" });
    });
  });

  test("the theme toggle switches theme and the choice survives a reload", async () => {
    await withPage(browser, "/", { colorScheme: "light" }, async ({ page }) => {
      const toggle = page.locator("[data-theme-toggle]");
      assert.equal(await toggle.getAttribute("aria-pressed"), "false");
      await toggle.click();
      assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
      assert.equal(await toggle.getAttribute("aria-pressed"), "true");
      await page.reload();
      assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
      await page.goto(new URL("/glossary/", BASE).href);
      assert.equal(await page.locator("html").getAttribute("data-theme"), "dark", "persists across pages");
      await page.locator("[data-theme-toggle]").click();
      await page.reload();
      assert.equal(await page.locator("html").getAttribute("data-theme"), "light");
    });
  });

  test("a chapter prints without navigation chrome", async () => {
    await withPage(browser, "/chapters/theory/", {}, async ({ page }) => {
      await page.emulateMedia({ media: "print" });
      for (const selector of [".site-header", ".sidebar", ".toc", ".chapter-nav"]) {
        assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} hidden in print`);
      }
      assert.ok(await page.locator("article h1").isVisible());
      const pdf = await page.pdf({ format: "A4" });
      assert.ok(pdf.length > 10_000, "a real PDF");
    });
  });

  test("screenshots of home, a chapter and the glossary in both themes", async () => {
    for (const colorScheme of ["light", "dark"]) {
      for (const [name, path] of [["home", "/"], ["chapter", "/chapters/theory/"], ["glossary", "/glossary/"]]) {
        await withPage(browser, path, { colorScheme }, async ({ page }) => {
          await page.screenshot({ path: `test-results/${name}-${colorScheme}.png`, fullPage: false });
        });
      }
    }
    await withPage(browser, "/chapters/theory/", { width: 360, height: 740 }, async ({ page }) => {
      await page.screenshot({ path: "test-results/chapter-360.png" });
    });
  });
});
