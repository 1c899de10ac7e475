import { describe, expect, it } from "vitest";
import { describeAnswer, gradeResponse, roundToTolerance } from "./grading";
import { completionCode } from "./receipt";
import { drawParams, variantSeed } from "./seed";
import { broken, doubleUsd, pickMany, pickOne, ratePercent, setLeverage, writeCode } from "./testExercises";

describe("gradeResponse — numeric", () => {
  const params = drawParams(doubleUsd, "hw1", "ada");
  const answer = params.n * 2;
  const seed = variantSeed("hw1", doubleUsd.id, "ada");

  it("accepts the answer as people type it and gives the code", () => {
    const result = gradeResponse(doubleUsd, params, { kind: "numeric", text: `$${answer.toLocaleString("en-US")}.4` }, seed);
    expect(result).toMatchObject({ correct: true, attempt: true });
    expect(result.message).toMatch(/^Correct/);
    expect(result.code).toBe(completionCode(seed, String(answer)));
  });

  it("says a wrong answer is wrong without giving the answer", () => {
    const result = gradeResponse(doubleUsd, params, { kind: "numeric", text: String(answer + 1) }, seed);
    expect(result).toMatchObject({ correct: false, attempt: true });
    expect(result.code).toBeUndefined();
    expect(result.message).toContain("not right");
    expect(result.message).not.toContain(String(answer).replace(/\B(?=(\d{3})+(?!\d))/g, ","));
    expect(result.message).not.toMatch(new RegExp(`\\b${answer}\\b`));
  });

  it("passes a refusal through as not an attempt", () => {
    const result = gradeResponse(doubleUsd, params, { kind: "numeric", text: "1.250,5" }, seed);
    expect(result).toMatchObject({ correct: false, attempt: false });
    expect(result.message).toContain("European");
  });

  it("applies the percent rule", () => {
    const p = drawParams(ratePercent, "hw1", "ada");
    const points = (Number(p.rate) * 100).toString();
    expect(gradeResponse(ratePercent, p, { kind: "numeric", text: `${points}%` }).correct).toBe(true);
    expect(gradeResponse(ratePercent, p, { kind: "numeric", text: points }).correct).toBe(true);
    expect(gradeResponse(ratePercent, p, { kind: "numeric", text: p.rate })).toMatchObject({ attempt: false });
  });
});

describe("gradeResponse — choice", () => {
  it("single choice", () => {
    const params = drawParams(pickOne, "hw1", "ada");
    const wrong = ["a", "b", "c"].find((id) => id !== params.right)!;
    expect(gradeResponse(pickOne, params, { kind: "choice", selected: [params.right] })).toMatchObject({ correct: true, attempt: true });
    expect(gradeResponse(pickOne, params, { kind: "choice", selected: [wrong] })).toMatchObject({ correct: false, attempt: true });
    expect(gradeResponse(pickOne, params, { kind: "choice", selected: [] })).toMatchObject({ attempt: false, message: "Choose an answer first." });
    expect(gradeResponse(pickOne, params, { kind: "choice", selected: ["a", "b"] })).toMatchObject({ attempt: false });
    expect(gradeResponse(pickOne, params, { kind: "choice", selected: ["zzz"] })).toMatchObject({ attempt: false });
  });

  it("select all that apply: exactly the set, order and duplicates don't matter", () => {
    const params = {} as Record<string, never>;
    expect(gradeResponse(pickMany, params, { kind: "choice", selected: ["c", "a", "c"] }).correct).toBe(true);
    expect(gradeResponse(pickMany, params, { kind: "choice", selected: ["a"] })).toMatchObject({ correct: false, attempt: true });
    expect(gradeResponse(pickMany, params, { kind: "choice", selected: ["a", "b", "c"] }).correct).toBe(false);
  });
});

describe("gradeResponse — setting and code", () => {
  it("setting uses the exercise's check and its sentence", () => {
    const params = drawParams(setLeverage, "hw1", "ada");
    expect(gradeResponse(setLeverage, params, { kind: "setting", state: { leverage: params.target } }).correct).toBe(true);
    const wrong = gradeResponse(setLeverage, params, { kind: "setting", state: { leverage: 1 } });
    expect(wrong).toMatchObject({ correct: false, attempt: true });
    expect(wrong.message).toContain("cascade");
    expect(gradeResponse(setLeverage, params, { kind: "setting", state: {} })).toMatchObject({ attempt: false });
  });

  it("code is graded from its check results", () => {
    const params = {} as Record<string, never>;
    const pass = { name: "returns 1", pass: true, detail: "" };
    expect(gradeResponse(writeCode, params, { kind: "code", results: [pass, pass] })).toMatchObject({ correct: true, message: "Correct — all 2 checks pass." });
    const failed = gradeResponse(writeCode, params, { kind: "code", results: [pass, { name: "handles zero", pass: false, detail: "got NaN" }] });
    expect(failed).toMatchObject({ correct: false, attempt: true });
    expect(failed.message).toBe("1 of 2 checks fail. First, “handles zero”: got NaN");
    expect(gradeResponse(writeCode, params, { kind: "code", results: [] })).toMatchObject({ attempt: false });
  });
});

describe("gradeResponse — robustness", () => {
  it("never throws: wrong kind, junk, a broken exercise", () => {
    const params = drawParams(doubleUsd, "hw1", "ada");
    expect(gradeResponse(doubleUsd, params, { kind: "choice", selected: ["a"] })).toMatchObject({ attempt: false });
    expect(gradeResponse(doubleUsd, params, null as never)).toMatchObject({ attempt: false });
    expect(gradeResponse(doubleUsd, params, { kind: "numeric" } as never)).toMatchObject({ attempt: false });
    const result = gradeResponse(broken, params, { kind: "numeric", text: "12" });
    expect(result).toMatchObject({ correct: false, attempt: false });
    expect(result.message).toContain("error in the exercise");
  });
});

describe("describeAnswer", () => {
  it("shows answers as students write them", () => {
    expect(describeAnswer(doubleUsd, { n: 625 })).toBe("$1,250");
    expect(describeAnswer(ratePercent, { rate: "0.125" })).toBe("12.5%");
    expect(describeAnswer(pickMany, {} as Record<string, never>)).toBe("Alpha; Gamma");
    expect(describeAnswer(setLeverage, { target: 20 })).toBe("leverage=20");
    expect(describeAnswer(broken, { n: 1 })).toContain("could not be computed");
  });
});

describe("roundToTolerance", () => {
  it("keeps the places an absolute tolerance makes meaningful", () => {
    expect(roundToTolerance("129333333.3333333333333333", { abs: "0.01" })).toBe("129333333.33");
    expect(roundToTolerance("60542.1686", { abs: "0.01" })).toBe("60542.17");
    expect(roundToTolerance("1234.5", { abs: "1" })).toBe("1235");
  });
  it("applies a relative tolerance to the answer's size", () => {
    expect(roundToTolerance("73406.3745", { rel: 0.001 })).toBe("73406");
    expect(roundToTolerance("0.123456", { rel: 0.01 })).toBe("0.123");
  });
});
