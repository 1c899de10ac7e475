import { describe, expect, it } from "vitest";
import { BOOK_ASSIGNMENT, drawParams, joinWithSeparator, normalizeId, seedHex, variantKey, variantSeed } from "./seed";
import type { NumericExercise } from "./types";

describe("variantSeed", () => {
  it("is SHA-256 of the ids joined by 0x1F (frozen values, checked with Python's hashlib)", () => {
    expect(seedHex(variantSeed("book", "theory-liquidation-price", "ada"))).toBe(
      "2a2ee3ef5bfcfac663638acf093c0c6ce1e9fe12628c0f0547e9bc8e32ea844d",
    );
    expect(seedHex(variantSeed("hw-7x2k", "essence-run-on-deposits", "s1234567"))).toBe(
      "2e5b9d88871ba10ca5cd20d649c2d886941c844fbdcc3b06f1287c6b8c926096",
    );
  });

  it("trims and NFC-normalises ids", () => {
    const composed = variantSeed("book", "origin-insurance-fund", "Ad\u00e8le");
    expect(seedHex(variantSeed(" book ", "origin-insurance-fund\n", "  Ade\u0300le\t"))).toBe(seedHex(composed));
    expect(seedHex(composed)).toBe("8abe1135665340d5e9d3d7ca8916eec04716e973df989c1724863a771e56b40b");
    expect(normalizeId("  Ade\u0300le ")).toBe("Ad\u00e8le");
  });

  it("keeps the parts apart: the separator can't be smuggled in", () => {
    expect(seedHex(variantSeed("ab", "c", "d"))).not.toBe(seedHex(variantSeed("a", "bc", "d")));
    expect(seedHex(variantSeed("a\u001fb", "c", "d"))).toBe(seedHex(variantSeed("ab", "c", "d")));
    expect(Array.from(joinWithSeparator([new Uint8Array([1]), new Uint8Array([]), new Uint8Array([2, 3])]))).toEqual([1, 0x1f, 0x1f, 2, 3]);
  });

  it("distinguishes students, exercises and assignments", () => {
    const seeds = new Set<string>();
    for (const assignment of [BOOK_ASSIGNMENT, "hw1"]) {
      for (const exercise of ["e1", "e2"]) {
        for (const student of ["ada", "bob", "Ada"]) seeds.add(seedHex(variantSeed(assignment, exercise, student)));
      }
    }
    expect(seeds.size).toBe(12);
  });
});

describe("drawParams and variantKey", () => {
  const exercise: NumericExercise<{ leverage: number; entryUsd: string }> = {
    id: "theory-test",
    chapter: "theory",
    title: "Test",
    objective: "test",
    kind: "numeric",
    unit: "usd",
    params: (rng) => ({ leverage: rng.int(2, 100), entryUsd: rng.decimal("20000", "80000", "0.5") }),
    prompt: (p) => `At ${p.leverage}x from ${p.entryUsd}`,
    hints: () => [],
    solution: () => "",
    canonical: (p) => p.entryUsd,
    answer: (p) => p.entryUsd,
    tolerance: () => ({ abs: "0.01" }),
  };

  it("is deterministic and varies across a class", () => {
    expect(drawParams(exercise, "hw1", "ada")).toEqual(drawParams(exercise, "hw1", " ada "));
    const keys = new Set(Array.from({ length: 30 }, (_, i) => variantKey(drawParams(exercise, "hw1", `student-${i}`))));
    expect(keys.size).toBe(30);
  });

  it("variantKey is canonical: sorted keys, typed values", () => {
    expect(variantKey({ b: "0.5", a: 3 })).toBe('{"a":3,"b":"0.5"}');
    expect(variantKey({ a: 3, b: "0.5" })).toBe(variantKey({ b: "0.5", a: 3 }));
    expect(variantKey({ a: 5 })).not.toBe(variantKey({ a: "5" }));
    expect(variantKey({ flag: true })).toBe('{"flag":true}');
  });
});
