/**
 * lending — an on-chain lending pool's liquidation rules, as Aave v3 and
 * MakerDAO's Liquidation 2.0 publish them: the health factor, the close
 * factor, what a liquidator repays and seizes, and the Dutch auction's falling
 * price.
 *
 * Models: a loan is collateral (quantity × oracle price × liquidation
 * threshold, summed over assets) against a debt in USD; its health factor is
 * the ratio, and below 1 anyone may repay part of the debt and take collateral
 * worth the repaid amount plus a bonus. The close factor caps the repayment:
 * half the debt while the health factor is above 0.95, all of it at or below.
 * A Dutch auction starts at the oracle price times a buffer and multiplies the
 * price by (1 − cut) after every step of a fixed length (Maker's
 * `StairstepExponentialDecrease`).
 *
 * Simplifications: one debt asset; the bonus is paid in one collateral asset;
 * no protocol fee on the bonus; no isolation mode, e-mode or debt ceilings;
 * the auction's reset rules (`tail`, `cusp`) and partial lots are left out.
 *
 * Sources: Aave v3 documentation and `LiquidationLogic` (health factor, close
 * factor 0.5 above HF 0.95, liquidation bonus); MakerDAO, Liquidation 2.0
 * documentation and `dss` `clip.sol` / `abaci.sol` (buf, step, cut).
 */
import { Decimal, D, ZERO, type DecimalInput } from "./money";

/** Aave v3's close-factor rule, and the Dutch auction's defaults. */
export const LENDING_DEFAULTS = Object.freeze({
  /** At or below this health factor the whole debt may be repaid at once. */
  closeFactorHealthFactorThreshold: "0.95",
  /** The share of the debt one liquidation may repay above that threshold. */
  partialCloseFactor: "0.5",
});

/** One collateral asset of a loan. */
export interface CollateralPosition {
  quantity: DecimalInput;
  /** Oracle price of one unit, USD. */
  priceUsd: DecimalInput;
  /** Liquidation threshold, a fraction (0.825 = 82.5 %). */
  threshold: DecimalInput;
}

function positive(value: DecimalInput, name: string): Decimal {
  const d = D(value, name);
  if (!d.isFinite() || d.lte(0)) throw new RangeError(`${name} must be a positive amount; got ${String(value)}.`);
  return d;
}

function nonNegative(value: DecimalInput, name: string): Decimal {
  const d = D(value, name);
  if (!d.isFinite() || d.isNegative()) throw new RangeError(`${name} cannot be negative; got ${String(value)}.`);
  return d;
}

function fraction(value: DecimalInput, name: string): Decimal {
  const d = D(value, name);
  if (!d.isFinite() || d.isNegative() || d.gt(1)) throw new RangeError(`${name} must be a fraction between 0 and 1; got ${String(value)}.`);
  return d;
}

/**
 * Health factor: Σ quantity × price × threshold ÷ debt. Below 1 the loan can
 * be liquidated.
 *
 * @example
 * healthFactor([{ quantity: 10, priceUsd: 1800, threshold: "0.825" }], 15000).toString() //=> "0.99"
 */
export function healthFactor(collateral: readonly CollateralPosition[], debtUsd: DecimalInput): Decimal {
  const debt = positive(debtUsd, "debtUsd");
  const weighted = collateral.reduce(
    (total, c, i) => total.plus(nonNegative(c.quantity, `collateral[${i}].quantity`).times(nonNegative(c.priceUsd, `collateral[${i}].priceUsd`)).times(fraction(c.threshold, `collateral[${i}].threshold`))),
    ZERO,
  );
  return weighted.div(debt);
}

/**
 * The share of the debt one liquidation may repay: 50 % while the health
 * factor is above 0.95, 100 % at or below (Aave v3).
 *
 * @example
 * closeFactor("0.99").toString() //=> "0.5"
 * closeFactor("0.95").toString() //=> "1"
 */
export function closeFactor(health: DecimalInput): Decimal {
  const hf = nonNegative(health, "healthFactor");
  return hf.gt(LENDING_DEFAULTS.closeFactorHealthFactorThreshold) ? D(LENDING_DEFAULTS.partialCloseFactor) : D(1);
}

/** Parameters of {@link liquidationCall}: a loan backed by one collateral asset. */
export interface LiquidationCallInput extends CollateralPosition {
  debtUsd: DecimalInput;
  /** Liquidation bonus, a fraction of the repaid amount (0.05 = 5 %). */
  bonus: DecimalInput;
}

/** What one maximal liquidation of a loan does. */
export interface LiquidationCall {
  healthFactor: Decimal;
  closeFactor: Decimal;
  /** Debt the liquidator repays, USD (0 when the loan is healthy). */
  repaidUsd: Decimal;
  /** Collateral the liquidator receives: repaid × (1 + bonus) ÷ price, capped at what the loan holds. */
  seizedQuantity: Decimal;
  /** The liquidator's gross gain before gas: seized value − repaid. */
  gainUsd: Decimal;
  /** The oracle price at which the health factor reaches 1. */
  triggerPriceUsd: Decimal;
}

/**
 * A liquidator repays the most the close factor allows and takes collateral
 * worth that plus the bonus, at the oracle price. A healthy loan (HF ≥ 1)
 * cannot be liquidated: everything is 0.
 *
 * @example
 * const call = liquidationCall({ quantity: 10, priceUsd: 1800, threshold: "0.825", debtUsd: 15000, bonus: "0.05" });
 * call.repaidUsd.toString()      //=> "7500"
 * call.seizedQuantity.toString() //=> "4.375"
 * call.gainUsd.toString()        //=> "375"
 */
export function liquidationCall(input: LiquidationCallInput): LiquidationCall {
  const quantity = nonNegative(input.quantity, "quantity");
  const price = positive(input.priceUsd, "priceUsd");
  const threshold = fraction(input.threshold, "threshold");
  const debt = positive(input.debtUsd, "debtUsd");
  const bonus = fraction(input.bonus, "bonus");
  const hf = healthFactor([{ quantity, priceUsd: price, threshold }], debt);
  const triggerPriceUsd = quantity.isZero() || threshold.isZero() ? ZERO : debt.div(quantity.times(threshold));
  if (hf.gte(1)) return { healthFactor: hf, closeFactor: ZERO, repaidUsd: ZERO, seizedQuantity: ZERO, gainUsd: ZERO, triggerPriceUsd };
  const factor = closeFactor(hf);
  let repaidUsd = debt.times(factor);
  let seizedQuantity = repaidUsd.times(bonus.plus(1)).div(price);
  if (seizedQuantity.gt(quantity)) {
    // Not enough collateral to pay the bonus: the liquidator takes it all and repays what it is worth.
    seizedQuantity = quantity;
    repaidUsd = quantity.times(price).div(bonus.plus(1));
  }
  return { healthFactor: hf, closeFactor: factor, repaidUsd, seizedQuantity, gainUsd: seizedQuantity.times(price).minus(repaidUsd), triggerPriceUsd };
}

/** Parameters of {@link dutchAuctionPrice}. */
export interface DutchAuctionInput {
  /** Oracle price when the auction starts, USD. */
  oracleUsd: DecimalInput;
  /** Starting price ÷ oracle price (Maker's `buf`, e.g. 1.2). */
  buffer: DecimalInput;
  /** The fraction the price falls at each step (0.01 = 1 %). */
  cut: DecimalInput;
  /** Length of a step, seconds (Maker's `step`). */
  stepSeconds: number;
  /** Time since the auction started, seconds. */
  elapsedSeconds: DecimalInput;
}

/**
 * The Dutch auction's price after `elapsedSeconds`: oracle × buffer ×
 * (1 − cut)^⌊elapsed ÷ step⌋ — a staircase that never stops falling, so a
 * keeper who arrives late buys cheaper but the lot still sells.
 *
 * @example
 * dutchAuctionPrice({ oracleUsd: 1000, buffer: "1.2", cut: "0.01", stepSeconds: 90, elapsedSeconds: 600 }).toString() //=> "1129.7761792812" (6 steps)
 */
export function dutchAuctionPrice(input: DutchAuctionInput): Decimal {
  const oracle = positive(input.oracleUsd, "oracleUsd");
  const buffer = positive(input.buffer, "buffer");
  const cut = fraction(input.cut, "cut");
  if (!Number.isInteger(input.stepSeconds) || input.stepSeconds <= 0) throw new RangeError(`stepSeconds must be a whole number of seconds above 0; got ${String(input.stepSeconds)}.`);
  const elapsed = nonNegative(input.elapsedSeconds, "elapsedSeconds");
  const steps = elapsed.div(input.stepSeconds).floor();
  return oracle.times(buffer).times(D(1).minus(cut).pow(steps));
}
