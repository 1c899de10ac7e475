/**
 * What an exercise is: data plus functions. Parameters are drawn from a
 * per-student seed by the frozen generator (`VariantRng`), the prompt and the
 * worked solution are templated with them, and the answer is computed by
 * `src/sim` — never typed in. Definitions live in `content/exercises/<chapter>.ts`.
 */
import type { ParamValues, ParamSpecs } from "../urlState";
import type { VariantRng } from "./prng";

export type ChapterSlug = "essence" | "origin" | "theory" | "approach" | "evolution" | "horizon";
export type ExerciseKind = "numeric" | "choice" | "setting" | "code";

/** A drawn parameter: integers, exact decimal strings ("0.005"), or labels. */
export type DrawnValue = number | string | boolean;
export type DrawnParams = Record<string, DrawnValue>;

/**
 * How a numeric answer is read and shown.
 * - `usd`: "$1.25k", "1,250", "1250.00" all read as 1250.
 * - `percent`: the stored value is a fraction (0.12); the student types "12%" or "12"
 *   (a bare "0.12" is refused with "did you mean 12%?" only when ambiguous — see numeric.ts).
 * - `btc`, `count`, `ratio`, `plain`: plain numbers with that unit shown.
 */
export type AnswerUnit = "usd" | "percent" | "btc" | "count" | "ratio" | "plain";

/** Absolute tolerance in the answer's unit (a Decimal string), or relative (0.005 = 0.5 %). */
export type Tolerance = { abs: string } | { rel: number };

interface ExerciseBase<P extends DrawnParams> {
  /** Stable, kebab-case, unique across the book: "theory-liquidation-price". Never renamed once published. */
  id: string;
  chapter: ChapterSlug;
  title: string;
  /** The chapter objective this exercise practises (copied from the chapter's frontmatter). */
  objective: string;
  /** Draws this student's numbers. Use only the rng; same rng state → same params. */
  params(rng: VariantRng): P;
  /** The question, with the student's numbers. Plain text; paragraphs separated by a blank line; `code` in backticks. */
  prompt(p: P): string;
  /** Hints, revealed one at a time. */
  hints(p: P): string[];
  /** The worked solution with the student's numbers, computed through src/sim. Same text format as the prompt. */
  solution(p: P): string;
  /** The canonical correct answer as a short string (answer key, receipts): "60542.17", "b", "a,c", "insuranceFund=2.5". */
  canonical(p: P): string;
}

export interface NumericExercise<P extends DrawnParams = DrawnParams> extends ExerciseBase<P> {
  kind: "numeric";
  unit: AnswerUnit;
  /** The exact answer as a Decimal string, from src/sim. */
  answer(p: P): string;
  tolerance(p: P): Tolerance;
}

export interface ChoiceExercise<P extends DrawnParams = DrawnParams> extends ExerciseBase<P> {
  kind: "choice";
  /** true: select all that apply (checkboxes). */
  multiple: boolean;
  choices(p: P): { id: string; label: string }[];
  /** Ids of the correct choices (computed, where numbers are involved). */
  correct(p: P): string[];
}

export interface SettingExercise<P extends DrawnParams = DrawnParams> extends ExerciseBase<P> {
  kind: "setting";
  /** The widget whose controls the student sets (an id in src/lib/widgetRegistry.ts). */
  widget: string;
  /**
   * Judges a submitted widget state (the widget's full parameter values). Runs the
   * widget's engine; says what is wrong in a sentence when it is not right.
   */
  check(p: P, state: ParamValues<ParamSpecs>): { ok: true } | { ok: false; message: string };
}

export interface CodeExercise<P extends DrawnParams = DrawnParams> extends ExerciseBase<P> {
  kind: "code";
  /** The TypeScript the student starts from; it must `export` the function(s) the checks import. */
  starter(p: P): string;
  /** A reference solution (answer key; also tested to pass the checks). */
  reference(p: P): string;
  /**
   * TypeScript that imports the student's code from "./solution" (and "cef" if needed) and
   * returns `{ name: string; pass: boolean; detail: string }[]` — run in the code-cell sandbox.
   */
  checks(p: P): string;
  /** Time limit for one run, ms (default 2000). */
  timeoutMs?: number;
}

export type Exercise<P extends DrawnParams = DrawnParams> =
  | NumericExercise<P>
  | ChoiceExercise<P>
  | SettingExercise<P>
  | CodeExercise<P>;
