/**
 * The part of an exercise that loads on demand: the chapter's definitions
 * (and with them `src/sim`), the variant for this student, the grader, and —
 * for code exercises only — the code-cell sandbox. The island imports this
 * module with a dynamic `import()`, so a chapter page ships none of it until
 * a student needs it.
 */
import type { ChapterSlug, DrawnParams, Exercise } from "../../src/lib/exercises/types";
import { drawParams, variantSeed } from "../../src/lib/exercises/seed";
import { gradeResponse, type CodeCheckResult, type ExerciseResponse, type GradeResult } from "../../src/lib/exercises/grading";
import { loadExercise } from "./loaders";
import { exerciseView, paragraphsOf, type ExerciseView, type Paragraph } from "./view";
import type { AnswerSpec } from "./AnswerField";

/** One exercise drawn for one student in one assignment. */
export interface Loaded {
  exercise: Exercise;
  params: DrawnParams;
  seed: Uint8Array;
  view: ExerciseView;
  hints: Paragraph[][];
  solution: Paragraph[];
}

/** Loads the definition and draws the variant of (assignment, exercise, student). */
export async function loadVariant(chapter: ChapterSlug, exerciseId: string, assignmentId: string, studentId: string, widget?: Extract<AnswerSpec, { kind: "setting" }>["widget"]): Promise<Loaded> {
  const exercise = await loadExercise(chapter, exerciseId);
  const params = drawParams(exercise, assignmentId, studentId);
  const view = exerciseView(exercise, params, widget);
  let solution: Paragraph[];
  try {
    solution = paragraphsOf(exercise.solution(params));
  } catch (error) {
    solution = paragraphsOf(`The worked solution could not be computed for your numbers (${error instanceof Error ? error.message : String(error)}). Please report it.`);
  }
  return {
    exercise,
    params,
    seed: variantSeed(assignmentId, exerciseId, studentId),
    view,
    hints: exercise.hints(params).map(paragraphsOf),
    solution,
  };
}

/** Grades a response with this student's numbers; a correct one carries its completion code. */
export function grade(loaded: Loaded, response: ExerciseResponse): GradeResult {
  return gradeResponse(loaded.exercise, loaded.params, response, loaded.seed);
}

/** The outcome of running a code exercise's checks against the student's code. */
export type ChecksRun =
  | { status: "ok"; checks: CodeCheckResult[]; logs: string[] }
  | { status: "failed"; message: string; logs: string[] };

/**
 * Runs `exercise.checks(p)` in the code-cell sandbox with the student's code
 * as the module "./solution". An error in the student's code, a time-out or
 * checks that return nothing readable come back as a sentence.
 */
export async function runChecks(loaded: Loaded, studentCode: string): Promise<ChecksRun> {
  const { exercise, params } = loaded;
  if (exercise.kind !== "code") return { status: "failed", message: "This exercise has no code checks.", logs: [] };
  const { runCell } = await import("../../src/lib/cells/sandbox");
  const timeoutMs = exercise.timeoutMs ?? 2000;
  const outcome = await runCell(exercise.checks(params), { timeoutMs, modules: { "./solution": studentCode } });
  const logs = outcome.logs.map((line) => (line.level === "log" ? line.text : `${line.level}: ${line.text}`));
  if (outcome.status === "timeout") {
    return {
      status: "failed",
      logs,
      message: `Your code was stopped after ${(outcome.limitMs / 1000).toFixed(1)} s. Look for a loop that never ends (a while condition that never becomes false), then run the checks again.`,
    };
  }
  if (outcome.status === "error") {
    const where = outcome.line ? ` (line ${outcome.line}${outcome.column ? `, column ${outcome.column}` : ""} of the code that ran)` : "";
    return { status: "failed", logs, message: `The checks could not finish: ${outcome.message}${where}.` };
  }
  const checks = checksFrom(outcome.value);
  if (checks.length === 0) return { status: "failed", logs, message: "The checks ran but reported nothing. Reload the page and try again." };
  return { status: "ok", checks, logs };
}

/** Reads `{ name, pass, detail }[]` back from the serialized table the sandbox returns. */
function checksFrom(value: unknown): CodeCheckResult[] {
  if (!value || typeof value !== "object") return [];
  const tagged = value as { kind?: string; table?: { rows?: Record<string, unknown>[] }; text?: string };
  let rows: unknown[] = [];
  if (tagged.kind === "table" && Array.isArray(tagged.table?.rows)) rows = tagged.table.rows;
  else if (tagged.kind === "json" && typeof tagged.text === "string") {
    try {
      const parsed = JSON.parse(tagged.text);
      if (Array.isArray(parsed)) rows = parsed;
    } catch {
      rows = [];
    }
  }
  return rows.flatMap((row) => {
    if (!row || typeof row !== "object") return [];
    const record = row as Record<string, unknown>;
    return [{
      name: String(record.name ?? "check"),
      pass: record.pass === true || record.pass === "true",
      detail: record.detail === undefined ? "" : String(record.detail),
    }];
  });
}
