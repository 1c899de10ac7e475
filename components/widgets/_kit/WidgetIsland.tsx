/**
 * The live part of every widget: controls, the figure, a one-sentence summary
 * and the data table. It hydrates with the build-time SVG already on screen;
 * the model (and the simulation library) and Plot load on the first change.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ParamControl } from "../../controls/ParamControl";
import { ResetButton, RunButton } from "../../controls/Buttons";
import { defaultValues, parseParams, serializeParams, type ParamSpecs, type ParamValues } from "../../../src/lib/urlState";
import { csvDataUrl, prepareFigure, type PlotModule, type TableData, type WidgetModel } from "../../../src/lib/widget";
import { widgetLoaders } from "./loaders";
import { RunCancelled, runInWorker, type WorkerRun } from "./workerClient";
import { DataTable } from "./DataTable";

interface Props {
  id: string;
  title: string;
  params: ParamSpecs;
  initial: { svg: string; table: TableData; summary: string };
  /** Parameters shown without opening "More settings". */
  primary?: string[];
}

type Values = ParamValues<ParamSpecs>;

/** Width the build-time figure is drawn at (serverFigure.ts). */
const SERVER_WIDTH = 640;

let plotPromise: Promise<PlotModule> | undefined;
function loadPlot(): Promise<PlotModule> {
  plotPromise ??= import("./plot");
  return plotPromise;
}

const loadedModels = new Map<string, WidgetModel>();
let loadedPlot: PlotModule | undefined;

/** The model and Plot, from memory after the first load (a resolved import still costs a task). */
async function loadParts(id: string): Promise<[WidgetModel, PlotModule]> {
  const cachedModel = loadedModels.get(id);
  if (cachedModel && loadedPlot) return [cachedModel, loadedPlot];
  const loader = widgetLoaders[id];
  if (!loader) throw new Error(`This figure (${id}) has no model.`);
  const [{ default: model }, Plot] = await Promise.all([loader(), loadPlot()]);
  loadedModels.set(id, model);
  loadedPlot = Plot;
  return [model, Plot];
}

function sameValues(a: Values, b: Values): boolean {
  return Object.keys(a).every((key) => a[key] === b[key]);
}

export default function WidgetIsland({ id, title, params, initial, primary }: Props) {
  const defaults = defaultValues(params) as Values;
  const [values, setValues] = useState<Values>(defaults);
  const [table, setTable] = useState<TableData>(initial.table);
  const [summary, setSummary] = useState(initial.summary);
  const [notices, setNotices] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | undefined>();
  const figureRef = useRef<HTMLDivElement>(null);
  const pending = useRef<Values | undefined>(undefined);
  const run = useRef<WorkerRun<unknown> | undefined>(undefined);
  const generation = useRef(0);
  /** The settings the figure on screen was drawn with (restored when a run is cancelled). */
  const drawnValues = useRef<Values>(defaults);

  /** Draws a result: figure, table, summary. Records how long it took (for the tests and the bench). */
  function draw(model: WidgetModel, Plot: PlotModule, result: unknown, drawn: Values, startedAt: number) {
    const container = figureRef.current;
    if (!container) return;
    drawnValues.current = drawn;
    const width = Math.max(280, Math.min(container.clientWidth || 640, 960));
    const drawStart = performance.now();
    const element = model.figure(Plot, result, { width, document });
    container.replaceChildren(prepareFigure(element));
    setTable(model.table(result));
    setSummary(model.summary(result));
    setError(undefined);
    const now = performance.now();
    container.dataset.renderMs = (now - startedAt).toFixed(2);
    container.dataset.drawMs = (now - drawStart).toFixed(2);
    container.dataset.renders = String(Number(container.dataset.renders ?? "0") + 1);
  }

  async function recompute(next: Values, startedAt: number) {
    const ticket = ++generation.current;
    run.current?.cancel();
    try {
      const [model, Plot] = await loadParts(id);
      if (ticket !== generation.current) return;
      if (model.heavy?.(next)) {
        setBusy(true);
        setProgress(0);
        const job = runInWorker<unknown>(id, next, (fraction) => setProgress(fraction));
        run.current = job;
        const result = await job.result;
        if (ticket !== generation.current) return;
        draw(model, Plot, result, next, startedAt);
      } else {
        const computeStart = performance.now();
        const result = model.compute(next);
        if (figureRef.current) figureRef.current.dataset.computeMs = (performance.now() - computeStart).toFixed(2);
        draw(model, Plot, result, next, startedAt);
      }
    } catch (caught) {
      if (caught instanceof RunCancelled) return;
      if (ticket !== generation.current) return;
      setError(caught instanceof RangeError ? caught.message : `The simulation failed: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      if (ticket === generation.current) {
        setBusy(false);
        setProgress(undefined);
        run.current = undefined;
      }
    }
  }

  /**
   * Coalesces rapid input: the computation runs right after the current event
   * (no frame of delay); events that arrive while one is pending replace it.
   */
  function schedule(next: Values, startedAt = performance.now()) {
    const alreadyQueued = pending.current !== undefined;
    pending.current = next;
    if (alreadyQueued) return;
    queueMicrotask(() => {
      const latest = pending.current;
      pending.current = undefined;
      if (latest) void recompute(latest, startedAt);
    });
  }

  function showValues(next: Values) {
    setValues(next);
    const search = serializeParams(params, next, id, window.location.search);
    history.replaceState(history.state, "", `${window.location.pathname}${search}${window.location.hash}`);
  }

  function update(next: Values) {
    showValues(next);
    schedule(next);
  }

  /** Stops a background run; the controls go back to the settings of the figure on screen. */
  function cancelRun() {
    generation.current++;
    run.current?.cancel();
    setBusy(false);
    setProgress(undefined);
    showValues(drawnValues.current);
  }

  useEffect(() => {
    const { values: fromUrl, notices: urlNotices, fromUrl: hasUrlState } = parseParams(params, window.location.search, id);
    setNotices(urlNotices);
    if (hasUrlState && !sameValues(fromUrl as Values, defaults)) {
      setValues(fromUrl as Values);
      schedule(fromUrl as Values);
    } else if ((figureRef.current?.clientWidth ?? SERVER_WIDTH) < SERVER_WIDTH * 0.75) {
      // On a narrow screen the build-time figure (drawn 640 px wide) is scaled
      // down and its labels get small: redraw it at the real width when idle.
      const idle = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 200));
      idle(() => schedule(defaults));
    }
    figureRef.current?.setAttribute("data-hydrated", "true");
    return () => run.current?.cancel();
  }, []);

  // "Find the setting" exercises read the settings on screen (docs/exercises-and-cells.md).
  const bodyRef = useRef<HTMLDivElement>(null);
  const firstState = useRef(true);
  useEffect(() => {
    if (firstState.current) {
      firstState.current = false;
      return;
    }
    bodyRef.current?.dispatchEvent(new CustomEvent("widget-state", { bubbles: true, detail: { id, values } }));
  }, [values]);

  const keys = Object.keys(params);
  const shown = primary ?? keys;
  const more = keys.filter((key) => !shown.includes(key));
  const control = (key: string) => (
    <ParamControl
      key={key}
      id={`${id}-${key}`}
      spec={params[key]!}
      value={values[key]!}
      onChange={(value) => update({ ...values, [key]: value } as Values)}
    />
  );

  return (
    <div class="widget-body" ref={bodyRef} data-widget-id={id} data-widget-state={JSON.stringify(values)}>
      {notices.length > 0 && (
        <div class="widget-notice" role="status">
          <p>This figure's link had settings it could not use:</p>
          <ul>{notices.map((notice) => <li key={notice}>{notice}</li>)}</ul>
          <button type="button" class="button" onClick={() => setNotices([])}>Dismiss</button>
        </div>
      )}
      <div class="widget-figure" ref={figureRef} role="img" aria-label={`${title}: ${summary}`} dangerouslySetInnerHTML={{ __html: initial.svg }} />
      <p class="widget-summary" aria-live="polite">{summary}</p>
      {error && <p class="widget-error" role="alert">{error}</p>}
      <fieldset class="widget-controls">
        <legend>Settings</legend>
        <div class="control-grid">{shown.map(control)}</div>
        {more.length > 0 && (
          <details class="widget-more">
            <summary>More settings</summary>
            <div class="control-grid">{more.map(control)}</div>
          </details>
        )}
        <div class="widget-actions">
          {busy && <RunButton busy progress={progress} onRun={() => undefined} onCancel={cancelRun} />}
          <ResetButton disabled={sameValues(values, defaults)} onReset={() => update(defaults)} />
        </div>
      </fieldset>
      <details class="widget-data">
        <summary>Show data</summary>
        <DataTable table={table} caption={`The numbers behind “${title}”`} />
        <p><a class="button" href={csvDataUrl(table)} download={`${id}.csv`}>Download CSV</a></p>
      </details>
    </div>
  );
}
