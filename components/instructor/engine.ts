/**
 * Everything the Instructor island computes, in one lazily loaded chunk: the
 * exercise registry (and with it src/sim), the assignment encoding, variants,
 * answer keys and regrading from src/lib/exercises. The island imports this
 * module with `import()`, so the page's first paint carries none of it.
 */
import { exercises, exerciseById } from "../../src/lib/exercises/registry";
import { assignmentUrl, decodeAssignment, encodeAssignment, validateAssignment, type AssignmentSpec, type SolutionsPolicy } from "../../src/lib/exercises/assignment";
import { BOOK_ASSIGNMENT, drawParams, normalizeId } from "../../src/lib/exercises/seed";
import { answerKey, answerKeyCsv, gradebookCsv, parseRoster, readAnswersFiles, regrade, type AnswerKeyRow, type Gradebook } from "../../src/lib/exercises/gradebook";
import type { DrawnParams, Exercise } from "../../src/lib/exercises/types";
import type { ReadFile } from "./files";

export type { AssignmentSpec, AnswerKeyRow, Gradebook };

/** The builder's fields, complete or not. */
export interface Draft {
  title: string;
  id: string;
  /** yyyy-mm-dd or "". */
  due: string;
  solutions: SolutionsPolicy;
  exercises: string[];
}

/** A draft turned into a spec, or the sentences that say what is missing. */
export type BuildResult = { ok: true; spec: AssignmentSpec } | { ok: false; problems: string[] };

/** A regrade: the gradebook and its CSV, plus the files that could not be read as answers files. */
export interface RegradeResult {
  gradebook: Gradebook;
  csv: string;
  damaged: { name: string; reason: string }[];
}

/** Where students open an assignment (relative to the site's origin). */
export const ASSIGNMENT_PATH = "/assignment/";

const knownIds = exercises.map((exercise) => exercise.id);
const known = new Set(knownIds);

/**
 * Turns the builder's fields into an assignment spec. The usual gaps (no title,
 * no exercise) are all listed at once; anything else is the library's first
 * validation sentence.
 */
export function buildSpec(draft: Draft): BuildResult {
  const problems: string[] = [];
  if (draft.title.trim() === "") problems.push("Give the assignment a title.");
  if (draft.exercises.length === 0) problems.push("Choose at least one exercise.");
  const unknown = draft.exercises.filter((id) => !known.has(id));
  if (unknown.length > 0) problems.push(`Remove ${unknown.map((id) => `“${id}”`).join(", ")}: not in this edition of the book.`);
  if (problems.length > 0) return { ok: false, problems };
  const candidate: AssignmentSpec = { v: 1, id: draft.id.trim(), title: draft.title.trim(), exercises: draft.exercises, solutions: draft.solutions };
  if (draft.due !== "") candidate.due = draft.due;
  const checked = validateAssignment(candidate, knownIds);
  return checked.ok ? { ok: true, spec: checked.spec } : { ok: false, problems: [checked.message] };
}

/** The exercise with this id, or undefined (a restored assignment may name one this edition lacks). */
export function findExercise(id: string): Exercise | undefined {
  return known.has(id) ? exerciseById(id) : undefined;
}

/** The numbers a reader sees in the chapters before typing an id: assignment "book", student "". */
export function defaultParams(exercise: Exercise): DrawnParams {
  return drawParams(exercise, BOOK_ASSIGNMENT, "");
}

/** The answer-key rows of some students (the worker calls this one student at a time, to report progress). */
export function keyRows(spec: AssignmentSpec, ids: readonly string[]): AnswerKeyRow[] {
  return answerKey(spec, ids, exercises);
}

/** The answer key of a roster, as rows and as CSV. */
export function makeKey(spec: AssignmentSpec, ids: readonly string[]): { rows: AnswerKeyRow[]; csv: string } {
  const rows = keyRows(spec, ids);
  return { rows, csv: answerKeyCsv(rows) };
}

/** Regrades answer files read from disk; files that are not readable answers files come back as `damaged`. */
export function regradeFiles(spec: AssignmentSpec, read: readonly ReadFile[], roster: readonly string[]): RegradeResult {
  const { files, damaged } = readAnswersFiles(read);
  const gradebook = regrade(spec, files, exercises, roster.length > 0 ? roster : undefined);
  return { gradebook, csv: gradebookCsv(gradebook), damaged };
}

/** What a key or a gradebook depends on: the assignment id and its exercises in order (a change makes them stale). */
export function specSignature(spec: AssignmentSpec): string {
  return JSON.stringify([spec.id, spec.exercises]);
}

/** The share link of a spec on this site. */
export function shareLink(spec: AssignmentSpec, origin: string): string {
  return assignmentUrl(new URL(ASSIGNMENT_PATH, origin).href, spec);
}

export { answerKeyCsv, decodeAssignment, encodeAssignment, drawParams, normalizeId, parseRoster, knownIds };

/** The module's API as one value (the island holds it in state once loaded). */
export type InstructorEngine = typeof import("./engine");
