/**
 * Contagion benchmark: Eisenberg–Noe clearing on a dense network of 1 000
 * institutions (999 000 bilateral debts), by the refined solver (float LU +
 * Decimal residuals, exact BigInt dot products), and exact Decimal Gaussian
 * elimination at the sizes where it is feasible. Also the default widget
 * calls: the venue network with fire sales, and the settlement curve.
 */
import { Random } from "../src/sim/random";
import { Decimal } from "../src/sim/money";
import { buildVenueNetwork, clearingPayments, simulateContagion } from "../src/sim/contagion";
import { settlementCurve } from "../src/sim/settlement";
import { medianMs, report } from "./util";

/** A dense network: every pair owes each other up to $10B in $100 steps, external assets = `buffer` × obligations. */
function denseNetwork(n: number, buffer: number, seed: string): { L: Decimal[][]; e: Decimal[] } {
  const rng = new Random(seed);
  const L = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? new Decimal(0) : new Decimal(rng.int(1, 100_000_000)).times(100))),
  );
  const e = L.map((row) => row.reduce((a, b) => a.plus(b), new Decimal(0)).times(buffer * rng.uniform(0.5, 1.5)).toDecimalPlaces(2));
  return { L, e };
}

function describe(r: ReturnType<typeof clearingPayments>): string {
  return `${r.defaulted.filter(Boolean).length} defaulters, ${r.rounds} rounds, ${r.method}`;
}

export async function run(): Promise<void> {
  for (const [label, buffer, cost] of [
    ["external assets ≈ 1 % of obligations", 0.01, 1],
    ["0.2 %, default costs α = β = 0.9", 0.002, 0.9],
  ] as const) {
    const { L, e } = denseNetwork(1000, buffer, `bench-${buffer}`);
    let result = clearingPayments(L, e, { defaultCostAssets: cost, defaultCostInterbank: cost });
    const ms = medianMs(() => {
      result = clearingPayments(L, e, { defaultCostAssets: cost, defaultCostInterbank: cost });
    }, 3);
    report(`clearingPayments n=1000 dense, ${label}`, `${ms.toFixed(0)} ms  (${describe(result)})`);
  }

  // Exact Decimal elimination costs ~k³/3 Decimal operations; measure where feasible, extrapolate the rest.
  let last = { n: 0, ms: 0 };
  for (const n of [50, 100, 150]) {
    const { L, e } = denseNetwork(n, 0.002, `bench-exact-${n}`);
    let exact = clearingPayments(L, e, { method: "exact" });
    const exactMs = medianMs(() => {
      exact = clearingPayments(L, e, { method: "exact" });
    }, n <= 100 ? 3 : 1);
    let refined = clearingPayments(L, e, { method: "refined" });
    const refinedMs = medianMs(() => {
      refined = clearingPayments(L, e, { method: "refined" });
    }, 3);
    const gap = exact.payments.reduce((m, p, i) => Decimal.max(m, p.minus(refined.payments[i]!).abs()), new Decimal(0));
    report(`n=${n} dense, exact Decimal elimination`, `${exactMs.toFixed(0)} ms  (${describe(exact)})`);
    report(`n=${n} dense, refined`, `${refinedMs.toFixed(0)} ms  (max |exact − refined| = ${gap.toExponential(1)} USD)`);
    last = { n, ms: exactMs };
  }
  report("n=1000 dense, exact Decimal elimination (extrapolated k³)", `≈ ${((last.ms * (1000 / last.n) ** 3) / 60_000).toFixed(0)} min`);

  const { network, options } = buildVenueNetwork();
  report("simulateContagion, default venue network (12 nodes, fire sales)", `${medianMs(() => simulateContagion(network, options), 20).toFixed(2)} ms`);
  const market = { openInterestUsd: "1e9", volatilityPerYear: 0.8, costPerSettlementUsd: 5, intervalMinutes: 60 };
  report("settlementCurve, 60 intervals + optimum", `${medianMs(() => settlementCurve(market), 20).toFixed(2)} ms`);
}
