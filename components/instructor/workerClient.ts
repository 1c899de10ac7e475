/**
 * Runs an answer key or a regrade in `instructor.worker.ts`, with progress and
 * cancel. Each task gets a fresh worker, terminated when it ends or is
 * cancelled, so a cancelled key leaves nothing running.
 */
import type { AnswerKeyRow, AssignmentSpec, RegradeResult } from "./engine";
import type { ReadFile } from "./files";

export type TaskRequest =
  | { type: "key"; spec: AssignmentSpec; ids: string[] }
  | { type: "regrade"; spec: AssignmentSpec; files: ReadFile[]; roster: string[] };

export type TaskMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; result: unknown }
  | { type: "error"; message: string };

/** What each task returns. */
export interface TaskResults {
  key: { rows: AnswerKeyRow[]; csv: string };
  regrade: RegradeResult;
}

export interface TaskRun<R> {
  result: Promise<R>;
  cancel(): void;
}

export class TaskCancelled extends Error {
  constructor() {
    super("Cancelled.");
    this.name = "TaskCancelled";
  }
}

export function runTask<T extends TaskRequest>(request: T, onProgress: (done: number, total: number) => void): TaskRun<TaskResults[T["type"]]> {
  const worker = new Worker(new URL("./instructor.worker.ts", import.meta.url), { type: "module", name: `instructor-${request.type}` });
  let rejectRun: (error: Error) => void = () => undefined;
  const result = new Promise<TaskResults[T["type"]]>((resolve, reject) => {
    rejectRun = reject;
    worker.onmessage = (event: MessageEvent<TaskMessage>) => {
      const message = event.data;
      if (message.type === "progress") onProgress(message.done, message.total);
      else {
        worker.terminate();
        if (message.type === "done") resolve(message.result as TaskResults[T["type"]]);
        else reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "The page's worker failed to start."));
    };
  });
  worker.postMessage(request);
  return {
    result,
    cancel() {
      worker.terminate();
      rejectRun(new TaskCancelled());
    },
  };
}
