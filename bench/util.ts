/** Small timing helpers shared by the benchmarks: medians, not means; memory as heap delta. */
import { performance } from "node:perf_hooks";

/** Runs `fn` `repeats` times and returns the median wall time in milliseconds. */
export function medianMs(fn: () => unknown, repeats = 5): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Async variant of {@link medianMs}. */
export async function medianMsAsync(fn: () => Promise<unknown>, repeats = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Heap in use after a forced GC when available (run node with --expose-gc for exact figures). */
export function heapUsedMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Prints one aligned result line. */
export function report(label: string, value: string): void {
  console.log(`${label.padEnd(58)} ${value}`);
}
