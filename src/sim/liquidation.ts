/**
 * liquidation — the exchange's liquidation engine: the queue, the throughput
 * per tick, the insurance fund, auto-deleveraging (ADL) and socialized losses.
 *
 * Models: when a position's equity falls to its maintenance margin the
 * exchange takes it over — the trader loses the whole margin — and closes it
 * with a market order into the book. The position's *bankruptcy value*
 * (quantity × bankruptcy price) is what the close must fetch for the account
 * to end at exactly zero. A better fill is a surplus that goes to the
 * insurance fund (as on Binance, where the remaining margin feeds the fund); a
 * worse fill is a loss the fund pays. When the fund cannot, the rest is either
 * taken from the most profitable traders on the other side (ADL, ranked
 * BitMEX-style by PnL % × effective leverage) or recorded as a socialized loss
 * shared by all winners. The engine sends at most `throughputPerTick` orders
 * per tick: a queue that grows while the price keeps moving is how a slow
 * engine turns margin calls into bad debt.
 *
 * Every dollar is accounted for: the market PnL of the closed positions equals
 * the traders' lost margins + the fund's change + ADL charges + socialized and
 * uncovered losses, to the last digit (`conservation.residualUsd` is zero).
 *
 * Simplifications: no liquidation fee; the whole position is closed at once
 * (no partial liquidation); an ADL'd winner gives up profit equal to the
 * shortfall it covers and keeps the rest of its position — real venues close
 * the matching quantity at the bankrupt position's price, which moves the same
 * money but also shrinks the winner's position; the ranking is taken once per
 * tick (or round) and a winner stays first in line until its profit is used up; in the tick engine the mark follows an exogenous path
 * and the engine's own orders do not move it (the `cascade` module models that
 * feedback).
 *
 * Sources: BitMEX, "Auto-Deleveraging" (ranking = PnL % × effective leverage
 * when profitable, PnL % / effective leverage otherwise; ADL replaces
 * socialized loss); Binance, "Insurance Fund"; Hyperliquid docs,
 * "Liquidations" (book first, then backstop vault, then ADL).
 */
import { Decimal, D, ZERO, minDecimal, type DecimalInput } from "./money";
import { isLiquidatable, position as makePosition, unrealizedPnl, type Position, type PositionInput, type Side } from "./margin";
import { createOrderBook, type OrderBook, type OrderBookOptions } from "./orderbook";

/** What happens to a loss the insurance fund cannot pay. */
export type LossMode = "adl" | "socialize";

/**
 * Defaults of {@link simulateLiquidationEngine}.
 *
 * @example
 * liquidationDefaults.throughputPerTick //=> 5
 */
export const liquidationDefaults = {
  throughputPerTick: 5,
  refillRatePerTick: 0.2,
  insuranceFundUsd: "100000",
  afterFund: "adl" as LossMode,
  maxExtraTicks: 500,
};

/**
 * One winner deleveraged in one round (or tick): what ADL took from its
 * profit to cover the shortfalls of one or more bankrupt positions.
 */
export interface AdlEvent {
  /** Round (cascade) or tick (engine) in which it happened. */
  step: number;
  /** Index of the deleveraged position in the input. */
  index: number;
  id: string | number | undefined;
  side: Side;
  /** 1 = first in line. */
  rank: number;
  score: number;
  quantity: Decimal;
  markPrice: Decimal;
  /** Profit available to ADL before this round's charges, USD. */
  pnlUsd: Decimal;
  /** Taken from that profit this round, USD. */
  chargedUsd: Decimal;
  /** Index of the first bankrupt position whose shortfall this covered. */
  coveredIndex: number;
  /** How many bankrupt positions' shortfalls it covered. */
  coveredCount: number;
}

/** An entry of the ADL queue. */
export interface AdlRankEntry {
  index: number;
  id: string | number | undefined;
  side: Side;
  pnlUsd: Decimal;
  /** Effective leverage at the mark (notional / equity), as a float; Infinity once equity ≤ 0. */
  effectiveLeverage: number;
  score: number;
}

/**
 * BitMEX's ADL ranking score from PnL, margin and notional (floats: a ranking
 * key, not money): PnL % × effective leverage when profitable, PnL % ÷
 * effective leverage otherwise.
 *
 * @example
 * adlScore(500, 1000, 15000) //=> 5
 */
export function adlScore(pnlUsd: number, marginUsd: number, notionalUsd: number): number {
  const pnlRatio = pnlUsd / marginUsd;
  const equity = marginUsd + pnlUsd;
  if (equity <= 0) return pnlRatio > 0 ? Infinity : -Infinity;
  const leverage = notionalUsd / equity;
  return pnlUsd > 0 ? pnlRatio * leverage : pnlRatio / leverage;
}

/** Compares ADL entries: higher score first, then lower index (deterministic ties). */
export function compareAdl(a: { score: number; index: number }, b: { score: number; index: number }): number {
  return a.score !== b.score ? b.score - a.score : a.index - b.index;
}

/**
 * Ranks the positions on one side for ADL at a mark price: highest score first.
 * `pnlUsd` is the profit still available to ADL: unrealized PnL minus what ADL
 * already took (`alreadyChargedUsd`). With `profitableOnly`, only positions
 * with profit left are returned (those are the ones ADL can charge).
 *
 * @example
 * const winners = [makePosition({ side: "short", quantity: 1, entryPrice: 100, margin: 10 }),
 *                  makePosition({ side: "short", quantity: 1, entryPrice: 100, margin: 50 })];
 * rankForAdl(winners, "short", 90).map((e) => e.index) //=> [0, 1]
 */
export function rankForAdl(positions: readonly Position[], side: Side, markPrice: DecimalInput, options: { profitableOnly?: boolean; exclude?: (index: number) => boolean; alreadyChargedUsd?: (index: number) => Decimal } = {}): AdlRankEntry[] {
  const mark = D(markPrice, "markPrice");
  const entries: AdlRankEntry[] = [];
  positions.forEach((p, index) => {
    if (p.side !== side || options.exclude?.(index)) return;
    const charged = options.alreadyChargedUsd?.(index);
    const pnl = charged ? unrealizedPnl(p, mark).minus(charged) : unrealizedPnl(p, mark);
    if (options.profitableOnly && !pnl.gt(0)) return;
    const pnlN = pnl.toNumber();
    const marginN = p.margin.toNumber();
    const notionalN = p.quantity.times(mark).toNumber();
    const equity = marginN + pnlN;
    entries.push({ index, id: p.id, side, pnlUsd: pnl, effectiveLeverage: equity > 0 ? notionalN / equity : Infinity, score: adlScore(pnlN, marginN, notionalN) });
  });
  return entries.sort(compareAdl);
}

/** How one liquidation settles against the insurance fund. */
export interface Settlement {
  /** Fill minus bankruptcy value when positive, USD (to the fund). */
  surplusUsd: Decimal;
  /** Bankruptcy value minus fill when positive, USD. */
  lossUsd: Decimal;
  fromFundUsd: Decimal;
  /** Loss the fund could not pay, USD. */
  shortfallUsd: Decimal;
  fundAfterUsd: Decimal;
}

/**
 * Settles one close against the fund. `closeValueUsd` is what the closing
 * trade fetched (a long's sale proceeds) or cost (a short's buy-back).
 *
 * @example
 * // a long with bankruptcy value 60 300 sold for 60 000, fund 200
 * settleLiquidation({ side: "long", closeValueUsd: 60000, bankruptcyValueUsd: 60300, fundUsd: 200 }).shortfallUsd.toString() //=> "100"
 */
export function settleLiquidation(p: { side: Side; closeValueUsd: DecimalInput; bankruptcyValueUsd: DecimalInput; fundUsd: DecimalInput }): Settlement {
  const fund = D(p.fundUsd, "fundUsd");
  if (fund.isNegative()) throw new RangeError(`fundUsd cannot be negative, but it is ${fund.toString()}.`);
  const close = D(p.closeValueUsd, "closeValueUsd");
  const bankruptcy = D(p.bankruptcyValueUsd, "bankruptcyValueUsd");
  // A long's sale beats bankruptcy when it fetched more; a short's buy-back when it cost less.
  const gain = p.side === "long" ? close.minus(bankruptcy) : bankruptcy.minus(close);
  if (!gain.isNegative()) return { surplusUsd: gain, lossUsd: ZERO, fromFundUsd: ZERO, shortfallUsd: ZERO, fundAfterUsd: fund.plus(gain) };
  const loss = gain.neg();
  const fromFund = minDecimal(fund, loss);
  return { surplusUsd: ZERO, lossUsd: loss, fromFundUsd: fromFund, shortfallUsd: loss.minus(fromFund), fundAfterUsd: fund.minus(fromFund) };
}

/** The bankruptcy value q × bankruptcy price = q·entry − s·margin, exact (may be ≤ 0 for a deep long). */
export function bankruptcyValueUsd(p: Position): Decimal {
  const costUsd = p.quantity.times(p.entryPrice);
  return p.side === "long" ? costUsd.minus(p.margin) : costUsd.plus(p.margin);
}

/**
 * Charges a shortfall to ranked winners, first in line first, each up to the
 * profit it has left (`pnlUsd`, reduced in place). A winner stays first in line
 * until its profit is used up. Start at `context.start` (the first winner with
 * profit left); returns the events, what no one could cover and where the
 * next charge starts.
 *
 * @example
 * const ranked = [{ index: 3, id: "w", side: "short" as const, pnlUsd: D(80), effectiveLeverage: 2, score: 1 }];
 * chargeAdl(D(50), ranked, { step: 1, coveredIndex: 0, markPrice: D(90), quantityOf: () => D(1) }).events[0].chargedUsd.toString() //=> "50"
 */
export function chargeAdl(shortfall: Decimal, ranked: AdlRankEntry[], context: { step: number; coveredIndex: number; markPrice: Decimal; quantityOf: (index: number) => Decimal; start?: number }): { events: AdlEvent[]; uncoveredUsd: Decimal; next: number } {
  const events: AdlEvent[] = [];
  let remaining = shortfall;
  let k = context.start ?? 0;
  while (remaining.gt(0) && k < ranked.length) {
    const entry = ranked[k]!;
    const charged = minDecimal(remaining, entry.pnlUsd);
    remaining = remaining.minus(charged);
    events.push({ step: context.step, index: entry.index, id: entry.id, side: entry.side, rank: k + 1, score: entry.score, quantity: context.quantityOf(entry.index), markPrice: context.markPrice, pnlUsd: entry.pnlUsd, chargedUsd: charged, coveredIndex: context.coveredIndex, coveredCount: 1 });
    entry.pnlUsd = entry.pnlUsd.minus(charged);
    if (!entry.pnlUsd.gt(0)) k++;
  }
  return { events, uncoveredUsd: remaining, next: k };
}

/**
 * Merges consecutive charges to the same winner in the same step into one
 * event (the profit before the first charge, the charges summed).
 *
 * @example
 * const e = { step: 1, index: 2, id: 2, side: "short" as const, rank: 1, score: 3, quantity: D(1), markPrice: D(90), pnlUsd: D(10), chargedUsd: D(4), coveredIndex: 0, coveredCount: 1 };
 * mergeAdlEvents([e, { ...e, pnlUsd: D(6), chargedUsd: D(5), coveredIndex: 1 }])[0].chargedUsd.toString() //=> "9"
 */
export function mergeAdlEvents(events: AdlEvent[]): AdlEvent[] {
  const merged: AdlEvent[] = [];
  for (const e of events) {
    const last = merged[merged.length - 1];
    if (last && last.step === e.step && last.index === e.index) {
      merged[merged.length - 1] = { ...last, chargedUsd: last.chargedUsd.plus(e.chargedUsd), coveredCount: last.coveredCount + e.coveredCount };
    } else merged.push({ ...e });
  }
  return merged;
}

/** The zero-sum check reported by every engine. */
export interface Conservation {
  /** What the closed positions made or lost in the market, USD (negative in a crash). */
  marketPnlUsd: Decimal;
  /** Liquidated traders' result: minus their margins, USD. */
  liquidatedTraderPnlUsd: Decimal;
  insuranceFundChangeUsd: Decimal;
  /** Minus what ADL took from winners, USD. */
  adlPnlUsd: Decimal;
  socializedLossUsd: Decimal;
  uncoveredLossUsd: Decimal;
  /** market − (traders + fund + ADL − socialized − uncovered); always exactly 0. */
  residualUsd: Decimal;
}

/** Builds the {@link Conservation} record from the totals. */
export function conservation(t: { marketPnlUsd: Decimal; liquidatedTraderPnlUsd: Decimal; insuranceFundChangeUsd: Decimal; adlPnlUsd: Decimal; socializedLossUsd: Decimal; uncoveredLossUsd: Decimal }): Conservation {
  const residual = t.marketPnlUsd.minus(t.liquidatedTraderPnlUsd.plus(t.insuranceFundChangeUsd).plus(t.adlPnlUsd).minus(t.socializedLossUsd).minus(t.uncoveredLossUsd));
  return { ...t, residualUsd: residual };
}

// ── the tick engine ────────────────────────────────────────────────────────

/** Input of {@link simulateLiquidationEngine}. */
export interface LiquidationEngineInput {
  positions: (Position | PositionInput)[];
  /** The exogenous mark price, one per tick. */
  pricePathUsd: DecimalInput[];
  /** The book the engine sells into, re-centred on the mark every tick (mid defaults to the first mark). */
  book?: OrderBookOptions;
  /** Orders the engine can send per tick. */
  throughputPerTick?: number;
  /** Fraction of consumed depth that comes back each tick. */
  refillRatePerTick?: number;
  insuranceFundUsd?: DecimalInput;
  afterFund?: LossMode;
  /** Ticks run at the last price after the path ends, to drain the queue. */
  maxExtraTicks?: number;
}

/** One tick of {@link simulateLiquidationEngine}. */
export interface EngineTick {
  tick: number;
  markPrice: Decimal;
  /** Positions that crossed maintenance this tick. */
  newlyQueued: number;
  /** Orders sent this tick. */
  liquidated: number;
  queueLength: number;
  insuranceFundUsd: Decimal;
  /** Cumulative loss beyond bankruptcy, USD (paid by the fund, ADL or socialized). */
  badDebtUsd: Decimal;
  /** Cumulative ADL charges, USD. */
  adlChargedUsd: Decimal;
  socializedLossUsd: Decimal;
  adlEvents: AdlEvent[];
}

/** One position's liquidation record. */
export interface LiquidationRecord {
  index: number;
  id: string | number | undefined;
  side: Side;
  queuedTick: number;
  closedTick: number;
  closePrice: Decimal;
  closeValueUsd: Decimal;
  bankruptcyValueUsd: Decimal;
  /** Positive: paid into the fund; negative: loss beyond bankruptcy. */
  resultUsd: Decimal;
}

/** Output of {@link simulateLiquidationEngine}. */
export interface LiquidationEngineResult {
  ticks: EngineTick[];
  liquidations: LiquidationRecord[];
  adlEvents: AdlEvent[];
  finalInsuranceFundUsd: Decimal;
  totalBadDebtUsd: Decimal;
  totalAdlChargedUsd: Decimal;
  socializedLossUsd: Decimal;
  uncoveredLossUsd: Decimal;
  maxQueueLength: number;
  /** Positions still queued when the run stopped. */
  queueRemaining: number;
  conservation: Conservation;
}

function wholeNumber(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be a whole number from ${min} to ${max}, but it is ${String(value)}.`);
  return value;
}

/** Accepts positions as {@link Position} or plain input, validating the latter. */
export function toPositions(positions: (Position | PositionInput)[]): Position[] {
  if (!Array.isArray(positions)) throw new RangeError("positions must be an array of positions.");
  return positions.map((p, i) => {
    try {
      return p.quantity instanceof Decimal && p.entryPrice instanceof Decimal && p.margin instanceof Decimal && (p as Position).maintenanceMarginRate instanceof Decimal
        ? (p as Position)
        : makePosition(p as PositionInput);
    } catch (error) {
      throw new RangeError(`Position ${i + 1}: ${(error as Error).message}`);
    }
  });
}

/**
 * Runs the liquidation engine along an exogenous price path: each tick it
 * queues positions below maintenance, closes at most `throughputPerTick` of
 * them into the book, settles each against the insurance fund and covers any
 * shortfall by ADL or socialized loss.
 *
 * @throws RangeError for an empty price path, a negative fund, a throughput
 * that is not a whole number ≥ 1, or a refill rate outside [0, 1]
 * @example
 * const r = simulateLiquidationEngine({
 *   positions: [{ side: "long", quantity: 1, entryPrice: 100, margin: 10 }, { side: "short", quantity: 1, entryPrice: 120, margin: 60 }],
 *   pricePathUsd: [100, 89, 85], insuranceFundUsd: 0,
 *   book: { depthUsd: 1000, levels: 10, levelSpacingBps: 100, profile: "flat" } });
 * r.adlEvents.length //=> 1
 */
export function simulateLiquidationEngine(input: LiquidationEngineInput): LiquidationEngineResult {
  const o = { ...liquidationDefaults, ...input };
  const positions = toPositions(o.positions);
  if (!Array.isArray(o.pricePathUsd) || o.pricePathUsd.length === 0) throw new RangeError("pricePathUsd needs at least one price.");
  const path = o.pricePathUsd.map((p, i) => {
    const d = D(p, `pricePathUsd[${i}]`);
    if (!d.gt(0)) throw new RangeError(`pricePathUsd[${i}] must be greater than zero, but it is ${d.toString()}.`);
    return d;
  });
  const throughput = wholeNumber(o.throughputPerTick, "throughputPerTick", 1, 1_000_000);
  const extraTicks = wholeNumber(o.maxExtraTicks, "maxExtraTicks", 0, 1_000_000);
  const refillRate = o.refillRatePerTick;
  if (!Number.isFinite(refillRate) || refillRate < 0 || refillRate > 1) throw new RangeError(`refillRatePerTick must be between 0 and 1, but it is ${String(refillRate)}.`);
  const fundStart = D(o.insuranceFundUsd, "insuranceFundUsd");
  if (fundStart.isNegative()) throw new RangeError(`insuranceFundUsd cannot be negative, but it is ${fundStart.toString()}.`);
  if (o.afterFund !== "adl" && o.afterFund !== "socialize") throw new RangeError(`afterFund must be "adl" or "socialize", not ${JSON.stringify(o.afterFund)}.`);
  const book: OrderBook = createOrderBook({ exhaustion: "lastPrice", ...o.book, midPriceUsd: o.book?.midPriceUsd ?? path[0]! });

  const state = positions.map(() => "open" as "open" | "queued" | "closed");
  // What ADL has taken from each winner so far: it comes out of their equity.
  const adlTaken: Decimal[] = positions.map(() => ZERO);
  const effective = (index: number): Position => {
    const p = positions[index]!;
    return adlTaken[index]!.isZero() ? p : { ...p, margin: p.margin.minus(adlTaken[index]!) };
  };
  // Speed: each position's liquidation price, cached, decides every mark clearly on one side of
  // it with one comparison; marks within a hair of it get the exact equity test.
  const threshold: ({ low: Decimal; high: Decimal } | null)[] = positions.map(() => null);
  const hair = D("1e-20");
  const crossed = (index: number, mark: Decimal): boolean => {
    const p = effective(index);
    let t = threshold[index];
    if (!t) {
      const q = p.quantity, mmr = p.maintenanceMarginRate, cum = p.maintenanceAmountUsd ?? ZERO;
      const price = p.side === "long"
        ? q.times(p.entryPrice).minus(p.margin).minus(cum).div(q.times(D(1).minus(mmr)))
        : q.times(p.entryPrice).plus(p.margin).plus(cum).div(q.times(D(1).plus(mmr)));
      t = threshold[index] = { low: price.minus(price.abs().times(hair)), high: price.plus(price.abs().times(hair)) };
    }
    if (p.side === "long" ? mark.lt(t.low) : mark.gt(t.high)) return true;
    if (p.side === "long" ? mark.gt(t.high) : mark.lt(t.low)) return false;
    return isLiquidatable(p, mark);
  };
  const queue: { index: number; queuedTick: number }[] = [];
  let queueHead = 0; // entries before it have been sent
  let fund = fundStart;
  let badDebt = ZERO, adlCharged = ZERO, socialized = ZERO, uncovered = ZERO, marketPnl = ZERO, traderPnl = ZERO;
  const ticks: EngineTick[] = [];
  const liquidations: LiquidationRecord[] = [];
  const allAdl: AdlEvent[] = [];
  let maxQueue = 0;

  const lastTick = path.length - 1 + extraTicks;
  for (let tick = 0; tick <= lastTick; tick++) {
    if (tick >= path.length && queueHead === queue.length) break;
    const mark = path[Math.min(tick, path.length - 1)]!;
    book.recenter(mark);
    // A trade price from an earlier tick is stale once the book has moved: an
    // order that finds the book empty then fills at the deepest level of the
    // book as it stands now, never at an old, better price.
    book.lastTradePrice = null;
    if (tick > 0) book.refill(refillRate);
    let newlyQueued = 0;
    positions.forEach((_, index) => {
      if (state[index] === "open" && crossed(index, mark)) {
        state[index] = "queued";
        queue.push({ index, queuedTick: tick });
        traderPnl = traderPnl.minus(effective(index).margin); // the trader's margin is gone the moment the engine takes over
        newlyQueued++;
      }
    });
    maxQueue = Math.max(maxQueue, queue.length - queueHead);
    const tickAdl: AdlEvent[] = [];
    const tickRanking: Partial<Record<Side, { ranked: AdlRankEntry[]; next: number }>> = {};
    let sent = 0;
    while (sent < throughput && queueHead < queue.length) {
      const { index, queuedTick } = queue[queueHead++]!;
      const p = effective(index);
      sent++;
      const order = p.side === "long" ? book.sell(p.quantity) : book.buy(p.quantity);
      const bankruptcy = bankruptcyValueUsd(p);
      const s = settleLiquidation({ side: p.side, closeValueUsd: order.notionalUsd, bankruptcyValueUsd: bankruptcy, fundUsd: fund });
      fund = s.fundAfterUsd;
      state[index] = "closed";
      const cost = p.quantity.times(p.entryPrice);
      marketPnl = marketPnl.plus(p.side === "long" ? order.notionalUsd.minus(cost) : cost.minus(order.notionalUsd));
      badDebt = badDebt.plus(s.lossUsd);
      liquidations.push({ index, id: p.id, side: p.side, queuedTick, closedTick: tick, closePrice: order.lastPrice ?? mark, closeValueUsd: order.notionalUsd, bankruptcyValueUsd: bankruptcy, resultUsd: s.surplusUsd.minus(s.lossUsd) });
      if (s.shortfallUsd.gt(0)) {
        if (o.afterFund === "socialize") {
          socialized = socialized.plus(s.shortfallUsd);
        } else {
          // One ranking per side per tick, taken at the tick's mark and used up in order.
          const winSide = p.side === "long" ? "short" : "long";
          const r = (tickRanking[winSide] ??= { ranked: rankForAdl(positions, winSide, mark, { profitableOnly: true, exclude: (i) => state[i] !== "open", alreadyChargedUsd: (i) => adlTaken[i]! }), next: 0 });
          const charged = chargeAdl(s.shortfallUsd, r.ranked, { step: tick, coveredIndex: index, markPrice: mark, quantityOf: (i) => positions[i]!.quantity, start: r.next });
          r.next = charged.next;
          for (const e of charged.events) {
            adlTaken[e.index] = adlTaken[e.index]!.plus(e.chargedUsd);
            adlCharged = adlCharged.plus(e.chargedUsd);
            threshold[e.index] = null; // its equity changed
          }
          uncovered = uncovered.plus(charged.uncoveredUsd);
          tickAdl.push(...charged.events);
        }
      }
    }
    const tickEvents = mergeAdlEvents(tickAdl);
    allAdl.push(...tickEvents);
    ticks.push({ tick, markPrice: mark, newlyQueued, liquidated: sent, queueLength: queue.length - queueHead, insuranceFundUsd: fund, badDebtUsd: badDebt, adlChargedUsd: adlCharged, socializedLossUsd: socialized, adlEvents: tickEvents });
  }
  // Positions still queued were taken over but never closed: their margin is
  // counted as lost above, so count it back for the books to balance.
  for (const { index } of queue.slice(queueHead)) traderPnl = traderPnl.plus(effective(index).margin);
  return {
    ticks,
    liquidations,
    adlEvents: allAdl,
    finalInsuranceFundUsd: fund,
    totalBadDebtUsd: badDebt,
    totalAdlChargedUsd: adlCharged,
    socializedLossUsd: socialized,
    uncoveredLossUsd: uncovered,
    maxQueueLength: maxQueue,
    queueRemaining: queue.length - queueHead,
    conservation: conservation({ marketPnlUsd: marketPnl, liquidatedTraderPnlUsd: traderPnl, insuranceFundChangeUsd: fund.minus(fundStart), adlPnlUsd: adlCharged.neg(), socializedLossUsd: socialized, uncoveredLossUsd: uncovered }),
  };
}
