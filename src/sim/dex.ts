/**
 * dex — the on-chain alternative on the same shock: collateral in a public
 * vault, liquidation open to competing keepers paid by a bonus, block time,
 * gas, and a backstop pool for what liquidations leave uncovered.
 *
 * Models: the same positions, book and exogenous shock as `cascade`. Time
 * moves in blocks. At each block the oracle price is the last trade; every
 * position on the hurt side whose equity is at or below maintenance margin is
 * *eligible*. Keepers look at the most lucrative first (largest bonus =
 * `liquidationBonusRate` × notional at the oracle) and liquidate a position
 * only if it pays: closing it in the book right now must fetch more than the
 * keeper's price plus gas (which rises with congestion: eligible positions
 * beyond the block's capacity) plus the priority fee — at most
 * `maxLiquidationsPerBlock` a block. The keeper takes the position over at the
 * oracle price less the bonus (plus it, for a short), the trader keeps any
 * equity left at that price (on a CEX it goes to the insurance fund), and the
 * keeper closes the position in the same book — so forced sales still move
 * the price. If the equity at the keeper's price is negative, that hole is bad
 * debt: the backstop pool pays, then the protocol (its token holders or
 * lenders) is left with the rest. Which keeper wins each liquidation is drawn
 * in proportion to `keeperSpeeds`; competing keepers bid `priorityFeeShare` of
 * the bonus to block builders. Positions no keeper finds worth the gas stay
 * open; whatever equity they have below zero at the end is *latent* bad debt.
 *
 * Money is conserved: market PnL of the closed positions = traders' PnL +
 * keepers' PnL + what validators earn (gas and priority fees) − backstop used −
 * protocol bad debt, to the last digit.
 *
 * Simplifications: one collateral asset (USD), no oracle delay beyond one
 * block, one keeper per liquidation, no partial liquidation (Aave's close
 * factor), auctions are not modelled separately (the keeper's fixed discount
 * stands in for MakerDAO's Dutch auction), gas is paid in USD.
 *
 * Sources: Aave v3 documentation (health factor, liquidation bonus, close
 * factor); MakerDAO, "Black Thursday response" post-mortem and `dss` clip/dog
 * (keepers failing under congestion, zero-bid auctions, 5.67M DAI uncovered);
 * Hyperliquid docs, "Liquidations" (backstop vault). See FACTS.md.
 */
import { Decimal, D, ZERO, formatUsd, minDecimal, type DecimalInput } from "./money";
import { isLiquidatable, type Position } from "./margin";
import { positionsFromPopulation, prepare, resolvePopulation, simulateCascade, sweepCascade, type CascadeInput, type CascadeResult } from "./cascade";
import { Random } from "./random";

/** Options of the on-chain venue. */
export interface DexOptions {
  /** Discount the keeper gets on the position, as a fraction of notional. */
  liquidationBonusRate?: DecimalInput;
  /** Gas for one liquidation transaction in a quiet block, USD. */
  gasCostUsd?: DecimalInput;
  /** Gas rises by this × (backlog ÷ block capacity): 0 = no congestion pricing. */
  congestionGasMultiplier?: number;
  /** Fraction of the bonus competing keepers bid away to block builders. */
  priorityFeeShare?: DecimalInput;
  blockTimeSeconds?: number;
  /** Liquidations that fit in one block (block gas limit ÷ gas per liquidation). */
  maxLiquidationsPerBlock?: number;
  /** Pool that absorbs bad debt first (a safety module or backstop vault), USD. */
  backstopPoolUsd?: DecimalInput;
  /** Relative speed of each competing keeper; the winner of a liquidation is drawn in proportion. */
  keeperSpeeds?: number[];
  /** Seed for the keeper draws. */
  seed?: string | number;
  /** Safety limit on blocks. */
  maxBlocks?: number;
}

/**
 * Defaults: Aave-like 5 % bonus, $20 gas, Ethereum-like 12 s blocks.
 *
 * @example
 * dexDefaults.blockTimeSeconds //=> 12
 */
export const dexDefaults = {
  liquidationBonusRate: "0.05",
  gasCostUsd: "20",
  congestionGasMultiplier: 1,
  priorityFeeShare: "0.5",
  blockTimeSeconds: 12,
  maxLiquidationsPerBlock: 200,
  backstopPoolUsd: "10000000",
  keeperSpeeds: [3, 2, 1],
  seed: "keepers",
  maxBlocks: 100_000,
};

/** Input of {@link simulateDex} and {@link compareCexDex}: a cascade input plus the venue. */
export interface DexInput extends CascadeInput {
  dex?: DexOptions;
}

/** One block. */
export interface DexBlock {
  block: number;
  timeSeconds: number;
  oraclePrice: Decimal;
  /** Last trade after this block's liquidations. */
  priceAfter: Decimal;
  eligible: number;
  liquidated: number;
  /** Eligible positions no keeper would liquidate at a profit (gas, fees, slippage). */
  skippedUnprofitable: number;
  /** Profitable positions that did not fit in the block. */
  backlog: number;
  gasCostUsd: Decimal;
  /** Cumulative, USD. */
  bonusPaidUsd: Decimal;
  /** Cumulative, USD. */
  badDebtUsd: Decimal;
  backstopPoolUsd: Decimal;
}

/** What one keeper did. */
export interface KeeperOutcome {
  keeper: string;
  speed: number;
  liquidations: number;
  bonusUsd: Decimal;
  /** Bonus plus or minus what the close in the book gained or lost, less gas and priority fees. */
  profitUsd: Decimal;
}

/** Money balance of a DEX run. */
export interface DexConservation {
  marketPnlUsd: Decimal;
  traderPnlUsd: Decimal;
  keeperPnlUsd: Decimal;
  validatorIncomeUsd: Decimal;
  backstopUsedUsd: Decimal;
  protocolBadDebtUsd: Decimal;
  /** market − (traders + keepers + validators − backstop − protocol); always 0. */
  residualUsd: Decimal;
}

/** Output of {@link simulateDex}. */
export interface DexResult {
  trace: DexBlock[];
  initialPrice: Decimal;
  shockPrice: Decimal;
  finalPrice: Decimal;
  priceMove: Decimal;
  totalLiquidatedNotional: Decimal;
  totalLiquidatedCount: number;
  /** Liquidation holes, USD (backstop + protocol). */
  badDebtUsd: Decimal;
  backstopUsedUsd: Decimal;
  /** Bad debt the backstop could not pay. */
  protocolBadDebtUsd: Decimal;
  /** Negative equity of eligible positions no keeper would touch, at the final price. */
  latentBadDebtUsd: Decimal;
  /** Positions left open while eligible (unprofitable or out of blocks). */
  leftUnliquidated: number;
  /** Equity handed back to liquidated traders, USD. */
  returnedToTradersUsd: Decimal;
  bonusPaidUsd: Decimal;
  gasPaidUsd: Decimal;
  priorityFeesUsd: Decimal;
  keepers: KeeperOutcome[];
  /** Total collateral in the public vault before the shock: anyone could have summed it. */
  vaultCollateralUsd: Decimal;
  /** Block in which each position was liquidated (0 = never). */
  liquidationBlock: Int32Array;
  durationSeconds: number;
  stoppedEarly: boolean;
  conservation: DexConservation;
}

function wholeNumber(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be a whole number from ${min} to ${max}, but it is ${String(value)}.`);
  return value;
}

function fraction(value: DecimalInput, name: string): Decimal {
  const d = D(value, name);
  if (d.isNegative() || d.gte(1)) throw new RangeError(`${name} is a fraction and must be at least 0 and below 1, but it is ${d.toString()}.`);
  return d;
}

function nonNegative(value: DecimalInput, name: string): Decimal {
  const d = D(value, name);
  if (d.isNegative()) throw new RangeError(`${name} cannot be negative, but it is ${d.toString()}.`);
  return d;
}

/**
 * Runs the on-chain liquidation game on a cascade input: the same positions,
 * book and shock, but keepers, a bonus, gas, blocks and a backstop pool
 * instead of an exchange's engine and insurance fund.
 *
 * @throws RangeError for bad cascade inputs, a bonus or fee share outside
 * [0, 1), negative gas or pool, empty or non-positive keeper speeds, or a
 * block capacity that is not a whole number ≥ 1
 * @example
 * const r = simulateDex({ positions: [], shock: -0.1 });
 * r.finalPrice.toString() //=> "60300"
 */
export function simulateDex(input: DexInput = {}): DexResult {
  const o = { ...dexDefaults, ...input.dex };
  const bonusRate = fraction(o.liquidationBonusRate, "liquidationBonusRate");
  const gasBase = nonNegative(o.gasCostUsd, "gasCostUsd");
  if (!Number.isFinite(o.congestionGasMultiplier) || o.congestionGasMultiplier < 0) throw new RangeError(`congestionGasMultiplier must be a number ≥ 0, but it is ${String(o.congestionGasMultiplier)}.`);
  const priorityShare = fraction(o.priorityFeeShare, "priorityFeeShare");
  if (!Number.isFinite(o.blockTimeSeconds) || o.blockTimeSeconds <= 0) throw new RangeError(`blockTimeSeconds must be a positive number, but it is ${String(o.blockTimeSeconds)}.`);
  const capacity = wholeNumber(o.maxLiquidationsPerBlock, "maxLiquidationsPerBlock", 1, 1_000_000);
  const poolStart = nonNegative(o.backstopPoolUsd, "backstopPoolUsd");
  const maxBlocks = wholeNumber(o.maxBlocks, "maxBlocks", 1, 10_000_000);
  if (!Array.isArray(o.keeperSpeeds) || o.keeperSpeeds.length === 0 || o.keeperSpeeds.some((v) => !Number.isFinite(v) || v <= 0)) {
    throw new RangeError("keeperSpeeds must list at least one keeper, each with a positive speed.");
  }
  const p = prepare(input);
  const source = resolvePopulation(input);
  const positions: Position[] = Array.isArray(source) ? source : positionsFromPopulation(source);
  const book = p.book;
  book.consumeTo(p.shockPrice);
  const liqSide = p.fall ? "long" : "short";
  const sign = p.fall ? 1 : -1;
  const rng = new Random(o.seed);
  const totalSpeed = o.keeperSpeeds.reduce((a, b) => a + b, 0);
  const keepers: KeeperOutcome[] = o.keeperSpeeds.map((speed, k) => ({ keeper: `keeper ${k + 1}`, speed, liquidations: 0, bonusUsd: ZERO, profitUsd: ZERO }));
  const pickKeeper = (): KeeperOutcome => {
    let u = rng.uniform() * totalSpeed;
    for (const k of keepers) if ((u -= k.speed) < 0) return k;
    return keepers[keepers.length - 1]!;
  };

  const vaultCollateral = positions.reduce((a, pos) => a.plus(pos.margin), ZERO);
  const liquidationBlock = new Int32Array(positions.length);
  let oracle = p.shockPrice;
  let mark = p.shockPrice;
  let pool = poolStart;
  let badDebt = ZERO, protocolBadDebt = ZERO, returned = ZERO, bonusPaid = ZERO, gasPaid = ZERO, priorityPaid = ZERO;
  let marketPnl = ZERO, traderPnl = ZERO, keeperPnl = ZERO, notional = ZERO;
  let count = 0;
  const trace: DexBlock[] = [];
  let stopped = false;
  let lastEligible: number[] = [];
  for (let block = 1; ; block++) {
    const eligible: number[] = [];
    positions.forEach((pos, i) => {
      if (pos.side === liqSide && liquidationBlock[i] === 0 && isLiquidatable(pos, oracle)) eligible.push(i);
    });
    lastEligible = eligible;
    if (eligible.length === 0) break;
    if (block > maxBlocks) {
      stopped = true;
      break;
    }
    // Congestion: the more positions wait, the more gas a liquidation costs.
    const excess = Math.max(0, eligible.length - capacity) / capacity;
    const gas = gasBase.times(D(1 + o.congestionGasMultiplier * excess));
    const keeperPrice = p.fall ? oracle.minus(oracle.times(bonusRate)) : oracle.plus(oracle.times(bonusRate));
    const candidates = eligible.map((i) => ({ i, bonus: positions[i]!.quantity.times(oracle).times(bonusRate) }));
    // Keepers look at the most lucrative first.
    candidates.sort((a, b) => (a.bonus.eq(b.bonus) ? a.i - b.i : b.bonus.cmp(a.bonus)));
    let taken = 0, unprofitable = 0, backlog = 0;
    for (const { i, bonus } of candidates) {
      const pos = positions[i]!;
      // Would closing it in the book now pay for the discount, the gas and the priority fee?
      const quoted = book.quote(p.fall ? "sell" : "buy", pos.quantity);
      const expected = quoted.minus(pos.quantity.times(keeperPrice)).times(sign).minus(gas).minus(bonus.times(priorityShare));
      if (!expected.gt(0)) {
        unprofitable++;
        continue;
      }
      if (taken === capacity) {
        backlog++;
        continue;
      }
      taken++;
      liquidationBlock[i] = block;
      const equityAtKeeperPrice = pos.margin.plus(pos.quantity.times(keeperPrice.minus(pos.entryPrice)).times(sign));
      if (equityAtKeeperPrice.isNegative()) {
        traderPnl = traderPnl.minus(pos.margin);
        const hole = equityAtKeeperPrice.neg();
        const fromPool = minDecimal(pool, hole);
        pool = pool.minus(fromPool);
        badDebt = badDebt.plus(hole);
        protocolBadDebt = protocolBadDebt.plus(hole.minus(fromPool));
      } else {
        traderPnl = traderPnl.plus(equityAtKeeperPrice.minus(pos.margin));
        returned = returned.plus(equityAtKeeperPrice);
      }
      const order = p.fall ? book.sell(pos.quantity) : book.buy(pos.quantity);
      mark = order.lastPrice ?? mark;
      const priority = bonus.times(priorityShare);
      const keeperGain = order.notionalUsd.minus(pos.quantity.times(keeperPrice)).times(sign).minus(gas).minus(priority);
      const keeper = pickKeeper();
      keeper.liquidations++;
      keeper.bonusUsd = keeper.bonusUsd.plus(bonus);
      keeper.profitUsd = keeper.profitUsd.plus(keeperGain);
      keeperPnl = keeperPnl.plus(keeperGain);
      gasPaid = gasPaid.plus(gas);
      priorityPaid = priorityPaid.plus(priority);
      bonusPaid = bonusPaid.plus(bonus);
      marketPnl = marketPnl.plus(order.notionalUsd.minus(pos.quantity.times(pos.entryPrice)).times(sign));
      notional = notional.plus(order.notionalUsd);
      count++;
    }
    if (taken === 0) break; // nobody will pay to liquidate what is left
    trace.push({ block, timeSeconds: block * o.blockTimeSeconds, oraclePrice: oracle, priceAfter: mark, eligible: eligible.length, liquidated: taken, skippedUnprofitable: unprofitable, backlog, gasCostUsd: gas, bonusPaidUsd: bonusPaid, badDebtUsd: badDebt, backstopPoolUsd: pool });
    oracle = mark; // the oracle reads the last trade at the next block
  }
  // Positions keepers left open: their negative equity is a hole nobody has booked yet.
  let latent = ZERO;
  for (const i of lastEligible) {
    const pos = positions[i]!;
    const equity = pos.margin.plus(pos.quantity.times(mark.minus(pos.entryPrice)).times(sign));
    if (equity.isNegative()) latent = latent.plus(equity.neg());
  }
  const validatorIncome = gasPaid.plus(priorityPaid);
  const backstopUsed = poolStart.minus(pool);
  return {
    trace,
    initialPrice: p.initialPrice,
    shockPrice: p.shockPrice,
    finalPrice: mark,
    priceMove: mark.div(p.initialPrice).minus(1),
    totalLiquidatedNotional: notional,
    totalLiquidatedCount: count,
    badDebtUsd: badDebt,
    backstopUsedUsd: backstopUsed,
    protocolBadDebtUsd: protocolBadDebt,
    latentBadDebtUsd: latent,
    leftUnliquidated: lastEligible.length,
    returnedToTradersUsd: returned,
    bonusPaidUsd: bonusPaid,
    gasPaidUsd: gasPaid,
    priorityFeesUsd: priorityPaid,
    keepers,
    vaultCollateralUsd: vaultCollateral,
    liquidationBlock,
    durationSeconds: trace.length * o.blockTimeSeconds,
    stoppedEarly: stopped,
    conservation: {
      marketPnlUsd: marketPnl,
      traderPnlUsd: traderPnl,
      keeperPnlUsd: keeperPnl,
      validatorIncomeUsd: validatorIncome,
      backstopUsedUsd: backstopUsed,
      protocolBadDebtUsd: protocolBadDebt,
      residualUsd: marketPnl.minus(traderPnl.plus(keeperPnl).plus(validatorIncome).minus(backstopUsed).minus(protocolBadDebt)),
    },
  };
}

/** One line of the side-by-side comparison. */
export interface ComparisonRow {
  label: string;
  cex: string;
  dex: string;
}

/** Something a user might want to check before trusting a venue. */
export interface VerifiableItem {
  what: string;
  /** Could a user check it in advance, without trusting the venue's word? */
  verifiable: boolean;
  how: string;
}

/** Output of {@link compareCexDex}. */
export interface CexDexComparison {
  cex: CascadeResult;
  dex: DexResult;
  /** Liquidated traders' total result on each venue (negative = lost), USD. */
  traderPnlUsd: { cex: Decimal; dex: Decimal };
  /** Bad debt on each venue: CEX losses beyond bankruptcy; DEX holes booked plus latent, USD. */
  badDebtUsd: { cex: Decimal; dex: Decimal };
  liquidatedNotionalUsd: { cex: Decimal; dex: Decimal };
  /** Who ended up with the liquidation surplus. */
  surplusCapturedUsd: { cexInsuranceFund: Decimal; dexKeepers: Decimal; dexValidators: Decimal };
  /** Human-readable side-by-side lines for a table. */
  rows: ComparisonRow[];
  verifiableInAdvance: { cex: VerifiableItem[]; dex: VerifiableItem[] };
}

/**
 * "Same crash, two rulebooks": runs the custodial cascade and the on-chain
 * keeper game on the same positions, book and shock, and lines the outcomes up.
 *
 * @throws RangeError for any bad input of either engine
 * @example
 * const c = compareCexDex({ positions: [], shock: -0.1 });
 * c.rows[0] //=> { label: "Final price", cex: "$60.3k", dex: "$60.3k" }
 */
export function compareCexDex(input: DexInput = {}): CexDexComparison {
  // Generate once so both venues see the very same positions.
  const source = resolvePopulation(input);
  const shared: DexInput = { ...input, positions: undefined, population: undefined, ...(Array.isArray(source) ? { positions: source } : { population: source }) };
  // A packed population is on the sweep's grid, and the sweep returns exactly what simulateCascade would.
  const cex = Array.isArray(source) ? simulateCascade(shared) : sweepCascade(shared);
  const dex = simulateDex(shared);
  const fundChange = cex.insuranceFundEndUsd.minus(cex.insuranceFundStartUsd);
  const fromFund = cex.badDebtUsd.minus(cex.adlChargedUsd).minus(cex.socializedLossUsd).minus(cex.uncoveredLossUsd);
  const cexSurplus = fundChange.plus(fromFund);
  const dexBad = dex.badDebtUsd.plus(dex.latentBadDebtUsd);
  const pct = (d: Decimal) => `${d.times(100).toFixed(1)}%`;
  const rows: ComparisonRow[] = [
    { label: "Final price", cex: formatUsd(cex.finalPrice), dex: formatUsd(dex.finalPrice) },
    { label: "Price move", cex: pct(cex.priceMove), dex: pct(dex.priceMove) },
    { label: "Positions liquidated", cex: String(cex.totalLiquidatedCount), dex: String(dex.totalLiquidatedCount) },
    { label: "Notional liquidated", cex: formatUsd(cex.totalLiquidatedNotional), dex: formatUsd(dex.totalLiquidatedNotional) },
    { label: "Liquidated traders' result", cex: formatUsd(cex.conservation.liquidatedTraderPnlUsd), dex: formatUsd(dex.conservation.traderPnlUsd) },
    { label: "Bad debt", cex: formatUsd(cex.badDebtUsd), dex: formatUsd(dexBad) },
    { label: "Covered by", cex: `insurance fund ${formatUsd(fromFund)}, ADL ${formatUsd(cex.adlChargedUsd)}, socialized ${formatUsd(cex.socializedLossUsd)}`, dex: `backstop ${formatUsd(dex.backstopUsedUsd)}, protocol ${formatUsd(dex.protocolBadDebtUsd)}, not yet booked ${formatUsd(dex.latentBadDebtUsd)}` },
    { label: "Liquidation surplus went to", cex: `insurance fund ${formatUsd(cexSurplus)}`, dex: `keepers ${formatUsd(dex.conservation.keeperPnlUsd)}, validators ${formatUsd(dex.conservation.validatorIncomeUsd)}` },
    { label: "Left open while eligible", cex: "0", dex: String(dex.leftUnliquidated) },
  ];
  return {
    cex,
    dex,
    traderPnlUsd: { cex: cex.conservation.liquidatedTraderPnlUsd, dex: dex.conservation.traderPnlUsd },
    badDebtUsd: { cex: cex.badDebtUsd, dex: dexBad },
    liquidatedNotionalUsd: { cex: cex.totalLiquidatedNotional, dex: dex.totalLiquidatedNotional },
    surplusCapturedUsd: { cexInsuranceFund: cexSurplus, dexKeepers: dex.conservation.keeperPnlUsd, dexValidators: dex.conservation.validatorIncomeUsd },
    rows,
    verifiableInAdvance: {
      cex: [
        { what: "Your own position, margin and liquidation price", verifiable: true, how: "The account screen, using the published formula." },
        { what: `The insurance fund (${formatUsd(cex.insuranceFundStartUsd)} here)`, verifiable: false, how: "A number the exchange publishes; FTX's was generated from a formula." },
        { what: "Other traders' positions and leverage — the cascade's fuel", verifiable: false, how: "Only aggregates such as open interest are published." },
        { what: "The engine's throughput and the order it liquidates in", verifiable: false, how: "Closed source; known only after the fact, if ever." },
        { what: "That customer collateral is held, not lent out", verifiable: false, how: "At best a periodic proof of reserves." },
      ],
      dex: [
        { what: `Every position and its collateral (${formatUsd(dex.vaultCollateralUsd)} in the vault here)`, verifiable: true, how: "Read the vault contract's state on-chain." },
        { what: "The liquidation rule, bonus and backstop pool", verifiable: true, how: `Contract code and parameters (bonus ${pct(D(input.dex?.liquidationBonusRate ?? dexDefaults.liquidationBonusRate))}, pool ${formatUsd(D(input.dex?.backstopPoolUsd ?? dexDefaults.backstopPoolUsd))}).` },
        { what: "Every past liquidation and who executed it", verifiable: true, how: "Public transaction history." },
        { what: "That keepers will show up and gas will stay affordable in a crash", verifiable: false, how: "Black Thursday 2020: congestion left MakerDAO auctions to zero bids." },
        { what: "That the oracle price stays honest under stress", verifiable: false, how: "Oracle design can be read; its behaviour in a crash cannot be tested in advance." },
      ],
    },
  };
}
