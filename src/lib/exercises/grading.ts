/**
 * grading — judges one response to one exercise variant, in a sentence.
 *
 * Every kind returns the same small verdict: correct or not, a sentence for
 * the student, and whether the response counts as an attempt. Input we could
 * not read (a numeric refusal, nothing selected, a widget that did not
 * report, checks that did not run) is `attempt: false`: the student is told
 * what to fix and nothing is recorded against them.
 *
 * A wrong answer is never told the right one. A correct answer, when the
 * caller passes the variant seed, earns its completion code here and only
 * here, from the exercise's canonical answer.
 *
 * Exercise functions are authors' code: if one throws, the verdict says the
 * exercise could not be checked (not an attempt) instead of breaking the page.
 */
import { Decimal } from "../../sim/money";
import { checkNumeric, formatAnswer, parseNumericAnswer } from "./numeric";
import { completionCode } from "./receipt";
import type { ParamSpecs, ParamValues } from "../urlState";
import type { DrawnParams, Exercise, Tolerance } from "./types";

/** One check of a code exercise, as the checks module returns it. */
export interface CodeCheckResult {
  name: string;
  pass: boolean;
  detail: string;
}

/** What the student submitted. */
export type ExerciseResponse =
  | { kind: "numeric"; text: string }
  | { kind: "choice"; selected: string[] }
  | { kind: "setting"; state: Record<string, number | string | boolean> }
  | { kind: "code"; results: CodeCheckResult[] };

/** The verdict on one response. */
export interface GradeResult {
  correct: boolean;
  /** A sentence for the student. Never contains the expected answer of a wrong response. */
  message: string;
  /** false when the response could not be judged (unreadable input); such a response is not counted. */
  attempt: boolean;
  /** Numeric answers: how the input was read ("$1,250", "12%"), to show beside the verdict. */
  shown?: string;
  /** The completion code, present only when correct and a seed was given. */
  code?: string;
}

/** Most code checks read (a limit on what a runaway checks module can hand back). */
const MAX_CODE_CHECKS = 200;

function notAttempt(message: string): GradeResult {
  return { correct: false, attempt: false, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Grades a response to an exercise with these parameters. Never throws.
 *
 * @param exercise - the exercise definition
 * @param params - the student's drawn parameters ({@link drawParams})
 * @param response - what the student submitted; its kind must match the exercise's
 * @param seed - the variant seed; when given, a correct answer carries its completion code
 * @example
 * gradeResponse(liquidationPrice, params, { kind: "numeric", text: "$60.5k" }, seed)
 * //=> { correct: true, attempt: true, message: "Correct — I read $60,500.", shown: "$60,500", code: "…8 characters…" }
 * gradeResponse(liquidationPrice, params, { kind: "numeric", text: "0,5" })
 * //=> { correct: false, attempt: false, message: "I can't read “0,5”: … did you mean 0.5?" }
 */
export function gradeResponse<P extends DrawnParams>(exercise: Exercise<P>, params: P, response: ExerciseResponse, seed?: Uint8Array): GradeResult {
  let verdict: GradeResult;
  try {
    verdict = judge(exercise, params, response);
  } catch {
    return notAttempt("This exercise could not be checked because of an error in the exercise itself; your answer was not counted. Please report it.");
  }
  if (verdict.correct && seed !== undefined) {
    try {
      verdict.code = completionCode(seed, exercise.canonical(params));
    } catch {
      // A broken canonical() costs the receipt, not the verdict.
    }
  }
  return verdict;
}

function judge<P extends DrawnParams>(exercise: Exercise<P>, params: P, response: ExerciseResponse): GradeResult {
  if (!isRecord(response) || typeof response.kind !== "string") return notAttempt("There is no answer to check yet.");
  if (response.kind !== exercise.kind) {
    return notAttempt(`This exercise expects a ${exercise.kind} answer, but the page sent a ${String(response.kind)} answer. Reload the page and try again.`);
  }
  switch (exercise.kind) {
    case "numeric": {
      const text = (response as { text?: unknown }).text;
      const parsed = parseNumericAnswer(typeof text === "string" ? text : "", exercise.unit);
      if (!parsed.ok) return notAttempt(parsed.message);
      if (checkNumeric(exercise.answer(params), exercise.tolerance(params), parsed)) {
        return { correct: true, attempt: true, shown: parsed.shown, message: `Correct — I read ${parsed.shown}.` };
      }
      return {
        correct: false,
        attempt: true,
        shown: parsed.shown,
        message: `I read ${parsed.shown}, and that is not right. Check each step of your working, or open a hint.`,
      };
    }
    case "choice": {
      const raw = (response as { selected?: unknown }).selected;
      const selected = Array.isArray(raw) ? [...new Set(raw.filter((id): id is string => typeof id === "string"))] : [];
      if (selected.length === 0) return notAttempt(exercise.multiple ? "Select every answer that applies first." : "Choose an answer first.");
      const known = new Set(exercise.choices(params).map((choice) => choice.id));
      if (selected.some((id) => !known.has(id))) return notAttempt("Your selection includes an option this exercise doesn't have. Reload the page and choose again.");
      if (!exercise.multiple && selected.length > 1) return notAttempt("Choose just one answer.");
      const correct = new Set(exercise.correct(params));
      const right = selected.length === correct.size && selected.every((id) => correct.has(id));
      if (right) return { correct: true, attempt: true, message: exercise.multiple ? "Correct — exactly the right options." : "Correct." };
      return {
        correct: false,
        attempt: true,
        message: exercise.multiple
          ? "Not right: your selection is not exactly the set of true statements. Check each option on its own."
          : "Not right. Reread the question and weigh each option again, or open a hint.",
      };
    }
    case "setting": {
      const state = (response as { state?: unknown }).state;
      if (!isRecord(state) || Object.keys(state).length === 0) {
        return notAttempt("I couldn't read the figure's settings. Make sure the figure has loaded, then check again.");
      }
      const outcome = exercise.check(params, state as ParamValues<ParamSpecs>);
      if (outcome.ok) return { correct: true, attempt: true, message: "Correct — the figure is set right." };
      const reason = typeof outcome.message === "string" && outcome.message.trim() !== "" ? outcome.message.trim() : "Not yet.";
      return { correct: false, attempt: true, message: reason };
    }
    case "code": {
      const raw = (response as { results?: unknown }).results;
      const results = Array.isArray(raw) ? raw.slice(0, MAX_CODE_CHECKS).filter(isRecord) : [];
      if (results.length === 0) return notAttempt("The checks did not run, so nothing was graded. Run your code and look at the output for an error.");
      const failed = results.filter((result) => result.pass !== true);
      if (failed.length === 0) {
        return { correct: true, attempt: true, message: results.length === 1 ? "Correct — the check passes." : `Correct — all ${results.length} checks pass.` };
      }
      const first = failed[0]!;
      const name = typeof first.name === "string" && first.name !== "" ? first.name : "a check";
      const detail = typeof first.detail === "string" && first.detail.trim() !== "" ? `: ${first.detail.trim()}` : ".";
      return {
        correct: false,
        attempt: true,
        message: `${failed.length} of ${results.length} checks fail. First, “${name}”${detail}`,
      };
    }
  }
}

/**
 * The correct answer as the student would write it, for the worked solution
 * and the answer key: a numeric answer in its unit ("12.5%"), the labels of
 * the correct choices, otherwise the canonical text. Never throws.
 *
 * @example
 * describeAnswer(liquidationPrice, params) //=> "$60,542.17"
 */
export function describeAnswer<P extends DrawnParams>(exercise: Exercise<P>, params: P): string {
  try {
    if (exercise.kind === "numeric") return formatAnswer(roundToTolerance(exercise.answer(params), exercise.tolerance(params)), exercise.unit);
    if (exercise.kind === "choice") {
      const correct = new Set(exercise.correct(params));
      return exercise
        .choices(params)
        .filter((choice) => correct.has(choice.id))
        .map((choice) => choice.label)
        .join("; ");
    }
    return exercise.canonical(params);
  } catch {
    return "(the answer could not be computed)";
  }
}

/**
 * Rounds an exact answer to the places its tolerance makes meaningful, so the
 * key shows "60542.17", not thirty digits: an absolute tolerance t keeps
 * ⌈−log10 t⌉ places (at least 0), a relative one applies to the answer's size.
 * Rounding to those places moves the value by at most half the tolerance.
 *
 * @example
 * roundToTolerance("129333333.33333333", { abs: "0.01" }) //=> "129333333.33"
 */
export function roundToTolerance(answer: string, tolerance: Tolerance): string {
  const value = new Decimal(answer);
  const absolute = "abs" in tolerance ? new Decimal(tolerance.abs) : value.abs().times(tolerance.rel);
  if (!absolute.isFinite() || absolute.lte(0)) return value.toFixed();
  const places = Math.min(12, Math.max(0, Math.ceil(-Math.log10(absolute.toNumber()))));
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed();
}
