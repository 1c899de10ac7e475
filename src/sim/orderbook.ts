/**
 * orderbook — a limit order book around a mid price, market orders that walk
 * it, slippage, and refill over time.
 *
 * Models: each side has `levels` price levels spaced `levelSpacingBps` apart
 * (level k sits k × spacing from the mid). The side's total depth in USD is
 * spread over the levels by a profile: `flat` (equal), `linear` (growing with
 * distance: thin at the top, thicker further out) or `exponential` (decaying
 * with distance: most liquidity near the mid, little far away — the book a
 * crash falls through). A market order takes levels best-first; each fill is
 * at its level's price. Between ticks each level refills a fraction of the gap
 * to its profile.
 *
 * Simplifications: no limit orders arrive from traders, no queue priority
 * inside a level, no hidden liquidity; prices are rounded to `priceTickUsd`
 * (bids down, asks up) and level quantities down to `quantityStep`. Beyond the
 * last level a book either leaves the rest unfilled or, with
 * `exhaustion: "lastPrice"`, fills it at the last traded price (a backstop
 * that keeps a cascade finite; real books would gap further).
 *
 * Sources: the "depth profile" shape follows the usual stylised limit-order-book
 * literature (e.g. Bouchaud, Bonart, Donier & Gould, "Trades, Quotes and
 * Prices", 2018, ch. 4 — mean depth profiles); the parameters are illustrative.
 */
import { Decimal, D, ZERO, type DecimalInput } from "./money";

/** The shape of depth across price levels. */
export type DepthProfile = "flat" | "linear" | "exponential";

/** Options of {@link createOrderBook}; every field has a default. */
export interface OrderBookOptions {
  /** Mid price, USD. */
  midPriceUsd?: DecimalInput;
  /** Total resting depth on each side, USD (at level prices). */
  depthUsd?: DecimalInput;
  /** Number of price levels on each side. */
  levels?: number;
  /** Distance between adjacent levels, basis points of the mid. */
  levelSpacingBps?: number;
  profile?: DepthProfile;
  /** For `exponential`: depth falls by e every this many levels. */
  decayLevels?: number;
  priceTickUsd?: DecimalInput;
  quantityStep?: DecimalInput;
  /** What happens when an order runs through the last level. */
  exhaustion?: "unfilled" | "lastPrice";
}

/**
 * Defaults: a BTC-like book with $50M a side over 30 % of price.
 *
 * @example
 * orderBookDefaults.levels * orderBookDefaults.levelSpacingBps //=> 3000
 */
export const orderBookDefaults = {
  midPriceUsd: "67000",
  depthUsd: "50000000",
  levels: 300,
  levelSpacingBps: 10,
  profile: "linear" as DepthProfile,
  decayLevels: 60,
  priceTickUsd: "0.01",
  quantityStep: "0.001",
  exhaustion: "unfilled" as "unfilled" | "lastPrice",
};

/** One price level. */
export interface BookLevel {
  price: Decimal;
  quantity: Decimal;
}

/** One fill of a market order. */
export interface Fill {
  price: Decimal;
  quantity: Decimal;
}

/** What a market order did. */
export interface MarketOrderResult {
  side: "buy" | "sell";
  requestedQuantity: Decimal;
  filledQuantity: Decimal;
  unfilledQuantity: Decimal;
  fills: Fill[];
  /** Σ fill price × quantity, USD: proceeds of a sell, cost of a buy. */
  notionalUsd: Decimal;
  /** notional / filled quantity (null when nothing filled). */
  averagePrice: Decimal | null;
  /** How much worse than the mid the average was, as a fraction (≥ 0). */
  slippage: Decimal | null;
  /** Price of the last fill (null when nothing filled). */
  lastPrice: Decimal | null;
}

function positiveInteger(value: number, name: string, max = 1_000_000): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be a whole number from 1 to ${max}, but it is ${String(value)}.`);
  }
  return value;
}

function positiveFinite(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, but it is ${String(value)}.`);
  return value;
}

function positiveD(value: DecimalInput, name: string): Decimal {
  const d = D(value, name);
  if (!d.gt(0)) throw new RangeError(`${name} must be greater than zero, but it is ${d.toString()}.`);
  return d;
}

function floorTo(value: Decimal, step: Decimal): Decimal {
  return value.div(step).floor().times(step);
}

function ceilTo(value: Decimal, step: Decimal): Decimal {
  return value.div(step).ceil().times(step);
}

/**
 * A mutable limit order book. Create it with {@link createOrderBook}; market
 * orders consume it; {@link OrderBook.refill} restores it toward its profile.
 *
 * @example
 * const book = createOrderBook({ midPriceUsd: 100, depthUsd: 1000, levels: 2, levelSpacingBps: 100, profile: "flat" });
 * book.sell(6).lastPrice?.toString() //=> "98"
 * book.bestBid()?.toString()         //=> "98"
 */
export class OrderBook {
  midPrice: Decimal;
  readonly levelSpacingBps: number;
  readonly priceTick: Decimal;
  readonly quantityStep: Decimal;
  readonly exhaustion: "unfilled" | "lastPrice";
  /** Best first: highest bid first. */
  readonly bids: BookLevel[];
  /** Best first: lowest ask first. */
  readonly asks: BookLevel[];
  /** Profile quantity of each level, the refill target. */
  readonly targetQuantities: Decimal[];
  lastTradePrice: Decimal | null = null;

  constructor(init: { midPrice: Decimal; levelSpacingBps: number; priceTick: Decimal; quantityStep: Decimal; exhaustion: "unfilled" | "lastPrice"; bids: BookLevel[]; asks: BookLevel[]; targetQuantities: Decimal[] }) {
    this.midPrice = init.midPrice;
    this.levelSpacingBps = init.levelSpacingBps;
    this.priceTick = init.priceTick;
    this.quantityStep = init.quantityStep;
    this.exhaustion = init.exhaustion;
    this.bids = init.bids;
    this.asks = init.asks;
    this.targetQuantities = init.targetQuantities;
  }

  /** Price of bid level k (1-based) around a mid, rounded down to the tick. */
  bidPriceAt(k: number, mid: Decimal = this.midPrice): Decimal {
    return floorTo(mid.times(D(10_000 - k * this.levelSpacingBps)).div(10_000), this.priceTick);
  }

  /** Price of ask level k (1-based) around a mid, rounded up to the tick. */
  askPriceAt(k: number, mid: Decimal = this.midPrice): Decimal {
    return ceilTo(mid.times(D(10_000 + k * this.levelSpacingBps)).div(10_000), this.priceTick);
  }

  /** A deep copy. */
  clone(): OrderBook {
    const copy = (levels: BookLevel[]) => levels.map((l) => ({ price: l.price, quantity: l.quantity }));
    const book = new OrderBook({ ...this, bids: copy(this.bids), asks: copy(this.asks), targetQuantities: [...this.targetQuantities], midPrice: this.midPrice });
    book.lastTradePrice = this.lastTradePrice;
    return book;
  }

  /** Highest bid with quantity left, or null. */
  bestBid(): Decimal | null {
    return this.bids.find((l) => l.quantity.gt(0))?.price ?? null;
  }

  /** Lowest ask with quantity left, or null. */
  bestAsk(): Decimal | null {
    return this.asks.find((l) => l.quantity.gt(0))?.price ?? null;
  }

  /** Resting depth of one side, USD at level prices. */
  sideDepthUsd(side: "bid" | "ask"): Decimal {
    let total = ZERO;
    for (const l of side === "bid" ? this.bids : this.asks) total = total.plus(l.price.times(l.quantity));
    return total;
  }

  /** Sells `quantity` into the bids (a market sell). */
  sell(quantity: DecimalInput): MarketOrderResult {
    return this.walk("sell", quantity);
  }

  /** Buys `quantity` from the asks (a market buy). */
  buy(quantity: DecimalInput): MarketOrderResult {
    return this.walk("buy", quantity);
  }

  /**
   * What a market order would fetch (sell) or cost (buy) right now, USD,
   * without touching the book — how a keeper prices a liquidation before
   * sending it. Same fills as {@link OrderBook.sell} / {@link OrderBook.buy}.
   */
  quote(side: "buy" | "sell", quantityInput: DecimalInput): Decimal {
    const requested = D(quantityInput, "quantity");
    if (requested.isNegative()) throw new RangeError(`quantity cannot be negative, but it is ${requested.toString()}.`);
    const levels = side === "sell" ? this.bids : this.asks;
    let remaining = requested;
    let notional = ZERO;
    let last: Decimal | null = null;
    for (const level of levels) {
      if (remaining.isZero()) break;
      if (level.quantity.isZero()) continue;
      const take = level.quantity.lt(remaining) ? level.quantity : remaining;
      remaining = remaining.minus(take);
      notional = notional.plus(take.times(level.price));
      last = level.price;
    }
    if (remaining.gt(0) && this.exhaustion === "lastPrice" && levels.length > 0) {
      notional = notional.plus(remaining.times(last ?? this.lastTradePrice ?? levels[levels.length - 1]!.price));
    }
    return notional;
  }

  private walk(side: "buy" | "sell", quantityInput: DecimalInput): MarketOrderResult {
    const requested = D(quantityInput, "quantity");
    if (requested.isNegative()) throw new RangeError(`quantity cannot be negative, but it is ${requested.toString()}.`);
    const levels = side === "sell" ? this.bids : this.asks;
    const fills: Fill[] = [];
    let remaining = requested;
    let notional = ZERO;
    for (const level of levels) {
      if (remaining.isZero()) break;
      if (level.quantity.isZero()) continue;
      const take = level.quantity.lt(remaining) ? level.quantity : remaining;
      level.quantity = level.quantity.minus(take);
      remaining = remaining.minus(take);
      notional = notional.plus(take.times(level.price));
      fills.push({ price: level.price, quantity: take });
    }
    if (remaining.gt(0) && this.exhaustion === "lastPrice" && levels.length > 0) {
      // The backstop: the rest fills at the last traded price (this order's last fill, else the book's).
      const price = fills.length > 0 ? fills[fills.length - 1]!.price : (this.lastTradePrice ?? levels[levels.length - 1]!.price);
      notional = notional.plus(remaining.times(price));
      fills.push({ price, quantity: remaining });
      remaining = ZERO;
    }
    const filled = requested.minus(remaining);
    const last = fills.length > 0 ? fills[fills.length - 1]!.price : null;
    if (last) this.lastTradePrice = last;
    const average = filled.gt(0) ? notional.div(filled) : null;
    const slippage = average === null ? null : (side === "sell" ? this.midPrice.minus(average) : average.minus(this.midPrice)).div(this.midPrice);
    return { side, requestedQuantity: requested, filledQuantity: filled, unfilledQuantity: remaining, fills, notionalUsd: notional, averagePrice: average, slippage, lastPrice: last };
  }

  /**
   * Exogenous flow takes all liquidity between the mid and `price` (bids above
   * it for a fall, asks below it for a rise) and the last trade prints at `price`.
   */
  consumeTo(price: DecimalInput): void {
    const p = positiveD(price, "price");
    if (p.lt(this.midPrice)) for (const l of this.bids) if (l.price.gt(p)) l.quantity = ZERO;
    if (p.gt(this.midPrice)) for (const l of this.asks) if (l.price.lt(p)) l.quantity = ZERO;
    this.lastTradePrice = p;
  }

  /**
   * Moves every level toward its profile quantity by `ratePerTick` of the gap
   * (0 = never refills, 1 = fully refilled each tick), rounded down to the step.
   */
  refill(ratePerTick: number): void {
    if (!Number.isFinite(ratePerTick) || ratePerTick < 0 || ratePerTick > 1) {
      throw new RangeError(`ratePerTick must be between 0 and 1, but it is ${String(ratePerTick)}.`);
    }
    const rate = D(ratePerTick);
    const refillSide = (levels: BookLevel[]) =>
      levels.forEach((level, i) => {
        const gap = this.targetQuantities[i]!.minus(level.quantity);
        if (gap.gt(0)) level.quantity = level.quantity.plus(floorTo(gap.times(rate), this.quantityStep));
      });
    refillSide(this.bids);
    refillSide(this.asks);
  }

  /** Re-prices every level around a new mid, keeping the quantities left. */
  recenter(midPrice: DecimalInput): void {
    const mid = positiveD(midPrice, "midPrice");
    this.midPrice = mid;
    this.bids.forEach((l, i) => (l.price = this.bidPriceAt(i + 1, mid)));
    this.asks.forEach((l, i) => (l.price = this.askPriceAt(i + 1, mid)));
  }
}

/**
 * Builds a book around a mid from a depth profile.
 *
 * @throws RangeError for a non-positive mid or depth, a level count that is not
 * a whole number, a spacing that would put a bid at or below zero, or levels
 * that collapse onto the same tick
 * @example
 * const book = createOrderBook({ midPriceUsd: 100, depthUsd: 1000, levels: 2, levelSpacingBps: 100, profile: "flat" });
 * book.bids.map((l) => `${l.quantity}@${l.price}`) //=> ["5.05@99", "5.102@98"]
 */
export function createOrderBook(options: OrderBookOptions = {}): OrderBook {
  const o = { ...orderBookDefaults, ...options };
  const mid = positiveD(o.midPriceUsd, "midPriceUsd");
  const depth = D(o.depthUsd, "depthUsd");
  if (depth.isNegative()) throw new RangeError(`depthUsd cannot be negative, but it is ${depth.toString()}.`);
  const levels = positiveInteger(o.levels, "levels", 100_000);
  const spacing = positiveFinite(o.levelSpacingBps, "levelSpacingBps");
  if (levels * spacing >= 10_000) {
    throw new RangeError(`levels × levelSpacingBps must stay below 10 000 bps (100 %) so every bid is above zero; got ${levels} × ${spacing}.`);
  }
  if (!["flat", "linear", "exponential"].includes(o.profile)) {
    throw new RangeError(`profile must be "flat", "linear" or "exponential", not ${JSON.stringify(o.profile)}.`);
  }
  const decay = positiveFinite(o.decayLevels, "decayLevels");
  const tick = positiveD(o.priceTickUsd, "priceTickUsd");
  const step = positiveD(o.quantityStep, "quantityStep");
  if (o.exhaustion !== "unfilled" && o.exhaustion !== "lastPrice") {
    throw new RangeError(`exhaustion must be "unfilled" or "lastPrice", not ${JSON.stringify(o.exhaustion)}.`);
  }
  if (mid.times(spacing).div(10_000).lt(tick)) {
    throw new RangeError(`levelSpacingBps is too small: adjacent levels would be less than one price tick (${tick.toString()}) apart.`);
  }
  const weights: Decimal[] = [];
  for (let k = 1; k <= levels; k++) {
    weights.push(o.profile === "flat" ? D(1) : o.profile === "linear" ? D(k) : D(-(k - 1)).div(decay).exp());
  }
  const totalWeight = weights.reduce((a, b) => a.plus(b), ZERO);
  const book = new OrderBook({ midPrice: mid, levelSpacingBps: spacing, priceTick: tick, quantityStep: step, exhaustion: o.exhaustion, bids: [], asks: [], targetQuantities: [] });
  for (let k = 1; k <= levels; k++) {
    const levelUsd = depth.times(weights[k - 1]!).div(totalWeight);
    const bidPrice = book.bidPriceAt(k);
    const askPrice = book.askPriceAt(k);
    // The same quantity on both sides (sized at the bid) keeps the book symmetric in units.
    const quantity = floorTo(levelUsd.div(bidPrice), step);
    book.bids.push({ price: bidPrice, quantity });
    book.asks.push({ price: askPrice, quantity });
    book.targetQuantities.push(quantity);
  }
  return book;
}

/**
 * A market order against a book (mutates the book): `"sell"` walks the bids,
 * `"buy"` the asks.
 *
 * @throws RangeError for a negative or non-numeric quantity
 * @example
 * const book = createOrderBook({ midPriceUsd: 100, depthUsd: 1000, levels: 2, levelSpacingBps: 100, profile: "flat" });
 * marketOrder(book, "sell", 6).averagePrice?.toFixed(4) //=> "98.8417"
 */
export function marketOrder(book: OrderBook, side: "buy" | "sell", quantity: DecimalInput): MarketOrderResult {
  if (side !== "buy" && side !== "sell") throw new RangeError(`side must be "buy" or "sell", not ${JSON.stringify(side)}.`);
  return side === "sell" ? book.sell(quantity) : book.buy(quantity);
}
