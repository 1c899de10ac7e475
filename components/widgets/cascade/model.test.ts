import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultValues, snapToStep, type NumberParam } from "../../../src/lib/urlState";
import { generatePopulation, simulateCascade } from "../../../src/sim/index";
import model from "./model";

const defaults = defaultValues(model.params);
const BAD = /NaN|Infinity|undefined|\[object Object\]/;

describe("cascade model", () => {
  const result = model.compute(defaults);
  const rows = model.table(result).rows;

  it("a 10% shock into $2B of bids ends 23% down after 5 rounds: amplification 2.30", () => {
    expect(model.summary(result)).toBe(
      "A 10% shock ends 23.0% down after 5 rounds of forced selling: amplification 2.30×, with 420 of 1,000 positions liquidated ($345.06M sold).",
    );
    expect(result.amplification).toBe("2.3");
    expect(result.priceMove).toBe("-0.23");
  });

  it("the table is the engine's trace: the shock prints 60 300, round 1 sells 142 positions and takes the price to 56 615", () => {
    expect(rows[0]).toMatchObject({ round: 0, price: "60300.00", change: "-10.00", liquidated: 0, sold: "0.00", fund: "10000000.00" });
    expect(rows[1]).toMatchObject({ round: 1, price: "56615.00", change: "-15.50", liquidated: 142, sold: "114208204.86" });
    expect(rows.at(-1)).toMatchObject({ round: 5, price: "51590.00", change: "-23.00" });
    expect(rows.reduce((n, row) => n + Number(row.liquidated), 0)).toBe(420);
  });

  it("the sweep the widget calls gives the reference engine's answer, digit for digit", () => {
    const population = generatePopulation({ count: 1000, openInterestUsd: 1e9, priceUsd: 67000, leverageMean: 8, leverageSpread: 0.8, longShare: 0.6, seed: "cascade" });
    const reference = simulateCascade({ population, shock: "-0.1", book: { midPriceUsd: "67000", depthUsd: "2000000000", levels: 200, levelSpacingBps: 25, profile: "linear" } });
    expect(reference.finalPrice.toFixed(2)).toBe(rows.at(-1)!.price);
    expect(reference.trace.map((r) => r.liquidatedCount)).toEqual(rows.map((row) => row.liquidated));
    expect(reference.badDebtUsd.toFixed(2)).toBe(result.badDebtUsd);
  });

  it("with low leverage the shock barely spreads; a thinner book makes it go further", () => {
    expect(model.summary(model.compute({ ...defaults, leverageMean: 4 }))).toContain("11.2% down");
    expect(model.summary(model.compute({ ...defaults, bookDepth: 1 }))).toContain("33.0% down");
  });

  it("with every position unlevered nothing is liquidated and the price moves by the shock", () => {
    const calm = model.compute({ ...defaults, leverageMean: 1, leverageSpread: 0 });
    expect(calm.liquidated).toBe(0);
    expect(model.summary(calm)).toBe("A 10% shock ends 10.0% down: no position reaches its liquidation price, so nothing amplifies it (1×).");
  });

  it("large populations run in the worker, with progress up to 1; results cross the worker boundary intact", () => {
    expect(model.heavy!(defaults)).toBe(false);
    expect(model.heavy!({ ...defaults, positions: "100000" })).toBe(true);
    const fractions: number[] = [];
    const big = model.compute({ ...defaults, positions: "10000" }, (f) => fractions.push(f));
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    expect(structuredClone(big)).toEqual(big);
  });

  it("never shows NaN and refuses impossible settings only with a RangeError (1 000 positions)", () => {
    const numbers = Object.entries(model.params).filter(([, spec]) => spec.kind === "number") as [string, NumberParam][];
    const arbitrary = fc.record(
      Object.fromEntries(numbers.map(([key, spec]) => [key, fc.integer({ min: 0, max: Math.round((spec.max - spec.min) / spec.step) }).map((k) => snapToStep(spec.min + k * spec.step, spec))])),
    );
    fc.assert(
      fc.property(arbitrary, (values) => {
        let r;
        try {
          r = model.compute({ ...defaults, ...values });
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          return;
        }
        expect(model.summary(r)).not.toMatch(BAD);
        for (const row of model.table(r).rows) for (const value of Object.values(row)) expect(String(value)).not.toMatch(BAD);
      }),
      { numRuns: 40 },
    );
  });
});
