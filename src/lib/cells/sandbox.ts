/**
 * The browser host for code cells: `runCell(code)` runs TypeScript against
 * the library where it can reach neither the page nor the network.
 *
 * Walls: a hidden `<iframe sandbox="allow-scripts" srcdoc>` (never
 * allow-same-origin, so its origin is opaque: no access to the page's DOM,
 * cookies or storage) whose document carries a Content-Security-Policy with
 * no network at all; inside it a Worker started from a `blob:` URL, which
 * inherits that policy. The runtime worker's script is fetched once by the
 * page (it is a same-origin build asset) and posted into the iframe as text.
 * Messages go by `postMessage`. A run that passes its time limit is stopped
 * by terminating its worker; every run gets a fresh worker (one is kept warm).
 */
import runtimeWorkerUrl from "./runtime.worker.ts?worker&url";
import {
  DEFAULT_TIMEOUT_MS,
  MAX_LOG_LINE_CHARS,
  MAX_LOG_LINES,
  type HostToSandbox,
  type LogLine,
  type RunOutcome,
  type SandboxToHost,
} from "./protocol";

/** The sandbox document's policy: scripts only inline or from blob:, workers only from blob:, no connections. */
export const SANDBOX_CSP = "default-src 'none'; script-src 'unsafe-inline' blob:; worker-src blob:; connect-src 'none'; base-uri 'none'; form-action 'none'";

/** Longest and shortest time limits a cell may ask for. */
export const MIN_TIMEOUT_MS = 100;
export const MAX_TIMEOUT_MS = 60_000;

export interface RunCellOptions {
  /** Stop the run after this long; default 2000, clamped to 100–60000. */
  timeoutMs?: number;
  /** Extra TypeScript modules by import name (e.g. "./solution" for code exercises). */
  modules?: Record<string, string>;
  /** Each console line as it is printed (before the run ends). */
  onLog?: (line: LogLine) => void;
  /** Aborting stops the run; it resolves as an error "The run was stopped." */
  signal?: AbortSignal;
}

/**
 * The iframe's only script. It keeps one worker warm, gives each run its own
 * worker, relays the worker's messages to the page, and terminates a run's
 * worker when the page cancels it (time limit or Stop).
 */
const BOOTSTRAP = `"use strict";
(function () {
  var scriptUrl = null, spare = null, runs = new Map();
  function send(message) { parent.postMessage(message, "*"); }
  function spawn() { return new Worker(scriptUrl, { name: "cef-cell" }); }
  function warm() { if (!spare && scriptUrl) spare = spawn(); }
  function finish(runId) {
    var worker = runs.get(runId);
    if (!worker) return false;
    runs.delete(runId);
    worker.terminate();
    setTimeout(warm, 0);
    return true;
  }
  addEventListener("message", function (event) {
    if (event.source !== parent) return;
    var message = event.data || {};
    if (message.type === "init" && typeof message.workerSource === "string" && !scriptUrl) {
      scriptUrl = URL.createObjectURL(new Blob([message.workerSource], { type: "text/javascript" }));
      warm();
      send({ type: "ready" });
    } else if (message.type === "run" && scriptUrl) {
      var runId = message.runId, worker = spare || spawn();
      spare = null;
      runs.set(runId, worker);
      worker.onmessage = function (reply) {
        var data = reply.data;
        if (!data || data.runId !== runId || !runs.has(runId)) return;
        if (data.type === "log") send({ type: "log", runId: runId, line: data.line });
        else if (data.type === "done") { finish(runId); send({ type: "done", runId: runId, outcome: data.outcome }); }
      };
      worker.onerror = function (error) {
        error.preventDefault();
        if (!finish(runId)) return;
        var outcome = { status: "error", message: error.message || "The cell's worker failed.", logs: [] };
        if (/(^|\\/)cell\\.ts$/.test(error.filename || "") && error.lineno > 1) { outcome.line = error.lineno - 1; outcome.column = error.colno; }
        send({ type: "done", runId: runId, outcome: outcome });
      };
      worker.postMessage({ type: "run", runId: runId, code: message.code, modules: message.modules });
    } else if (message.type === "cancel") {
      finish(message.runId);
    }
  });
})();`;

/** The iframe's document: the policy first, then the bootstrap. */
export function sandboxDocument(): string {
  const csp = SANDBOX_CSP.replace(/"/g, "&quot;");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><title>Code cell sandbox</title></head><body><script>${BOOTSTRAP}</script></body></html>`;
}

interface PendingRun {
  logs: LogLine[];
  startedAt: number;
  timer: ReturnType<typeof setTimeout>;
  onLog?: (line: LogLine) => void;
  resolve: (outcome: RunOutcome) => void;
}

let workerSourcePromise: Promise<string> | undefined;
function workerSource(): Promise<string> {
  workerSourcePromise ??= fetch(runtimeWorkerUrl).then(async (response) => {
    if (!response.ok) throw new Error(`the cell runtime could not be loaded (HTTP ${response.status})`);
    return response.text();
  });
  workerSourcePromise.catch(() => {
    workerSourcePromise = undefined; // try again on the next run
  });
  return workerSourcePromise;
}

let frame: HTMLIFrameElement | undefined;
let framePromise: Promise<HTMLIFrameElement> | undefined;
const pending = new Map<number, PendingRun>();
let nextRunId = 1;

function isLogLine(value: unknown): value is LogLine {
  const line = value as LogLine | null;
  return !!line && typeof line.text === "string" && ["log", "info", "warn", "error"].includes(line.level);
}

function onMessage(event: MessageEvent<SandboxToHost>): void {
  if (!frame || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || typeof message !== "object" || !("runId" in message)) return;
  const run = pending.get(message.runId);
  if (!run) return;
  if (message.type === "log") {
    if (!isLogLine(message.line) || run.logs.length >= MAX_LOG_LINES + 1) return;
    const line = { level: message.line.level, text: message.line.text.slice(0, MAX_LOG_LINE_CHARS + 20) };
    run.logs.push(line);
    run.onLog?.(line);
  } else if (message.type === "done") {
    settle(message.runId, message.outcome);
  }
}

/** Ends a run with the sandbox's outcome (checked: it came from code the reader controls). */
function settle(runId: number, reported: unknown): void {
  const run = pending.get(runId);
  if (!run) return;
  pending.delete(runId);
  clearTimeout(run.timer);
  const ms = Math.round((performance.now() - run.startedAt) * 10) / 10;
  const outcome = (reported ?? {}) as { status?: unknown; value?: unknown; message?: unknown; line?: unknown; column?: unknown; module?: unknown; logs?: unknown };
  const logs = Array.isArray(outcome.logs) && outcome.logs.every(isLogLine) && outcome.logs.length >= run.logs.length ? outcome.logs.slice(0, MAX_LOG_LINES + 1) : run.logs;
  if (outcome.status === "ok") {
    const value = outcome.value && typeof outcome.value === "object" && typeof (outcome.value as { kind?: unknown }).kind === "string" ? (outcome.value as Extract<RunOutcome, { status: "ok" }>["value"]) : undefined;
    run.resolve(value ? { status: "ok", value, logs, ms } : { status: "ok", logs, ms });
  } else {
    const result: Extract<RunOutcome, { status: "error" }> = { status: "error", message: typeof outcome.message === "string" ? outcome.message : "The cell failed.", logs, ms };
    if (typeof outcome.line === "number" && Number.isSafeInteger(outcome.line)) result.line = outcome.line;
    if (typeof outcome.column === "number" && Number.isSafeInteger(outcome.column)) result.column = outcome.column;
    if (typeof outcome.module === "string") result.module = outcome.module;
    run.resolve(result);
  }
}

/** Creates the hidden sandbox iframe once per page and sends it the runtime. */
function sandboxFrame(): Promise<HTMLIFrameElement> {
  framePromise ??= (async () => {
    const source = await workerSource();
    const iframe = document.createElement("iframe");
    iframe.setAttribute("sandbox", "allow-scripts");
    iframe.setAttribute("title", "Code cell sandbox (runs the cells' code)");
    iframe.setAttribute("aria-hidden", "true");
    iframe.tabIndex = -1;
    iframe.hidden = true;
    iframe.className = "cell-sandbox";
    iframe.srcdoc = sandboxDocument();
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the sandbox did not start")), 10_000);
      const listen = (event: MessageEvent) => {
        if (event.source !== iframe.contentWindow || (event.data as SandboxToHost | null)?.type !== "ready") return;
        clearTimeout(timer);
        window.removeEventListener("message", listen);
        resolve();
      };
      window.addEventListener("message", listen);
      iframe.addEventListener("load", () => post(iframe, { type: "init", workerSource: source }), { once: true });
    });
    document.body.append(iframe);
    frame = iframe;
    window.addEventListener("message", onMessage);
    await ready;
    return iframe;
  })();
  framePromise.catch(() => {
    frame?.remove();
    frame = undefined;
    framePromise = undefined;
    window.removeEventListener("message", onMessage);
  });
  return framePromise;
}

function post(iframe: HTMLIFrameElement, message: HostToSandbox): void {
  // The sandbox's origin is opaque, so "*" is the only target that reaches it; nothing secret is sent.
  iframe.contentWindow?.postMessage(message, "*");
}

/** Loads the sandbox ahead of the first run (e.g. when the reader opens the editor). */
export async function prepareSandbox(): Promise<void> {
  await sandboxFrame();
}

/** A time limit within bounds; anything unreadable gives the default. */
export function clampTimeoutMs(timeoutMs: unknown): number {
  const value = typeof timeoutMs === "string" ? Number(timeoutMs) : timeoutMs;
  if (typeof value !== "number" || !Number.isFinite(value)) return DEFAULT_TIMEOUT_MS;
  return Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, Math.round(value)));
}

/**
 * Runs a cell in the sandbox. Never rejects: a failure to start the sandbox is
 * an error outcome too.
 *
 * @example
 * const outcome = await runCell('import { usd } from "cef";\nreturn usd("0.1").plus("0.2");');
 * outcome //=> { status: "ok", value: { kind: "decimal", text: "0.3" }, logs: [], ms: 31.2 }
 */
export async function runCell(code: string, options: RunCellOptions = {}): Promise<RunOutcome> {
  const limitMs = clampTimeoutMs(options.timeoutMs);
  const startedAt = performance.now();
  if (import.meta.env.DEV) {
    // The dev server serves the runtime unbundled (ES imports), which a blob: worker in an opaque-origin sandbox cannot load.
    return { status: "error", message: "Code cells run only in the built site: run `npm run build`, then `npm run serve` (or scripts/preview.sh).", logs: [], ms: 0 };
  }
  if (options.signal?.aborted) return { status: "error", message: "The run was stopped.", logs: [], ms: 0 };
  let iframe: HTMLIFrameElement;
  try {
    iframe = await sandboxFrame();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: "error", message: `The code could not run: ${reason}. Reload the page to try again.`, logs: [], ms: performance.now() - startedAt };
  }
  const runId = nextRunId++;
  return new Promise<RunOutcome>((resolve) => {
    const stop = (outcome: RunOutcome) => {
      if (!pending.has(runId)) return;
      clearTimeout(pending.get(runId)!.timer);
      pending.delete(runId);
      post(iframe, { type: "cancel", runId });
      resolve(outcome);
    };
    const run: PendingRun = {
      logs: [],
      startedAt,
      // The limit counts the code's own time, from the moment it is handed to the sandbox.
      timer: setTimeout(() => {
        const ms = Math.round((performance.now() - startedAt) * 10) / 10;
        stop({ status: "timeout", limitMs, logs: pending.get(runId)?.logs ?? [], ms });
      }, limitMs),
      resolve,
      ...(options.onLog ? { onLog: options.onLog } : {}),
    };
    pending.set(runId, run);
    options.signal?.addEventListener(
      "abort",
      () => stop({ status: "error", message: "The run was stopped.", logs: pending.get(runId)?.logs ?? [], ms: Math.round((performance.now() - startedAt) * 10) / 10 }),
      { once: true },
    );
    post(iframe, { type: "run", runId, code: String(code), modules: { ...(options.modules ?? {}) }, timeoutMs: limitMs });
  });
}
