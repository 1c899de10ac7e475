/**
 * `npm run sim -- <scenario> [--format csv|json] [--out file]`: runs a named
 * scenario from `src/sim/scenarios.ts` and writes its timeline, one row per
 * step, tick, round or period. `npm run sim -- --list` lists the scenarios.
 *
 * Money stays exact: every Decimal is written with all its digits
 * (`formatExact`), as text, in CSV and in JSON alike. Counts are numbers,
 * flags booleans (in JSON). Exit codes: 0 done, 2 a usage error (unknown
 * scenario, format or option), 1 anything else.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  Decimal,
  SCENARIOS,
  formatExact,
  runBlackThursdayLike,
  runFtxLikeDesk,
  runFtxLikeWithdrawalRun,
  runMtGoxLikeLoss,
  runRecordLiquidationDay,
  MT_GOX_LIKE_CUSTODY_LOSS,
  type CascadeParams,
  type CustodyParams,
  type LiquidationParams,
  type Scenario,
} from "../src/sim/index";

/** A cell of the timeline: exact text for money, a number for counts, a flag. */
type Cell = string | number | boolean;

/** A scenario's timeline as a table. */
interface Timeline {
  columns: string[];
  rows: Record<string, Cell>[];
}

/** One thing the CLI can run: a preset and the engine that runs it. */
interface Runnable {
  id: string;
  title: string;
  /** What one row of the timeline is. */
  rowIs: string;
  /** The engine function, for the listing. */
  engine: string;
  run: () => Timeline;
}

const FORMATS = ["csv", "json"] as const;
type Format = (typeof FORMATS)[number];

const exact = (value: Decimal): string => formatExact(value);

/** The named runner of a custody preset (both run the same `Exchange` steps). */
function custodyRunner(scenario: Scenario<CustodyParams>): { name: string; run: typeof runFtxLikeDesk } {
  return scenario.id === MT_GOX_LIKE_CUSTODY_LOSS.id ? { name: "runMtGoxLikeLoss", run: runMtGoxLikeLoss } : { name: "runFtxLikeDesk", run: runFtxLikeDesk };
}

/** Every event of an `Exchange` (deposits, borrowing, trades, prices, withdrawals, halts). */
function custodyTimeline(scenario: Scenario<CustodyParams>): Timeline {
  const run = custodyRunner(scenario).run(scenario);
  const assets = run.exchange.assets();
  const columns = [
    "step", "time", "event", "detail",
    ...assets.map((code) => `price.${code}`),
    ...assets.map((code) => `custody.${code}`),
    "custodyUsd", "liabilitiesUsd", "reportedEquityUsd", "trueEquityUsd", "shortfallUsd", "queuedUsd", "halted",
  ];
  const rows = run.timeline.map((point) => {
    const row: Record<string, Cell> = { step: point.step, time: point.time, event: point.event, detail: point.detail };
    for (const code of assets) row[`price.${code}`] = exact(point.prices[code] ?? new Decimal(0));
    for (const code of assets) row[`custody.${code}`] = exact(point.custody[code] ?? new Decimal(0));
    Object.assign(row, {
      custodyUsd: exact(point.custodyUsd),
      liabilitiesUsd: exact(point.liabilitiesUsd),
      reportedEquityUsd: exact(point.reportedEquityUsd),
      trueEquityUsd: exact(point.trueEquityUsd),
      shortfallUsd: exact(point.shortfallUsd),
      queuedUsd: exact(point.queuedUsd),
      halted: point.halted,
    });
    return row;
  });
  return { columns, rows };
}

/** One period of the confidence-driven withdrawal run. */
function withdrawalRunTimeline(scenario: Scenario<CustodyParams>): Timeline {
  const result = runFtxLikeWithdrawalRun(scenario);
  const columns = [
    "period", "signal", "confidence", "withdrawnShare", "withdrawersThisPeriod", "requestedUsd", "paidUsd",
    "liquidReservesUsd", "illiquidAssetsUsd", "fireSaleLossUsd", "depositsOutstandingUsd", "queuedUsd", "halted",
  ];
  const rows = result.timeline.map((p) => ({
    period: p.period,
    signal: p.signal,
    confidence: p.confidence,
    withdrawnShare: p.withdrawnShare,
    withdrawersThisPeriod: p.withdrawersThisPeriod,
    requestedUsd: exact(p.requestedUsd),
    paidUsd: exact(p.paidUsd),
    liquidReservesUsd: exact(p.liquidReservesUsd),
    illiquidAssetsUsd: exact(p.illiquidAssetsUsd),
    fireSaleLossUsd: exact(p.fireSaleLossUsd),
    depositsOutstandingUsd: exact(p.depositsOutstandingUsd),
    queuedUsd: exact(p.queuedUsd),
    halted: p.halted,
  }));
  return { columns, rows };
}

/** One tick of the liquidation engine along the price path. */
function liquidationTimeline(scenario: Scenario<LiquidationParams>): Timeline {
  const result = runBlackThursdayLike(scenario);
  const columns = [
    "tick", "markPrice", "newlyQueued", "liquidated", "queueLength", "insuranceFundUsd",
    "badDebtUsd", "adlChargedUsd", "socializedLossUsd", "adlEvents",
  ];
  const rows = result.ticks.map((t) => ({
    tick: t.tick,
    markPrice: exact(t.markPrice),
    newlyQueued: t.newlyQueued,
    liquidated: t.liquidated,
    queueLength: t.queueLength,
    insuranceFundUsd: exact(t.insuranceFundUsd),
    badDebtUsd: exact(t.badDebtUsd),
    adlChargedUsd: exact(t.adlChargedUsd),
    socializedLossUsd: exact(t.socializedLossUsd),
    adlEvents: t.adlEvents.length,
  }));
  return { columns, rows };
}

/** One round of the cascade (round 0 is the shock). */
function cascadeTimeline(scenario: Scenario<CascadeParams>): Timeline {
  const result = runRecordLiquidationDay(scenario);
  const columns = [
    "round", "priceUsd", "liquidatedCount", "liquidatedQuantity", "notionalSoldUsd", "insuranceFundUsd",
    "badDebtUsd", "adlEvents", "adlChargedUsd", "socializedLossUsd",
  ];
  const rows = result.trace.map((r) => ({
    round: r.round,
    priceUsd: exact(r.priceUsd),
    liquidatedCount: r.liquidatedCount,
    liquidatedQuantity: exact(r.liquidatedQuantity),
    notionalSoldUsd: exact(r.notionalSoldUsd),
    insuranceFundUsd: exact(r.insuranceFundUsd),
    badDebtUsd: exact(r.badDebtUsd),
    adlEvents: r.adlEvents.length,
    // ADL charged in this round (the trace's other loss columns are cumulative).
    adlChargedUsd: exact(r.adlEvents.reduce((total, e) => total.plus(e.chargedUsd), new Decimal(0))),
    socializedLossUsd: exact(r.socializedLossUsd),
  }));
  return { columns, rows };
}

/** Every preset, dispatched on its kind, plus the withdrawal run of each custody preset that has one. */
export function runnables(): Runnable[] {
  const list: Runnable[] = [];
  for (const scenario of SCENARIOS) {
    const p = scenario.params;
    if (p.kind === "custody") {
      const custody = scenario as Scenario<CustodyParams>;
      list.push({ id: scenario.id, title: scenario.title, rowIs: "exchange event", engine: `Exchange (${custodyRunner(custody).name})`, run: () => custodyTimeline(custody) });
      if (p.run !== undefined) {
        list.push({
          id: `${scenario.id}-withdrawal-run`,
          title: `${scenario.title}: the withdrawal run`,
          rowIs: "period",
          engine: "simulateRun (runFtxLikeWithdrawalRun)",
          run: () => withdrawalRunTimeline(custody),
        });
      }
    } else if (p.kind === "liquidation") {
      list.push({ id: scenario.id, title: scenario.title, rowIs: "tick", engine: "simulateLiquidationEngine (runBlackThursdayLike)", run: () => liquidationTimeline(scenario as Scenario<LiquidationParams>) });
    } else {
      list.push({ id: scenario.id, title: scenario.title, rowIs: "cascade round", engine: "simulateCascade (runRecordLiquidationDay)", run: () => cascadeTimeline(scenario as Scenario<CascadeParams>) });
    }
  }
  return list;
}

/** RFC 4180: quote a field that holds a comma, a quote or a line break. */
function csvField(value: Cell): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The timeline as CSV text, a header row first. */
export function toCsv(timeline: Timeline): string {
  const lines = [timeline.columns.map(csvField).join(",")];
  for (const row of timeline.rows) lines.push(timeline.columns.map((column) => csvField(row[column] ?? "")).join(","));
  return lines.join("\n") + "\n";
}

/** The timeline as JSON: the scenario, its columns, and the rows. */
export function toJson(item: Runnable, timeline: Timeline): string {
  return JSON.stringify({ scenario: item.id, title: item.title, rowIs: item.rowIs, columns: timeline.columns, rows: timeline.rows }, null, 2) + "\n";
}

const USAGE = `Usage:
  npm run sim -- <scenario> [--format csv|json] [--out file]
  npm run sim -- --list

Runs a named scenario of the simulation library and writes its timeline
(CSV by default) to standard output or to --out. Money is exact: every
amount is written with all its digits.`;

class UsageError extends Error {}

interface Args {
  list: boolean;
  help: boolean;
  scenario?: string;
  format: Format;
  out?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { list: false, help: false, format: "csv" };
  const valueOf = (i: number, flag: string): string => {
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} needs a value.`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let flag = arg;
    let inline: string | undefined;
    if (arg.startsWith("--") && arg.includes("=")) [flag, inline] = [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)];
    if (flag === "--list") args.list = true;
    else if (flag === "--help" || flag === "-h") args.help = true;
    else if (flag === "--format") {
      const format = inline ?? valueOf(i++, "--format");
      if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`Unknown format "${format}": use csv or json.`);
      args.format = format as Format;
    } else if (flag === "--out") args.out = inline ?? valueOf(i++, "--out");
    else if (arg.startsWith("-")) throw new UsageError(`Unknown option "${arg}".`);
    else if (args.scenario === undefined) args.scenario = arg;
    else throw new UsageError(`One scenario at a time: got "${args.scenario}" and "${arg}".`);
  }
  return args;
}

function listing(items: readonly Runnable[]): string {
  const width = Math.max(...items.map((item) => item.id.length));
  return items.map((item) => `${item.id.padEnd(width)}  ${item.title} — one row per ${item.rowIs}; ${item.engine}`).join("\n") + "\n";
}

/** Runs the command; returns the exit code. Output goes through the two writers so tests can call it in-process. */
export function main(argv: readonly string[], stdout: (text: string) => void, stderr: (text: string) => void): number {
  const items = runnables();
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr(`sim: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    stdout(`${USAGE}\n\nScenarios:\n${listing(items)}`);
    return 0;
  }
  if (args.list) {
    stdout(listing(items));
    return 0;
  }
  if (args.scenario === undefined) {
    stderr(`sim: name a scenario, or --list to see them.\n\n${USAGE}\n`);
    return 2;
  }
  const item = items.find((candidate) => candidate.id === args.scenario);
  if (item === undefined) {
    stderr(`sim: there is no scenario "${args.scenario}". The scenarios are:\n${listing(items)}`);
    return 2;
  }
  const timeline = item.run();
  const text = args.format === "csv" ? toCsv(timeline) : toJson(item, timeline);
  if (args.out !== undefined) {
    const path = resolve(process.env.INIT_CWD ?? process.cwd(), args.out);
    writeFileSync(path, text);
    stderr(`sim: wrote ${timeline.rows.length} rows of ${item.id} (${args.format}) to ${path}\n`);
  } else {
    stdout(text);
  }
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && /[\\/]sim\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  try {
    process.exitCode = main(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text));
  } catch (error) {
    process.stderr.write(`sim: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
