/// <reference lib="webworker" />
/**
 * The worker that runs cells inside the sandbox iframe. It is built as one
 * classic script (the library, sucrase and the runtime preloaded), sent to
 * the iframe as text and started from a `blob:` URL. Compiled cell code is
 * loaded with `importScripts` of a second `blob:` URL rather than `eval`, so
 * the sandbox's Content-Security-Policy needs no 'unsafe-eval'. One worker
 * serves one run; the iframe terminates it when the run ends or overruns.
 */
import { errorOutcome, executeCell, outcomeOf, type CompiledBody, type Evaluator } from "./execute";
import type { RunOutcome, WorkerRunRequest, WorkerToSandbox } from "./protocol";

type Slots = Record<string, CompiledBody | undefined>;
const scope = self as unknown as DedicatedWorkerGlobalScope & Slots;
let slotCount = 0;

/** Loads a compiled body as a classic script; its one line of header is the line offset. */
const importScriptsEvaluator: Evaluator = (js, { name, async }) => {
  const slot = `__cefBody${++slotCount}`;
  const header = `self.${slot} = ${async ? "async " : ""}function (require, exports, module, console) {`;
  const url = URL.createObjectURL(new Blob([`${header}\n${js}\n};\n//# sourceURL=${name}\n`], { type: "text/javascript" }));
  try {
    scope.importScripts(url);
  } finally {
    URL.revokeObjectURL(url);
  }
  const body = scope[slot];
  delete scope[slot];
  if (typeof body !== "function") throw new Error("The cell's code could not be loaded.");
  return { body, lineOffset: 1 };
};

function post(message: WorkerToSandbox): void {
  scope.postMessage(message);
}

function withoutTime(outcome: RunOutcome): Extract<WorkerToSandbox, { type: "done" }>["outcome"] {
  const { ms: _ms, ...rest } = outcome;
  return rest;
}

let started = false;
scope.onmessage = async (event: MessageEvent<WorkerRunRequest>) => {
  const request = event.data;
  if (!request || request.type !== "run" || started) return;
  started = true; // one run per worker: a fresh realm every time
  const { runId } = request;
  try {
    const result = await executeCell(String(request.code), {
      modules: request.modules ?? {},
      evaluate: importScriptsEvaluator,
      onLog: (line) => post({ type: "log", runId, line }),
    });
    post({ type: "done", runId, outcome: withoutTime(outcomeOf(result)) });
  } catch (error) {
    post({ type: "done", runId, outcome: withoutTime(errorOutcome(error)) });
  }
};
