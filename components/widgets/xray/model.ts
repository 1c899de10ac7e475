/**
 * Balance-sheet X-ray: what the exchange shows, and what is true. An exchange
 * holds customer dollars and bitcoin; its house desk borrows part of the
 * dollars and buys a risky asset; the asset's price falls step by step. At
 * each step we take both balance sheets the engine keeps.
 */
import { Decimal, Exchange, formatUsd } from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";

const params = {
  loanShare: { kind: "number", label: "Customer dollars lent to the desk", default: 0.6, min: 0, max: 1, step: 0.05, unit: "%", displayScale: 100 },
  crash: { kind: "number", label: "Fall in the desk's asset", default: 0.6, min: 0, max: 0.95, step: 0.05, unit: "%", displayScale: 100 },
  hidden: { kind: "boolean", label: "Hide the loan from the reported books", default: true },
  deskAsset: {
    kind: "choice",
    label: "What the desk buys",
    default: "ALT",
    options: [
      { value: "ALT", label: "A liquid altcoin" },
      { value: "TOKEN", label: "The exchange's own token (sells at a 50% haircut)" },
    ],
  },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;

/** One step for one basis, in dollars (floats for plotting, exact strings for the table). */
interface Point {
  step: number;
  basis: "Reported" | "True";
  priceUsd: number;
  custodyUsd: number;
  receivablesUsd: number;
  liabilitiesUsd: number;
  shortfallUsd: number;
  exact: { custody: string; receivables: string; liabilities: string; equity: string; shortfall: string };
}

interface Result {
  points: Point[];
  steps: number;
  deskAsset: string;
  hidden: boolean;
}

const STEPS = 10;
const CUSTOMER_USD = "1000000000"; // $1B of customer dollars
const CUSTOMER_BTC = "10000"; // and 10,000 BTC
const START_PRICE = { ALT: "150", TOKEN: "25" } as const;

function compute(values: Values): Result {
  const deskAsset = values.deskAsset as "ALT" | "TOKEN";
  // #region engine
  const exchange = new Exchange({
    assets: {
      USD: { decimals: 2 },
      BTC: { priceUsd: "60000", decimals: 8 },
      ALT: { priceUsd: START_PRICE.ALT, decimals: 8 },
      TOKEN: { priceUsd: START_PRICE.TOKEN, decimals: 8, haircut: "0.5" },
    },
    keepJournal: false,
    checkInvariants: false, // checked once at the end instead of after every step: same guarantee, a frame's worth faster
  });
  exchange.deposit("customers", "USD", CUSTOMER_USD);
  exchange.deposit("customers", "BTC", CUSTOMER_BTC);
  const loanUsd = new Decimal(CUSTOMER_USD).times(values.loanShare).toDecimalPlaces(2);
  if (loanUsd.gt(0)) {
    exchange.deskBorrow("USD", loanUsd, { hidden: values.hidden });
    exchange.deskTrade("USD", deskAsset, loanUsd);
  }
  const sheets = [];
  for (let step = 0; step <= STEPS; step++) {
    // The desk's asset falls in equal steps to (1 − crash) of its starting price.
    const price = new Decimal(START_PRICE[deskAsset]).times(new Decimal(1).minus(new Decimal(values.crash).times(step).div(STEPS)));
    if (step > 0) exchange.setPrice(deskAsset, price);
    sheets.push({ step, price, reported: exchange.reportedBalanceSheet(), true: exchange.trueBalanceSheet() });
  }
  exchange.assertInvariants(); // the ledger balances and true equity = custody + receivables − liabilities
  // #endregion
  const points: Point[] = [];
  for (const sheet of sheets) {
    for (const [basis, bs] of [["Reported", sheet.reported], ["True", sheet.true]] as const) {
      points.push({
        step: sheet.step,
        basis,
        priceUsd: sheet.price.toNumber(),
        custodyUsd: bs.custodyUsd.toNumber(),
        receivablesUsd: bs.receivablesUsd.toNumber(),
        liabilitiesUsd: bs.liabilitiesUsd.toNumber(),
        shortfallUsd: bs.shortfallUsd.toNumber(),
        exact: {
          custody: bs.custodyUsd.toFixed(2),
          receivables: bs.receivablesUsd.toFixed(2),
          liabilities: bs.liabilitiesUsd.toFixed(2),
          equity: bs.equityUsd.toFixed(2),
          shortfall: bs.shortfallUsd.toFixed(2),
        },
      });
    }
  }
  return { points, steps: STEPS, deskAsset, hidden: values.hidden };
}

function table(result: Result): TableData {
  return {
    columns: [
      { key: "step", label: "Step", numeric: true },
      { key: "basis", label: "Balance sheet" },
      { key: "price", label: `${result.deskAsset} price ($)`, numeric: true },
      { key: "custody", label: "Custody ($)", numeric: true },
      { key: "receivables", label: "Loan to desk ($)", numeric: true },
      { key: "liabilities", label: "Owed to customers ($)", numeric: true },
      { key: "equity", label: "Equity ($)", numeric: true },
      { key: "shortfall", label: "Shortfall ($)", numeric: true },
    ],
    rows: result.points.map((p) => ({ step: p.step, basis: p.basis, price: p.priceUsd.toFixed(2), ...p.exact })),
  };
}

function last(result: Result, basis: Point["basis"]): Point {
  return result.points.filter((p) => p.basis === basis).at(-1)!;
}

function summary(result: Result): string {
  const reported = last(result, "Reported");
  const truth = last(result, "True");
  if (truth.shortfallUsd <= 0) {
    return `After the fall, both balance sheets show customers fully backed: the desk can still repay what it borrowed.`;
  }
  const reportedText = reported.shortfallUsd > 0 ? `the reported one shows ${formatUsd(reported.exact.shortfall)}` : "the reported one still shows none";
  return `After the fall the true balance sheet is ${formatUsd(truth.exact.shortfall)} short of what customers are owed; ${reportedText}.`;
}

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const billions = (value: number) => value / 1e9;
  const stacked = result.points.flatMap((p) => [
    { step: p.step, basis: p.basis, part: "Custody", usd: billions(p.custodyUsd) },
    { step: p.step, basis: p.basis, part: "Loan to desk", usd: billions(p.receivablesUsd) },
  ]);
  const gaps = result.points.filter((p) => p.shortfallUsd > 0);
  return Plot.plot({
    document,
    width,
    height: 300,
    marginLeft: 48,
    marginBottom: 36,
    style: { background: "transparent", fontSize: "12px" },
    fx: { label: null, padding: 0.12 },
    x: { label: "Step of the price fall →", ticks: 5 },
    y: { label: "↑ $ billions", grid: true, domain: [0, billions(Math.max(...result.points.map((p) => p.liabilitiesUsd))) * 1.15] },
    color: { domain: ["Custody", "Loan to desk", "Shortfall"], range: ["var(--chart-1, #3b6ea8)", "var(--chart-2, #d08b2c)", "var(--bad, #a12222)"], legend: true },
    marks: [
      Plot.areaY(stacked, { x: "step", y: "usd", fill: "part", fx: "basis", fillOpacity: 0.85, curve: "step-after" }),
      Plot.areaY(gaps, { x: "step", y1: (p: Point) => billions(p.custodyUsd + p.receivablesUsd), y2: (p: Point) => billions(p.liabilitiesUsd), fx: "basis", fill: () => "Shortfall", fillOpacity: 0.35, curve: "step-after" }),
      Plot.lineY(result.points, { x: "step", y: (p: Point) => billions(p.liabilitiesUsd), fx: "basis", stroke: "currentColor", strokeWidth: 2, strokeDasharray: "5,3", curve: "step-after" }),
      Plot.text(result.points.filter((p) => p.step === 0), { x: "step", y: (p: Point) => billions(p.liabilitiesUsd), fx: "basis", text: () => "owed to customers", dy: -8, textAnchor: "start", fill: "currentColor" }),
      Plot.ruleY([0]),
    ],
  });
}

const model: WidgetModel<typeof params, Result> = { params, compute, table, summary, figure };
export default model;
