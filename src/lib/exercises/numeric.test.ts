import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkNumeric, formatAnswer, parseNumericAnswer } from "./numeric";
import type { AnswerUnit } from "./types";

type Row = [input: string, unit: AnswerUnit, expected: { value: string; shown?: string } | { refused: string }];

// What people type. `value` is the exact stored value (a fraction for percentages).
const ROWS: Row[] = [
  ["1250", "usd", { value: "1250", shown: "$1,250" }],
  ["1,250", "usd", { value: "1250", shown: "$1,250" }],
  ["1250.00", "usd", { value: "1250", shown: "$1,250" }],
  ["$1,250.50", "usd", { value: "1250.5" }],
  ["$1.25k", "usd", { value: "1250", shown: "$1,250" }],
  ["1.25K", "usd", { value: "1250" }],
  ["USD 1,250", "usd", { value: "1250" }],
  ["1,250 USD", "usd", { value: "1250" }],
  ["US$1,250", "usd", { value: "1250" }],
  ["1250$", "usd", { value: "1250" }],
  ["1.2e3", "usd", { value: "1200" }],
  ["1.2E-3", "plain", { value: "0.0012" }],
  ["\u22125", "usd", { value: "-5", shown: "\u2212$5" }],
  ["-$3,400", "usd", { value: "-3400" }],
  ["$-3,400", "usd", { value: "-3400" }],
  ["\u20133400", "usd", { value: "-3400" }],
  ["1 250", "usd", { value: "1250" }],
  ["1\u2009250", "usd", { value: "1250" }],
  ["1\u00a0250\u00a0000", "usd", { value: "1250000" }],
  ["1'250", "count", { value: "1250" }],
  ["1.5m", "usd", { value: "1500000" }],
  ["1.5M", "usd", { value: "1500000" }],
  ["$1.5 million", "usd", { value: "1500000" }],
  ["2bn", "usd", { value: "2000000000" }],
  ["2 billion dollars", "usd", { value: "2000000000" }],
  ["0.3T", "usd", { value: "300000000000" }],
  ["  42  ", "count", { value: "42", shown: "42" }],
  [".5", "plain", { value: "0.5" }],
  ["5.", "plain", { value: "5" }],
  ["+7", "plain", { value: "7" }],
  ["\uff11\uff12\uff05", "percent", { value: "0.12", shown: "12%" }],
  ["12%", "percent", { value: "0.12", shown: "12%" }],
  ["12 %", "percent", { value: "0.12" }],
  ["12.5 percent", "percent", { value: "0.125" }],
  ["12", "percent", { value: "0.12", shown: "12%" }],
  ["0.5%", "percent", { value: "0.005", shown: "0.5%" }],
  ["50bp", "percent", { value: "0.005", shown: "0.5%" }],
  ["-2.5%", "percent", { value: "-0.025" }],
  ["0", "percent", { value: "0", shown: "0%" }],
  ["150", "percent", { value: "1.5" }],
  ["1.25 BTC", "btc", { value: "1.25", shown: "1.25 BTC" }],
  ["BTC 0.5", "btc", { value: "0.5" }],
  ["₿2", "btc", { value: "2" }],
  ["50,000 sats", "btc", { value: "0.0005" }],
  ["2.5x", "ratio", { value: "2.5", shown: "2.5×" }],
  ["2.5×", "ratio", { value: "2.5" }],
  ["2.5 X", "ratio", { value: "2.5" }],
  ["150%", "ratio", { value: "1.5" }],
  ["0.5", "ratio", { value: "0.5" }],
  // Refusals
  ["0.12", "percent", { refused: "did you mean 12% or 0.12%? Type it with the % sign" }],
  ["-0.5", "percent", { refused: "did you mean \u221250% or \u22120.5%?" }],
  ["1.2e-1", "percent", { refused: "did you mean 12%" }],
  ["", "usd", { refused: "Type a number first" }],
  ["   ", "plain", { refused: "Type a number first" }],
  ["1.250,5", "usd", { refused: "European notation" }],
  ["1,5", "usd", { refused: "did you mean 1.5?" }],
  ["1.250.000", "usd", { refused: "more than one decimal point" }],
  ["12 13", "plain", { refused: "more than one number" }],
  ["12-13", "plain", { refused: "more than one number" }],
  ["12, 13", "plain", { refused: "more than one number" }],
  ["1/2", "plain", { refused: "0.5" }],
  ["12 and 13", "plain", { refused: "more than one number" }],
  ["abc", "plain", { refused: "can't find a number" }],
  ["12 apples", "count", { refused: "“apples” is not a unit I know" }],
  ["12kk", "usd", { refused: "is not a unit I know" }],
  ["NaN", "plain", { refused: "can't find a number" }],
  ["Infinity", "plain", { refused: "can't find a number" }],
  ["0x1F", "plain", { refused: "more than one number" }],
  ["12 BTC", "usd", { refused: "reads as BTC" }],
  ["$12", "btc", { refused: "reads as dollars" }],
  ["12%", "usd", { refused: "reads as a percentage" }],
  ["12%", "plain", { refused: "This answer is a plain number" }],
  ["2.5x", "usd", { refused: "a ratio" }],
  ["$5 BTC", "btc", { refused: "two different units" }],
  ["12k%", "percent", { refused: "don't go with a percentage" }],
  ["1e3k", "usd", { refused: "either an exponent" }],
  ["--5", "plain", { refused: "more than one sign" }],
  ["1e400", "plain", { refused: "far too large" }],
  ["1.5 mBTC", "btc", { refused: "not a unit I know" }],
  ["€5", "usd", { refused: "should start with the number" }],
  ["~12", "plain", { refused: "should start with the number" }],
  ["1234567890123456789012345678901234", "plain", { refused: "too many digits" }],
  ["1".repeat(200), "plain", { refused: "too long" }],
];

describe("parseNumericAnswer — what people type", () => {
  it("has a table of at least 40 rows", () => expect(ROWS.length).toBeGreaterThanOrEqual(40));

  for (const [input, unit, expected] of ROWS) {
    it(`${JSON.stringify(input)} as ${unit}`, () => {
      const result = parseNumericAnswer(input, unit);
      if ("refused" in expected) {
        expect(result.ok, JSON.stringify(result)).toBe(false);
        if (!result.ok) expect(result.message).toContain(expected.refused);
      } else {
        expect(result, JSON.stringify(result)).toMatchObject({ ok: true, value: expected.value });
        if (result.ok && expected.shown !== undefined) expect(result.shown).toBe(expected.shown);
      }
    });
  }
});

const UNITS: AnswerUnit[] = ["usd", "percent", "btc", "count", "ratio", "plain"];

describe("parseNumericAnswer — fuzzing", () => {
  it("never throws, and always returns a sentence or an exact decimal", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: "grapheme" }), fc.constantFrom(...UNITS), (input, unit) => {
        const result = parseNumericAnswer(input, unit);
        if (result.ok) expect(result.value).toMatch(/^-?\d+(\.\d+)?$/);
        else expect(result.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 3000 },
    );
  });

  it("never throws on values that are not strings", () => {
    for (const junk of [undefined, null, 12, {}, []]) {
      expect(parseNumericAnswer(junk as unknown as string, "usd").ok).toBe(false);
    }
    expect(parseNumericAnswer("12", "furlongs" as AnswerUnit).ok).toBe(false);
  });

  it("refuses letters that are not known units", () => {
    const known = /^(k|thousand|m|mm|mn|mio|millions?|b|bn|billions?|t|tn|trillions?|usd|us|dollars?|btc|xbt|bitcoins?|sats?|satoshis?|percent|per|cent|pct|bps?|basis|points?|x|e)$/i;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99999 }),
        fc.stringMatching(/^[a-zA-Z]{1,8}$/),
        fc.constantFrom("", " "),
        fc.constantFrom(...UNITS),
        (number, word, space, unit) => {
          fc.pre(!known.test(word));
          expect(parseNumericAnswer(`${number}${space}${word}`, unit).ok).toBe(false);
          expect(parseNumericAnswer(`${word}${space}${number}`, unit).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("refuses two numbers", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 9999 }),
        fc.constantFrom(" ", "  ", "-", "/", " - ", ", ", " and ", "; ", " or "),
        fc.constantFrom(...UNITS),
        (a, b, between, unit) => {
          // "1 250" is one number (a thousands group), so the second must not be exactly three digits after a space.
          fc.pre(!(between.trim() === "" && String(b).length === 3 && String(a).length <= 3));
          expect(parseNumericAnswer(`${a}${between}${b}`, unit).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("reads back any decimal it formats (usd, btc, plain, ratio)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom<AnswerUnit>("usd", "btc", "plain", "ratio", "count"),
        (units, scale, unit) => {
          const negative = units < 0n;
          const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
          const text = `${negative ? "-" : ""}${scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`}`;
          const result = parseNumericAnswer(formatAnswer(text, unit), unit);
          expect(result.ok && checkNumeric(text, { abs: "0" }, result)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("checkNumeric", () => {
  const read = (text: string, unit: AnswerUnit = "usd") => parseNumericAnswer(text, unit);

  it("absolute tolerance, bounds included", () => {
    expect(checkNumeric("1250", { abs: "0.5" }, read("$1,250.50"))).toBe(true);
    expect(checkNumeric("1250", { abs: "0.5" }, read("1249.5"))).toBe(true);
    expect(checkNumeric("1250", { abs: "0.5" }, read("1250.51"))).toBe(false);
    expect(checkNumeric("0.1", { abs: "0" }, "0.10")).toBe(true);
  });

  it("relative tolerance", () => {
    expect(checkNumeric("60542.17", { rel: 0.001 }, read("60.5k"))).toBe(true);
    expect(checkNumeric("60542.17", { rel: 0.0001 }, read("60.5k"))).toBe(false);
    expect(checkNumeric("-100", { rel: 0.01 }, read("-99"))).toBe(true);
    expect(checkNumeric("0", { rel: 0.5 }, read("0.0001"))).toBe(false);
    expect(checkNumeric("0", { rel: 0.5 }, read("0"))).toBe(true);
  });

  it("percent answers compare fractions", () => {
    expect(checkNumeric("0.125", { abs: "0.0005" }, read("12.5%", "percent"))).toBe(true);
    expect(checkNumeric("0.125", { abs: "0.0005" }, read("12.46", "percent"))).toBe(true);
    expect(checkNumeric("0.125", { abs: "0.0005" }, read("12.2%", "percent"))).toBe(false);
  });

  it("never throws; refusals and garbage are false", () => {
    expect(checkNumeric("1250", { abs: "1" }, read("abc"))).toBe(false);
    expect(checkNumeric("not a number", { abs: "1" }, "1250")).toBe(false);
    expect(checkNumeric("1250", { abs: "wide" }, "1250")).toBe(false);
    expect(checkNumeric("1250", { abs: "-1" }, "1250")).toBe(false);
    expect(checkNumeric("1250", { rel: Number.NaN }, "1250")).toBe(false);
    expect(checkNumeric("1250", {} as { rel: number }, "1250")).toBe(false);
  });
});

describe("formatAnswer", () => {
  it("shows a stored value in the student's unit", () => {
    expect(formatAnswer("0.125", "percent")).toBe("12.5%");
    expect(formatAnswer("-3400", "usd")).toBe("\u2212$3,400");
    expect(formatAnswer("1.25", "btc")).toBe("1.25 BTC");
    expect(formatAnswer("2.5", "ratio")).toBe("2.5×");
    expect(formatAnswer("1234567.5", "plain")).toBe("1,234,567.5");
    expect(formatAnswer("oops", "plain")).toBe("oops");
  });
});
