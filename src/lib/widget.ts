/**
 * The shape every widget model has. A model turns parameters into engine calls
 * (`compute`) and engine results into a table, a sentence and a Plot figure.
 * `compute` returns plain data (numbers for plotting, exact strings for money)
 * so the same result can cross a Worker boundary and be rendered anywhere.
 */
import type { ParamSpecs, ParamValues } from "./urlState";

/** A column of a widget's data table. */
export interface TableColumn {
  key: string;
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

/** The numbers behind a figure. */
export interface TableData {
  columns: TableColumn[];
  rows: Record<string, string | number | boolean>[];
}

/** Options a figure is drawn with. */
export interface FigureOptions {
  width: number;
  /** A DOM document (linkedom on the server, the page's in the browser). */
  document: Document;
}

/** The parts of Observable Plot a figure may use (passed in, so models never import Plot statically). */
export type PlotModule = typeof import("../../components/widgets/_kit/plot");

/** A widget's model: parameters, engine call, and the views of its result. */
export interface WidgetModel<S extends ParamSpecs = ParamSpecs, R = unknown> {
  params: S;
  /** Runs the engine. Throws RangeError with a reader's sentence on impossible input. */
  compute(values: ParamValues<S>, onProgress?: (fraction: number) => void): R;
  table(result: R): TableData;
  summary(result: R): string;
  figure(Plot: PlotModule, result: R, options: FigureOptions): Element;
  /** Run `compute` in a Web Worker when this returns true for the values. */
  heavy?(values: ParamValues<S>): boolean;
}

/**
 * Readies a drawn figure for the page: the widget's container carries the
 * text alternative (role="img" with the summary as its label), so the SVG's
 * own per-mark labels are hidden from assistive technology.
 */
export function prepareFigure<E extends Element>(element: E): E {
  element.setAttribute("aria-hidden", "true");
  return element;
}

/** CSV of a table: RFC 4180 quoting, header row of labels. */
export function toCsv(table: TableData): string {
  const quote = (value: string | number | boolean) => {
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [table.columns.map((column) => quote(column.label)).join(",")];
  for (const row of table.rows) lines.push(table.columns.map((column) => quote(row[column.key] ?? "")).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** A data: URL for a CSV download link (works with JavaScript off). */
export function csvDataUrl(table: TableData): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(toCsv(table))}`;
}
