/**
 * settlement — the hybrid horizon: match off-chain, settle on-chain every so often.
 *
 * Models: a venue matches trades off-chain (fast, cheap) and settles the net
 * gains and losses on a chain every `intervalMinutes` (every k blocks).
 * Collateral sits in an on-chain vault, so a failing venue can only take what
 * has not been settled yet: the profit the winning side has earned since the
 * last settlement. That exposure grows with the square root of the interval;
 * settling more often shrinks it but costs fees every time. This module puts
 * both on one scale — dollars per year — and finds the interval that
 * minimises their sum.
 *
 * With open interest OI (one side's notional), annual volatility σ and a
 * window of τ years, the unsettled profit at the end of a window is
 * OI·|r| with r ≈ σ·√τ·Z, Z standard normal, so
 *   expected exposure at the end    E = OI·σ·√τ·√(2/π)
 *   exposure quantile at level c     Q = OI·σ·√τ·z_{(1+c)/2}   (|Z| ≤ z_{(1+c)/2} with probability c)
 *   expected exposure when a failure strikes at a uniform time in the window
 *                                    Ē = (2/3)·E   (the mean of √t over [0, τ] is (2/3)·√τ)
 * A venue failing at rate λ per year costs λ·Ē per year in expected loss;
 * settling costs C per settlement, C/τ per year. Minimising λ·a·√τ + C/τ
 * (a = (2/3)·√(2/π)·OI·σ) gives τ* = (2C / (λ·a))^(2/3), where the marginal
 * saving of settling less often equals the marginal rise in expected loss.
 *
 * Exactness: every amount is Decimal (34 digits), and so are √τ, π and the
 * (2/3) power. The one float is the normal quantile z_c, computed by Acklam's
 * rational approximation (relative error below 1.15e-9, ample for a
 * confidence level) and then converted once to Decimal. The Monte Carlo check draws
 * floats from the seeded generator in `random.ts`; each path's return is a
 * float, converted once to Decimal before it multiplies money.
 *
 * Simplifications: the underlying follows a driftless random walk (normal
 * returns, constant σ); the approximation r ≈ σ√τ·Z holds for short windows
 * (the Monte Carlo check uses exact lognormal returns and agrees within ~1 %
 * for windows up to a day at σ = 0.8); the venue's failure is independent of
 * the market move (in reality failures cluster in crashes, so this is a lower
 * bound); a failure takes all unsettled profit and nothing else; settlement
 * cost is a flat fee per settlement, independent of how many accounts it
 * nets; a year is 365 days of 1 440 minutes (crypto trades every day).
 *
 * Sources: the square-root-of-time scaling of exposure is the standard
 * potential-future-exposure approximation (e.g. BCBS, "The standardised
 * approach for measuring counterparty credit risk exposures", 2014);
 * P. J. Acklam, "An algorithm for computing the inverse normal cumulative
 * distribution function" (2003). Chain fee levels below are assumptions.
 */
import { Decimal, D, type DecimalInput } from "./money";
import { exp, log } from "./portableMath";
import { Random } from "./random";

/**
 * Minutes in a year of 365 days (crypto markets never close).
 *
 * @example
 * MINUTES_PER_YEAR / 1440 //=> 365
 */
export const MINUTES_PER_YEAR = 525_600;
const MINUTES_PER_DAY = 1_440;

/**
 * Defaults of the settlement model; each can be overridden per call.
 *
 * @example
 * settlementDefaults.confidence //=> 0.99
 */
export const settlementDefaults = {
  /** Confidence level of the exposure quantile. */
  confidence: 0.99,
  /** λ: venue failures per year (0.05 = a one-in-twenty-years venue). assumption. */
  venueFailuresPerYear: 0.05,
  /** Intervals drawn by {@link settlementCurve} when none are given, in minutes. */
  curveFromMinutes: 0.2,
  curveToMinutes: 1_440,
  curvePoints: 60,
  /** Monte Carlo paths in {@link simulateSettlementExposure}. */
  paths: 20_000,
};

/** Where settlements are written, with what they cost. */
export interface SettlementLayer {
  name: string;
  /** Time between blocks, seconds. */
  blockTimeSeconds: number;
  /** Cost of one settlement transaction (a batch state update), USD. */
  costPerSettlementUsd: Decimal;
  /** Why these numbers; they are assumptions, not measurements. */
  note: string;
  assumption: true;
}

/**
 * Two illustrative settlement layers. assumption: fees move by orders of
 * magnitude with congestion and token prices; the figures below are round
 * numbers for the shape of the trade-off, not quotes. Block time 12 s is
 * Ethereum's slot time since the Merge (ethereum.org, "Proof-of-stake"); 2 s
 * is the block time of OP-Stack rollups (docs.optimism.io).
 *
 * @example
 * SETTLEMENT_LAYERS.rollup.costPerSettlementUsd.toString() //=> "0.05"
 */
export const SETTLEMENT_LAYERS: Record<"baseChain" | "rollup", SettlementLayer> = {
  baseChain: {
    name: "Base chain (L1)",
    blockTimeSeconds: 12,
    costPerSettlementUsd: new Decimal(5),
    note: "≈ 200 000 gas for a batch state update at 10 gwei and $2 500 per ETH ≈ $5.",
    assumption: true,
  },
  rollup: {
    name: "Rollup (L2)",
    blockTimeSeconds: 2,
    costPerSettlementUsd: new Decimal("0.05"),
    note: "About a hundredth of the base-chain cost: the rollup posts compressed data in batches.",
    assumption: true,
  },
};

/** Inputs to the exposure side. */
export interface ExposureParams {
  /** Notional of open positions on one side, USD. */
  openInterestUsd: DecimalInput;
  /** Annualised volatility of the underlying (0.8 = 80 %). */
  volatilityPerYear: DecimalInput;
  /** Time between on-chain settlements, minutes (> 0). */
  intervalMinutes: DecimalInput;
  /** Confidence of the quantile, in (0, 1); default 0.99. */
  confidence?: number;
}

/** Exposure that builds up between two settlements. */
export interface Exposure {
  intervalMinutes: Decimal;
  /** σ·√τ: standard deviation of the return over one window. */
  windowVolatility: Decimal;
  /** E[OI·|r|] at the end of a window, USD. */
  expectedExposureUsd: Decimal;
  /** Expected exposure at a failure striking uniformly within the window, USD. */
  averageExposureUsd: Decimal;
  /** The `confidence` quantile of the exposure at the end of a window, USD. */
  quantileExposureUsd: Decimal;
  confidence: number;
  /** z with P(|Z| ≤ z) = confidence (float, from Acklam's approximation), as a Decimal. */
  z: Decimal;
}

/** Inputs to the cost side. */
export interface CostParams {
  /** Cost of one on-chain settlement, USD. */
  costPerSettlementUsd: DecimalInput;
  /** Time between settlements, minutes (> 0). */
  intervalMinutes: DecimalInput;
}

/** What settling costs. */
export interface SettlementCost {
  settlementsPerDay: Decimal;
  costPerDayUsd: Decimal;
  costPerYearUsd: Decimal;
}

/** Everything for one point of the trade-off. */
export interface TradeoffParams extends ExposureParams, Omit<CostParams, "intervalMinutes"> {
  /** λ: expected venue failures per year; default 0.05. */
  venueFailuresPerYear?: DecimalInput;
}

/** One point on the exposure-vs-cost curve: both sides in USD per year. */
export interface TradeoffPoint extends Exposure, SettlementCost {
  /** λ × average exposure: expected loss to a venue failure, USD per year. */
  expectedFailureLossPerYearUsd: Decimal;
  /** Failure loss + settlement cost, USD per year: what the optimum minimises. */
  totalCostPerYearUsd: Decimal;
}

// ── validation ──────────────────────────────────────────────────────────────

function nonNegative(value: DecimalInput | undefined, name: string): Decimal {
  if (value === undefined) throw new RangeError(`${name} is required.`);
  const d = D(value, name);
  if (d.isNegative()) throw new RangeError(`${name} must be zero or more, not ${d.toString()}.`);
  return d;
}

function positive(value: DecimalInput | undefined, name: string): Decimal {
  if (value === undefined) throw new RangeError(`${name} is required.`);
  const d = D(value, name);
  if (!d.isPositive() || d.isZero()) throw new RangeError(`${name} must be more than zero, not ${d.toString()}.`);
  return d;
}

function confidenceLevel(value: number | undefined): number {
  const c = value ?? settlementDefaults.confidence;
  if (typeof c !== "number" || !Number.isFinite(c) || c <= 0 || c >= 1) {
    throw new RangeError(`confidence must be a probability strictly between 0 and 1 (e.g. 0.99), not ${String(c)}.`);
  }
  return c;
}

// ── the normal quantile (the one float) ─────────────────────────────────────

const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * z such that P(Z ≤ z) = p for a standard normal Z (float). Acklam's
 * approximation is good to 1.15e-9; that is plenty for a confidence level.
 *
 * @example
 * normalQuantile(0.975).toFixed(4) //=> "1.9600"
 * normalQuantile(0.5)              //=> 0
 */
export function normalQuantile(p: number): number {
  if (typeof p !== "number" || !Number.isFinite(p) || p <= 0 || p >= 1) {
    throw new RangeError(`p must be a probability strictly between 0 and 1, not ${String(p)}.`);
  }
  if (p === 0.5) return 0;
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * log(p));
    x = (((((ACKLAM_C[0]! * q + ACKLAM_C[1]!) * q + ACKLAM_C[2]!) * q + ACKLAM_C[3]!) * q + ACKLAM_C[4]!) * q + ACKLAM_C[5]!) /
      ((((ACKLAM_D[0]! * q + ACKLAM_D[1]!) * q + ACKLAM_D[2]!) * q + ACKLAM_D[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((ACKLAM_A[0]! * r + ACKLAM_A[1]!) * r + ACKLAM_A[2]!) * r + ACKLAM_A[3]!) * r + ACKLAM_A[4]!) * r + ACKLAM_A[5]!) * q) /
      (((((ACKLAM_B[0]! * r + ACKLAM_B[1]!) * r + ACKLAM_B[2]!) * r + ACKLAM_B[3]!) * r + ACKLAM_B[4]!) * r + 1);
  } else {
    return -normalQuantile(1 - p);
  }
  return x;
}

// ── exposure and cost ───────────────────────────────────────────────────────

const PI = new Decimal(-1).acos();
const SQRT_2_OVER_PI = new Decimal(2).div(PI).sqrt();
const TWO_THIRDS = new Decimal(2).div(3);

/**
 * Counterparty exposure that builds up between two on-chain settlements: the
 * unsettled profit a venue failure would take.
 *
 * @example
 * const x = settlementExposure({ openInterestUsd: "1e9", volatilityPerYear: 0.8, intervalMinutes: 60 });
 * formatUsd(x.expectedExposureUsd)  //=> "$6.82M"
 * formatUsd(x.quantileExposureUsd)  //=> "$22.02M"
 */
export function settlementExposure(params: ExposureParams): Exposure {
  const oi = nonNegative(params.openInterestUsd, "openInterestUsd");
  const sigma = nonNegative(params.volatilityPerYear, "volatilityPerYear");
  const minutes = positive(params.intervalMinutes, "intervalMinutes");
  const confidence = confidenceLevel(params.confidence);
  const windowVolatility = sigma.times(minutes.div(MINUTES_PER_YEAR).sqrt());
  // The exposure is OI·|r|, so its c-quantile is the (1 + c)/2 quantile of Z (both tails count).
  const z = new Decimal(normalQuantile((1 + confidence) / 2));
  const expected = oi.times(windowVolatility).times(SQRT_2_OVER_PI);
  return {
    intervalMinutes: minutes,
    windowVolatility,
    expectedExposureUsd: expected,
    averageExposureUsd: expected.times(TWO_THIRDS),
    quantileExposureUsd: oi.times(windowVolatility).times(z),
    confidence,
    z,
  };
}

/**
 * What settling every `intervalMinutes` costs, per day and per year.
 *
 * @example
 * settlementCost({ costPerSettlementUsd: 5, intervalMinutes: 10 }).costPerDayUsd.toString() //=> "720"
 */
export function settlementCost(params: CostParams): SettlementCost {
  const fee = nonNegative(params.costPerSettlementUsd, "costPerSettlementUsd");
  const minutes = positive(params.intervalMinutes, "intervalMinutes");
  const perDay = new Decimal(MINUTES_PER_DAY).div(minutes);
  return {
    settlementsPerDay: perDay,
    costPerDayUsd: fee.times(perDay),
    costPerYearUsd: fee.times(MINUTES_PER_YEAR).div(minutes),
  };
}

function failureRate(value: DecimalInput | undefined): Decimal {
  return nonNegative(value ?? settlementDefaults.venueFailuresPerYear, "venueFailuresPerYear");
}

/**
 * Both sides of the trade-off at one interval, in USD per year.
 *
 * @example
 * const p = settlementTradeoff({ openInterestUsd: "1e9", volatilityPerYear: 0.8, intervalMinutes: 60,
 *   costPerSettlementUsd: 5, venueFailuresPerYear: 0.05 });
 * formatUsd(p.expectedFailureLossPerYearUsd) //=> "$227.33k"
 * formatUsd(p.costPerYearUsd)                //=> "$43.8k"
 */
export function settlementTradeoff(params: TradeoffParams): TradeoffPoint {
  const exposure = settlementExposure(params);
  const cost = settlementCost({ costPerSettlementUsd: params.costPerSettlementUsd, intervalMinutes: params.intervalMinutes });
  const failureLoss = failureRate(params.venueFailuresPerYear).times(exposure.averageExposureUsd);
  return {
    ...exposure,
    ...cost,
    expectedFailureLossPerYearUsd: failureLoss,
    totalCostPerYearUsd: failureLoss.plus(cost.costPerYearUsd),
  };
}

/** The optimum of {@link optimalSettlementInterval}. */
export interface SettlementOptimum extends TradeoffPoint {
  /** When a block time is given: the best whole number of blocks, and its point. */
  blocks?: { count: number; blockTimeSeconds: number; point: TradeoffPoint };
}

/**
 * The settlement interval that minimises expected failure loss plus
 * settlement cost: τ* = (2C / (λ·a))^(2/3) years, a = (2/3)·√(2/π)·OI·σ.
 * Give `blockTimeSeconds` to also get the best whole number of blocks.
 * With no failure risk (λ = 0, σ = 0 or OI = 0) there is nothing to trade
 * against, and the answer is "as rarely as possible": a RangeError says so.
 *
 * @example
 * const best = optimalSettlementInterval({ openInterestUsd: "1e9", volatilityPerYear: 0.8,
 *   costPerSettlementUsd: 5, venueFailuresPerYear: 0.05, blockTimeSeconds: 12 });
 * best.intervalMinutes.toFixed(2) //=> "31.77"
 * best.blocks?.count              //=> 159
 */
export function optimalSettlementInterval(
  params: Omit<TradeoffParams, "intervalMinutes"> & { blockTimeSeconds?: number },
): SettlementOptimum {
  const oi = nonNegative(params.openInterestUsd, "openInterestUsd");
  const sigma = nonNegative(params.volatilityPerYear, "volatilityPerYear");
  const fee = nonNegative(params.costPerSettlementUsd, "costPerSettlementUsd");
  const lambda = failureRate(params.venueFailuresPerYear);
  const slope = lambda.times(TWO_THIRDS).times(SQRT_2_OVER_PI).times(oi).times(sigma);
  if (slope.isZero()) {
    throw new RangeError(
      "There is no optimum: with no open interest, no volatility or no failure risk, unsettled exposure costs nothing, so settling less often is always cheaper.",
    );
  }
  if (fee.isZero()) {
    throw new RangeError("There is no optimum: if settling is free, settling continuously is always best (costPerSettlementUsd is 0).");
  }
  const years = fee.times(2).div(slope).pow(TWO_THIRDS);
  const minutes = years.times(MINUTES_PER_YEAR);
  const point = settlementTradeoff({ ...params, intervalMinutes: minutes });
  if (params.blockTimeSeconds === undefined) return point;
  const blockSeconds = positive(params.blockTimeSeconds, "blockTimeSeconds");
  const exactBlocks = minutes.times(60).div(blockSeconds);
  let best: { count: number; point: TradeoffPoint } | null = null;
  for (const count of new Set([Math.max(1, exactBlocks.floor().toNumber()), Math.max(1, exactBlocks.ceil().toNumber())])) {
    const candidate = settlementTradeoff({ ...params, intervalMinutes: blockSeconds.times(count).div(60) });
    if (best === null || candidate.totalCostPerYearUsd.lt(best.point.totalCostPerYearUsd)) best = { count, point: candidate };
  }
  return { ...point, blocks: { count: best!.count, blockTimeSeconds: blockSeconds.toNumber(), point: best!.point } };
}

/** Result of {@link settlementCurve}. */
export interface SettlementCurve {
  /** One point per interval, shortest first. */
  points: TradeoffPoint[];
  /** The unconstrained optimum (null when there is none: no risk or free settlement). */
  optimum: TradeoffPoint | null;
  /** The point at `intervalMinutes`, when it was given: the reader's choice, to mark on the chart. */
  chosen: TradeoffPoint | null;
}

/**
 * The exposure-vs-cost curve over settlement intervals, for a chart: pass
 * `intervals` in minutes, or get `curvePoints` log-spaced intervals between
 * `curveFromMinutes` and `curveToMinutes` (default 0.2 min to a day).
 *
 * @example
 * const c = settlementCurve({ openInterestUsd: "1e9", volatilityPerYear: 0.8, costPerSettlementUsd: 5,
 *   intervalMinutes: 60 }, { intervals: [1, 10, 60] });
 * c.points.map((p) => formatUsd(p.totalCostPerYearUsd)) //=> ["$2.66M", "$355.61k", "$271.13k"]
 * c.chosen?.intervalMinutes.toString()                    //=> "60"
 */
export function settlementCurve(
  params: Omit<TradeoffParams, "intervalMinutes"> & { intervalMinutes?: DecimalInput },
  grid: { intervals?: DecimalInput[]; fromMinutes?: number; toMinutes?: number; points?: number } = {},
): SettlementCurve {
  let intervals: Decimal[];
  if (grid.intervals !== undefined) {
    if (!Array.isArray(grid.intervals) || grid.intervals.length === 0) {
      throw new RangeError("intervals must be a non-empty list of intervals in minutes.");
    }
    intervals = grid.intervals.map((v, i) => positive(v, `intervals[${i}]`)).sort((a, b) => a.cmp(b));
  } else {
    const from = positive(grid.fromMinutes ?? settlementDefaults.curveFromMinutes, "fromMinutes");
    const to = positive(grid.toMinutes ?? settlementDefaults.curveToMinutes, "toMinutes");
    const count = grid.points ?? settlementDefaults.curvePoints;
    if (!Number.isInteger(count) || count < 2 || count > 10_000) {
      throw new RangeError(`points must be a whole number from 2 to 10 000, not ${String(count)}.`);
    }
    if (!to.gt(from)) throw new RangeError(`toMinutes (${to.toString()}) must be more than fromMinutes (${from.toString()}).`);
    // Log spacing: the interesting part of a √τ vs 1/τ trade-off spans decades.
    const ratio = to.div(from);
    intervals = Array.from({ length: count }, (_, k) => from.times(ratio.pow(new Decimal(k).div(count - 1))));
  }
  const at = (minutes: DecimalInput) => settlementTradeoff({ ...params, intervalMinutes: minutes });
  const points = intervals.map(at);
  let optimum: TradeoffPoint | null = null;
  try {
    optimum = optimalSettlementInterval(params);
  } catch (error) {
    if (!(error instanceof RangeError) || !error.message.startsWith("There is no optimum")) throw error;
  }
  return { points, optimum, chosen: params.intervalMinutes === undefined ? null : at(params.intervalMinutes) };
}

/** Result of {@link simulateSettlementExposure}. */
export interface ExposureSimulation {
  paths: number;
  seed: string;
  /** Mean of OI·|S_τ/S_0 − 1| at the end of a window, USD. */
  meanExposureUsd: Decimal;
  /** Mean exposure at a failure time drawn uniformly in the window, USD. */
  meanAverageExposureUsd: Decimal;
  /** Empirical `confidence` quantile of the end-of-window exposure, USD. */
  quantileExposureUsd: Decimal;
  /** The analytic values for comparison. */
  analytic: Exposure;
}

/**
 * Monte Carlo check of {@link settlementExposure}: draws lognormal price
 * moves (driftless in price: log-return mean −σ²τ/2) over one window from the
 * seeded generator and measures the unsettled profit. The analytic formula is
 * the short-window approximation, so the two agree closely for short windows.
 *
 * @example
 * const mc = simulateSettlementExposure({ openInterestUsd: "1e9", volatilityPerYear: 0.8, intervalMinutes: 60 },
 *   { paths: 20000, seed: "settlement" });
 * mc.meanExposureUsd.div(mc.analytic.expectedExposureUsd).toFixed(2) //=> "1.00"
 */
export function simulateSettlementExposure(
  params: ExposureParams,
  options: { paths?: number; seed?: string | number } = {},
): ExposureSimulation {
  const analytic = settlementExposure(params);
  const oi = D(params.openInterestUsd, "openInterestUsd");
  const paths = options.paths ?? settlementDefaults.paths;
  if (!Number.isInteger(paths) || paths < 1 || paths > 1_000_000) {
    throw new RangeError(`paths must be a whole number from 1 to 1 000 000, not ${String(paths)}.`);
  }
  const rng = new Random(options.seed ?? "settlement");
  const sigmaWindow = analytic.windowVolatility.toNumber();
  const ends: number[] = new Array(paths);
  let endTotal = 0;
  let uniformTotal = 0;
  for (let k = 0; k < paths; k++) {
    const z = rng.normal();
    const end = Math.abs(exp(sigmaWindow * z - (sigmaWindow * sigmaWindow) / 2) - 1);
    // Failure at t = u·τ: the move so far has volatility σ√(uτ).
    const s = sigmaWindow * Math.sqrt(rng.uniform());
    const atFailure = Math.abs(exp(s * rng.normal() - (s * s) / 2) - 1);
    ends[k] = end;
    endTotal += end;
    uniformTotal += atFailure;
  }
  ends.sort((a, b) => a - b);
  const quantileIndex = Math.min(paths - 1, Math.ceil(analytic.confidence * paths) - 1);
  return {
    paths,
    seed: rng.seed,
    meanExposureUsd: oi.times(new Decimal(endTotal / paths)),
    meanAverageExposureUsd: oi.times(new Decimal(uniformTotal / paths)),
    quantileExposureUsd: oi.times(new Decimal(ends[quantileIndex]!)),
    analytic,
  };
}

/** One row of {@link compareSettlementLayers}. */
export interface LayerComparison {
  layer: SettlementLayer;
  /** The optimum on this layer, with its best whole number of blocks. */
  optimum: SettlementOptimum;
}

/**
 * The optimum on each settlement layer, side by side: where to settle, how
 * often, and what the total costs per year.
 *
 * @example
 * const rows = compareSettlementLayers({ openInterestUsd: "1e9", volatilityPerYear: 0.8, venueFailuresPerYear: 0.05 });
 * rows.map((r) => r.optimum.blocks?.count)                     //=> [159, 44]
 * rows.map((r) => formatUsd(r.optimum.totalCostPerYearUsd))     //=> ["$248.14k", "$53.46k"]
 */
export function compareSettlementLayers(
  params: Omit<TradeoffParams, "intervalMinutes" | "costPerSettlementUsd">,
  layers: SettlementLayer[] = [SETTLEMENT_LAYERS.baseChain, SETTLEMENT_LAYERS.rollup],
): LayerComparison[] {
  if (!Array.isArray(layers) || layers.length === 0) throw new RangeError("layers must be a non-empty list of settlement layers.");
  return layers.map((layer) => ({
    layer,
    optimum: optimalSettlementInterval({
      ...params,
      costPerSettlementUsd: layer.costPerSettlementUsd,
      blockTimeSeconds: layer.blockTimeSeconds,
    }),
  }));
}
