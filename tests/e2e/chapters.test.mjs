/**
 * Every chapter, as a student reads it: objectives first, every citation
 * numbered and resolved to its reference, every term linked to the glossary,
 * a Key ideas section, three check-yourself questions with answers behind a
 * disclosure, and something to see — a widget or a worked example (a table
 * or a formula) — in every section of the text.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launch, withPage, sitePaths } from "./helpers.mjs";

const chapters = sitePaths().filter((path) => path.startsWith("/chapters/"));
const FURNITURE = /^(Key ideas|Check yourself|Exercises|References|After this chapter you can)$/;
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe("chapters", () => {
  for (const path of chapters) {
    test(`${path} is complete`, async () => {
      await withPage(browser, path, {}, async ({ page }) => {
        const article = page.locator("main article");
        assert.ok((await article.locator(".objectives li").count()) >= 3, "objectives");

        const cites = await article.locator("sup.cite a").evaluateAll((links) => links.map((a) => ({ text: a.textContent, href: a.getAttribute("href") })));
        for (const cite of cites) {
          assert.match(cite.text, /^\[\d+\]$/, `citation numbered: ${cite.text}`);
          assert.equal(await page.locator(cite.href).count(), 1, `reference ${cite.href} listed`);
        }
        const terms = await article.locator("a.term").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
        for (const href of terms) assert.match(href, /^\/glossary\/#[a-z0-9-]+$/);

        const headings = await article.locator("h2").allInnerTexts();
        assert.ok(headings.includes("Key ideas"), "a Key ideas section");
        assert.ok(headings.includes("Check yourself"), "a Check yourself section");
        const questions = await page.evaluate(() => {
          const heading = [...document.querySelectorAll("article h2")].find((h) => h.textContent === "Check yourself");
          const found = [];
          for (let node = heading?.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
            for (const details of node.matches("details") ? [node] : node.querySelectorAll("details")) {
              found.push({ question: details.querySelector("summary")?.textContent ?? "", answer: details.textContent.length });
            }
          }
          return found;
        });
        assert.equal(questions.length, 3, "three check-yourself questions");
        for (const q of questions) assert.ok(q.question.length > 10 && q.answer > q.question.length + 40, `an answer behind "${q.question}"`);

        const bare = await page.evaluate((furniture) => {
          const missing = [];
          for (const heading of document.querySelectorAll("article h2")) {
            if (new RegExp(furniture).test(heading.textContent ?? "")) continue;
            let shown = false;
            for (let node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
              // A widget here, a link to a widget elsewhere in the book, a table or a formula.
              const shows = "figure.widget, table, .katex-display, figure.figure, a[href*='#widget-']";
              if (node.matches(shows) || node.querySelector(`${shows}, .katex`)) shown = true;
            }
            if (!shown) missing.push(heading.textContent);
          }
          return missing;
        }, FURNITURE.source);
        assert.deepEqual(bare, [], "every section shows a widget or a worked example");
      });
    });
  }
});
