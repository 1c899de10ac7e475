import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { caseSchema } from "../../../src/lib/schemas";
import { FTX_LIKE_DESK, MT_GOX_LIKE_CUSTODY_LOSS, RECORD_LIQUIDATION_DAY, runRecordLiquidationDay, type Scenario } from "../../../src/sim/index";
import model, { CASE_FILES } from "./model";

const cases = Object.entries(CASE_FILES);

describe("the case files (content/cases/*.json): the record side", () => {
  it.each(cases)("%s validates against caseSchema, and its events are in order inside its period", (_id, file) => {
    const parsed = caseSchema.safeParse(file);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const dates = file.events.map((event) => event.date);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]! >= file.period.start && dates.at(-1)! <= file.period.end).toBe(true);
  });

  it.each(cases)("%s cites only references that exist in content/references", (_id, file) => {
    const refs = [...file.figures.map((f) => f.ref), ...file.events.flatMap((e) => [...e.refs, ...(e.figures ?? []).map((f) => f.ref)])];
    for (const ref of refs) expect(existsSync(`content/references/${ref}.yaml`), ref).toBe(true);
  });

  /** The presets in src/sim quote some of the same figures: they must agree with the case file. */
  function expectAgreement(scenario: Scenario, pairs: [fact: string, label: string][], tolerance = 0) {
    const file = Object.values(CASE_FILES);
    for (const [fact, label] of pairs) {
      const figure = file.flatMap((c) => [...c.figures, ...c.events.flatMap((e) => e.figures ?? [])]).find((f) => f.label === label);
      expect(figure, label).toBeDefined();
      expect(Math.abs(figure!.value - Number(scenario.facts[fact]!.value)), `${fact} vs "${label}"`).toBeLessThanOrEqual(tolerance);
    }
  }

  it("agree with the figures the src/sim presets are scaled from", () => {
    expectAgreement(FTX_LIKE_DESK, [
      ["customerAssetsMisappropriatedUsd", "Owed to FTX.com customers at the petition date"],
      ["fiatAndStablecoinsMisappropriatedUsd", "Of which fiat and stablecoins misappropriated"],
      ["liquidAssetsRecoveredUsd", "Liquid assets recovered by the debtors by June 2023"],
      ["alamedaAssetsUsd", "Alameda's assets"],
      ["alamedaUnlockedFttUsd", "Unlocked FTT"],
      ["alamedaFttCollateralUsd", "FTT collateral"],
      ["alamedaLiabilitiesUsd", "Alameda's liabilities"],
      ["alamedaLoansUsd", "Of which loans"],
    ]);
    expectAgreement(MT_GOX_LIKE_CUSTODY_LOSS, [
      ["customerBtcLost", "Customer bitcoins reported missing"],
      ["companyBtcLost", "Mt. Gox's own bitcoins reported missing"],
    ]);
    // The preset rounds the find to 200 000; the announcement says 199 999.99.
    expectAgreement(MT_GOX_LIKE_CUSTODY_LOSS, [["btcFoundLater", "Bitcoins found in an old-format wallet"]], 0.02);
    expectAgreement(RECORD_LIQUIDATION_DAY, [
      ["liquidatedUsd", "Leveraged positions liquidated within 24 hours (CoinGlass data)"],
      ["btcLowUsd", "Bitcoin's low (CoinDesk reference rate)"],
      ["perpOpenInterestAfterUsd", "Perpetual futures open interest afterwards"],
      ["hyperliquidAdlUsd", "Positions closed by Hyperliquid's auto-deleveraging"],
      ["hyperliquidAdlMinutes", "Time those closures took"],
    ]);
  });
});

describe("cases model", () => {
  const ftx = model.compute({ caseId: "ftx" });

  it("FTX: the record's 8.7 billion owed beside the 1:10 model's hidden 870 million loan and 517.8 million hole", () => {
    expect(model.summary(ftx)).toBe(
      "Record: FTX.com owed its customers about $8.7B when it failed; model (at 1:10 scale): the desk's hidden $870M loan leaves the true books $517.8M short before anyone withdraws, the reported books never show a shortfall, and withdrawals halt at step 3 of 4.",
    );
    if (ftx.model.kind !== "custody") throw new Error("custody expected");
    expect(ftx.model.steps.map((s) => s.exact.true)).toEqual(["517800000.01", "517800000.01", "540018181.83", "612227272.73", "628890909.09"]);
    expect(ftx.model.steps.every((s) => s.exact.reported === "0.00")).toBe(true);
    expect(ftx.model.run).toMatchObject({ haltPeriod: 2, paidUsd: "416400000.00", queuedUsd: "783600000.00" });
  });

  it("Mt. Gox: 750 000 BTC short in truth and none on the reported books, until the found coins cut the hole to 550 000", () => {
    const gox = model.compute({ caseId: "mtgox" });
    if (gox.model.kind !== "custody") throw new Error("custody expected");
    expect(gox.model.steps.map((s) => [s.exact.reported, s.exact.true, s.halted])).toEqual([
      ["0.00000000", "750000.00000000", false],
      ["0.00000000", "750000.00000000", true],
      ["0.00000000", "750000.00000000", true],
      ["0.00000000", "550000.00000000", true],
    ]);
    expect(model.summary(gox)).toBe(
      "Record: about 750,000 BTC of customers' coins reported missing and 199,999.99 BTC found again; model: the true books are 750,000 BTC short while the reported books show none, withdrawals halt at step 1, and the found coins cut the hole to 550,000 BTC.",
    );
  });

  it("10 October 2025: the widget's fast sweep gives what runRecordLiquidationDay gives, digit for digit", () => {
    const day = model.compute({ caseId: "liquidation-day" });
    if (day.model.kind !== "cascade") throw new Error("cascade expected");
    const reference = runRecordLiquidationDay();
    expect(day.model.liquidatedUsd).toBe(reference.totalLiquidatedNotional.toFixed(2));
    expect(day.model.adlUsd).toBe(reference.adlChargedUsd.toFixed(2));
    expect(day.model.rounds.map((r) => r.exact.price)).toEqual(reference.trace.map((r) => r.priceUsd.toFixed(2)));
    expect(model.summary(day)).toBe(
      "Record: over $19B of positions liquidated in 24 hours and about $2.1B closed by Hyperliquid's auto-deleveraging; model (one venue, about 1:700 of the market): a 6% shock becomes a 28.9% fall in 10 rounds, liquidating $150.04M of $300M open interest and taking $2.18M from winners by auto-deleveraging.",
    );
  });

  it("every table row says whether it is record or model, and where it comes from", () => {
    for (const caseId of ["ftx", "mtgox", "liquidation-day"]) {
      const rows = model.table(model.compute({ caseId })).rows;
      expect(rows.some((r) => r.side === "Record") && rows.some((r) => r.side === "Model")).toBe(true);
      for (const row of rows) {
        if (row.side === "Record") for (const ref of String(row.source).split(" ")) expect(existsSync(`content/references/${ref}.yaml`), ref).toBe(true);
        else expect(String(row.source)).toMatch(/^src\/sim /);
        // The data table is checked against its CSV, which cannot carry a straight double quote unescaped.
        expect(Object.values(row).join("")).not.toContain('"');
      }
    }
  });

  it("runs in the worker: the result is plain data", () => {
    expect(model.heavy!({ caseId: "ftx" })).toBe(true);
    expect(structuredClone(ftx)).toEqual(ftx);
  });
});
