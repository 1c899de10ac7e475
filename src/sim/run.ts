/**
 * run — a withdrawal run on a venue that keeps only part of its deposits liquid.
 *
 * Models: depositors with balances and a confidence threshold each. Every
 * period a public signal (bad news, a price drop, a halt elsewhere; 0 = none,
 * 1 = the worst) and the share of deposits already asked back set a common
 * confidence level:
 *   confidence = 1 − signalWeight·signal − herdWeight·(share already withdrawn).
 * A depositor withdraws its whole balance when confidence (plus, in random
 * mode, its own noise) falls below its threshold; an optional share of
 * impatient depositors withdraws in the first period whatever happens
 * (Diamond–Dybvig's early consumers). Withdrawals are paid from liquid
 * reserves, then by selling illiquid assets at a fire-sale discount; when
 * even that cannot pay a withdrawal in full, the venue halts and that
 * request and every later one queue. The run feeds itself: each withdrawal
 * raises the withdrawn share, which lowers everyone's confidence.
 *
 * Simplifications: one currency (dollars); all-or-nothing withdrawals; the
 * fire-sale discount is constant (no price impact growing with size);
 * the most nervous depositors (highest threshold) reach the door first in
 * deterministic mode, a random order in random mode; no deposit insurance,
 * no lender of last resort; illiquid assets held to the end are valued at
 * book, sold early at book × (1 − discount).
 *
 * Sources: D. Diamond, P. Dybvig, "Bank Runs, Deposit Insurance, and
 * Liquidity", Journal of Political Economy 91(3), 1983.
 */
import { Decimal, ONE, ZERO, toDecimal, type DecimalInput } from "./money";
import { Random } from "./random";

/**
 * Defaults for {@link simulateRun}.
 *
 * @example
 * RUN_DEFAULTS.periods //=> 12
 */
export const RUN_DEFAULTS = {
  depositorCount: 1000,
  depositsUsd: "100000000",
  liquidReservesUsd: "20000000",
  illiquidAssetsUsd: "80000000",
  /** Share of book value lost when illiquid assets are sold early. */
  fireSaleDiscount: "0.3",
  /** Thresholds are spread evenly (deterministic) or uniformly (random) over this range. */
  thresholdMin: 0.3,
  thresholdMax: 0.95,
  signalWeight: 0.4,
  herdWeight: 1,
  /** Signal per period; periods beyond the list have signal 0. */
  signal: [0, 0.5, 0.2, 0.1] as readonly number[],
  periods: 12,
  impatientFraction: 0,
  mode: "deterministic" as "deterministic" | "random",
  /** Standard deviation of each depositor's private noise on confidence (random mode). */
  noise: 0.05,
  seed: "run",
  maxDepositors: 1_000_000,
  maxPeriods: 10_000,
} as const;

/** One depositor, when given explicitly. */
export interface Depositor {
  id: string;
  balanceUsd: DecimalInput;
  /** Withdraws when confidence < threshold (0–1). */
  threshold: number;
}

/** Options for {@link simulateRun}; every field has a default. */
export interface RunOptions {
  depositors?: readonly Depositor[];
  depositorCount?: number;
  depositsUsd?: DecimalInput;
  liquidReservesUsd?: DecimalInput;
  illiquidAssetsUsd?: DecimalInput;
  fireSaleDiscount?: DecimalInput;
  thresholdMin?: number;
  thresholdMax?: number;
  signalWeight?: number;
  herdWeight?: number;
  signal?: readonly number[];
  periods?: number;
  impatientFraction?: number;
  mode?: "deterministic" | "random";
  noise?: number;
  seed?: string;
}

/** One period of the run. */
export interface RunPoint {
  readonly period: number;
  readonly signal: number;
  /** The common confidence level this period (0–1). */
  readonly confidence: number;
  /** Share of the initial deposits asked back so far (paid or queued). */
  readonly withdrawnShare: number;
  readonly withdrawersThisPeriod: number;
  readonly requestedUsd: Decimal;
  readonly paidUsd: Decimal;
  readonly liquidReservesUsd: Decimal;
  /** Illiquid assets left, at book value. */
  readonly illiquidAssetsUsd: Decimal;
  /** Cumulative value lost to fire sales (book sold − proceeds). */
  readonly fireSaleLossUsd: Decimal;
  /** What the venue still owes depositors (including queued requests). */
  readonly depositsOutstandingUsd: Decimal;
  readonly queuedUsd: Decimal;
  readonly halted: boolean;
}

/** The outcome of a run. */
export interface RunResult {
  readonly timeline: readonly RunPoint[];
  readonly halted: boolean;
  readonly haltPeriod: number | null;
  readonly paidUsd: Decimal;
  readonly queuedUsd: Decimal;
  readonly fireSaleLossUsd: Decimal;
  /** If the venue is wound up now: what's left (liquid + illiquid at fire-sale value) ÷ what's still owed; 1 if nothing is owed. */
  readonly recoveryRate: Decimal;
}

interface DepositorState {
  id: string;
  balance: Decimal;
  threshold: number;
  out: boolean;
}

function finite(value: number, name: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${String(value)}.`);
  if (value < min || value > max) throw new RangeError(`${name} must be between ${min} and ${max}, got ${value}.`);
  return value;
}

function nonNegativeUsd(value: DecimalInput, name: string): Decimal {
  const x = toDecimal(value, name);
  if (x.isNegative()) throw new RangeError(`${name} must not be negative, got ${x.toString()}.`);
  return x;
}

function buildDepositors(options: RunOptions, rng: Random | null): DepositorState[] {
  if (options.depositors !== undefined) {
    if (!Array.isArray(options.depositors)) throw new RangeError("depositors must be an array of { id, balanceUsd, threshold }.");
    if (options.depositors.length > RUN_DEFAULTS.maxDepositors) throw new RangeError(`At most ${RUN_DEFAULTS.maxDepositors} depositors, got ${options.depositors.length}.`);
    return options.depositors.map((d, i) => ({
      id: typeof d.id === "string" && d.id !== "" ? d.id : `depositor ${i + 1}`,
      balance: nonNegativeUsd(d.balanceUsd, `the balance of depositor ${i + 1}`),
      threshold: finite(d.threshold, `the threshold of depositor ${i + 1}`, 0, 1),
      out: false,
    }));
  }
  const count = options.depositorCount ?? RUN_DEFAULTS.depositorCount;
  if (!Number.isSafeInteger(count) || count < 1 || count > RUN_DEFAULTS.maxDepositors) {
    throw new RangeError(`depositorCount must be a whole number from 1 to ${RUN_DEFAULTS.maxDepositors}, got ${String(count)}.`);
  }
  const total = nonNegativeUsd(options.depositsUsd ?? RUN_DEFAULTS.depositsUsd, "depositsUsd");
  const low = finite(options.thresholdMin ?? RUN_DEFAULTS.thresholdMin, "thresholdMin", 0, 1);
  const high = finite(options.thresholdMax ?? RUN_DEFAULTS.thresholdMax, "thresholdMax", 0, 1);
  if (high < low) throw new RangeError(`thresholdMax must be at least thresholdMin, got ${low} and ${high}.`);
  // Equal balances in cents; the last depositor takes the remainder so the total is exact.
  const each = total.div(count).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const last = total.minus(each.times(count - 1));
  const depositors: DepositorState[] = [];
  for (let i = 0; i < count; i++) {
    const threshold = rng ? rng.uniform() * (high - low) + low : low + ((high - low) * (i + 0.5)) / count;
    depositors.push({ id: `depositor ${i + 1}`, balance: i === count - 1 ? last : each, threshold, out: false });
  }
  return depositors;
}

/**
 * Simulates a withdrawal run period by period.
 *
 * @example
 * const run = simulateRun(); // the defaults: $100M of deposits, $20M liquid, a bad-news shock in period 1
 * run.halted //=> true
 * run.timeline[0].paidUsd.toString() //=> "0"
 */
export function simulateRun(options: RunOptions = {}): RunResult {
  if (options === null || typeof options !== "object") throw new RangeError("simulateRun needs an options object (or nothing).");
  const mode = options.mode ?? RUN_DEFAULTS.mode;
  if (mode !== "deterministic" && mode !== "random") throw new RangeError(`mode must be "deterministic" or "random", got ${String(mode)}.`);
  const seed = options.seed ?? RUN_DEFAULTS.seed;
  const rng = mode === "random" ? new Random(seed) : null;
  const depositors = buildDepositors(options, rng);
  let liquid = nonNegativeUsd(options.liquidReservesUsd ?? RUN_DEFAULTS.liquidReservesUsd, "liquidReservesUsd");
  let illiquid = nonNegativeUsd(options.illiquidAssetsUsd ?? RUN_DEFAULTS.illiquidAssetsUsd, "illiquidAssetsUsd");
  const discount = toDecimal(options.fireSaleDiscount ?? RUN_DEFAULTS.fireSaleDiscount, "fireSaleDiscount");
  if (discount.lt(0) || discount.gt(1)) throw new RangeError(`fireSaleDiscount must be between 0 and 1, got ${discount.toString()}.`);
  const signalWeight = finite(options.signalWeight ?? RUN_DEFAULTS.signalWeight, "signalWeight", 0, 10);
  const herdWeight = finite(options.herdWeight ?? RUN_DEFAULTS.herdWeight, "herdWeight", 0, 10);
  const impatient = finite(options.impatientFraction ?? RUN_DEFAULTS.impatientFraction, "impatientFraction", 0, 1);
  const noise = finite(options.noise ?? RUN_DEFAULTS.noise, "noise", 0, 1);
  const periods = options.periods ?? RUN_DEFAULTS.periods;
  if (!Number.isSafeInteger(periods) || periods < 1 || periods > RUN_DEFAULTS.maxPeriods) {
    throw new RangeError(`periods must be a whole number from 1 to ${RUN_DEFAULTS.maxPeriods}, got ${String(periods)}.`);
  }
  const signal = options.signal ?? RUN_DEFAULTS.signal;
  if (!Array.isArray(signal)) throw new RangeError("signal must be a list of numbers between 0 and 1, one per period.");
  signal.forEach((s, i) => finite(s, `signal[${i}]`, 0, 1));

  let initialDeposits = ZERO;
  for (const d of depositors) initialDeposits = initialDeposits.plus(d.balance);
  const initialNumber = initialDeposits.toNumber();
  // Impatient depositors (the first share by index; in random mode a random share) leave in period 0.
  const impatientCount = Math.round(impatient * depositors.length);
  const impatientSet = new Set<number>(rng ? rng.shuffle(depositors.map((_, i) => i)).slice(0, impatientCount) : depositors.map((_, i) => i).slice(0, impatientCount));

  let halted = false;
  let haltPeriod: number | null = null;
  let paidTotal = ZERO;
  let queuedTotal = ZERO;
  let fireSaleLoss = ZERO;
  let askedNumber = 0; // share of deposits asked back, as a float for the confidence formula only
  const timeline: RunPoint[] = [];
  const keepShare = ONE.minus(discount);

  for (let period = 0; period < periods; period++) {
    const s = signal[period] ?? 0;
    const withdrawnShare = initialNumber > 0 ? askedNumber / initialNumber : 0;
    const confidence = Math.min(1, Math.max(0, 1 - signalWeight * s - herdWeight * withdrawnShare));
    // Who heads for the door this period.
    const leaving: number[] = [];
    for (let i = 0; i < depositors.length; i++) {
      const d = depositors[i]!;
      if (d.out) continue;
      const own = rng ? confidence + rng.normal(0, noise) : confidence;
      if (halted || own < d.threshold || (period === 0 && impatientSet.has(i))) leaving.push(i);
    }
    const order = rng ? rng.shuffle(leaving) : leaving.sort((a, b) => depositors[b]!.threshold - depositors[a]!.threshold || a - b);
    let requested = ZERO;
    let paid = ZERO;
    for (const i of order) {
      const d = depositors[i]!;
      d.out = true;
      requested = requested.plus(d.balance);
      askedNumber += d.balance.toNumber();
      if (!halted) {
        if (liquid.gte(d.balance)) {
          liquid = liquid.minus(d.balance);
          paid = paid.plus(d.balance);
          continue;
        }
        // Sell illiquid assets for the rest, if they can raise it.
        const needed = d.balance.minus(liquid);
        const bookToSell = keepShare.isZero() ? null : needed.div(keepShare);
        if (bookToSell !== null && bookToSell.lte(illiquid)) {
          illiquid = illiquid.minus(bookToSell);
          fireSaleLoss = fireSaleLoss.plus(bookToSell.minus(needed));
          liquid = ZERO;
          paid = paid.plus(d.balance);
          continue;
        }
        halted = true;
        haltPeriod = period;
      }
      queuedTotal = queuedTotal.plus(d.balance);
    }
    paidTotal = paidTotal.plus(paid);
    timeline.push(
      Object.freeze({
        period,
        signal: s,
        confidence,
        withdrawnShare: initialNumber > 0 ? askedNumber / initialNumber : 0,
        withdrawersThisPeriod: order.length,
        requestedUsd: requested,
        paidUsd: paid,
        liquidReservesUsd: liquid,
        illiquidAssetsUsd: illiquid,
        fireSaleLossUsd: fireSaleLoss,
        depositsOutstandingUsd: initialDeposits.minus(paidTotal),
        queuedUsd: queuedTotal,
        halted,
      }),
    );
  }
  const owed = initialDeposits.minus(paidTotal);
  const left = liquid.plus(illiquid.times(keepShare));
  return Object.freeze({
    timeline: Object.freeze(timeline),
    halted,
    haltPeriod,
    paidUsd: paidTotal,
    queuedUsd: queuedTotal,
    fireSaleLossUsd: fireSaleLoss,
    recoveryRate: owed.isZero() ? ONE : Decimal.min(ONE, left.div(owed)),
  });
}

/** Options for {@link diamondDybvig}. */
export interface DiamondDybvigOptions {
  /** R: what one unit of the long asset pays at the end (default 1.5). */
  returnOnIlliquid?: DecimalInput;
  /** r₁: what the bank promises per unit to anyone withdrawing early (default 1.1). */
  promisedEarly?: DecimalInput;
  /** t: share of depositors who must consume early (default 0.25). */
  impatientFraction?: DecimalInput;
}

/**
 * The Diamond–Dybvig bank: what a patient depositor gets by waiting when only
 * the impatient withdraw, and the withdrawing share at which the bank fails
 * (its assets, worth 1 per unit if liquidated early, no longer cover r₁ each).
 *
 * @example
 * const dd = diamondDybvig(); // R = 1.5, r₁ = 1.1, t = 25%
 * dd.patientPayoffIfCalm.toString() //=> "1.45"
 * dd.failureShare.toFixed(3) //=> "0.909"
 */
export function diamondDybvig(options: DiamondDybvigOptions = {}): {
  patientPayoffIfCalm: Decimal;
  failureShare: Decimal;
  runIsAnEquilibrium: boolean;
} {
  const R = toDecimal(options.returnOnIlliquid ?? "1.5", "returnOnIlliquid");
  const r1 = toDecimal(options.promisedEarly ?? "1.1", "promisedEarly");
  const t = toDecimal(options.impatientFraction ?? "0.25", "impatientFraction");
  if (R.lte(0)) throw new RangeError(`returnOnIlliquid must be greater than 0, got ${R.toString()}.`);
  if (r1.lt(1)) throw new RangeError(`promisedEarly must be at least 1 (the early liquidation value), got ${r1.toString()}.`);
  if (t.lt(0) || t.gte(1)) throw new RangeError(`impatientFraction must be at least 0 and below 1, got ${t.toString()}.`);
  return {
    patientPayoffIfCalm: diamondDybvigWaitingPayoff({ returnOnIlliquid: R, promisedEarly: r1, withdrawingShare: t }),
    failureShare: ONE.div(r1),
    // If everyone else runs, waiting pays 0 < r₁·(chance of being served): running is self-fulfilling whenever r₁ > 1.
    runIsAnEquilibrium: r1.gt(1),
  };
}

/**
 * What a patient depositor gets by waiting when a share f withdraws early:
 * (1 − f·r₁)·R / (1 − f), or 0 once f·r₁ ≥ 1 (the bank has failed).
 *
 * @example
 * diamondDybvigWaitingPayoff({ withdrawingShare: "0.5" }).toString() //=> "1.35"
 */
export function diamondDybvigWaitingPayoff(options: { returnOnIlliquid?: DecimalInput; promisedEarly?: DecimalInput; withdrawingShare: DecimalInput }): Decimal {
  const R = toDecimal(options.returnOnIlliquid ?? "1.5", "returnOnIlliquid");
  const r1 = toDecimal(options.promisedEarly ?? "1.1", "promisedEarly");
  const f = toDecimal(options.withdrawingShare, "withdrawingShare");
  if (R.lte(0)) throw new RangeError(`returnOnIlliquid must be greater than 0, got ${R.toString()}.`);
  if (r1.lte(0)) throw new RangeError(`promisedEarly must be greater than 0, got ${r1.toString()}.`);
  if (f.lt(0) || f.gt(1)) throw new RangeError(`withdrawingShare must be between 0 and 1, got ${f.toString()}.`);
  const left = ONE.minus(f.times(r1));
  if (left.lte(0) || f.eq(1)) return ZERO;
  return left.times(R).div(ONE.minus(f));
}
