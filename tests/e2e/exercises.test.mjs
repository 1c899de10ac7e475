/**
 * Exercises in the browser, as a student uses them: for each kind (numeric,
 * choice, setting, code) a wrong answer then the right one — the right answer
 * computed here from the registry and the student's drawn parameters, never
 * typed in; progress that survives a reload; export and import of progress;
 * damaged storage reported with a backup kept; a malformed assignment link
 * explained; and axe on a chapter with an exercise open and on an assignment.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BASE, axeViolations, launch, withPage } from "./helpers.mjs";
import { exercises } from "../../src/lib/exercises/registry.ts";
import { BOOK_ASSIGNMENT, drawParams, variantSeed } from "../../src/lib/exercises/seed.ts";
import { completionCode } from "../../src/lib/exercises/receipt.ts";
import { formatAnswer } from "../../src/lib/exercises/numeric.ts";
import { encodeAssignment } from "../../src/lib/exercises/assignment.ts";
import { widgetLoaders } from "../../components/widgets/_kit/loaders.ts";
import { defaultValues } from "../../src/lib/urlState.ts";
import { Decimal } from "../../src/sim/money.ts";

const STUDENT = "e2e-ada";
/** The answer as a student would type it: the exact answer rounded to 6 places (well inside every tolerance), in its unit. */
const typed = (value, unit) => formatAnswer(new Decimal(value).toDecimalPlaces(6).toFixed(), unit);
const ofKind = (kind) => {
  const found = exercises.find((exercise) => exercise.kind === kind);
  assert.ok(found, `the book has a ${kind} exercise`);
  return found;
};

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A page whose browser already has the student id (as if typed earlier). */
async function withStudent(path, fn, options = {}) {
  return withPage(browser, undefined, options, async (opened) => {
    await opened.context.addInitScript((id) => {
      try {
        if (!localStorage.getItem("cef-student-id")) localStorage.setItem("cef-student-id", id);
      } catch {
        // the code-cell sandbox (an opaque origin) has no storage
      }
    }, STUDENT);
    await opened.page.goto(new URL(path, BASE).href, { waitUntil: "networkidle" });
    return fn(opened);
  });
}

/** Scrolls to an exercise and waits until its island has hydrated and loaded the student's numbers. */
async function openExercise(page, id) {
  const block = page.locator(`#exercise-${id}`);
  await block.scrollIntoViewIfNeeded();
  await page.waitForFunction((exerciseId) => {
    const live = document.querySelector(`#exercise-${exerciseId} [data-exercise-live]`);
    return live && !live.closest("astro-island[ssr]") && live.getAttribute("data-loaded") === "true";
  }, id, { timeout: 30_000 });
  return block;
}

async function submit(block) {
  await block.locator(".exercise-form button[type=submit]").click();
}

async function feedback(block, pattern) {
  const region = block.locator(".exercise-feedback");
  await region.locator(".feedback").first().waitFor();
  await block.page().waitForFunction(([el, source]) => new RegExp(source).test(el.textContent ?? ""), [await region.elementHandle(), pattern.source], { timeout: 30_000 });
  return region.innerText();
}

/**
 * The widget settings that solve a setting exercise, as a query string: the canonical answer's
 * key=value pairs over the widget's defaults, confirmed by the exercise's own check.
 */
async function rightSettingsQuery(exercise, params) {
  const model = (await widgetLoaders[exercise.widget]()).default;
  const defaults = defaultValues(model.params);
  const rightState = { ...defaults };
  for (const pair of exercise.canonical(params).split(",")) {
    const [key, value] = pair.split("=");
    if (key in rightState) rightState[key] = typeof defaults[key] === "number" ? Number(value) : typeof defaults[key] === "boolean" ? value === "true" : value;
  }
  assert.equal(exercise.check(params, rightState).ok, true, "the canonical settings pass the check");
  return Object.entries(rightState).map(([key, value]) => `w.${exercise.widget}.${key}=${encodeURIComponent(typeof value === "boolean" ? (value ? "1" : "0") : String(value))}`).join("&");
}

const attemptsText = (block) => block.locator(".exercise-attempts").innerText();
const expectedCode = (exercise, assignmentId, studentId) =>
  completionCode(variantSeed(assignmentId, exercise.id, studentId), exercise.canonical(drawParams(exercise, assignmentId, studentId)));

describe("exercises on a chapter page", () => {
  test("numeric: garbage is guidance, a wrong answer counts, the right one earns the code; all survive a reload", async () => {
    const exercise = ofKind("numeric");
    const params = drawParams(exercise, BOOK_ASSIGNMENT, STUDENT);
    const answer = exercise.answer(params);
    const right = typed(answer, exercise.unit);
    const wrong = typed(new Decimal(answer).times(2).plus(1000), exercise.unit);
    await withStudent(`/chapters/${exercise.chapter}/`, async ({ page, problems }) => {
      const block = await openExercise(page, exercise.id);
      const field = block.locator("input[type=text]").first();
      await field.fill("twelve and a bit");
      await submit(block);
      assert.match(await feedback(block, /\S/), /./);
      assert.equal(await block.locator(".feedback.guidance").count(), 1, "unreadable input is guidance");
      assert.match(await attemptsText(block), /No attempts yet/);

      await field.fill(wrong);
      await submit(block);
      await feedback(block, /Not yet/);
      assert.match(await attemptsText(block), /^1 attempt/);

      await field.fill(right);
      await field.press("Enter");
      const text = await feedback(block, /Completion code/);
      assert.match(text, /Correct/);
      assert.ok(text.includes(expectedCode(exercise, BOOK_ASSIGNMENT, STUDENT)), `code ${expectedCode(exercise, BOOK_ASSIGNMENT, STUDENT)} in: ${text}`);

      await page.reload({ waitUntil: "networkidle" });
      const again = await openExercise(page, exercise.id);
      assert.match(await attemptsText(again), /2 attempts · solved/);
      assert.equal(await again.locator("input[type=text]").first().inputValue(), right, "last answer restored");
      assert.ok((await again.locator(".exercise-feedback").innerText()).includes(expectedCode(exercise, BOOK_ASSIGNMENT, STUDENT)));
      assert.deepEqual(problems, []);
    });
  });

  test("choice: a wrong selection then the right one", async () => {
    const exercise = ofKind("choice");
    const params = drawParams(exercise, BOOK_ASSIGNMENT, STUDENT);
    const correct = exercise.correct(params);
    const wrongId = exercise.choices(params).find((choice) => !correct.includes(choice.id)).id;
    await withStudent(`/chapters/${exercise.chapter}/`, async ({ page, problems }) => {
      const block = await openExercise(page, exercise.id);
      assert.equal(await block.locator("fieldset legend").first().innerText(), exercise.multiple ? "Select all that apply" : "Choose one");
      await submit(block);
      await feedback(block, /\S/);
      assert.match(await attemptsText(block), /No attempts yet/, "nothing chosen is not an attempt");
      await block.locator(`#ex-${exercise.id}-choice-${wrongId}`).check();
      await submit(block);
      await feedback(block, /Not yet/);
      if (!exercise.multiple) {
        await block.locator(`#ex-${exercise.id}-choice-${correct[0]}`).check();
      } else {
        await block.locator(`#ex-${exercise.id}-choice-${wrongId}`).uncheck();
        for (const id of correct) await block.locator(`#ex-${exercise.id}-choice-${id}`).check();
      }
      await submit(block);
      const text = await feedback(block, /Completion code/);
      assert.ok(text.includes(expectedCode(exercise, BOOK_ASSIGNMENT, STUDENT)));
      assert.deepEqual(problems, []);
    });
  });

  test("setting: the figure's settings are read, judged wrong, then right", async () => {
    const exercise = ofKind("setting");
    const params = drawParams(exercise, BOOK_ASSIGNMENT, STUDENT);
    const model = (await widgetLoaders[exercise.widget]()).default;
    assert.equal(exercise.check(params, defaultValues(model.params)).ok, false, "the default figure is not the answer");
    const query = await rightSettingsQuery(exercise, params);
    await withStudent(`/chapters/${exercise.chapter}/`, async ({ page, problems }) => {
      const widget = page.locator(`#widget-${exercise.widget}`);
      await widget.scrollIntoViewIfNeeded();
      await page.waitForSelector(`#widget-${exercise.widget} .widget-figure[data-hydrated]`, { timeout: 30_000 });
      const block = await openExercise(page, exercise.id);
      assert.ok(await block.locator(`a[href="#widget-${exercise.widget}"]`).count() > 0, "links to the figure above");
      await submit(block);
      await feedback(block, /Not yet/);
      assert.match(await block.locator(".answer-setting-read").innerText(), /Settings read from the figure/);
      assert.match(await attemptsText(block), /^1 attempt/);

      await page.goto(new URL(`/chapters/${exercise.chapter}/?${query}`, BASE).href, { waitUntil: "networkidle" });
      await page.locator(`#widget-${exercise.widget}`).scrollIntoViewIfNeeded();
      await page.waitForSelector(`#widget-${exercise.widget} .widget-figure[data-hydrated]`, { timeout: 30_000 });
      const again = await openExercise(page, exercise.id);
      await submit(again);
      const text = await feedback(again, /Completion code/);
      assert.ok(text.includes(expectedCode(exercise, BOOK_ASSIGNMENT, STUDENT)));
      assert.match(await attemptsText(again), /2 attempts · solved/);
      assert.deepEqual(problems, []);
    });
  });

  test("code: failing checks, an endless loop stopped, then the reference passes", async () => {
    const exercise = ofKind("code");
    const params = drawParams(exercise, BOOK_ASSIGNMENT, STUDENT);
    await withStudent(`/chapters/${exercise.chapter}/`, async ({ page, problems }) => {
      const block = await openExercise(page, exercise.id);
      const editor = block.locator("textarea");
      assert.equal(await editor.inputValue(), exercise.starter(params), "starts from the starter code");
      await submit(block);
      await feedback(block, /Not yet/);
      assert.ok((await block.locator(".check-results li.fail").count()) > 0, "failing checks listed");
      assert.match(await attemptsText(block), /^1 attempt/);

      await editor.fill("while (true) {}\nexport function never() {}\n");
      await submit(block);
      await feedback(block, /stopped after/);
      assert.match(await attemptsText(block), /^1 attempt/, "a time-out is not an attempt");

      await editor.fill(exercise.reference(params));
      await editor.press("Control+Enter");
      const text = await feedback(block, /Completion code/);
      assert.ok(text.includes(expectedCode(exercise, BOOK_ASSIGNMENT, STUDENT)));
      assert.equal(await block.locator(".check-results li.fail").count(), 0);
      assert.ok((await block.locator(".check-results li.pass").count()) > 0);
      // The sandbox replaces the worker it terminated after the endless loop; Chromium reports the
      // replaced spare worker's blob: script as a failed request. Not a page problem (see the report).
      assert.deepEqual(problems.filter((problem) => !/^request failed: blob:null\//.test(problem)), []);
    });
  });

  for (const colorScheme of ["light", "dark"]) test(`hints one at a time and the worked solution after an attempt; axe finds nothing (${colorScheme})`, async () => {
    const exercise = ofKind("numeric");
    await withPage(browser, `/chapters/${exercise.chapter}/`, { colorScheme }, async ({ page, problems }) => {
      const block = page.locator(`#exercise-${exercise.id}`);
      await block.scrollIntoViewIfNeeded();
      await page.waitForFunction((id) => !document.querySelector(`#exercise-${id} astro-island[ssr]`), exercise.id);
      assert.equal(await block.getByRole("button", { name: "Show the worked solution" }).count(), 0, "no solution before an attempt");
      await block.getByRole("button", { name: /Show a hint \(1 of/ }).click();
      await block.locator(".exercise-hints li").first().waitFor();
      assert.equal(await block.locator(".exercise-hints li").count(), 1);
      await block.locator("input[type=text]").first().fill("1");
      await submit(block);
      await feedback(block, /\S/);
      await block.getByRole("button", { name: "Show the worked solution" }).click();
      await block.locator(".exercise-solution").waitFor();
      assert.ok((await block.locator(".exercise-solution").innerText()).length > 40);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
    });
  });

  test("the question reads without JavaScript", async () => {
    const exercise = ofKind("choice");
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(new URL(`/chapters/${exercise.chapter}/`, BASE).href);
    const block = page.locator(`#exercise-${exercise.id}`);
    assert.ok((await block.locator(".exercise-prompt").innerText()).length > 20);
    assert.equal(await block.locator("input[type=radio], input[type=checkbox]").count(), exercise.choices(drawParams(exercise, BOOK_ASSIGNMENT, "")).length);
    await context.close();
  });
});

describe("progress", () => {
  test("export, clear, import: the record comes back", async () => {
    const exercise = ofKind("numeric");
    const right = typed(exercise.answer(drawParams(exercise, BOOK_ASSIGNMENT, STUDENT)), exercise.unit);
    await withStudent(`/chapters/${exercise.chapter}/`, async ({ page, problems }) => {
      const block = await openExercise(page, exercise.id);
      await block.locator("input[type=text]").first().fill(right);
      await submit(block);
      await feedback(block, /Completion code/);

      await page.goto(new URL("/progress/", BASE).href, { waitUntil: "networkidle" });
      const row = page.locator("tr", { has: page.locator(`a[href$="#exercise-${exercise.id}"]`) });
      await row.waitFor();
      assert.match(await row.innerText(), /Solved/);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Export my progress/ }).click()]);
      const file = readFileSync(await download.path(), "utf8");
      const parsed = JSON.parse(file);
      assert.equal(parsed.format, "cef-progress");
      assert.ok(parsed.records.some((record) => record.exerciseId === exercise.id && record.correct));

      await page.evaluate(() => localStorage.removeItem("cef-progress"));
      await page.reload({ waitUntil: "networkidle" });
      await row.waitFor();
      assert.match(await row.innerText(), /Not started/);

      await page.locator("#progress-import-all").setInputFiles({ name: "progress.json", mimeType: "application/json", buffer: Buffer.from(file) });
      await page.locator(".progress-message .feedback").waitFor();
      assert.match(await page.locator(".progress-message").innerText(), /Imported/);
      assert.match(await row.innerText(), /Solved/);

      await page.locator("#progress-import-all").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"format":"cef-progress","version":2,"records":[{"oops":1}]}') });
      await page.waitForFunction(() => /could not be read/.test(document.querySelector(".progress-message")?.textContent ?? ""));
      assert.match(await row.innerText(), /Solved/, "a damaged file changes nothing");
      assert.deepEqual(problems, []);
    });
  });

  test("damaged storage: a notice, and the damaged text kept as a backup", async () => {
    await withPage(browser, "/progress/", {}, async ({ page, problems }) => {
      await page.evaluate(() => localStorage.setItem("cef-progress", "{this is not json"));
      await page.reload({ waitUntil: "networkidle" });
      const notice = page.locator(".progress-notice");
      await notice.waitFor();
      assert.match(await notice.innerText(), /damaged/);
      assert.match(await notice.innerText(), /cef-progress-backup-/);
      const backups = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("cef-progress-backup-")).map((key) => localStorage.getItem(key)));
      assert.deepEqual(backups, ["{this is not json"]);
      assert.deepEqual(problems, []);
    });
  });
});

describe("assignment page", () => {
  const numeric = ofKind("numeric");
  const setting = ofKind("setting");
  const spec = { v: 1, id: "e2e-hw1", title: "Week 1: when margin runs out", due: "2026-12-20", exercises: [setting.id, numeric.id], solutions: "after-attempt" };
  const link = `/assignment/?a=${encodeAssignment(spec)}`;

  test("a malformed or cut link says what is wrong and to ask the instructor", async () => {
    for (const bad of ["not-a-link!", encodeAssignment(spec).slice(0, 30), `${encodeAssignment(spec).slice(0, -1)}A`]) {
      await withPage(browser, `/assignment/?a=${encodeURIComponent(bad)}`, {}, async ({ page, problems }) => {
        const alert = page.locator(".assignment-error[role=alert]");
        await alert.waitFor();
        const text = await alert.innerText();
        assert.match(text, /does not work/);
        assert.match(text, /instructor/i);
        assert.equal(await page.locator("#assignment-exercises").isVisible(), false);
        assert.deepEqual(problems, []);
      });
    }
  });

  test("title, student id first, the exercises in order, a correct answer's code, the answers file; axe clean", async () => {
    await withPage(browser, link, {}, async ({ page, problems }) => {
      assert.equal(await page.locator("h1").innerText(), spec.title);
      assert.equal(await page.locator("#assignment-exercises").isVisible(), false, "exercises wait for the student id");
      await page.locator("#student-id-input").fill(STUDENT);
      await page.getByRole("button", { name: "Save id" }).click();
      await page.locator(`#exercise-${setting.id}`).waitFor();
      const order = await page.locator("#assignment-exercises > section:not([hidden])").evaluateAll((sections) => sections.map((s) => s.dataset.exerciseId));
      assert.deepEqual(order, spec.exercises);
      assert.equal(await page.locator(`#exercise-${setting.id} #widget-${setting.widget}`).count(), 1, "the setting exercise carries its figure");

      const block = await openExercise(page, numeric.id);
      assert.match(await block.locator(".exercise-title").innerText(), /^Exercise 2\./);
      const params = drawParams(numeric, spec.id, STUDENT);
      await block.locator("input[type=text]").first().fill(typed(numeric.answer(params), numeric.unit));
      await submit(block);
      const code = expectedCode(numeric, spec.id, STUDENT);
      assert.ok((await feedback(block, /Completion code/)).includes(code));
      const footer = page.locator("#assignment-footer");
      await footer.locator(".completion-code", { hasText: code }).waitFor();

      // The setting exercise reads the widget inside its own block (set here through the widget's URL state).
      await page.goto(new URL(`${link}&${await rightSettingsQuery(setting, drawParams(setting, spec.id, STUDENT))}`, BASE).href, { waitUntil: "networkidle" });
      const settingBlock = page.locator(`#exercise-${setting.id}`);
      await settingBlock.locator(".widget").scrollIntoViewIfNeeded();
      await page.waitForSelector(`#exercise-${setting.id} .widget-figure[data-hydrated]`, { timeout: 30_000 });
      await settingBlock.locator(".exercise-form").scrollIntoViewIfNeeded();
      await openExercise(page, setting.id);
      await submit(settingBlock);
      assert.ok((await feedback(settingBlock, /Completion code/)).includes(expectedCode(setting, spec.id, STUDENT)));

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download my answers" }).click()]);
      const answers = JSON.parse(readFileSync(await download.path(), "utf8"));
      assert.deepEqual(answers.answers.map((answer) => [answer.exerciseId, answer.correct]), [[setting.id, true], [numeric.id, true]], "both answers, in the assignment's order");
      assert.ok(JSON.stringify(answers).includes(STUDENT), "and the student");
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
    });
  });
});
