/**
 * Withdrawal run: when a rumour becomes a halt. A venue holds $100M of
 * deposits from 1,000 depositors and keeps part of it liquid; the rest is in
 * assets it can only sell at a discount. One piece of bad news on day 1
 * lowers everyone's confidence; the most nervous leave, their leaving lowers
 * confidence further, and the venue pays until it cannot.
 */
import { Decimal, formatUsd, simulateRun } from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";

const params = {
  shock: { kind: "number", label: "Strength of the bad news on day 1", default: 0.5, min: 0, max: 1, step: 0.05, unit: "%", displayScale: 100 },
  reserveRatio: { kind: "number", label: "Deposits kept as liquid reserves", default: 0.2, min: 0, max: 1, step: 0.05, unit: "%", displayScale: 100 },
  fireSaleDiscount: { kind: "number", label: "Fire-sale discount on the other assets", default: 0.3, min: 0, max: 0.9, step: 0.05, unit: "%", displayScale: 100 },
  nerveSpread: {
    kind: "number",
    label: "How much depositors differ in nerve",
    default: 0.65,
    min: 0,
    max: 0.7,
    step: 0.05,
    help: "The width of the range of confidence levels at which depositors leave, centred on 0.625.",
  },
  herdWeight: { kind: "number", label: "Herding: confidence lost per share of deposits already asked back", default: 1, min: 0, max: 3, step: 0.1, unit: "×" },
  privateNews: { kind: "boolean", label: "Depositors also act on private news (seeded, random order)", default: false },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;

/** One day of the run: floats for plotting, exact strings for the table. */
interface Day {
  day: number;
  signal: number;
  confidence: number;
  withdrawers: number;
  paidUsd: number;
  queuedTodayUsd: number;
  liquidUsd: number;
  illiquidUsd: number;
  owedUsd: number;
  halted: boolean;
  exact: { requested: string; paid: string; liquid: string; illiquid: string; fireSaleLoss: string; queued: string };
}

interface Result {
  days: Day[];
  depositors: number;
  haltDay: number | null;
  thresholds: [number, number];
  paidUsd: string;
  queuedUsd: string;
  depositsUsd: string;
  /** Cents per dollar for whoever is still owed, if the venue is wound up at the end. */
  recoveryCents: string;
}

const DEPOSITS_USD = new Decimal("100000000"); // $100M
const DEPOSITORS = 1000;
const DAYS = 12;
const NERVE_CENTRE = 0.625; // the engine's default range, 0.3–0.95, is centred here

function compute(values: Values): Result {
  const thresholds: [number, number] = [NERVE_CENTRE - values.nerveSpread / 2, NERVE_CENTRE + values.nerveSpread / 2];
  // #region engine
  const liquid = DEPOSITS_USD.times(values.reserveRatio);
  const run = simulateRun({
    depositorCount: DEPOSITORS,
    depositsUsd: DEPOSITS_USD,
    liquidReservesUsd: liquid,
    illiquidAssetsUsd: DEPOSITS_USD.minus(liquid), // the rest, at book value
    fireSaleDiscount: values.fireSaleDiscount,
    thresholdMin: thresholds[0],
    thresholdMax: thresholds[1],
    herdWeight: values.herdWeight,
    signal: [0, values.shock], // one piece of bad news, on day 1
    periods: DAYS,
    mode: values.privateNews ? "random" : "deterministic",
    seed: "run",
  });
  // #endregion
  let queuedBefore = new Decimal(0);
  const days: Day[] = run.timeline.map((p) => {
    const queuedToday = p.queuedUsd.minus(queuedBefore);
    queuedBefore = p.queuedUsd;
    return {
      day: p.period,
      signal: p.signal,
      confidence: p.confidence,
      withdrawers: p.withdrawersThisPeriod,
      paidUsd: p.paidUsd.toNumber(),
      queuedTodayUsd: queuedToday.toNumber(),
      liquidUsd: p.liquidReservesUsd.toNumber(),
      illiquidUsd: p.illiquidAssetsUsd.toNumber(),
      owedUsd: p.depositsOutstandingUsd.toNumber(),
      halted: p.halted,
      exact: {
        requested: p.requestedUsd.toFixed(2),
        paid: p.paidUsd.toFixed(2),
        liquid: p.liquidReservesUsd.toFixed(2),
        illiquid: p.illiquidAssetsUsd.toFixed(2),
        fireSaleLoss: p.fireSaleLossUsd.toFixed(2),
        queued: p.queuedUsd.toFixed(2),
      },
    };
  });
  return {
    days,
    depositors: DEPOSITORS,
    haltDay: run.haltPeriod,
    thresholds,
    paidUsd: run.paidUsd.toFixed(2),
    queuedUsd: run.queuedUsd.toFixed(2),
    depositsUsd: DEPOSITS_USD.toFixed(2),
    recoveryCents: run.recoveryRate.times(100).toFixed(1),
  };
}

function table(result: Result): TableData {
  return {
    columns: [
      { key: "day", label: "Day", numeric: true },
      { key: "signal", label: "Bad news (0–1)", numeric: true },
      { key: "confidence", label: "Confidence (0–1)", numeric: true },
      { key: "withdrawers", label: "Depositors asking", numeric: true },
      { key: "requested", label: "Asked for ($)", numeric: true },
      { key: "paid", label: "Paid ($)", numeric: true },
      { key: "liquid", label: "Liquid reserves left ($)", numeric: true },
      { key: "illiquid", label: "Other assets left, at book ($)", numeric: true },
      { key: "fireSaleLoss", label: "Lost to fire sales ($)", numeric: true },
      { key: "queued", label: "Queued ($)", numeric: true },
      { key: "status", label: "Withdrawals" },
    ],
    rows: result.days.map((d) => ({
      day: d.day,
      signal: d.signal.toFixed(2),
      confidence: d.confidence.toFixed(3),
      withdrawers: d.withdrawers,
      ...d.exact,
      status: d.halted ? "halted" : "open",
    })),
  };
}

function share(part: string, whole: string): string {
  return `${new Decimal(part).div(whole).times(100).toDecimalPlaces(0).toString()}%`;
}

/** What a depositor still in the queue gets back per dollar, in words. */
function queueGets(result: Result): string {
  return result.recoveryCents === "0.0" ? "nothing" : `${result.recoveryCents} cents per dollar`;
}

function summary(result: Result): string {
  const day1 = result.days[1]!;
  const last = result.days.at(-1)!;
  if (day1.withdrawers === 0 && new Decimal(result.paidUsd).isZero()) {
    const news = day1.signal === 0 ? "With no bad news confidence stays at 1.00" : `Confidence dips only to ${day1.confidence.toFixed(2)} on day 1, above every depositor's threshold`;
    return `${news}: nobody withdraws and there is no halt.`;
  }
  const opening = `Bad news puts confidence at ${day1.confidence.toFixed(2)} on day 1 and ${day1.withdrawers} of ${result.depositors} depositors ask for their money`;
  if (result.haltDay !== null) {
    const when = result.haltDay === 1 ? "the venue halts the same day" : `the run feeds itself until day ${result.haltDay}, when the venue halts`;
    return `${opening}; ${when} with ${formatUsd(result.queuedUsd)} (${share(result.queuedUsd, result.depositsUsd)} of deposits) queued: those who left first were paid in full, the queue gets ${queueGets(result)}, and fire sales have destroyed ${formatUsd(last.exact.fireSaleLoss)}.`;
  }
  return `${opening}, but the venue pays all ${formatUsd(result.paidUsd)} asked and the run dies out: no halt, and if it were wound up now the rest would get ${result.recoveryCents} cents on the dollar.`;
}

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const millions = (value: number) => value / 1e6;
  const x = { label: "Day →", domain: [-0.5, DAYS - 0.5], ticks: DAYS } as const;
  const halt = result.haltDay === null ? [] : [{ day: result.haltDay }];
  const confidence = Plot.plot({
    document,
    width,
    height: 130,
    marginLeft: 56,
    marginRight: 20,
    marginBottom: 8,
    style: { background: "transparent", fontSize: "12px" },
    x: { ...x, axis: null },
    y: { label: "↑ confidence", domain: [0, 1], ticks: 3, grid: true },
    marks: [
      // Depositors leave when confidence falls below their threshold: the band is where thresholds lie.
      Plot.rectY([result.thresholds], { x1: -0.5, x2: DAYS - 0.5, y1: (t: [number, number]) => t[0], y2: (t: [number, number]) => t[1], fill: "var(--chart-3, #5a8f3c)", fillOpacity: 0.15 }),
      Plot.text([result.thresholds], { x: DAYS - 0.5, y: (t: [number, number]) => t[1], text: () => "depositors' nerve", textAnchor: "end", dy: -7, fill: "currentColor" }),
      Plot.lineY(result.days, { x: "day", y: "confidence", stroke: "currentColor", strokeWidth: 2, marker: "circle" }),
      Plot.ruleX(halt, { x: "day", stroke: "var(--bad, #a12222)", strokeWidth: 2 }),
    ],
  });
  const bars = result.days.flatMap((d) => [
    { day: d.day, part: "Paid", bottom: 0, top: millions(d.paidUsd) },
    { day: d.day, part: "Queued", bottom: millions(d.paidUsd), top: millions(d.paidUsd + d.queuedTodayUsd) },
  ]);
  // What is left at the end of each day, drawn across that day's whole column (the last day repeated to close the step).
  const reserves = [...result.days, { ...result.days.at(-1)!, day: DAYS }].flatMap((d) => [
    { left: d.day - 0.5, part: "Liquid reserves", usd: millions(d.liquidUsd) },
    { left: d.day - 0.5, part: "Other assets (book)", usd: millions(d.illiquidUsd) },
  ]);
  const flows = Plot.plot({
    document,
    width,
    height: 260,
    marginLeft: 56,
    marginRight: 20,
    marginBottom: 36,
    style: { background: "transparent", fontSize: "12px" },
    x,
    y: { label: "↑ $ millions", grid: true, domain: [0, millions(Number(result.depositsUsd)) * 1.08] },
    color: {
      domain: ["Liquid reserves", "Other assets (book)", "Paid", "Queued"],
      range: ["var(--chart-2, #d08b2c)", "var(--chart-3, #5a8f3c)", "var(--chart-1, #3b6ea8)", "var(--bad, #a12222)"],
      legend: true,
    },
    marks: [
      Plot.areaY(reserves, { x: "left", y: "usd", fill: "part", fillOpacity: 0.35, curve: "step-after" }),
      Plot.rectY(bars, { x1: (b: { day: number }) => b.day - 0.3, x2: (b: { day: number }) => b.day + 0.3, y1: "bottom", y2: "top", fill: "part" }),
      Plot.lineY([...result.days, { ...result.days.at(-1)!, day: DAYS }], { x: (d: Day) => d.day - 0.5, y: (d: Day) => millions(d.owedUsd), stroke: "currentColor", strokeDasharray: "5,3", curve: "step-after" }),
      Plot.text(result.days.slice(0, 1), { x: -0.5, y: (d: Day) => millions(d.owedUsd), text: () => "still owed", dy: -8, textAnchor: "start", fill: "currentColor" }),
      Plot.ruleX(halt, { x: "day", stroke: "var(--bad, #a12222)", strokeWidth: 2 }),
      Plot.text(halt, { x: "day", y: millions(Number(result.depositsUsd)) * 1.04, text: (h: { day: number }) => `halt, day ${h.day}: the queue gets ${queueGets(result)}`, textAnchor: "start", dx: 4, fill: "var(--bad, #a12222)", fontWeight: "bold" }),
      Plot.ruleY([0]),
    ],
  });
  const wrapper = document.createElement("div");
  wrapper.append(confidence, flows);
  return wrapper;
}

const model: WidgetModel<typeof params, Result> = { params, compute, table, summary, figure };
export default model;
