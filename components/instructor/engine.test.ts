import { describe, expect, test } from "vitest";
import { buildSpec, defaultParams, findExercise, makeKey, regradeFiles, shareLink, specSignature, decodeAssignment } from "./engine";
import { exercises } from "../../src/lib/exercises/registry";
import { BOOK_ASSIGNMENT, drawParams } from "../../src/lib/exercises/seed";

const [first, second] = exercises;
const draft = { title: "Week 1", id: "week-1", due: "", solutions: "after-attempt" as const, exercises: [first!.id, second!.id] };

describe("buildSpec", () => {
  test("lists every usual gap at once", () => {
    expect(buildSpec({ ...draft, title: " ", exercises: [] })).toEqual({ ok: false, problems: ["Give the assignment a title.", "Choose at least one exercise."] });
  });
  test("names exercises this edition lacks", () => {
    const result = buildSpec({ ...draft, exercises: ["no-such-exercise"] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/no-such-exercise/);
  });
  test("passes the library's sentence through (reserved id)", () => {
    const result = buildSpec({ ...draft, id: "book" });
    expect(!result.ok && result.problems[0]).toMatch(/reserved/);
  });
  test("a complete draft is a spec; a due date is kept only when set", () => {
    expect(buildSpec(draft)).toEqual({ ok: true, spec: { v: 1, id: "week-1", title: "Week 1", exercises: draft.exercises, solutions: "after-attempt" } });
    const dated = buildSpec({ ...draft, due: "2026-12-15" });
    expect(dated.ok && dated.spec.due).toBe("2026-12-15");
  });
});

test("the share link opens the assignment page and decodes to the spec", () => {
  const built = buildSpec(draft);
  if (!built.ok) throw new Error(built.problems.join(" "));
  const link = shareLink(built.spec, "https://book.example");
  expect(link.startsWith("https://book.example/assignment/?a=")).toBe(true);
  expect(decodeAssignment(link)).toEqual({ ok: true, spec: built.spec });
});

test("the default variant is the chapter pages' (assignment book, no student id)", () => {
  expect(defaultParams(first!)).toEqual(drawParams(first!, BOOK_ASSIGNMENT, ""));
});

test("findExercise does not throw for an unknown id", () => {
  expect(findExercise("no-such-exercise")).toBeUndefined();
  expect(findExercise(first!.id)).toBe(first);
});

test("makeKey: one row per student and exercise, and a CSV with a header", () => {
  const built = buildSpec(draft);
  if (!built.ok) throw new Error("draft");
  const { rows, csv } = makeKey(built.spec, ["s1", "s2"]);
  expect(rows.map((row) => `${row.studentId}/${row.exerciseId}`)).toEqual([`s1/${first!.id}`, `s1/${second!.id}`, `s2/${first!.id}`, `s2/${second!.id}`]);
  expect(csv.split("\r\n")[0]).toBe("student_id,exercise_id,params,canonical_answer,answer,completion_code");
});

test("regradeFiles reports damaged files by name and keeps roster rows", () => {
  const built = buildSpec(draft);
  if (!built.ok) throw new Error("draft");
  const result = regradeFiles(built.spec, [{ name: "bad.json", text: "{" }], ["s1"]);
  expect(result.damaged).toEqual([{ name: "bad.json", reason: expect.stringMatching(/not valid JSON/) }]);
  expect(result.gradebook.rows.map((row) => row.studentId)).toEqual(["s1"]);
  expect(result.csv.startsWith("student_id,")).toBe(true);
});

test("specSignature changes with the id or the exercises, not the title", () => {
  const a = buildSpec(draft);
  const b = buildSpec({ ...draft, title: "Other" });
  const c = buildSpec({ ...draft, exercises: [second!.id, first!.id] });
  if (!a.ok || !b.ok || !c.ok) throw new Error("draft");
  expect(specSignature(a.spec)).toBe(specSignature(b.spec));
  expect(specSignature(a.spec)).not.toBe(specSignature(c.spec));
});
