import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { exp, log, pow } from "./portableMath";

/** Distance in units in the last place. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) - view.getBigInt64(8)) * (a < 0 ? -1 : 1);
}

describe("portable log and exp", () => {
  it("agree with the engine's Math.log and Math.exp to within one ulp", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        expect(Math.abs(ulps(log(x), Math.log(x)))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
        expect(Math.abs(ulps(exp(x), Math.exp(x)))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 20_000 },
    );
  });

  it("handle the edges", () => {
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(1)).toBe(0);
    expect(log(Infinity)).toBe(Infinity);
    expect(log(5e-324)).toBeCloseTo(-744.44007192138126, 10);
    expect(exp(0)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(1000)).toBe(Infinity);
    expect(exp(-1000)).toBe(0);
    expect(exp(1)).toBe(2.7182818284590455); // fdlibm: one ulp above Math.E
    expect(pow(4, 0.5)).toBeCloseTo(2, 14);
  });

  it("give fixed bits (the same vectors are checked in Chromium)", () => {
    expect([log(2), log(10), log(0.3), exp(0.5), exp(-3.7), exp(12.25)]).toEqual([
      0.6931471805599453, 2.302585092994046, -1.2039728043259361, 1.6487212707001282, 0.024723526470339388, 208981.28886971297,
    ]);
  });
});
