/**
 * Liquidation cascade: one outside shock knocks the price down, leveraged
 * longs cross their liquidation prices, the exchange sells them into the bids,
 * the sales push the price to the next cluster, and so on until a round
 * liquidates nobody. The figure shows the price after each round and how many
 * positions each round sold.
 */
import { Decimal, formatPercent, formatUsd, generatePopulation, sweepCascade } from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";

const params = {
  shock: { kind: "number", label: "Outside shock (price fall)", default: 0.1, min: 0.01, max: 0.4, step: 0.01, unit: "%", displayScale: 100 },
  leverageMean: { kind: "number", label: "Average leverage", default: 8, min: 1, max: 50, step: 1, unit: "×" },
  bookDepth: { kind: "number", label: "Bids in the book", default: 2, min: 0.25, max: 10, step: 0.25, unit: "billion USD", help: "Spread over the 50% below today's price, thinnest near the price." },
  positions: {
    kind: "choice",
    label: "Positions simulated",
    default: "1000",
    options: [
      { value: "1000", label: "1 000" },
      { value: "10000", label: "10 000" },
      { value: "100000", label: "100 000 (runs in the background)" },
      { value: "1000000", label: "1 000 000 (runs in the background)" },
    ],
  },
  leverageSpread: { kind: "number", label: "Spread of leverage", default: 0.8, min: 0, max: 2, step: 0.1, help: "σ of the log-normal around the average: 0 gives everyone the same leverage." },
  openInterest: { kind: "number", label: "Open interest", default: 1, min: 0.1, max: 10, step: 0.1, unit: "billion USD" },
  longShare: { kind: "number", label: "Share of positions that are long", default: 0.6, min: 0, max: 1, step: 0.05, unit: "%", displayScale: 100 },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;

/** One round of the cascade: floats for plotting, exact strings for the table. */
interface Round {
  round: number;
  /** Price change from before the shock, in percent (for the figure). */
  changePct: number;
  liquidated: number;
  exact: { price: string; change: string; sold: string; fund: string; badDebt: string };
}

interface Result {
  rounds: Round[];
  positions: number;
  shock: string;
  priceMove: string;
  amplification: string | null;
  liquidated: number;
  soldUsd: string;
  badDebtUsd: string;
  bookExhausted: boolean;
  stoppedEarly: boolean;
}

const PRICE_USD = "67000";
/** Positions at or above this many run in the worker. */
const HEAVY_POSITIONS = 100_000;

function compute(values: Values, onProgress?: (fraction: number) => void): Result {
  // #region engine
  // Positions opened at today's price: leverage log-normal around the average.
  const population = generatePopulation({
    count: Number(values.positions),
    openInterestUsd: new Decimal(values.openInterest).times(1e9).toNumber(),
    priceUsd: Number(PRICE_USD),
    leverageMean: values.leverageMean,
    leverageSpread: values.leverageSpread,
    longShare: values.longShare,
    seed: "cascade",
  });
  onProgress?.(0.5);
  // One outside sale knocks the price down; then liquidations feed on themselves.
  const cascade = sweepCascade(
    {
      population,
      shock: new Decimal(values.shock).neg(), // a fall
      book: { midPriceUsd: PRICE_USD, depthUsd: new Decimal(values.bookDepth).times(1e9), levels: 200, levelSpacingBps: 25, profile: "linear" },
    },
    { onProgress: (fraction) => onProgress?.(0.5 + fraction / 2) },
  );
  // #endregion
  const change = (price: Decimal) => price.div(cascade.initialPrice).minus(1);
  return {
    rounds: cascade.trace.map((r) => ({
      round: r.round,
      changePct: change(r.priceUsd).times(100).toNumber(),
      liquidated: r.liquidatedCount,
      exact: {
        price: r.priceUsd.toFixed(2),
        change: change(r.priceUsd).times(100).toFixed(2),
        sold: r.notionalSoldUsd.toFixed(2),
        fund: r.insuranceFundUsd.toFixed(2),
        badDebt: r.badDebtUsd.toFixed(2),
      },
    })),
    positions: population.size,
    shock: cascade.shockMove.toString(),
    priceMove: cascade.priceMove.toString(),
    amplification: cascade.amplification?.toString() ?? null,
    liquidated: cascade.totalLiquidatedCount,
    soldUsd: cascade.totalLiquidatedNotional.toFixed(2),
    badDebtUsd: cascade.badDebtUsd.toFixed(2),
    bookExhausted: cascade.bookExhausted,
    stoppedEarly: cascade.stoppedEarly,
  };
}

function table(result: Result): TableData {
  return {
    columns: [
      { key: "round", label: "Round", numeric: true },
      { key: "price", label: "Price ($)", numeric: true },
      { key: "change", label: "Change from before the shock (%)", numeric: true },
      { key: "liquidated", label: "Positions liquidated", numeric: true },
      { key: "sold", label: "Sold into the book ($)", numeric: true },
      { key: "fund", label: "Insurance fund ($)", numeric: true },
      { key: "badDebt", label: "Losses beyond margin so far ($)", numeric: true },
    ],
    rows: result.rounds.map((r) => ({ round: r.round, liquidated: r.liquidated, ...r.exact })),
  };
}

/** A move as a positive percentage with one decimal: "-0.23" → "23.0%". */
const percent = (ratio: string) => `${new Decimal(ratio).abs().times(100).toFixed(1)}%`;
const count = (n: number) => n.toLocaleString("en-US");

function summary(result: Result): string {
  const rounds = result.rounds.length - 1;
  const shock = formatPercent(new Decimal(result.shock).abs());
  if (result.liquidated === 0) {
    return `A ${shock} shock ends ${percent(result.priceMove)} down: no position reaches its liquidation price, so nothing amplifies it (1×).`;
  }
  const amplification = new Decimal(result.amplification ?? "1").toFixed(2);
  const ending = result.bookExhausted ? ", and the book ran out of bids" : "";
  return (
    `A ${shock} shock ends ${percent(result.priceMove)} down after ${rounds} ${rounds === 1 ? "round" : "rounds"} of forced selling: ` +
    `amplification ${amplification}×, with ${count(result.liquidated)} of ${count(result.positions)} positions liquidated` +
    ` (${formatUsd(result.soldUsd)} sold)${ending}.`
  );
}

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const last = result.rounds.at(-1)!;
  const rounds = last.round;
  const shockPct = new Decimal(result.shock).times(100).toNumber();
  // The line starts half a round before the shock at 0 %, so the shock itself shows as the first drop.
  const path = [{ round: -0.5, changePct: 0 }, ...result.rounds];
  const x = {
    domain: [-0.5, rounds + 0.5],
    ticks: rounds <= 12 ? Array.from({ length: rounds + 1 }, (_, k) => k) : 8,
    tickFormat: (r: number) => (r === 0 ? "shock" : String(r)),
  };
  const marginLeft = 56;
  const marginRight = 24;
  const low = Math.min(last.changePct, shockPct);
  const price = Plot.plot({
    document,
    width,
    height: 240,
    marginLeft,
    marginRight,
    marginBottom: 28,
    style: { background: "transparent", fontSize: "12px" },
    x: { ...x, label: null },
    y: { label: "↑ Price change from before the shock (%)", grid: true, domain: [low * 1.15 - 1, 0] },
    marks: [
      Plot.ruleY([0], { stroke: "currentColor", strokeOpacity: 0.5 }),
      Plot.ruleY([shockPct], { stroke: "currentColor", strokeDasharray: "4,3" }),
      Plot.text([shockPct], { x: rounds + 0.5, y: (d: number) => d, text: () => `the shock alone: ${percent(result.shock)}`, textAnchor: "end", dy: -7, fill: "currentColor" }),
      Plot.lineY(path, { x: "round", y: "changePct", curve: "step-after", stroke: "var(--chart-1, #3b6ea8)", strokeWidth: 2.5 }),
      Plot.dot(result.rounds, { x: "round", y: "changePct", r: 3, fill: "var(--chart-1, #3b6ea8)" }),
      Plot.text([last], {
        x: "round",
        y: "changePct",
        text: () => `${percent(result.priceMove)} down${result.amplification ? ` · ${new Decimal(result.amplification).toFixed(2)}×` : ""}`,
        textAnchor: "end",
        dy: 16,
        fontWeight: 700,
        fill: "currentColor",
      }),
    ],
  });
  const bars = Plot.plot({
    document,
    width,
    height: 140,
    marginLeft,
    marginRight,
    marginBottom: 36,
    style: { background: "transparent", fontSize: "12px" },
    x: { ...x, label: "Round of liquidations →" },
    y: { label: "↑ Positions liquidated", grid: true, nice: true },
    marks: [
      Plot.rectY(result.rounds, { x1: (r: Round) => r.round - 0.35, x2: (r: Round) => r.round + 0.35, y: "liquidated", fill: "var(--bad, #a12222)", fillOpacity: 0.85 }),
      ...(rounds <= 12 ? [Plot.text(result.rounds.filter((r) => r.liquidated > 0), { x: "round", y: "liquidated", text: (r: Round) => count(r.liquidated), dy: -7, fill: "currentColor" })] : []),
      Plot.ruleY([0]),
    ],
  });
  const both = document.createElement("div");
  both.append(price, bars);
  return both;
}

function heavy(values: Values): boolean {
  return Number(values.positions) >= HEAVY_POSITIONS;
}

const model: WidgetModel<typeof params, Result> = { params, compute, table, summary, figure, heavy };
export default model;
