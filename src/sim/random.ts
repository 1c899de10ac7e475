/**
 * random — the one source of chance in the library.
 *
 * Models: a seeded pseudo-random generator (xoshiro128**, Blackman & Vigna,
 * 2018) and the draws the book needs: uniform, normal (Marsaglia's polar
 * method), Student-t (Bailey's polar method, 1994) for fat tails, and price
 * paths — geometric Brownian motion and a fat-tailed variant whose shocks are
 * Student-t scaled to unit variance.
 *
 * Why this generator: it uses only 32-bit integer operations (`Math.imul`,
 * shifts, `>>> 0`), so the stream of uint32s is bit-identical in every
 * JavaScript engine. The seed string is hashed with SHA-256 (UTF-8 bytes) into
 * the 128-bit state. Uniform floats are built from two uint32s by exact
 * power-of-two arithmetic, so they are bit-identical too. Normal and Student-t
 * draws need a logarithm and a power, and price paths an exponential: engines
 * disagree in the last bit of `Math.log`/`Math.exp`/`Math.pow` (Node 24 and
 * Chromium 156 do — a browser test caught it), so these come from
 * `portableMath` (fdlibm ports built from correctly rounded + − × ÷), and
 * `Math.sqrt`, which IEEE 754 rounds correctly everywhere. Each step's growth
 * factor exp(log-return) is a float converted once to Decimal; prices are
 * compounded in Decimal.
 *
 * Simplifications: price paths have constant drift and volatility; time is
 * measured in years (`stepYears`); no jumps beyond what the Student-t tail gives.
 *
 * Sources: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number
 * generators" (2018, xoshiro128**); G. Marsaglia, T. Bray (1964, polar method);
 * R. W. Bailey, "Polar generation of random variates with the t-distribution",
 * Mathematics of Computation 62 (1994).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { Decimal, toDecimal, type DecimalInput } from "./money";
import { exp, log, pow } from "./portableMath";

/**
 * Defaults for {@link gbmPath} and {@link fatTailPath}.
 *
 * @example
 * PRICE_PATH_DEFAULTS.volatilityPerYear //=> 0.8
 */
export const PRICE_PATH_DEFAULTS = {
  /** Annual drift μ of the log price (0 = no trend). */
  driftPerYear: 0,
  /** Annual volatility σ (0.8 ≈ bitcoin's historical order of magnitude). */
  volatilityPerYear: 0.8,
  /** One day, in years. */
  stepYears: 1 / 365,
  /** Degrees of freedom of the Student-t shocks in {@link fatTailPath}. */
  degreesOfFreedom: 3,
} as const;

const MAX_PATH_STEPS = 1_000_000;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function seedBytes(seed: string | number): Uint8Array {
  if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a string or a whole number, got ${String(seed)}.`);
    seed = String(seed);
  }
  if (typeof seed !== "string") throw new RangeError(`seed must be a string or a whole number, got ${typeof seed}.`);
  return utf8Encode(seed);
}

/**
 * UTF-8 bytes of a string (what `TextEncoder` gives, without needing the DOM
 * library types; lone surrogates become U+FFFD as in the standard).
 *
 * @example
 * Array.from(utf8Encode("₿")) //=> [226, 130, 191]
 */
export function utf8Encode(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else code = 0xfffd;
    } else if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return Uint8Array.from(bytes);
}

function checkProbability(value: number, name: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${String(value)}.`);
}

/**
 * A seeded generator (xoshiro128**). Same seed, same sequence, on every machine.
 *
 * @example
 * const rng = new Random("book");
 * rng.nextUint32() //=> 3770308790
 * new Random("book").uniform() === new Random("book").uniform() //=> true
 */
export class Random {
  /** The seed this generator was created from. */
  readonly seed: string;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** A second normal from the polar method, kept for the next call. */
  private spareNormal: number | null = null;

  /**
   * A generator started from an explicit 128-bit state (four uint32s, not all
   * zero): for reference vectors and for resuming a saved stream.
   *
   * @example
   * Random.fromState([1, 2, 3, 4]).nextUint32() //=> 11520
   */
  static fromState(state: readonly [number, number, number, number]): Random {
    if (!Array.isArray(state) || state.length !== 4 || !state.every((w) => Number.isInteger(w) && w >= 0 && w < TWO_POW_32)) {
      throw new RangeError("state must be four whole numbers from 0 to 4294967295.");
    }
    if (state.every((w) => w === 0)) throw new RangeError("state must not be all zeros: the generator would only ever return 0.");
    const rng = new Random("state");
    [rng.s0, rng.s1, rng.s2, rng.s3] = [state[0] | 0, state[1] | 0, state[2] | 0, state[3] | 0];
    return rng;
  }

  /** The current 128-bit state as four uint32s (to save and resume a stream). */
  state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  constructor(seed: string | number = "cef") {
    const bytes = sha256(seedBytes(seed));
    this.seed = String(seed);
    // Big-endian words read byte by byte, so the result does not depend on the
    // platform's endianness.
    const word = (i: number) => ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
    this.s0 = word(0);
    this.s1 = word(4);
    this.s2 = word(8);
    this.s3 = word(12);
    // The all-zero state is the one state xoshiro cannot leave.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32-bit unsigned integer of the stream. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * A uniform float in [min, max) with 53 random bits.
   *
   * @example
   * const u = new Random("x").uniform(); u >= 0 && u < 1 //=> true
   */
  uniform(min = 0, max = 1): number {
    checkProbability(min, "min");
    checkProbability(max, "max");
    if (!(max > min)) throw new RangeError(`max must be greater than min, got min ${min} and max ${max}.`);
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    const unit = (high * 67108864 + low) / TWO_POW_53;
    return min + (max - min) * unit;
  }

  /**
   * A uniform integer in [min, max] (both included), without modulo bias.
   *
   * @example
   * const die = new Random("dice").int(1, 6); die >= 1 && die <= 6 //=> true
   */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
      throw new RangeError(`int() needs whole-number bounds, got ${String(min)} and ${String(max)}.`);
    }
    if (max < min) throw new RangeError(`max must be at least min, got min ${min} and max ${max}.`);
    const span = max - min + 1;
    if (span > TWO_POW_32) throw new RangeError(`int() supports ranges of at most 2^32 values, got ${span}.`);
    // Rejection sampling: discard the top sliver that would make some values likelier.
    const limit = TWO_POW_32 - (TWO_POW_32 % span);
    let draw = this.nextUint32();
    while (draw >= limit) draw = this.nextUint32();
    return min + (draw % span);
  }

  /**
   * A normal draw (Marsaglia's polar method).
   *
   * @example
   * typeof new Random("n").normal(0, 1) //=> "number"
   */
  normal(mean = 0, standardDeviation = 1): number {
    checkProbability(mean, "mean");
    checkProbability(standardDeviation, "standardDeviation");
    if (standardDeviation < 0) throw new RangeError(`standardDeviation must not be negative, got ${standardDeviation}.`);
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return mean + standardDeviation * spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.uniform() * 2 - 1;
      v = this.uniform() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * log(s)) / s);
    this.spareNormal = v * factor;
    return mean + standardDeviation * u * factor;
  }

  /**
   * A Student-t draw with `degreesOfFreedom` > 0 (Bailey's polar method).
   * Low degrees of freedom give fat tails; as they grow the draw tends to a normal.
   *
   * @example
   * typeof new Random("t").studentT(3) //=> "number"
   */
  studentT(degreesOfFreedom: number): number {
    checkProbability(degreesOfFreedom, "degreesOfFreedom");
    if (degreesOfFreedom <= 0) throw new RangeError(`degreesOfFreedom must be greater than 0, got ${degreesOfFreedom}.`);
    let u: number;
    let v: number;
    let w: number;
    do {
      u = this.uniform() * 2 - 1;
      v = this.uniform() * 2 - 1;
      w = u * u + v * v;
    } while (w > 1 || w === 0);
    return u * Math.sqrt((degreesOfFreedom * (pow(w, -2 / degreesOfFreedom) - 1)) / w);
  }

  /**
   * True with probability `probability`.
   *
   * @example
   * new Random("coin").chance(0) //=> false
   */
  chance(probability: number): boolean {
    checkProbability(probability, "probability");
    if (probability < 0 || probability > 1) throw new RangeError(`probability must be between 0 and 1, got ${probability}.`);
    return this.uniform() < probability;
  }

  /**
   * Shuffles a copy of `items` (Fisher–Yates).
   *
   * @example
   * new Random("s").shuffle([1, 2, 3]).length //=> 3
   */
  shuffle<T>(items: readonly T[]): T[] {
    if (!Array.isArray(items)) throw new RangeError("shuffle() needs a list of items.");
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const held = copy[i]!;
      copy[i] = copy[j]!;
      copy[j] = held;
    }
    return copy;
  }
}

/**
 * The first `count` uint32s of the stream for `seed`: a fingerprint to compare
 * engines (Node vs Chromium) and to freeze the generator against change.
 *
 * @example
 * fingerprint("book", 2) //=> [3770308790, 3218202550]
 */
export function fingerprint(seed: string | number, count = 8): number[] {
  if (!Number.isSafeInteger(count) || count < 0 || count > 100_000) {
    throw new RangeError(`count must be a whole number from 0 to 100000, got ${String(count)}.`);
  }
  const rng = new Random(seed);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(rng.nextUint32());
  return out;
}

/**
 * Frozen test vectors: the first eight uint32s for a few seeds. Any change to
 * the generator that alters them changes every student's numbers, so the test
 * suite (and the browser test) check them.
 *
 * @example
 * RANDOM_TEST_VECTORS[0].uint32[0] === fingerprint("book", 1)[0] //=> true
 */
export const RANDOM_TEST_VECTORS: readonly { seed: string; uint32: readonly number[] }[] = Object.freeze([
  { seed: "book", uint32: Object.freeze([3770308790, 3218202550, 3649590683, 3569160094, 1830329258, 661934790, 1208494926, 1305854833]) },
  { seed: "", uint32: Object.freeze([678938222, 2573984980, 1426159999, 3740767363, 2824166149, 2350744977, 2332016773, 3349029313]) },
  { seed: "cef", uint32: Object.freeze([247595519, 3167563019, 3207246222, 3424648182, 3368026250, 1739307797, 1743849857, 2523346565]) },
  { seed: "student-42", uint32: Object.freeze([2922279991, 4093490591, 3447137651, 3357675569, 1422336724, 1078769542, 1014054106, 206062244]) },
  { seed: "\u00fcn\u00efc\u00f6d\u00e9 \u20bf", uint32: Object.freeze([245747802, 861859771, 900836457, 3260932188, 1672279790, 1044752802, 3582602934, 2540274073]) },
]);

/** Options for a price path. Prices are Decimal; the draws behind them are floats. */
export interface PricePathOptions {
  /** Price at step 0, in dollars. */
  startPrice: DecimalInput;
  /** Number of steps after the start (the path has `steps + 1` prices). */
  steps: number;
  /** Annual drift μ of the log price; default 0. */
  driftPerYear?: number;
  /** Annual volatility σ; default 0.8. */
  volatilityPerYear?: number;
  /** Length of one step in years; default one day. */
  stepYears?: number;
  /** Seed string, or a generator to draw from (which advances). */
  seed?: string | number | Random;
}

/** Options for {@link fatTailPath}: a price path with Student-t shocks. */
export interface FatTailPathOptions extends PricePathOptions {
  /** Degrees of freedom ν > 2 of the shocks (lower = fatter tails); default 3. */
  degreesOfFreedom?: number;
}

function resolvePathOptions(options: PricePathOptions) {
  if (options === null || typeof options !== "object") throw new RangeError("price path options must be an object.");
  const startPrice = toDecimal(options.startPrice, "startPrice");
  if (startPrice.lte(0)) throw new RangeError(`startPrice must be greater than 0, got ${startPrice.toString()}.`);
  const steps = options.steps;
  if (!Number.isSafeInteger(steps) || steps < 0 || steps > MAX_PATH_STEPS) {
    throw new RangeError(`steps must be a whole number from 0 to ${MAX_PATH_STEPS}, got ${String(steps)}.`);
  }
  const driftPerYear = options.driftPerYear ?? PRICE_PATH_DEFAULTS.driftPerYear;
  const volatilityPerYear = options.volatilityPerYear ?? PRICE_PATH_DEFAULTS.volatilityPerYear;
  const stepYears = options.stepYears ?? PRICE_PATH_DEFAULTS.stepYears;
  checkProbability(driftPerYear, "driftPerYear");
  checkProbability(volatilityPerYear, "volatilityPerYear");
  checkProbability(stepYears, "stepYears");
  if (volatilityPerYear < 0) throw new RangeError(`volatilityPerYear must not be negative, got ${volatilityPerYear}.`);
  if (stepYears <= 0) throw new RangeError(`stepYears must be greater than 0, got ${stepYears}.`);
  const rng = options.seed instanceof Random ? options.seed : new Random(options.seed ?? "cef");
  return { startPrice, steps, driftPerYear, volatilityPerYear, stepYears, rng };
}

function compound(startPrice: Decimal, logReturns: number[]): Decimal[] {
  const prices: Decimal[] = [startPrice];
  let price = startPrice;
  for (const logReturn of logReturns) {
    // The growth factor is a float (a random draw) that meets money once, as
    // the Decimal of its shortest round-trip string; compounding is exact Decimal.
    price = price.times(new Decimal(exp(logReturn)));
    prices.push(price);
  }
  return prices;
}

/**
 * A geometric-Brownian price path: log-returns (μ − σ²/2)·Δt + σ·√Δt·Z with Z normal.
 *
 * @example
 * const path = gbmPath({ startPrice: "60000", steps: 3, seed: "btc" });
 * path.length //=> 4
 * path[0].toString() //=> "60000"
 */
export function gbmPath(options: PricePathOptions): Decimal[] {
  const { startPrice, steps, driftPerYear, volatilityPerYear, stepYears, rng } = resolvePathOptions(options);
  const driftPerStep = (driftPerYear - (volatilityPerYear * volatilityPerYear) / 2) * stepYears;
  const shockScale = volatilityPerYear * Math.sqrt(stepYears);
  const logReturns: number[] = [];
  for (let i = 0; i < steps; i++) logReturns.push(driftPerStep + shockScale * rng.normal());
  return compound(startPrice, logReturns);
}

/**
 * A fat-tailed price path: like {@link gbmPath} but the shocks are Student-t
 * with ν degrees of freedom, scaled by √((ν − 2)/ν) so their variance is 1 and
 * σ keeps its meaning. Crashes of many σ become plausible.
 *
 * @example
 * fatTailPath({ startPrice: "25", steps: 10, degreesOfFreedom: 3, seed: "ftt" }).length //=> 11
 */
export function fatTailPath(options: FatTailPathOptions): Decimal[] {
  const degreesOfFreedom = options?.degreesOfFreedom ?? PRICE_PATH_DEFAULTS.degreesOfFreedom;
  checkProbability(degreesOfFreedom, "degreesOfFreedom");
  if (degreesOfFreedom <= 2) {
    throw new RangeError(`degreesOfFreedom must be greater than 2 so volatility is defined, got ${degreesOfFreedom}.`);
  }
  const { startPrice, steps, driftPerYear, volatilityPerYear, stepYears, rng } = resolvePathOptions(options);
  const driftPerStep = (driftPerYear - (volatilityPerYear * volatilityPerYear) / 2) * stepYears;
  const shockScale = volatilityPerYear * Math.sqrt(stepYears) * Math.sqrt((degreesOfFreedom - 2) / degreesOfFreedom);
  const logReturns: number[] = [];
  for (let i = 0; i < steps; i++) logReturns.push(driftPerStep + shockScale * rng.studentT(degreesOfFreedom));
  return compound(startPrice, logReturns);
}
