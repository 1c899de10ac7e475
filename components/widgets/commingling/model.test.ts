import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/sim/index";
import { defaultValues } from "../../../src/lib/urlState";
import model from "./model";

const defaults = defaultValues(model.params);

describe("commingling model", () => {
  const result = model.compute(defaults);
  const rows = model.table(result).rows;

  it("hour 0: $1B owed, $400M left in custody after the desk borrows 60%, and the desk can repay all $600M", () => {
    expect(rows[0]).toMatchObject({ hour: 0, price: "150.00", custody: "400000000.00", deskRepayable: "600000000.00", liabilities: "1000000000.00", shortfall: "0.00" });
  });

  it("the run pays 4 customers ($40M) an hour from hour 10 until custody is empty at the close of hour 19", () => {
    expect(rows[10]).toMatchObject({ custody: "360000000.00", liabilities: "960000000.00", paid: 4 });
    expect(rows[19]).toMatchObject({ custody: "0.00", liabilities: "600000000.00", paid: 40 });
  });

  it("the recall: the desk sells its 4,000,000 ALT at hour 19's close and repays what that raises", () => {
    expect(result.recall?.hour).toBe(20);
    const repaid = new Decimal(result.recall!.repaidUsd);
    expect(repaid.div(4_000_000).toNumber()).toBeCloseTo(Number(rows[19]!.price), 2);
    expect(rows[20]!.custody).toBe(repaid.minus(40_000_000).toFixed(2)); // four more customers paid in hour 20
  });

  it("the halt: the repaid money pays floor(repaid / $10M) more customers, 4 an hour; the next one finds custody short", () => {
    const repaid = new Decimal(result.recall!.repaidUsd);
    const paidInAll = 40 + repaid.div(10_000_000).floor().toNumber();
    expect(result.haltHour).toBe(10 + Math.floor(paidInAll / 4));
    expect(result.waitingAtHalt).toEqual({ customers: 100 - paidInAll, owedUsd: new Decimal(100 - paidInAll).times(10_000_000).toFixed(2) });
    expect(model.summary(result)).toContain(`Withdrawals halt at hour ${result.haltHour} with ${100 - paidInAll}% of customers (${100 - paidInAll} of 100`);
    expect(model.summary(result)).toContain("of the $600M it borrowed after its ALT falls 60% at hour 6");
  });

  it("every hour: custody + what the desk can repay − owed = −shortfall (or the books are whole)", () => {
    for (const row of rows) {
      const equity = new Decimal(row.custody as string).plus(row.deskRepayable as string).minus(row.liabilities as string);
      expect(Decimal.max(0, equity.negated()).toFixed(2)).toBe(row.shortfall);
    }
  });

  it("no loan, no halt: everyone who asks is paid", () => {
    const clean = model.compute({ ...defaults, loanShare: 0 });
    expect(clean.haltHour).toBeNull();
    expect(model.summary(clean)).toBe("No halt: all 100 customers who asked by hour 40 were paid.");
  });

  it("the token sells at half its quoted price when the loan is called, so the halt comes sooner", () => {
    const token = model.compute({ ...defaults, deskAsset: "TOKEN" });
    expect(token.haltHour).toBeLessThan(result.haltHour!);
    expect(token.waitingAtHalt!.customers).toBeGreaterThan(result.waitingAtHalt!.customers);
  });
});
