/**
 * Shows what a cell run produced: its console lines, then its result drawn by
 * kind — exact text for Decimals and other values, a table for records, a
 * Plot figure for a series or a plot spec, and balance sheets the way the
 * X-ray widget shows them (custody and the loan to the desk stacked against
 * what customers are owed, the gap marked as shortfall). Errors name the line.
 * Plot is imported on first use, so a cell that prints text never loads it.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { DataTable } from "../widgets/_kit/DataTable";
import { prepareFigure, type PlotModule, type TableData } from "../../src/lib/widget";
import type { CellTable, CellValue, LogLine, PlotSpec, RunOutcome, SeriesPoint, SheetData } from "../../src/lib/cells/protocol";

let plotPromise: Promise<PlotModule> | undefined;
function loadPlot(): Promise<PlotModule> {
  plotPromise ??= import("../widgets/_kit/plot");
  return plotPromise;
}

const MINUS = "\u2212";

/** "1234567.50" → "1,234,567.50", exactly (no float on the way). */
export function groupDigits(text: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = ""] = match;
  return `${sign ? MINUS : ""}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction}`;
}

/** "−420000.00" → "−$420,000.00". */
export function dollars(text: string): string {
  const grouped = groupDigits(text);
  return grouped.startsWith(MINUS) ? `${MINUS}$${grouped.slice(1)}` : `$${grouped}`;
}

function secondsText(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

function Logs({ logs }: { logs: LogLine[] }) {
  if (logs.length === 0) return null;
  return (
    <div class="cell-logs" role="log" aria-label="Console output" tabIndex={0}>
      {logs.map((line, index) => (
        <div key={index} class={`cell-log cell-log-${line.level}`}>
          {line.level === "warn" || line.level === "error" ? <span class="visually-hidden">{line.level === "warn" ? "Warning: " : "Error: "}</span> : null}
          {line.text}
        </div>
      ))}
    </div>
  );
}

function asTableData(table: CellTable): TableData {
  return { columns: table.columns, rows: table.rows };
}

function TableNote({ table }: { table: CellTable }) {
  if (table.totalRows <= table.rows.length) return null;
  return <p class="cell-note">Showing the first {table.rows.length.toLocaleString("en-US")} of {table.totalRows.toLocaleString("en-US")} rows.</p>;
}

// ── figures ───────────────────────────────────────────────────────────────

type Draw = (Plot: PlotModule, width: number) => Element;

/** A Plot figure drawn in the browser at the container's width; the container carries the text alternative. */
function Figure({ draw, summary }: { draw: Draw; summary: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    let cancelled = false;
    loadPlot()
      .then((Plot) => {
        const container = ref.current;
        if (cancelled || !container) return;
        const width = Math.max(260, Math.min(container.clientWidth || 640, 900));
        container.replaceChildren(prepareFigure(draw(Plot, width)));
        container.dataset.drawn = "true";
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem(`The figure could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
      });
    return () => {
      cancelled = true;
    };
  }, [draw]);
  return (
    <>
      <div class="cell-figure" ref={ref} role="img" aria-label={summary} />
      {problem ? <p class="cell-error">{problem}</p> : <p class="cell-summary">{summary}</p>}
    </>
  );
}

function seriesSummary(points: SeriesPoint[]): string {
  const ys = points.map((point) => point.y);
  const format = (value: number) => (Math.abs(value) >= 1e6 || (Math.abs(value) < 1e-3 && value !== 0) ? value.toPrecision(4) : String(Math.round(value * 1e4) / 1e4));
  return `A line of ${points.length.toLocaleString("en-US")} points; y runs from ${format(Math.min(...ys))} to ${format(Math.max(...ys))}.`;
}

function drawSeries(points: SeriesPoint[]): Draw {
  return (Plot, width) =>
    Plot.plot({
      width,
      height: 260,
      marginLeft: 56,
      style: { background: "transparent", fontSize: "12px" },
      y: { grid: true },
      marks: [
        Plot.lineY(points, { x: "x", y: "y", stroke: "var(--chart-1, #3b6ea8)", strokeWidth: 2 }),
        ...(points.length <= 40 ? [Plot.dot(points, { x: "x", y: "y", fill: "var(--chart-1, #3b6ea8)", r: 2.5 })] : []),
      ],
    });
}

function drawSpec(spec: PlotSpec): Draw {
  return (Plot, width) => {
    const marks = spec.marks.map((mark) => {
      const factory = Plot[mark.mark] as unknown as (data: unknown, options: Record<string, unknown>) => unknown;
      return factory(mark.data, mark.options);
    });
    return Plot.plot({
      width,
      height: spec.height ?? 300,
      marginLeft: 56,
      style: { background: "transparent", fontSize: "12px" },
      ...spec.scales,
      marks: marks as never,
    });
  };
}

function specSummary(spec: PlotSpec): string {
  const names = [...new Set(spec.marks.map((mark) => mark.mark))].join(", ");
  const rows = spec.marks.reduce((total, mark) => total + mark.data.length, 0);
  return `${spec.title ? `${spec.title}: a` : "A"} figure with ${spec.marks.length} mark${spec.marks.length === 1 ? "" : "s"} (${names}) over ${rows.toLocaleString("en-US")} data points.`;
}

/** Dollar amounts are drawn in the largest unit that keeps them readable. */
function dollarScale(maxUsd: number): { divisor: number; label: string } {
  if (maxUsd >= 1e9) return { divisor: 1e9, label: "↑ $ billions" };
  if (maxUsd >= 1e6) return { divisor: 1e6, label: "↑ $ millions" };
  if (maxUsd >= 1e4) return { divisor: 1e3, label: "↑ $ thousands" };
  return { divisor: 1, label: "↑ $" };
}

function drawSheets(sheets: SheetData[]): Draw {
  return (Plot, width) => {
    const maxUsd = Math.max(1, ...sheets.map((sheet) => Math.max(Number(sheet.liabilitiesUsd), Number(sheet.totalAssetsUsd))));
    const { divisor, label } = dollarScale(maxUsd);
    const parts = sheets.flatMap((sheet) => [
      { sheet: sheet.label, part: "Custody", usd: Number(sheet.custodyUsd) / divisor },
      { sheet: sheet.label, part: "Loan to desk", usd: Number(sheet.receivablesUsd) / divisor },
      { sheet: sheet.label, part: "Shortfall", usd: Number(sheet.shortfallUsd) / divisor },
    ]);
    const owed = sheets.map((sheet) => ({ sheet: sheet.label, usd: Number(sheet.liabilitiesUsd) / divisor }));
    return Plot.plot({
      width: Math.min(width, 200 + 160 * sheets.length),
      height: 280,
      marginLeft: 56,
      marginRight: 24,
      style: { background: "transparent", fontSize: "12px" },
      x: { label: null, domain: sheets.map((sheet) => sheet.label), padding: 0.35 },
      y: { label, grid: true, domain: [0, (maxUsd / divisor) * 1.15] },
      color: {
        domain: ["Custody", "Loan to desk", "Shortfall"],
        range: ["var(--chart-1, #3b6ea8)", "var(--chart-2, #d08b2c)", "var(--bad, #a12222)"],
        legend: true,
      },
      marks: [
        Plot.barY(parts, { x: "sheet", y: "usd", fill: "part", fillOpacity: 0.85, order: ["Custody", "Loan to desk", "Shortfall"] }),
        Plot.tickY(owed, { x: "sheet", y: "usd", stroke: "currentColor", strokeWidth: 2, strokeDasharray: "5,3" }),
        Plot.text(owed, { x: "sheet", y: "usd", text: () => "owed to customers", dy: -8, fill: "currentColor" }),
        Plot.ruleY([0]),
      ],
    });
  };
}

function sheetSummary(sheets: SheetData[]): string {
  return sheets
    .map((sheet) => {
      const gap = Number(sheet.shortfallUsd) > 0 ? `a shortfall of ${dollars(sheet.shortfallUsd)}` : "no shortfall";
      return `${sheet.label} balance sheet: custody ${dollars(sheet.custodyUsd)}, loan to the desk ${dollars(sheet.receivablesUsd)}, owed to customers ${dollars(sheet.liabilitiesUsd)}, ${gap}.`;
    })
    .join(" ");
}

function SheetTables({ sheets }: { sheets: SheetData[] }) {
  const rows: [string, keyof SheetData][] = [
    ["Custody", "custodyUsd"],
    ["Loan to desk", "receivablesUsd"],
    ["Total assets", "totalAssetsUsd"],
    ["Owed to customers", "liabilitiesUsd"],
    ["Equity", "equityUsd"],
    ["Shortfall", "shortfallUsd"],
  ];
  const lines: TableData = {
    columns: [
      { key: "sheet", label: "Balance sheet" },
      { key: "asset", label: "Asset" },
      { key: "price", label: "Price ($)", numeric: true },
      { key: "custody", label: "Custody (units)", numeric: true },
      { key: "receivable", label: "Loan to desk (units)", numeric: true },
      { key: "liabilities", label: "Owed (units)", numeric: true },
      { key: "equity", label: "Equity (units)", numeric: true },
    ],
    rows: sheets.flatMap((sheet) =>
      sheet.lines.map((line) => ({
        sheet: sheet.label,
        asset: line.asset,
        price: groupDigits(line.priceUsd),
        custody: groupDigits(line.custody),
        receivable: groupDigits(line.receivable),
        liabilities: groupDigits(line.liabilities),
        equity: groupDigits(line.equity),
      })),
    ),
  };
  return (
    <>
      <div class="data-table" role="region" aria-label="Balance sheet in dollars" tabIndex={0}>
        <table>
          <caption class="visually-hidden">Balance sheet in dollars at current prices</caption>
          <thead>
            <tr>
              <th scope="col">In dollars</th>
              {sheets.map((sheet) => <th scope="col" class="num" key={sheet.label}>{sheet.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, field]) => (
              <tr key={field} class={field === "shortfallUsd" ? "cell-sheet-shortfall" : undefined}>
                <th scope="row">{label}</th>
                {sheets.map((sheet) => <td class="num" key={sheet.label}>{dollars(sheet[field] as string)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details class="cell-details">
        <summary>Per asset</summary>
        <DataTable table={lines} caption="Balance sheet per asset, in units of each asset" />
      </details>
    </>
  );
}

// ── values ────────────────────────────────────────────────────────────────

function Value({ value }: { value: CellValue }) {
  // A new value draws a new figure; the same value keeps its figure.
  const drawRef = useRef<{ value: CellValue; draw: Draw } | undefined>(undefined);
  const drawFor = (make: () => Draw) => {
    if (drawRef.current?.value !== value) drawRef.current = { value, draw: make() };
    return drawRef.current.draw;
  };
  switch (value.kind) {
    case "decimal":
      return <p class="cell-value"><span class="cell-value-kind">Decimal</span> <output class="cell-exact">{groupDigits(value.text)}</output></p>;
    case "number":
    case "boolean":
    case "null":
      return <p class="cell-value"><output class="cell-exact">{value.text}</output></p>;
    case "string":
      return <pre class="cell-value cell-text"><output>{value.text}</output></pre>;
    case "json":
      return <pre class="cell-value cell-text"><output>{value.text}</output></pre>;
    case "table":
      return (
        <>
          <DataTable table={asTableData(value.table)} caption="The cell's result" maxRows={value.table.rows.length} />
          <TableNote table={value.table} />
        </>
      );
    case "series":
      return (
        <>
          <Figure draw={drawFor(() => drawSeries(value.points))} summary={seriesSummary(value.points)} />
          <details class="cell-details">
            <summary>Show data</summary>
            <DataTable table={asTableData(value.table)} caption="The series the cell returned" maxRows={value.table.rows.length} />
            <TableNote table={value.table} />
          </details>
        </>
      );
    case "plot":
      return <Figure draw={drawFor(() => drawSpec(value.spec))} summary={specSummary(value.spec)} />;
    case "sheets":
      return (
        <>
          <Figure draw={drawFor(() => drawSheets(value.sheets))} summary={sheetSummary(value.sheets)} />
          <SheetTables sheets={value.sheets} />
        </>
      );
  }
}

interface Props {
  /** The finished run, or undefined while running / before the first run. */
  outcome?: RunOutcome;
  /** Lines printed so far while the run is going. */
  liveLogs: LogLine[];
  running: boolean;
}

/** The output of a cell: a live region that announces how the run ended. */
export default function CellOutput({ outcome, liveLogs, running }: Props) {
  const logs = outcome ? outcome.logs : liveLogs;
  let status: string;
  if (running) status = "Running…";
  else if (!outcome) status = "";
  else if (outcome.status === "ok") status = `Ran in ${Math.round(outcome.ms)} ms${outcome.value ? "" : " (no value returned)"}.`;
  else if (outcome.status === "timeout") status = `Stopped after ${secondsText(outcome.limitMs)} — is there an endless loop?`;
  else status = "The code stopped with an error.";
  return (
    <div class="cell-output" data-status={running ? "running" : outcome?.status ?? "idle"}>
      <p class={`cell-status${outcome && outcome.status !== "ok" && !running ? " cell-status-bad" : ""}`} role="status" aria-live="polite">{status}</p>
      <Logs logs={logs} />
      {!running && outcome?.status === "error" && (
        <p class="cell-error">
          {outcome.line !== undefined && (
            <strong>
              {outcome.module ? `${outcome.module}, line ${outcome.line}` : `Line ${outcome.line}`}
              {outcome.column !== undefined ? `, column ${outcome.column}` : ""}:{" "}
            </strong>
          )}
          {outcome.message}
        </p>
      )}
      {!running && outcome?.status === "ok" && outcome.value && <Value value={outcome.value} />}
    </div>
  );
}
