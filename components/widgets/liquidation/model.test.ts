import { describe, expect, it } from "vitest";
import { defaultValues } from "../../../src/lib/urlState";
import { Decimal, formatUsd, generatePopulation, positionsFromPopulation, simulateLiquidationEngine, sum } from "../../../src/sim/index";
import model from "./model";

const defaults = defaultValues(model.params);

/** The same engine call the widget makes, written out independently. */
function engine(overrides: { throughputPerTick?: number; afterFund?: "adl" | "socialize" } = {}) {
  const positions = positionsFromPopulation(generatePopulation({ count: 80, openInterestUsd: 200e6, priceUsd: 67000, leverageMean: 10, leverageSpread: 0.6, maxLeverage: 50, maintenanceMarginRate: 0.01, seed: "liquidation" }));
  const pricePathUsd = Array.from({ length: 21 }, (_, tick) => new Decimal(67000).times(new Decimal(1).minus(new Decimal("0.2").times(tick).div(20))).toDecimalPlaces(2));
  return simulateLiquidationEngine({
    positions,
    pricePathUsd,
    throughputPerTick: 2,
    insuranceFundUsd: "2000000",
    afterFund: "adl",
    book: { depthUsd: "40000000", levels: 5, levelSpacingBps: 30 },
    refillRatePerTick: 0.3,
    ...overrides,
  });
}

describe("liquidation model", () => {
  const result = model.compute(defaults);
  const reference = engine();

  it("at 2 orders per tick the queue peaks at 16, the $2M fund is empty by tick 21 and ADL takes $1.59M from 4 shorts", () => {
    expect(model.summary(result)).toBe(
      "At 2 orders per tick the queue peaks at 16 positions, the $2M insurance fund is empty by tick 21, and ADL takes $1.59M from 4 profitable traders, first account 48 (ADL score 11.7).",
    );
    expect(result.maxQueue).toBe(reference.maxQueueLength);
    expect(result.adlUsd).toBe(reference.totalAdlChargedUsd.toFixed(2));
    expect(formatUsd(reference.totalAdlChargedUsd)).toBe("$1.59M");
  });

  it("the table is the engine's ticks: the price slides 670 dollars a tick, then the queue drains at the bottom", () => {
    const rows = model.table(result).rows;
    expect(rows).toHaveLength(reference.ticks.length);
    expect(rows[1]).toMatchObject({ tick: 1, price: "66330.00" });
    expect(rows[20]).toMatchObject({ tick: 20, price: "53600.00", queue: 11, fund: "11943.31" });
    expect(rows[21]).toMatchObject({ tick: 21, fund: "0.00", adl: "481138.56" });
    expect(rows.at(-1)).toMatchObject({ queue: 0, badDebt: reference.totalBadDebtUsd.toFixed(2) });
  });

  it("the ranked list is every winner ADL reached, in order, and its takings add up to the ADL total", () => {
    expect(result.deleveraged.map((d) => [d.account, d.side, d.rank, d.tick])).toEqual([
      ["Account 48", "short", 1, 21],
      ["Account 59", "short", 2, 21],
      ["Account 29", "short", 1, 22],
      ["Account 70", "short", 1, 23],
    ]);
    expect(sum(result.deleveraged.map((d) => d.takenUsd)).toFixed(2)).toBe(result.adlUsd);
    // Account 48 had $62,846 of profit and lost all of it.
    expect(result.deleveraged[0]).toMatchObject({ profitUsd: "62846.00", takenUsd: "62846.00" });
  });

  it("one more order per tick and the fund survives the same crash", () => {
    const faster = model.compute({ ...defaults, throughput: 3 });
    expect(faster.fundEmptyTick).toBeNull();
    expect(faster.deleveraged).toEqual([]);
    expect(model.summary(faster)).toBe(
      "At 3 orders per tick the queue peaks at 10 positions; the $2M insurance fund covers all $1.57M of losses beyond margin and ends at $454.68k, so no winner pays.",
    );
  });

  it("socialized instead of ADL: the same deficit, shared by every winner", () => {
    const shared = model.compute({ ...defaults, afterFund: "socialize" });
    expect(shared.socializedUsd).toBe(engine({ afterFund: "socialize" }).socializedLossUsd.toFixed(2));
    expect(shared.socializedUsd).toBe(result.adlUsd);
    expect(shared.deleveraged).toEqual([]);
    expect(model.summary(shared)).toContain("the $1.59M left unpaid is socialized across every profitable trader");
  });

  it("a small fall liquidates nobody; a moderate one closes everyone above bankruptcy and the fund grows", () => {
    expect(model.summary(model.compute({ ...defaults, crash: 0.02 }))).toBe(
      "A 2% fall takes no position to its maintenance margin, so the engine has nothing to do and the $2M insurance fund is untouched.",
    );
    expect(model.summary(model.compute({ ...defaults, crash: 0.05 }))).toBe(
      "At 2 orders per tick the queue peaks at 2 positions; every position closes above its bankruptcy price, so the $2M insurance fund only grows, to $2.07M.",
    );
  });

  it("its result crosses a worker boundary intact", () => {
    expect(structuredClone(result)).toEqual(result);
  });
});
