import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D, Decimal } from "./money";
import { position } from "./margin";
import { adlScore, bankruptcyValueUsd, chargeAdl, rankForAdl, settleLiquidation, simulateLiquidationEngine } from "./liquidation";

describe("settlement and ADL ranking", () => {
  it("a fill better than bankruptcy pays the fund; a worse one draws on it", () => {
    const good = settleLiquidation({ side: "long", closeValueUsd: 60400, bankruptcyValueUsd: 60300, fundUsd: 0 });
    expect(good.surplusUsd.toString()).toBe("100");
    expect(good.fundAfterUsd.toString()).toBe("100");
    const bad = settleLiquidation({ side: "short", closeValueUsd: 74000, bankruptcyValueUsd: 73700, fundUsd: 250 });
    expect([bad.lossUsd, bad.fromFundUsd, bad.shortfallUsd, bad.fundAfterUsd].map(String)).toEqual(["300", "250", "50", "0"]);
    expect(bankruptcyValueUsd(position({ side: "long", quantity: 1, entryPrice: 67000, margin: 6700 })).toString()).toBe("60300");
  });

  it("ranks BitMEX-style: PnL % × effective leverage", () => {
    // pnl 500 on margin 1000 (50 %), notional 15 000, equity 1 500 → leverage 10 → score 5
    expect(adlScore(500, 1000, 15000)).toBe(5);
    expect(adlScore(-500, 1000, 15000)).toBe(-0.5 / 30);
    const shorts = [
      position({ id: "calm", side: "short", quantity: 1, entryPrice: 100, margin: 100 }), // 1×: pnl 10 → 0.1 × 0.818
      position({ id: "bold", side: "short", quantity: 1, entryPrice: 100, margin: 10 }),  // 10×: pnl 10 → 1 × 4.5
      position({ id: "loser", side: "short", quantity: 1, entryPrice: 80, margin: 10 }),
      position({ id: "long", side: "long", quantity: 1, entryPrice: 80, margin: 10 }),
    ];
    expect(rankForAdl(shorts, "short", 90).map((e) => e.id)).toEqual(["bold", "calm", "loser"]);
    expect(rankForAdl(shorts, "short", 90, { profitableOnly: true }).map((e) => e.id)).toEqual(["bold", "calm"]);
    const ranked = rankForAdl(shorts, "short", 90, { profitableOnly: true });
    const r = chargeAdl(D(15), ranked, { step: 1, coveredIndex: 3, markPrice: D(90), quantityOf: () => D(1) });
    expect(r.events.map((e) => [e.id, e.rank, e.chargedUsd.toString()])).toEqual([["bold", 1, "10"], ["calm", 2, "5"]]);
    expect(r.uncoveredUsd.toString()).toBe("0");
  });
});

describe("the tick engine", () => {
  const book = { depthUsd: 1000, levels: 10, levelSpacingBps: 100, profile: "flat" as const };
  it("hand-checked: one bankrupt long, an empty fund, one short deleveraged", () => {
    const r = simulateLiquidationEngine({
      positions: [{ id: "L", side: "long", quantity: 1, entryPrice: 100, margin: 10 }, { id: "S", side: "short", quantity: 1, entryPrice: 120, margin: 60 }],
      pricePathUsd: [100, 89, 85], insuranceFundUsd: 0, book,
    });
    // at 89 the book's best bid is 88.11: bankruptcy value 90 → loss 1.89, all ADL'd to the short (pnl 31)
    expect(r.liquidations[0]!.closeValueUsd.toString()).toBe("88.11");
    expect(r.totalBadDebtUsd.toString()).toBe("1.89");
    expect(r.adlEvents.map((e) => [e.id, e.chargedUsd.toString(), e.pnlUsd.toString()])).toEqual([["S", "1.89", "31"]]);
    expect(r.conservation.residualUsd.isZero()).toBe(true);
  });

  it("queues a position exactly when equity reaches maintenance, not a hair before", () => {
    const r = simulateLiquidationEngine({ positions: [{ side: "long", quantity: 1, entryPrice: 100, margin: 10, maintenanceMarginRate: 0 }], pricePathUsd: ["100", "90.0000000000000000000000001", "90"], book });
    expect(r.ticks.map((t) => t.newlyQueued)).toEqual([0, 0, 1]);
  });

  it("a slow engine lets losses grow: throughput 1 vs 50 on a falling path", () => {
    const positions = Array.from({ length: 40 }, (_, i) => ({ side: "long" as const, quantity: 1, entryPrice: 100, margin: 5 + (i % 10) }));
    const path = Array.from({ length: 30 }, (_, t) => 100 - t);
    const slow = simulateLiquidationEngine({ positions, pricePathUsd: path, throughputPerTick: 1, insuranceFundUsd: 0, afterFund: "socialize", book });
    const fast = simulateLiquidationEngine({ positions, pricePathUsd: path, throughputPerTick: 50, insuranceFundUsd: 0, afterFund: "socialize", book });
    expect(slow.maxQueueLength).toBeGreaterThan(fast.maxQueueLength);
    expect(slow.totalBadDebtUsd.gt(fast.totalBadDebtUsd)).toBe(true);
    expect(slow.socializedLossUsd.gt(0)).toBe(true);
    for (const r of [slow, fast]) expect(r.conservation.residualUsd.isZero()).toBe(true);
  });

  it("conserves money to the last digit on random books and paths (property)", () => {
    fc.assert(fc.property(
      fc.array(fc.record({ long: fc.boolean(), q: fc.integer({ min: 1, max: 3000 }), lev: fc.integer({ min: 2, max: 50 }) }), { minLength: 1, maxLength: 25 }),
      fc.array(fc.integer({ min: -400, max: 300 }), { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 300 }), fc.boolean(),
      (specs, moves, throughput, fund, adl) => {
        const positions = specs.map((s) => ({ side: (s.long ? "long" : "short") as "long" | "short", quantity: D(s.q).div(1000), entryPrice: 100, margin: D(s.q).div(1000).times(100).div(s.lev).toDecimalPlaces(2).plus("0.01") }));
        let price = 100;
        const path = [100, ...moves.map((m) => (price = Math.max(5, price + m / 100)))];
        const r = simulateLiquidationEngine({ positions, pricePathUsd: path, throughputPerTick: throughput, insuranceFundUsd: fund, afterFund: adl ? "adl" : "socialize", book });
        expect(r.conservation.residualUsd.toString()).toBe("0");
      }), { seed: 11, numRuns: 60 });
  });

  it("refuses bad parameters with a sentence", () => {
    const positions = [{ side: "long" as const, quantity: 1, entryPrice: 100, margin: 10 }];
    expect(() => simulateLiquidationEngine({ positions, pricePathUsd: [] })).toThrow(/at least one price/);
    expect(() => simulateLiquidationEngine({ positions, pricePathUsd: [100], throughputPerTick: 0 })).toThrow(/throughputPerTick must be a whole number/);
    expect(() => simulateLiquidationEngine({ positions, pricePathUsd: [100], insuranceFundUsd: -1 })).toThrow(/insuranceFundUsd cannot be negative/);
    expect(() => simulateLiquidationEngine({ positions, pricePathUsd: [100, -3] })).toThrow(/pricePathUsd\[1\] must be greater than zero/);
    expect(() => simulateLiquidationEngine({ positions: [{ ...positions[0]!, quantity: -1 }], pricePathUsd: [100] })).toThrow(/Position 1: quantity must be greater than zero/);
  });
});

describe("an exhausted book after the price has moved", () => {
  it("never pays a liquidated long more than the market: closes fill at or below the current book", () => {
    const thin = { levels: 3, levelSpacingBps: 50, depthUsd: 300, profile: "flat" as const, exhaustion: "lastPrice" as const };
    const positions = Array.from({ length: 12 }, (_, i) => ({ id: `L${i}`, side: "long" as const, quantity: 1, entryPrice: 100, margin: 10 + i }));
    const path = [100, 95, 90, 85, 80, 75, 70];
    const r = simulateLiquidationEngine({ positions, pricePathUsd: path, book: thin, throughputPerTick: 3, refillRatePerTick: 0, insuranceFundUsd: 0, afterFund: "socialize" });
    for (const liquidation of r.liquidations) {
      const mark = new Decimal(path[Math.min(liquidation.closedTick, path.length - 1)]!);
      expect(liquidation.closePrice.lte(mark), `${liquidation.id} closed at ${liquidation.closePrice} with the mark at ${mark}`).toBe(true);
    }
    expect(r.conservation.residualUsd.isZero()).toBe(true);
  });
});
