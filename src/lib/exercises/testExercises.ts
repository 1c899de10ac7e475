/**
 * Small fake exercises for the library's tests (one of each kind), so the
 * tests don't depend on the book's content. Not imported by the site.
 */
import type { ChoiceExercise, CodeExercise, Exercise, NumericExercise, SettingExercise } from "./types";

const base = { chapter: "theory" as const, objective: "test", hints: () => ["Think."], solution: () => "Because." };

/** Numeric: 2·n dollars, n in [1, 1000]; tolerance ±0.5. */
export const doubleUsd: NumericExercise<{ n: number }> = {
  ...base,
  id: "test-double-usd",
  title: "Double it",
  kind: "numeric",
  unit: "usd",
  params: (rng) => ({ n: rng.int(1, 1000) }),
  prompt: (p) => `Double ${p.n} dollars.`,
  canonical: (p) => String(p.n * 2),
  answer: (p) => String(p.n * 2),
  tolerance: () => ({ abs: "0.5" }),
};

/** Numeric, percent: the fraction rate (a grid decimal); tolerance relative 0.1 %. */
export const ratePercent: NumericExercise<{ rate: string }> = {
  ...base,
  id: "test-rate-percent",
  title: "The rate",
  kind: "numeric",
  unit: "percent",
  params: (rng) => ({ rate: rng.decimal("0.01", "0.5", "0.005") }),
  prompt: (p) => `The rate is ${p.rate}; as a percentage?`,
  canonical: (p) => p.rate,
  answer: (p) => p.rate,
  tolerance: () => ({ rel: 0.001 }),
};

/** Choice, single: the correct id is drawn. */
export const pickOne: ChoiceExercise<{ right: string }> = {
  ...base,
  id: "test-pick-one",
  title: "Pick",
  kind: "choice",
  multiple: false,
  params: (rng) => ({ right: rng.pick(["a", "b", "c"]) }),
  prompt: () => "Which?",
  choices: () => [
    { id: "a", label: "Alpha" },
    { id: "b", label: "Beta" },
    { id: "c", label: "Gamma" },
  ],
  correct: (p) => [p.right],
  canonical: (p) => p.right,
};

/** Choice, multiple: a and c. */
export const pickMany: ChoiceExercise<Record<string, never>> = {
  ...base,
  id: "test-pick-many",
  title: "Pick all",
  kind: "choice",
  multiple: true,
  params: () => ({}),
  prompt: () => "Which apply?",
  choices: () => [
    { id: "a", label: "Alpha" },
    { id: "b", label: "Beta" },
    { id: "c", label: "Gamma" },
  ],
  correct: () => ["a", "c"],
  canonical: () => "a,c",
};

/** Setting: leverage must equal the drawn target. */
export const setLeverage: SettingExercise<{ target: number }> = {
  ...base,
  id: "test-set-leverage",
  title: "Set it",
  kind: "setting",
  widget: "cascade",
  params: (rng) => ({ target: rng.int(2, 50) }),
  prompt: (p) => `Set leverage to ${p.target}.`,
  check: (p, state) =>
    (state as Record<string, unknown>).leverage === p.target
      ? { ok: true }
      : { ok: false, message: `Leverage is ${String((state as Record<string, unknown>).leverage)}; it should make the cascade start.` },
  canonical: (p) => `leverage=${p.target}`,
};

/** Code: graded from check results. */
export const writeCode: CodeExercise<Record<string, never>> = {
  ...base,
  id: "test-write-code",
  title: "Code",
  kind: "code",
  params: () => ({}),
  prompt: () => "Write f.",
  starter: () => "export function f() {}",
  reference: () => "export function f() { return 1; }",
  checks: () => "return [];",
  canonical: () => "pass",
};

/** An exercise whose functions throw (an author's bug). */
export const broken: NumericExercise<{ n: number }> = {
  ...doubleUsd,
  id: "test-broken",
  answer: () => {
    throw new Error("boom");
  },
};

/** All of them, as a registry would list them. */
export const testExercises: Exercise[] = [doubleUsd, ratePercent, pickOne, pickMany, setLeverage, writeCode] as unknown as Exercise[];
