import { describe, expect, it } from "vitest";
import { defaultValues } from "../../../src/lib/urlState";
import model from "./model";

const defaults = defaultValues(model.params);

describe("run model", () => {
  const result = model.compute(defaults);
  const rows = model.table(result).rows;

  it("day 1: bad news of 0.5 × weight 0.4 puts confidence at 0.8; the 231 depositors with thresholds above it ask for $23.1M", () => {
    // Thresholds 0.3 + 0.65·(i + 0.5)/1000: those above 0.8 are i ≥ 769, i.e. 231 depositors of $100,000.
    expect(rows[1]).toMatchObject({ day: 1, signal: "0.50", confidence: "0.800", withdrawers: 231, requested: "23100000.00", paid: "23100000.00" });
  });

  it("paying them empties the $20M of reserves and sells $4.43M of book for $3.1M at 30% off", () => {
    expect(rows[1]).toMatchObject({ liquid: "0.00", illiquid: "75571428.57", fireSaleLoss: "1328571.43" });
  });

  it("the halt: day 6, with $24M queued, which is what fire sales destroyed (30% of $80M)", () => {
    expect(result.haltDay).toBe(6);
    expect(result.queuedUsd).toBe("24000000.00");
    expect(rows.at(-1)).toMatchObject({ fireSaleLoss: "24000000.00", queued: "24000000.00", status: "halted" });
    expect(model.summary(result)).toBe(
      "Bad news puts confidence at 0.80 on day 1 and 231 of 1000 depositors ask for their money; the run feeds itself until day 6, when the venue halts with $24M (24% of deposits) queued: those who left first were paid in full, the queue gets nothing, and fire sales have destroyed $24M.",
    );
  });

  it("weaker news dies out: at 0.3, confidence 0.88, 108 depositors, all paid from reserves", () => {
    const mild = model.compute({ ...defaults, shock: 0.3 });
    expect(mild.haltDay).toBeNull();
    expect(model.summary(mild)).toContain("108 of 1000 depositors");
    expect(model.summary(mild)).toContain("pays all $10.8M asked");
  });

  it("a fully liquid venue never halts; no news, no run", () => {
    expect(model.compute({ ...defaults, reserveRatio: 1 }).haltDay).toBeNull();
    expect(model.summary(model.compute({ ...defaults, shock: 0 }))).toBe("With no bad news confidence stays at 1.00: nobody withdraws and there is no halt.");
  });
});
