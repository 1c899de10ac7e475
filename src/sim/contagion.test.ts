import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "./money";
import {
  buildVenueNetwork,
  clearingGap,
  clearingPayments,
  simulateContagion,
  type ContagionNetwork,
  type InstitutionKind,
} from "./contagion";

const strings = (xs: Decimal[]) => xs.map((x) => x.toString());
const TOL = new Decimal("1e-18");

/** A random network: n institutions, integer debts (many zero), integer external assets. */
const networkArb = fc
  .integer({ min: 1, max: 7 })
  .chain((n) =>
    fc.record({
      L: fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })), { minLength: n, maxLength: n }), {
        minLength: n,
        maxLength: n,
      }),
      e: fc.array(fc.integer({ min: 0, max: 120 }), { minLength: n, maxLength: n }),
    }),
  )
  .map(({ L, e }) => ({ L: L.map((row, i) => row.map((v, j) => (i === j ? 0 : v))), e }));

const costArb = fc.integer({ min: 0, max: 20 }).map((k) => k / 20);

function inflows(L: number[][], p: Decimal[], owed: Decimal[]): Decimal[] {
  return L.map((_, i) =>
    L.reduce((acc, row, j) => (row[i] === 0 ? acc : acc.plus(new Decimal(row[i]!).times(p[j]!).div(owed[j]!))), new Decimal(0)),
  );
}

describe("clearingPayments: hand-checked examples", () => {
  it("propagates a default down a chain over two rounds", () => {
    // A owes B 10 and holds 4: A falls in round 1 and pays 4.
    // B owes C 10 and holds 5: with 4 from A it has 9, so it falls in round 2.
    const r = clearingPayments([[0, 10, 0], [0, 0, 10], [0, 0, 0]], [4, 5, 0]);
    expect(strings(r.payments)).toEqual(["4", "9", "0"]);
    expect(r.defaulted).toEqual([true, true, false]);
    expect(r.defaultRound).toEqual([1, 2, null]);
    expect(r.roundDefaults).toEqual([[0], [1]]);
    expect(r.rounds).toBe(2);
    expect(strings(r.roundShortfallUsd)).toEqual(["6", "7"]);
    expect(r.totalShortfallUsd.toString()).toBe("7");
    expect(r.method).toBe("exact");
  });

  it("solves a ring of defaulters jointly (A ⇄ B, both owing the outside C)", () => {
    // A owes B 10 and C 10, holds 5; B owes A 10, holds 2.
    // Round 1: A has 5 + 10 < 20. Round 2: B has 2 + 7.5 < 10.
    // Then p_A = 5 + p_B, p_B = 2 + p_A/2  ⇒  p_A = 14, p_B = 9.
    const r = clearingPayments([[0, 10, 10], [10, 0, 0], [0, 0, 0]], [5, 2, 0]);
    expect(strings(r.payments)).toEqual(["14", "9", "0"]);
    expect(r.defaultRound).toEqual([1, 2, null]);
    expect(strings(r.receivedUsd)).toEqual(["9", "7", "7"]);
    expect(strings(r.equityUsd)).toEqual(["0", "0", "7"]);
  });

  it("applies Rogers–Veraart default costs: α = β = ½ on the same ring", () => {
    // Round 1: p_A = ½·5 + ½·10 = 7.5. Round 2: B has 2 + 3.75 < 10.
    // Then p_A = 2.5 + ½·p_B, p_B = 1 + ½·(p_A/2)  ⇒  p_A = 24/7, p_B = 13/7.
    const r = clearingPayments([[0, 10, 10], [10, 0, 0], [0, 0, 0]], [5, 2, 0], {
      defaultCostAssets: 0.5,
      defaultCostInterbank: 0.5,
    });
    expect(r.payments[0]!.minus(new Decimal(24).div(7)).abs().lt("1e-30")).toBe(true);
    expect(r.payments[1]!.minus(new Decimal(13).div(7)).abs().lt("1e-30")).toBe(true);
    // Destroyed: A loses ½ of 5 and ½ of 13/7; B loses ½ of 2 and ½ of 12/7.
    const expected = new Decimal(2.5).plus(new Decimal(13).div(14)).plus(1).plus(new Decimal(6).div(7));
    expect(r.deadweightLossUsd.minus(expected).abs().lt("1e-30")).toBe(true);
  });

  it("returns the obligations when everyone can pay", () => {
    const r = clearingPayments([[0, 5], [3, 0]], ["2", "0"]);
    expect(strings(r.payments)).toEqual(["5", "3"]);
    expect(r.rounds).toBe(0);
    expect(r.defaultRound).toEqual([null, null]);
    expect(strings(r.equityUsd)).toEqual(["0", "2"]);
  });

  it("handles an empty network and institutions that owe nothing", () => {
    expect(clearingPayments([], []).payments).toEqual([]);
    const r = clearingPayments([[0, 0], [0, 0]], [0, 0]);
    expect(r.defaulted).toEqual([false, false]);
  });

  it("accepts Decimals, strings and numbers alike", () => {
    const a = clearingPayments([[0, new Decimal("10.5")], ["0", 0]], ["4.25", 0]);
    expect(strings(a.payments)).toEqual(["4.25", "0"]);
  });

  it("clearingGap measures distance from a clearing vector", () => {
    expect(clearingGap([[0, 10], [0, 0]], [4, 0], [4, 0]).toString()).toBe("0");
    expect(clearingGap([[0, 10], [0, 0]], [4, 0], [10, 0]).toString()).toBe("6");
  });
});

describe("clearingPayments: properties", () => {
  it("pays between 0 and what is owed, within limited liability, at a fixed point", () => {
    fc.assert(
      fc.property(networkArb, costArb, costArb, ({ L, e }, alpha, beta) => {
        const options = { defaultCostAssets: alpha, defaultCostInterbank: beta };
        const r = clearingPayments(L, e, options);
        const received = inflows(L, r.payments, r.obligations);
        r.payments.forEach((p, i) => {
          expect(p.gte(0)).toBe(true);
          expect(p.lte(r.obligations[i]!)).toBe(true);
          expect(p.lte(received[i]!.plus(e[i]!).plus(TOL))).toBe(true);
          expect(r.defaulted[i]).toBe(p.lt(r.obligations[i]!));
        });
        expect(clearingGap(L, e, r.payments, options).lte(TOL)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order institutions are listed in", () => {
    const withPermutation = networkArb.chain((net) =>
      fc.tuple(fc.constant(net), fc.shuffledSubarray([...net.e.keys()], { minLength: net.e.length, maxLength: net.e.length }), costArb),
    );
    fc.assert(
      fc.property(withPermutation, ([{ L, e }, perm, cost]) => {
        const options = { defaultCostAssets: cost, defaultCostInterbank: cost };
        const base = clearingPayments(L, e, options);
        // Institution perm[k] of the original is listed k-th.
        const Lp = perm.map((i) => perm.map((j) => L[i]![j]!));
        const ep = perm.map((i) => e[i]!);
        const permuted = clearingPayments(Lp, ep, options);
        perm.forEach((i, k) => {
          expect(permuted.payments[k]!.minus(base.payments[i]!).abs().lte(TOL)).toBe(true);
          expect(permuted.defaultRound[k]).toBe(base.defaultRound[i]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("default costs only lower payments", () => {
    fc.assert(
      fc.property(networkArb, costArb, costArb, ({ L, e }, alpha, beta) => {
        const free = clearingPayments(L, e);
        const costly = clearingPayments(L, e, { defaultCostAssets: alpha, defaultCostInterbank: beta });
        costly.payments.forEach((p, i) => expect(p.lte(free.payments[i]!.plus(TOL))).toBe(true));
        costly.defaulted.forEach((d, i) => expect(d || !free.defaulted[i]).toBe(true));
      }),
      { numRuns: 200 },
    );
  });

  it("the refined (float + Decimal residual) solver agrees with exact elimination", () => {
    fc.assert(
      fc.property(networkArb, costArb, ({ L, e }, cost) => {
        const options = { defaultCostAssets: cost, defaultCostInterbank: 1 };
        const exact = clearingPayments(L, e, { ...options, method: "exact" });
        const refined = clearingPayments(L, e, { ...options, method: "refined" });
        refined.payments.forEach((p, i) => expect(p.minus(exact.payments[i]!).abs().lte(TOL)).toBe(true));
        expect(refined.defaultRound).toEqual(exact.defaultRound);
      }),
      { numRuns: 200 },
    );
  });
});

describe("clearingPayments: bad input", () => {
  it.each([
    [() => clearingPayments([[0, 1], [1]], [0, 0]), /square table: row 1 has 1 entries but there are 2 institutions/],
    [() => clearingPayments([[0, -1], [0, 0]], [0, 0]), /liabilities\[0\]\[1\] is negative/],
    [() => clearingPayments([[0, Number.NaN], [0, 0]], [0, 0]), /liabilities\[0\]\[1\] must be a finite number/],
    [() => clearingPayments([[5, 0], [0, 0]], [0, 0]), /cannot owe itself/],
    [() => clearingPayments([[0, 1], [0, 0]], [1]), /externalAssets has 1 entries/],
    [() => clearingPayments([[0, 1], [0, 0]], [1, -2]), /externalAssets\[1\] is negative/],
    [() => clearingPayments([[0, 1], [0, 0]], [1, 0], { defaultCostAssets: 1.5 }), /defaultCostAssets must be a fraction between 0 and 1/],
    [() => clearingPayments([[0, 1], [0, 0]], [1, 0], { defaultCostInterbank: -0.1 }), /defaultCostInterbank/],
    [() => clearingPayments([[0, 1], [0, 0]], [1, 0], { method: "fast" as never }), /method must be/],
    [() => clearingPayments("x" as never, []), /must be a square table/],
  ])("throws a RangeError naming the problem (%#)", (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

/** A random network with cash and holdings of the shared asset. */
const fireSaleNetworkArb = networkArb.chain(({ L, e }) =>
  fc.array(fc.integer({ min: 0, max: 100 }), { minLength: e.length, maxLength: e.length }).map((riskyShares): ContagionNetwork => ({
    liabilitiesUsd: L.map((row) => row.map((v) => new Decimal(v))),
    institutions: e.map((assets, i) => {
      const risky = new Decimal(assets).times(riskyShares[i]!).div(100);
      return { name: `I${i}`, kind: "fund" as InstitutionKind, cashUsd: new Decimal(assets).minus(risky), riskyAssetUsd: risky };
    }),
  })),
);

describe("simulateContagion: fire sales", () => {
  it("more impact ⇒ weakly more defaults (and each falls no later)", () => {
    const impact = fc.integer({ min: 0, max: 40 }).map((k) => k / 10);
    fc.assert(
      fc.property(fireSaleNetworkArb, impact, impact, costArb, (network, a, b, cost) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const opts = { defaultCostAssets: cost, defaultCostInterbank: cost };
        const mild = simulateContagion(network, { ...opts, fireSaleImpact: lo });
        const harsh = simulateContagion(network, { ...opts, fireSaleImpact: hi });
        mild.clearing.defaulted.forEach((d, i) => expect(!d || harsh.clearing.defaulted[i]).toBe(true));
        expect(harsh.finalAssetPrice.lte(mild.finalAssetPrice)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("with no fire sale it equals plain clearing on cash + holdings", () => {
    fc.assert(
      fc.property(fireSaleNetworkArb, (network) => {
        const sim = simulateContagion(network);
        const plain = clearingPayments(
          network.liabilitiesUsd,
          network.institutions.map((x) => x.cashUsd.plus(x.riskyAssetUsd)),
        );
        expect(strings(sim.clearing.payments)).toEqual(strings(plain.payments));
        expect(sim.finalAssetPrice.toString()).toBe("1");
      }),
      { numRuns: 100 },
    );
  });

  it("a fire sale can topple an institution with no exposure to the defaulter", () => {
    // X owes the sink 10 and holds 8: it defaults and dumps 100 of the asset.
    // Y owes the sink 90 and holds 100 of the same asset, no claim on X.
    const network: ContagionNetwork = {
      liabilitiesUsd: [[0, 0, 10], [0, 0, 90], [0, 0, 0]].map((r) => r.map((v) => new Decimal(v))),
      institutions: [
        { name: "X", kind: "fund", cashUsd: new Decimal(0), riskyAssetUsd: new Decimal(8) },
        { name: "Y", kind: "fund", cashUsd: new Decimal(0), riskyAssetUsd: new Decimal(100) },
        { name: "Sink", kind: "creditors", cashUsd: new Decimal(0), riskyAssetUsd: new Decimal(0) },
      ],
    };
    expect(simulateContagion(network, { fireSaleImpact: 0 }).clearing.defaulted).toEqual([true, false, false]);
    const hit = simulateContagion(network, { fireSaleImpact: 2 });
    // Price after X sells 8 of 108: exp(−2·8/108) ≈ 0.8623 ⇒ Y holds 86.2 < 90.
    expect(hit.rounds.map((r) => r.newDefaultNames)).toEqual([["X"], ["Y"]]);
    expect(hit.rounds[0]!.assetPrice.toFixed(4)).toBe("0.8623");
  });

  it("refuses a negative impact", () => {
    const { network } = buildVenueNetwork();
    expect(() => simulateContagion(network, { fireSaleImpact: -1 })).toThrow(/fireSaleImpact must be zero or more/);
  });
});

describe("buildVenueNetwork", () => {
  it("builds the exchange, ten institutions and the retail customers", () => {
    const { network, options } = buildVenueNetwork();
    expect(network.institutions.map((x) => x.kind)).toEqual([
      "exchange", "market-maker", "market-maker", "market-maker", "fund", "fund", "fund", "lender", "lender", "lender", "fund", "creditors",
    ]);
    expect(options).toEqual({ defaultCostAssets: 0.9, defaultCostInterbank: 0.9, fireSaleImpact: 0.4 });
  });

  it("tells the default story: the exchange falls first, then a cascade", () => {
    const { network, options } = buildVenueNetwork();
    const r = simulateContagion(network, options);
    expect(r.rounds.map((x) => x.newDefaultNames)).toEqual([
      ["Exchange"], ["Cobalt Trading", "Fjord Digital"], ["Elm Macro"], ["Dune Capital"], ["Aster Markets"], ["Harbor Credit"],
    ]);
    // Each round's price is lower and unpaid debt higher than the last.
    for (let k = 1; k < r.rounds.length; k++) {
      expect(r.rounds[k]!.assetPrice.lt(r.rounds[k - 1]!.assetPrice)).toBe(true);
      expect(r.rounds[k]!.unpaidUsd.gt(r.rounds[k - 1]!.unpaidUsd)).toBe(true);
    }
  });

  it("with little exposure and no fire sale only the exchange falls", () => {
    const { network, options } = buildVenueNetwork({ exposureToVenue: 0.1, fireSaleImpact: 0 });
    expect(simulateContagion(network, options).rounds.map((x) => x.newDefaultNames)).toEqual([["Exchange"]]);
  });

  it("more exposure ⇒ weakly more defaults", () => {
    let previous = -1;
    for (let k = 0; k <= 10; k++) {
      const { network, options } = buildVenueNetwork({ exposureToVenue: k / 10 });
      const count = simulateContagion(network, options).clearing.defaulted.filter(Boolean).length;
      expect(count).toBeGreaterThanOrEqual(previous);
      previous = count;
    }
  });

  it("money is conserved: what is paid is what is received", () => {
    const { network, options } = buildVenueNetwork();
    const r = simulateContagion(network, options);
    const paid = r.clearing.payments.reduce((a, b) => a.plus(b), new Decimal(0));
    const received = r.clearing.receivedUsd.reduce((a, b) => a.plus(b), new Decimal(0));
    expect(paid.minus(received).abs().lt("1e-15")).toBe(true);
  });

  it.each([
    [{ exposureToVenue: 2 }, /exposureToVenue must be a fraction between 0 and 1/],
    [{ recovery: -0.5 }, /recovery must be a fraction/],
    [{ venueShortfallUsd: "-1" }, /venueShortfallUsd must be zero or more/],
    [{ venueShortfallUsd: "1e12" }, /exceeds everything customers hold/],
    [{ fireSaleImpact: Number.NaN }, /fireSaleImpact must be a finite number/],
  ])("refuses %j", (params, message) => {
    expect(() => buildVenueNetwork(params)).toThrow(RangeError);
    expect(() => buildVenueNetwork(params)).toThrow(message);
  });
});

describe("documented examples", () => {
  it("hold as written in the TSDoc", async () => {
    const { contagionDefaults, venueNetworkDefaults } = await import("./contagion");
    const r = clearingPayments([[0, 10, 0], [0, 0, 10], [0, 0, 0]], [4, 5, 0]);
    expect(r.payments.map(String)).toEqual(["4", "9", "0"]);
    expect(r.defaultRound).toEqual([1, 2, null]);
    const { network, options } = buildVenueNetwork();
    const result = simulateContagion(network, options);
    expect(result.rounds.map((x) => x.newDefaultNames.length)).toEqual([1, 2, 1, 1, 1, 1]);
    expect(result.rounds[1]!.newDefaultNames).toEqual(["Cobalt Trading", "Fjord Digital"]);
    const small = buildVenueNetwork({ exposureToVenue: 0.2 });
    expect(small.network.institutions.length).toBe(12);
    expect(small.options.fireSaleImpact).toBe(0.4);
    expect(contagionDefaults.defaultCostAssets).toBe(1);
    expect(venueNetworkDefaults.exposureToVenue).toBe(0.35);
  });
});

describe("simulateContagion: bad networks", () => {
  const { network } = buildVenueNetwork();
  it.each([
    [{ ...network, institutions: network.institutions.slice(1) }, /liabilitiesUsd has 12 rows but the network has 11 institutions/],
    [{ ...network, institutions: network.institutions.map((x, i) => (i === 2 ? { ...x, name: " " } : x)) }, /institution 2 needs a name/],
    [{ ...network, institutions: network.institutions.map((x, i) => (i === 3 ? { ...x, kind: "bank" as never } : x)) }, /institution 3 \(Cobalt Trading\) has kind "bank"/],
    [{ ...network, institutions: network.institutions.map((x, i) => (i === 4 ? { ...x, cashUsd: new Decimal(-1) } : x)) }, /cashUsd\[4\] is negative/],
    [null as never, /network must have a list of institutions/],
  ])("refuses a malformed network (%#)", (bad, message) => {
    expect(() => simulateContagion(bad)).toThrow(RangeError);
    expect(() => simulateContagion(bad)).toThrow(message);
  });
  it("accepts negative zero as zero", () => {
    expect(clearingPayments([[0, "-0"], [0, 0]], ["-0", 0]).payments.map(String)).toEqual(["0", "0"]);
  });
});

describe("simulateContagion: fixed point", () => {
  it("ends at a clearing vector for the final, fire-sold prices", () => {
    fc.assert(
      fc.property(fireSaleNetworkArb, fc.integer({ min: 0, max: 30 }), costArb, (network, impactTenths, cost) => {
        const options = { defaultCostAssets: cost, defaultCostInterbank: cost };
        const r = simulateContagion(network, { ...options, fireSaleImpact: impactTenths / 10 });
        const external = network.institutions.map((x) => x.cashUsd.plus(x.riskyAssetUsd.times(r.finalAssetPrice)));
        expect(clearingGap(network.liabilitiesUsd, external, r.clearing.payments, options).lte(TOL)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("clearingPayments: an ill-conditioned ring", () => {
  it("agrees with the closed form to ~1e-20 relative, by both solvers", () => {
    // A ⇄ B owe each other $1T and each owes the sink C $1; only B holds anything ($0.50).
    // Both default; x_B = ½·(N+1)²/(2N+1), x_A = N/(N+1)·x_B with N = 10¹² (cond ≈ 10¹²).
    const N = new Decimal("1e12");
    const xB = new Decimal("0.5").times(N.plus(1).pow(2)).div(N.times(2).plus(1));
    const xA = N.div(N.plus(1)).times(xB);
    for (const method of ["exact", "refined"] as const) {
      const r = clearingPayments([[0, N, 1], [N, 0, 1], [0, 0, 0]], [0, "0.5", 0], { method });
      expect(r.payments[0]!.minus(xA).abs().div(xA).lt("1e-20")).toBe(true);
      expect(r.payments[1]!.minus(xB).abs().div(xB).lt("1e-20")).toBe(true);
      expect(r.defaultRound).toEqual([1, 1, null]);
    }
  });
});
