/**
 * Turns whatever a cell returns into a `CellValue`: tagged, structured-clone-
 * safe data that the page knows how to show. Decimals become their exact
 * text; an array of records a table; an array of numbers (or of `{x, y}`) a
 * series; a plot spec a figure; balance sheets from `Exchange` the X-ray's
 * view; anything else readable JSON-like text. Also formats `console.log`
 * arguments the same way.
 */
import { Decimal } from "../../sim/money";
import {
  MAX_JSON_CHARS,
  MAX_SERIES_POINTS,
  MAX_TABLE_ROWS,
  PLOT_MARKS,
  type CellTable,
  type CellValue,
  type PlotMarkSpec,
  type PlotSpec,
  type SeriesPoint,
  type SheetData,
} from "./protocol";

/** Columns a table keeps (a record with more keys is data, not a table to read). */
const MAX_TABLE_COLUMNS = 40;
/** Array items and object keys shown in JSON text before "… n more". */
const MAX_JSON_ITEMS = 100;
const MAX_JSON_DEPTH = 6;
const PLOT_SCALES = ["x", "y", "color", "fx", "fy", "r", "opacity"] as const;

type DecimalLike = InstanceType<typeof Decimal>;
type PlainRecord = Record<string, unknown>;

/** True for a Decimal from any copy of decimal.js (they share a string tag). */
export function isDecimal(value: unknown): value is DecimalLike {
  return Decimal.isDecimal(value);
}

function isPlainRecord(value: unknown): value is PlainRecord {
  if (value === null || typeof value !== "object" || Array.isArray(value) || isDecimal(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Exact text of a Decimal, never in exponent notation. */
function decimalText(value: DecimalLike): string {
  return value.isFinite() ? value.toFixed() : value.toString();
}

function numberText(value: number): string {
  return Object.is(value, -0) ? "0" : String(value);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (isDecimal(value) && value.isFinite()) return value.toNumber();
  return undefined;
}

// ── balance sheets ───────────────────────────────────────────────────────

const SHEET_FIELDS = ["custodyUsd", "receivablesUsd", "totalAssetsUsd", "liabilitiesUsd", "equityUsd", "shortfallUsd"] as const;

/** A balance sheet as `Exchange.reportedBalanceSheet()` / `trueBalanceSheet()` return it. */
export function isBalanceSheet(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const sheet = value as PlainRecord;
  return (sheet.basis === "reported" || sheet.basis === "true") && Array.isArray(sheet.lines) && SHEET_FIELDS.every((field) => isDecimal(sheet[field]));
}

function sheetData(value: unknown, label?: string): SheetData {
  const sheet = value as PlainRecord & { basis: "reported" | "true"; lines: PlainRecord[] };
  const money = (field: string) => {
    const amount = sheet[field];
    return isDecimal(amount) ? amount.toFixed(2) : "";
  };
  const exact = (amount: unknown) => (isDecimal(amount) ? decimalText(amount) : String(amount ?? ""));
  return {
    label: label ?? (sheet.basis === "true" ? "True" : "Reported"),
    basis: sheet.basis,
    custodyUsd: money("custodyUsd"),
    receivablesUsd: money("receivablesUsd"),
    totalAssetsUsd: money("totalAssetsUsd"),
    liabilitiesUsd: money("liabilitiesUsd"),
    equityUsd: money("equityUsd"),
    shortfallUsd: money("shortfallUsd"),
    deskRecoveryRate: isDecimal(sheet.deskRecoveryRate) ? sheet.deskRecoveryRate.toSignificantDigits(6).toFixed() : "1",
    lines: sheet.lines.map((line) => ({
      asset: String(line.asset ?? ""),
      priceUsd: exact(line.priceUsd),
      custody: exact(line.custody),
      receivable: exact(line.receivable),
      liabilities: exact(line.liabilities),
      equity: exact(line.equity),
    })),
  };
}

function sheetsOf(value: unknown): SheetData[] | undefined {
  if (isBalanceSheet(value)) return [sheetData(value)];
  if (Array.isArray(value) && value.length > 0 && value.length <= 12 && value.every(isBalanceSheet)) return value.map((sheet) => sheetData(sheet));
  if (isPlainRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.length <= 12 && entries.every(([, sheet]) => isBalanceSheet(sheet))) {
      return entries.map(([key, sheet]) => sheetData(sheet, capitalize(key)));
    }
  }
  return undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ── tables and series ────────────────────────────────────────────────────

function tableCell(value: unknown): string | number | boolean {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : numberText(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (isDecimal(value)) return decimalText(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  const text = formatValue(value, { pretty: false });
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function isNumeric(value: unknown): boolean {
  return (typeof value === "number" && Number.isFinite(value)) || isDecimal(value);
}

/** A table from an array of records: columns in order of first appearance. */
export function tableOf(records: readonly PlainRecord[]): CellTable {
  const keys: string[] = [];
  for (const record of records.slice(0, MAX_TABLE_ROWS)) {
    for (const key of Object.keys(record)) {
      if (!keys.includes(key) && keys.length < MAX_TABLE_COLUMNS) keys.push(key);
    }
  }
  const kept = records.slice(0, MAX_TABLE_ROWS);
  const columns = keys.map((key) => {
    const present = kept.map((row) => row[key]).filter((value) => value !== undefined && value !== null);
    return { key, label: key, numeric: present.length > 0 && present.every(isNumeric) };
  });
  const rows = kept.map((record) => Object.fromEntries(keys.map((key) => [key, tableCell(record[key])])));
  return { columns, rows, totalRows: records.length };
}

function seriesOf(value: readonly unknown[]): SeriesPoint[] | undefined {
  if (value.length === 0) return undefined;
  if (value.every(isNumeric)) return value.map((y, x) => ({ x, y: asNumber(y)! }));
  const isPoint = (item: unknown) => {
    if (!isPlainRecord(item)) return false;
    const keys = Object.keys(item).filter((key) => item[key] !== undefined);
    return keys.length === 2 && isNumeric(item.x) && isNumeric(item.y);
  };
  if (value.every(isPoint)) return value.map((item) => ({ x: asNumber((item as PlainRecord).x)!, y: asNumber((item as PlainRecord).y)! }));
  return undefined;
}

function seriesTable(value: readonly unknown[], points: SeriesPoint[]): CellTable {
  const exact = value.every(isNumeric)
    ? value.map((y, x) => ({ x, y: tableCell(y) }))
    : value.map((item) => ({ x: tableCell((item as PlainRecord).x), y: tableCell((item as PlainRecord).y) }));
  return {
    columns: [
      { key: "x", label: "x", numeric: true },
      { key: "y", label: "y", numeric: true },
    ],
    rows: exact.slice(0, MAX_TABLE_ROWS),
    totalRows: points.length,
  };
}

// ── plot specs ───────────────────────────────────────────────────────────

/** True when the value looks like a plot spec (`{ marks: [{ mark: "lineY", … }] }`). */
export function isPlotSpec(value: unknown): boolean {
  return isPlainRecord(value) && Array.isArray(value.marks) && value.marks.length > 0 && value.marks.every((mark) => isPlainRecord(mark) && typeof mark.mark === "string");
}

/** Options as plain data; a function (which cannot leave the sandbox) is refused with a reason. */
function plainOption(value: unknown, path: string, depth = 0): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (isDecimal(value)) return value.toNumber();
  if (typeof value === "function") {
    throw new RangeError(`${path} is a function; a returned plot spec is data, so name a field instead (for example x: "day").`);
  }
  if (depth > 4) throw new RangeError(`${path} is nested too deeply for a plot option.`);
  if (Array.isArray(value)) return value.slice(0, 1_000).map((item, index) => plainOption(item, `${path}[${index}]`, depth + 1));
  if (isPlainRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainOption(item, `${path}.${key}`, depth + 1)]));
  if (value === undefined) return undefined;
  throw new RangeError(`${path} cannot be used in a plot spec (${typeof value}).`);
}

function plotSpecOf(value: PlainRecord): PlotSpec {
  const marks = (value.marks as PlainRecord[]).slice(0, 20).map((mark, index): PlotMarkSpec => {
    const name = mark.mark as string;
    if (!(PLOT_MARKS as readonly string[]).includes(name)) {
      throw new RangeError(`marks[${index}].mark is "${name}", which a cell cannot draw; use one of ${PLOT_MARKS.join(", ")}.`);
    }
    const rawData = mark.data ?? [];
    if (!Array.isArray(rawData)) throw new RangeError(`marks[${index}].data must be an array (of numbers or of records).`);
    const data = rawData.slice(0, MAX_SERIES_POINTS).map((item, row) => {
      if (isNumeric(item)) return asNumber(item)!;
      if (!isPlainRecord(item)) throw new RangeError(`marks[${index}].data[${row}] must be a number or a record.`);
      return Object.fromEntries(
        Object.entries(item).map(([key, field]) => {
          if (isDecimal(field)) return [key, field.toNumber()];
          if (field === undefined || field === null || typeof field === "number" || typeof field === "string" || typeof field === "boolean") return [key, field ?? null];
          if (field instanceof Date) return [key, field.toISOString()];
          return [key, tableCell(field)];
        }),
      );
    }) as PlotMarkSpec["data"];
    const options = mark.options === undefined ? {} : plainOption(mark.options, `marks[${index}].options`);
    if (!isPlainRecord(options)) throw new RangeError(`marks[${index}].options must be an object.`);
    return { mark: name as PlotMarkSpec["mark"], data, options };
  });
  const scales: PlotSpec["scales"] = {};
  for (const scale of PLOT_SCALES) {
    if (value[scale] === undefined) continue;
    const options = plainOption(value[scale], scale);
    if (!isPlainRecord(options)) throw new RangeError(`${scale} must be an object of scale options, like { label: "Price ($)" }.`);
    scales[scale] = options;
  }
  const spec: PlotSpec = { marks, scales };
  if (typeof value.title === "string") spec.title = value.title;
  if (value.height !== undefined) {
    const height = asNumber(value.height);
    if (height === undefined || height < 80 || height > 1_200) throw new RangeError("height must be a number of pixels from 80 to 1200.");
    spec.height = height;
  }
  return spec;
}

// ── the whole value ──────────────────────────────────────────────────────

/**
 * Describes a cell's result for the page. `undefined` (no `return`) gives `undefined`.
 * Throws a RangeError with a reason when a plot spec cannot be drawn.
 *
 * @example
 * toCellValue(new Decimal("0.1").plus("0.2")) //=> { kind: "decimal", text: "0.3" }
 * toCellValue([1, 4, 9]).kind //=> "series"
 * toCellValue([{ name: "a", usd: 1 }]).kind //=> "table"
 */
export function toCellValue(value: unknown): CellValue | undefined {
  if (value === undefined) return undefined;
  if (value === null) return { kind: "null", text: "null" };
  if (isDecimal(value)) return { kind: "decimal", text: decimalText(value) };
  switch (typeof value) {
    case "number":
      return { kind: "number", text: numberText(value) };
    case "bigint":
      return { kind: "number", text: value.toString() };
    case "string":
      return { kind: "string", text: value.length > MAX_JSON_CHARS ? `${value.slice(0, MAX_JSON_CHARS)}…` : value };
    case "boolean":
      return { kind: "boolean", text: String(value) };
    case "function":
    case "symbol":
      return { kind: "json", text: formatValue(value) };
  }
  const sheets = sheetsOf(value);
  if (sheets) return { kind: "sheets", sheets };
  if (isPlotSpec(value)) return { kind: "plot", spec: plotSpecOf(value as PlainRecord) };
  if (Array.isArray(value)) {
    const points = seriesOf(value);
    if (points && points.length <= MAX_SERIES_POINTS) return { kind: "series", points, table: seriesTable(value, points) };
    if (value.length > 0 && value.every(isPlainRecord)) return { kind: "table", table: tableOf(value as PlainRecord[]) };
  }
  return { kind: "json", text: formatValue(value) };
}

// ── text ─────────────────────────────────────────────────────────────────

/**
 * Readable text for any value, like a console shows it: Decimals exact, cycles marked,
 * long arrays and deep objects cut with a note. `pretty` spreads objects over lines.
 *
 * @example
 * formatValue({ usd: new Decimal("1.10") }, { pretty: false }) //=> '{ usd: 1.1 }'
 */
export function formatValue(value: unknown, { pretty = true }: { pretty?: boolean } = {}): string {
  const seen = new WeakSet<object>();
  const indentUnit = pretty ? "  " : "";
  const render = (item: unknown, depth: number): string => {
    if (item === undefined) return "undefined";
    if (item === null) return "null";
    if (isDecimal(item)) return decimalText(item);
    switch (typeof item) {
      case "number":
        return numberText(item);
      case "bigint":
        return `${item.toString()}n`;
      case "string":
        return depth === 0 ? item : JSON.stringify(item);
      case "boolean":
        return String(item);
      case "symbol":
        return item.toString();
      case "function":
        return `[function ${item.name || "(anonymous)"}]`;
    }
    const object = item as object;
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
    if (object instanceof Error) return `${object.name}: ${object.message}`;
    if (seen.has(object)) return "[circular]";
    if (depth >= MAX_JSON_DEPTH) return Array.isArray(object) ? "[…]" : "{…}";
    seen.add(object);
    try {
      const pad = pretty ? "\n" + indentUnit.repeat(depth + 1) : " ";
      const close = pretty ? "\n" + indentUnit.repeat(depth) : " ";
      let parts: string[];
      let open: string;
      let end: string;
      let total: number;
      if (Array.isArray(object)) {
        total = object.length;
        parts = object.slice(0, MAX_JSON_ITEMS).map((entry) => render(entry, depth + 1));
        [open, end] = ["[", "]"];
      } else if (object instanceof Map) {
        total = object.size;
        parts = [...object].slice(0, MAX_JSON_ITEMS).map(([key, entry]) => `${render(key, depth + 1)} => ${render(entry, depth + 1)}`);
        [open, end] = [`Map(${object.size}) {`, "}"];
      } else if (object instanceof Set) {
        total = object.size;
        parts = [...object].slice(0, MAX_JSON_ITEMS).map((entry) => render(entry, depth + 1));
        [open, end] = [`Set(${object.size}) {`, "}"];
      } else {
        const keys = Object.keys(object);
        total = keys.length;
        parts = keys.slice(0, MAX_JSON_ITEMS).map((key) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${render((object as PlainRecord)[key], depth + 1)}`);
        const name = (object as { constructor?: { name?: string } }).constructor?.name;
        open = name && name !== "Object" ? `${name} {` : "{";
        end = "}";
      }
      if (total > parts.length) parts.push(`… ${total - parts.length} more`);
      if (parts.length === 0) return `${open}${end}`;
      const oneLine = `${open}${Array.isArray(object) ? "" : " "}${parts.join(", ")}${Array.isArray(object) ? "" : " "}${end}`;
      if (!pretty || oneLine.length <= 72) return oneLine;
      return `${open}${pad}${parts.join("," + pad)}${close}${end}`;
    } finally {
      seen.delete(object);
    }
  };
  const text = render(value, 0);
  return text.length > MAX_JSON_CHARS ? `${text.slice(0, MAX_JSON_CHARS)}\n… (cut at ${MAX_JSON_CHARS.toLocaleString("en-US")} characters)` : text;
}
