/**
 * Build-time rendering of a widget's default state: runs the model with its
 * defaults and draws the Plot figure into a linkedom document, so the page
 * carries the SVG (readable with JavaScript off, no layout shift). Server only:
 * importing linkedom in an island would ship it to the browser.
 */
import * as Plot from "./plot";
import { parseHTML } from "linkedom";
import { prepareFigure, type TableData, type WidgetModel } from "../../../src/lib/widget";
import { defaultValues, type ParamSpecs } from "../../../src/lib/urlState";

export const SERVER_FIGURE_WIDTH = 640;

export interface InitialRender {
  svg: string;
  table: TableData;
  summary: string;
}

export function renderDefault<S extends ParamSpecs, R>(model: WidgetModel<S, R>): InitialRender {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const result = model.compute(defaultValues(model.params));
  const element = model.figure(Plot, result, { width: SERVER_FIGURE_WIDTH, document: document as unknown as Document });
  return { svg: prepareFigure(element).outerHTML, table: model.table(result), summary: model.summary(result) };
}
