/**
 * The Instructor page, walked through as an instructor: build an assignment
 * (exercises picked by chapter, title, due date), take its link, paste a
 * roster of three, download the answer key and check it against the library;
 * a student from the roster opens the link and sees exactly the key's numbers;
 * two answer files (one right, one wrong) and a damaged one are regraded; the
 * page passes axe in both themes, fits 360 px, and prints only the sheet.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axeViolations, launch, openPage, withPage } from "./helpers.mjs";
import { exercisesForChapter } from "../../src/lib/exercises/registry.ts";
import { drawParams, variantSeed } from "../../src/lib/exercises/seed.ts";
import { completionCode } from "../../src/lib/exercises/receipt.ts";
import { decodeAssignment } from "../../src/lib/exercises/assignment.ts";
import { parseExerciseText, plainText } from "../../src/lib/exercises/text.ts";
import { buildAnswersFile, paramsShort, parseDelimited } from "../../src/lib/exercises/gradebook.ts";

const CHAPTER = "theory";
const TITLE = "Week 3: Liquidations";
const DUE = "2026-12-15";
const ROSTER = ["s-001", "s-002", "Ada Lovelace"];
/** The chapter's first two exercises that are not code (a code exercise's prompt has no drawn numbers to compare). */
const picked = exercisesForChapter(CHAPTER).filter((exercise) => exercise.kind !== "code").slice(0, 2);

let browser;
let session;
/** Filled in by the tests in order: the share link and its decoded spec. */
const state = { link: "", spec: undefined };

before(async () => {
  browser = await launch();
  session = await openPage(browser, "/instructor/");
  await session.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(session.page.url()).origin });
  await session.page.locator(".instructor-app[data-ready='true']").waitFor();
});
after(async () => {
  await session?.context.close();
  await browser?.close();
});

const parseCsv = (text) => parseDelimited(text, ",");

/** Clicks a download link and returns the downloaded file's name and text. */
async function download(page, locator) {
  const [file] = await Promise.all([page.waitForEvent("download"), locator.click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}

/** The numbers in a text, as written (grouping commas removed). */
function numbersIn(text) {
  return (text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => n.replace(/,/g, ""));
}

describe("Instructor page", () => {
  test("the theory chapter has two exercises to pick", () => {
    assert.equal(picked.length, 2, `chapter ${CHAPTER} needs two non-code exercises for this test`);
  });

  test("no exercise and no title: the page says what is missing instead of giving a link", async () => {
    const { page } = session;
    const problems = page.locator(".share-problems li");
    await problems.first().waitFor();
    const text = (await problems.allInnerTexts()).join(" ");
    assert.match(text, /title/i);
    assert.match(text, /exercise/i);
    assert.equal(await page.locator("#assignment-link").count(), 0);
  });

  test("filtering by chapter shows only that chapter's exercises; picking, title and due date give a link", async () => {
    const { page } = session;
    await page.locator("#filter-chapter").selectOption(CHAPTER);
    const shownIds = await page.locator(".picker-options input[type=checkbox]").evaluateAll((inputs) => inputs.map((input) => input.dataset.exerciseId));
    assert.deepEqual(shownIds, exercisesForChapter(CHAPTER).map((exercise) => exercise.id), "exactly the chapter's exercises, in book order");
    for (const exercise of picked) await page.locator(`#pick-${exercise.id}`).check();
    // Reorder from the keyboard: the second goes first, then back; focus stays on the moved item's button.
    await page.getByRole("button", { name: `Move “${picked[1].title}” up` }).focus();
    await page.keyboard.press("Enter");
    assert.deepEqual(await page.locator(".picked-list li").evaluateAll((items) => items.map((li) => li.dataset.pickedId)), [picked[1].id, picked[0].id]);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), `Move “${picked[1].title}” up`);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    assert.deepEqual(await page.locator(".picked-list li").evaluateAll((items) => items.map((li) => li.dataset.pickedId)), picked.map((e) => e.id));
    await page.locator("#assignment-title").fill(TITLE);
    await page.locator("#assignment-due").fill(DUE);
    const link = await page.locator("#assignment-link").inputValue();
    assert.match(link, /\/assignment\/\?a=/);
    const decoded = decodeAssignment(link);
    assert.ok(decoded.ok, decoded.message);
    assert.deepEqual(decoded.spec, {
      v: 1,
      id: "week-3-liquidations",
      title: TITLE,
      due: DUE,
      exercises: picked.map((exercise) => exercise.id),
      solutions: "after-attempt",
    });
    state.link = link;
    state.spec = decoded.spec;
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.locator(".share .status", { hasText: "copied" }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  });

  test("the builder lives in the page's address: a reload brings the assignment back", async () => {
    await withPage(browser, session.page.url(), {}, async ({ page }) => {
      await page.locator(".instructor-app[data-ready='true']").waitFor();
      assert.equal(await page.locator("#assignment-title").inputValue(), TITLE);
      assert.equal(await page.locator("#assignment-due").inputValue(), DUE);
      assert.equal(await page.locator("#assignment-link").inputValue(), state.link);
    });
    await withPage(browser, "/instructor/?a=eyJ2IjoxfQ.damaged", {}, async ({ page }) => {
      await page.locator(".instructor-app[data-ready='true']").waitFor();
      assert.match(await page.locator(".builder .status").first().innerText(), /could not be read/);
      assert.equal(await page.locator("#assignment-title").inputValue(), "");
    });
  });

  test("roster problems are said plainly: empty roster, duplicate ids", async () => {
    const { page } = session;
    await page.getByRole("button", { name: "Make the answer key" }).click();
    assert.match(await page.locator(".roster-status").innerText(), /empty/i);
    await page.locator("#roster-text").fill("s-001\ns-001\n");
    await page.getByRole("button", { name: "Make the answer key" }).click();
    assert.match(await page.locator(".roster-problems").innerText(), /s-001/);
    assert.match(await page.locator(".roster-problems").innerText(), /twice|duplicate|more than once/i);
  });

  test("a roster of three gives a key table and a CSV whose rows match the library", async () => {
    const { page } = session;
    await page.locator("#roster-text").fill(ROSTER.join("\n"));
    await page.getByRole("button", { name: "Make the answer key" }).click();
    await page.locator(".roster-status", { hasText: `Answer key made: ${ROSTER.length} students` }).waitFor();
    const table = page.locator("table.key-table");
    await table.waitFor();
    assert.equal(await table.locator("tbody tr").count(), ROSTER.length * picked.length);
    assert.match(await table.locator("caption").innerText(), /3 students/);

    const csv = await download(page, page.getByRole("link", { name: /Download the key/ }));
    assert.equal(csv.name, `answer-key-${state.spec.id}.csv`);
    const [header, ...rows] = parseCsv(csv.text);
    assert.deepEqual(header, ["student_id", "exercise_id", "params", "canonical_answer", "answer", "completion_code"]);
    const [student, exercise, params, canonical, , code] = header.keys();
    assert.equal(rows.length, ROSTER.length * picked.length, "one row per student and exercise");
    for (const studentId of ROSTER) {
      for (const definition of picked) {
        const row = rows.find((r) => r[student] === studentId && r[exercise] === definition.id);
        assert.ok(row, `a row for ${studentId} × ${definition.id}`);
        const drawn = drawParams(definition, state.spec.id, studentId);
        assert.equal(row[params], paramsShort(drawn), `${studentId}'s numbers`);
        assert.equal(row[canonical], definition.canonical(drawn), `${studentId}'s answer`);
        assert.equal(row[code], completionCode(variantSeed(state.spec.id, definition.id, studentId), definition.canonical(drawn)), `${studentId}'s code`);
      }
    }
    // Variants differ between students (what keeps copying from working).
    const firstParams = ROSTER.map((id) => paramsShort(drawParams(picked[0], state.spec.id, id)));
    assert.ok(new Set(firstParams).size > 1, "students get different numbers");
  });

  test("a student on the roster opens the link and sees exactly the key's numbers", async () => {
    const studentId = ROSTER[1];
    await withPage(browser, state.link, {}, async ({ page, problems }) => {
      await page.locator("#student-id-input").fill(studentId);
      await page.getByRole("button", { name: "Save id" }).click();
      for (const definition of picked) {
        const live = page.locator(`[data-exercise-live="${definition.id}"][data-loaded="true"]`);
        await live.waitFor();
        const shown = await live.locator(".exercise-prompt").innerText();
        const expected = plainText(parseExerciseText(definition.prompt(drawParams(definition, state.spec.id, studentId))));
        assert.deepEqual(numbersIn(shown), numbersIn(expected), `${definition.id}: the prompt's numbers are ${studentId}'s`);
        assert.ok(numbersIn(expected).length > 0, `${definition.id}'s prompt has numbers to compare`);
      }
      assert.deepEqual(problems, []);
    });
  });

  test("regrading two answer files (one right, one wrong) and a damaged one", async () => {
    const { page } = session;
    const [first] = picked;
    // What each student's page would have stored: one attempt at the first exercise, right for s-001, wrong for s-002.
    const record = (studentId, response, correct) => ({
      assignmentId: state.spec.id,
      exerciseId: first.id,
      studentId,
      attempts: 1,
      correct,
      timeSpentMs: 60_000,
      lastResponse: response,
      ...(correct ? { correctResponse: response, completionCode: completionCode(variantSeed(state.spec.id, first.id, studentId), first.canonical(drawParams(first, state.spec.id, studentId))) } : {}),
    });
    const right = buildAnswersFile(state.spec, ROSTER[0], [record(ROSTER[0], correctResponse(first, drawParams(first, state.spec.id, ROSTER[0])), true)]);
    const wrong = buildAnswersFile(state.spec, ROSTER[1], [record(ROSTER[1], wrongResponse(first, drawParams(first, state.spec.id, ROSTER[1])), false)]);
    await page.locator("#regrade-files").setInputFiles([
      { name: "s-001.json", mimeType: "application/json", buffer: Buffer.from(right) },
      { name: "s-002.json", mimeType: "application/json", buffer: Buffer.from(wrong) },
      { name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{ not json") },
    ]);
    const table = page.locator("table.gradebook-table");
    await table.waitFor();
    const cell = async (studentId, exerciseId) => {
      const columns = await table.locator("thead th").allInnerTexts();
      const index = columns.indexOf(exerciseId);
      assert.ok(index > 0, `a column for ${exerciseId}`);
      return table.locator("tbody tr", { has: page.locator("th", { hasText: new RegExp(`^${studentId}$`) }) }).locator("th, td").nth(index).innerText();
    };
    assert.match(await cell(ROSTER[0], first.id), /correct/);
    assert.match(await cell(ROSTER[1], first.id), /wrong/);
    assert.match(await cell(ROSTER[0], picked[1].id), /not attempted/);
    const damaged = await page.locator(".damaged-files").innerText();
    assert.match(damaged, /broken\.json/);
    assert.doesNotMatch(damaged, /s-00[12]\.json/);

    const csv = await download(page, page.getByRole("link", { name: /Download the gradebook/ }));
    const [header, ...rows] = parseCsv(csv.text);
    assert.deepEqual(header, ["student_id", ...state.spec.exercises, "correct", "total", "in_roster", "file"]);
    const row = (id) => rows.find((r) => r[0] === id);
    assert.equal(rows.length, ROSTER.length, "one row per student of the roster");
    assert.deepEqual(row(ROSTER[0]).slice(1, 5), ["correct", "not attempted", "1", "2"]);
    assert.deepEqual(row(ROSTER[1]).slice(1, 5), ["wrong", "not attempted", "0", "2"]);
    assert.deepEqual(row(ROSTER[2]).slice(1, 5), ["not attempted", "not attempted", "0", "2"]);
  });

  test("a chosen folder is read whole: answers files graded, other files named with their reason", async () => {
    const { page } = session;
    const folder = await mkdtemp(join(tmpdir(), "answers-"));
    try {
      const [first] = picked;
      const params = drawParams(first, state.spec.id, ROSTER[2]);
      const record = { assignmentId: state.spec.id, exerciseId: first.id, studentId: ROSTER[2], attempts: 2, correct: false, timeSpentMs: 1000, lastResponse: wrongResponse(first, params) };
      await writeFile(join(folder, "ada.json"), buildAnswersFile(state.spec, ROSTER[2], [record]));
      await writeFile(join(folder, "notes.txt"), "remember to grade");
      await writeFile(join(folder, ".DS_Store"), "");
      await page.locator("#regrade-folder").setInputFiles(folder);
      await page.locator(".regrade-status", { hasText: "from 1 file" }).waitFor();
      assert.match(await page.locator(".damaged-files").innerText(), /notes\.txt.*not a \.json file/s);
      assert.match(await page.locator(".regrade").innerText(), /1 system file/);
      const row = page.locator("table.gradebook-table tbody tr", { hasText: ROSTER[2] });
      assert.match(await row.innerText(), /wrong/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test("axe finds nothing with the key and gradebook showing, in both themes", async () => {
    const { page } = session;
    for (const theme of ["light", "dark"]) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      assert.deepEqual(await axeViolations(page), [], `${theme} theme`);
    }
    await page.evaluate(() => (document.documentElement.dataset.theme = "light"));
    assert.deepEqual(session.problems, [], "no console errors");
  });

  test("printing shows the sheet with the chosen student's numbers and hides the builder", async () => {
    const { page } = session;
    await page.locator("#sheet-student-id").fill(ROSTER[2]);
    const prompt = page.locator(`[data-sheet-exercise="${picked[0].id}"] .sheet-prompt`);
    const expected = plainText(parseExerciseText(picked[0].prompt(drawParams(picked[0], state.spec.id, ROSTER[2]))));
    assert.deepEqual(numbersIn(await prompt.innerText()), numbersIn(expected));
    await page.emulateMedia({ media: "print" });
    try {
      for (const hidden of [".builder", ".roster", ".regrade", ".sheet-controls", ".site-header", "h1"]) {
        assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is hidden in print`);
      }
      assert.ok(await page.locator(".sheet").isVisible(), "the sheet prints");
      assert.equal(await page.locator(".sheet-exercise").count(), picked.length);
      assert.match(await page.locator(".sheet").innerText(), new RegExp(TITLE));
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });

  test("one sheet per student of the roster, each with its own numbers, each on its own printed page", async () => {
    const { page } = session;
    await page.locator("#sheet-roster-all").check();
    const sheets = page.locator(".sheet");
    assert.deepEqual(await sheets.evaluateAll((list) => list.map((sheet) => sheet.dataset.student)), ROSTER);
    for (const [index, studentId] of ROSTER.entries()) {
      const prompt = sheets.nth(index).locator(`[data-sheet-exercise="${picked[1].id}"] .sheet-prompt`);
      const expected = plainText(parseExerciseText(picked[1].prompt(drawParams(picked[1], state.spec.id, studentId))));
      assert.deepEqual(numbersIn(await prompt.innerText()), numbersIn(expected), `${studentId}'s sheet`);
    }
    await page.emulateMedia({ media: "print" });
    try {
      const breaks = await page.locator(".sheet-frame").evaluateAll((frames) => frames.map((frame) => getComputedStyle(frame).breakBefore));
      assert.deepEqual(breaks, ["auto", "page", "page"]);
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
    await page.locator("#sheet-default").check();
  });

  test("the page fits a 360 px screen", async () => {
    await withPage(browser, "/instructor/", { width: 360, height: 740 }, async ({ page }) => {
      await page.locator(".instructor-app[data-ready='true']").waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    });
  });
});

/** A response the grader accepts for these numbers. */
function correctResponse(exercise, params) {
  if (exercise.kind === "numeric") return { kind: "numeric", text: exercise.answer(params) };
  if (exercise.kind === "choice") return { kind: "choice", selected: exercise.correct(params) };
  throw new Error(`no right answer built for kind ${exercise.kind}`);
}

/** A response the grader refuses. */
function wrongResponse(exercise, params) {
  if (exercise.kind === "numeric") return { kind: "numeric", text: String(Number(exercise.answer(params)) * 3 + 7) };
  if (exercise.kind === "choice") {
    const wrongIds = exercise.choices(params).map((c) => c.id).filter((id) => !exercise.correct(params).includes(id));
    return { kind: "choice", selected: wrongIds.slice(0, 1) };
  }
  throw new Error(`no wrong answer built for kind ${exercise.kind}`);
}
