/**
 * numeric — reading the numbers people type, and judging them.
 *
 * A student who knows the answer must not be marked wrong for typing it the
 * way people write numbers: `1,250`, `1250.00`, `$1.25k`, `USD 1,250`,
 * `1 250`, `−5`, `1.2e3`, `12%`, `2.5×`, `1.5M`, `2bn`, `1.25 BTC`. And a
 * student must never be marked wrong because we guessed what an ambiguous
 * input meant: then we refuse, say what we read and how to type it, and the
 * refusal does not count as an attempt.
 *
 * What is read (after Unicode NFKC, so full-width digits and no-break or thin
 * spaces become plain ones, and any dash or minus sign becomes "-"):
 *
 *     [sign] [currency] [sign] number [e±exponent] [magnitude] [unit]
 *
 * - number: digits with an optional decimal point; thousands grouped by
 *   commas, spaces or apostrophes in groups of three (`1,250,000`, `1 250`,
 *   `1'250`). A point is always the decimal mark.
 * - magnitude: k/K/thousand, m/M/mm/mn/million, b/B/bn/billion,
 *   t/T/tn/trillion (not with percentages).
 * - unit: `$`/USD/dollars, BTC/XBT/₿/sats, `%`/percent/pct/bp/bps, `x`/`×`.
 *   A unit must fit the exercise (`12 BTC` is refused in a dollar answer).
 *
 * Refused, with a sentence saying why: empty input, letters that are not a
 * unit, two numbers (`12 13`, `12-13`, `1/2`), European notation
 * (`1.250,5`, `1,5`, `1.250.000`), absurd sizes.
 *
 * THE PERCENT RULE. A percent answer is stored as a fraction (0.12) and shown
 * as a percentage (12%). With a `%` (or "percent", "bp") the input is clear.
 * A bare number is read as percentage points when it is 0 or at least 1 in
 * size: "12" → 12% (nobody means 1200%). A bare number strictly between −1
 * and 1 is refused: "0.12" may be the fraction 0.12 (12%) or 0.12%, both
 * plausible, so we ask: "I read 0.12 — did you mean 12% or 0.12%? Type it with
 * the % sign." The rule never looks at the expected answer, so a refusal
 * cannot leak anything about it.
 *
 * Ratios (unit `ratio`) also accept a percentage: "150%" is 1.5×.
 *
 * Nothing here throws, whatever the input.
 */
import { Decimal } from "../../sim/money";
import type { AnswerUnit, Tolerance } from "./types";

/** A number we read: its exact value in the answer's stored unit, and how we read it. */
export interface NumericReading {
  ok: true;
  /** Exact decimal string, no exponent, in the stored unit (a fraction for percentages): "1250", "0.12". */
  value: string;
  /** How we read the input, in the unit the student sees: "$1,250", "12%", "1.25 BTC", "2.5×". */
  shown: string;
}

/** An input we refused, with the sentence to show the student. Not an attempt. */
export interface NumericRefusal {
  ok: false;
  message: string;
}

/** The result of {@link parseNumericAnswer}. */
export type NumericParse = NumericReading | NumericRefusal;

/** Longest input read, in characters (an answer is a number, not an essay). */
export const MAX_INPUT_CHARS = 80;
/** Most significant digits accepted: the project's Decimal keeps 34, so 30 stays exact through scaling. */
const MAX_DIGITS = 30;
/** Largest power of ten accepted, after exponent and magnitude suffix. */
const MAX_EXPONENT = 30;

type Marker = "usd" | "btc" | "sats" | "percent" | "bp" | "times";

const UNIT_NAMES: Record<AnswerUnit, string> = {
  usd: "an amount in US dollars",
  percent: "a percentage",
  btc: "an amount of bitcoin (BTC)",
  count: "a count",
  ratio: "a ratio",
  plain: "a plain number",
};

const MARKER_NAMES: Record<Marker, string> = {
  usd: "dollars",
  btc: "BTC",
  sats: "satoshis",
  percent: "a percentage",
  bp: "basis points",
  times: "a ratio (×)",
};

/** Markers each unit accepts; anything else is a unit mismatch. */
const ALLOWED_MARKERS: Record<AnswerUnit, readonly Marker[]> = {
  usd: ["usd"],
  percent: ["percent", "bp"],
  btc: ["btc", "sats"],
  count: [],
  ratio: ["times", "percent"],
  plain: [],
};

const MAGNITUDES: [RegExp, number][] = [
  [/^(k|thousand)$/i, 3],
  [/^(m|mm|mn|mio|million|millions)$/i, 6],
  [/^(b|bn|billion|billions)$/i, 9],
  [/^(t|tn|trillion|trillions)$/i, 12],
];

const MARKERS: [RegExp, Marker][] = [
  [/^(\$|usd|us\$|dollars?)$/i, "usd"],
  [/^(btc|xbt|₿|bitcoins?)$/i, "btc"],
  [/^(sats?|satoshis?)$/i, "sats"],
  [/^(%|percent|per cent|pct)$/i, "percent"],
  [/^(bps?|basis points?)$/i, "bp"],
  [/^(x|×)$/i, "times"],
];

const PREFIX_MARKERS: [RegExp, Marker][] = [
  [/^(us\$|usd|\$)/i, "usd"],
  [/^(btc|xbt|₿)/i, "btc"],
];

function refuse(message: string): NumericRefusal {
  return { ok: false, message };
}

function quote(text: string): string {
  return `“${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;
}

function groupThousands(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** An exact decimal for people: grouped thousands, every typed digit kept, a true minus sign. */
function formatForReading(value: Decimal): string {
  const text = value.abs().toFixed();
  const [whole, fraction] = text.split(".");
  const sign = value.isNegative() && !value.isZero() ? "\u2212" : "";
  return `${sign}${groupThousands(whole ?? "0")}${fraction ? `.${fraction}` : ""}`;
}

function canonical(value: Decimal): string {
  return value.isZero() ? "0" : value.toFixed();
}

/**
 * Reads the digits of a number as typed ("1,250.50", "1 250", ".5") into a
 * plain digit string ("1250.50"), or says why it can't.
 */
function readNumeral(numeral: string, whole: string): { ok: true; digits: string } | NumericRefusal {
  const points = numeral.split(".").length - 1;
  const commas = numeral.split(",").length - 1;
  if (points >= 1 && commas >= 1 && numeral.lastIndexOf(",") > numeral.lastIndexOf(".")) {
    return refuse(
      `I can't read ${quote(whole)}: it looks like European notation (a point between thousands, a comma before the decimals). Type it with a point for decimals and no other marks, e.g. ${numeral.replace(/[.\s'’]/g, "").replace(",", ".")}.`,
    );
  }
  if (points > 1) {
    return refuse(
      `I can't read ${quote(whole)}: it has more than one decimal point. A point marks decimals here; separate thousands with commas or spaces (1,250,000) or not at all.`,
    );
  }
  const [integerPart = "", fractionPart] = numeral.split(".");
  if (fractionPart !== undefined && /[^0-9]/.test(fractionPart)) {
    return refuse(`I can't read ${quote(whole)}: after the decimal point there should only be digits.`);
  }
  const separators = new Set(integerPart.replace(/[0-9]/g, ""));
  if (separators.size > 1) {
    return refuse(`I see more than one number in ${quote(whole)}, or marks between the digits I can't read. Type a single number, such as 1250 or 1,250.`);
  }
  if (separators.size === 1) {
    const separator = [...separators][0]!;
    const groups = integerPart.split(separator);
    const grouped = /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((group) => /^\d{3}$/.test(group));
    if (!grouped) {
      if (separator === "," && groups.length === 2 && fractionPart === undefined && /^\d+$/.test(groups[0]!) && /^\d+$/.test(groups[1]!)) {
        return refuse(`I can't read ${quote(whole)}: a comma here separates thousands, and “${groups[1]}” is not a group of three digits. For decimals use a point: did you mean ${groups[0]}.${groups[1]}?`);
      }
      return refuse(`I see more than one number in ${quote(whole)}. Type a single number; if the marks separate thousands, put them every three digits (1,250,000).`);
    }
  }
  const digits = `${integerPart.replace(/[^0-9]/g, "")}${fractionPart ? `.${fractionPart}` : ""}`;
  if (!/\d/.test(digits)) return refuse(`I can't find a number in ${quote(whole)}.`);
  return { ok: true, digits };
}

/** Reads the words after the number: an optional magnitude then an optional unit marker. */
function readSuffix(rest: string, whole: string): { ok: true; magnitude: number; marker: Marker | undefined } | NumericRefusal {
  let text = rest.trim();
  let magnitude = 0;
  let marker: Marker | undefined;
  if (text === "") return { ok: true, magnitude, marker };
  // Magnitude: a word or letter run at the start, e.g. "k", "bn", "million" (possibly glued to the unit: "1.5M$").
  const magnitudeMatch = /^([a-z]+)(?=$|[\s$%×₿])/i.exec(text);
  if (magnitudeMatch) {
    const found = MAGNITUDES.find(([pattern]) => pattern.test(magnitudeMatch[1]!));
    if (found) {
      magnitude = found[1];
      text = text.slice(magnitudeMatch[1]!.length).trim();
    }
  }
  if (text !== "") {
    const normalized = text.replace(/\s+/g, " ");
    const found = MARKERS.find(([pattern]) => pattern.test(normalized));
    if (!found) {
      if (/\d/.test(text)) {
        return refuse(`I see more than one number in ${quote(whole)}. Type a single number (for a fraction such as 1/2, type 0.5).`);
      }
      return refuse(
        `I can't read ${quote(whole)}: “${text.length > 20 ? `${text.slice(0, 19)}…` : text}” is not a unit I know. Type just the number (e.g. 1250), optionally with $, %, ×, BTC, or k, M, bn.`,
      );
    }
    marker = found[1];
  }
  return { ok: true, magnitude, marker };
}

/**
 * Reads a numeric answer as people type it, for an answer in `unit`.
 * Never throws: garbage gets `{ ok: false, message }` with a sentence to show.
 *
 * @param input - what the student typed
 * @param unit - the exercise's answer unit (a percent answer is stored as a fraction)
 * @returns the exact value in the stored unit and how we read it, or a refusal
 * @example
 * parseNumericAnswer("$1.25k", "usd")   //=> { ok: true, value: "1250", shown: "$1,250" }
 * parseNumericAnswer("12", "percent")   //=> { ok: true, value: "0.12", shown: "12%" }
 * parseNumericAnswer("0.12", "percent") //=> { ok: false, message: "I read 0.12 — did you mean 12% or 0.12%? Type it with the % sign." }
 * parseNumericAnswer("1.250,5", "usd")  //=> { ok: false, message: "I can't read “1.250,5”: it looks like European notation …" }
 */
export function parseNumericAnswer(input: string, unit: AnswerUnit): NumericParse {
  try {
    return parse(input, unit);
  } catch {
    // Defensive: the parser is written not to throw; if Decimal ever does, the student still gets a sentence.
    return refuse("I couldn't read that as a number. Type a single number, such as 1250 or 12%.");
  }
}

function parse(input: string, unit: AnswerUnit): NumericParse {
  if (typeof input !== "string") return refuse("Type a number first.");
  if (typeof unit !== "string" || !Object.prototype.hasOwnProperty.call(UNIT_NAMES, unit)) return refuse("This exercise has an unknown answer unit; please report it.");
  if (input.length > MAX_INPUT_CHARS * 4) return refuse(`That is too long for a number (at most ${MAX_INPUT_CHARS} characters).`);
  const whole = input
    .normalize("NFKC")
    .replace(/[\u2010-\u2015\u2212\ufe63]/g, "-")
    .replace(/[\s\u200b\u2060\ufeff]+/g, " ")
    .trim();
  if (whole === "") return refuse("Type a number first.");
  if (whole.length > MAX_INPUT_CHARS) return refuse(`That is too long for a number (at most ${MAX_INPUT_CHARS} characters).`);

  let text = whole;
  let negative = false;
  let prefixMarker: Marker | undefined;
  const takeSign = (): boolean => {
    const sign = /^[-+]/.exec(text);
    if (!sign) return false;
    if (sign[0] === "-") negative = true;
    text = text.slice(1).trim();
    return true;
  };
  const signedFirst = takeSign();
  const prefix = PREFIX_MARKERS.find(([pattern]) => pattern.test(text));
  if (prefix) {
    prefixMarker = prefix[1];
    text = text.replace(prefix[0], "").trim();
    if (!signedFirst) takeSign();
  }
  if (/^[-+]/.test(text)) return refuse(`I can't read ${quote(whole)}: it has more than one sign.`);

  const numeralMatch = /^(?:\d|\.\d)(?:[\d.,'’]|\s(?=\d))*/.exec(text);
  if (!numeralMatch) {
    if (/\d/.test(text)) return refuse(`I can't read ${quote(whole)}: it should start with the number (a sign or a currency symbol may come first).`);
    return refuse(`I can't find a number in ${quote(whole)}. Type a number such as 1250, $1.25k or 12%.`);
  }
  const numeral = numeralMatch[0].replace(/[,'’\s]+$/, "");
  let rest = text.slice(numeral.length);
  if (/^[,'’]/.test(rest.trimStart()) && /\d/.test(rest)) {
    return refuse(`I see more than one number in ${quote(whole)}. Type a single number.`);
  }
  rest = rest.replace(/^[,'’]+/, "");
  const numeralRead = readNumeral(numeral, whole);
  if (!numeralRead.ok) return numeralRead;

  let exponent = 0;
  const exponentMatch = /^e([+-]?)(\d{1,4})(?![\d.])/i.exec(rest);
  if (exponentMatch) {
    exponent = Number(exponentMatch[2]) * (exponentMatch[1] === "-" ? -1 : 1);
    rest = rest.slice(exponentMatch[0].length);
  } else if (/^e[+-]?\d/i.test(rest)) {
    return refuse(`I can't read the exponent in ${quote(whole)}.`);
  }

  const suffix = readSuffix(rest, whole);
  if (!suffix.ok) return suffix;
  if (prefixMarker && suffix.marker && suffix.marker !== prefixMarker) {
    return refuse(`I can't read ${quote(whole)}: it has two different units (${MARKER_NAMES[prefixMarker]} and ${MARKER_NAMES[suffix.marker]}).`);
  }
  const marker = prefixMarker ?? suffix.marker;
  if (marker && !ALLOWED_MARKERS[unit].includes(marker)) {
    return refuse(`This answer is ${UNIT_NAMES[unit]}, but ${quote(whole)} reads as ${MARKER_NAMES[marker]}. Type ${unitExample(unit)}.`);
  }
  if (suffix.magnitude !== 0 && (marker === "percent" || marker === "bp" || unit === "percent")) {
    return refuse(`I can't read ${quote(whole)}: k, M or bn don't go with a percentage. Type the percentage itself, e.g. 12.5%.`);
  }
  if (exponent !== 0 && suffix.magnitude !== 0) {
    return refuse(`I can't read ${quote(whole)}: use either an exponent (1.2e3) or a word like k or M (1.2k), not both.`);
  }

  const significant = numeralRead.digits.replace(".", "").replace(/^0+/, "");
  if (significant.length > MAX_DIGITS) return refuse(`That number has too many digits (at most ${MAX_DIGITS}).`);
  const power = exponent + suffix.magnitude;
  if (Math.abs(power) > MAX_EXPONENT) return refuse(`${quote(whole)} is far too large or too small to be the answer.`);

  let typed = new Decimal(numeralRead.digits).times(new Decimal(10).pow(power));
  if (negative) typed = typed.negated();
  if (typed.abs().gte(new Decimal(10).pow(MAX_EXPONENT))) return refuse(`${quote(whole)} is far too large to be the answer.`);

  return interpret(typed, unit, marker);
}

function unitExample(unit: AnswerUnit): string {
  switch (unit) {
    case "usd":
      return "the dollar amount, such as $1,250 or 1.25k";
    case "percent":
      return "the percentage with the % sign, such as 12.5%";
    case "btc":
      return "the amount in BTC, such as 1.25";
    case "ratio":
      return "the ratio, such as 2.5 or 2.5×";
    default:
      return "just the number, such as 1250";
  }
}

/** Turns the typed value into the stored unit, applying the percent rule. */
function interpret(typed: Decimal, unit: AnswerUnit, marker: Marker | undefined): NumericParse {
  const hundred = new Decimal(100);
  if (unit === "percent") {
    let points = typed; // percentage points
    if (marker === "bp") points = typed.div(hundred);
    if (marker === undefined && !typed.isZero() && typed.abs().lt(1)) {
      const read = formatForReading(typed);
      return refuse(`I read ${read} — did you mean ${formatForReading(typed.times(hundred))}% or ${read}%? Type it with the % sign.`);
    }
    return { ok: true, value: canonical(points.div(hundred)), shown: `${formatForReading(points)}%` };
  }
  if (unit === "ratio") {
    const ratio = marker === "percent" ? typed.div(hundred) : typed;
    const shown = marker === "percent" ? `${formatForReading(typed)}% (= ${formatForReading(ratio)}×)` : `${formatForReading(ratio)}×`;
    return { ok: true, value: canonical(ratio), shown };
  }
  if (unit === "usd") {
    const sign = typed.isNegative() && !typed.isZero() ? "\u2212" : "";
    return { ok: true, value: canonical(typed), shown: `${sign}$${formatForReading(typed.abs())}` };
  }
  if (unit === "btc") {
    const btc = marker === "sats" ? typed.div(new Decimal("1e8")) : typed;
    return { ok: true, value: canonical(btc), shown: `${formatForReading(btc)} BTC` };
  }
  return { ok: true, value: canonical(typed), shown: formatForReading(typed) };
}

/**
 * Whether a read answer is within tolerance of the expected one (bounds
 * included). Absolute tolerance is in the stored unit (a fraction for
 * percentages: `{ abs: "0.0005" }` is ±0.05 percentage points); relative
 * tolerance is a share of |expected| (`{ rel: 0.005 }` is ±0.5 %). Never
 * throws: a refusal, a malformed expected value or tolerance gives false.
 *
 * @param expected - the exact answer, a Decimal string
 * @param parsed - a {@link parseNumericAnswer} result, or a value string
 * @example
 * checkNumeric("1250", { abs: "0.5" }, parseNumericAnswer("$1,250.40", "usd")) //=> true
 * checkNumeric("0.12", { rel: 0.01 }, parseNumericAnswer("12.2%", "percent"))  //=> false
 */
export function checkNumeric(expected: string, tolerance: Tolerance, parsed: NumericParse | string): boolean {
  try {
    const valueText = typeof parsed === "string" ? parsed : parsed.ok ? parsed.value : undefined;
    if (valueText === undefined || !isDecimalText(valueText) || !isDecimalText(expected)) return false;
    const value = new Decimal(valueText.trim());
    const target = new Decimal(expected.trim());
    const distance = value.minus(target).abs();
    if ("abs" in tolerance) {
      if (!isDecimalText(String(tolerance.abs))) return false;
      const allowed = new Decimal(String(tolerance.abs).trim());
      return !allowed.isNegative() && distance.lte(allowed);
    }
    if (typeof tolerance.rel !== "number" || !Number.isFinite(tolerance.rel) || tolerance.rel < 0) return false;
    return distance.lte(target.abs().times(new Decimal(String(tolerance.rel))));
  } catch {
    return false;
  }
}

function isDecimalText(text: unknown): text is string {
  return typeof text === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text);
}

/**
 * Formats a stored answer the way the student would read it (the answer key,
 * the worked solution's last line): "$1,250", "12%", "1.25 BTC", "2.5×".
 * Never throws; a malformed value is returned as it is.
 *
 * @example
 * formatAnswer("0.125", "percent") //=> "12.5%"
 * formatAnswer("-3400", "usd")     //=> "−$3,400"
 */
export function formatAnswer(value: string, unit: AnswerUnit): string {
  if (!isDecimalText(value)) return String(value);
  const amount = new Decimal(value.trim());
  switch (unit) {
    case "percent":
      return `${formatForReading(amount.times(100))}%`;
    case "usd":
      return `${amount.isNegative() && !amount.isZero() ? "\u2212" : ""}$${formatForReading(amount.abs())}`;
    case "btc":
      return `${formatForReading(amount)} BTC`;
    case "ratio":
      return `${formatForReading(amount)}×`;
    default:
      return formatForReading(amount);
  }
}
