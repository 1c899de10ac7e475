/** Every page loads without errors and passes axe in both themes; nothing overflows at 360 px. */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, launch, sitePaths, withPage } from "./helpers.mjs";

const paths = sitePaths();
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe("every page", () => {
  test("the site has the pages the book promises", () => {
    for (const path of ["/", "/glossary/", "/lab/", "/instructor/"]) assert.ok(paths.includes(path), `missing ${path}`);
    assert.equal(paths.filter((p) => p.startsWith("/chapters/")).length, 6, "six chapter pages");
  });

  for (const path of paths) {
    for (const colorScheme of ["light", "dark"]) {
      test(`${path} (${colorScheme}) loads cleanly and axe finds nothing`, async () => {
        await withPage(browser, path, { colorScheme }, async ({ page, problems }) => {
          assert.equal(await page.locator("html").getAttribute("data-theme"), colorScheme, "theme follows the system");
          assert.equal(await page.locator("h1").count(), 1, "one h1");
          assert.deepEqual(problems, [], "no console errors or failed requests");
          assert.deepEqual(await axeViolations(page), [], "no axe violations");
        });
      });
    }
  }

  for (const path of paths) {
    test(`${path} fits a 360 px screen`, async () => {
      await withPage(browser, path, { width: 360, height: 740 }, async ({ page }) => {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      });
    });
  }

  test("an unknown URL gets the 404 page with a way back", async () => {
    await withPage(browser, undefined, {}, async ({ page }) => {
      const response = await page.goto(new URL("/does-not-exist/", process.env.BOOK_URL).href);
      assert.equal(response.status(), 404);
      assert.match(await page.locator("h1").innerText(), /does not exist/);
      assert.ok((await page.locator("main a[href^='/chapters/']").count()) >= 6);
    });
  });
});
