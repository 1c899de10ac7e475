/**
 * Case replays: what the public record shows for a real failure, beside what
 * the book's model does with the same case. The record side is the sourced
 * case file in `content/cases/` (every figure with its reference); the model
 * side is the matching preset of `src/sim/scenarios.ts`, run through its
 * engine. The two are never mixed: each panel, row and number says which it is.
 */
import {
  FTX_LIKE_DESK,
  MT_GOX_LIKE_CUSTODY_LOSS,
  RECORD_LIQUIDATION_DAY,
  ZERO,
  formatUsd,
  runFtxLikeDesk,
  runFtxLikeWithdrawalRun,
  runMtGoxLikeLoss,
  sweepCascade,
  validateScenario,
  type CascadeResult,
  type CustodyRun,
  type Decimal,
  type RunResult,
  type Scenario,
} from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";
import ftxCase from "../../../content/cases/ftx-2022.json";
import mtGoxCase from "../../../content/cases/mt-gox-2014.json";
import liquidationDayCase from "../../../content/cases/liquidation-day-2025.json";

const params = {
  caseId: {
    kind: "choice",
    label: "Case",
    default: "ftx",
    options: [
      { value: "ftx", label: "FTX, 2022" },
      { value: "mtgox", label: "Mt. Gox, 2014" },
      { value: "liquidation-day", label: "The liquidation day, October 2025" },
    ],
  },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;
type CaseId = "ftx" | "mtgox" | "liquidation-day";

/** A sourced figure, as the case file gives it. */
interface CaseFigure {
  label: string;
  value: number;
  unit: string;
  ref: string;
  note?: string;
}

/** A case file (validated against `caseSchema` in the tests). */
interface CaseFile {
  title: string;
  period: { start: string; end: string };
  summary: string;
  figures: CaseFigure[];
  events: { date: string; text: string; refs: string[]; figures?: CaseFigure[] }[];
}

/** The record side of each case, straight from `content/cases/`. */
export const CASE_FILES: Record<CaseId, CaseFile> = { ftx: ftxCase, mtgox: mtGoxCase, "liquidation-day": liquidationDayCase };

/** The preset each case is replayed with, and how its scale relates to the record. */
const PRESETS: Record<CaseId, { scenario: Scenario; scale: string }> = {
  ftx: { scenario: FTX_LIKE_DESK, scale: "at 1:10 scale" },
  mtgox: { scenario: MT_GOX_LIKE_CUSTODY_LOSS, scale: "in bitcoin, at full scale" },
  "liquidation-day": { scenario: RECORD_LIQUIDATION_DAY, scale: "one venue, about 1:700 of the market" },
};

/** One step of a custody replay: both balance sheets' shortfall in the case's unit. */
interface CustodyStep {
  step: number;
  label: string;
  reported: number;
  true: number;
  halted: boolean;
  queued: number;
  exact: { reported: string; true: string };
}

/** One round of the cascade replay. */
interface CascadeStep {
  round: number;
  priceUsd: number;
  liquidated: number;
  soldUsd: number;
  adlUsd: number;
  exact: { price: string; sold: string; adl: string };
}

type ModelSide =
  | { kind: "custody"; unit: "USD" | "BTC"; steps: CustodyStep[]; run: RunSummary | null; deskBorrow: string }
  | {
      kind: "cascade";
      rounds: CascadeStep[];
      shock: string;
      priceMove: string;
      openInterestUsd: string;
      liquidatedUsd: string;
      liquidatedCount: number;
      positions: number;
      adlUsd: string;
      badDebtUsd: string;
    };

/** The withdrawal-run replay of the same venue (FTX only). */
interface RunSummary {
  haltPeriod: number | null;
  paidUsd: string;
  queuedUsd: string;
  fireSaleLossUsd: string;
  recoveryRate: string;
}

interface Result {
  caseId: CaseId;
  record: CaseFile;
  scenario: { id: string; title: string; scale: string; assumptions: string[]; derivedFrom: [string, string][] };
  model: ModelSide;
}

function custodySteps(run: CustodyRun, unit: "USD" | "BTC"): CustodyStep[] {
  const shortfall = (sheet: CustodyRun["snapshots"][number]["true"]): Decimal => {
    if (unit === "USD") return sheet.shortfallUsd;
    const equity = sheet.lines.find((line) => line.asset === unit)!.equity;
    return equity.isNegative() ? equity.neg() : ZERO;
  };
  return run.snapshots.map((snapshot, step) => {
    const reported = shortfall(snapshot.reported);
    const truth = shortfall(snapshot.true);
    return {
      step,
      label: snapshot.label,
      reported: reported.toNumber(),
      true: truth.toNumber(),
      halted: snapshot.halted,
      queued: snapshot.queuedCount,
      exact: { reported: reported.toFixed(unit === "USD" ? 2 : 8), true: truth.toFixed(unit === "USD" ? 2 : 8) },
    };
  });
}

function runSummary(run: RunResult): RunSummary {
  return {
    haltPeriod: run.haltPeriod,
    paidUsd: run.paidUsd.toFixed(2),
    queuedUsd: run.queuedUsd.toFixed(2),
    fireSaleLossUsd: run.fireSaleLossUsd.toFixed(2),
    recoveryRate: run.recoveryRate.toFixed(4),
  };
}

function cascadeSide(cascade: CascadeResult): ModelSide {
  const p = RECORD_LIQUIDATION_DAY.params;
  const rounds = cascade.trace.map((round) => {
    const adl = round.adlEvents.reduce((sum, event) => sum.plus(event.chargedUsd), ZERO);
    return {
      round: round.round,
      priceUsd: round.priceUsd.toNumber(),
      liquidated: round.liquidatedCount,
      soldUsd: round.notionalSoldUsd.toNumber(),
      adlUsd: adl.toNumber(),
      exact: { price: round.priceUsd.toFixed(2), sold: round.notionalSoldUsd.toFixed(2), adl: adl.toFixed(2) },
    };
  });
  return {
    kind: "cascade",
    rounds,
    shock: p.shock,
    priceMove: cascade.priceMove.toFixed(4),
    openInterestUsd: String(p.population.openInterestUsd),
    liquidatedUsd: cascade.totalLiquidatedNotional.toFixed(2),
    liquidatedCount: cascade.totalLiquidatedCount,
    positions: p.population.count,
    adlUsd: cascade.adlChargedUsd.toFixed(2),
    badDebtUsd: cascade.badDebtUsd.toFixed(2),
  };
}

function compute(values: Values): Result {
  const caseId = values.caseId as CaseId;
  const { scenario, scale } = PRESETS[caseId];
  let model: ModelSide;
  // #region engine
  // Each case is replayed with its named preset from src/sim/scenarios.ts.
  if (caseId === "ftx") {
    const desk = runFtxLikeDesk(FTX_LIKE_DESK); // the custody ledger, step by step
    const run = runFtxLikeWithdrawalRun(FTX_LIKE_DESK); // the same venue as a confidence-driven run
    model = { kind: "custody", unit: "USD", steps: custodySteps(desk, "USD"), run: runSummary(run), deskBorrow: FTX_LIKE_DESK.params.deskBorrow.amount };
  } else if (caseId === "mtgox") {
    const custody = runMtGoxLikeLoss(MT_GOX_LIKE_CUSTODY_LOSS);
    model = { kind: "custody", unit: "BTC", steps: custodySteps(custody, "BTC"), run: null, deskBorrow: MT_GOX_LIKE_CUSTODY_LOSS.params.deskBorrow.amount };
  } else {
    // What runRecordLiquidationDay() computes, through the cascade's fast sweep: the same result, digit for digit.
    const p = validateScenario(RECORD_LIQUIDATION_DAY).params;
    const cascade = sweepCascade({ populationOptions: { ...p.population }, book: { ...p.book }, shock: p.shock, insuranceFundUsd: p.insuranceFundUsd, afterFund: p.afterFund });
    model = cascadeSide(cascade);
  }
  // #endregion
  return {
    caseId,
    record: CASE_FILES[caseId],
    scenario: { id: scenario.id, title: scenario.title, scale, assumptions: [...scenario.assumptions], derivedFrom: Object.entries(scenario.derivedFrom) },
    model,
  };
}

// ── views ───────────────────────────────────────────────────────────────────

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2022-11-02" → "2 Nov 2022". */
function longDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTHS[month! - 1]} ${year}`;
}

/** A sourced value in its unit, for sentences. */
function say(figure: CaseFigure): string {
  if (figure.unit === "USD") return formatUsd(String(figure.value));
  if (figure.unit === "BTC") return `${figure.value.toLocaleString("en-US")} BTC`;
  if (figure.unit === "%") return `${figure.value}%`;
  return `${figure.value} ${figure.unit}`;
}

/** The case file's headline figure with this label (the record side of the summary). */
function recordFigure(record: CaseFile, label: string): CaseFigure {
  const found = record.figures.find((figure) => figure.label === label);
  if (!found) throw new Error(`The case file "${record.title}" has no figure "${label}".`);
  return found;
}

function modelSource(result: Result): string {
  return `src/sim ${result.scenario.id} (${result.scenario.scale})`;
}

function table(result: Result): TableData {
  const rows: TableData["rows"] = [];
  for (const event of result.record.events) {
    rows.push({ side: "Record", when: event.date, what: event.text, value: "", unit: "", source: event.refs.join(" ") });
    for (const figure of event.figures ?? []) {
      rows.push({ side: "Record", when: event.date, what: figure.label, value: String(figure.value), unit: figure.unit, source: figure.ref });
    }
  }
  const source = modelSource(result);
  const m = result.model;
  if (m.kind === "custody") {
    for (const step of m.steps) {
      rows.push({ side: "Model", when: `Step ${step.step}`, what: `${step.label}: shortfall in the reported books`, value: step.exact.reported, unit: m.unit, source });
      rows.push({ side: "Model", when: `Step ${step.step}`, what: `${step.label}: true shortfall`, value: step.exact.true, unit: m.unit, source });
      if (step.halted) rows.push({ side: "Model", when: `Step ${step.step}`, what: "Withdrawals halted; requests waiting", value: String(step.queued), unit: "requests", source });
    }
    if (m.run) {
      const run = m.run;
      const runSource = `src/sim ${result.scenario.id} run block`;
      rows.push({ side: "Model", when: "Run", what: "Period in which withdrawals halt", value: run.haltPeriod === null ? "never" : String(run.haltPeriod), unit: "period", source: runSource });
      rows.push({ side: "Model", when: "Run", what: "Paid out before the halt", value: run.paidUsd, unit: "USD", source: runSource });
      rows.push({ side: "Model", when: "Run", what: "Withdrawals left waiting", value: run.queuedUsd, unit: "USD", source: runSource });
      rows.push({ side: "Model", when: "Run", what: "Lost selling the claim on the desk in a hurry", value: run.fireSaleLossUsd, unit: "USD", source: runSource });
      rows.push({ side: "Model", when: "Run", what: "What a wind-up would pay per dollar still owed", value: run.recoveryRate, unit: "ratio", source: runSource });
    }
  } else {
    for (const round of m.rounds) {
      rows.push({ side: "Model", when: `Round ${round.round}`, what: round.round === 0 ? "Price after the exogenous shock" : "Price after this round's forced sales", value: round.exact.price, unit: "USD", source });
      if (round.liquidated > 0) rows.push({ side: "Model", when: `Round ${round.round}`, what: `Sold by liquidating ${round.liquidated} positions`, value: round.exact.sold, unit: "USD", source });
      if (round.adlUsd > 0) rows.push({ side: "Model", when: `Round ${round.round}`, what: "Taken from winners by auto-deleveraging", value: round.exact.adl, unit: "USD", source });
    }
    rows.push({ side: "Model", when: "Total", what: "Notional liquidated", value: m.liquidatedUsd, unit: "USD", source });
    rows.push({ side: "Model", when: "Total", what: "Price move, shock included", value: m.priceMove, unit: "fraction", source });
    rows.push({ side: "Model", when: "Total", what: "Losses beyond bankrupt traders' margin", value: m.badDebtUsd, unit: "USD", source });
  }
  for (const [parameter, fromFact] of result.scenario.derivedFrom) {
    rows.push({ side: "Model", when: "Input", what: `${parameter} is set from the record: ${fromFact}`, value: "", unit: "", source });
  }
  for (const assumption of result.scenario.assumptions) {
    rows.push({ side: "Model", when: "Assumption", what: assumption, value: "", unit: "", source });
  }
  return {
    columns: [
      { key: "side", label: "Record or model" },
      { key: "when", label: "Date or step" },
      { key: "what", label: "What" },
      { key: "value", label: "Value", numeric: true },
      { key: "unit", label: "Unit" },
      { key: "source", label: "Source (reference id, or model preset)" },
    ],
    rows,
  };
}

function summary(result: Result): string {
  const m = result.model;
  const record = result.record;
  if (result.caseId === "ftx" && m.kind === "custody") {
    const owed = say(recordFigure(record, "Owed to FTX.com customers at the petition date"));
    const first = m.steps[0]!;
    const halt = m.steps.find((step) => step.halted);
    const haltText = halt ? `withdrawals halt at step ${halt.step} of ${m.steps.length - 1}` : "withdrawals never halt";
    return `Record: FTX.com owed its customers about ${owed} when it failed; model (${result.scenario.scale}): the desk's hidden ${formatUsd(m.deskBorrow)} loan leaves the true books ${formatUsd(first.exact.true)} short before anyone withdraws, the reported books never show a shortfall, and ${haltText}.`;
  }
  if (result.caseId === "mtgox" && m.kind === "custody") {
    const missing = say(recordFigure(record, "Customer bitcoins reported missing"));
    const found = say(recordFigure(record, "Bitcoins found in an old-format wallet"));
    const first = m.steps[0]!;
    const last = m.steps.at(-1)!;
    const halt = m.steps.find((step) => step.halted);
    const btc = (exact: string) => `${Number(exact).toLocaleString("en-US")} BTC`;
    return `Record: about ${missing} of customers' coins reported missing and ${found} found again; model: the true books are ${btc(first.exact.true)} short while the reported books show ${Number(first.exact.reported) > 0 ? btc(first.exact.reported) : "none"}, withdrawals halt at step ${halt?.step ?? "—"}, and the found coins cut the hole to ${btc(last.exact.true)}.`;
  }
  if (m.kind === "cascade") {
    const liquidated = say(recordFigure(record, "Leveraged positions liquidated within 24 hours (CoinGlass data)"));
    const adl = say(recordFigure(record, "Positions closed by Hyperliquid's auto-deleveraging"));
    const pct = (fraction: string) => `${(Math.abs(Number(fraction)) * 100).toFixed(1).replace(/\.0$/, "")}%`;
    const rounds = m.rounds.length - 1;
    return `Record: over ${liquidated} of positions liquidated in 24 hours and about ${adl} closed by Hyperliquid's auto-deleveraging; model (${result.scenario.scale}): a ${pct(m.shock)} shock becomes a ${pct(m.priceMove)} fall in ${rounds} rounds, liquidating ${formatUsd(m.liquidatedUsd)} of ${formatUsd(m.openInterestUsd)} open interest and taking ${formatUsd(m.adlUsd)} from winners by auto-deleveraging.`;
  }
  return record.summary;
}

// ── the figure: the record's timeline above, the model's replay below ──────

const FONT_PX = 12;
const LINE_PX = 16;
/** The record's colour in both panels. */
const RECORD_COLOR = "var(--accent, #8a4b0f)";

/** Breaks `text` into lines of at most `charsPerLine` characters, greedily by word. */
function wrap(text: string, charsPerLine: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    if (current && current.length + 1 + word.length > charsPerLine) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

function recordPanel(Plot: PlotModule, record: CaseFile, width: number, document: Document): Element {
  const marginLeft = 8;
  const textLeftPx = 16;
  const textWidthPx = width - marginLeft - textLeftPx - 8;
  // We break the lines ourselves (so each row's height is known) assuming wide
  // characters, 0.58 em on average, so a line never runs past the edge.
  const charsPerLine = Math.max(16, Math.floor(textWidthPx / (FONT_PX * 0.58)));
  let cursor = 0;
  const rows = record.events.map((event) => {
    const lines = wrap(event.text, charsPerLine);
    const row = { top: cursor, date: longDate(event.date), text: lines.join("\n") };
    cursor += 1 + lines.length + 0.6;
    return row;
  });
  const total = cursor - 0.6;
  const height = Math.ceil(total * LINE_PX) + 16;
  return Plot.plot({
    document,
    width,
    height,
    marginTop: 8,
    marginBottom: 8,
    marginLeft,
    marginRight: 8,
    style: { background: "transparent", fontSize: `${FONT_PX}px` },
    x: { domain: [0, 1], axis: null },
    y: { domain: [0, total], range: [8, height - 8], axis: null },
    marks: [
      Plot.ruleX([0], { y1: 0.5, y2: Math.max(0.5, rows.at(-1)!.top + 0.5), stroke: "currentColor", strokeOpacity: 0.35 }),
      Plot.dot(rows, { x: 0, y: (r: { top: number }) => r.top + 0.5, r: 4, fill: RECORD_COLOR }),
      Plot.text(rows, { x: 0, y: "top", text: "date", dx: textLeftPx, textAnchor: "start", lineAnchor: "top", fontWeight: "bold", fill: "currentColor" }),
      Plot.text(rows, { x: 0, y: (r: { top: number }) => r.top + 1, text: "text", dx: textLeftPx, textAnchor: "start", lineAnchor: "top", lineHeight: LINE_PX / FONT_PX, fill: "currentColor" }),
    ],
  });
}

function custodyPanel(Plot: PlotModule, m: Extract<ModelSide, { kind: "custody" }>, width: number, document: Document): Element {
  const [scale, unitLabel] = m.unit === "USD" ? [1e6, "$ millions"] : [1e3, "thousand BTC"];
  const stepLabel = (step: CustodyStep) => `${step.step}. ${step.label}${step.halted ? " · halted" : ""}`;
  const bars = m.steps.flatMap((step) => [
    { stepLabel: stepLabel(step), basis: "Reported books", value: step.reported / scale },
    { stepLabel: stepLabel(step), basis: "True books", value: step.true / scale },
  ]);
  const labels = m.steps.map(stepLabel);
  const format = (value: number) => (m.unit === "USD" ? formatUsd(String(Math.round(value * scale))) : `${Math.round(value * scale).toLocaleString("en-US")} BTC`);
  const compact = width < 520;
  return Plot.plot({
    document,
    width,
    height: 44 * m.steps.length + 64,
    marginLeft: compact ? 120 : 200,
    marginRight: 80,
    marginBottom: 40,
    style: { background: "transparent", fontSize: `${FONT_PX}px` },
    x: { label: `Shortfall, ${unitLabel} →`, grid: true, nice: true, ticks: compact ? 2 : 5 },
    fy: { domain: labels, label: null, padding: 0.2 },
    y: { domain: ["Reported books", "True books"], axis: null },
    color: { domain: ["Reported books", "True books"], range: ["var(--chart-1, #3b6ea8)", "var(--bad, #a12222)"], legend: true },
    marks: [
      Plot.axisFy({ anchor: "left", label: null, lineWidth: compact ? 9 : 16, tickSize: 0 }),
      Plot.barX(bars, { fy: "stepLabel", y: "basis", x: "value", fill: "basis" }),
      Plot.text(bars, {
        fy: "stepLabel",
        y: "basis",
        x: "value",
        text: (d: { value: number }) => format(d.value),
        textAnchor: "start",
        dx: 4,
        fontSize: 10,
        fill: "currentColor",
      }),
      Plot.ruleX([0], { stroke: "currentColor" }),
    ],
  });
}

const PRICE = "Price after the round (dot area: sold that round)";
const ADL = "Round with auto-deleveraging";
const RECORD_LOW = "Record: bitcoin's low";

function cascadePanel(Plot: PlotModule, m: Extract<ModelSide, { kind: "cascade" }>, recordLowUsd: number | null, width: number, document: Document): Element {
  const adlRounds = m.rounds.filter((round) => round.adlUsd > 0);
  const prices = m.rounds.map((round) => round.priceUsd / 1000);
  const lows = recordLowUsd === null ? prices : [...prices, recordLowUsd / 1000];
  const thousands = (d: CascadeStep) => d.priceUsd / 1000;
  const ends = m.rounds.filter((round) => round.round === 0 || round.round === m.rounds.length - 1);
  return Plot.plot({
    document,
    width,
    height: 300,
    marginLeft: 48,
    marginTop: 28,
    marginRight: 24,
    marginBottom: 40,
    style: { background: "transparent", fontSize: `${FONT_PX}px` },
    x: { label: "Round of forced selling →", ticks: Math.min(m.rounds.length, 10), tickFormat: "d", insetRight: 16 },
    y: { label: "↑ Price ($ thousands)", grid: true, domain: [Math.min(...lows) * 0.97, Math.max(...prices) * 1.03] },
    r: { range: [2, 12] },
    color: { domain: [PRICE, ADL, RECORD_LOW], range: ["var(--chart-1, #3b6ea8)", "var(--bad, #a12222)", RECORD_COLOR], legend: true },
    marks: [
      recordLowUsd === null ? null : Plot.ruleY([recordLowUsd / 1000], { stroke: () => RECORD_LOW, strokeDasharray: "5,3", strokeWidth: 1.5 }),
      Plot.lineY(m.rounds, { x: "round", y: thousands, stroke: () => PRICE, strokeWidth: 2 }),
      // Dot area: what the round's forced sales fetched.
      Plot.dot(m.rounds, { x: "round", y: thousands, r: "soldUsd", fill: () => PRICE, fillOpacity: 0.6 }),
      Plot.dot(adlRounds, { x: "round", y: thousands, r: 14, stroke: () => ADL, strokeWidth: 2, fill: "none" }),
      Plot.text(ends.slice(0, 1), { x: "round", y: thousands, text: (d: CascadeStep) => formatUsd(d.exact.price), dx: 8, dy: -12, textAnchor: "start", fill: "currentColor" }),
      Plot.text(ends.slice(1), { x: "round", y: thousands, text: (d: CascadeStep) => formatUsd(d.exact.price), dy: -16, fill: "currentColor" }),
    ],
  });
}

function panelLabel(document: Document, lead: string, rest: string): Element {
  const label = document.createElement("p");
  label.setAttribute("style", "margin: 0.25rem 0 0.35rem; font-size: 0.85rem;");
  const strong = document.createElement("strong");
  strong.textContent = lead;
  label.appendChild(strong);
  label.appendChild(document.createTextNode(` — ${rest}`));
  return label;
}

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const wrapper = document.createElement("div");
  const m = result.model;
  wrapper.appendChild(panelLabel(document, "Record", `${result.record.title}: dated events from the case file, each with its sources (Show data).`));
  wrapper.appendChild(recordPanel(Plot, result.record, width, document));
  wrapper.appendChild(panelLabel(document, "Model", `${result.scenario.title}, ${result.scenario.scale}: the preset run through the book's engine, not a reconstruction.`));
  const recordLow = result.record.figures.find((f) => f.label.startsWith("Bitcoin's low"));
  wrapper.appendChild(m.kind === "custody" ? custodyPanel(Plot, m, width, document) : cascadePanel(Plot, m, recordLow ? recordLow.value : null, width, document));
  return wrapper;
}

const model: WidgetModel<typeof params, Result> = {
  params,
  compute,
  table,
  summary,
  figure,
  // The custody presets keep full journals and check every invariant: tens of milliseconds, so off the main thread.
  heavy: () => true,
};
export default model;
