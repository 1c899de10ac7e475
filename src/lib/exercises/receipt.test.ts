import { describe, expect, it } from "vitest";
import { sha256 } from "@noble/hashes/sha2.js";
import { COMPLETION_CODE_CHARS, CROCKFORD_ALPHABET, completionCode, expectedCompletionCode, normalizeCompletionCode } from "./receipt";
import { drawParams, variantSeed } from "./seed";
import type { NumericExercise } from "./types";

const seed = variantSeed("book", "theory-liquidation-price", "ada");

describe("completionCode", () => {
  it("is 8 Crockford characters, fixed for fixed inputs", () => {
    const code = completionCode(seed, "60542.17");
    expect(code).toHaveLength(COMPLETION_CODE_CHARS);
    for (const char of code) expect(CROCKFORD_ALPHABET).toContain(char);
    expect(completionCode(seed, "60542.17")).toBe(code);
    // Frozen: a change here invalidates every receipt already handed in.
    expect(code).toBe(FROZEN_CODE);
  });

  it("matches an independent computation of the first 40 bits", () => {
    const message = new Uint8Array([...new TextEncoder().encode("receipt"), 0x1f, ...seed, 0x1f, ...new TextEncoder().encode("60542.17")]);
    const digest = sha256(message);
    let bits = 0n;
    for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(digest[i]!);
    let expected = "";
    for (let i = 0; i < 8; i++) expected = CROCKFORD_ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)]! + expected;
    expect(completionCode(seed, "60542.17")).toBe(expected);
  });

  it("only the canonical answer yields the code", () => {
    const code = completionCode(seed, "60542.17");
    for (const other of ["60542.18", "60542.170", " 60542.17", "60542", "", "b"]) {
      expect(completionCode(seed, other)).not.toBe(code);
    }
    expect(completionCode(variantSeed("book", "theory-liquidation-price", "bob"), "60542.17")).not.toBe(code);
  });

  it("1000 different seeds give 1000 different codes", () => {
    const codes = new Set<string>();
    for (let i = 0; i < 1000; i++) codes.add(completionCode(variantSeed("hw1", "e1", `student-${i}`), "42"));
    expect(codes.size).toBe(1000);
  });
});

describe("expectedCompletionCode", () => {
  it("uses the student's own params and canonical answer", () => {
    const exercise: NumericExercise<{ n: number }> = {
      id: "e1",
      chapter: "theory",
      title: "t",
      objective: "o",
      kind: "numeric",
      unit: "count",
      params: (rng) => ({ n: rng.int(1, 1_000_000) }),
      prompt: () => "",
      hints: () => [],
      solution: () => "",
      canonical: (p) => String(p.n * 2),
      answer: (p) => String(p.n * 2),
      tolerance: () => ({ abs: "0" }),
    };
    const params = drawParams(exercise, "hw1", "ada");
    expect(expectedCompletionCode(exercise, "hw1", " ada ")).toBe(completionCode(variantSeed("hw1", "e1", "ada"), String(params.n * 2)));
    expect(expectedCompletionCode(exercise, "hw1", "bob")).not.toBe(expectedCompletionCode(exercise, "hw1", "ada"));
  });
});

describe("normalizeCompletionCode", () => {
  it("accepts the usual slips and refuses non-codes", () => {
    expect(normalizeCompletionCode(" 5xg2-m8qa ")).toBe("5XG2M8QA");
    expect(normalizeCompletionCode("OIL23456")).toBe("01123456");
    expect(normalizeCompletionCode("5XG2M8QU")).toBeUndefined();
    expect(normalizeCompletionCode("5XG2M8Q")).toBeUndefined();
    expect(normalizeCompletionCode(42 as unknown as string)).toBeUndefined();
  });
});

const FROZEN_CODE = "0QGFAA7R";
