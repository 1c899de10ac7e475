import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "./money";
import type { PositionInput } from "./margin";
import { generatePopulation } from "./cascade";
import { compareCexDex, simulateDex, type DexInput } from "./dex";

const tinyBook = { midPriceUsd: 100, depthUsd: 500, levels: 5, levelSpacingBps: 100, profile: "flat" as const };
const worked: PositionInput[] = [
  { id: "A", side: "long", quantity: "1.5", entryPrice: 100, margin: "1.5", maintenanceMarginRate: 0 },
  { id: "B", side: "long", quantity: 1, entryPrice: 100, margin: 2, maintenanceMarginRate: 0 },
  { id: "C", side: "long", quantity: 1, entryPrice: 100, margin: 5, maintenanceMarginRate: 0 },
  { id: "W1", side: "short", quantity: 1, entryPrice: 100, margin: 10, maintenanceMarginRate: 0 },
  { id: "W2", side: "short", quantity: 2, entryPrice: 100, margin: 100, maintenanceMarginRate: 0 },
];
const venue = { liquidationBonusRate: "0.01", gasCostUsd: "0.01", congestionGasMultiplier: 0, priorityFeeShare: 0, backstopPoolUsd: "0.2", maxLiquidationsPerBlock: 10, keeperSpeeds: [1] };
const input: DexInput = { positions: worked, book: tinyBook, shock: "-0.01", insuranceFundUsd: "0.2", dex: venue };

describe("same crash, two rulebooks: a hand-checked example", () => {
  it("DEX: keepers buy at the oracle less 1 %, sell into the same book", () => {
    const r = simulateDex(input);
    // block 1, oracle 99: A at 98.01 → equity 1.5 + 1.5 × (98.01 − 100) = −1.485 (a hole); sells for 148.01
    // block 2, oracle 98: B at 97.02 → equity −0.98; sells 0.53@98 + 0.47@97 = 97.53
    expect(r.trace.map((b) => [b.block, b.oraclePrice.toString(), b.priceAfter.toString(), b.liquidated])).toEqual([[1, "99", "98", 1], [2, "98", "97", 1]]);
    expect(r.finalPrice.toString()).toBe("97");
    expect(r.badDebtUsd.toString()).toBe("2.465");
    expect(r.backstopUsedUsd.toString()).toBe("0.2");
    expect(r.protocolBadDebtUsd.toString()).toBe("2.265");
    expect(r.bonusPaidUsd.toString()).toBe("2.465");
    // keeper: (148.01 − 147.015 − 0.01) + (97.53 − 97.02 − 0.01)
    expect(r.keepers[0]!.profitUsd.toString()).toBe("1.485");
    expect(r.gasPaidUsd.toString()).toBe("0.02");
    expect(r.totalLiquidatedNotional.toString()).toBe("245.54");
    expect(r.conservation.marketPnlUsd.toString()).toBe("-4.46");
    expect(r.conservation.residualUsd.toString()).toBe("0");
    expect(r.vaultCollateralUsd.toString()).toBe("118.5");
  });

  it("compareCexDex reports both on the same inputs", () => {
    const c = compareCexDex(input);
    expect(c.liquidatedNotionalUsd.cex.toString()).toBe("245.54");
    expect(c.liquidatedNotionalUsd.dex.toString()).toBe("245.54");
    // the CEX's fills beat bankruptcy by less than the keeper's 1 % bonus: the DEX books more bad debt here
    expect(c.badDebtUsd.cex.toString()).toBe("0.96");
    expect(c.badDebtUsd.dex.toString()).toBe("2.465");
    expect(c.traderPnlUsd.cex.toString()).toBe("-3.5");
    expect(c.traderPnlUsd.dex.toString()).toBe("-3.5");
    expect(c.surplusCapturedUsd.dexKeepers.toString()).toBe("1.485");
    expect(c.rows.find((r) => r.label === "Bad debt")).toEqual({ label: "Bad debt", cex: "$0.96", dex: "$2.46" }); // half-even
    expect(c.verifiableInAdvance.dex.filter((v) => v.verifiable).length).toBeGreaterThan(c.verifiableInAdvance.cex.filter((v) => v.verifiable).length);
  });

  it("a DEX hands leftover equity back; a CEX keeps it for its fund", () => {
    const early: PositionInput[] = [{ id: "E", side: "long", quantity: 1, entryPrice: 100, margin: 10, maintenanceMarginRate: "0.08" }]; // liq at 97.82…
    const c = compareCexDex({ positions: early, book: tinyBook, shock: "-0.03", dex: venue });
    // DEX: oracle 97, keeper price 96.03, equity 10 − 3.97 = 6.03 returned
    expect(c.dex.returnedToTradersUsd.toString()).toBe("6.03");
    expect(c.traderPnlUsd.dex.toString()).toBe("-3.97");
    expect(c.traderPnlUsd.cex.toString()).toBe("-10");
  });

  it("when gas costs more than the bonus nobody liquidates: the price holds, the holes stay hidden", () => {
    const r = simulateDex({ ...input, shock: "-0.03", dex: { ...venue, gasCostUsd: 1000 } });
    expect(r.totalLiquidatedCount).toBe(0);
    expect(r.finalPrice.toString()).toBe("97");
    // A: 1.5 − 1.5 × 3 = −3; B: 2 − 3 = −1
    expect(r.latentBadDebtUsd.toString()).toBe("4");
    expect(r.leftUnliquidated).toBe(2);
  });

  it("conserves money on generated markets (property)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 20 }), (seed, gas, capacity) => {
      const population = generatePopulation({ count: 60, seed, openInterestUsd: 3_000_000, leverageMean: 15 });
      const r = simulateDex({ population, book: { depthUsd: "4000000", levels: 100 }, dex: { gasCostUsd: gas, maxLiquidationsPerBlock: capacity, backstopPoolUsd: 1000 } });
      expect(r.conservation.residualUsd.toString()).toBe("0");
    }), { seed: 12, numRuns: 25 });
  });

  it("refuses bad parameters with a sentence", () => {
    expect(() => simulateDex({ dex: { liquidationBonusRate: 1.2 } })).toThrow(/liquidationBonusRate is a fraction/);
    expect(() => simulateDex({ dex: { gasCostUsd: -1 } })).toThrow(/gasCostUsd cannot be negative/);
    expect(() => simulateDex({ dex: { maxLiquidationsPerBlock: 0 } })).toThrow(/maxLiquidationsPerBlock must be a whole number/);
    expect(() => simulateDex({ dex: { keeperSpeeds: [] } })).toThrow(/keeperSpeeds must list at least one keeper/);
    expect(() => simulateDex({ dex: { blockTimeSeconds: Number.NaN } })).toThrow(/blockTimeSeconds must be a positive number/);
    expect(() => compareCexDex({ shock: 2 })).toThrow(/shock is a fractional price move/);
    expect(new Decimal(1).toString()).toBe("1");
  });
});
