import { describe, expect, it } from "vitest";
import { defaultValues } from "../../../src/lib/urlState";
import { Decimal, compareCexDex } from "../../../src/sim/index";
import model from "./model";

const defaults = defaultValues(model.params);

function line(result: ReturnType<typeof model.compute>, measure: string) {
  const found = result.lines.find((l) => l.measure === measure);
  if (!found) throw new Error(`no line "${measure}"`);
  return found;
}

describe("cexdex model", () => {
  const result = model.compute(defaults);

  it("by default a 10% fall liquidates the same 12 positions on both venues, and the vault books more bad debt", () => {
    expect(line(result, "Positions liquidated")).toMatchObject({ cex: "12", dex: "12" });
    expect(line(result, "Notional liquidated ($)")).toMatchObject({ cex: "1270937.47", dex: "1270937.47" });
    expect(line(result, "Price after the crash ($)")).toMatchObject({ cex: "60032.00", dex: "60032.00" });
    expect(result.exactBadDebt).toEqual({ cex: "40788.16", dex: "99075.25" });
    expect(model.summary(result)).toBe(
      "The on-chain vault did worse: $99.08k of bad debt against the exchange's $40.79k, because keepers are paid their 5% bonus even on positions already underwater (keepers netted $26.1k, validators $32.19k); yet a user could check 3 of 5 things about the vault in advance, 1 of 5 about the exchange.",
    );
  });

  it("who paid: the $25k fund goes first on both venues, then ADL'd winners on the exchange and the protocol on the vault", () => {
    expect(line(result, "Insurance fund / backstop pool: gained (+) or lost (−) ($)")).toMatchObject({ cex: "-25000.00", dex: "-25000.00" });
    expect(line(result, "Auto-deleveraged winners: gained (+) or lost (−) ($)")).toMatchObject({ cex: "-15788.16", dex: "0.00" });
    expect(line(result, "Protocol (token holders): gained (+) or lost (−) ($)")).toMatchObject({ cex: "0.00", dex: "-74075.25" });
    // Every liquidated position here had gapped through its bankruptcy price, so traders lose all their margin on both venues.
    expect(line(result, "Liquidated traders: gained (+) or lost (−) ($)")).toMatchObject({ cex: "-106731.37", dex: "-106731.37" });
  });

  it("on each venue the parties' gains and losses add up to the market loss of the closed positions, to the cent", () => {
    for (const venue of ["cex", "dex"] as const) {
      const shares = result.lines.filter((l) => l.section === "Who paid").reduce((sum, l) => sum.plus(l[venue]), new Decimal(0));
      expect(shares.toFixed(2)).toBe(line(result, "Market loss of the closed positions ($)")[venue]);
    }
    expect(line(result, "Market loss of the closed positions ($)").cex).toBe("-147519.53");
  });

  it("the numbers are the engine's: an independent compareCexDex call on the same inputs agrees", () => {
    const c = compareCexDex({
      populationOptions: { count: 80, openInterestUsd: 20_000_000, priceUsd: 67_000, longShare: 0.6, maxLeverage: 20, seed: "cexdex", leverageMean: 10, maintenanceMarginRate: 0.005 },
      book: { midPriceUsd: "67000", depthUsd: "40000000", levels: 25, levelSpacingBps: 80, profile: "linear" },
      shock: "-0.1",
      insuranceFundUsd: 25_000,
      dex: { liquidationBonusRate: 0.05, gasCostUsd: 20, maxLiquidationsPerBlock: 10, backstopPoolUsd: 25_000 },
    });
    expect(c.badDebtUsd.dex.toFixed(2)).toBe("99075.25");
    expect(c.dex.conservation.residualUsd.toString()).toBe("0");
    expect(c.cex.conservation.residualUsd.toString()).toBe("0");
  });

  it("with no bonus no keeper acts: the vault's price stops at the shock and its holes stay open and unbooked", () => {
    const idle = model.compute({ ...defaults, bonus: 0 });
    expect(line(idle, "Positions liquidated").dex).toBe("0");
    expect(idle.leftOpen).toBeGreaterThan(0);
    expect(line(idle, "Price move").dex).toBe("-10.00%");
    expect(model.summary(idle)).toMatch(/^The exchange did worse: .* because keepers left \d+ positions open/);
  });

  it("expensive gas under congestion leaves some positions to nobody", () => {
    const jammed = model.compute({ ...defaults, gasUsd: 2000, blockCapacity: 1, congestion: 10 });
    expect(jammed.leftOpen).toBeGreaterThan(0);
    expect(jammed.parties).toContain("Still open, underwater");
  });

  it("the block time only moves the clock", () => {
    const slow = model.compute({ ...defaults, blockSeconds: 60 });
    expect(line(slow, "How long it took").dex).toBe("2 blocks, 120 s");
    expect(slow.exactBadDebt).toEqual(result.exactBadDebt);
  });

  it("a small fall liquidates nobody on either venue", () => {
    const calm = model.compute({ ...defaults, fall: 0.02 });
    expect(calm.exactBadDebt).toEqual({ cex: "0.00", dex: "0.00" });
    expect(model.summary(calm)).toMatch(/^Both venues end with \$0\.00 of bad debt/);
  });

  it("the result crosses a worker boundary intact", () => {
    expect(structuredClone(result)).toEqual(result);
  });
});
