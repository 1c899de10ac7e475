import { describe, expect, it } from "vitest";
import model from "./model";
import { defaultValues } from "../../../src/lib/urlState";
import { rehypothecationChain } from "../../../src/sim/index";

const defaults = defaultValues(model.params);
const run = (changes: Partial<typeof defaults> = {}) => model.compute({ ...defaults, ...changes });
const row = (result: ReturnType<typeof run>, party: string) => model.table(result).rows.find((r) => r.party === party)!;

describe("rehypothecation widget", () => {
  it("by default one $60,000 coin backs 60,000 + 36,000 + 21,600 + 12,960 + 7,776 = $138,336 of claims, ×2.3056", () => {
    const result = run();
    expect(result.exact.totalClaims).toBe("138336");
    expect(result.exact.multiplier).toBe("2.3056");
    expect(model.table(result).rows.map((r) => r.pledged)).toEqual(["60000", "36000", "21600", "12960", "7776", "0"]);
    expect(model.summary(result)).toContain("backs $138,336.00 of claims after 4 re-pledges at 60%, a multiplier of 2.3056");
  });

  it("when dealer 2 fails, dealer 3 keeps its $21,600, dealer 1 is $21,600 short and fails, and the client loses $21,600", () => {
    const result = run();
    expect(row(result, "dealer 1")).toMatchObject({ held: "24000", short: "21600", failed: "yes" });
    expect(row(result, "dealer 3")).toMatchObject({ short: "0", failed: "no" });
    expect(row(result, "client")).toMatchObject({ claim: "60000", recovered: "38400", short: "21600" });
    expect(model.summary(result)).toContain("when dealer 2 fails, dealer 1 fails too, and the client loses $21,600.00 of its coin");
  });

  it("shows the engine's own chain for other settings (r = 0.5, n = 2: $105,000, ×1.75)", () => {
    const result = run({ hops: 2, reuseRate: 0.5, failedDealer: "none" });
    const chain = rehypothecationChain({ collateralUsd: "60000", hops: 2, reuseRate: 0.5 });
    expect(result.exact.totalClaims).toBe(chain.totalClaimsUsd.toFixed());
    expect(result.exact.totalClaims).toBe("105000");
    expect(result.exact.multiplier).toBe("1.75");
    expect(model.summary(result)).toMatch(/a multiplier of 1\.75; every claim is paid as long as no dealer fails\.$/);
  });

  it("$30,000 of capital lets dealer 1 absorb the $21,600 loss: the client is paid in full", () => {
    const result = run({ dealerCapitalUsd: 30000 });
    expect(row(result, "dealer 1")).toMatchObject({ short: "21600", absorbed: "21600", failed: "no" });
    expect(row(result, "client").short).toBe("0");
    expect(model.summary(result)).toContain("when dealer 2 fails, and the client is paid in full");
  });

  it("refuses a dealer the chain does not have with a sentence", () => {
    expect(() => run({ hops: 2, failedDealer: "7" })).toThrow(RangeError);
    expect(() => run({ hops: 2, failedDealer: "7" })).toThrow(/has dealers 1 to 3; there is no dealer 7/);
  });
});
