import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { collateralMultiplier, rehypothecationChain, unwindChain } from "./rehypothecation";
import { Decimal } from "./money";

/** Closed form (1 − r^(n+1)) / (1 − r), computed with 2000 digits, rounded once to 34. */
function closedForm(r: string, n: number): string {
  const Big = Decimal.clone({ precision: 2000 });
  if (new Big(r).eq(1)) return String(n + 1);
  const exact = new Big(1).minus(new Big(r).pow(n + 1)).div(new Big(1).minus(r));
  return exact.toSignificantDigits(34, Decimal.ROUND_HALF_EVEN).toString();
}

describe("rehypothecation", () => {
  it("the multiplier equals the geometric sum 1 + r + … + rⁿ exactly (to 34 digits) for r ∈ {0, 0.5, 0.9}, n ≤ 50", () => {
    for (const r of ["0", "0.5", "0.9"]) {
      for (let n = 0; n <= 50; n++) {
        const expected = closedForm(r, n);
        expect([r, n, rehypothecationChain({ collateralUsd: "1000000", hops: n, reuseRate: r }).multiplier.toString()]).toEqual([r, n, expected]);
        expect(collateralMultiplier(r, n).toString()).toBe(expected);
      }
    }
    expect(collateralMultiplier("0.5", 3).toString()).toBe("1.875");
    expect(collateralMultiplier("1", 4).toString()).toBe("5");
  });

  it("$100 re-pledged twice at 50%: pledges $100, $50, $25; $175 of claims on $100 of collateral", () => {
    const chain = rehypothecationChain({ collateralUsd: "100", hops: 2, reuseRate: "0.5" });
    expect(chain.pledges.map((p) => [p.from, p.to, p.amountUsd.toString()])).toEqual([
      ["client", "dealer 1", "100"],
      ["dealer 1", "dealer 2", "50"],
      ["dealer 2", "dealer 3", "25"],
    ]);
    expect(chain.totalClaimsUsd.toString()).toBe("175");
    expect(chain.parties.map((p) => p.heldUsd.toString())).toEqual(["0", "50", "25", "25"]);
    expect(chain.parties.map((p) => p.exposureUsd.toString())).toEqual(["50", "25", "0", "0"]);
  });

  it("Singh's velocity of about 3 corresponds to a reuse rate of 2/3 over a long chain", () => {
    const m = collateralMultiplier(new Decimal(2).div(3), 200);
    expect(m.minus(3).abs().lt("1e-30")).toBe(true);
  });

  it("a haircut of 40% is a reuse rate of 60%, and rates may differ per hop", () => {
    const byHaircut = rehypothecationChain({ collateralUsd: "100", hops: 3, haircut: "0.4" });
    const byRate = rehypothecationChain({ collateralUsd: "100", hops: 3, reuseRate: "0.6" });
    expect(byHaircut.multiplier.toString()).toBe(byRate.multiplier.toString());
    const mixed = rehypothecationChain({ collateralUsd: "100", hops: 2, reuseRate: ["1", "0.5"] });
    expect(mixed.pledges.map((p) => p.amountUsd.toString())).toEqual(["100", "100", "50"]);
  });

  it("dealer 1 fails in the $100/50% chain: dealer 2 keeps $50, the client gets $50 back and loses $50", () => {
    const unwind = unwindChain(rehypothecationChain({ collateralUsd: "100", hops: 2, reuseRate: "0.5" }), { failedDealer: 1 });
    expect(unwind.events.map((e) => [e.party, e.kind, e.amountUsd.toString()])).toEqual([
      ["dealer 1", "fails", "0"],
      ["dealer 2", "keeps collateral", "50"],
      ["client", "collateral returned", "50"],
      ["client", "loss", "50"],
    ]);
    expect(unwind.clientLossUsd.toString()).toBe("50");
    expect(unwind.parties.find((p) => p.name === "dealer 2")!.shortUsd.toString()).toBe("0");
  });

  it("with a 40% recovery on the unsecured claim, the client loses $30 instead of $50", () => {
    const unwind = unwindChain(rehypothecationChain({ collateralUsd: "100", hops: 2, reuseRate: "0.5" }), { failedDealer: 1, recoveryRate: "0.4" });
    expect(unwind.clientLossUsd.toString()).toBe("30");
    expect(unwind.parties[0]!.recoveredUsd.toString()).toBe("70");
  });

  it("dealer 2 fails: dealer 1 is $25 short, its $10 of capital absorbs part, it fails, and the client loses $15", () => {
    const unwind = unwindChain(rehypothecationChain({ collateralUsd: "100", hops: 2, reuseRate: "0.5" }), { failedDealer: 2, dealerCapitalUsd: "10" });
    expect(unwind.failedDealers).toEqual(["dealer 1", "dealer 2"]);
    expect(unwind.parties[1]!.shortUsd.toString()).toBe("25");
    expect(unwind.parties[1]!.absorbedUsd.toString()).toBe("10");
    expect(unwind.clientLossUsd.toString()).toBe("15");
    expect(unwind.totalLossUsd.toString()).toBe("25");
  });

  it("enough dealer capital stops the loss: with $30 dealer 1 absorbs all $25 and the client is whole", () => {
    const unwind = unwindChain(rehypothecationChain({ collateralUsd: "100", hops: 2, reuseRate: "0.5" }), { failedDealer: 2, dealerCapitalUsd: "30" });
    expect(unwind.clientLossUsd.toString()).toBe("0");
    expect(unwind.failedDealers).toEqual(["dealer 2"]);
  });

  it("properties: holdings add up to the real collateral; losses are absorbed or borne by the client", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 50 }),
        fc.nat(),
        (hops, ratePct, recoveryPct, capital, pick) => {
          const chain = rehypothecationChain({ collateralUsd: "1000", hops, reuseRate: new Decimal(ratePct).div(100) });
          const held = chain.parties.reduce((s, p) => s.plus(p.heldUsd), new Decimal(0));
          expect(held.minus(1000).abs().lte("1e-25")).toBe(true);
          const unwind = unwindChain(chain, { failedDealer: 1 + (pick % (hops + 1)), recoveryRate: new Decimal(recoveryPct).div(100), dealerCapitalUsd: capital });
          const absorbed = unwind.parties.reduce((s, p) => s.plus(p.absorbedUsd), new Decimal(0));
          expect(absorbed.plus(unwind.clientLossUsd).eq(unwind.totalLossUsd)).toBe(true);
          expect(unwind.clientLossUsd.gte(0) && unwind.clientLossUsd.lte(1000)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses bad parameters with a sentence", () => {
    expect(() => rehypothecationChain({ collateralUsd: "100", hops: 2, reuseRate: "1.5" })).toThrow(/reuseRate must be between 0 and 1, got 1.5/);
    expect(() => rehypothecationChain({ collateralUsd: "-1", hops: 2, reuseRate: "0.5" })).toThrow(/collateralUsd must be greater than 0/);
    expect(() => rehypothecationChain({ collateralUsd: "abc", hops: 2, reuseRate: "0.5" })).toThrow(/collateralUsd must be a number/);
    expect(() => rehypothecationChain({ collateralUsd: "1", hops: 2.5, reuseRate: "0.5" })).toThrow(/hops must be a whole number/);
    expect(() => rehypothecationChain({ collateralUsd: "1", hops: 2, reuseRate: Number.NaN })).toThrow(/finite/);
    expect(() => rehypothecationChain({ collateralUsd: "1", hops: 2, reuseRate: "0.5", haircut: "0.5" })).toThrow(/either reuseRate or haircut/);
    expect(() => rehypothecationChain({ collateralUsd: "1", hops: 2, reuseRate: ["0.5"] })).toThrow(/lists 1 values but there are 2/);
    const chain = rehypothecationChain({ collateralUsd: "1", hops: 2, reuseRate: "0.5" });
    expect(() => unwindChain(chain, { failedDealer: 0 })).toThrow(/failedDealer must be a dealer of the chain, from 1 to 3/);
    expect(() => unwindChain(chain, { failedDealer: 1, recoveryRate: "2" })).toThrow(/recoveryRate must be between 0 and 1/);
    expect(() => unwindChain(chain, { failedDealer: 1, dealerCapitalUsd: "-3" })).toThrow(/must not be negative/);
  });
});
