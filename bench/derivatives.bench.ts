/**
 * Derivatives-side benchmarks: the O(N log N) cascade sweep at 10k, 100k and
 * 1M positions (time, peak heap, growth per decade), the round-by-round
 * Decimal engine at 10k for comparison, and the DEX comparison at widget size.
 * Run with `npm run bench -- derivatives`.
 */
import { compareCexDex, generatePopulation, simulateCascade, simulateLiquidationEngine, positionsFromPopulation, sweepCascade } from "../src/sim/index";
import { heapUsedMb, medianMs, report } from "./util";

function peakHeapMb(run: (sample: () => void) => void): number {
  const base = heapUsedMb();
  let peak = base;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed / 2 ** 20);
  };
  run(sample);
  sample();
  return peak - base;
}

export async function run(): Promise<void> {
  const sizes = [10_000, 100_000, 1_000_000];
  const times: number[] = [];
  // Warm the JIT so the first size is not charged for compilation.
  const warm = generatePopulation({ count: 100_000, seed: "warm" });
  for (let i = 0; i < 8; i++) {
    sweepCascade({ population: warm });
    sweepCascade({ population: warm, afterFund: "socialize" });
  }
  for (const count of sizes) {
    const population = generatePopulation({ count, seed: "bench" });
    const generateMs = medianMs(() => generatePopulation({ count, seed: "bench" }), count >= 1_000_000 ? 1 : 3);
    const sweepMs = medianMs(() => sweepCascade({ population }), count >= 1_000_000 ? 5 : 9);
    const socializeMs = medianMs(() => sweepCascade({ population, afterFund: "socialize" }), count >= 1_000_000 ? 5 : 9);
    const peak = peakHeapMb((sample) => sweepCascade({ population }, { onProgress: sample }));
    const result = sweepCascade({ population });
    times.push(sweepMs);
    report(`sweep ${count.toLocaleString("en")} positions (ADL)`, `${sweepMs.toFixed(1)} ms · peak heap +${peak.toFixed(1)} MB`);
    report(`  same, socialized loss (no ADL ranking)`, `${socializeMs.toFixed(1)} ms`);
    report(`  generate the population (not in the sweep time)`, `${generateMs.toFixed(1)} ms`);
    report(`  outcome`, `move ${result.priceMove.times(100).toFixed(1)} % · ${result.totalLiquidatedCount.toLocaleString("en")} liquidated · ${result.trace.length - 1} rounds · ${result.adlEvents.length.toLocaleString("en")} ADL events`);
  }
  for (let k = 1; k < sizes.length; k++) {
    const n0 = sizes[k - 1]!, n1 = sizes[k]!;
    const nLogN = (n1 * Math.log(n1)) / (n0 * Math.log(n0));
    report(`growth ${n0.toLocaleString("en")} → ${n1.toLocaleString("en")}`, `×${(times[k]! / times[k - 1]!).toFixed(2)} (N log N predicts ×${nLogN.toFixed(2)})`);
  }

  const population = generatePopulation({ count: 10_000, seed: "bench" });
  const roundsMs = medianMs(() => simulateCascade({ population }), 1);
  report("round-by-round Decimal engine, 10 000 positions", `${roundsMs.toFixed(0)} ms (sweep ×${(roundsMs / times[0]!).toFixed(0)} faster)`);

  const small = generatePopulation({ count: 1_000, seed: "bench" });
  report("compareCexDex, 1 000 positions (widget size)", `${medianMs(() => compareCexDex({ population: small }), 3).toFixed(0)} ms`);
  const positions = positionsFromPopulation(small);
  const path = Array.from({ length: 30 }, (_, t) => String(67_000 - t * 700));
  report("liquidation engine, 1 000 positions × 30 ticks", `${medianMs(() => simulateLiquidationEngine({ positions, pricePathUsd: path, throughputPerTick: 20 }), 3).toFixed(0)} ms`);
}
