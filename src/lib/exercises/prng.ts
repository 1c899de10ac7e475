/**
 * prng — the frozen generator that draws every student's numbers.
 *
 * A student's variant must be the same on every machine, in every browser,
 * today and after any dependency update. So the project owns its generator
 * instead of borrowing one: xoshiro128** (Blackman & Vigna, 2018; reference
 * code at prng.di.unimi.it/xoshiro128starstar.c): 128 bits of state, period
 * 2^128 − 1, passes BigCrush, and a few lines of uint32 arithmetic
 * (`Math.imul`, `>>>`, `^`, `|`) that every JavaScript engine computes
 * identically. Nothing in drawing touches a float: ranges use
 * rejection sampling on exact integers (all intermediates are integers below
 * 2^53, or BigInt), and decimals are integer steps on a grid, built with
 * Decimal.
 *
 * The algorithm and the mapping from seed bytes to state are VERSION 1
 * ({@link GENERATOR_VERSION}); `prng.test.ts` pins the outputs for fixed seeds.
 * Changing any line here changes students' numbers: don't. A new generator is
 * a new version beside this one, never an edit of it.
 */
import { Decimal } from "../../sim/money";

/**
 * The version of the generator and of every method's use of it. Frozen at 1;
 * the test vectors in `prng.test.ts` belong to it.
 */
export const GENERATOR_VERSION = 1;

/** Bytes a seed must have: one SHA-256 digest. */
export const SEED_BYTES = 32;

const TWO_POW_32 = 0x1_0000_0000;
const TWO_POW_32_BIG = BigInt(TWO_POW_32);
/** Largest number of grid points `decimal` accepts (a limit, so a typo can't ask for 10^30 steps). */
const MAX_GRID_POINTS = new Decimal("1e15");

function readUint32LE(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function toDecimalArg(value: string | number, name: string): Decimal {
  const text = typeof value === "number" ? String(value) : value.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    throw new RangeError(`decimal(): ${name} must be a finite number, not "${String(value)}".`);
  }
  return new Decimal(text);
}

/**
 * The variant generator: xoshiro128** seeded from a 32-byte seed (normally
 * {@link variantSeed}'s SHA-256 digest). State = the digest's first sixteen
 * bytes XOR its last sixteen, read as four little-endian uint32 words, so all
 * 256 bits count. (An all-zero state, probability 2^-128, is replaced by a
 * fixed constant, because xoshiro would then emit only zeros.)
 *
 * Methods that take a range throw a `RangeError` on a programmer's mistake
 * (min > max, empty list, step ≤ 0); exercise tests catch those at authoring
 * time.
 *
 * The examples below each start from a fresh generator on
 * `variantSeed("book", "theory-liquidation-price", "ada")` (see prng.test.ts).
 *
 * @example
 * const rng = new VariantRng(variantSeed("book", "theory-liquidation-price", "ada"));
 * rng.int(2, 50)                        //=> 48 (the same 48 everywhere, forever)
 * rng.decimal("0.005", "0.05", "0.005") //=> "0.03" (the second draw)
 */
export class VariantRng {
  /** The generator version these draws follow ({@link GENERATOR_VERSION}). */
  readonly version = GENERATOR_VERSION;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * @param seed - exactly 32 bytes
   * @throws RangeError when the seed is not 32 bytes
   */
  constructor(seed: Uint8Array) {
    if (!(seed instanceof Uint8Array) || seed.length !== SEED_BYTES) {
      throw new RangeError(`VariantRng needs a ${SEED_BYTES}-byte seed (a SHA-256 digest), got ${seed instanceof Uint8Array ? `${seed.length} bytes` : typeof seed}.`);
    }
    this.s0 = (readUint32LE(seed, 0) ^ readUint32LE(seed, 16)) >>> 0;
    this.s1 = (readUint32LE(seed, 4) ^ readUint32LE(seed, 20)) >>> 0;
    this.s2 = (readUint32LE(seed, 8) ^ readUint32LE(seed, 24)) >>> 0;
    this.s3 = (readUint32LE(seed, 12) ^ readUint32LE(seed, 28)) >>> 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) {
      this.s0 = 0x9e3779b9; // the golden-ratio constant; any non-zero state works
    }
  }

  /**
   * The next raw output, an integer in [0, 2^32 − 1]. Every other method is
   * built on this one.
   *
   * @example
   * rng.nextUint32() //=> 308086321
   */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * A uniformly drawn integer in [min, max], both inclusive, without bias:
   * draws that fall in the incomplete last block of 2^32 are rejected and
   * redrawn. Spans above 2^32 combine several draws (exactly, in BigInt).
   *
   * @param min - a safe integer
   * @param max - a safe integer ≥ min
   * @throws RangeError when min or max is not a safe integer, or min > max
   * @example
   * rng.int(1, 6) //=> 2
   */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
      throw new RangeError(`int(): min and max must be safe integers, got ${String(min)} and ${String(max)}.`);
    }
    if (min > max) throw new RangeError(`int(): min (${min}) is greater than max (${max}).`);
    const span = max - min + 1; // may be inexact above 2^53, but then it is far above 2^32 and the BigInt path recomputes it
    if (span <= TWO_POW_32) {
      // Integers < 2^53 are exact in IEEE 754, so % and < here are exact integer operations.
      const limit = TWO_POW_32 - (TWO_POW_32 % span);
      let draw = this.nextUint32();
      while (draw >= limit) draw = this.nextUint32();
      return min + (draw % span);
    }
    return Number(BigInt(min) + this.bigBelow(BigInt(max) - BigInt(min) + 1n));
  }

  /** A uniform BigInt in [0, span) for 2^32 < span < 2^54, by rejection over two draws (64 bits). */
  private bigBelow(span: bigint): bigint {
    const space = TWO_POW_32_BIG * TWO_POW_32_BIG;
    const limit = space - (space % span);
    for (;;) {
      const draw = (BigInt(this.nextUint32()) << 32n) | BigInt(this.nextUint32());
      if (draw < limit) return draw % span;
    }
  }

  /**
   * A fair coin: true or false with equal chance (the top bit of one draw).
   *
   * @example
   * rng.bool() //=> false
   */
  bool(): boolean {
    return this.nextUint32() >>> 31 === 1;
  }

  /**
   * One item of a non-empty list, each equally likely.
   *
   * @throws RangeError when the list is empty
   * @example
   * rng.pick(["FTX", "Mt. Gox", "QuadrigaCX"]) //=> "Mt. Gox"
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick(): the list is empty.");
    return items[this.int(0, items.length - 1)]!;
  }

  /**
   * A shuffled copy of the list (Fisher–Yates, from the last position down;
   * every order equally likely). The input is not modified.
   *
   * @example
   * rng.shuffle(["a", "b", "c", "d"]) //=> ["d", "c", "a", "b"]
   */
  shuffle<T>(items: readonly T[]): T[] {
    const result = items.slice();
    for (let i = result.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const held = result[i]!;
      result[i] = result[j]!;
      result[j] = held;
    }
    return result;
  }

  /**
   * A decimal on the grid min + k·step (k = 0, 1, …) within [min, max], each
   * grid point equally likely, as an exact decimal string in canonical form
   * (no exponent, no trailing zeros: "0.025", "1250", "-0.5"). Computed as an
   * integer k and Decimal arithmetic, never with floats.
   *
   * Pass strings ("0.005"); numbers are read through their shortest decimal
   * text (0.1 → "0.1"), which JavaScript defines exactly.
   *
   * @throws RangeError when an argument is not a finite number, step ≤ 0,
   *   min > max, max is not on the grid, or the grid has more than 10^15 points
   * @example
   * rng.decimal("0.5", "2", "0.25") //=> "1.5"
   */
  decimal(min: string | number, max: string | number, step: string | number): string {
    const low = toDecimalArg(min, "min");
    const high = toDecimalArg(max, "max");
    const stride = toDecimalArg(step, "step");
    if (stride.lte(0)) throw new RangeError(`decimal(): step must be positive, got ${stride.toString()}.`);
    if (low.gt(high)) throw new RangeError(`decimal(): min (${low.toString()}) is greater than max (${high.toString()}).`);
    const steps = high.minus(low).div(stride);
    if (!steps.isInteger()) {
      throw new RangeError(`decimal(): max (${high.toString()}) is not on the grid ${low.toString()} + k·${stride.toString()}.`);
    }
    if (steps.gte(MAX_GRID_POINTS)) throw new RangeError("decimal(): the grid has more than 10^15 points; use a coarser step.");
    const k = this.int(0, steps.toNumber());
    const value = low.plus(stride.times(k));
    return value.isZero() ? "0" : value.toFixed(); // never "-0"
  }
}
