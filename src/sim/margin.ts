/**
 * margin — linear (USD-margined) perpetual futures: positions, mark price,
 * unrealized PnL, initial and maintenance margin, isolated and cross margin,
 * liquidation and bankruptcy prices, funding.
 *
 * Models: one-way positions (long or short) in one contract whose PnL is
 * quantity × price change, in USD. Maintenance margin follows Binance's tiered
 * form `MM = notional × MMR − cum`, where `cum` (the "maintenance amount") makes
 * the tiers join continuously. A position is liquidated when its equity
 * (margin + unrealized PnL) is at or below its maintenance margin; it is
 * bankrupt when its equity is zero.
 *
 * Simplifications: no trading or liquidation fees; the mark price is given
 * (the venue's index/mark construction is not modelled); the tier is chosen by
 * the notional at the entry price; cross margin is solved for one position with
 * the others' PnL and margin held fixed.
 *
 * Sources: Binance Futures, "How to Calculate Liquidation Price of USDⓈ-M
 * Contracts" (isolated and cross formulas, worked example Q = 1, EP = 67 000,
 * WB = 6 700, MMR = 0.4 % → 60 542.17 / 73 406.37 — see FACTS.md); Binance,
 * "Introduction to Binance Futures Funding Rates" (F = P + clamp(I − P, ±0.05 %)).
 */
import { Decimal, D, ONE, ZERO, type DecimalInput } from "./money";

/** Which way a position bets: a long gains when the price rises, a short when it falls. */
export type Side = "long" | "short";

/** A perpetual-futures position with its own (isolated) margin. */
export interface Position {
  /** Who holds it; used to name traders in liquidation and ADL reports. */
  id?: string | number;
  side: Side;
  /** Contracts, in units of the base asset (e.g. BTC). Always positive. */
  quantity: Decimal;
  entryPrice: Decimal;
  /** Collateral posted for this position, USD. */
  margin: Decimal;
  /** Maintenance margin rate, a fraction (0.004 = 0.4 %). */
  maintenanceMarginRate: Decimal;
  /** Binance's maintenance amount `cum`, USD (0 for the first tier). */
  maintenanceAmountUsd?: Decimal;
}

/** What {@link position} accepts: the same fields as plain numbers, strings or Decimals. */
export interface PositionInput {
  id?: string | number;
  side: Side;
  quantity: DecimalInput;
  entryPrice: DecimalInput;
  margin: DecimalInput;
  maintenanceMarginRate?: DecimalInput;
  maintenanceAmountUsd?: DecimalInput;
}

/**
 * Defaults used where a rate is not given.
 *
 * @example
 * marginDefaults.maintenanceMarginRate //=> "0.004"
 */
export const marginDefaults = {
  /** Binance BTCUSDT's first tier. */
  maintenanceMarginRate: "0.004",
  /** The common funding interest rate per 8-hour interval (0.01 %). */
  fundingInterestRate: "0.0001",
  /** The clamp applied to (interest − premium) in the funding formula (±0.05 %). */
  fundingClampRate: "0.0005",
} as const;

// ── validation ─────────────────────────────────────────────────────────────

function checkSide(side: unknown, name = "side"): Side {
  if (side !== "long" && side !== "short") {
    throw new RangeError(`${name} must be "long" or "short", not ${JSON.stringify(side)}.`);
  }
  return side;
}

/** A Decimal that must be > 0. */
export function positiveDecimal(value: DecimalInput, name: string): Decimal {
  const d = D(value, name);
  if (!d.gt(0)) throw new RangeError(`${name} must be greater than zero, but it is ${d.toString()}.`);
  return d;
}

/** A Decimal that must be ≥ 0. */
export function nonNegativeDecimal(value: DecimalInput, name: string): Decimal {
  const d = D(value, name);
  if (d.isNegative() && !d.isZero()) throw new RangeError(`${name} cannot be negative, but it is ${d.toString()}.`);
  return d;
}

/** A rate in [0, 1). */
function rateDecimal(value: DecimalInput, name: string): Decimal {
  const d = nonNegativeDecimal(value, name);
  if (d.gte(1)) throw new RangeError(`${name} is a fraction and must be below 1 (0.004 means 0.4 %), but it is ${d.toString()}.`);
  return d;
}

/**
 * Builds a validated {@link Position} from plain values.
 *
 * @throws RangeError when the side is unknown, the quantity, entry price or
 * margin is not positive, or the maintenance margin rate is outside [0, 1)
 * @example
 * position({ side: "long", quantity: 1, entryPrice: 67000, margin: 6700 }).maintenanceMarginRate.toString() //=> "0.004"
 */
export function position(input: PositionInput): Position {
  const p: Position = {
    side: checkSide(input.side),
    quantity: positiveDecimal(input.quantity, "quantity"),
    entryPrice: positiveDecimal(input.entryPrice, "entryPrice"),
    margin: positiveDecimal(input.margin, "margin"),
    maintenanceMarginRate: rateDecimal(input.maintenanceMarginRate ?? marginDefaults.maintenanceMarginRate, "maintenanceMarginRate"),
    maintenanceAmountUsd: nonNegativeDecimal(input.maintenanceAmountUsd ?? 0, "maintenanceAmountUsd"),
  };
  if (input.id !== undefined) p.id = input.id;
  return p;
}

function sign(side: Side): 1 | -1 {
  return side === "long" ? 1 : -1;
}

// ── PnL and margin ─────────────────────────────────────────────────────────

/**
 * Notional value of a quantity at a price, USD.
 *
 * @example
 * notionalUsd("0.5", "67000").toString() //=> "33500"
 */
export function notionalUsd(quantity: DecimalInput, price: DecimalInput): Decimal {
  return nonNegativeDecimal(quantity, "quantity").times(nonNegativeDecimal(price, "price"));
}

/**
 * Unrealized PnL of a position at a mark price: quantity × (mark − entry) for a
 * long, quantity × (entry − mark) for a short. Exact.
 *
 * @example
 * unrealizedPnl(position({ side: "short", quantity: 2, entryPrice: 100, margin: 20 }), "90").toString() //=> "20"
 */
export function unrealizedPnl(p: Position, markPrice: DecimalInput): Decimal {
  const mark = nonNegativeDecimal(markPrice, "markPrice");
  return p.quantity.times(mark.minus(p.entryPrice)).times(sign(p.side));
}

/**
 * Equity of an isolated position: margin + unrealized PnL, USD.
 *
 * @example
 * equityUsd(position({ side: "long", quantity: 1, entryPrice: 100, margin: 10 }), "95").toString() //=> "5"
 */
export function equityUsd(p: Position, markPrice: DecimalInput): Decimal {
  return p.margin.plus(unrealizedPnl(p, markPrice));
}

/**
 * Initial margin needed to open a notional at a leverage: notional / leverage.
 *
 * @throws RangeError when leverage ≤ 0 or the notional is negative
 * @example
 * initialMarginUsd("67000", 10).toString() //=> "6700"
 */
export function initialMarginUsd(notional: DecimalInput, leverage: DecimalInput): Decimal {
  const lev = positiveDecimal(leverage, "leverage");
  return nonNegativeDecimal(notional, "notional").div(lev);
}

/**
 * Maintenance margin in Binance's form: notional × MMR − cum.
 *
 * @example
 * maintenanceMarginUsd("67000", "0.004").toString() //=> "268"
 */
export function maintenanceMarginUsd(notional: DecimalInput, maintenanceMarginRate: DecimalInput, maintenanceAmountUsd: DecimalInput = 0): Decimal {
  const n = nonNegativeDecimal(notional, "notional");
  return n.times(rateDecimal(maintenanceMarginRate, "maintenanceMarginRate")).minus(nonNegativeDecimal(maintenanceAmountUsd, "maintenanceAmountUsd"));
}

/** One row of a tiered maintenance-margin table. */
export interface MarginTier {
  /** Upper bound of the tier's notional, USD (inclusive); `null` for the last tier. */
  maxNotionalUsd: Decimal | null;
  maintenanceMarginRate: Decimal;
  /** Highest leverage the tier allows. */
  maxLeverage: Decimal;
  /** Maintenance amount `cum`, computed so tiers join: cumₖ = cumₖ₋₁ + boundₖ₋₁ × (MMRₖ − MMRₖ₋₁). */
  maintenanceAmountUsd: Decimal;
}

/**
 * Builds a tier table from bounds, rates and leverages, computing each tier's
 * maintenance amount so the maintenance margin is continuous across bounds.
 *
 * @throws RangeError when bounds do not increase or a rate falls
 * @example
 * marginTiers([{ maxNotionalUsd: 50000, maintenanceMarginRate: "0.004", maxLeverage: 125 },
 *              { maxNotionalUsd: null, maintenanceMarginRate: "0.005", maxLeverage: 100 }])[1].maintenanceAmountUsd.toString() //=> "50"
 */
export function marginTiers(rows: { maxNotionalUsd: DecimalInput | null; maintenanceMarginRate: DecimalInput; maxLeverage: DecimalInput }[]): MarginTier[] {
  if (rows.length === 0) throw new RangeError("A margin tier table needs at least one tier.");
  const tiers: MarginTier[] = [];
  let cum = ZERO;
  let previousBound = ZERO;
  let previousRate = ZERO;
  rows.forEach((row, i) => {
    const rate = rateDecimal(row.maintenanceMarginRate, `tier ${i + 1} maintenanceMarginRate`);
    if (rate.lt(previousRate)) throw new RangeError(`Tier ${i + 1}'s maintenance margin rate must not be lower than the tier before it.`);
    const bound = row.maxNotionalUsd === null ? null : positiveDecimal(row.maxNotionalUsd, `tier ${i + 1} maxNotionalUsd`);
    if (bound !== null && bound.lte(previousBound)) throw new RangeError(`Tier ${i + 1}'s maxNotionalUsd must be above the previous tier's bound.`);
    if (bound === null && i !== rows.length - 1) throw new RangeError("Only the last tier may have no upper bound (maxNotionalUsd: null).");
    cum = cum.plus(previousBound.times(rate.minus(previousRate)));
    tiers.push({ maxNotionalUsd: bound, maintenanceMarginRate: rate, maxLeverage: positiveDecimal(row.maxLeverage, `tier ${i + 1} maxLeverage`), maintenanceAmountUsd: cum });
    previousBound = bound ?? previousBound;
    previousRate = rate;
  });
  return tiers;
}

/**
 * An illustrative tier table in the shape of Binance's BTCUSDT perpetual
 * (first tiers 0.4 % / 0.5 % / 1 % …). Check the venue's current table before
 * quoting its numbers; the shape, not the exact bounds, is what the book uses.
 *
 * @example
 * ILLUSTRATIVE_BTC_TIERS[2].maintenanceAmountUsd.toString() //=> "3050"
 */
export const ILLUSTRATIVE_BTC_TIERS: MarginTier[] = marginTiers([
  { maxNotionalUsd: 50_000, maintenanceMarginRate: "0.004", maxLeverage: 125 },
  { maxNotionalUsd: 600_000, maintenanceMarginRate: "0.005", maxLeverage: 100 },
  { maxNotionalUsd: 3_000_000, maintenanceMarginRate: "0.01", maxLeverage: 50 },
  { maxNotionalUsd: 12_000_000, maintenanceMarginRate: "0.025", maxLeverage: 20 },
  { maxNotionalUsd: 70_000_000, maintenanceMarginRate: "0.05", maxLeverage: 10 },
  { maxNotionalUsd: null, maintenanceMarginRate: "0.1", maxLeverage: 5 },
]);

/**
 * The tier that applies to a notional.
 *
 * @example
 * tierFor("100000", ILLUSTRATIVE_BTC_TIERS).maintenanceMarginRate.toString() //=> "0.005"
 */
export function tierFor(notional: DecimalInput, tiers: MarginTier[] = ILLUSTRATIVE_BTC_TIERS): MarginTier {
  const n = nonNegativeDecimal(notional, "notional");
  for (const tier of tiers) if (tier.maxNotionalUsd === null || n.lte(tier.maxNotionalUsd)) return tier;
  return tiers[tiers.length - 1]!;
}

/**
 * Maintenance margin from a tier table: notional × MMR(tier) − cum(tier).
 *
 * @example
 * tieredMaintenanceMarginUsd("100000").toString() //=> "450"
 */
export function tieredMaintenanceMarginUsd(notional: DecimalInput, tiers: MarginTier[] = ILLUSTRATIVE_BTC_TIERS): Decimal {
  const tier = tierFor(notional, tiers);
  return D(notional).times(tier.maintenanceMarginRate).minus(tier.maintenanceAmountUsd);
}

/**
 * Maintenance margin of a position at a mark price, USD.
 *
 * @example
 * positionMaintenanceMarginUsd(position({ side: "long", quantity: 1, entryPrice: 67000, margin: 6700 }), 60000).toString() //=> "240"
 */
export function positionMaintenanceMarginUsd(p: Position, markPrice: DecimalInput): Decimal {
  return p.quantity.times(nonNegativeDecimal(markPrice, "markPrice")).times(p.maintenanceMarginRate).minus(p.maintenanceAmountUsd ?? ZERO);
}

/**
 * True when a position's equity is at or below its maintenance margin at the
 * mark price — the exchange may take it over. Exact comparison, no division.
 *
 * @example
 * isLiquidatable(position({ side: "long", quantity: 1, entryPrice: 67000, margin: 6700 }), "60542") //=> true
 */
export function isLiquidatable(p: Position, markPrice: DecimalInput): boolean {
  return equityUsd(p, markPrice).lte(positionMaintenanceMarginUsd(p, markPrice));
}

/**
 * Margin ratio = maintenance margin / equity (Binance's display; ≥ 1 means
 * liquidation). Returns Infinity-free results: a non-positive equity gives
 * `null`.
 *
 * @example
 * marginRatio(position({ side: "long", quantity: 1, entryPrice: 100, margin: 10 }), 100)?.toString() //=> "0.04"
 */
export function marginRatio(p: Position, markPrice: DecimalInput): Decimal | null {
  const equity = equityUsd(p, markPrice);
  if (!equity.gt(0)) return null;
  return positionMaintenanceMarginUsd(p, markPrice).div(equity);
}

/**
 * Effective leverage at a mark: notional at mark / equity (`null` once equity ≤ 0).
 *
 * @example
 * effectiveLeverage(position({ side: "long", quantity: 1, entryPrice: 100, margin: 10 }), 100)?.toString() //=> "10"
 */
export function effectiveLeverage(p: Position, markPrice: DecimalInput): Decimal | null {
  const equity = equityUsd(p, markPrice);
  if (!equity.gt(0)) return null;
  return p.quantity.times(D(markPrice)).div(equity);
}

// ── liquidation and bankruptcy prices ──────────────────────────────────────

/** Parameters of {@link liquidationPrice}. */
export interface LiquidationPriceInput {
  side: Side;
  entryPrice: DecimalInput;
  quantity: DecimalInput;
  /** Isolated margin (Binance's WB for an isolated position), USD. */
  margin: DecimalInput;
  maintenanceMarginRate: DecimalInput;
  /** Binance's `cum`; 0 in the first tier. */
  maintenanceAmountUsd?: DecimalInput;
}

/**
 * Isolated-margin liquidation price, no fees: the mark at which equity equals
 * maintenance margin. Long `(entry·q − margin − cum) / (q·(1 − mmr))`, short
 * `(entry·q + margin + cum) / (q·(1 + mmr))`. A long that can never be
 * liquidated (margin ≥ notional) gets 0. Rounded to 34 significant digits.
 *
 * @throws RangeError when a quantity, price or margin is not positive, or the rate is outside [0, 1)
 * @example
 * liquidationPrice({ side: "long", entryPrice: 67000, quantity: 1, margin: 6700, maintenanceMarginRate: "0.004" }).toFixed(2)  //=> "60542.17"
 * liquidationPrice({ side: "short", entryPrice: 67000, quantity: 1, margin: 6700, maintenanceMarginRate: "0.004" }).toFixed(2) //=> "73406.37"
 */
export function liquidationPrice(p: LiquidationPriceInput): Decimal {
  const side = checkSide(p.side);
  const entry = positiveDecimal(p.entryPrice, "entryPrice");
  const q = positiveDecimal(p.quantity, "quantity");
  const margin = positiveDecimal(p.margin, "margin");
  const mmr = rateDecimal(p.maintenanceMarginRate, "maintenanceMarginRate");
  const cum = nonNegativeDecimal(p.maintenanceAmountUsd ?? 0, "maintenanceAmountUsd");
  return priceAtMaintenance(side, entry, q, margin, mmr, cum);
}

/**
 * The mark at which equity (`buffer` + PnL) falls to the maintenance margin
 * `mmr·q·price − cum`: long `(entry·q − buffer − cum) / (q·(1 − mmr))`, short
 * `(entry·q + buffer + cum) / (q·(1 + mmr))`, never below 0. Isolated margin
 * passes the position's margin as the buffer, cross margin the wallet's.
 */
function priceAtMaintenance(side: Side, entry: Decimal, q: Decimal, buffer: Decimal, mmr: Decimal, cum: Decimal): Decimal {
  const price =
    side === "long"
      ? entry.times(q).minus(buffer).minus(cum).div(q.times(ONE.minus(mmr)))
      : entry.times(q).plus(buffer).plus(cum).div(q.times(ONE.plus(mmr)));
  return price.isNegative() ? ZERO : price;
}

/**
 * Bankruptcy price: where equity is exactly zero. Long `entry − margin/q`
 * (0 if negative), short `entry + margin/q`. Fills beyond it are losses the
 * insurance fund must cover.
 *
 * @example
 * bankruptcyPrice({ side: "long", entryPrice: 67000, quantity: 1, margin: 6700 }).toString() //=> "60300"
 */
export function bankruptcyPrice(p: { side: Side; entryPrice: DecimalInput; quantity: DecimalInput; margin: DecimalInput }): Decimal {
  const side = checkSide(p.side);
  const entry = positiveDecimal(p.entryPrice, "entryPrice");
  const q = positiveDecimal(p.quantity, "quantity");
  const margin = positiveDecimal(p.margin, "margin");
  if (side === "long") {
    const price = entry.minus(margin.div(q));
    return price.isNegative() ? ZERO : price;
  }
  return entry.plus(margin.div(q));
}

/** Parameters of {@link crossLiquidationPrice}. */
export interface CrossLiquidationPriceInput {
  side: Side;
  entryPrice: DecimalInput;
  quantity: DecimalInput;
  /** The whole cross-margin wallet balance, USD. */
  walletBalanceUsd: DecimalInput;
  maintenanceMarginRate: DecimalInput;
  maintenanceAmountUsd?: DecimalInput;
  /** Unrealized PnL of the account's other positions, held fixed (USD, may be negative). */
  otherUnrealizedPnlUsd?: DecimalInput;
  /** Maintenance margin of the account's other positions, held fixed (USD). */
  otherMaintenanceMarginUsd?: DecimalInput;
}

/**
 * Cross-margin liquidation price of one position: the whole wallet backs it,
 * so the other positions' PnL adds to its buffer and their maintenance margin
 * takes from it. Solves WB + U₀ + s·q·(m − e) = MM₀ + q·m·mmr − cum for m.
 * With no other positions it equals the isolated price with margin = WB.
 *
 * @throws RangeError on non-positive quantity or price, or a rate outside [0, 1)
 * @example
 * crossLiquidationPrice({ side: "long", entryPrice: 67000, quantity: 1, walletBalanceUsd: 10000,
 *   maintenanceMarginRate: "0.004", otherUnrealizedPnlUsd: -3300 }).toFixed(2) //=> "60542.17"
 */
export function crossLiquidationPrice(p: CrossLiquidationPriceInput): Decimal {
  const side = checkSide(p.side);
  const entry = positiveDecimal(p.entryPrice, "entryPrice");
  const q = positiveDecimal(p.quantity, "quantity");
  const wallet = nonNegativeDecimal(p.walletBalanceUsd, "walletBalanceUsd");
  const mmr = rateDecimal(p.maintenanceMarginRate, "maintenanceMarginRate");
  const cum = nonNegativeDecimal(p.maintenanceAmountUsd ?? 0, "maintenanceAmountUsd");
  const otherPnl = D(p.otherUnrealizedPnlUsd ?? 0, "otherUnrealizedPnlUsd");
  const otherMm = nonNegativeDecimal(p.otherMaintenanceMarginUsd ?? 0, "otherMaintenanceMarginUsd");
  // Buffer available to this position = wallet + others' PnL − others' maintenance.
  const buffer = wallet.plus(otherPnl).minus(otherMm);
  return priceAtMaintenance(side, entry, q, buffer, mmr, cum);
}

// ── funding ────────────────────────────────────────────────────────────────

/**
 * The common funding-rate formula F = P + clamp(I − P, −c, +c), with the
 * interest rate I = 0.01 % and clamp c = 0.05 % per interval by default.
 *
 * @example
 * fundingRate({ premiumIndex: "0.0003" }).toString()  //=> "0.0001"
 * fundingRate({ premiumIndex: "0.002" }).toString()   //=> "0.0015"
 */
export function fundingRate(p: { premiumIndex: DecimalInput; interestRate?: DecimalInput; clampRate?: DecimalInput }): Decimal {
  const premium = D(p.premiumIndex, "premiumIndex");
  const interest = D(p.interestRate ?? marginDefaults.fundingInterestRate, "interestRate");
  const clamp = nonNegativeDecimal(p.clampRate ?? marginDefaults.fundingClampRate, "clampRate");
  let diff = interest.minus(premium);
  if (diff.gt(clamp)) diff = clamp;
  if (diff.lt(clamp.neg())) diff = clamp.neg();
  return premium.plus(diff);
}

/**
 * Funding received by a position for one interval, USD: notional at mark ×
 * rate, paid by longs to shorts when the rate is positive. Negative = paid.
 *
 * @example
 * fundingPaymentUsd({ side: "long", quantity: 2, markPrice: 50000, fundingRate: "0.0001" }).toString() //=> "-10"
 */
export function fundingPaymentUsd(p: { side: Side; quantity: DecimalInput; markPrice: DecimalInput; fundingRate: DecimalInput }): Decimal {
  const side = checkSide(p.side);
  const notional = positiveDecimal(p.quantity, "quantity").times(positiveDecimal(p.markPrice, "markPrice"));
  const paid = notional.times(D(p.fundingRate, "fundingRate"));
  return side === "long" ? paid.neg() : paid;
}
