import { describe, expect, it } from "vitest";
import { Decimal } from "./money";
import {
  BLACK_THURSDAY_LIKE,
  FTX_LIKE_DESK,
  MT_GOX_LIKE_CUSTODY_LOSS,
  RECORD_LIQUIDATION_DAY,
  SCENARIOS,
  factValue,
  getScenario,
  runBlackThursdayLike,
  runFtxLikeDesk,
  runMtGoxLikeLoss,
  runRecordLiquidationDay,
  validateScenario,
  type Scenario,
} from "./scenarios";

const clone = <T>(x: T): T => structuredClone(x);

describe("presets: sources and validity", () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))("%s validates", (_, scenario) => {
    expect(validateScenario(scenario)).toBe(scenario);
  });

  it("has unique ids, each found by getScenario", () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(getScenario(id).id).toBe(id);
    expect(() => getScenario("luna")).toThrow(/There is no scenario "luna"; the presets are "ftx-like-desk"/);
  });

  it("gives every sourced number a complete source, and says how it was confirmed", () => {
    for (const scenario of SCENARIOS) {
      for (const [key, fact] of Object.entries(scenario.facts)) {
        expect(() => new Decimal(fact.value), `${scenario.id}.${key}`).not.toThrow();
        expect(fact.source.title.length, `${scenario.id}.${key}`).toBeGreaterThan(0);
        expect(fact.source.publisher.length).toBeGreaterThan(0);
        expect(fact.source.year).toBeGreaterThanOrEqual(2014);
        expect(fact.source.url).toMatch(/^https?:\/\//);
        if (fact.confirmation === "secondary") expect(fact.confirmedVia, `${scenario.id}.${key} needs confirmedVia`).toBeDefined();
      }
      expect(scenario.assumption).toBe(true);
      expect(scenario.assumptions.length).toBeGreaterThan(0);
    }
  });

  it("cites the figures the book relies on, exactly", () => {
    expect(factValue(FTX_LIKE_DESK, "customerAssetsMisappropriatedUsd").toString()).toBe("8700000000");
    expect(factValue(FTX_LIKE_DESK, "alamedaAssetsUsd").toString()).toBe("14600000000");
    expect(factValue(FTX_LIKE_DESK, "alamedaUnlockedFttUsd").toString()).toBe("3660000000");
    expect(factValue(FTX_LIKE_DESK, "alamedaFttCollateralUsd").toString()).toBe("2160000000");
    expect(factValue(MT_GOX_LIKE_CUSTODY_LOSS, "customerBtcLost").toString()).toBe("750000");
    expect(factValue(MT_GOX_LIKE_CUSTODY_LOSS, "companyBtcLost").toString()).toBe("100000");
    expect(factValue(MT_GOX_LIKE_CUSTODY_LOSS, "btcFoundLater").toString()).toBe("200000");
    expect(factValue(BLACK_THURSDAY_LIKE, "zeroBidCollateralUsd").toString()).toBe("8320000");
    expect(factValue(BLACK_THURSDAY_LIKE, "unbackedDebtDai").toString()).toBe("5670000");
    expect(factValue(RECORD_LIQUIDATION_DAY, "liquidatedUsd").toString()).toBe("19000000000");
    expect(factValue(RECORD_LIQUIDATION_DAY, "hyperliquidAdlUsd").toString()).toBe("2100000000");
    expect(RECORD_LIQUIDATION_DAY.facts.hyperliquidAdlUsd!.source.url).toContain("2512.01112");
    expect(() => factValue(FTX_LIKE_DESK, "nope")).toThrow(/has no fact "nope"/);
  });

  it("derives the parameters it says it derives from the facts", () => {
    const ftx = FTX_LIKE_DESK.params;
    expect(new Decimal(ftx.deskBorrow.amount).times(10).eq(factValue(FTX_LIKE_DESK, "customerAssetsMisappropriatedUsd"))).toBe(true);
    expect(new Decimal(ftx.deskTrades[0]!.amount).times(10).eq(factValue(FTX_LIKE_DESK, "fiatAndStablecoinsMisappropriatedUsd"))).toBe(true);
    const fttTenth = factValue(FTX_LIKE_DESK, "alamedaUnlockedFttUsd").plus(factValue(FTX_LIKE_DESK, "alamedaFttCollateralUsd")).div(10);
    expect(new Decimal(ftx.deskCapital.HOUSE!).times(22).minus(fttTenth).abs().lt(1)).toBe(true);
    const gox = MT_GOX_LIKE_CUSTODY_LOSS.params;
    expect(gox.customers.totalDeposit).toBe(MT_GOX_LIKE_CUSTODY_LOSS.facts.customerBtcLost!.value);
    expect(gox.houseCapital.BTC).toBe(MT_GOX_LIKE_CUSTODY_LOSS.facts.companyBtcLost!.value);
    expect(new Decimal(gox.deskBorrow.amount).eq(factValue(MT_GOX_LIKE_CUSTODY_LOSS, "customerBtcLost").plus(factValue(MT_GOX_LIKE_CUSTODY_LOSS, "companyBtcLost")))).toBe(true);
    expect(gox.steps[2]!.returned!.amount).toBe(MT_GOX_LIKE_CUSTODY_LOSS.facts.btcFoundLater!.value);
    const bt = BLACK_THURSDAY_LIKE.params;
    const trough = bt.pricePathUsd.map(Number).reduce((a, b) => Math.min(a, b));
    expect(trough / Number(bt.pricePathUsd[0])).toBeCloseTo(1 - Number(BLACK_THURSDAY_LIKE.facts.ethFallFraction!.value), 1);
  });
});

describe("validateScenario: bad presets", () => {
  const broken: [string, (s: Scenario) => void, RegExp][] = [
    ["a fact without a URL", (s) => (s.facts.customerAssetsMisappropriatedUsd!.source = { ...s.facts.customerAssetsMisappropriatedUsd!.source, url: "" }), /needs a web address/],
    ["an implausible year", (s) => (s.facts.alamedaAssetsUsd!.source = { ...s.facts.alamedaAssetsUsd!.source, year: 22 }), /not a plausible year/],
    ["a value that is not a number", (s) => (s.facts.alamedaAssetsUsd!.value = "14.6 billion"), /fact alamedaAssetsUsd value must be a number/],
    ["no facts", (s) => (s.facts = {}), /cites no facts/],
    ["no assumptions", (s) => (s.assumptions = []), /must list its assumptions/],
    ["a derivation naming no fact", (s) => (s.derivedFrom = { "deskBorrow.amount": "a hunch" }), /names no fact/],
    ["a negative borrow", (s) => ((s.params as typeof FTX_LIKE_DESK.params).deskBorrow.amount = "-1"), /deskBorrow.amount must be zero or more/],
    ["an unknown asset", (s) => ((s.params as typeof FTX_LIKE_DESK.params).deskTrades = [{ sell: "USD", buy: "LUNA", amount: "1" }]), /uses asset LUNA/],
    ["a withdrawal share above 1", (s) => ((s.params as typeof FTX_LIKE_DESK.params).steps[0]!.withdrawShare = 1.5), /withdrawShare must be a fraction/],
  ];
  it.each(broken)("refuses %s", (_, breakIt, message) => {
    const s = clone(FTX_LIKE_DESK) as Scenario;
    breakIt(s);
    expect(() => validateScenario(s)).toThrow(RangeError);
    expect(() => validateScenario(s)).toThrow(message);
  });

  it("refuses bad market parameters", () => {
    const cascade = clone(RECORD_LIQUIDATION_DAY);
    cascade.params.shock = "-1.2";
    expect(() => validateScenario(cascade)).toThrow(/shock must be above −1/);
    const engine = clone(BLACK_THURSDAY_LIKE);
    engine.params.throughputPerTick = 0;
    expect(() => validateScenario(engine)).toThrow(/throughputPerTick must be a whole number of at least 1/);
    const population = clone(BLACK_THURSDAY_LIKE);
    population.params.population.longShare = 2;
    expect(() => validateScenario(population)).toThrow(/longShare must be a fraction/);
  });
});

describe("running the presets", () => {
  it("FTX-like: the reported books show no hole while the true ones do, until withdrawals halt", () => {
    const run = runFtxLikeDesk();
    expect(run.snapshots.map((s) => s.halted)).toEqual([false, false, false, true, true]);
    for (const s of run.snapshots) expect(s.reported.shortfallUsd.toString()).toBe("0");
    expect(run.snapshots[0]!.true.shortfallUsd.gt(0)).toBe(true);
    // The hole only deepens as the token falls.
    for (let k = 1; k < run.snapshots.length; k++) {
      expect(run.snapshots[k]!.true.shortfallUsd.gte(run.snapshots[k - 1]!.true.shortfallUsd)).toBe(true);
    }
    expect(run.snapshots.at(-1)!.queuedCount).toBeGreaterThan(0);
    run.exchange.assertInvariants();
  });

  it("Mt. Gox-like: 850 000 BTC gone, customers short 750 000; the found 200 000 pay part of the queue", () => {
    const run = runMtGoxLikeLoss();
    const btcEquity = (k: number) => run.snapshots[k]!.true.lines.find((l) => l.asset === "BTC")!.equity.toString();
    expect(btcEquity(0)).toBe("-750000");
    expect(btcEquity(3)).toBe("-550000");
    expect(run.snapshots[1]!.halted).toBe(true);
    expect(run.snapshots[3]!.queuedCount).toBeLessThan(run.snapshots[2]!.queuedCount);
    run.exchange.assertInvariants();
  });

  it("Black-Thursday-like: slow liquidations leave bad debt that is socialized", () => {
    const r = runBlackThursdayLike();
    expect(r.totalBadDebtUsd.gt(0)).toBe(true);
    expect(r.socializedLossUsd.gt(0)).toBe(true);
    expect(r.maxQueueLength).toBeGreaterThan(BLACK_THURSDAY_LIKE.params.throughputPerTick);
  });

  it("record day: the cascade runs several rounds and ends in auto-deleveraging", () => {
    const r = runRecordLiquidationDay();
    expect(r.trace.length).toBeGreaterThan(3);
    expect(r.finalPrice.lt(r.shockPrice)).toBe(true);
    expect(r.trace.some((round) => round.adlEvents.length > 0)).toBe(true);
  });
});

describe("documented examples", () => {
  it("hold as written in the TSDoc", async () => {
    const { formatUsd } = await import("./money");
    expect(getScenario("ftx-like-desk").title).toBe("An FTX-like house desk");
    expect(validateScenario(BLACK_THURSDAY_LIKE).id).toBe("black-thursday-like");
    expect(FTX_LIKE_DESK.params.deskBorrow.amount).toBe("870000000");
    expect(MT_GOX_LIKE_CUSTODY_LOSS.facts.btcFoundLater!.value).toBe("200000");
    expect(BLACK_THURSDAY_LIKE.facts.unbackedDebtDai!.source.publisher).toBe("Maker Foundation blog");
    expect(RECORD_LIQUIDATION_DAY.facts.hyperliquidAdlUsd!.value).toBe("2100000000");
    expect(SCENARIOS.map((s) => s.id)).toEqual(["ftx-like-desk", "mt-gox-like-custody-loss", "black-thursday-like", "record-liquidation-day"]);
    const run = runFtxLikeDesk();
    expect(formatUsd(run.snapshots[0]!.true.shortfallUsd)).toBe("$517.8M");
  });
});

describe("FTX-like withdrawal run", () => {
  it("halts once the news and the herd empty custody; the claim on the desk recovers almost nothing", async () => {
    const { runFtxLikeWithdrawalRun } = await import("./scenarios");
    const r = runFtxLikeWithdrawalRun();
    expect(r.haltPeriod).toBe(2);
    expect(r.queuedUsd.gt(0)).toBe(true);
    expect(r.recoveryRate.lt("0.1")).toBe(true);
    expect(() => runFtxLikeWithdrawalRun(MT_GOX_LIKE_CUSTODY_LOSS)).toThrow(/has no run block/);
  });
  it("derives the desk claim from the debtors' figure", () => {
    expect(new Decimal(FTX_LIKE_DESK.params.run!.illiquidAssetsUsd).times(10).eq(factValue(FTX_LIKE_DESK, "customerAssetsMisappropriatedUsd"))).toBe(true);
  });
});
