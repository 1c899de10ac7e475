import { describe, expect, it } from "vitest";
import type { AssignmentSpec } from "./assignment";
import {
  answerKey,
  answerKeyCsv,
  answersFileName,
  buildAnswersFile,
  csvField,
  gradebookCsv,
  markAnswer,
  parseAnswersFile,
  parseRoster,
  readAnswersFiles,
  regrade,
  type AnswersFile,
} from "./gradebook";
import { gradeResponse } from "./grading";
import { emptyProgress, recordAttempt, type Progress, type StoredResponse } from "./progress";
import { expectedCompletionCode } from "./receipt";
import { drawParams, variantSeed } from "./seed";
import { doubleUsd, pickOne, testExercises, writeCode } from "./testExercises";

const spec: AssignmentSpec = { v: 1, id: "hw1", title: "Week 1", exercises: [doubleUsd.id, pickOne.id, writeCode.id], solutions: "after-attempt" };
const NOW = new Date("2026-11-28T12:00:00.000Z");

/** Plays a student through the assignment the way the page does: grade, record, export. */
function student(studentId: string, answers: { [exerciseId: string]: StoredResponse }): AnswersFile {
  let progress: Progress = emptyProgress();
  for (const [exerciseId, response] of Object.entries(answers)) {
    const exercise = testExercises.find((e) => e.id === exerciseId)!;
    const params = drawParams(exercise, spec.id, studentId);
    const seed = variantSeed(spec.id, exerciseId, studentId);
    const verdict =
      response.kind === "code"
        ? gradeResponse(exercise, params, { kind: "code", results: response.results ?? [] }, seed)
        : gradeResponse(exercise, params, response as never, seed);
    progress = recordAttempt(progress, { assignmentId: spec.id, exerciseId, studentId, response, correct: verdict.correct, counted: verdict.attempt, completionCode: verdict.code }, NOW);
  }
  const parsed = parseAnswersFile(buildAnswersFile(spec, studentId, progress.records, NOW));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.file;
}

const right = (studentId: string) => ({
  [doubleUsd.id]: { kind: "numeric" as const, text: String(drawParams(doubleUsd, spec.id, studentId).n * 2) },
  [pickOne.id]: { kind: "choice" as const, selected: [drawParams(pickOne, spec.id, studentId).right] },
  [writeCode.id]: { kind: "code" as const, code: "export function f() { return 1; }", results: [{ name: "f", pass: true, detail: "" }] },
});

describe("answers files", () => {
  it("builds and parses, in assignment order, with the solving response", () => {
    const file = student("ada", right("ada"));
    expect(file).toMatchObject({ format: "cef-answers", version: 1, assignment: spec, studentId: "ada", exportedAt: NOW.toISOString() });
    expect(file.answers.map((a) => [a.exerciseId, a.correct, a.code?.length])).toEqual([
      [doubleUsd.id, true, 8],
      [pickOne.id, true, 8],
      [writeCode.id, true, 8],
    ]);
    expect(answersFileName(spec, "Ada Lovelace/1")).toBe("answers-hw1-Ada_Lovelace_1.json");
  });

  it("refuses what is not an answers file, with reasons", () => {
    expect(parseAnswersFile("")).toEqual({ ok: false, message: "The file is empty." });
    expect(parseAnswersFile("{")).toMatchObject({ ok: false, message: expect.stringContaining("not valid JSON") });
    expect(parseAnswersFile('{"format":"cef-progress"}')).toMatchObject({ ok: false, message: expect.stringContaining("progress file") });
    const good = JSON.parse(buildAnswersFile(spec, "ada", [], NOW));
    expect(parseAnswersFile(JSON.stringify({ ...good, version: 2 }))).toMatchObject({ ok: false, message: expect.stringContaining("newer version") });
    expect(parseAnswersFile(JSON.stringify({ ...good, studentId: " " }))).toMatchObject({ ok: false, message: "This answers file has no student id." });
    expect(parseAnswersFile(JSON.stringify({ ...good, assignment: { ...spec, exercises: [] } }))).toMatchObject({ ok: false, message: expect.stringContaining("has no exercises") });
    expect(parseAnswersFile(JSON.stringify({ ...good, answers: [{ exerciseId: "x" }] }))).toMatchObject({ ok: false, message: "Answer 1 in this file is not readable (the file may have been edited)." });
    const { files, damaged } = readAnswersFiles([{ name: "a.json", text: JSON.stringify(good) }, { name: "b.json", text: "nope" }]);
    expect(files.map((f) => f.name)).toEqual(["a.json"]);
    expect(damaged).toEqual([{ name: "b.json", reason: expect.stringContaining("not valid JSON") }]);
  });
});

describe("regrade", () => {
  it("marks correct, wrong, not attempted and code mismatch", () => {
    const ada = student("ada", right("ada"));
    const bobAnswers = right("bob");
    const bob = student("bob", { [doubleUsd.id]: { kind: "numeric", text: "1" }, [pickOne.id]: bobAnswers[pickOne.id]! });
    // Carol edits her file: claims the code exercise with a made-up code, and pastes Ada's numeric answer.
    const carol = student("carol", { [pickOne.id]: right("carol")[pickOne.id]! });
    carol.answers.push({ exerciseId: writeCode.id, response: { kind: "code", code: "" }, correct: true, code: "ABCDEFGH" });
    carol.answers.push({ exerciseId: doubleUsd.id, response: ada.answers[0]!.response, correct: true, code: ada.answers[0]!.code });

    const book = regrade(spec, [{ name: "ada.json", file: ada }, { name: "bob.json", file: bob }, { name: "carol.json", file: carol }], testExercises, ["bob", "ada", "dan"]);
    expect(book.columns.map((c) => c.id)).toEqual(spec.exercises);
    const byStudent = Object.fromEntries(book.rows.map((row) => [row.studentId, row]));
    expect(byStudent.ada!.cells).toEqual({ [doubleUsd.id]: "correct", [pickOne.id]: "correct", [writeCode.id]: "correct" });
    expect(byStudent.bob!.cells).toEqual({ [doubleUsd.id]: "wrong", [pickOne.id]: "correct", [writeCode.id]: "not attempted" });
    expect(byStudent.carol!.cells[writeCode.id]).toBe("code mismatch");
    expect(byStudent.carol!.cells[doubleUsd.id]).toBe(drawParams(doubleUsd, "hw1", "carol").n === drawParams(doubleUsd, "hw1", "ada").n ? "correct" : "code mismatch");
    expect(byStudent.dan).toMatchObject({ file: "", correct: 0, inRoster: true });
    expect(byStudent.carol!.inRoster).toBe(false);
    expect(book.rows.map((row) => row.studentId)).toEqual(["bob", "ada", "dan", "carol"]);
    expect(book.problems).toEqual(["“carol” (carol.json) is not on the roster: check for a typo in the id the student entered."]);
    expect(byStudent.ada!.correct).toBe(3);

    const csv = gradebookCsv(book);
    expect(csv.split("\r\n")[0]).toBe(`student_id,${spec.exercises.join(",")},correct,total,in_roster,file`);
    expect(csv).toContain("\r\nada,correct,correct,correct,3,3,yes,ada.json\r\n");
    expect(csv).toContain("\r\ndan,not attempted,not attempted,not attempted,0,3,yes,\r\n");
  });

  it("reports files for another assignment and duplicates, keeping the better mark", () => {
    const ada = student("ada", right("ada"));
    const adaEarlier = student("ada", { [doubleUsd.id]: { kind: "numeric", text: "1" } });
    const other = { ...ada, assignment: { ...spec, id: "hw2" } };
    const book = regrade(spec, [{ name: "early.json", file: adaEarlier }, { name: "late.json", file: ada }, { name: "other.json", file: other }], testExercises);
    expect(book.rows).toHaveLength(1);
    expect(book.rows[0]!.cells[doubleUsd.id]).toBe("correct");
    expect(book.problems).toEqual([
      "late.json and early.json are both from “ada”; the better mark of each exercise is kept.",
      "other.json is for the assignment “hw2”, not “hw1”; it was not graded.",
    ]);
  });

  it("markAnswer trusts a matching code when the response can't be regraded", () => {
    const code = expectedCompletionCode(writeCode, "hw1", "ada");
    expect(markAnswer(writeCode, "hw1", "ada", { exerciseId: writeCode.id, response: null, correct: true, code: code.toLowerCase() })).toBe("correct");
    expect(markAnswer(writeCode, "hw1", "bob", { exerciseId: writeCode.id, response: null, correct: true, code })).toBe("code mismatch");
    expect(markAnswer(writeCode, "hw1", "ada", { exerciseId: writeCode.id, response: { kind: "code", code: "x" }, correct: false, code: null })).toBe("wrong");
    expect(markAnswer(writeCode, "hw1", "ada", undefined)).toBe("not attempted");
    const n = drawParams(doubleUsd, "hw1", "ada").n;
    expect(markAnswer(doubleUsd, "hw1", "ada", { exerciseId: doubleUsd.id, response: { kind: "legacy", value: String(n * 2) }, correct: false, code: null })).toBe("correct");
  });

  it("names exercises missing from the book", () => {
    const book = regrade({ ...spec, exercises: ["gone-exercise"] }, [], testExercises, ["ada"]);
    expect(book.problems[0]).toContain("“gone-exercise” is not in this book");
    expect(book.rows[0]!.cells).toEqual({ "gone-exercise": "not attempted" });
  });
});

describe("answer key", () => {
  it("gives each student's numbers, answer and code — the codes students earn", () => {
    const rows = answerKey(spec, ["ada", " bob ", ""], testExercises);
    expect(rows).toHaveLength(6);
    const ada = student("ada", right("ada"));
    for (const answer of ada.answers) expect(rows.find((r) => r.studentId === "ada" && r.exerciseId === answer.exerciseId)!.code).toBe(answer.code);
    const first = rows[0]!;
    const n = drawParams(doubleUsd, "hw1", "ada").n;
    expect(first).toEqual({ studentId: "ada", exerciseId: doubleUsd.id, paramsShort: `n=${n}`, canonical: String(n * 2), answer: `$${(n * 2).toLocaleString("en-US")}`, code: expectedCompletionCode(doubleUsd, "hw1", "ada") });
    expect(rows[3]!.studentId).toBe("bob");
    const csv = answerKeyCsv(rows);
    expect(csv.split("\r\n")[0]).toBe("student_id,exercise_id,params,canonical_answer,answer,completion_code");
    expect(csv.split("\r\n")).toHaveLength(8);
  });

  it("CSV fields are quoted and defused", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-5")).toBe("-5");
    expect(csvField("+1 555")).toBe("'+1 555");
    expect(csvField(3)).toBe("3");
  });
});

describe("parseRoster", () => {
  it("one id per line: trims, drops blanks, reports duplicates", () => {
    expect(parseRoster("s1\n  s2 \n\n\ns1\r\nAde\u0300le\n")).toEqual({ ids: ["s1", "s2", "Ad\u00e8le"], problems: ["“s1” appears more than once (line 5); it is kept once."] });
  });

  it("CSV with an id column, quotes and a BOM", () => {
    const text = '\ufeffName,Student ID,Email\n"Lovelace, Ada",s1,ada@x.org\nBob,s2,bob@x.org\nNo Id,,\nBob,s2,again\n';
    expect(parseRoster(text)).toEqual({
      ids: ["s1", "s2"],
      problems: ["1 row has no student id and was left out.", "“s2” appears more than once (line 5); it is kept once."],
    });
    expect(parseRoster("id;name\ns1;Ada\n").ids).toEqual(["s1"]);
    expect(parseRoster("student\ts\nx1\ta\n").ids).toEqual(["x1"]);
  });

  it("a CSV without a recognisable header uses the first column; a lone header line is skipped", () => {
    expect(parseRoster("s1,Ada\ns2,Bob\n").ids).toEqual(["s1", "s2"]);
    expect(parseRoster("student_id\ns1\ns2").ids).toEqual(["s1", "s2"]);
    expect(parseRoster("id-123\nid-456").ids).toEqual(["id-123", "id-456"]);
    expect(parseRoster("")).toEqual({ ids: [], problems: [] });
  });
});
