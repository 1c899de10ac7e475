/**
 * Pure helpers of the assignment builder on the Instructor page: filtering the
 * exercise list, ordering the picked exercises, suggesting an assignment id,
 * showing a due date. No DOM here, so
 * each helper is unit-tested beside this file.
 */
import type { ChapterSlug, ExerciseKind } from "../../src/lib/exercises/types";
import type { SolutionsPolicy } from "../../src/lib/exercises/assignment";

/** What the builder needs to know of an exercise (a structural subset of `Exercise`). */
export interface ExerciseSummary {
  id: string;
  chapter: ChapterSlug;
  kind: ExerciseKind;
  title: string;
  objective: string;
}

/** The filter's "any" value for chapter and kind. */
export const ANY = "any";

export const KIND_LABELS: Record<ExerciseKind, string> = {
  numeric: "Numeric answer",
  choice: "Multiple choice",
  setting: "Find the setting",
  code: "Write code",
};

export const SOLUTIONS_LABELS: Record<SolutionsPolicy, string> = {
  "after-attempt": "After the student's first attempt",
  "after-due": "After the due date",
  never: "Never",
};

/** Longest assignment id the builder suggests or accepts (it travels in every student's link). */
export const ASSIGNMENT_ID_LENGTH_MAX = 48;

/** Exercises matching a chapter and a kind filter (`ANY` matches everything), in book order. */
export function filterExercises<E extends ExerciseSummary>(list: readonly E[], chapter: string, kind: string): E[] {
  return list.filter((exercise) => (chapter === ANY || exercise.chapter === chapter) && (kind === ANY || exercise.kind === kind));
}

/** A copy of `ids` with the item at `index` moved by `delta` places; out-of-range moves return an unchanged copy. */
export function moveItem<T>(ids: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  const copy = [...ids];
  if (index < 0 || index >= ids.length || target < 0 || target >= ids.length) return copy;
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item as T);
  return copy;
}

/** Adds `id` at the end when absent, removes it when present. */
export function toggleId(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id];
}

/**
 * An assignment id from a title: lowercase ASCII letters, digits and dashes,
 * at most `ASSIGNMENT_ID_LENGTH_MAX` characters. Accents are folded ("Déjà vu" → "deja-vu");
 * a title with no usable character gives "assignment", and "book" (reserved for
 * self-study on the chapter pages) becomes "book-assignment".
 */
export function suggestAssignmentId(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, ASSIGNMENT_ID_LENGTH_MAX)
    .replace(/-+$/, "");
  if (slug === "") return "assignment";
  // "book" is the chapter pages' self-study assignment; an instructor's id must differ from it.
  return slug === "book" ? "book-assignment" : slug;
}

/** An ISO date (yyyy-mm-dd) as a reader's date ("5 December 2026"); anything else is returned as given. */
export function formatDueDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}
