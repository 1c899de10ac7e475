import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { diamondDybvig, diamondDybvigWaitingPayoff, simulateRun } from "./run";
import { Decimal } from "./money";

describe("run", () => {
  it("Diamond–Dybvig with R = 1.5, r₁ = 1.1, 25% impatient: patient depositors get 1.45; the bank fails at 1/1.1 ≈ 90.9% withdrawing", () => {
    const dd = diamondDybvig({ returnOnIlliquid: "1.5", promisedEarly: "1.1", impatientFraction: "0.25" });
    expect(dd.patientPayoffIfCalm.toString()).toBe("1.45");
    expect(dd.failureShare.toFixed(4)).toBe("0.9091");
    expect(dd.runIsAnEquilibrium).toBe(true);
    expect(diamondDybvigWaitingPayoff({ withdrawingShare: "0.95" }).toString()).toBe("0");
  });

  it("the default shock: in period 1 confidence falls to 0.8, 231 of 1,000 depositors ask for $23.1M, $20M liquid + $3.1M raised by selling $4.43M of assets at 30% off", () => {
    const run = simulateRun();
    const p1 = run.timeline[1]!;
    expect(p1.confidence).toBeCloseTo(0.8, 12);
    expect(p1.withdrawersThisPeriod).toBe(231);
    expect(p1.requestedUsd.toString()).toBe("23100000");
    expect(p1.paidUsd.toString()).toBe("23100000");
    expect(p1.liquidReservesUsd.toString()).toBe("0");
    expect(p1.fireSaleLossUsd.toFixed(2)).toBe("1328571.43");
    expect(p1.illiquidAssetsUsd.toFixed(2)).toBe("75571428.57");
    expect(run.halted).toBe(true);
    expect(run.haltPeriod).toBe(4);
    expect(run.timeline[4]!.halted).toBe(true);
    // Once halted, every remaining depositor queues.
    expect(run.timeline.at(-1)!.queuedUsd.plus(run.paidUsd).toString()).toBe("100000000");
  });

  it("no news, no run: with a zero signal nobody withdraws", () => {
    const run = simulateRun({ signal: [0, 0, 0] });
    expect(run.paidUsd.toString()).toBe("0");
    expect(run.halted).toBe(false);
    expect(run.recoveryRate.toString()).not.toBe("0");
  });

  it("a fully liquid venue pays everyone and never halts, however bad the news", () => {
    const run = simulateRun({ liquidReservesUsd: "100000000", illiquidAssetsUsd: "0", signal: [1, 1, 1] });
    expect(run.halted).toBe(false);
    expect(run.paidUsd.toString()).toBe("100000000");
  });

  it("Diamond–Dybvig flavour: 25% impatient depositors alone do not sink a venue with 30% liquid", () => {
    const calm = simulateRun({ signal: [], herdWeight: 0, impatientFraction: 0.25, liquidReservesUsd: "30000000", illiquidAssetsUsd: "70000000" });
    expect(calm.timeline[0]!.paidUsd.toString()).toBe("25000000");
    expect(calm.halted).toBe(false);
    // … but with herding, the same impatient withdrawals start a run.
    const herd = simulateRun({ signal: [], herdWeight: 2.5, impatientFraction: 0.25, liquidReservesUsd: "30000000", illiquidAssetsUsd: "70000000" });
    expect(herd.halted).toBe(true);
  });

  it("random mode: same seed, same run; another seed, another run", () => {
    const a = simulateRun({ mode: "random", seed: "x", depositorCount: 300 });
    const b = simulateRun({ mode: "random", seed: "x", depositorCount: 300 });
    const c = simulateRun({ mode: "random", seed: "y", depositorCount: 300 });
    expect(a.timeline.map((p) => p.paidUsd.toString())).toEqual(b.timeline.map((p) => p.paidUsd.toString()));
    expect(a.timeline.map((p) => p.withdrawersThisPeriod)).not.toEqual(c.timeline.map((p) => p.withdrawersThisPeriod));
  });

  it("property: no dollar appears or disappears — assets + payouts + fire-sale losses are constant; paid + queued + untouched = deposits", () => {
    fc.assert(
      fc.property(
        fc.record({
          depositorCount: fc.integer({ min: 1, max: 60 }),
          liquid: fc.integer({ min: 0, max: 100 }),
          illiquid: fc.integer({ min: 0, max: 100 }),
          discount: fc.integer({ min: 0, max: 100 }),
          signal: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
          herdWeight: fc.double({ min: 0, max: 3, noNaN: true }),
          random: fc.boolean(),
        }),
        (p) => {
          const run = simulateRun({
            depositorCount: p.depositorCount,
            depositsUsd: "1000000",
            liquidReservesUsd: p.liquid * 10_000,
            illiquidAssetsUsd: p.illiquid * 10_000,
            fireSaleDiscount: new Decimal(p.discount).div(100),
            signal: p.signal,
            herdWeight: p.herdWeight,
            periods: 8,
            mode: p.random ? "random" : "deterministic",
          });
          const initialAssets = new Decimal((p.liquid + p.illiquid) * 10_000);
          for (const point of run.timeline) {
            const accounted = point.liquidReservesUsd.plus(point.illiquidAssetsUsd).plus(point.fireSaleLossUsd);
            const paidSoFar = new Decimal(1_000_000).minus(point.depositsOutstandingUsd);
            expect(accounted.plus(paidSoFar).minus(initialAssets).abs().lte("1e-20")).toBe(true);
            expect(point.liquidReservesUsd.gte(0) && point.illiquidAssetsUsd.gte(-1e-20)).toBe(true);
          }
          const untouched = run.timeline.at(-1)!.depositsOutstandingUsd.minus(run.queuedUsd);
          expect(untouched.gte(0)).toBe(true);
          expect(run.paidUsd.plus(run.queuedUsd).plus(untouched).toString()).toBe("1000000");
          if (run.halted) expect(run.queuedUsd.gt(0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses bad parameters with a sentence", () => {
    expect(() => simulateRun({ fireSaleDiscount: "1.5" })).toThrow(/fireSaleDiscount must be between 0 and 1, got 1.5/);
    expect(() => simulateRun({ liquidReservesUsd: "-1" })).toThrow(/liquidReservesUsd must not be negative/);
    expect(() => simulateRun({ depositsUsd: "lots" })).toThrow(/depositsUsd must be a number/);
    expect(() => simulateRun({ signal: [0.5, Number.NaN] })).toThrow(/signal\[1\] must be a finite number/);
    expect(() => simulateRun({ signal: [2] })).toThrow(/signal\[0\] must be between 0 and 1, got 2/);
    expect(() => simulateRun({ depositorCount: 0 })).toThrow(/depositorCount must be a whole number/);
    expect(() => simulateRun({ periods: Number.POSITIVE_INFINITY })).toThrow(/periods must be a whole number/);
    expect(() => simulateRun({ thresholdMin: 0.9, thresholdMax: 0.1 })).toThrow(/thresholdMax must be at least thresholdMin/);
    expect(() => simulateRun({ mode: "chaotic" as never })).toThrow(/mode must be/);
    expect(() => diamondDybvig({ promisedEarly: "0.9" })).toThrow(/promisedEarly must be at least 1/);
  });
});
