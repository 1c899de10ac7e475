import { describe, expect, it } from "vitest";
import { defaultValues } from "../../../src/lib/urlState";
import { SETTLEMENT_LAYERS, optimalSettlementInterval, settlementTradeoff } from "../../../src/sim/index";
import model from "./model";

const defaults = defaultValues(model.params);
const market = { openInterestUsd: "1e9", volatilityPerYear: 0.8, venueFailuresPerYear: 0.05, confidence: 0.99 };

describe("settlement model", () => {
  const result = model.compute(defaults);
  const rows = model.table(result).rows;

  it("defaults: $1B open interest at 80% volatility, settled once a day on the base chain", () => {
    expect(defaults).toMatchObject({ openInterestBillions: 1, volatility: 0.8, interval: "1440", layer: "baseChain", failuresPerYear: 0.05, confidence: "0.99" });
  });

  it("once a day: $107.86M at risk, $1.11M a year of expected loss against $1,825 of fees", () => {
    const day = settlementTradeoff({ ...market, costPerSettlementUsd: SETTLEMENT_LAYERS.baseChain.costPerSettlementUsd, intervalMinutes: 1440 });
    expect(rows.find((r) => r.point === "your choice")).toMatchObject({
      interval: "1440",
      exposure: day.quantileExposureUsd.toFixed(2),
      failureLoss: day.expectedFailureLossPerYearUsd.toFixed(2),
      fees: "1825.00",
      total: day.totalCostPerYearUsd.toFixed(2),
    });
    expect(model.summary(result)).toBe(
      "Settling once a day on the Base chain (L1) leaves up to $107.86M unsettled at the venue in 99% of windows and costs $1.11M a year in expected failure losses plus $1,825.00 in fees: 4.5× the cheapest total of $248.14k a year, reached by settling every 31.8 minutes (159 blocks).",
    );
  });

  it("the optimum is the engine's: 31.77 minutes, 159 blocks of 12 s, $248.14k a year", () => {
    const best = optimalSettlementInterval({ ...market, costPerSettlementUsd: 5, blockTimeSeconds: 12 });
    expect(rows.find((r) => r.point === "optimum")).toMatchObject({ interval: "31.7724", total: best.totalCostPerYearUsd.toFixed(2) });
    expect(rows.find((r) => r.point === "optimum, 159 blocks")).toMatchObject({ interval: "31.8", total: best.blocks!.point.totalCostPerYearUsd.toFixed(2) });
    // At the optimum the fee bill is half the expected failure loss (C/τ = ½·λ·a·√τ).
    expect(rows.find((r) => r.point === "optimum")).toMatchObject({ failureLoss: "165426.80", fees: "82713.40" });
  });

  it("on the rollup the best interval falls to 1.47 minutes (44 blocks of 2 s) and the total to $53.46k", () => {
    expect(model.summary(model.compute({ ...defaults, layer: "rollup" }))).toContain("20.8× the cheapest total of $53.46k a year, reached by settling every 1.47 minutes (44 blocks)");
  });

  it("the curve runs from one block to a week; fees fall and expected losses rise along it", () => {
    expect(result.points).toHaveLength(30);
    expect(result.points[0]!.intervalMinutes).toBeCloseTo(0.2, 9);
    expect(result.points.at(-1)!.intervalMinutes).toBe(10_080);
    for (let i = 1; i < result.points.length; i++) {
      expect(result.points[i]!.feesPerYearUsd).toBeLessThan(result.points[i - 1]!.feesPerYearUsd);
      expect(result.points[i]!.failureLossPerYearUsd).toBeGreaterThan(result.points[i - 1]!.failureLossPerYearUsd);
    }
  });

  it("hourly settlement is close to the optimum", () => {
    expect(model.summary(model.compute({ ...defaults, interval: "60" }))).toContain("up to $22.02M unsettled at the venue in 99% of windows and costs $227.33k a year in expected failure losses plus $43.8k in fees: 1.1× the cheapest total");
  });
});
