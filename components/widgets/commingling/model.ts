/**
 * Commingling lab: how a trading desk loses money it never had. Customers
 * deposit dollars; the house desk borrows part of them and buys one asset,
 * whose seeded price path crashes at hour 8. From hour 12 customers withdraw.
 * When custody can no longer pay, the exchange calls in the loan; the desk
 * sells everything and repays what that raises. When that runs out too,
 * withdrawals halt. Hour by hour we read the engine's balance sheets.
 */
import { Decimal, Exchange, fatTailPath, formatUsd } from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";

const params = {
  loanShare: { kind: "number", label: "Customer dollars lent to the desk", default: 0.6, min: 0, max: 1, step: 0.05, unit: "%", displayScale: 100 },
  crash: { kind: "number", label: "Crash in the desk's asset at hour 8", default: 0.6, min: 0, max: 0.95, step: 0.05, unit: "%", displayScale: 100 },
  runPerHour: { kind: "number", label: "Customers asking to withdraw each hour, from hour 12", default: 0.04, min: 0.01, max: 0.2, step: 0.01, unit: "%", displayScale: 100 },
  deskAsset: {
    kind: "choice",
    label: "What the desk buys",
    default: "ALT",
    options: [
      { value: "ALT", label: "A liquid altcoin" },
      { value: "TOKEN", label: "The exchange's own token (sells at a 50% haircut)" },
    ],
  },
  hidden: { kind: "boolean", label: "Hide the loan from the reported books", default: true },
  seed: { kind: "number", label: "Price path (seed)", default: 1, min: 1, max: 50, step: 1 },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;

/** The exchange at the end of one hour: floats for plotting, exact strings for the table. */
interface Hour {
  hour: number;
  priceUsd: number;
  custodyUsd: number;
  /** The desk's debt at what it can actually repay (true sheet). */
  deskRepayableUsd: number;
  liabilitiesUsd: number;
  reportedCustodyUsd: number;
  shortfallUsd: number;
  customersPaid: number;
  customersQueued: number;
  halted: boolean;
  exact: { price: string; custody: string; deskRepayable: string; liabilities: string; reportedCustody: string; shortfall: string };
}

interface Result {
  hours: Hour[];
  customers: number;
  deskAsset: string;
  hidden: boolean;
  crash: number;
  loanUsd: string;
  /** What the desk repaid when the loan was called in (null: never called). */
  recall: { hour: number; repaidUsd: string } | null;
  haltHour: number | null;
  /** At the halt: customers not yet paid, and what they are owed. */
  waitingAtHalt: { customers: number; owedUsd: string } | null;
}

const HOURS = 48;
const CRASH_HOUR = 8;
const RUN_START_HOUR = 12;
const CUSTOMERS = 200;
const DEPOSIT_USD = "5000000"; // each customer: $5M, $1B in all
const START_PRICE = { ALT: "150", TOKEN: "25" } as const;
const ONE_HOUR_IN_YEARS = 1 / (365 * 24);

function compute(values: Values): Result {
  const deskAsset = values.deskAsset as "ALT" | "TOKEN";
  const perHour = Math.max(1, Math.round(values.runPerHour * CUSTOMERS));
  // #region engine
  const exchange = new Exchange({
    assets: {
      USD: { decimals: 2 },
      ALT: { priceUsd: START_PRICE.ALT, decimals: 8 },
      TOKEN: { priceUsd: START_PRICE.TOKEN, decimals: 8, haircut: "0.5" },
    },
    keepJournal: false,
    timelineEvery: 1_000_000, // we read the balance sheets ourselves, once an hour
    checkInvariants: false, // checked once at the end instead: same guarantee, a frame's worth faster
  });
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => `customer-${i + 1}`);
  for (const customer of customers) exchange.deposit(customer, "USD", DEPOSIT_USD, { time: 0 });

  // The desk borrows customer dollars and buys its asset.
  const loanUsd = new Decimal(DEPOSIT_USD).times(CUSTOMERS).times(values.loanShare).toDecimalPlaces(2);
  if (loanUsd.gt(0)) {
    exchange.deskBorrow("USD", loanUsd, { hidden: values.hidden, time: 0 });
    exchange.deskTrade("USD", deskAsset, loanUsd, { time: 0 });
  }

  // A seeded, fat-tailed hourly price path that gaps down by `crash` at CRASH_HOUR.
  const path = { volatilityPerYear: 0.8, stepYears: ONE_HOUR_IN_YEARS, seed: `commingling-${values.seed}` };
  const beforeCrash = fatTailPath({ ...path, startPrice: START_PRICE[deskAsset], steps: CRASH_HOUR - 1 });
  const crashed = beforeCrash.at(-1)!.times(1 - values.crash);
  const prices = [...beforeCrash, ...fatTailPath({ ...path, seed: `${path.seed}-after`, startPrice: crashed, steps: HOURS - CRASH_HOUR })];

  const snapshots = [];
  let recall: { hour: number; repaid: Decimal } | null = null;
  let haltHour: number | null = null;
  let next = 0; // the next customer to head for the door
  let paid = 0;
  for (let hour = 0; hour <= HOURS; hour++) {
    if (hour > 0) exchange.setPrice(deskAsset, prices[hour]!, { time: hour });
    const leaving = hour >= RUN_START_HOUR ? customers.slice(next, next + perHour) : [];
    for (const customer of leaving) {
      next += 1;
      const custody = exchange.ledger.balance("custody:USD");
      // Custody cannot pay: call in the whole loan. The desk sells all it holds and repays what that raises.
      if (recall === null && !exchange.halted && custody.lt(DEPOSIT_USD) && loanUsd.gt(0)) {
        const holdings = exchange.ledger.balance(`desk:holdings:${deskAsset}`);
        if (holdings.gt(0)) exchange.deskTrade(deskAsset, "USD", holdings, { time: hour });
        const repaid = Decimal.min(exchange.ledger.balance("desk:owed:USD"), exchange.ledger.balance("desk:holdings:USD"));
        if (repaid.gt(0)) exchange.deskRepay("USD", repaid, { time: hour });
        recall = { hour, repaid };
      }
      const outcome = exchange.withdraw(customer, "USD", DEPOSIT_USD, { time: hour });
      if (outcome.status === "paid") paid += 1;
      else haltHour ??= hour;
    }
    snapshots.push({ hour, price: prices[hour]!, truth: exchange.trueBalanceSheet(), reported: exchange.reportedBalanceSheet(), paid, queued: exchange.queuedWithdrawals().length });
  }
  exchange.assertInvariants(); // the ledger balances and custody + loans = what customers are owed
  // #endregion
  const hours: Hour[] = snapshots.map((s) => ({
    hour: s.hour,
    priceUsd: s.price.toNumber(),
    custodyUsd: s.truth.custodyUsd.toNumber(),
    deskRepayableUsd: s.truth.receivablesUsd.toNumber(),
    liabilitiesUsd: s.truth.liabilitiesUsd.toNumber(),
    reportedCustodyUsd: s.reported.custodyUsd.toNumber(),
    shortfallUsd: s.truth.shortfallUsd.toNumber(),
    customersPaid: s.paid,
    customersQueued: s.queued,
    halted: haltHour !== null && s.hour >= haltHour,
    exact: {
      price: s.price.toFixed(2),
      custody: s.truth.custodyUsd.toFixed(2),
      deskRepayable: s.truth.receivablesUsd.toFixed(2),
      liabilities: s.truth.liabilitiesUsd.toFixed(2),
      reportedCustody: s.reported.custodyUsd.toFixed(2),
      shortfall: s.truth.shortfallUsd.toFixed(2),
    },
  }));
  const atHalt = haltHour === null ? null : snapshots.find((s) => s.hour === haltHour)!;
  return {
    hours,
    customers: CUSTOMERS,
    deskAsset,
    hidden: values.hidden,
    crash: values.crash,
    loanUsd: loanUsd.toFixed(2),
    recall: recall === null ? null : { hour: recall.hour, repaidUsd: recall.repaid.toFixed(2) },
    haltHour,
    waitingAtHalt: atHalt === null ? null : { customers: CUSTOMERS - atHalt.paid, owedUsd: atHalt.truth.liabilitiesUsd.toFixed(2) },
  };
}

function table(result: Result): TableData {
  return {
    columns: [
      { key: "hour", label: "Hour", numeric: true },
      { key: "price", label: `${result.deskAsset} price ($)`, numeric: true },
      { key: "custody", label: "Custody, real ($)", numeric: true },
      { key: "reportedCustody", label: "Custody, reported ($)", numeric: true },
      { key: "deskRepayable", label: "Desk can repay ($)", numeric: true },
      { key: "liabilities", label: "Owed to customers ($)", numeric: true },
      { key: "shortfall", label: "Shortfall ($)", numeric: true },
      { key: "paid", label: "Customers paid", numeric: true },
      { key: "queued", label: "Customers queued", numeric: true },
      { key: "halted", label: "Withdrawals" },
    ],
    rows: result.hours.map((h) => ({ hour: h.hour, ...h.exact, paid: h.customersPaid, queued: h.customersQueued, halted: h.halted ? "halted" : "open" })),
  };
}

function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)}%`;
}

function summary(result: Result): string {
  const crash = result.crash > 0 ? `after its ${result.deskAsset} falls ${percent(result.crash, 1)} at hour ${CRASH_HOUR}` : `with no crash`;
  const repaid = result.recall ? `the desk repays only ${formatUsd(result.recall.repaidUsd)} of the ${formatUsd(result.loanUsd)} it borrowed ${crash}` : "";
  if (result.haltHour !== null && result.waitingAtHalt) {
    const { customers, owedUsd } = result.waitingAtHalt;
    const why = result.recall ? `: ${repaid}` : "";
    return `Withdrawals halt at hour ${result.haltHour} with ${percent(customers, result.customers)} of customers (${customers} of ${result.customers}, owed ${formatUsd(owedUsd)}) still waiting${why}.`;
  }
  const last = result.hours.at(-1)!;
  const recalled = result.recall ? `; called in at hour ${result.recall.hour}, the desk repaid ${formatUsd(result.recall.repaidUsd)} of ${formatUsd(result.loanUsd)}` : "";
  return `No halt: all ${last.customersPaid} customers who asked by hour ${last.hour} were paid${recalled}.`;
}

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const millions = (value: number) => value / 1e6;
  const stacked = result.hours.flatMap((h) => [
    { hour: h.hour, part: "Custody (real)", usd: millions(h.custodyUsd) },
    { hour: h.hour, part: "What the desk can repay", usd: millions(h.deskRepayableUsd) },
  ]);
  const gaps = result.hours.filter((h) => h.shortfallUsd > 0);
  const top = millions(Math.max(...result.hours.map((h) => Math.max(h.liabilitiesUsd, h.reportedCustodyUsd)))) * 1.22;
  const events = [
    ...(result.crash > 0 ? [{ hour: CRASH_HOUR, label: `${result.deskAsset} −${percent(result.crash, 1)}` }] : []),
    { hour: RUN_START_HOUR, label: "run begins" },
    ...(result.recall ? [{ hour: result.recall.hour, label: "loan called" }] : []),
  ];
  const halt = result.haltHour === null ? [] : [{ hour: result.haltHour, label: `halt, hour ${result.haltHour}` }];
  return Plot.plot({
    document,
    width,
    height: 320,
    marginLeft: 56,
    marginTop: 28,
    marginBottom: 36,
    style: { background: "transparent", fontSize: "12px" },
    x: { label: "Hour →", domain: [0, HOURS], ticks: 8 },
    y: { label: "↑ $ millions", grid: true, domain: [0, top] },
    color: {
      domain: ["Custody (real)", "What the desk can repay", "Shortfall", "Custody the books report"],
      range: ["var(--chart-1, #3b6ea8)", "var(--chart-2, #d08b2c)", "var(--bad, #a12222)", "var(--chart-3, #5a8f3c)"],
      legend: true,
    },
    marks: [
      Plot.areaY(stacked, { x: "hour", y: "usd", fill: "part", fillOpacity: 0.85, curve: "step-after" }),
      Plot.areaY(gaps, { x: "hour", y1: (h: Hour) => millions(h.custodyUsd + h.deskRepayableUsd), y2: (h: Hour) => millions(h.liabilitiesUsd), fill: () => "Shortfall", fillOpacity: 0.35, curve: "step-after" }),
      Plot.lineY(result.hours, { x: "hour", y: (h: Hour) => millions(h.reportedCustodyUsd), stroke: () => "Custody the books report", strokeWidth: 3, curve: "step-after" }),
      Plot.lineY(result.hours, { x: "hour", y: (h: Hour) => millions(h.liabilitiesUsd), stroke: "currentColor", strokeWidth: 1.5, strokeDasharray: "5,3", curve: "step-after" }),
      Plot.text([result.hours[0]!], { x: "hour", y: (h: Hour) => millions(h.liabilitiesUsd), text: () => "owed to customers", dy: -10, textAnchor: "start", fill: "currentColor" }),
      Plot.ruleX(events, { x: "hour", stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "2,3" }),
      Plot.text(events, { x: "hour", y: top, text: "label", dy: -6, fill: "currentColor" }),
      Plot.ruleX(halt, { x: "hour", stroke: "var(--bad, #a12222)", strokeWidth: 2 }),
      Plot.text(halt, { x: "hour", y: top, text: "label", dy: 10, dx: 4, textAnchor: "start", fill: "var(--bad, #a12222)", fontWeight: "bold" }),
      Plot.ruleY([0]),
    ],
  });
}

const model: WidgetModel<typeof params, Result> = { params, compute, table, summary, figure };
export default model;
