import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "./money";
import {
  MINUTES_PER_YEAR,
  SETTLEMENT_LAYERS,
  normalQuantile,
  optimalSettlementInterval,
  settlementCost,
  settlementCurve,
  settlementExposure,
  settlementTradeoff,
  simulateSettlementExposure,
} from "./settlement";

const base = { openInterestUsd: "1e9", volatilityPerYear: 0.8, intervalMinutes: 60 };
const market = { openInterestUsd: "1e9", volatilityPerYear: 0.8, costPerSettlementUsd: 5, venueFailuresPerYear: 0.05 };
const close = (a: Decimal, b: Decimal, relative = "1e-30") => a.minus(b).abs().lte(b.abs().times(relative));

describe("normalQuantile", () => {
  it("matches tabulated values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829304, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 8);
    expect(normalQuantile(0.5)).toBe(0);
  });
  it("is antisymmetric", () => {
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (p) => {
      expect(normalQuantile(p) + normalQuantile(1 - p)).toBeCloseTo(0, 9);
    }));
  });
  it.each([0, 1, -0.1, Number.NaN])("refuses p = %s", (p) => {
    expect(() => normalQuantile(p)).toThrow(/p must be a probability strictly between 0 and 1/);
  });
});

describe("settlementExposure", () => {
  it("computes OI·σ·√τ·√(2/π) by hand", () => {
    const x = settlementExposure(base);
    // σ√τ = 0.8·√(60/525 600); √(2/π) = 0.7978845608…
    const windowVol = new Decimal(0.8).times(new Decimal(60).div(MINUTES_PER_YEAR).sqrt());
    expect(close(x.windowVolatility, windowVol)).toBe(true);
    // Checked independently with Python's decimal module at 40 digits: 6 819 899.8231375447…
    expect(x.expectedExposureUsd.toFixed(6)).toBe("6819899.823138");
    expect(close(x.averageExposureUsd, x.expectedExposureUsd.times(2).div(3))).toBe(true);
    // The 99 % quantile of |Z| is z(0.995) = 2.5758…
    expect(x.quantileExposureUsd.div(x.expectedExposureUsd).div(new Decimal(2.5758293035489).div("0.7978845608028654")).toFixed(7)).toBe("1.0000000"); // Acklam: ~1e-9
  });

  it("grows with √interval and linearly with open interest and volatility", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 2, max: 9 }),
        (minutes, oiMillions, volPercent, k) => {
          const p = { openInterestUsd: new Decimal(oiMillions).times(1e6), volatilityPerYear: new Decimal(volPercent).div(100), intervalMinutes: minutes };
          const x = settlementExposure(p).expectedExposureUsd;
          const longer = settlementExposure({ ...p, intervalMinutes: minutes * k * k }).expectedExposureUsd;
          const bigger = settlementExposure({ ...p, openInterestUsd: p.openInterestUsd.times(k) }).expectedExposureUsd;
          const wilder = settlementExposure({ ...p, volatilityPerYear: p.volatilityPerYear.times(k) }).expectedExposureUsd;
          expect(close(longer, x.times(k))).toBe(true);
          expect(close(bigger, x.times(k))).toBe(true);
          expect(close(wilder, x.times(k))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it.each([
    [{ ...base, intervalMinutes: 0 }, /intervalMinutes must be more than zero/],
    [{ ...base, openInterestUsd: "-5" }, /openInterestUsd must be zero or more/],
    [{ ...base, volatilityPerYear: Number.NaN }, /volatilityPerYear must be a finite number/],
    [{ ...base, confidence: 1 }, /confidence must be a probability strictly between 0 and 1/],
  ])("refuses bad input (%#)", (params, message) => {
    expect(() => settlementExposure(params)).toThrow(RangeError);
    expect(() => settlementExposure(params)).toThrow(message);
  });
});

describe("settlementCost", () => {
  it("falls as 1/interval", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 2, max: 50 }), (minutes, cents, k) => {
        const fee = new Decimal(cents).div(100);
        const a = settlementCost({ costPerSettlementUsd: fee, intervalMinutes: minutes });
        const b = settlementCost({ costPerSettlementUsd: fee, intervalMinutes: minutes * k });
        expect(close(b.costPerYearUsd.times(k), a.costPerYearUsd)).toBe(true);
        expect(close(a.costPerDayUsd.times(365), a.costPerYearUsd)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
  it("counts settlements per day", () => {
    const c = settlementCost({ costPerSettlementUsd: SETTLEMENT_LAYERS.baseChain.costPerSettlementUsd, intervalMinutes: 10 });
    expect(c.settlementsPerDay.toString()).toBe("144");
    expect(c.costPerDayUsd.toString()).toBe("720");
    expect(c.costPerYearUsd.toString()).toBe("262800");
  });
  it("refuses a negative fee", () => {
    expect(() => settlementCost({ costPerSettlementUsd: -1, intervalMinutes: 1 })).toThrow(/costPerSettlementUsd must be zero or more/);
  });
});

describe("optimalSettlementInterval", () => {
  it("sits where the marginal failure loss balances the marginal saving in fees", () => {
    const best = optimalSettlementInterval(market);
    const h = new Decimal("1e-6");
    const up = settlementTradeoff({ ...market, intervalMinutes: best.intervalMinutes.times(h.plus(1)) });
    const down = settlementTradeoff({ ...market, intervalMinutes: best.intervalMinutes.times(new Decimal(1).minus(h)) });
    const marginalLoss = up.expectedFailureLossPerYearUsd.minus(down.expectedFailureLossPerYearUsd);
    const marginalSaving = down.costPerYearUsd.minus(up.costPerYearUsd);
    expect(marginalLoss.div(marginalSaving).toFixed(9)).toBe("1.000000000");
    // And at the optimum the fee bill is exactly half the failure loss: C/τ = ½·λ·a·√τ.
    expect(close(best.costPerYearUsd.times(2), best.expectedFailureLossPerYearUsd, "1e-28")).toBe(true);
  });

  it("is a minimum of the total, for any market", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 5, max: 200 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100 }),
        (oiMillions, volPercent, feeCents, failuresPerThousandYears) => {
          const params = {
            openInterestUsd: new Decimal(oiMillions).times(1e6),
            volatilityPerYear: new Decimal(volPercent).div(100),
            costPerSettlementUsd: new Decimal(feeCents).div(100),
            venueFailuresPerYear: new Decimal(failuresPerThousandYears).div(1000),
          };
          const best = optimalSettlementInterval(params);
          for (const factor of ["0.5", "0.95", "1.05", "2"]) {
            const other = settlementTradeoff({ ...params, intervalMinutes: best.intervalMinutes.times(factor) });
            expect(best.totalCostPerYearUsd.lte(other.totalCostPerYearUsd)).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("settles more often on a cheap rollup than on the base chain, and picks the best whole number of blocks", () => {
    const l1 = optimalSettlementInterval({ ...market, blockTimeSeconds: SETTLEMENT_LAYERS.baseChain.blockTimeSeconds });
    const l2 = optimalSettlementInterval({
      ...market,
      costPerSettlementUsd: SETTLEMENT_LAYERS.rollup.costPerSettlementUsd,
      blockTimeSeconds: SETTLEMENT_LAYERS.rollup.blockTimeSeconds,
    });
    expect(l2.intervalMinutes.lt(l1.intervalMinutes)).toBe(true);
    expect(l2.totalCostPerYearUsd.lt(l1.totalCostPerYearUsd)).toBe(true);
    // (100/1)^(2/3) ≈ 21.5: a fee 100× smaller shortens the interval by that factor.
    expect(l1.intervalMinutes.div(l2.intervalMinutes).toFixed(4)).toBe(new Decimal(100).pow(new Decimal(2).div(3)).toFixed(4));
    const blocks = l1.blocks!;
    expect(blocks.count).toBe(159);
    for (const neighbour of [blocks.count - 1, blocks.count + 1]) {
      const other = settlementTradeoff({ ...market, intervalMinutes: new Decimal(neighbour).times(12).div(60) });
      expect(blocks.point.totalCostPerYearUsd.lte(other.totalCostPerYearUsd)).toBe(true);
    }
  });

  it("explains when there is nothing to optimise", () => {
    expect(() => optimalSettlementInterval({ ...market, venueFailuresPerYear: 0 })).toThrow(/There is no optimum/);
    expect(() => optimalSettlementInterval({ ...market, costPerSettlementUsd: 0 })).toThrow(/settling is free/);
    expect(() => optimalSettlementInterval({ ...market, blockTimeSeconds: -12 })).toThrow(/blockTimeSeconds must be more than zero/);
  });
});

describe("settlementCurve", () => {
  it("draws log-spaced points, marks the chosen interval and the optimum", () => {
    const curve = settlementCurve({ ...market, intervalMinutes: 60 });
    expect(curve.points).toHaveLength(60);
    expect(curve.points[0]!.intervalMinutes.toFixed(6)).toBe("0.200000");
    expect(curve.points[59]!.intervalMinutes.toFixed(6)).toBe("1440.000000");
    for (let k = 1; k < curve.points.length; k++) {
      const [a, b] = [curve.points[k - 1]!, curve.points[k]!];
      expect(b.expectedExposureUsd.gt(a.expectedExposureUsd)).toBe(true);
      expect(b.costPerYearUsd.lt(a.costPerYearUsd)).toBe(true);
    }
    expect(curve.chosen!.intervalMinutes.toString()).toBe("60");
    const lowest = curve.points.reduce((m, p) => (p.totalCostPerYearUsd.lt(m.totalCostPerYearUsd) ? p : m));
    expect(curve.optimum!.totalCostPerYearUsd.lte(lowest.totalCostPerYearUsd)).toBe(true);
  });

  it("takes explicit intervals, sorted, and has no optimum without failure risk", () => {
    const curve = settlementCurve({ ...market, venueFailuresPerYear: 0 }, { intervals: [60, 1, 10] });
    expect(curve.points.map((p) => p.intervalMinutes.toString())).toEqual(["1", "10", "60"]);
    expect(curve.optimum).toBeNull();
    expect(curve.chosen).toBeNull();
  });

  it.each([
    [{ intervals: [] }, /intervals must be a non-empty list/],
    [{ intervals: [5, 0] }, /intervals\[1\] must be more than zero/],
    [{ points: 1 }, /points must be a whole number from 2/],
    [{ fromMinutes: 10, toMinutes: 5 }, /toMinutes \(5\) must be more than fromMinutes \(10\)/],
  ])("refuses a bad grid (%#)", (grid, message) => {
    expect(() => settlementCurve(market, grid)).toThrow(message);
  });
});

describe("simulateSettlementExposure", () => {
  it("agrees with the analytic exposure within Monte Carlo error, and replays from its seed", () => {
    const mc = simulateSettlementExposure(base, { paths: 20_000, seed: "settlement" });
    const ratio = (a: Decimal, b: Decimal) => a.div(b).toNumber();
    expect(ratio(mc.meanExposureUsd, mc.analytic.expectedExposureUsd)).toBeCloseTo(1, 1);
    expect(Math.abs(ratio(mc.meanExposureUsd, mc.analytic.expectedExposureUsd) - 1)).toBeLessThan(0.02);
    expect(Math.abs(ratio(mc.meanAverageExposureUsd, mc.analytic.averageExposureUsd) - 1)).toBeLessThan(0.02);
    expect(Math.abs(ratio(mc.quantileExposureUsd, mc.analytic.quantileExposureUsd) - 1)).toBeLessThan(0.03);
    const again = simulateSettlementExposure(base, { paths: 20_000, seed: "settlement" });
    expect(again.meanExposureUsd.toString()).toBe(mc.meanExposureUsd.toString());
  });
  it("refuses a bad number of paths", () => {
    expect(() => simulateSettlementExposure(base, { paths: 0 })).toThrow(/paths must be a whole number/);
  });
});

describe("documented examples", () => {
  it("hold as written in the TSDoc", async () => {
    const { formatUsd } = await import("./money");
    const { settlementDefaults } = await import("./settlement");
    expect(normalQuantile(0.975).toFixed(4)).toBe("1.9600");
    expect(normalQuantile(0.5)).toBe(0);
    const x = settlementExposure(base);
    expect(formatUsd(x.expectedExposureUsd)).toBe("$6.82M");
    expect(formatUsd(x.quantileExposureUsd)).toBe("$22.02M");
    expect(settlementCost({ costPerSettlementUsd: 5, intervalMinutes: 10 }).costPerDayUsd.toString()).toBe("720");
    const p = settlementTradeoff({ ...market, intervalMinutes: 60 });
    expect(formatUsd(p.expectedFailureLossPerYearUsd)).toBe("$227.33k");
    expect(formatUsd(p.costPerYearUsd)).toBe("$43.8k");
    const best = optimalSettlementInterval({ ...market, blockTimeSeconds: 12 });
    expect(best.intervalMinutes.toFixed(2)).toBe("31.77");
    expect(best.blocks?.count).toBe(159);
    const c = settlementCurve({ ...market, venueFailuresPerYear: undefined, intervalMinutes: 60 }, { intervals: [1, 10, 60] });
    expect(c.points.map((q) => formatUsd(q.totalCostPerYearUsd))).toEqual(["$2.66M", "$355.61k", "$271.13k"]);
    expect(c.chosen?.intervalMinutes.toString()).toBe("60");
    const mc = simulateSettlementExposure(base, { paths: 20000, seed: "settlement" });
    expect(mc.meanExposureUsd.div(mc.analytic.expectedExposureUsd).toFixed(2)).toBe("1.00");
    expect(MINUTES_PER_YEAR / 1440).toBe(365);
    expect(settlementDefaults.confidence).toBe(0.99);
    expect(SETTLEMENT_LAYERS.rollup.costPerSettlementUsd.toString()).toBe("0.05");
  });
});

describe("compareSettlementLayers", () => {
  it("puts the base chain and the rollup side by side", async () => {
    const { compareSettlementLayers } = await import("./settlement");
    const { formatUsd } = await import("./money");
    const rows = compareSettlementLayers({ openInterestUsd: "1e9", volatilityPerYear: 0.8, venueFailuresPerYear: 0.05 });
    expect(rows.map((r) => r.layer.name)).toEqual(["Base chain (L1)", "Rollup (L2)"]);
    expect(rows.map((r) => r.optimum.blocks?.count)).toEqual([159, 44]);
    expect(rows.map((r) => formatUsd(r.optimum.totalCostPerYearUsd))).toEqual(["$248.14k", "$53.46k"]);
    expect(() => compareSettlementLayers(market, [])).toThrow(/layers must be a non-empty list/);
  });
});
