/**
 * Settlement horizon: how often must a hybrid venue settle on-chain? Between
 * settlements the winning side's profit sits at the venue, and a failure
 * takes it; every settlement costs a fee. The engine puts both on one scale,
 * dollars a year, over a range of intervals, and finds the interval where
 * their sum is smallest.
 */
import { Decimal, SETTLEMENT_LAYERS, formatUsd, optimalSettlementInterval, settlementCurve } from "../../../src/sim/index";
import type { TradeoffPoint } from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";

type LayerKey = keyof typeof SETTLEMENT_LAYERS;

const layerLabel = (key: LayerKey) => {
  const layer = SETTLEMENT_LAYERS[key];
  return `${layer.name}, ${formatUsd(layer.costPerSettlementUsd)} each`;
};

/** Settlement intervals a reader can pick, in minutes. */
const INTERVALS = [
  { value: "0.2", label: "Every 12 seconds" },
  { value: "1", label: "Every minute" },
  { value: "5", label: "Every 5 minutes" },
  { value: "15", label: "Every 15 minutes" },
  { value: "60", label: "Every hour" },
  { value: "240", label: "Every 4 hours" },
  { value: "720", label: "Every 12 hours" },
  { value: "1440", label: "Once a day" },
  { value: "10080", label: "Once a week" },
];

const params = {
  volatility: { kind: "number", label: "Volatility of the underlying (a year)", default: 0.8, min: 0.1, max: 2, step: 0.05, unit: "%", displayScale: 100 },
  interval: { kind: "choice", label: "Settle on-chain", default: "1440", options: INTERVALS },
  layer: {
    kind: "choice",
    label: "Settle on",
    default: "baseChain",
    options: [
      { value: "baseChain", label: layerLabel("baseChain") },
      { value: "rollup", label: layerLabel("rollup") },
    ],
  },
  openInterestBillions: { kind: "number", label: "Open interest (one side)", default: 1, min: 0.1, max: 20, step: 0.1, unit: "$B" },
  failuresPerYear: { kind: "number", label: "Venue failure rate, a year", default: 0.05, min: 0.01, max: 0.5, step: 0.01, unit: "%", displayScale: 100 },
  confidence: {
    kind: "choice",
    label: "Exposure quantile",
    default: "0.99",
    options: [
      { value: "0.95", label: "95% of windows" },
      { value: "0.99", label: "99% of windows" },
      { value: "0.999", label: "99.9% of windows" },
    ],
  },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;

/** One interval on the curve (floats for plotting, exact strings for the table). */
interface Point {
  intervalMinutes: number;
  exposureUsd: number;
  failureLossPerYearUsd: number;
  feesPerYearUsd: number;
  totalPerYearUsd: number;
  exact: { interval: string; settlementsPerDay: string; exposure: string; failureLoss: string; fees: string; total: string };
}

interface Result {
  points: Point[];
  chosen: Point;
  optimum: Point;
  /** The optimum rounded to a whole number of blocks. */
  blocks: { count: number; point: Point };
  layerName: string;
  blockMinutes: number;
  confidence: number;
  intervalLabel: string;
}

/** The x-axis runs from one rollup block (2 s) to a week, in minutes. */
const AXIS_MINUTES: [number, number] = [2 / 60, 10_080];
const CURVE_POINTS = 30;

/** Log-spaced sampling positions for the curve: where to draw, not what to compute. */
function samplingGrid(fromMinutes: number, toMinutes: number): string[] {
  const ratio = toMinutes / fromMinutes;
  return Array.from({ length: CURVE_POINTS }, (_, k) => (fromMinutes * ratio ** (k / (CURVE_POINTS - 1))).toPrecision(6));
}

function shape(p: TradeoffPoint): Point {
  return {
    intervalMinutes: p.intervalMinutes.toNumber(),
    exposureUsd: p.quantileExposureUsd.toNumber(),
    failureLossPerYearUsd: p.expectedFailureLossPerYearUsd.toNumber(),
    feesPerYearUsd: p.costPerYearUsd.toNumber(),
    totalPerYearUsd: p.totalCostPerYearUsd.toNumber(),
    exact: {
      interval: p.intervalMinutes.toSignificantDigits(6).toString(),
      settlementsPerDay: p.settlementsPerDay.toSignificantDigits(6).toString(),
      exposure: p.quantileExposureUsd.toFixed(2),
      failureLoss: p.expectedFailureLossPerYearUsd.toFixed(2),
      fees: p.costPerYearUsd.toFixed(2),
      total: p.totalCostPerYearUsd.toFixed(2),
    },
  };
}

function compute(values: Values): Result {
  // #region engine
  const layer = SETTLEMENT_LAYERS[values.layer as LayerKey]; // fee per settlement and block time
  const market = {
    openInterestUsd: new Decimal(values.openInterestBillions).times(1e9),
    volatilityPerYear: values.volatility,
    venueFailuresPerYear: values.failuresPerYear, // λ: expected venue failures a year
    costPerSettlementUsd: layer.costPerSettlementUsd, // one on-chain batch update
    confidence: Number(values.confidence),
  };
  // Where failure loss plus fees is smallest, also as a whole number of blocks:
  const best = optimalSettlementInterval({ ...market, blockTimeSeconds: layer.blockTimeSeconds });
  // Both sides of the trade-off at each interval (no faster than one block), and at the reader's choice:
  const curve = settlementCurve(
    { ...market, intervalMinutes: values.interval },
    { intervals: samplingGrid(layer.blockTimeSeconds / 60, AXIS_MINUTES[1]) },
  );
  // #endregion
  return {
    points: curve.points.map(shape),
    chosen: shape(curve.chosen!),
    optimum: shape(best),
    blocks: { count: best.blocks!.count, point: shape(best.blocks!.point) },
    layerName: layer.name,
    blockMinutes: layer.blockTimeSeconds / 60,
    confidence: Number(values.confidence),
    intervalLabel: INTERVALS.find((option) => option.value === values.interval)?.label ?? `Every ${values.interval} minutes`,
  };
}

function table(result: Result): TableData {
  const rows = [
    ...result.points.map((p) => ({ point: "curve", p })),
    { point: "your choice", p: result.chosen },
    { point: "optimum", p: result.optimum },
    { point: `optimum, ${result.blocks.count} blocks`, p: result.blocks.point },
  ].sort((a, b) => a.p.intervalMinutes - b.p.intervalMinutes);
  return {
    columns: [
      { key: "point", label: "Point" },
      { key: "interval", label: "Interval (min)", numeric: true },
      { key: "settlementsPerDay", label: "Settlements a day", numeric: true },
      { key: "exposure", label: `Exposure, ${percent(result.confidence)} quantile ($)`, numeric: true },
      { key: "failureLoss", label: "Expected failure loss ($/yr)", numeric: true },
      { key: "fees", label: "Fees ($/yr)", numeric: true },
      { key: "total", label: "Total ($/yr)", numeric: true },
    ],
    rows: rows.map(({ point, p }) => ({ point, ...p.exact })),
  };
}

function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(1))}%`;
}

/** "12 seconds", "31.8 minutes", "2.4 hours", "1.5 days". */
function duration(minutes: number): string {
  const round = (value: number) => Number(value.toPrecision(3)).toLocaleString("en-US");
  if (minutes < 1) return `${round(minutes * 60)} seconds`;
  if (minutes < 120) return `${round(minutes)} minutes`;
  if (minutes < 2 * 1440) return `${round(minutes / 60)} hours`;
  return `${round(minutes / 1440)} days`;
}

function summary(result: Result): string {
  const { chosen, optimum, blocks } = result;
  const best = blocks.count === 1 ? "every block" : `every ${duration(optimum.intervalMinutes)} (${blocks.count} blocks)`;
  const ratio = chosen.totalPerYearUsd / optimum.totalPerYearUsd;
  const verdict = ratio < 1.05 ? "close to the cheapest total" : `${ratio.toFixed(1)}× the cheapest total`;
  return `Settling ${result.intervalLabel.toLowerCase()} on the ${result.layerName} leaves up to ${formatUsd(chosen.exact.exposure)} unsettled at the venue in ${percent(result.confidence)} of windows and costs ${formatUsd(chosen.exact.failureLoss)} a year in expected failure losses plus ${formatUsd(chosen.exact.fees)} in fees: ${verdict} of ${formatUsd(optimum.exact.total)} a year, reached by settling ${best}.`;
}

const TICKS: [number, string][] = [
  [2 / 60, "2 s"],
  [0.2, "12 s"],
  [1, "1 min"],
  [10, "10 min"],
  [60, "1 h"],
  [1440, "1 day"],
  [10_080, "1 wk"],
];

/** Compact dollars for an axis: $100, $10k, $1M. */
function axisUsd(value: number): string {
  if (value >= 1e9) return `$${value / 1e9}B`;
  if (value >= 1e6) return `$${value / 1e6}M`;
  if (value >= 1e3) return `$${value / 1e3}k`;
  return `$${value}`;
}

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const narrow = width < 520;
  const series = [
    { key: "Fees", value: (p: Point) => p.feesPerYearUsd },
    { key: "Expected failure loss", value: (p: Point) => p.failureLossPerYearUsd },
    { key: "Total", value: (p: Point) => p.totalPerYearUsd },
  ];
  const lines = series.flatMap((s) => result.points.map((p) => ({ series: s.key, minutes: p.intervalMinutes, usd: s.value(p) })));
  const all = [...lines.map((d) => d.usd), result.chosen.totalPerYearUsd, result.optimum.totalPerYearUsd].filter((v) => v > 0);
  const low = 10 ** Math.floor(Math.log10(Math.max(1e-2, Math.min(...all))));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...all)));
  const decades = Array.from({ length: Math.round(Math.log10(high / low)) + 1 }, (_, k) => low * 10 ** k);
  const ticks = TICKS.filter(([minutes]) => !narrow || [1, 60, 1440].includes(minutes));
  const chosen = result.chosen;
  const best = result.optimum;
  const chosenOnRight = chosen.intervalMinutes > 300;
  const colors = { Fees: "var(--chart-2, #c27a1a)", "Expected failure loss": "var(--bad, #a12222)", Total: "currentColor" };
  return Plot.plot({
    document,
    width,
    height: narrow ? 320 : 360,
    marginLeft: 52,
    marginRight: 16,
    marginTop: 24,
    marginBottom: 40,
    style: { background: "transparent", fontSize: "12px" },
    // Plot labels log ticks only at "round" mantissas, so the interval ticks are drawn as marks below.
    x: { type: "log", domain: AXIS_MINUTES, axis: null },
    y: { type: "log", domain: [low, high], ticks: decades, tickFormat: axisUsd, grid: true, label: "↑ $ a year" },
    color: { domain: Object.keys(colors), range: Object.values(colors), legend: true },
    marks: [
      Plot.ruleX(ticks, { x: ([minutes]: [number, string]) => minutes, stroke: "currentColor", strokeOpacity: 0.1 }),
      Plot.text(ticks, { x: ([minutes]: [number, string]) => minutes, text: ([, label]: [number, string]) => label, frameAnchor: "bottom", dy: 12, fill: "currentColor" }),
      Plot.text(["Settlement interval →"], { frameAnchor: "bottom-right", dy: 30, textAnchor: "end", fill: "currentColor" }),
      Plot.ruleY([low]),
      // Faster than one block is impossible on this layer.
      Plot.rectX([{ x1: AXIS_MINUTES[0], x2: result.blockMinutes }], { x1: "x1", x2: "x2", fill: "currentColor", fillOpacity: 0.07 }),
      Plot.text([Math.sqrt(AXIS_MINUTES[0] * result.blockMinutes)], { x: (m: number) => m, frameAnchor: "top", dy: 6, text: () => (!narrow && result.blockMinutes > AXIS_MINUTES[0] * 2 ? "faster than\none block" : ""), fill: "currentColor", fillOpacity: 0.8, fontSize: 10, lineAnchor: "top" }),
      Plot.lineY(lines.filter((d) => d.series !== "Total"), { x: "minutes", y: "usd", stroke: "series", strokeWidth: 1.5 }),
      Plot.lineY(lines.filter((d) => d.series === "Total"), { x: "minutes", y: "usd", stroke: "series", strokeWidth: 2.5 }),
      Plot.ruleX([chosen.intervalMinutes], { stroke: "currentColor", strokeDasharray: "4,3", strokeOpacity: 0.7 }),
      Plot.dot([chosen], { x: "intervalMinutes", y: "totalPerYearUsd", r: 5, fill: "var(--accent, #8a3b12)", stroke: "var(--bg, white)" }),
      Plot.text([chosen], {
        x: "intervalMinutes",
        y: "totalPerYearUsd",
        text: (p: Point) => `${result.intervalLabel.toLowerCase()}\n${formatUsd(p.exact.total)}/yr`,
        textAnchor: chosenOnRight ? "end" : "start",
        dx: chosenOnRight ? -8 : 8,
        dy: -14,
        fill: "currentColor",
        stroke: "var(--bg, white)",
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
      Plot.dot([best], { x: "intervalMinutes", y: "totalPerYearUsd", r: 5, fill: "var(--chart-3, #4f8a5b)", stroke: "var(--bg, white)" }),
      Plot.text([best], {
        x: "intervalMinutes",
        y: "totalPerYearUsd",
        text: (p: Point) => `best: ${duration(p.intervalMinutes)}\n${formatUsd(p.exact.total)}/yr`,
        lineAnchor: "top",
        dy: 10,
        fill: "currentColor",
        stroke: "var(--bg, white)",
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
    ],
  });
}

const model: WidgetModel<typeof params, Result> = { params, compute, table, summary, figure };
export default model;
