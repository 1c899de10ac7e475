/// <reference lib="webworker" />
/**
 * The Instructor page's worker: answer keys and regrades run here, off the main
 * thread, because every row draws a student's numbers and computes the answer
 * through src/sim (milliseconds each — seconds for a class). Progress is posted
 * per student for keys; a regrade reports when it is done.
 */
import { answerKeyCsv, keyRows, regradeFiles, type AnswerKeyRow } from "./engine";
import type { TaskMessage, TaskRequest } from "./workerClient";

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Least time between two progress messages, ms. */
const PROGRESS_INTERVAL_MS = 50;

scope.onmessage = (event: MessageEvent<TaskRequest>) => {
  const post = (message: TaskMessage) => scope.postMessage(message);
  const request = event.data;
  try {
    if (request.type === "key") {
      const rows: AnswerKeyRow[] = [];
      let lastPost = 0;
      request.ids.forEach((id, index) => {
        rows.push(...keyRows(request.spec, [id]));
        const now = performance.now();
        if (now - lastPost > PROGRESS_INTERVAL_MS) {
          lastPost = now;
          post({ type: "progress", done: index + 1, total: request.ids.length });
        }
      });
      post({ type: "done", result: { rows, csv: answerKeyCsv(rows) } });
    } else {
      post({ type: "done", result: regradeFiles(request.spec, request.files, request.roster) });
    }
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
};
