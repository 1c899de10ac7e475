/**
 * Runs a widget's `compute` in a Web Worker: same engine code, off the main
 * thread, with progress and cancel. A cancelled run terminates its worker;
 * the next run starts a fresh one.
 */
import type { WidgetModel } from "../../../src/lib/widget";

export interface WorkerRun<R> {
  result: Promise<R>;
  cancel(): void;
}

/** Message protocol between the page and `sim.worker.ts`. */
export type WorkerMessage =
  | { type: "progress"; fraction: number }
  | { type: "done"; result: unknown }
  | { type: "error"; message: string; isRangeError: boolean };

export class RunCancelled extends Error {
  constructor() {
    super("The run was cancelled.");
    this.name = "RunCancelled";
  }
}

export function runInWorker<R>(widgetId: string, values: unknown, onProgress: (fraction: number) => void): WorkerRun<R> {
  const worker = new Worker(new URL("./sim.worker.ts", import.meta.url), { type: "module", name: `sim-${widgetId}` });
  let rejectRun: (error: Error) => void = () => undefined;
  const result = new Promise<R>((resolve, reject) => {
    rejectRun = reject;
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === "progress") onProgress(message.fraction);
      else if (message.type === "done") {
        worker.terminate();
        resolve(message.result as R);
      } else {
        worker.terminate();
        reject(message.isRangeError ? new RangeError(message.message) : new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "The simulation worker failed to start."));
    };
  });
  worker.postMessage({ widgetId, values });
  return {
    result,
    cancel() {
      worker.terminate();
      rejectRun(new RunCancelled());
    },
  };
}

export type { WidgetModel };
