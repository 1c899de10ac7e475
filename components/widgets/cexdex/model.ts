/**
 * CEX vs DEX: the same leveraged traders, the same order book and the same
 * crash, run once through a custodial exchange's liquidation engine and once
 * through an on-chain vault where competing keepers liquidate for a bonus and
 * pay gas per block. We line up who ended up paying for the crash on each
 * venue, and what a user could have checked before it.
 */
import { ZERO, compareCexDex, formatUsd, type Decimal } from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";

const params = {
  fall: { kind: "number", label: "Price shock (a fall)", default: 0.1, min: 0.02, max: 0.3, step: 0.01, unit: "%", displayScale: 100 },
  bonus: { kind: "number", label: "Keeper's liquidation bonus", default: 0.05, min: 0, max: 0.15, step: 0.005, unit: "%", displayScale: 100 },
  gasUsd: { kind: "number", label: "Gas per liquidation, quiet network", default: 20, min: 0, max: 2000, step: 10, unit: "USD" },
  blockCapacity: { kind: "number", label: "Liquidations that fit in one block", default: 10, min: 1, max: 50, step: 1 },
  congestion: {
    kind: "number",
    label: "Gas surge under congestion",
    default: 1,
    min: 0,
    max: 10,
    step: 0.5,
    unit: "×",
    help: "Gas rises by this much for every full block of liquidations still waiting.",
  },
  blockSeconds: { kind: "number", label: "Block time", default: 12, min: 1, max: 60, step: 1, unit: "s" },
  fundUsd: { kind: "number", label: "Insurance fund (exchange) = backstop pool (vault)", default: 25_000, min: 0, max: 500_000, step: 5_000, unit: "USD" },
  maintenance: { kind: "number", label: "Maintenance margin", default: 0.005, min: 0.0025, max: 0.045, step: 0.0025, unit: "%", displayScale: 100 },
  leverage: { kind: "number", label: "Traders' mean leverage", default: 10, min: 2, max: 15, step: 1, unit: "×" },
  afterFund: {
    kind: "choice",
    label: "When the exchange's fund runs dry",
    default: "adl",
    options: [
      { value: "adl", label: "Auto-deleverage the most profitable winners" },
      { value: "socialize", label: "Socialize the loss over all winners" },
    ],
  },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;

type Venue = "Custodial exchange" | "On-chain vault";

/** What one party gained (+) or lost (−) from the liquidations on one venue, USD. */
interface Share {
  party: string;
  venue: Venue;
  usd: number;
  exact: string;
}

/** One line of the side-by-side table. */
interface Line {
  section: "Outcome" | "Who paid" | "Checkable in advance?";
  measure: string;
  cex: string;
  dex: string;
}

interface Result {
  shares: Share[];
  parties: string[];
  lines: Line[];
  badDebtUsd: { cex: number; dex: number };
  exactBadDebt: { cex: string; dex: string };
  bonusRate: number;
  /** Keepers' and validators' take, USD (exact). */
  keeperTake: string;
  validatorTake: string;
  leftOpen: number;
  latentExact: string;
  latentUsd: number;
  dexLiquidated: number;
  cexLiquidated: number;
  priceMovePct: { cex: number; dex: number };
  checkable: { cex: number; dex: number; of: { cex: number; dex: number } };
}

/** A market of 80 traders with $20M of open interest at $67,000, mostly long. */
const POSITIONS = { count: 80, openInterestUsd: 20_000_000, priceUsd: 67_000, longShare: 0.6, maxLeverage: 20, seed: "cexdex" };
/** $40M of bids and asks spread over 20 % of price, thinnest near the mid. */
const BOOK = { midPriceUsd: "67000", depthUsd: "40000000", levels: 25, levelSpacingBps: 80, profile: "linear" as const };

const PARTIES = {
  traders: "Liquidated traders",
  fund: "Insurance fund / backstop pool",
  adl: "Auto-deleveraged winners",
  socialized: "All winners (socialized)",
  unpaid: "Winners left unpaid",
  protocol: "Protocol (token holders)",
  keepers: "Keepers",
  validators: "Validators (gas and fees)",
  latent: "Still open, underwater",
} as const;

function compute(values: Values): Result {
  // #region engine
  const comparison = compareCexDex({
    populationOptions: { ...POSITIONS, leverageMean: values.leverage, maintenanceMarginRate: values.maintenance },
    book: BOOK,
    shock: -values.fall,
    insuranceFundUsd: values.fundUsd,
    afterFund: values.afterFund as "adl" | "socialize",
    dex: {
      liquidationBonusRate: values.bonus,
      gasCostUsd: values.gasUsd,
      congestionGasMultiplier: values.congestion,
      maxLiquidationsPerBlock: values.blockCapacity,
      blockTimeSeconds: values.blockSeconds,
      backstopPoolUsd: values.fundUsd,
    },
  });
  const { cex, dex } = comparison; // cex.conservation and dex.conservation say who paid, to the cent
  // #endregion

  // Who gained (+) or lost (−): each venue's parties add up to the market loss of the positions it closed.
  const shares: Share[] = [];
  const add = (party: string, cexUsd: Decimal, dexUsd: Decimal) => {
    shares.push({ party, venue: "Custodial exchange", usd: cexUsd.toNumber(), exact: cexUsd.toFixed(2) });
    shares.push({ party, venue: "On-chain vault", usd: dexUsd.toNumber(), exact: dexUsd.toFixed(2) });
  };
  add(PARTIES.traders, cex.conservation.liquidatedTraderPnlUsd, dex.conservation.traderPnlUsd);
  add(PARTIES.fund, cex.conservation.insuranceFundChangeUsd, dex.backstopUsedUsd.neg());
  add(PARTIES.adl, cex.conservation.adlPnlUsd, ZERO);
  if (!cex.socializedLossUsd.isZero()) add(PARTIES.socialized, cex.socializedLossUsd.neg(), ZERO);
  if (!cex.uncoveredLossUsd.isZero()) add(PARTIES.unpaid, cex.uncoveredLossUsd.neg(), ZERO);
  add(PARTIES.protocol, ZERO, dex.protocolBadDebtUsd.neg());
  add(PARTIES.keepers, ZERO, dex.conservation.keeperPnlUsd);
  add(PARTIES.validators, ZERO, dex.conservation.validatorIncomeUsd);
  if (!dex.latentBadDebtUsd.isZero()) add(PARTIES.latent, ZERO, dex.latentBadDebtUsd.neg());

  const money = (d: Decimal) => d.toFixed(2);
  const pct = (d: Decimal) => `${d.times(100).toFixed(2)}%`;
  const lines: Line[] = [
    { section: "Outcome", measure: "Price after the crash ($)", cex: money(cex.finalPrice), dex: money(dex.finalPrice) },
    { section: "Outcome", measure: "Price move", cex: pct(cex.priceMove), dex: pct(dex.priceMove) },
    { section: "Outcome", measure: "Positions liquidated", cex: String(cex.totalLiquidatedCount), dex: String(dex.totalLiquidatedCount) },
    { section: "Outcome", measure: "Notional liquidated ($)", cex: money(cex.totalLiquidatedNotional), dex: money(dex.totalLiquidatedNotional) },
    { section: "Outcome", measure: "Bad debt ($)", cex: money(comparison.badDebtUsd.cex), dex: money(comparison.badDebtUsd.dex) },
    { section: "Outcome", measure: "Positions left open while liquidatable", cex: "0", dex: String(dex.leftUnliquidated) },
    { section: "Outcome", measure: "How long it took", cex: plural(cex.trace.length - 1, "round") + " of the engine", dex: `${plural(dex.trace.length, "block")}, ${dex.durationSeconds} s` },
    { section: "Outcome", measure: "Market loss of the closed positions ($)", cex: money(cex.conservation.marketPnlUsd), dex: money(dex.conservation.marketPnlUsd) },
  ];
  for (const party of new Set(shares.map((s) => s.party))) {
    const of = (venue: Venue) => shares.find((s) => s.party === party && s.venue === venue)!.exact;
    lines.push({ section: "Who paid", measure: `${party}: gained (+) or lost (−) ($)`, cex: of("Custodial exchange"), dex: of("On-chain vault") });
  }
  const { cex: cexChecks, dex: dexChecks } = comparison.verifiableInAdvance;
  for (let i = 0; i < Math.max(cexChecks.length, dexChecks.length); i++) {
    const say = (item?: (typeof cexChecks)[number]) => (item ? `${item.verifiable ? "Yes" : "No"}: ${item.what}. ${item.how}` : "");
    lines.push({ section: "Checkable in advance?", measure: `Item ${i + 1}`, cex: say(cexChecks[i]), dex: say(dexChecks[i]) });
  }

  return {
    shares,
    parties: [...new Set(shares.map((s) => s.party))],
    lines,
    badDebtUsd: { cex: comparison.badDebtUsd.cex.toNumber(), dex: comparison.badDebtUsd.dex.toNumber() },
    exactBadDebt: { cex: money(comparison.badDebtUsd.cex), dex: money(comparison.badDebtUsd.dex) },
    bonusRate: values.bonus,
    keeperTake: money(dex.conservation.keeperPnlUsd),
    validatorTake: money(dex.conservation.validatorIncomeUsd),
    leftOpen: dex.leftUnliquidated,
    latentExact: money(dex.latentBadDebtUsd),
    latentUsd: dex.latentBadDebtUsd.toNumber(),
    dexLiquidated: dex.totalLiquidatedCount,
    cexLiquidated: cex.totalLiquidatedCount,
    priceMovePct: { cex: cex.priceMove.times(100).toNumber(), dex: dex.priceMove.times(100).toNumber() },
    checkable: {
      cex: cexChecks.filter((c) => c.verifiable).length,
      dex: dexChecks.filter((c) => c.verifiable).length,
      of: { cex: cexChecks.length, dex: dexChecks.length },
    },
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function table(result: Result): TableData {
  return {
    columns: [
      { key: "section", label: "Section" },
      { key: "measure", label: "Measure" },
      { key: "cex", label: "Custodial exchange (CEX)", numeric: true },
      { key: "dex", label: "On-chain vault with keepers (DEX)", numeric: true },
    ],
    rows: result.lines.map((line) => ({ ...line })),
  };
}

function summary(result: Result): string {
  const cexBad = formatUsd(result.exactBadDebt.cex);
  const dexBad = formatUsd(result.exactBadDebt.dex);
  const bonus = `${(result.bonusRate * 100).toFixed(1).replace(/\.0$/, "")}%`;
  const open = plural(result.leftOpen, "position");
  const checks = `a user could check ${result.checkable.dex} of ${result.checkable.of.dex} things about the vault in advance, ${result.checkable.cex} of ${result.checkable.of.cex} about the exchange`;
  if (result.badDebtUsd.dex > result.badDebtUsd.cex) {
    const why =
      result.dexLiquidated > 0 && result.bonusRate > 0
        ? `keepers are paid their ${bonus} bonus even on positions already underwater (keepers netted ${formatUsd(result.keeperTake)}, validators ${formatUsd(result.validatorTake)})`
        : `keepers would not pay the gas to close ${open}, which sit ${formatUsd(result.latentExact)} underwater and not yet booked`;
    return `The on-chain vault did worse: ${dexBad} of bad debt against the exchange's ${cexBad}, because ${why}; yet ${checks}.`;
  }
  if (result.badDebtUsd.cex > result.badDebtUsd.dex) {
    const why =
      result.leftOpen > 0
        ? `keepers left ${open} open, so the vault's price fell ${Math.abs(result.priceMovePct.dex).toFixed(1)}% against the exchange's ${Math.abs(result.priceMovePct.cex).toFixed(1)}% and its holes are partly not yet booked`
        : `its engine closes positions at whatever the book pays while the keeper's ${bonus} bonus leaves less of a hole here`;
    return `The exchange did worse: ${cexBad} of bad debt against the vault's ${dexBad}, because ${why}; and ${checks}.`;
  }
  return `Both venues end with ${cexBad} of bad debt; ${checks}.`;
}

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const largest = Math.max(1, ...result.shares.map((s) => Math.abs(s.usd)));
  const [scale, unit] = largest >= 1e6 ? [1e6, "$ millions"] : [1e3, "$ thousands"];
  const data = result.shares.map((s) => ({ ...s, value: s.usd / scale, label: s.usd === 0 ? "0" : formatUsd(s.exact) }));
  const compact = width < 520;
  // One band per party, split in two: the exchange's bar on top, the vault's below.
  const rowPx = 38;
  const padding = 0.15;
  const half = Math.floor(((rowPx * result.parties.length) / (result.parties.length + padding)) * (1 - padding) / 2);
  const venue = (name: Venue) => data.filter((d) => d.venue === name);
  const cexRows = venue("Custodial exchange");
  const dexRows = venue("On-chain vault");
  const label = (rows: typeof data, dy: number) => [
    Plot.text(rows.filter((d) => d.value < 0), { y: "party", x: "value", text: "label", textAnchor: "end", dx: -4, dy, fill: "currentColor", fontSize: 10 }),
    Plot.text(rows.filter((d) => d.value >= 0), { y: "party", x: "value", text: "label", textAnchor: "start", dx: 4, dy, fill: "currentColor", fontSize: 10 }),
  ];
  return Plot.plot({
    document,
    width,
    height: rowPx * result.parties.length + 60,
    marginTop: 20,
    marginLeft: compact ? 118 : 190,
    marginRight: 56,
    marginBottom: 40,
    style: { background: "transparent", fontSize: "12px" },
    x: { label: `← lost · ${unit} · gained →`, labelAnchor: "center", grid: true, nice: true, insetLeft: compact ? 58 : 48, insetRight: 10 },
    y: { domain: result.parties, label: null, padding },
    color: { domain: ["Custodial exchange", "On-chain vault"], range: ["var(--chart-1, #3b6ea8)", "var(--chart-2, #d08b2c)"], legend: true },
    marks: [
      Plot.axisY({ label: null, lineWidth: compact ? 9 : 16, tickSize: 0 }),
      Plot.barX(cexRows, { y: "party", x: "value", fill: "venue", insetBottom: half + 1 }),
      Plot.barX(dexRows, { y: "party", x: "value", fill: "venue", insetTop: half + 1 }),
      // Each amount just beyond the end of its bar.
      ...label(cexRows, -half / 2),
      ...label(dexRows, half / 2),
      Plot.ruleX([0], { stroke: "currentColor" }),
    ],
  });
}

const model: WidgetModel<typeof params, Result> = { params, compute, table, summary, figure };
export default model;
