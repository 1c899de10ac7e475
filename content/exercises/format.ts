/**
 * How exercises write numbers in prompts and solutions. Money is always
 * written "USD 1,250.00" (the code before the amount, thousands grouped with
 * commas); percentages "12.5%"; plain quantities with grouped thousands. All
 * rounding is half-even, the library's rule, so what a solution shows is what
 * `canonical` records.
 */
import { Decimal, toDecimal, type DecimalInput } from "../../src/sim/index";

function group(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A number with grouped thousands and exactly `digits` decimals: `1,250.50`. */
export function num(value: DecimalInput, digits = 2): string {
  const d = toDecimal(value);
  const fixed = d.abs().toFixed(digits, Decimal.ROUND_HALF_EVEN);
  const [intPart, fracPart] = fixed.split(".");
  const sign = d.isNegative() && !new Decimal(fixed).isZero() ? "−" : "";
  return `${sign}${group(intPart!)}${fracPart ? "." + fracPart : ""}`;
}

/** A number with grouped thousands, trailing zeros dropped (up to `maxDigits` decimals): `0.004`, `67,000`. */
export function plain(value: DecimalInput, maxDigits = 8): string {
  const d = toDecimal(value).toDecimalPlaces(maxDigits, Decimal.ROUND_HALF_EVEN);
  const text = d.abs().toFixed();
  const [intPart, fracPart] = text.split(".");
  const sign = d.isNegative() && !d.isZero() ? "−" : "";
  return `${sign}${group(intPart!)}${fracPart ? "." + fracPart : ""}`;
}

/** Money: `USD 1,250.00` (cents by default). */
export function usd(value: DecimalInput, digits = 2): string {
  return `USD ${num(value, digits)}`;
}

/** Money in millions: `USD 60 million` with up to `digits` decimals of a million. */
export function usdMillions(value: DecimalInput, digits = 1): string {
  return `USD ${plain(toDecimal(value).div(1e6), digits)} million`;
}

/** A fraction as a percentage: `0.125` → `12.5%` (up to `maxDigits` decimals, trailing zeros dropped). */
export function pct(fraction: DecimalInput, maxDigits = 2): string {
  return `${plain(toDecimal(fraction).times(100), maxDigits)}%`;
}

/** A fraction as a percentage with exactly `digits` decimals: `9.64%`. */
export function pctFixed(fraction: DecimalInput, digits = 2): string {
  return `${num(toDecimal(fraction).times(100), digits)}%`;
}

/** Rounds to `digits` decimals, half-even, as a plain string for `canonical`: "60542.17". */
export function round(value: DecimalInput, digits: number): string {
  return toDecimal(value).toFixed(digits, Decimal.ROUND_HALF_EVEN);
}

/** Joins paragraphs with the blank line the exercise text format expects. */
export function paragraphs(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === "string" && p.trim() !== "").join("\n\n");
}

/**
 * A setting exercise whose `check` never throws: a state the widget could not have produced
 * (a missing or malformed control) comes back as a sentence instead of an exception.
 */
export function withSafeCheck<T extends { check(p: never, state: never): { ok: true } | { ok: false; message: string } }>(exercise: T): T {
  const check = exercise.check.bind(exercise) as (p: unknown, state: unknown) => { ok: true } | { ok: false; message: string };
  return {
    ...exercise,
    check(p: unknown, state: unknown) {
      if (state === null || typeof state !== "object") return { ok: false, message: "The widget's state could not be read; reload the page and set the controls again." };
      try {
        return check(p, state);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { ok: false, message: `The widget's state could not be checked (${reason}). Set every control the exercise names and submit again.` };
      }
    },
  };
}

/**
 * Draws a variant until `accept` holds, at most `attempts` times, else returns
 * `fallback` (the chapter's example): keeps a student's numbers honest without
 * an unbounded loop. A variant accepted on the first draw is what `draw` alone
 * would give, so adding a rule never changes the variants that already passed.
 */
export function drawUntil<P>(draw: () => P, accept: (candidate: P) => boolean, fallback: P, attempts = 40): P {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const candidate = draw();
    if (accept(candidate)) return candidate;
  }
  return fallback;
}
