import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "./money";
import { isLiquidatable, type PositionInput } from "./margin";
import { amplificationCurve, generatePopulation, liquidationThresholds, populationFromPositions, positionsFromPopulation, simulateCascade, sortPackedKeys, sweepCascade, type CascadeInput, type CascadeResult } from "./cascade";

/** Every field as plain JSON (Decimals as strings) so two results compare digit for digit. */
function plain(r: CascadeResult): unknown {
  return JSON.parse(JSON.stringify(r, (_, v: unknown) => (v instanceof Int32Array ? Array.from(v) : v)));
}

const tinyBook = { midPriceUsd: 100, depthUsd: 500, levels: 5, levelSpacingBps: 100, profile: "flat" as const };
const worked: PositionInput[] = [
  { id: "A", side: "long", quantity: "1.5", entryPrice: 100, margin: "1.5", maintenanceMarginRate: 0 }, // liquidated at 99
  { id: "B", side: "long", quantity: 1, entryPrice: 100, margin: 2, maintenanceMarginRate: 0 },         // at 98
  { id: "C", side: "long", quantity: 1, entryPrice: 100, margin: 5, maintenanceMarginRate: 0 },         // at 95: survives
  { id: "W1", side: "short", quantity: 1, entryPrice: 100, margin: 10, maintenanceMarginRate: 0 },      // 10×: first for ADL
  { id: "W2", side: "short", quantity: 2, entryPrice: 100, margin: 100, maintenanceMarginRate: 0 },     // 2×
];

describe("cascade: a hand-checked example", () => {
  const input: CascadeInput = { positions: worked, book: tinyBook, shock: "-0.01", insuranceFundUsd: "0.2" };
  it("a 1 % shock becomes 3 %: A's sale takes out the 99 level and trips B", () => {
    const r = simulateCascade(input);
    // book: 1.01@99, 1.02@98, 1.03@97, …; A sells 1.01@99 + 0.49@98 = 148.01 vs bankruptcy 148.5
    // B sells 0.53@98 + 0.47@97 = 97.53 vs bankruptcy 98
    expect(r.trace.map((t) => [t.round, t.priceUsd.toString(), t.liquidatedCount, t.notionalSoldUsd.toString()])).toEqual([
      [0, "99", 0, "0"], [1, "98", 1, "148.01"], [2, "97", 1, "97.53"]]);
    expect(r.finalPrice.toString()).toBe("97");
    expect(r.amplification!.toString()).toBe("3");
    expect(r.badDebtUsd.toString()).toBe("0.96");
    expect(r.insuranceFundEndUsd.toString()).toBe("0");
    // ADL: W1 (10×) is first in line both times; W2 (2×) is never touched
    expect(r.adlEvents.map((e) => [e.id, e.rank, e.pnlUsd.toString(), e.chargedUsd.toString()])).toEqual([["W1", 1, "1", "0.29"], ["W1", 1, "1.71", "0.47"]]);
    expect(r.conservation.marketPnlUsd.toString()).toBe("-4.46");
    expect(r.conservation.residualUsd.toString()).toBe("0");
    expect(Array.from(r.liquidationRound)).toEqual([1, 2, 0, 0, 0]);
    expect(plain(sweepCascade(input))).toEqual(plain(r));
  });

  it("mirrors for a rise: shorts squeezed into the asks", () => {
    const mirrored = worked.map((p) => ({ ...p, side: p.side === "long" ? ("short" as const) : ("long" as const) }));
    const r = simulateCascade({ ...input, positions: mirrored, shock: "0.01" });
    expect(r.trace.map((t) => t.priceUsd.toString())).toEqual(["101", "102", "103"]);
    expect(r.badDebtUsd.toString()).toBe("0.96");
    expect(plain(sweepCascade({ ...input, positions: mirrored, shock: "0.01" }))).toEqual(plain(r));
  });

  it("socialized loss instead of ADL", () => {
    const r = simulateCascade({ ...input, afterFund: "socialize" });
    expect(r.socializedLossUsd.toString()).toBe("0.76");
    expect(r.adlEvents).toEqual([]);
    expect(r.conservation.residualUsd.isZero()).toBe(true);
  });

  it("with no leveraged positions the price moves exactly by the shock", () => {
    const r = simulateCascade({ positions: [], shock: "-0.1" });
    expect(r.finalPrice.toString()).toBe("60300");
    expect(r.priceMove.toString()).toBe("-0.1");
    expect(r.amplification!.toString()).toBe("1");
    const unlevered = simulateCascade({ positions: [{ side: "long", quantity: 10, entryPrice: 67000, margin: 670000 }], shock: "-0.3" });
    expect(unlevered.priceMove.toString()).toBe("-0.3");
    expect(unlevered.totalLiquidatedCount).toBe(0);
  });

  it("thresholds are exact cents (floor for longs)", () => {
    const pop = populationFromPositions([{ side: "long", quantity: 1, entryPrice: 67000, margin: 6700 }, { side: "short", quantity: 1, entryPrice: 67000, margin: 6700 }]);
    expect(liquidationThresholds(pop, "fall").map(String)).toEqual(["60542.16", "null"]);
    expect(liquidationThresholds(pop, "rise").map(String)).toEqual(["null", "73406.38"]);
    expect(positionsFromPopulation(pop)[1]!.margin.toString()).toBe("6700");
  });
});

// Random small markets on the sweep's grid.
const marketArb = fc.record({
  specs: fc.array(fc.record({ long: fc.boolean(), q: fc.integer({ min: 1, max: 3000 }), lev: fc.integer({ min: 2, max: 60 }), entry: fc.integer({ min: 9500, max: 10500 }), mmrBp: fc.integer({ min: 0, max: 100 }), cum: fc.integer({ min: 0, max: 3 }) }), { maxLength: 40 }),
  depth: fc.integer({ min: 50, max: 3000 }),
  levels: fc.integer({ min: 3, max: 60 }),
  profile: fc.constantFrom("flat" as const, "linear" as const, "exponential" as const),
  shockBp: fc.integer({ min: -2500, max: 2500 }),
  fundCents: fc.integer({ min: 0, max: 5000 }),
  socialize: fc.boolean(),
});
type Market = typeof marketArb extends fc.Arbitrary<infer T> ? T : never;

function toInput(m: Market, overrides: Partial<CascadeInput> = {}): CascadeInput {
  return {
    positions: m.specs.map((s) => ({ side: s.long ? "long" : "short", quantity: new Decimal(s.q).div(1000), entryPrice: new Decimal(s.entry).div(100), margin: new Decimal(s.q).times(s.entry).div(100_000).div(s.lev).toDecimalPlaces(2).plus("0.01"), maintenanceMarginRate: new Decimal(s.mmrBp).div(10_000), maintenanceAmountUsd: new Decimal(s.cum).div(100) })),
    book: { midPriceUsd: 100, depthUsd: m.depth, levels: m.levels, levelSpacingBps: 50, profile: m.profile, decayLevels: 10 },
    shock: new Decimal(m.shockBp).div(10_000),
    insuranceFundUsd: new Decimal(m.fundCents).div(100),
    afterFund: m.socialize ? "socialize" : "adl",
    ...overrides,
  };
}

describe("cascade properties (seeded: replay with the printed seed)", () => {
  it("the sweep equals the round-by-round engine, digit for digit", () => {
    fc.assert(fc.property(marketArb, (m) => {
      expect(plain(sweepCascade(toInput(m)))).toEqual(plain(simulateCascade(toInput(m))));
    }), { seed: 20261128, numRuns: 300 });
  });

  it("…also when the ADL line is built one winner at a time", () => {
    fc.assert(fc.property(marketArb, fc.integer({ min: 1, max: 3 }), (m, chunk) => {
      expect(plain(sweepCascade(toInput(m), { adlLineChunk: chunk }))).toEqual(plain(simulateCascade(toInput(m))));
    }), { seed: 77, numRuns: 150 });
  });

  it("the sweep equals the round engine on generated populations", () => {
    for (const seed of [1, 2, 3]) {
      const population = generatePopulation({ count: 400, seed, openInterestUsd: 40_000_000, leverageMean: 12, entrySpread: 0.02 });
      const input: CascadeInput = { population, book: { depthUsd: "80000000", levels: 200 }, insuranceFundUsd: "100000" };
      expect(plain(sweepCascade(input))).toEqual(plain(simulateCascade(input)));
    }
  });

  it("conserves money to the last digit", () => {
    fc.assert(fc.property(marketArb, (m) => {
      const r = sweepCascade(toInput(m));
      expect(r.conservation.residualUsd.toString()).toBe("0");
      expect(r.insuranceFundEndUsd.isNegative()).toBe(false);
    }), { seed: 3, numRuns: 150 });
  });

  it("a larger shock never liquidates less", () => {
    fc.assert(fc.property(marketArb, fc.integer({ min: 0, max: 2000 }), (m, extraBp) => {
      const down = { ...m, shockBp: -Math.abs(m.shockBp) };
      const a = sweepCascade(toInput(down));
      const b = sweepCascade(toInput({ ...down, shockBp: down.shockBp - extraBp }));
      expect(b.totalLiquidatedCount).toBeGreaterThanOrEqual(a.totalLiquidatedCount);
      expect(b.totalLiquidatedQuantity.gte(a.totalLiquidatedQuantity)).toBe(true);
      a.liquidationRound.forEach((round, i) => { if (round > 0) expect(b.liquidationRound[i]).toBeGreaterThan(0); });
    }), { seed: 5, numRuns: 120 });
  });

  it("a deeper book never liquidates more", () => {
    fc.assert(fc.property(marketArb, fc.integer({ min: 0, max: 5000 }), (m, extraDepth) => {
      const a = sweepCascade(toInput(m));
      const b = sweepCascade(toInput({ ...m, depth: m.depth + extraDepth }));
      expect(b.totalLiquidatedCount).toBeLessThanOrEqual(a.totalLiquidatedCount);
      b.liquidationRound.forEach((round, i) => { if (round > 0) expect(a.liquidationRound[i]).toBeGreaterThan(0); });
    }), { seed: 6, numRuns: 120 });
  });

  it("with only unlevered positions the price moves exactly by the shock", () => {
    fc.assert(fc.property(marketArb, (m) => {
      const r = sweepCascade(toInput({ ...m, specs: m.specs.map((s) => ({ ...s, lev: 1, entry: 10000 })) }, { }));
      // a 1× long has margin ≥ notional and cannot be liquidated by a fall; shorts only by a rise above 2×
      if (m.shockBp <= 0) expect(r.finalPrice.toString()).toBe(r.shockPrice.toString());
    }), { seed: 8, numRuns: 60 });
  });
});

describe("the default story and the sweep's reach", () => {
  it("a 10 % drop becomes about 22 % with the defaults", () => {
    const r = sweepCascade();
    expect(r.shockMove.toString()).toBe("-0.1");
    expect(r.priceMove.toNumber()).toBeLessThan(-0.2);
    expect(r.priceMove.toNumber()).toBeGreaterThan(-0.25);
    expect(r.insuranceFundEndUsd.lt(r.insuranceFundStartUsd)).toBe(true);
    expect(r.adlEvents.length).toBeGreaterThan(0);
  });

  it("reports progress up to 1 and handles 200 000 positions quickly", () => {
    const seen: number[] = [];
    const population = generatePopulation({ count: 200_000, seed: 9 });
    const t0 = performance.now();
    const r = sweepCascade({ population }, { onProgress: (f) => seen.push(f) });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
    expect(r.totalLiquidatedCount).toBeGreaterThan(0);
  });

  it("generatePopulation is deterministic and hits the open interest", () => {
    const a = generatePopulation({ count: 1000, seed: "x" });
    const b = generatePopulation({ count: 1000, seed: "x" });
    expect(Array.from(a.marginCents)).toEqual(Array.from(b.marginCents));
    let notional = 0;
    for (let i = 0; i < a.size; i++) notional += (a.quantityMilli[i]! / 1000) * 67000;
    expect(Math.abs(notional / 1e9 - 1)).toBeLessThan(0.01);
    let u = 0.5;
    const custom = generatePopulation({ count: 10, uniform: () => (u = (u * 9301 + 49297) % 233280 / 233280) });
    expect(custom.size).toBe(10);
  });
});

describe("bad input", () => {
  it.each([
    [() => simulateCascade({ shock: -1.5 }), /shock is a fractional price move/],
    [() => simulateCascade({ shock: "ten" }), /shock must be a number/],
    [() => simulateCascade({ insuranceFundUsd: -5, positions: [] }), /insuranceFundUsd cannot be negative/],
    [() => simulateCascade({ positions: [], book: { depthUsd: -1 } }), /depthUsd cannot be negative/],
    [() => sweepCascade({ positions: [{ side: "long", quantity: "0.0001", entryPrice: 100, margin: 1 }] }), /finer than the sweep's grid/],
    [() => sweepCascade({ positions: [], population: generatePopulation({ count: 1 }) }), /either positions or population/],
    [() => generatePopulation({ count: -1 }), /count must be a whole number/],
    [() => generatePopulation({ leverageMean: 0 }), /leverageMean must be a number from 1/],
    [() => generatePopulation({ maxLeverage: 300 }), /maxLeverage × maintenanceMarginRate must be below 1/],
    [() => simulateCascade({ positions: [{ side: "long", quantity: 1, entryPrice: 100, margin: 0 }] }), /Position 1: margin must be greater than zero/],
  ])("case %#", (fn, message) => {
    expect(fn).toThrow(RangeError);
    expect(fn).toThrow(message);
  });
});

describe("edge cases agree too", () => {
  it.each([
    ["an empty book", { depthUsd: 0 }, "-0.05"],
    ["a zero shock", {}, "0"],
    ["a shock beyond the book", { levels: 3 }, "0.2"],
  ])("%s", (_, book, shock) => {
    const input: CascadeInput = { positions: worked, book: { ...tinyBook, ...book }, shock, insuranceFundUsd: 1 };
    expect(plain(sweepCascade(input))).toEqual(plain(simulateCascade(input)));
  });
});

describe("sortPackedKeys (the sweep's radix sort)", () => {
  it("sorts like the built-in sort, for sizes on both sides of the radix threshold", () => {
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const n of [10, 5000, 70_000]) {
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) keys[i] = Math.floor(next() * 2 ** 32) * 2 ** 21 + Math.floor(next() * 2 ** 21);
      keys[0] = 0;
      keys[1] = 2 ** 53 - 1;
      const expected = Float64Array.from(keys).sort();
      expect(Array.from(sortPackedKeys(keys, n))).toEqual(Array.from(expected));
    }
  });
});

describe("the sweep's integer thresholds are exact", () => {
  it("a position is liquidatable at its threshold and not one cent better (property)", () => {
    fc.assert(fc.property(
      fc.boolean(), fc.integer({ min: 1, max: 50_000_000 }), fc.integer({ min: 100, max: 1_000_000_000 }),
      fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 1000 }),
      (long, qMilli, entryCents, levTenths, ratePpm, cumCents) => {
        const quantity = new Decimal(qMilli).div(1000);
        const entryPrice = new Decimal(entryCents).div(100);
        const margin = quantity.times(entryPrice).times(10).div(levTenths + 10).toDecimalPlaces(2).plus("0.01");
        const p = { side: (long ? "long" : "short") as "long" | "short", quantity, entryPrice, margin, maintenanceMarginRate: new Decimal(ratePpm).div(1e6), maintenanceAmountUsd: new Decimal(cumCents).div(100) };
        const t = liquidationThresholds(populationFromPositions([p]), long ? "fall" : "rise")[0]!;
        const pos = positionsFromPopulation(populationFromPositions([p]))[0]!;
        const better = long ? t.plus("0.01") : t.minus("0.01");
        if (t.gt(0)) expect(isLiquidatable(pos, t)).toBe(true);
        if (better.gt(0)) expect(isLiquidatable(pos, better)).toBe(false);
      }), { seed: 99, numRuns: 500 });
  });

  it("whole-cent thresholds (the BigInt path) are kept, not floored away", () => {
    // 10× long at 67 000 with no maintenance: liquidation exactly at 60 300
    const pop = populationFromPositions([{ side: "long", quantity: 1, entryPrice: 67000, margin: 6700, maintenanceMarginRate: 0 }]);
    expect(liquidationThresholds(pop, "fall")[0]!.toString()).toBe("60300");
  });
});

describe("amplificationCurve", () => {
  it("falls further for bigger pushes, and amplifies the default story's 10 %", () => {
    const curve = amplificationCurve({ populationOptions: { count: 3000 } }, ["-0.02", "-0.05", "-0.1", "-0.15"]);
    for (let i = 1; i < curve.length; i++) expect(curve[i]!.priceMove.lte(curve[i - 1]!.priceMove)).toBe(true);
    expect(curve[2]!.amplification!.gt(1.5)).toBe(true);
    expect(() => amplificationCurve({}, [])).toThrow(/shocks must list/);
  });
});
