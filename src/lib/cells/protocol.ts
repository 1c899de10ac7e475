/**
 * The data that crosses the code-cell boundaries: what a run produces
 * (`RunOutcome`), how a result is described for rendering (`CellValue`), and
 * the messages between the page, the sandboxed iframe and the runtime worker.
 * Everything here is plain, structured-clone-safe data.
 */

/** One line a cell printed with `console.log` (or `info`, `warn`, `error`). */
export interface LogLine {
  level: "log" | "info" | "warn" | "error";
  text: string;
}

/** A column of a result table. */
export interface CellTableColumn {
  key: string;
  label: string;
  /** Right-aligned, tabular figures (numbers and Decimals). */
  numeric?: boolean;
}

/** A table: at most {@link MAX_TABLE_ROWS} rows are kept; `totalRows` says how many there were. */
export interface CellTable {
  columns: CellTableColumn[];
  rows: Record<string, string | number | boolean>[];
  totalRows: number;
}

/** Plot marks a returned plot spec may name (the ones `components/widgets/_kit/plot.ts` exports). */
export const PLOT_MARKS = [
  "areaY",
  "barX",
  "barY",
  "cell",
  "dot",
  "line",
  "lineY",
  "link",
  "ruleX",
  "ruleY",
  "text",
  "tickX",
  "tickY",
  "rectX",
  "rectY",
  "frame",
] as const;
export type PlotMarkName = (typeof PLOT_MARKS)[number];

/** One mark of a plot spec: its data, and options whose channels name fields of the data. */
export interface PlotMarkSpec {
  mark: PlotMarkName;
  data: Record<string, string | number | boolean | null>[] | number[];
  options: Record<string, unknown>;
}

/**
 * A figure described as data. Cells cannot import Plot (only `cef`), so a cell returns
 * `{ marks: [{ mark: "lineY", data, options: { x: "day", y: "priceUsd" } }], y: { label: "…" } }`
 * and the page draws it. Numbers only: Decimals in the data become numbers for drawing.
 */
export interface PlotSpec {
  marks: PlotMarkSpec[];
  title?: string;
  height?: number;
  /** Scale options (`label`, `grid`, `type`, `domain`…) by scale name: x, y, color, fx, fy. */
  scales: Record<string, Record<string, unknown>>;
}

/** A series: y against x, drawn as a line. */
export interface SeriesPoint {
  x: number;
  y: number;
}

/** One balance sheet, in exact dollars (strings) and numbers for drawing. */
export interface SheetData {
  /** "Reported" or "True" (the basis), or the key the cell used. */
  label: string;
  basis: "reported" | "true";
  custodyUsd: string;
  receivablesUsd: string;
  totalAssetsUsd: string;
  liabilitiesUsd: string;
  equityUsd: string;
  shortfallUsd: string;
  deskRecoveryRate: string;
  lines: { asset: string; priceUsd: string; custody: string; receivable: string; liabilities: string; equity: string }[];
}

/** A cell's result, tagged by how it is shown. */
export type CellValue =
  | { kind: "decimal"; text: string }
  | { kind: "number"; text: string }
  | { kind: "string"; text: string }
  | { kind: "boolean"; text: string }
  | { kind: "null"; text: "null" }
  | { kind: "table"; table: CellTable }
  | { kind: "series"; points: SeriesPoint[]; table: CellTable }
  | { kind: "plot"; spec: PlotSpec }
  | { kind: "sheets"; sheets: SheetData[] }
  | { kind: "json"; text: string };

/** What running a cell produced. `ms` is the time from the start of the run to its end. */
export type RunOutcome =
  | { status: "ok"; value?: CellValue; logs: LogLine[]; ms: number }
  | {
      status: "error";
      message: string;
      /** 1-based line in the reader's code (or in `module`), when known. */
      line?: number;
      /** 1-based column, when known. */
      column?: number;
      /** The module the line is in when it is not the cell's own code (e.g. "./solution"). */
      module?: string;
      logs: LogLine[];
      ms: number;
    }
  | { status: "timeout"; limitMs: number; logs: LogLine[]; ms: number };

/** Limits that keep a cell from flooding the page. */
export const MAX_LOG_LINES = 500;
export const MAX_LOG_LINE_CHARS = 4_000;
export const MAX_TABLE_ROWS = 1_000;
export const MAX_SERIES_POINTS = 20_000;
export const MAX_JSON_CHARS = 50_000;

/** The default time limit of a run. */
export const DEFAULT_TIMEOUT_MS = 2_000;

// ── messages ─────────────────────────────────────────────────────────────

/** Page → sandbox iframe. `workerSource` is the runtime worker's script text (sent once). */
export type HostToSandbox =
  | { type: "init"; workerSource: string }
  | { type: "run"; runId: number; code: string; modules: Record<string, string>; timeoutMs: number }
  | { type: "cancel"; runId: number };

/** Sandbox iframe → page. */
export type SandboxToHost =
  | { type: "ready" }
  | { type: "log"; runId: number; line: LogLine }
  | { type: "done"; runId: number; outcome: RunOutcome };

/** Sandbox iframe → runtime worker. */
export interface WorkerRunRequest {
  type: "run";
  runId: number;
  code: string;
  modules: Record<string, string>;
}

/** Runtime worker → sandbox iframe. `done` carries the outcome without `ms` (the iframe times runs). */
export type WorkerToSandbox =
  | { type: "ready" }
  | { type: "log"; runId: number; line: LogLine }
  | { type: "done"; runId: number; outcome: DistributiveOmit<RunOutcome, "ms"> };

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
