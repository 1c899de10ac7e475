/**
 * Commingling lab: how a trading desk loses money it never had. Customers
 * deposit dollars; the house desk borrows part of them and buys one asset,
 * whose seeded price path crashes at hour 6. From hour 10 customers withdraw.
 * When custody can no longer pay, the exchange calls in the loan; the desk
 * sells everything and repays what that raises. When that runs out too,
 * withdrawals halt. Hour by hour we read the engine's balance sheets.
 */
import { Decimal, Exchange, Random, formatUsd, gbmPath } from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";

const params = {
  loanShare: { kind: "number", label: "Customer dollars lent to the desk", default: 0.6, min: 0, max: 1, step: 0.05, unit: "%", displayScale: 100 },
  crash: { kind: "number", label: "Crash in the desk's asset at hour 6", default: 0.6, min: 0, max: 0.95, step: 0.05, unit: "%", displayScale: 100 },
  runPerHour: { kind: "number", label: "Customers asking to withdraw each hour, from hour 10", default: 0.04, min: 0.01, max: 0.2, step: 0.01, unit: "%", displayScale: 100 },
  deskAsset: {
    kind: "choice",
    label: "What the desk buys",
    default: "ALT",
    options: [
      { value: "ALT", label: "A liquid altcoin" },
      { value: "TOKEN", label: "The exchange's own token (sells at a 50% haircut)" },
    ],
  },
  seed: { kind: "number", label: "Price path (seed)", default: 1, min: 1, max: 50, step: 1 },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;

/** The exchange at the close of one hour: floats for plotting, exact strings for the table. */
interface Hour {
  hour: number;
  priceUsd: number;
  custodyUsd: number;
  /** The desk's debt at what it can actually repay (true sheet). */
  deskRepayableUsd: number;
  liabilitiesUsd: number;
  shortfallUsd: number;
  customersPaid: number;
  customersQueued: number;
  halted: boolean;
  exact: { price: string; custody: string; deskRepayable: string; liabilities: string; shortfall: string; queued: string };
}

interface Result {
  hours: Hour[];
  customers: number;
  deskAsset: string;
  crash: number;
  loanUsd: string;
  /** When the loan was called in and what the desk repaid (null: never called). */
  recall: { hour: number; repaidUsd: string } | null;
  haltHour: number | null;
  /** At the halt's close: customers not yet paid, and what they are owed. */
  waitingAtHalt: { customers: number; owedUsd: string } | null;
}

const HOURS = 40;
const CRASH_HOUR = 6;
const RUN_START_HOUR = 10;
const CUSTOMERS = 100;
const DEPOSIT_USD = new Decimal("10000000"); // each customer: $10M, $1B in all
const ASSETS = {
  ALT: { priceUsd: "150", haircut: "0", volatilityPerYear: 0.8 },
  TOKEN: { priceUsd: "25", haircut: "0.5", volatilityPerYear: 1.5 },
} as const;
const ONE_HOUR_IN_YEARS = 1 / (365 * 24);

function compute(values: Values): Result {
  const deskAsset = values.deskAsset as keyof typeof ASSETS;
  const asset = ASSETS[deskAsset];
  const perHour = Math.max(1, Math.round(values.runPerHour * CUSTOMERS));
  // #region engine
  const exchange = new Exchange({
    assets: { USD: { decimals: 2 }, [deskAsset]: { priceUsd: asset.priceUsd, haircut: asset.haircut, decimals: 8 } },
    keepJournal: false,
    timelineEvery: 1_000_000, // only price changes and halts make timeline points: one per hour
    checkInvariants: false, // checked once at the end instead: same guarantee, a frame's worth faster
  });
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => `customer-${i + 1}`);
  for (const customer of customers) exchange.deposit(customer, "USD", DEPOSIT_USD, { time: 0 });

  // The desk quietly borrows customer dollars and buys its asset.
  const loanUsd = DEPOSIT_USD.times(CUSTOMERS).times(values.loanShare).toDecimalPlaces(2);
  if (loanUsd.gt(0)) {
    exchange.deskBorrow("USD", loanUsd, { hidden: true, time: 0 });
    exchange.deskTrade("USD", deskAsset, loanUsd, { time: 0 });
  }

  // A seeded hourly price path that gaps down by `crash` at the close of CRASH_HOUR.
  const rng = new Random(`commingling-${values.seed}`);
  const path = { volatilityPerYear: asset.volatilityPerYear, stepYears: ONE_HOUR_IN_YEARS, seed: rng };
  const beforeCrash = gbmPath({ ...path, startPrice: asset.priceUsd, steps: CRASH_HOUR - 1 });
  const afterCrash = gbmPath({ ...path, startPrice: beforeCrash.at(-1)!.times(1 - values.crash), steps: HOURS - CRASH_HOUR });
  const prices = [...beforeCrash, ...afterCrash];
  exchange.setPrice(deskAsset, prices[0]!, { time: 0 });

  let recall: { hour: number; repaid: Decimal } | null = null;
  const paidByHour = [0];
  let paid = 0;
  for (let hour = 1; hour <= HOURS; hour++) {
    const leaving = hour >= RUN_START_HOUR ? customers.splice(0, perHour) : [];
    for (const customer of leaving) {
      // Custody cannot pay the next customer: call in the whole loan.
      if (recall === null && loanUsd.gt(0) && exchange.ledger.balance("custody:USD").lt(DEPOSIT_USD)) {
        // A forced sale of the whole stake fetches the price less the asset's haircut.
        exchange.setPrice(deskAsset, exchange.price(deskAsset).times(new Decimal(1).minus(asset.haircut)), { time: hour });
        exchange.deskTrade(deskAsset, "USD", exchange.ledger.balance(`desk:holdings:${deskAsset}`), { time: hour });
        const repaid = Decimal.min(exchange.ledger.balance("desk:owed:USD"), exchange.ledger.balance("desk:holdings:USD"));
        if (repaid.gt(0)) exchange.deskRepay("USD", repaid, { time: hour });
        recall = { hour, repaid };
      }
      if (exchange.withdraw(customer, "USD", DEPOSIT_USD, { time: hour }).status === "paid") paid += 1;
    }
    paidByHour.push(paid);
    exchange.setPrice(deskAsset, prices[hour]!, { time: hour }); // the hour's close: a timeline point
  }
  exchange.assertInvariants(); // the ledger balances and custody + loans = what customers are owed
  const timeline = exchange.timeline();
  // #endregion
  const closes = new Map(timeline.filter((p) => p.event === "price").map((p) => [p.time, p])); // the last price point of each hour
  const haltHour = timeline.find((p) => p.event === "halt")?.time ?? null;
  const hours: Hour[] = [...closes.values()].map((p) => {
    // equity = custody + what the desk can repay − liabilities, so:
    const deskRepayable = p.trueEquityUsd.minus(p.custodyUsd).plus(p.liabilitiesUsd);
    const price = p.prices[deskAsset]!;
    const customersPaid = paidByHour[p.time]!;
    return {
      hour: p.time,
      priceUsd: price.toNumber(),
      custodyUsd: p.custodyUsd.toNumber(),
      deskRepayableUsd: deskRepayable.toNumber(),
      liabilitiesUsd: p.liabilitiesUsd.toNumber(),
      shortfallUsd: p.shortfallUsd.toNumber(),
      customersPaid,
      customersQueued: p.queuedUsd.div(DEPOSIT_USD).toNumber(),
      halted: p.halted,
      exact: {
        price: price.toFixed(2),
        custody: p.custodyUsd.toFixed(2),
        deskRepayable: deskRepayable.toFixed(2),
        liabilities: p.liabilitiesUsd.toFixed(2),
        shortfall: p.shortfallUsd.toFixed(2),
        queued: p.queuedUsd.toFixed(2),
      },
    };
  });
  const atHalt = haltHour === null ? undefined : hours.find((h) => h.hour === haltHour);
  return {
    hours,
    customers: CUSTOMERS,
    deskAsset,
    crash: values.crash,
    loanUsd: loanUsd.toFixed(2),
    recall: recall === null ? null : { hour: recall.hour, repaidUsd: recall.repaid.toFixed(2) },
    haltHour,
    waitingAtHalt: atHalt === undefined ? null : { customers: CUSTOMERS - atHalt.customersPaid, owedUsd: atHalt.exact.liabilities },
  };
}

function table(result: Result): TableData {
  return {
    columns: [
      { key: "hour", label: "Hour", numeric: true },
      { key: "price", label: `${result.deskAsset} price ($)`, numeric: true },
      { key: "custody", label: "Custody, real ($)", numeric: true },
      { key: "deskRepayable", label: "Desk can repay ($)", numeric: true },
      { key: "liabilities", label: "Owed to customers ($)", numeric: true },
      { key: "shortfall", label: "Shortfall ($)", numeric: true },
      { key: "paid", label: "Customers paid", numeric: true },
      { key: "queuedCount", label: "Customers queued", numeric: true },
      { key: "queued", label: "Queued ($)", numeric: true },
      { key: "halted", label: "Withdrawals" },
    ],
    rows: result.hours.map((h) => ({ hour: h.hour, ...h.exact, paid: h.customersPaid, queuedCount: h.customersQueued, halted: h.halted ? "halted" : "open" })),
  };
}

function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)}%`;
}

function summary(result: Result): string {
  const crash = result.crash > 0 ? `after its ${result.deskAsset} falls ${percent(result.crash, 1)} at hour ${CRASH_HOUR}` : "with no crash";
  if (result.haltHour !== null && result.waitingAtHalt) {
    const { customers, owedUsd } = result.waitingAtHalt;
    const why = result.recall ? `: called in at hour ${result.recall.hour}, the desk repays only ${formatUsd(result.recall.repaidUsd)} of the ${formatUsd(result.loanUsd)} it borrowed ${crash}` : "";
    return `Withdrawals halt at hour ${result.haltHour} with ${percent(customers, result.customers)} of customers (${customers} of ${result.customers}, owed ${formatUsd(owedUsd)}) still waiting${why}.`;
  }
  const last = result.hours.at(-1)!;
  const recalled = result.recall ? `; called in at hour ${result.recall.hour}, the desk repaid ${formatUsd(result.recall.repaidUsd)} of ${formatUsd(result.loanUsd)}` : "";
  const hole = last.shortfallUsd > 0 ? `, yet the true books end ${formatUsd(last.exact.shortfall)} short of what the others are owed` : "";
  return `No halt: all ${last.customersPaid} customers who asked by hour ${last.hour} were paid${recalled}${hole}.`;
}

/** A label right of its rule, or left of it near the right edge. */
function besideRule(hour: number | null | undefined): { dx: number; textAnchor: "start" | "end" } {
  return (hour ?? 0) > HOURS * 0.75 ? { dx: -4, textAnchor: "end" } : { dx: 4, textAnchor: "start" };
}

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const millions = (value: number) => value / 1e6;
  const stacked = result.hours.flatMap((h) => [
    { hour: h.hour, part: "Custody (real)", usd: millions(h.custodyUsd) },
    { hour: h.hour, part: "What the desk can repay", usd: millions(h.deskRepayableUsd) },
  ]);
  const gaps = result.hours.filter((h) => h.shortfallUsd > 0);
  const top = millions(Math.max(...result.hours.map((h) => h.liabilitiesUsd))) * 1.22;
  // Event labels in three rows (crash and run start above the plot, then the recall, then the halt) so neighbours never collide.
  const crash = result.crash > 0 ? [{ hour: CRASH_HOUR, label: `${result.deskAsset} −${percent(result.crash, 1)}` }] : [];
  const runStart = [{ hour: RUN_START_HOUR, label: "run begins" }];
  const recall = result.recall ? [{ hour: result.recall.hour, label: "loan called" }] : [];
  const halt = result.haltHour === null ? [] : [{ hour: result.haltHour, label: `halt, hour ${result.haltHour}` }];
  // Who is left behind, written into the shortfall after the halt when there is room for it.
  const room = result.haltHour !== null && result.waitingAtHalt && HOURS - result.haltHour >= 8;
  const waiting = room ? [{ hour: (result.haltHour! + HOURS) / 2, usd: millions(Number(result.waitingAtHalt!.owedUsd)) / 2, label: `${result.waitingAtHalt!.customers} customers waiting, owed ${formatUsd(result.waitingAtHalt!.owedUsd)}` }] : [];
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
      domain: ["Custody (real)", "What the desk can repay", "Shortfall"],
      range: ["var(--chart-1, #3b6ea8)", "var(--chart-2, #d08b2c)", "var(--bad, #a12222)"],
      legend: true,
    },
    marks: [
      Plot.areaY(stacked, { x: "hour", y: "usd", fill: "part", fillOpacity: 0.85, curve: "step-after" }),
      Plot.areaY(gaps, { x: "hour", y1: (h: Hour) => millions(h.custodyUsd + h.deskRepayableUsd), y2: (h: Hour) => millions(h.liabilitiesUsd), fill: () => "Shortfall", fillOpacity: 0.35, curve: "step-after" }),
      Plot.lineY(result.hours, { x: "hour", y: (h: Hour) => millions(h.liabilitiesUsd), stroke: "currentColor", strokeWidth: 1.5, strokeDasharray: "5,3", curve: "step-after" }),
      Plot.text([result.hours[0]!], { x: "hour", y: (h: Hour) => millions(h.liabilitiesUsd), text: () => "owed to customers", dy: -10, textAnchor: "start", fill: "currentColor" }),
      Plot.ruleX([...crash, ...runStart, ...recall], { x: "hour", stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "2,3" }),
      Plot.text(crash, { x: "hour", y: top, text: "label", dy: -6, dx: -3, textAnchor: "end", fill: "currentColor" }),
      Plot.text(runStart, { x: "hour", y: top, text: "label", dy: -6, dx: 3, textAnchor: "start", fill: "currentColor" }),
      Plot.text(recall, { x: "hour", y: top, text: "label", dy: 10, ...besideRule(result.recall?.hour), fill: "currentColor" }),
      Plot.ruleX(halt, { x: "hour", stroke: "var(--bad, #a12222)", strokeWidth: 2 }),
      Plot.text(halt, { x: "hour", y: top, text: "label", dy: 26, ...besideRule(result.haltHour), fill: "var(--bad, #a12222)", fontWeight: "bold" }),
      Plot.text(waiting, { x: "hour", y: "usd", text: "label", fill: "currentColor", lineWidth: 14, textAnchor: "middle" }),
      Plot.ruleY([0]),
    ],
  });
}

const model: WidgetModel<typeof params, Result> = { params, compute, table, summary, figure };
export default model;
