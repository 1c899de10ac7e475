/**
 * Liquidation engine under stress: the price falls steadily for twenty ticks
 * and the exchange's engine can send only so many liquidation orders per
 * tick. Positions it cannot reach wait in a queue while the price keeps
 * falling, so they close further below their bankruptcy price; the insurance
 * fund pays until it is empty, then ADL (or a socialized loss) takes the rest
 * from the winners.
 */
import { Decimal, formatPercent, formatUsd, generatePopulation, positionsFromPopulation, simulateLiquidationEngine, type LossMode } from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";

const params = {
  throughput: { kind: "number", label: "Engine throughput", default: 2, min: 1, max: 20, step: 1, unit: "orders per tick" },
  insuranceFund: { kind: "number", label: "Insurance fund", default: 2, min: 0, max: 10, step: 0.25, unit: "million USD" },
  afterFund: {
    kind: "choice",
    label: "When the fund is empty",
    default: "adl",
    options: [
      { value: "adl", label: "Auto-deleverage the top-ranked winners" },
      { value: "socialize", label: "Socialize the loss across all winners" },
    ],
  },
  crash: { kind: "number", label: "Price fall over 20 ticks", default: 0.2, min: 0.02, max: 0.3, step: 0.01, unit: "%", displayScale: 100 },
  bookDepth: { kind: "number", label: "Bids in the book", default: 40, min: 5, max: 200, step: 5, unit: "million USD", help: "In five levels within 1.5% of the price, re-centred on the price every tick." },
  refill: { kind: "number", label: "Book refill per tick", default: 0.3, min: 0.05, max: 1, step: 0.05, unit: "%", displayScale: 100, help: "Share of the bids taken that come back by the next tick." },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;

/** One tick: floats (millions of dollars) for plotting, exact strings for the table. */
interface Tick {
  tick: number;
  queue: number;
  fundM: number;
  badDebtM: number;
  coveredM: number;
  exact: { price: string; newlyQueued: number; liquidated: number; fund: string; badDebt: string; adl: string; socialized: string };
}

/** A winner auto-deleveraged, in the order ADL reached them. */
interface Deleveraged {
  account: string;
  side: string;
  /** Place in the ADL line when first reached (1 = first). */
  rank: number;
  tick: number;
  score: number;
  profitUsd: string;
  takenUsd: string;
  takenM: number;
}

interface Result {
  ticks: Tick[];
  crash: number;
  crashTicks: number;
  throughput: number;
  afterFund: LossMode;
  fundStartUsd: string;
  fundEndUsd: string;
  fundEmptyTick: number | null;
  maxQueue: number;
  liquidated: number;
  badDebtUsd: string;
  adlUsd: string;
  socializedUsd: string;
  uncoveredUsd: string;
  deleveraged: Deleveraged[];
}

const PRICE_USD = "67000";
const CRASH_TICKS = 20;
const ACCOUNTS = 80;
const SHOWN_ACCOUNTS = 8;

function compute(values: Values): Result {
  // #region engine
  // 80 accounts, $200M of open interest, leverage around 10×, maintenance margin 1%.
  const population = generatePopulation({
    count: ACCOUNTS,
    openInterestUsd: 200e6,
    priceUsd: Number(PRICE_USD),
    leverageMean: 10,
    leverageSpread: 0.6,
    maxLeverage: 50,
    maintenanceMarginRate: 0.01,
    seed: "liquidation",
  });
  const positions = positionsFromPopulation(population);
  // The mark falls in equal steps for 20 ticks, then holds while the queue drains.
  const pricePathUsd = Array.from({ length: CRASH_TICKS + 1 }, (_, tick) =>
    new Decimal(PRICE_USD).times(new Decimal(1).minus(new Decimal(values.crash).times(tick).div(CRASH_TICKS))).toDecimalPlaces(2),
  );
  const engine = simulateLiquidationEngine({
    positions,
    pricePathUsd,
    throughputPerTick: values.throughput,
    insuranceFundUsd: new Decimal(values.insuranceFund).times(1e6),
    afterFund: values.afterFund as LossMode,
    book: { depthUsd: new Decimal(values.bookDepth).times(1e6), levels: 5, levelSpacingBps: 30 }, // re-centred on the mark each tick
    refillRatePerTick: values.refill,
  });
  // #endregion
  const millions = (usd: Decimal) => usd.div(1e6).toNumber();
  const ticks = engine.ticks.map((t) => ({
    tick: t.tick,
    queue: t.queueLength,
    fundM: millions(t.insuranceFundUsd),
    badDebtM: millions(t.badDebtUsd),
    coveredM: millions(t.adlChargedUsd.plus(t.socializedLossUsd)),
    exact: {
      price: t.markPrice.toFixed(2),
      newlyQueued: t.newlyQueued,
      liquidated: t.liquidated,
      fund: t.insuranceFundUsd.toFixed(2),
      badDebt: t.badDebtUsd.toFixed(2),
      adl: t.adlChargedUsd.toFixed(2),
      socialized: t.socializedLossUsd.toFixed(2),
    },
  }));
  // ADL events are per winner per tick; a winner reached in several ticks is listed once, with its takings summed.
  const byAccount = new Map<number, { first: (typeof engine.adlEvents)[number]; taken: Decimal }>();
  for (const event of engine.adlEvents) {
    const seen = byAccount.get(event.index);
    if (seen) seen.taken = seen.taken.plus(event.chargedUsd);
    else byAccount.set(event.index, { first: event, taken: event.chargedUsd });
  }
  const deleveraged = [...byAccount.values()].map(({ first, taken }) => ({
    account: `Account ${String(first.id)}`,
    side: first.side,
    rank: first.rank,
    tick: first.step,
    score: first.score,
    profitUsd: first.pnlUsd.toFixed(2),
    takenUsd: taken.toFixed(2),
    takenM: millions(taken),
  }));
  const emptyTick = engine.ticks.find((t) => t.insuranceFundUsd.isZero());
  return {
    ticks,
    crash: values.crash,
    crashTicks: CRASH_TICKS,
    throughput: values.throughput,
    afterFund: values.afterFund as LossMode,
    fundStartUsd: new Decimal(values.insuranceFund).times(1e6).toFixed(2),
    fundEndUsd: engine.finalInsuranceFundUsd.toFixed(2),
    fundEmptyTick: emptyTick?.tick ?? null,
    maxQueue: engine.maxQueueLength,
    liquidated: engine.liquidations.length,
    badDebtUsd: engine.totalBadDebtUsd.toFixed(2),
    adlUsd: engine.totalAdlChargedUsd.toFixed(2),
    socializedUsd: engine.socializedLossUsd.toFixed(2),
    uncoveredUsd: engine.uncoveredLossUsd.toFixed(2),
    deleveraged,
  };
}

function table(result: Result): TableData {
  return {
    columns: [
      { key: "tick", label: "Tick", numeric: true },
      { key: "price", label: "Mark price ($)", numeric: true },
      { key: "newlyQueued", label: "Newly below maintenance", numeric: true },
      { key: "liquidated", label: "Orders sent", numeric: true },
      { key: "queue", label: "Still waiting", numeric: true },
      { key: "fund", label: "Insurance fund ($)", numeric: true },
      { key: "badDebt", label: "Losses beyond margin so far ($)", numeric: true },
      { key: "adl", label: "Taken by ADL so far ($)", numeric: true },
      { key: "socialized", label: "Socialized so far ($)", numeric: true },
    ],
    rows: result.ticks.map((t) => ({ tick: t.tick, queue: t.queue, ...t.exact })),
  };
}

function summary(result: Result): string {
  const fund = formatUsd(result.fundStartUsd);
  if (result.liquidated === 0) {
    return `A ${formatPercent(result.crash)} fall takes no position to its maintenance margin, so the engine has nothing to do and the ${fund} insurance fund is untouched.`;
  }
  const pace = `At ${result.throughput} ${result.throughput === 1 ? "order" : "orders"} per tick the queue peaks at ${result.maxQueue} ${result.maxQueue === 1 ? "position" : "positions"}`;
  const passedOn = new Decimal(result.adlUsd).plus(result.socializedUsd).plus(result.uncoveredUsd);
  if (passedOn.isZero()) {
    if (new Decimal(result.badDebtUsd).isZero()) return `${pace}; every position closes above its bankruptcy price, so the ${fund} insurance fund only grows, to ${formatUsd(result.fundEndUsd)}.`;
    return `${pace}; the ${fund} insurance fund covers all ${formatUsd(result.badDebtUsd)} of losses beyond margin and ends at ${formatUsd(result.fundEndUsd)}, so no winner pays.`;
  }
  const empty = new Decimal(result.fundStartUsd).isZero() ? "there is no insurance fund" : `the ${fund} insurance fund is empty by tick ${result.fundEmptyTick}`;
  if (result.afterFund === "socialize") {
    return `${pace}, ${empty}, and the ${formatUsd(result.socializedUsd)} left unpaid is socialized across every profitable trader.`;
  }
  const first = result.deleveraged[0];
  const who = first ? `, first ${first.account.toLowerCase()} (ADL score ${first.score.toFixed(1)})` : "";
  const uncovered = new Decimal(result.uncoveredUsd).gt(0) ? `; ${formatUsd(result.uncoveredUsd)} is left uncovered` : "";
  return `${pace}, ${empty}, and ADL takes ${formatUsd(result.adlUsd)} from ${result.deleveraged.length} profitable ${result.deleveraged.length === 1 ? "trader" : "traders"}${who}${uncovered}.`;
}

const COLORS = {
  "Insurance fund": "var(--chart-1, #3b6ea8)",
  "Losses beyond margin": "var(--bad, #a12222)",
  "Taken from winners": "var(--chart-2, #c27a1a)",
};

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const lastTick = result.ticks.at(-1)!.tick;
  const x = { domain: [-0.5, lastTick + 0.5] };
  const marginLeft = 56;
  const marginRight = 24;
  const style = { background: "transparent", fontSize: "12px" };
  const series = result.ticks.flatMap((t) => [
    { tick: t.tick, usdM: t.fundM, series: "Insurance fund" },
    { tick: t.tick, usdM: t.badDebtM, series: "Losses beyond margin" },
    { tick: t.tick, usdM: t.coveredM, series: "Taken from winners" },
  ]);
  const crashEnd = [{ tick: result.crashTicks }];
  const money = Plot.plot({
    document,
    width,
    height: 220,
    marginLeft,
    marginRight,
    marginBottom: 24,
    style,
    x: { ...x, label: null },
    y: { label: "↑ $ millions", grid: true, nice: true },
    color: { domain: Object.keys(COLORS), range: Object.values(COLORS), legend: true },
    marks: [
      Plot.ruleX(crashEnd, { x: "tick", stroke: "currentColor", strokeOpacity: 0.4, strokeDasharray: "4,3" }),
      Plot.text(crashEnd, { x: "tick", frameAnchor: "top", text: () => "price stops falling", textAnchor: "end", dx: -4, dy: 4, fill: "currentColor" }),
      Plot.lineY(series, { x: "tick", y: "usdM", stroke: "series", strokeWidth: 2.5, curve: "step-after" }),
      Plot.ruleY([0]),
    ],
  });
  const queue = Plot.plot({
    document,
    width,
    height: 130,
    marginLeft,
    marginRight,
    marginBottom: 36,
    style,
    x: { ...x, label: "Tick →" },
    y: { label: "↑ Waiting in the queue", grid: true, nice: true },
    marks: [
      Plot.rectY(result.ticks, { x1: (t: Tick) => t.tick - 0.4, x2: (t: Tick) => t.tick + 0.4, y: "queue", fill: "var(--chart-3, #4f8a5b)" }),
      Plot.ruleX(crashEnd, { x: "tick", stroke: "currentColor", strokeOpacity: 0.4, strokeDasharray: "4,3" }),
      Plot.ruleY([0]),
    ],
  });
  const shown = result.deleveraged.slice(0, SHOWN_ACCOUNTS);
  const narrow = width < 560;
  const more = result.deleveraged.length > shown.length ? ` (the first ${shown.length} of ${result.deleveraged.length})` : "";
  const ranked = shown.length > 0
    ? Plot.plot({
        document,
        width,
        height: 64 + 38 * shown.length,
        marginLeft: 16,
        marginRight: narrow ? 4 : 24,
        marginTop: 28,
        marginBottom: 36,
        style,
        x: { label: "Profit taken by ADL ($ millions) →", grid: true, nice: true },
        y: { axis: null, domain: shown.map((d) => d.account), padding: 0 },
        marks: [
          Plot.text([`${narrow ? "Winners ADL reached, in order" : "Winners deleveraged, in the order ADL reached them"}${more}`], { frameAnchor: "top-left", dy: -20, text: (d: string) => d, fontWeight: 700, fill: "currentColor" }),
          Plot.barX(shown, { x: "takenM", y: "account", insetTop: 19, insetBottom: 5, fill: "var(--chart-2, #c27a1a)" }),
          Plot.text(shown, {
            x: 0,
            y: "account",
            // Narrow screens get the short form.
            text: (d: Deleveraged) => `${d.account} · score ${d.score.toFixed(1)} · ${formatUsd(d.takenUsd)} of ${formatUsd(d.profitUsd)}${narrow ? "" : " profit taken"}`,
            fontSize: narrow ? 11 : 12,
            textAnchor: "start",
            dy: -8,
            fill: "currentColor",
          }),
          Plot.ruleX([0]),
        ],
      })
    : Plot.plot({
        document,
        width,
        height: 36,
        margin: 0,
        style,
        axis: null,
        marks: [
          Plot.text([result.afterFund === "socialize" && new Decimal(result.socializedUsd).gt(0) ? "No one is singled out: the loss is shared by every profitable trader." : "No one is auto-deleveraged: the fund covers every loss."], { frameAnchor: "left", text: (d: string) => d, fill: "currentColor" }),
        ],
      });
  const all = document.createElement("div");
  all.append(money, queue, ranked);
  return all;
}

const model: WidgetModel<typeof params, Result> = { params, compute, table, summary, figure };
export default model;
