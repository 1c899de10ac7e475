import { describe, expect, test } from "vitest";
import { ANY, filterExercises, formatDueDate, moveItem, suggestAssignmentId, toggleId, type ExerciseSummary } from "./builder";

const list: ExerciseSummary[] = [
  { id: "a", chapter: "essence", kind: "numeric", title: "A", objective: "" },
  { id: "b", chapter: "essence", kind: "choice", title: "B", objective: "" },
  { id: "c", chapter: "theory", kind: "numeric", title: "C", objective: "" },
];

describe("filterExercises", () => {
  test("any/any keeps everything in order", () => expect(filterExercises(list, ANY, ANY).map((e) => e.id)).toEqual(["a", "b", "c"]));
  test("by chapter", () => expect(filterExercises(list, "essence", ANY).map((e) => e.id)).toEqual(["a", "b"]));
  test("by kind", () => expect(filterExercises(list, ANY, "numeric").map((e) => e.id)).toEqual(["a", "c"]));
  test("both", () => expect(filterExercises(list, "theory", "choice")).toEqual([]));
});

describe("moveItem", () => {
  test("moves up and down", () => {
    expect(moveItem(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
  });
  test("never moves past the ends", () => {
    expect(moveItem(["a", "b"], 0, -1)).toEqual(["a", "b"]);
    expect(moveItem(["a", "b"], 1, 1)).toEqual(["a", "b"]);
    expect(moveItem(["a"], 5, -1)).toEqual(["a"]);
  });
});

test("toggleId adds at the end and removes", () => {
  expect(toggleId(["a"], "b")).toEqual(["a", "b"]);
  expect(toggleId(["a", "b"], "a")).toEqual(["b"]);
});

describe("suggestAssignmentId", () => {
  test("slugs a title", () => expect(suggestAssignmentId("Week 3: Liquidations!")).toBe("week-3-liquidations"));
  test("folds accents", () => expect(suggestAssignmentId("Déjà vu")).toBe("deja-vu"));
  test("falls back when nothing usable is left", () => expect(suggestAssignmentId("  ✓✓ ")).toBe("assignment"));
  test("never suggests the reserved self-study id", () => expect(suggestAssignmentId("Book")).toBe("book-assignment"));
  test("caps the length without a trailing dash", () => {
    const id = suggestAssignmentId("word ".repeat(30));
    expect(id.length).toBeLessThanOrEqual(48);
    expect(id.endsWith("-")).toBe(false);
  });
});

test("formatDueDate", () => {
  expect(formatDueDate("2026-12-05")).toBe("5 December 2026");
  expect(formatDueDate("soon")).toBe("soon");
});
