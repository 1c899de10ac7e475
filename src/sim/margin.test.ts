import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D } from "./money";
import {
  bankruptcyPrice, crossLiquidationPrice, effectiveLeverage, equityUsd, fundingPaymentUsd, fundingRate,
  ILLUSTRATIVE_BTC_TIERS, initialMarginUsd, isLiquidatable, liquidationPrice, maintenanceMarginUsd, marginRatio,
  marginTiers, position, tieredMaintenanceMarginUsd, tierFor, unrealizedPnl,
} from "./margin";

const binance = { entryPrice: "67000", quantity: "1", margin: "6700", maintenanceMarginRate: "0.004" };

describe("liquidation and bankruptcy prices", () => {
  it("reproduces Binance's worked example (Q=1, EP=67 000, WB=6 700, MMR 0.4 %)", () => {
    expect(liquidationPrice({ side: "long", ...binance }).toFixed(2)).toBe("60542.17");
    expect(liquidationPrice({ side: "short", ...binance }).toFixed(2)).toBe("73406.37");
    // the popular shortcut EP·(1 − 1/L + MMR) is close but not the same
    expect(D(67000).times(D(1).minus("0.1").plus("0.004")).toString()).toBe("60568");
  });

  it("hand-checked small cases, long and short", () => {
    // long: (100·2 − 20)/(2·0.99) = 180/1.98 = 90.90…
    expect(liquidationPrice({ side: "long", entryPrice: 100, quantity: 2, margin: 20, maintenanceMarginRate: "0.01" }).toFixed(6)).toBe("90.909091");
    // short: (100·2 + 20)/(2·1.01) = 220/2.02 = 108.91…
    expect(liquidationPrice({ side: "short", entryPrice: 100, quantity: 2, margin: 20, maintenanceMarginRate: "0.01" }).toFixed(6)).toBe("108.910891");
    // zero MMR: liquidation = bankruptcy
    expect(liquidationPrice({ side: "long", entryPrice: 100, quantity: 2, margin: 20, maintenanceMarginRate: 0 }).toString()).toBe("90");
    expect(bankruptcyPrice({ side: "long", entryPrice: 100, quantity: 2, margin: 20 }).toString()).toBe("90");
    expect(bankruptcyPrice({ side: "short", entryPrice: 100, quantity: 2, margin: 20 }).toString()).toBe("110");
    // a 1× long cannot be liquidated
    expect(liquidationPrice({ side: "long", entryPrice: 100, quantity: 1, margin: 100, maintenanceMarginRate: "0.004" }).toString()).toBe("0");
  });

  it("tiers with a maintenance amount move the price as Binance's formula says", () => {
    // (67000·2 − 13400 − 50)/(2·0.995) = 120550/1.99
    const p = liquidationPrice({ side: "long", entryPrice: 67000, quantity: 2, margin: 13400, maintenanceMarginRate: "0.005", maintenanceAmountUsd: 50 });
    expect(p.toFixed(4)).toBe("60577.8894");
    expect(tierFor("134000").maintenanceAmountUsd.toString()).toBe("50");
    expect(tieredMaintenanceMarginUsd("50000").toString()).toBe("200");
    expect(tieredMaintenanceMarginUsd("50000.01").toFixed(6)).toBe("200.000050"); // continuous across the bound
    expect(ILLUSTRATIVE_BTC_TIERS.at(-1)!.maintenanceMarginRate.toString()).toBe("0.1");
  });

  it("cross margin: the wallet backs the position; others' PnL and margin shift it", () => {
    const base = { side: "long" as const, entryPrice: 67000, quantity: 1, maintenanceMarginRate: "0.004" };
    expect(crossLiquidationPrice({ ...base, walletBalanceUsd: 6700 }).toFixed(2)).toBe("60542.17");
    // a bigger wallet moves the long's liquidation price down: (67000 − 20000)/0.996
    expect(crossLiquidationPrice({ ...base, walletBalanceUsd: 20000 }).toFixed(2)).toBe("47188.76");
    // another position's maintenance margin eats into the buffer: (67000 − 20000 + 1000)/0.996
    expect(crossLiquidationPrice({ ...base, walletBalanceUsd: 20000, otherMaintenanceMarginUsd: 1000 }).toFixed(2)).toBe("48192.77");
    expect(crossLiquidationPrice({ ...base, side: "short", walletBalanceUsd: 6700 }).toFixed(2)).toBe("73406.37");
  });

  it("at the liquidation price equity equals maintenance margin (property)", () => {
    fc.assert(fc.property(
      fc.constantFrom<"long" | "short">("long", "short"), fc.integer({ min: 1000, max: 100000 }), fc.integer({ min: 1, max: 1000 }),
      fc.integer({ min: 2, max: 100 }), fc.integer({ min: 0, max: 100 }),
      (side, entry, qMilli, leverage, mmrBp) => {
        const quantity = D(qMilli).div(1000);
        const margin = quantity.times(entry).div(leverage);
        const mmr = D(mmrBp).div(10000);
        if (mmr.gte(D(1).div(leverage))) return; // would be liquidated at entry
        const lp = liquidationPrice({ side, entryPrice: entry, quantity, margin, maintenanceMarginRate: mmr });
        const p = position({ side, quantity, entryPrice: entry, margin, maintenanceMarginRate: mmr });
        const gap = equityUsd(p, lp).minus(quantity.times(lp).times(mmr)).abs();
        expect(gap.lt("1e-20")).toBe(true);
        expect(isLiquidatable(p, entry)).toBe(false);
      }), { seed: 42, numRuns: 200 });
  });
});

describe("PnL, margin, funding", () => {
  const p = position({ side: "long", quantity: 1, entryPrice: 67000, margin: 6700 });
  it("PnL and equity are exact", () => {
    expect(unrealizedPnl(p, "60000.01").toString()).toBe("-6999.99");
    expect(equityUsd(p, 70000).toString()).toBe("9700");
    expect(effectiveLeverage(p, 67000)!.toString()).toBe("10");
    expect(marginRatio(p, 60300)).toBeNull();
    expect(initialMarginUsd(67000, 20).toString()).toBe("3350");
    expect(maintenanceMarginUsd(67000, "0.004").toString()).toBe("268");
    expect(isLiquidatable(p, "60542.17")).toBe(false);
    expect(isLiquidatable(p, "60542.16")).toBe(true);
  });
  it("funding follows F = P + clamp(I − P, ±0.05 %)", () => {
    expect(fundingRate({ premiumIndex: 0 }).toString()).toBe("0.0001");
    expect(fundingRate({ premiumIndex: "-0.001" }).toString()).toBe("-0.0005");
    expect(fundingRate({ premiumIndex: "0.0004" }).toString()).toBe("0.0001");
    expect(fundingPaymentUsd({ side: "short", quantity: 2, markPrice: 50000, fundingRate: "0.0001" }).toString()).toBe("10");
  });
  it("marginTiers computes continuous maintenance amounts", () => {
    const t = marginTiers([{ maxNotionalUsd: 100, maintenanceMarginRate: "0.01", maxLeverage: 50 }, { maxNotionalUsd: 1000, maintenanceMarginRate: "0.02", maxLeverage: 25 }, { maxNotionalUsd: null, maintenanceMarginRate: "0.05", maxLeverage: 10 }]);
    expect(t.map((x) => x.maintenanceAmountUsd.toString())).toEqual(["0", "1", "31"]);
  });
});

describe("bad input", () => {
  it.each([
    [() => liquidationPrice({ side: "long", entryPrice: -1, quantity: 1, margin: 1, maintenanceMarginRate: 0 }), /entryPrice must be greater than zero/],
    [() => liquidationPrice({ side: "long", entryPrice: 1, quantity: "NaN", margin: 1, maintenanceMarginRate: 0 }), /quantity must be a number/],
    [() => liquidationPrice({ side: "sideways" as never, entryPrice: 1, quantity: 1, margin: 1, maintenanceMarginRate: 0 }), /side must be "long" or "short"/],
    [() => liquidationPrice({ side: "long", entryPrice: 1, quantity: 1, margin: 1, maintenanceMarginRate: 1.5 }), /maintenanceMarginRate is a fraction/],
    [() => initialMarginUsd(100, 0), /leverage must be greater than zero/],
    [() => position({ side: "long", quantity: 1, entryPrice: 1, margin: Number.NaN }), /margin must be a finite number/],
    [() => marginTiers([]), /at least one tier/],
  ])("case %#", (fn, message) => {
    expect(fn).toThrow(RangeError);
    expect(fn).toThrow(message);
  });
});
