/// <reference lib="webworker" />
/** The simulation worker: loads a widget model and runs its `compute`, reporting progress. */
import { widgetLoaders } from "./loaders";
import type { WorkerMessage } from "./workerClient";

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<{ widgetId: string; values: unknown }>) => {
  const { widgetId, values } = event.data;
  const post = (message: WorkerMessage) => scope.postMessage(message);
  try {
    const loader = widgetLoaders[widgetId];
    if (!loader) throw new Error(`No widget model "${widgetId}".`);
    const model = (await loader()).default;
    let lastPost = 0;
    const result = model.compute(values as never, (fraction) => {
      const now = performance.now();
      if (now - lastPost > 50 || fraction >= 1) {
        lastPost = now;
        post({ type: "progress", fraction });
      }
    });
    post({ type: "done", result });
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? error.message : String(error), isRangeError: error instanceof RangeError });
  }
};
