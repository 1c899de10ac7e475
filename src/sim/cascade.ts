/**
 * cascade — the feedback loop: a price shock pushes leveraged positions
 * through their liquidation prices, the exchange sells them into the book,
 * the sales push the price further, and more positions fall.
 *
 * Models: one market, one book, one exogenous shock. The shock is a price move
 * (−0.10 = a 10 % fall): outside sellers take every bid between the mid and the
 * shocked price, and the last trade prints there. Then rounds: every position
 * on the hurt side whose equity is at or below maintenance margin at the mark
 * is taken over and sold into what is left of the book (in input order within
 * a round); the mark becomes the last fill; repeat until a round liquidates
 * nobody. Each close settles against the insurance fund; a shortfall goes to
 * ADL (ranked at the round's opening mark) or is socialized (see
 * `liquidation`). A fall liquidates longs into the bids; a rise liquidates
 * shorts into the asks.
 *
 * Two engines, one answer. {@link simulateCascade} is the reference: it scans
 * every position each round with exact Decimal margin arithmetic.
 * {@link sweepCascade} is the O(N log N) engine for up to a few million
 * positions (it runs in a Web Worker): each position's liquidation threshold
 * is computed once as an integer number of cents, positions are sorted by it,
 * and the book is walked once. It works in exact integers — prices in cents,
 * quantities in thousandths, money in units of 1e-5 USD (cent × thousandth),
 * all below 2^53 — which is Decimal-equivalent exact: every value it returns
 * converts to the Decimal the reference engine computes, digit for digit (a
 * property test checks this). Thresholds are floor((q·e − margin − cum) /
 * (q·(1 − mmr))) cents, computed in floating point and re-checked in BigInt
 * whenever the quotient lies within 1e-6 of a whole cent, so the floor is exact.
 * Inputs off that grid (a price with fractions of a cent, a quantity finer
 * than 0.001, a rate finer than 1e-6) are refused by the sweep with a RangeError.
 * Speed: thresholds are packed with the position's index into one whole
 * number and radix-sorted; each round's ADL line is cut from the winners with
 * quickselect only as far as it is read. A million positions take a few
 * hundred milliseconds; the population takes 37 bytes a position and the sweep
 * about 45 more while it runs (see bench/derivatives.bench.ts).
 *
 * Simplifications: the book does not refill during the cascade (a crash takes
 * minutes; see `liquidation` for refill and throughput); the engine has
 * unlimited throughput; the mark is the last trade; beyond the book's last level
 * the rest fills at the last traded price (the result reports `bookExhausted`);
 * positions on the side the shock helps are never liquidated.
 *
 * Sources: Brunnermeier & Pedersen (2009), "Market Liquidity and Funding
 * Liquidity", RFS 22(6) (loss spirals); Cifuentes, Ferrucci & Shin (2005),
 * "Liquidity Risk and Contagion" (fire-sale price impact); the liquidation
 * mechanics of `margin` and `liquidation`.
 */
import { Decimal, D, ZERO, type DecimalInput } from "./money";
import { exp, log } from "./portableMath";
import { isLiquidatable, type Position, type PositionInput } from "./margin";
import { createOrderBook, type OrderBook, type OrderBookOptions } from "./orderbook";
import { adlScore, bankruptcyValueUsd, chargeAdl, conservation, mergeAdlEvents, rankForAdl, settleLiquidation, toPositions, type AdlEvent, type AdlRankEntry, type Conservation, type LossMode } from "./liquidation";
import { Random } from "./random";

// ── the compact population ─────────────────────────────────────────────────

/** Cents per dollar: the sweep's price unit. */
const PRICE_SCALE = 100;
/** Thousandths per unit of the asset: the sweep's quantity unit. */
const QTY_SCALE = 1000;
/** Money unit of the sweep: one cent × one thousandth = 1e-5 USD. */
const MONEY_SCALE = PRICE_SCALE * QTY_SCALE;
/** Maintenance margin rates in parts per million. */
const RATE_SCALE = 1_000_000;
/** Index bits packed under each sort key (so up to 2^21 ≈ 2.1M positions). */
const INDEX_BITS = 2 ** 21;
/** Thresholds (|t| < 2^31 cents) are shifted by this to make sort keys non-negative. */
const KEY_OFFSET = 2 ** 31;

/**
 * Positions as parallel typed arrays of exact integers: quantity in
 * thousandths, prices and margins in cents, rates in parts per million. 37
 * bytes a position, so a million fit in a Web Worker comfortably.
 */
export interface PositionPopulation {
  readonly size: number;
  /** 1 = long, 0 = short. */
  readonly isLong: Uint8Array;
  readonly quantityMilli: Float64Array;
  readonly entryCents: Float64Array;
  readonly marginCents: Float64Array;
  readonly maintenanceRatePpm: Int32Array;
  readonly maintenanceAmountCents: Float64Array;
}

/** Options of {@link generatePopulation}. */
export interface PopulationOptions {
  /** Number of positions. */
  count?: number;
  /** Total notional of all positions at the current price, USD. */
  openInterestUsd?: number;
  /** Current (and entry) price, USD. */
  priceUsd?: number;
  /** Fraction of positions that are long. */
  longShare?: number;
  /** Mean leverage at the current price. */
  leverageMean?: number;
  /** Spread of leverage: σ of its log-normal (0 = everyone at the mean). */
  leverageSpread?: number;
  maxLeverage?: number;
  /** Spread of position sizes: σ of the log-normal of notionals. */
  sizeSpread?: number;
  /** Spread of entry prices around the current price, as a fraction (σ of a normal). */
  entrySpread?: number;
  maintenanceMarginRate?: number;
  /** Seed of the generator (see `random`); ignored when `uniform` is given. */
  seed?: string | number;
  /** A uniform [0, 1) source to use instead of the seeded generator. */
  uniform?: () => number;
}

/**
 * Defaults of {@link generatePopulation}: a BTC-like perpetual market.
 *
 * @example
 * populationDefaults.leverageMean //=> 8
 */
export const populationDefaults = {
  count: 10_000,
  openInterestUsd: 1_000_000_000,
  priceUsd: 67_000,
  longShare: 0.6,
  leverageMean: 8,
  leverageSpread: 0.8,
  maxLeverage: 100,
  sizeSpread: 1.2,
  entrySpread: 0,
  maintenanceMarginRate: 0.004,
  seed: "cascade",
};

function checkNumber(value: number, name: string, min: number, max: number, why = ""): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a number from ${min} to ${max}${why}, but it is ${String(value)}.`);
  }
  return value;
}

function checkInteger(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be a whole number from ${min} to ${max}, but it is ${String(value)}.`);
  return value;
}

/**
 * Generates a population of positions: leverage log-normal around
 * `leverageMean`, sizes log-normal and scaled so the total is
 * `openInterestUsd`, entries spread around the price, margins set so each
 * position has exactly its leverage at the current price (rounded to the cent).
 * Deterministic for a seed.
 *
 * @throws RangeError when a count, share, leverage or spread is out of range
 * @example
 * const pop = generatePopulation({ count: 1000, seed: 1 });
 * pop.size //=> 1000
 */
export function generatePopulation(options: PopulationOptions = {}): PositionPopulation {
  const o = { ...populationDefaults, ...options };
  const count = checkInteger(o.count, "count", 0, INDEX_BITS - 1);
  const oi = checkNumber(o.openInterestUsd, "openInterestUsd", 0, 1e11);
  const price = checkNumber(o.priceUsd, "priceUsd", 0.01, 1e7);
  const longShare = checkNumber(o.longShare, "longShare", 0, 1);
  const mmr = checkNumber(o.maintenanceMarginRate, "maintenanceMarginRate", 0, 0.5);
  const maxLev = checkNumber(o.maxLeverage, "maxLeverage", 1, 1000);
  if (maxLev * mmr >= 1) throw new RangeError(`maxLeverage × maintenanceMarginRate must be below 1, or positions would be liquidated the moment they open (got ${maxLev} × ${mmr}).`);
  const levMean = checkNumber(o.leverageMean, "leverageMean", 1, maxLev, " (and at most maxLeverage)");
  const levSpread = checkNumber(o.leverageSpread, "leverageSpread", 0, 3);
  const sizeSpread = checkNumber(o.sizeSpread, "sizeSpread", 0, 4);
  const entrySpread = checkNumber(o.entrySpread, "entrySpread", 0, 0.5);
  const rng = o.uniform ? null : new Random(o.seed);
  const uniform = o.uniform ?? (() => rng!.uniform());
  const normal = rng ? () => rng.normal(0, 1) : () => {
    // Marsaglia's polar method on the caller's uniform source: no cosine, and a
    // portable logarithm, so the population is the same in every engine.
    for (;;) {
      const u = uniform() * 2 - 1;
      const v = uniform() * 2 - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * log(s)) / s);
    }
  };
  const pop = emptyPopulation(count);
  const weights = new Float64Array(count);
  const leverage = new Float64Array(count);
  let totalWeight = 0;
  for (let i = 0; i < count; i++) {
    pop.isLong[i] = uniform() < longShare ? 1 : 0;
    // Mean-preserving log-normal on the leverage above 1×.
    const lev = 1 + (levMean - 1) * exp(levSpread * normal() - (levSpread * levSpread) / 2);
    leverage[i] = Math.min(maxLev, Math.max(1, lev));
    weights[i] = exp(sizeSpread * normal());
    totalWeight += weights[i]!;
    pop.entryCents[i] = Math.max(1, Math.round(price * PRICE_SCALE * (1 + entrySpread * normal())));
  }
  const priceCents = Math.round(price * PRICE_SCALE);
  const rateUnits = Math.round(mmr * RATE_SCALE);
  for (let i = 0; i < count; i++) {
    const quantity = Math.max(1, Math.round(((oi * weights[i]!) / totalWeight / price) * QTY_SCALE));
    pop.quantityMilli[i] = quantity;
    // Margin gives the chosen leverage at today's price: equity = notional / leverage.
    const notionalCents = (quantity * priceCents) / QTY_SCALE;
    const pnlCents = ((pop.isLong[i] ? 1 : -1) * quantity * (priceCents - pop.entryCents[i]!)) / QTY_SCALE;
    // A position deep in profit still keeps at least the margin of the highest leverage.
    pop.marginCents[i] = Math.max(1, Math.round(notionalCents / leverage[i]! - pnlCents), Math.ceil(notionalCents / maxLev));
    pop.maintenanceRatePpm[i] = rateUnits;
  }
  return pop;
}

function emptyPopulation(count: number): PositionPopulation {
  return {
    size: count,
    isLong: new Uint8Array(count),
    quantityMilli: new Float64Array(count),
    entryCents: new Float64Array(count),
    marginCents: new Float64Array(count),
    maintenanceRatePpm: new Int32Array(count),
    maintenanceAmountCents: new Float64Array(count),
  };
}

function onGrid(value: Decimal, scale: number, name: string, unit: string): number {
  const scaled = value.times(scale);
  if (!scaled.isInteger()) throw new RangeError(`${name} ${value.toString()} is finer than the sweep's grid (${unit}).`);
  const n = scaled.toNumber();
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} ${value.toString()} is too large for the sweep.`);
  return n;
}

/**
 * Packs positions into a {@link PositionPopulation}.
 *
 * @throws RangeError when a value is off the sweep's grid (cents, thousandths, ppm)
 * @example
 * populationFromPositions([{ side: "long", quantity: "0.5", entryPrice: 67000, margin: 3350 }]).quantityMilli[0] //=> 500
 */
export function populationFromPositions(positions: (Position | PositionInput)[]): PositionPopulation {
  const ps = toPositions(positions);
  const pop = emptyPopulation(ps.length);
  ps.forEach((p, i) => {
    const at = `Position ${i + 1}'s`;
    pop.isLong[i] = p.side === "long" ? 1 : 0;
    pop.quantityMilli[i] = onGrid(p.quantity, QTY_SCALE, `${at} quantity`, "0.001");
    pop.entryCents[i] = onGrid(p.entryPrice, PRICE_SCALE, `${at} entry price`, "whole cents");
    pop.marginCents[i] = onGrid(p.margin, PRICE_SCALE, `${at} margin`, "whole cents");
    pop.maintenanceRatePpm[i] = onGrid(p.maintenanceMarginRate, RATE_SCALE, `${at} maintenance margin rate`, "parts per million");
    pop.maintenanceAmountCents[i] = onGrid(p.maintenanceAmountUsd ?? ZERO, PRICE_SCALE, `${at} maintenance amount`, "whole cents");
  });
  return pop;
}

/**
 * Unpacks a population into Decimal {@link Position}s (ids are indices).
 *
 * @example
 * positionsFromPopulation(populationFromPositions([{ side: "short", quantity: 1, entryPrice: 100, margin: 10 }]))[0].entryPrice.toString() //=> "100"
 */
export function positionsFromPopulation(pop: PositionPopulation): Position[] {
  const out: Position[] = new Array(pop.size);
  for (let i = 0; i < pop.size; i++) {
    out[i] = {
      id: i,
      side: pop.isLong[i] ? "long" : "short",
      quantity: new Decimal(pop.quantityMilli[i]!).div(QTY_SCALE),
      entryPrice: new Decimal(pop.entryCents[i]!).div(PRICE_SCALE),
      margin: new Decimal(pop.marginCents[i]!).div(PRICE_SCALE),
      maintenanceMarginRate: new Decimal(pop.maintenanceRatePpm[i]!).div(RATE_SCALE),
      maintenanceAmountUsd: new Decimal(pop.maintenanceAmountCents[i]!).div(PRICE_SCALE),
    };
  }
  return out;
}

// ── inputs and outputs ─────────────────────────────────────────────────────

/** Input of {@link simulateCascade} and {@link sweepCascade}. */
export interface CascadeInput {
  /** The positions, explicitly … */
  positions?: (Position | PositionInput)[];
  /** … or packed (e.g. from {@link generatePopulation}); if neither, a default population is generated. */
  population?: PositionPopulation;
  /** Options of the generated population when neither is given. */
  populationOptions?: PopulationOptions;
  /** The book; its mid is the price before the shock. */
  book?: OrderBookOptions;
  /** Exogenous price move as a fraction: −0.10 is a 10 % fall, +0.10 a 10 % rise. */
  shock?: DecimalInput;
  insuranceFundUsd?: DecimalInput;
  afterFund?: LossMode;
  /** Safety limit on rounds. */
  maxRounds?: number;
}

/**
 * Defaults of the cascade: a 10 % drop into a moderately thin book ($2B of bids
 * spread over 50 % of price, thinnest near the mid) against $1B of open
 * interest at a mean leverage of 8× — the drop becomes about 22 % (amplification
 * ≈ 2.2) and the insurance fund runs dry, so ADL kicks in.
 *
 * @example
 * cascadeDefaults.shock //=> "-0.1"
 */
export const cascadeDefaults = {
  shock: "-0.1",
  insuranceFundUsd: "10000000",
  afterFund: "adl" as LossMode,
  maxRounds: 100_000,
  book: { midPriceUsd: "67000", depthUsd: "2000000000", levels: 500, levelSpacingBps: 10, profile: "linear" } as OrderBookOptions,
};

/** One round of the cascade. Round 0 is the shock itself. */
export interface CascadeRound {
  round: number;
  /** The mark at the end of the round (the last fill), USD. */
  priceUsd: Decimal;
  liquidatedCount: number;
  /** Quantity sold (or bought back) this round. */
  liquidatedQuantity: Decimal;
  /** USD value of those sales at their fill prices. */
  notionalSoldUsd: Decimal;
  insuranceFundUsd: Decimal;
  /** Cumulative loss beyond bankruptcy so far, USD. */
  badDebtUsd: Decimal;
  adlEvents: AdlEvent[];
  /** Cumulative socialized loss so far, USD. */
  socializedLossUsd: Decimal;
}

/** Output of {@link simulateCascade} and {@link sweepCascade}. */
export interface CascadeResult {
  trace: CascadeRound[];
  initialPrice: Decimal;
  shockPrice: Decimal;
  finalPrice: Decimal;
  /** Σ USD fetched (or paid) by liquidation orders at their fill prices. */
  totalLiquidatedNotional: Decimal;
  totalLiquidatedCount: number;
  totalLiquidatedQuantity: Decimal;
  /** finalPrice / initialPrice − 1. */
  priceMove: Decimal;
  /** shockPrice / initialPrice − 1. */
  shockMove: Decimal;
  /** Total move / exogenous move (null when the shock is zero). */
  amplification: Decimal | null;
  insuranceFundStartUsd: Decimal;
  insuranceFundEndUsd: Decimal;
  badDebtUsd: Decimal;
  adlEvents: AdlEvent[];
  adlChargedUsd: Decimal;
  socializedLossUsd: Decimal;
  uncoveredLossUsd: Decimal;
  bookExhausted: boolean;
  /** True when maxRounds stopped the run before it settled. */
  stoppedEarly: boolean;
  /** For each position, the round it was liquidated in (0 = never). */
  liquidationRound: Int32Array;
  conservation: Conservation;
}

/** @internal The shared set-up of a cascade run (used by `dex` too). */
export interface Prepared {
  book: OrderBook;
  fall: boolean;
  initialPrice: Decimal;
  shockPrice: Decimal;
  shock: Decimal;
  fundStart: Decimal;
  afterFund: LossMode;
  maxRounds: number;
}

/** @internal Validates a cascade input and builds its book and shocked price. */
export function prepare(input: CascadeInput): Prepared {
  const shock = D(input.shock ?? cascadeDefaults.shock, "shock");
  if (shock.lte(-1) || shock.gte(1)) throw new RangeError(`shock is a fractional price move and must lie between −1 and 1 (−0.1 is a 10 % fall), but it is ${shock.toString()}.`);
  const fundStart = D(input.insuranceFundUsd ?? cascadeDefaults.insuranceFundUsd, "insuranceFundUsd");
  if (fundStart.isNegative()) throw new RangeError(`insuranceFundUsd cannot be negative, but it is ${fundStart.toString()}.`);
  const afterFund = input.afterFund ?? cascadeDefaults.afterFund;
  if (afterFund !== "adl" && afterFund !== "socialize") throw new RangeError(`afterFund must be "adl" or "socialize", not ${JSON.stringify(afterFund)}.`);
  const maxRounds = checkInteger(input.maxRounds ?? cascadeDefaults.maxRounds, "maxRounds", 1, 10_000_000);
  const book = createOrderBook({ ...cascadeDefaults.book, ...input.book, exhaustion: "lastPrice" });
  const initialPrice = book.midPrice;
  const fall = !shock.gt(0);
  const moved = initialPrice.times(shock.plus(1));
  // Round toward the move so a shock never rounds away to nothing.
  const shockPrice = fall ? moved.div(book.priceTick).floor().times(book.priceTick) : moved.div(book.priceTick).ceil().times(book.priceTick);
  if (!shockPrice.gt(0)) throw new RangeError("shock would push the price to zero or below.");
  return { book, fall, initialPrice, shockPrice, shock, fundStart, afterFund, maxRounds };
}

/** @internal The positions of a cascade input: explicit, packed, or generated from defaults. */
export function resolvePopulation(input: CascadeInput): PositionPopulation | Position[] {
  if (input.positions && input.population) throw new RangeError("Give either positions or population, not both.");
  if (input.positions) return toPositions(input.positions);
  if (input.population) return input.population;
  const price = Number(input.book?.midPriceUsd ?? cascadeDefaults.book.midPriceUsd);
  return generatePopulation({ priceUsd: price, ...input.populationOptions });
}

function finish(p: Prepared, t: {
  trace: CascadeRound[]; finalPrice: Decimal; notional: Decimal; count: number; quantity: Decimal; fundEnd: Decimal; badDebt: Decimal;
  adlEvents: AdlEvent[]; adlCharged: Decimal; socialized: Decimal; uncovered: Decimal; exhausted: boolean; stopped: boolean;
  liquidationRound: Int32Array; marketPnl: Decimal; traderPnl: Decimal;
}): CascadeResult {
  const shockMove = p.shockPrice.div(p.initialPrice).minus(1);
  const priceMove = t.finalPrice.div(p.initialPrice).minus(1);
  const shockAbs = p.shockPrice.minus(p.initialPrice);
  return {
    trace: t.trace,
    initialPrice: p.initialPrice,
    shockPrice: p.shockPrice,
    finalPrice: t.finalPrice,
    totalLiquidatedNotional: t.notional,
    totalLiquidatedCount: t.count,
    totalLiquidatedQuantity: t.quantity,
    priceMove,
    shockMove,
    amplification: shockAbs.isZero() ? null : t.finalPrice.minus(p.initialPrice).div(shockAbs),
    insuranceFundStartUsd: p.fundStart,
    insuranceFundEndUsd: t.fundEnd,
    badDebtUsd: t.badDebt,
    adlEvents: t.adlEvents,
    adlChargedUsd: t.adlCharged,
    socializedLossUsd: t.socialized,
    uncoveredLossUsd: t.uncovered,
    bookExhausted: t.exhausted,
    stoppedEarly: t.stopped,
    liquidationRound: t.liquidationRound,
    conservation: conservation({ marketPnlUsd: t.marketPnl, liquidatedTraderPnlUsd: t.traderPnl, insuranceFundChangeUsd: t.fundEnd.minus(p.fundStart), adlPnlUsd: t.adlCharged.neg(), socializedLossUsd: t.socialized, uncoveredLossUsd: t.uncovered }),
  };
}

// ── the reference engine: round by round, in Decimal ───────────────────────

/**
 * Runs the cascade round by round with exact Decimal arithmetic: the
 * reference engine (O(N) per round). For large populations use
 * {@link sweepCascade}, which returns the same result.
 *
 * @throws RangeError for a shock outside (−1, 1), a negative fund, bad book
 * options or bad positions
 * @example
 * const r = simulateCascade({ positions: [], shock: -0.1 });
 * r.finalPrice.toString() //=> "60300"
 */
export function simulateCascade(input: CascadeInput = {}): CascadeResult {
  const p = prepare(input);
  const source = resolvePopulation(input);
  const positions = Array.isArray(source) ? source : positionsFromPopulation(source);
  const n = positions.length;
  const book = p.book;
  book.consumeTo(p.shockPrice); // also prints the shocked price as the last trade
  const liqSide = p.fall ? "long" : "short";
  const winSide = p.fall ? "short" : "long";
  const liquidationRound = new Int32Array(n);
  const adlTaken: Decimal[] = new Array<Decimal>(n).fill(ZERO);
  let mark = p.shockPrice;
  let fund = p.fundStart;
  let badDebt = ZERO, adlCharged = ZERO, socialized = ZERO, uncovered = ZERO, marketPnl = ZERO, traderPnl = ZERO;
  let notional = ZERO, quantity = ZERO, count = 0;
  const adlEvents: AdlEvent[] = [];
  const trace: CascadeRound[] = [{ round: 0, priceUsd: mark, liquidatedCount: 0, liquidatedQuantity: ZERO, notionalSoldUsd: ZERO, insuranceFundUsd: fund, badDebtUsd: ZERO, adlEvents: [], socializedLossUsd: ZERO }];
  let stopped = false;
  for (let round = 1; ; round++) {
    const roundMark = mark;
    const newly: number[] = [];
    for (let i = 0; i < n; i++) {
      const pos = positions[i]!;
      if (pos.side === liqSide && liquidationRound[i] === 0 && isLiquidatable(pos, roundMark)) newly.push(i);
    }
    if (newly.length === 0) break;
    if (round > p.maxRounds) {
      stopped = true;
      break;
    }
    let ranking: AdlRankEntry[] | null = null;
    let rankNext = 0;
    let roundQty = ZERO, roundNotional = ZERO;
    const roundAdl: AdlEvent[] = [];
    for (const i of newly) {
      const pos = positions[i]!;
      liquidationRound[i] = round;
      const order = p.fall ? book.sell(pos.quantity) : book.buy(pos.quantity);
      const s = settleLiquidation({ side: pos.side, closeValueUsd: order.notionalUsd, bankruptcyValueUsd: bankruptcyValueUsd(pos), fundUsd: fund });
      fund = s.fundAfterUsd;
      badDebt = badDebt.plus(s.lossUsd);
      const cost = pos.quantity.times(pos.entryPrice);
      marketPnl = marketPnl.plus(p.fall ? order.notionalUsd.minus(cost) : cost.minus(order.notionalUsd));
      traderPnl = traderPnl.minus(pos.margin);
      roundQty = roundQty.plus(pos.quantity);
      roundNotional = roundNotional.plus(order.notionalUsd);
      mark = order.lastPrice ?? mark;
      if (s.shortfallUsd.gt(0)) {
        if (p.afterFund === "socialize") {
          socialized = socialized.plus(s.shortfallUsd);
        } else {
          ranking ??= rankForAdl(positions, winSide, roundMark, { profitableOnly: true, alreadyChargedUsd: (j) => adlTaken[j]! });
          const charged = chargeAdl(s.shortfallUsd, ranking, { step: round, coveredIndex: i, markPrice: roundMark, quantityOf: (j) => positions[j]!.quantity, start: rankNext });
          rankNext = charged.next;
          for (const e of charged.events) {
            adlTaken[e.index] = adlTaken[e.index]!.plus(e.chargedUsd);
            adlCharged = adlCharged.plus(e.chargedUsd);
          }
          uncovered = uncovered.plus(charged.uncoveredUsd);
          roundAdl.push(...charged.events);
        }
      }
    }
    count += newly.length;
    quantity = quantity.plus(roundQty);
    notional = notional.plus(roundNotional);
    const roundEvents = mergeAdlEvents(roundAdl);
    adlEvents.push(...roundEvents);
    trace.push({ round, priceUsd: mark, liquidatedCount: newly.length, liquidatedQuantity: roundQty, notionalSoldUsd: roundNotional, insuranceFundUsd: fund, badDebtUsd: badDebt, adlEvents: roundEvents, socializedLossUsd: socialized });
  }
  const exhausted = (p.fall ? book.bestBid() : book.bestAsk()) === null;
  return finish(p, { trace, finalPrice: mark, notional, count, quantity, fundEnd: fund, badDebt, adlEvents, adlCharged, socialized, uncovered, exhausted, stopped, liquidationRound, marketPnl, traderPnl });
}

// ── the sweep: sort once, walk the book once ───────────────────────────────

/** Options of {@link sweepCascade}. */
export interface SweepOptions {
  /** Called with the fraction done (0…1), at most every ~65 000 positions. */
  onProgress?: (fractionDone: number) => void;
  /** Winners ranked in the first step of each round's ADL line (a speed knob; the result never depends on it). */
  adlLineChunk?: number;
}

/** floor(num / den) for BigInts, den > 0. */
function floorDivBig(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num < 0n && q * den !== num ? q - 1n : q;
}

/**
 * The mirrored liquidation threshold in cents: the position is liquidated
 * when the (mirrored) mark is at or below it. Exact: floating point, re-checked
 * in BigInt near whole cents.
 */
function thresholdCents(entryCents: number, qtyMilli: number, marginCents: number, cumCents: number, ratePpm: number, sideSign: number): number {
  const rateFactor = RATE_SCALE - sideSign * ratePpm;
  const num = (entryCents * qtyMilli - (marginCents + cumCents) * QTY_SCALE) * RATE_SCALE;
  const den = qtyMilli * rateFactor;
  const f = num / den;
  const fl = Math.floor(f);
  // The float quotient is within ~2.2e-16 × |f| of the truth (the products are exact integers below 2^53;
  // only the scaling and the division round), i.e. within 5e-7 cents below 2^31: a floor 1e-6 away
  // from a whole cent is exact. Anything closer, or larger, is settled in BigInt.
  if (f - fl > 1e-6 && fl + 1 - f > 1e-6 && Math.abs(f) < 2 ** 31) return fl;
  const exact = floorDivBig((BigInt(entryCents) * BigInt(qtyMilli) - (BigInt(marginCents) + BigInt(cumCents)) * BigInt(QTY_SCALE)) * BigInt(RATE_SCALE), BigInt(qtyMilli) * BigInt(rateFactor));
  return Number(exact);
}

function money(units: number): Decimal {
  return new Decimal(units).div(MONEY_SCALE);
}

function cents(c: number): Decimal {
  return new Decimal(c).div(PRICE_SCALE);
}

/** Below this many keys the engine's own sort is faster than a radix pass. */
const RADIX_MIN = 4096;
const TWO_32 = 4294967296;

/**
 * @internal Sorts `keys[0…count)` ascending in place; every key must be a
 * whole number in [0, 2^53). A least-significant-digit radix sort on four
 * 16-bit digits: O(N), several times faster than the built-in sort of a
 * Float64Array at a million keys, and exact (keys are whole numbers).
 */
export function sortPackedKeys(keys: Float64Array, count: number): Float64Array {
  if (count < RADIX_MIN) return keys.subarray(0, count).sort();
  let srcHigh = new Uint32Array(count), srcLow = new Uint32Array(count);
  let dstHigh = new Uint32Array(count), dstLow = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const key = keys[i]!;
    const high = Math.floor(key / TWO_32);
    srcHigh[i] = high;
    srcLow[i] = key - high * TWO_32;
  }
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const digits = pass < 2 ? srcLow : srcHigh;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < count; i++) counts[(digits[i]! >>> shift) & 0xffff]!++;
    if (counts[(digits[0]! >>> shift) & 0xffff] === count) continue; // one bucket: already in order for this digit
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < count; i++) {
      const at = counts[(digits[i]! >>> shift) & 0xffff]!++;
      dstHigh[at] = srcHigh[i]!;
      dstLow[at] = srcLow[i]!;
    }
    [srcHigh, dstHigh] = [dstHigh, srcHigh];
    [srcLow, dstLow] = [dstLow, srcLow];
  }
  for (let i = 0; i < count; i++) keys[i] = srcHigh[i]! * TWO_32 + srcLow[i]!;
  return keys.subarray(0, count);
}

// A double's bit pattern, to order positive scores as whole numbers (see WinnerLine).
const FLOAT_BITS = new Float64Array(1);
const FLOAT_WORDS = new Uint32Array(FLOAT_BITS.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: high word second

/**
 * Puts the k-th smallest of `a[left…right]` at index k, smaller keys before
 * it and larger after (Hoare's quickselect, median-of-three pivot; keys are
 * distinct). O(N) on average.
 */
function selectKth(a: Float64Array, left: number, right: number, k: number): void {
  const swap = (x: number, y: number) => {
    const t = a[x]!;
    a[x] = a[y]!;
    a[y] = t;
  };
  while (right > left) {
    const mid = (left + right) >> 1;
    if (a[mid]! < a[left]!) swap(left, mid);
    if (a[right]! < a[left]!) swap(left, right);
    if (a[right]! < a[mid]!) swap(mid, right);
    const pivot = a[mid]!;
    let i = left, j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/**
 * The ADL line of one round, best first (score desc, then index asc), built
 * only as far as it is read. Each key packs the score's high 32 bits
 * (inverted: positive doubles order like their bit patterns) above the index,
 * so plain numeric order is line order up to ties in those bits, which are
 * then settled by comparing full scores. Chunks of the line are cut with
 * quickselect and sorted; most rounds read only the first chunk, so a round
 * costs O(N) instead of a sort of every winner.
 */
class WinnerLine {
  private ready = 0;
  private chunk: number;
  constructor(private readonly keys: Float64Array, private readonly count: number, private readonly score: Float64Array, private readonly order: Int32Array, firstChunk: number) {
    this.chunk = firstChunk;
  }

  /** How many winners the line has been built to. */
  get built(): number {
    return this.ready;
  }

  /** The winner at place k (0 = first in line), or -1 if the line is shorter. */
  at(k: number): number {
    while (k >= this.ready && this.ready < this.count) this.extend();
    return k < this.ready ? this.order[k]! : -1;
  }

  private extend(): void {
    const { keys, count, score, order } = this;
    const from = this.ready;
    let to = Math.min(count, from + this.chunk);
    this.chunk *= 4;
    if (to < count) {
      selectKth(keys, from, count - 1, to - 1);
      // Keep ties in the high bits together so they can be settled exactly below.
      let maxKey = keys[from]!;
      for (let i = from + 1; i < to; i++) if (keys[i]! > maxKey) maxKey = keys[i]!;
      const group = Math.floor(maxKey / INDEX_BITS);
      for (let j = to; j < count; j++) {
        if (Math.floor(keys[j]! / INDEX_BITS) === group) {
          const t = keys[j]!;
          keys[j] = keys[to]!;
          keys[to] = t;
          to++;
        }
      }
    }
    keys.subarray(from, to).sort();
    for (let c = from; c < to; c++) order[c] = indexOf(keys[c]!);
    for (let start = from; start < to; ) {
      const high = Math.floor(keys[start]! / INDEX_BITS);
      let end = start + 1;
      while (end < to && Math.floor(keys[end]! / INDEX_BITS) === high) end++;
      // Insertion sort in place: runs are short, and they arrive sorted by index already.
      for (let i = start + 1; i < end; i++) {
        const w = order[i]!;
        const sw = score[w]!;
        let j = i - 1;
        while (j >= start && (score[order[j]!]! < sw || (score[order[j]!]! === sw && order[j]! > w))) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = w;
      }
      start = end;
    }
    this.ready = to;
  }
}

/** Packs ADL candidates into line keys (see {@link WinnerLine}). */
function winnerKeys(candidates: Int32Array, count: number, score: Float64Array, keys: Float64Array): void {
  for (let c = 0; c < count; c++) {
    const w = candidates[c]!;
    FLOAT_BITS[0] = score[w]!;
    keys[c] = (0xffffffff - FLOAT_WORDS[HIGH_WORD]!) * INDEX_BITS + w;
  }
}

function indexOf(key: number): number {
  return key - Math.floor(key / INDEX_BITS) * INDEX_BITS;
}

/** An ADL event of the sweep whose Decimal fields are built on first read (building them is the costly part). */
class SweepAdlEvent implements AdlEvent {
  private cache: { pnlUsd?: Decimal; chargedUsd?: Decimal; quantity?: Decimal; markPrice?: Decimal } = {};
  constructor(
    readonly step: number,
    readonly index: number,
    readonly id: string | number | undefined,
    readonly side: "long" | "short",
    readonly rank: number,
    readonly score: number,
    readonly coveredIndex: number,
    readonly coveredCount: number,
    private readonly raw: { pnlUnits: number; chargedUnits: number; quantityMilli: number; markCents: number },
  ) {}
  get pnlUsd(): Decimal {
    return (this.cache.pnlUsd ??= money(this.raw.pnlUnits));
  }
  get chargedUsd(): Decimal {
    return (this.cache.chargedUsd ??= money(this.raw.chargedUnits));
  }
  get quantity(): Decimal {
    return (this.cache.quantity ??= new Decimal(this.raw.quantityMilli).div(QTY_SCALE));
  }
  get markPrice(): Decimal {
    return (this.cache.markPrice ??= cents(this.raw.markCents));
  }
  /** The same plain shape as the reference engine's events. */
  toJSON(): Record<string, unknown> {
    return { step: this.step, index: this.index, id: this.id, side: this.side, rank: this.rank, score: this.score, quantity: this.quantity, markPrice: this.markPrice, pnlUsd: this.pnlUsd, chargedUsd: this.chargedUsd, coveredIndex: this.coveredIndex, coveredCount: this.coveredCount };
  }
}

/**
 * The O(N log N) cascade: the same model and the same result as
 * {@link simulateCascade}, computed by sorting positions by their liquidation
 * threshold and walking the book once, in exact integers (see the module
 * header). Handles up to 2 097 151 positions and about $40B of notional.
 *
 * @throws RangeError like {@link simulateCascade}, and when a value is off the
 * sweep's grid or the population is too large for exact integers
 * @example
 * const r = sweepCascade({ population: generatePopulation({ count: 100_000, seed: 7 }) });
 * r.amplification!.gt(1) //=> true
 */
export function sweepCascade(input: CascadeInput = {}, options: SweepOptions = {}): CascadeResult {
  const p = prepare(input);
  const source = resolvePopulation(input);
  const pop = Array.isArray(source) ? populationFromPositions(source) : source;
  const idOf = (i: number) => (Array.isArray(source) ? source[i]!.id : i);
  const n = pop.size;
  if (n >= INDEX_BITS) throw new RangeError(`The sweep handles at most ${INDEX_BITS - 1} positions, but got ${n}.`);
  const progress = options.onProgress ?? (() => {});
  const firstChunk = checkInteger(options.adlLineChunk ?? 4096, "adlLineChunk", 1, INDEX_BITS);
  const s = p.fall ? 1 : -1; // mirror prices for a rise so one code path serves both
  const liqLong = p.fall ? 1 : 0;

  // The book side the liquidations hit, as mirrored integers, best first.
  const side = p.fall ? p.book.bids : p.book.asks;
  const levelCount = side.length;
  const levelPrice = new Float64Array(levelCount);
  const levelQty = new Float64Array(levelCount);
  side.forEach((l, k) => {
    levelPrice[k] = s * onGrid(l.price, PRICE_SCALE, "A book level's price", "whole cents");
    levelQty[k] = onGrid(l.quantity, QTY_SCALE, "A book level's quantity", "0.001");
  });
  const shockMark = s * onGrid(p.shockPrice, PRICE_SCALE, "The shocked price", "whole cents");
  let level = 0;
  while (level < levelCount && levelPrice[level]! > shockMark) level++; // taken by the shock
  // The mark never goes below the last level or the shocked price, whichever is lower (the backstop fills at the last price).
  const floorPrice = Math.min(levelPrice[levelCount - 1]!, shockMark);

  // Exactness guard: every money sum stays below 2^53 units of 1e-5 USD.
  let bound = 0;
  const maxPrice = Math.max(Math.abs(levelPrice[0]!), Math.abs(floorPrice), Math.abs(shockMark));
  for (let i = 0; i < n; i++) bound += pop.quantityMilli[i]! * (pop.entryCents[i]! + maxPrice) + pop.marginCents[i]! * QTY_SCALE;
  bound += p.fundStart.times(MONEY_SCALE).toNumber();
  if (!(bound < 2 ** 52)) throw new RangeError("The population is too large for the sweep's exact integers (about $40B of notional); use simulateCascade or a smaller open interest.");

  // Thresholds, packed with the index so a plain numeric sort orders them.
  const keys = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (pop.isLong[i] !== liqLong) continue;
    const t = thresholdCents(s * pop.entryCents[i]!, pop.quantityMilli[i]!, pop.marginCents[i]!, pop.maintenanceAmountCents[i]!, pop.maintenanceRatePpm[i]!, s);
    if (t < floorPrice) continue; // can never be reached: the mark never falls below floorPrice
    if (Math.abs(t) >= 2 ** 31) throw new RangeError("A liquidation price is beyond the sweep's range ($21M).");
    keys[k++] = (KEY_OFFSET - t) * INDEX_BITS + i; // ascending key = descending threshold, then index; never negative
    if ((i & 0xffff) === 0) progress((0.4 * i) / n);
  }
  const sorted = sortPackedKeys(keys, k);
  progress(0.5);
  const thresholdOf = (key: number) => KEY_OFFSET - Math.floor(key / INDEX_BITS);

  const liquidationRound = new Int32Array(n);
  // ADL working memory, allocated on first use: what ADL took from each winner, its profit left, its score, the ranking.
  let adlTaken: Float64Array | null = null;
  let available: Float64Array | null = null;
  let scores: Float64Array | null = null;
  let winners: Int32Array | null = null;
  let winnerCount = 0;
  let lineKeys: Float64Array | null = null;
  let lineOrder: Int32Array | null = null;
  let lastRoundWinners = 0;
  let candidates: Int32Array | null = null;
  let mark = shockMark;
  const fundUnits = p.fundStart.times(MONEY_SCALE);
  if (!fundUnits.isInteger()) throw new RangeError(`insuranceFundUsd ${p.fundStart.toString()} is finer than the sweep's grid (1e-5 USD).`);
  let fund = fundUnits.toNumber();
  let badDebt = 0, adlCharged = 0, socialized = 0, uncovered = 0, marketPnl = 0, traderPnl = 0, notional = 0, quantity = 0;
  const adlEvents: AdlEvent[] = [];
  const trace: CascadeRound[] = [{ round: 0, priceUsd: cents(s * mark), liquidatedCount: 0, liquidatedQuantity: ZERO, notionalSoldUsd: ZERO, insuranceFundUsd: p.fundStart, badDebtUsd: ZERO, adlEvents: [], socializedLossUsd: ZERO }];
  let ptr = 0;
  let stopped = false;
  let batch = new Int32Array(0);
  for (let round = 1; ; round++) {
    const roundMark = mark;
    let end = ptr;
    while (end < k && thresholdOf(sorted[end]!) >= roundMark) end++;
    if (end === ptr) break;
    if (round > p.maxRounds) {
      stopped = true;
      break;
    }
    // This round's positions, in input order (as the reference engine scans them).
    if (batch.length < end - ptr) batch = new Int32Array(Math.max(end - ptr, batch.length * 2));
    const ids = batch.subarray(0, end - ptr);
    for (let j = ptr; j < end; j++) ids[j - ptr] = indexOf(sorted[j]!);
    ids.sort();
    let line: WinnerLine | null = null; // this round's ADL line, built on the first shortfall
    let ranked = 0; // winners used up this round
    let roundQty = 0, roundNotional = 0;
    const roundAdl: AdlEvent[] = [];
    let eventWinner = -1, eventPnl = 0, eventCharged = 0, eventCount = 0, eventCovered = 0, eventRank = 0;
    const flushEvent = () => {
      if (eventWinner < 0) return;
      const w = eventWinner;
      roundAdl.push(new SweepAdlEvent(round, w, idOf(w), pop.isLong[w] ? "long" : "short", eventRank, scores![w]!, eventCovered, eventCount, { pnlUnits: eventPnl, chargedUnits: eventCharged, quantityMilli: pop.quantityMilli[w]!, markCents: s * roundMark }));
      eventWinner = -1;
    };
    for (let j = 0; j < ids.length; j++) {
      const i = ids[j]!;
      liquidationRound[i] = round;
      const q = pop.quantityMilli[i]!;
      // Walk the book.
      let remaining = q;
      let proceeds = 0;
      while (remaining > 0 && level < levelCount) {
        const available = levelQty[level]!;
        if (available === 0) {
          level++;
          continue;
        }
        const take = available < remaining ? available : remaining;
        levelQty[level] = available - take;
        remaining -= take;
        proceeds += take * levelPrice[level]!;
        mark = levelPrice[level]!;
        if (levelQty[level] === 0 && remaining > 0) level++;
      }
      if (remaining > 0) proceeds += remaining * mark; // the backstop: the rest at the last traded price
      const cost = s * pop.entryCents[i]! * q;
      const bankruptcy = cost - pop.marginCents[i]! * QTY_SCALE;
      const gain = proceeds - bankruptcy;
      marketPnl += proceeds - cost;
      traderPnl -= pop.marginCents[i]! * QTY_SCALE;
      roundQty += q;
      roundNotional += s * proceeds;
      if (gain >= 0) {
        fund += gain;
        continue;
      }
      const loss = -gain;
      badDebt += loss;
      const fromFund = fund < loss ? fund : loss;
      fund -= fromFund;
      let shortfall = loss - fromFund;
      if (shortfall === 0) continue;
      if (p.afterFund === "socialize") {
        socialized += shortfall;
        continue;
      }
      if (line === null) {
        // Rank the winners at the round's opening mark, exactly as rankForAdl does.
        if (winners === null) {
          winners = new Int32Array(n);
          for (let w = 0; w < n; w++) if (pop.isLong[w] !== liqLong) winners[winnerCount++] = w;
          adlTaken = new Float64Array(n);
          available = new Float64Array(n);
          scores = new Float64Array(n);
          candidates = new Int32Array(winnerCount);
          lineKeys = new Float64Array(winnerCount);
          lineOrder = new Int32Array(winnerCount);
        }
        let c = 0;
        for (let x = 0; x < winnerCount; x++) {
          const w = winners[x]!;
          const left = pop.quantityMilli[w]! * (s * pop.entryCents[w]! - roundMark) - adlTaken![w]!;
          if (!(left > 0)) continue;
          available![w] = left;
          scores![w] = adlScore(left / MONEY_SCALE, pop.marginCents[w]! / PRICE_SCALE, Math.abs(pop.quantityMilli[w]! * roundMark) / MONEY_SCALE);
          candidates![c++] = w;
        }
        winnerKeys(candidates!, c, scores!, lineKeys!);
        // Start with about twice what the last round used: usually one chunk is enough.
        line = new WinnerLine(lineKeys!, c, scores!, lineOrder!, Math.max(firstChunk, 2 * lastRoundWinners));
      }
      while (shortfall > 0) {
        const w = line.at(ranked);
        if (w < 0) break;
        const left = available![w]!;
        const charged = left < shortfall ? left : shortfall;
        shortfall -= charged;
        adlCharged += charged;
        adlTaken![w] = adlTaken![w]! + charged;
        available![w] = left - charged;
        // One event per winner per round: open it on the first charge, add to it after.
        if (w !== eventWinner) {
          flushEvent();
          eventWinner = w;
          eventPnl = left;
          eventCharged = 0;
          eventCount = 0;
          eventCovered = i;
          eventRank = ranked + 1;
        }
        eventCharged += charged;
        eventCount++;
        if (available![w] === 0) ranked++;
      }
      uncovered += shortfall;
    }
    flushEvent();
    if (line !== null) lastRoundWinners = ranked + 1;
    ptr = end;
    notional += roundNotional;
    quantity += roundQty;
    adlEvents.push(...roundAdl);
    trace.push({ round, priceUsd: cents(s * mark), liquidatedCount: ids.length, liquidatedQuantity: new Decimal(roundQty).div(QTY_SCALE), notionalSoldUsd: money(roundNotional), insuranceFundUsd: money(fund), badDebtUsd: money(badDebt), adlEvents: roundAdl, socializedLossUsd: money(socialized) });
    progress(0.5 + (0.5 * ptr) / Math.max(1, k));
  }
  let exhausted = true;
  for (let l = level; l < levelCount; l++) if (levelQty[l]! > 0) exhausted = false;
  progress(1);
  return finish(p, {
    trace, finalPrice: cents(s * mark), notional: money(notional), count: ptr, quantity: new Decimal(quantity).div(QTY_SCALE),
    fundEnd: money(fund), badDebt: money(badDebt), adlEvents, adlCharged: money(adlCharged), socialized: money(socialized), uncovered: money(uncovered),
    exhausted, stopped, liquidationRound, marketPnl: money(marketPnl), traderPnl: money(traderPnl),
  });
}

/**
 * The liquidation price of every position of a population on the side a
 * shock of this sign hurts, in USD, as exact cents (floor for longs, ceiling
 * for shorts) — a histogram of these is the cascade's fuel. `null` for
 * positions on the other side.
 *
 * @example
 * liquidationThresholds(populationFromPositions([{ side: "long", quantity: 1, entryPrice: 67000, margin: 6700 }]), "fall")[0]?.toString() //=> "60542.16"
 */
export function liquidationThresholds(pop: PositionPopulation, direction: "fall" | "rise"): (Decimal | null)[] {
  const s = direction === "fall" ? 1 : -1;
  const out: (Decimal | null)[] = [];
  for (let i = 0; i < pop.size; i++) {
    if ((pop.isLong[i] === 1) !== (s === 1)) {
      out.push(null);
      continue;
    }
    out.push(cents(s * thresholdCents(s * pop.entryCents[i]!, pop.quantityMilli[i]!, pop.marginCents[i]!, pop.maintenanceAmountCents[i]!, pop.maintenanceRatePpm[i]!, s)));
  }
  return out;
}

/** One point of {@link amplificationCurve}. */
export interface AmplificationPoint {
  shock: Decimal;
  priceMove: Decimal;
  amplification: Decimal | null;
  liquidatedCount: number;
  liquidatedNotionalUsd: Decimal;
  badDebtUsd: Decimal;
}

/**
 * Runs the sweep for several shocks on the same positions and book — the
 * curve "how far does the price fall for a given push?" that shows where a
 * market tips from absorbing a shock to amplifying it.
 *
 * @throws RangeError when `shocks` is empty or longer than 1 000, or for any bad cascade input
 * @example
 * amplificationCurve({ positions: [] }, [-0.05, -0.1]).map((p) => p.priceMove.toString()) //=> ["-0.05", "-0.1"]
 */
export function amplificationCurve(input: CascadeInput, shocks: DecimalInput[]): AmplificationPoint[] {
  if (!Array.isArray(shocks) || shocks.length === 0 || shocks.length > 1000) throw new RangeError("shocks must list between 1 and 1 000 price moves.");
  // Resolve once so every point sees the same generated population.
  const source = resolvePopulation(input);
  const shared: CascadeInput = { ...input, positions: undefined, population: Array.isArray(source) ? populationFromPositions(source) : source };
  return shocks.map((shock) => {
    const r = sweepCascade({ ...shared, shock });
    return { shock: D(shock, "shock"), priceMove: r.priceMove, amplification: r.amplification, liquidatedCount: r.totalLiquidatedCount, liquidatedNotionalUsd: r.totalLiquidatedNotional, badDebtUsd: r.badDebtUsd };
  });
}
