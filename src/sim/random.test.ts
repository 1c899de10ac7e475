import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Random, RANDOM_TEST_VECTORS, fatTailPath, fingerprint, gbmPath, utf8Encode } from "./random";

/** Independent xoshiro128** in BigInt arithmetic, to check the 32-bit version. */
function referenceXoshiro(state: bigint[], count: number): number[] {
  const mask = 0xffffffffn;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & mask;
  const s = state.slice();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(Number((rotl((s[1]! * 5n) & mask, 7n) * 9n) & mask));
    const t = (s[1]! << 9n) & mask;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11n);
  }
  return out;
}

describe("random", () => {
  it("reproduces the frozen test vectors", () => {
    for (const vector of RANDOM_TEST_VECTORS) expect(fingerprint(vector.seed, 8)).toEqual(vector.uint32);
    expect(RANDOM_TEST_VECTORS.find((v) => v.seed === "ünïcödé ₿")).toBeDefined();
  });

  it("state [1, 2, 3, 4] gives 11520 first, as in the reference C code", () => {
    expect(Random.fromState([1, 2, 3, 4]).nextUint32()).toBe(11520);
  });

  it("matches an independent BigInt implementation for any state", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 4, maxLength: 4 }), (words) => {
        fc.pre(words.some((w) => w !== 0));
        const rng = Random.fromState(words as [number, number, number, number]);
        const got = Array.from({ length: 50 }, () => rng.nextUint32());
        expect(got).toEqual(referenceXoshiro(words.map(BigInt), 50));
      }),
      { numRuns: 100 },
    );
  });

  it("encodes UTF-8 exactly as TextEncoder does", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(Array.from(utf8Encode(text))).toEqual(Array.from(new TextEncoder().encode(text)));
      }),
      { numRuns: 300 },
    );
  });

  it("same seed, same sequence; different seeds differ", () => {
    expect(fingerprint("a", 100)).toEqual(fingerprint("a", 100));
    expect(fingerprint("a", 4)).not.toEqual(fingerprint("b", 4));
    expect(fingerprint(42, 4)).toEqual(fingerprint("42", 4));
  });

  it("uniform draws lie in [0, 1) with mean near 1/2", () => {
    const rng = new Random("uniform");
    let total = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      total += u;
    }
    expect(Math.abs(total / 20_000 - 0.5)).toBeLessThan(0.01);
  });

  it("int() is unbiased enough over a die and stays in range", () => {
    const rng = new Random("dice");
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.int(1, 6) - 1]!++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });

  it("normal draws have mean 0 and variance 1 (within sampling error)", () => {
    const rng = new Random("normal");
    const n = 40_000;
    let total = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      total += z;
      squares += z * z;
    }
    expect(Math.abs(total / n)).toBeLessThan(0.03);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.04);
  });

  it("Student-t with 3 degrees of freedom has fatter tails than a normal", () => {
    const rng = new Random("tails");
    let normalBeyond4 = 0;
    let studentBeyond4 = 0;
    for (let i = 0; i < 40_000; i++) {
      if (Math.abs(rng.normal()) > 4) normalBeyond4++;
      // scaled to unit variance: t·√(1/3)
      if (Math.abs(rng.studentT(3) * Math.sqrt(1 / 3)) > 4) studentBeyond4++;
    }
    expect(studentBeyond4).toBeGreaterThan(normalBeyond4 + 20);
  });

  it("price paths are Decimal, start at the start price and are reproducible", () => {
    const a = gbmPath({ startPrice: "60000", steps: 30, seed: "btc" });
    const b = gbmPath({ startPrice: "60000", steps: 30, seed: "btc" });
    expect(a).toHaveLength(31);
    expect(a[0]!.toString()).toBe("60000");
    expect(a.map(String)).toEqual(b.map(String));
    expect(a.every((p) => p.gt(0))).toBe(true);
    const flat = gbmPath({ startPrice: "100", steps: 5, volatilityPerYear: 0, seed: "x" });
    expect(flat.map(String)).toEqual(["100", "100", "100", "100", "100", "100"]);
    const fat = fatTailPath({ startPrice: "25", steps: 100, seed: "ftt" });
    expect(fat).toHaveLength(101);
  });

  it("a shared generator advances between paths", () => {
    const rng = new Random("shared");
    const first = gbmPath({ startPrice: 1, steps: 3, seed: rng });
    const second = gbmPath({ startPrice: 1, steps: 3, seed: rng });
    expect(first.map(String)).not.toEqual(second.map(String));
  });

  it("refuses bad parameters with a sentence naming them", () => {
    expect(() => gbmPath({ startPrice: "-5", steps: 3 })).toThrow(/startPrice must be greater than 0/);
    expect(() => gbmPath({ startPrice: "abc", steps: 3 })).toThrow(RangeError);
    expect(() => gbmPath({ startPrice: 1, steps: 2.5 })).toThrow(/steps must be a whole number/);
    expect(() => gbmPath({ startPrice: 1, steps: 3, volatilityPerYear: Number.NaN })).toThrow(/volatilityPerYear must be a finite number/);
    expect(() => gbmPath({ startPrice: 1, steps: 3, volatilityPerYear: -1 })).toThrow(/volatilityPerYear must not be negative/);
    expect(() => fatTailPath({ startPrice: 1, steps: 3, degreesOfFreedom: 2 })).toThrow(/degreesOfFreedom must be greater than 2/);
    expect(() => new Random("x").studentT(0)).toThrow(RangeError);
    expect(() => new Random("x").uniform(1, 1)).toThrow(/max must be greater than min/);
    expect(() => new Random("x").chance(1.5)).toThrow(/probability must be between 0 and 1, got 1.5/);
    expect(() => new Random(1.5)).toThrow(/seed must be a string or a whole number/);
    expect(() => Random.fromState([0, 0, 0, 0])).toThrow(/all zeros/);
  });
});
