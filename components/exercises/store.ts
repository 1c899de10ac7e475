/**
 * The page's one progress store (src/lib/exercises/progress.ts bound to
 * localStorage), shared by every island on the page, with change events so
 * the student id control, the exercises and "My progress" stay in step — in
 * this tab (a window event) and across tabs (the storage event).
 */
import { BACKUP_KEY_PREFIX, PROGRESS_KEY, ProgressStore, STUDENT_ID_KEY, browserStorage, listBackups, type ProgressRecord, type StorageLike, type StoredResponse } from "../../src/lib/exercises/progress";

/** What the page shows about one exercise for one student. */
export interface AttemptSummary {
  attempts: number;
  solved: boolean;
  code?: string;
  lastResponse?: StoredResponse;
  /** ISO time of the last change. */
  lastAt?: string;
  timeSpentMs: number;
}

const PROGRESS_EVENT = "cef-progress-change";
const STUDENT_EVENT = "cef-student-id-change";

let storage: StorageLike | undefined;
let store: ProgressStore | undefined;
let notices: string[] = [];

/** The store, created on first use (so a page that never asks never touches storage). */
export function getStore(): ProgressStore {
  if (!store) {
    const opened = browserStorage();
    storage = opened.storage;
    store = new ProgressStore(opened.storage);
    notices = [...(opened.message ? [opened.message] : []), ...store.notices];
    window.addEventListener("storage", (event) => {
      if (event.key === PROGRESS_KEY || event.key === null) {
        store = new ProgressStore(storage!);
        notices = [...notices, ...store.notices];
        window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
      }
      if (event.key === STUDENT_ID_KEY || event.key === null) window.dispatchEvent(new CustomEvent(STUDENT_EVENT));
    });
  }
  return store;
}

/** Sentences from opening the store: storage refused, data migrated, damaged data backed up. */
export function storeNotices(): string[] {
  getStore();
  return notices;
}

/** Backups of old or damaged progress kept in this browser. */
export function storeBackups(): { key: string; chars: number }[] {
  getStore();
  return storage ? listBackups(storage).filter((backup) => backup.key.startsWith(BACKUP_KEY_PREFIX)) : [];
}

/** The student id saved in this browser ("" when none). */
export function readStudentId(): string {
  return getStore().studentId ?? "";
}

/** Saves the student id and tells every island on the page. */
export function writeStudentId(id: string): { ok: true; studentId: string } | { ok: false; message: string } {
  const result = getStore().setStudentId(id);
  if (result.ok) window.dispatchEvent(new CustomEvent(STUDENT_EVENT));
  return result;
}

/** Calls `listener` with the new id whenever it changes (here or in another tab). Returns the unsubscribe. */
export function onStudentIdChange(listener: (id: string) => void): () => void {
  const handler = () => listener(readStudentId());
  window.addEventListener(STUDENT_EVENT, handler);
  return () => window.removeEventListener(STUDENT_EVENT, handler);
}

/** Calls `listener` after any change of the progress (an attempt, an import, another tab). */
export function onProgressChange(listener: () => void): () => void {
  window.addEventListener(PROGRESS_EVENT, listener);
  return () => window.removeEventListener(PROGRESS_EVENT, listener);
}

function summaryOf(record: ProgressRecord | undefined): AttemptSummary {
  if (!record) return { attempts: 0, solved: false, timeSpentMs: 0 };
  return {
    attempts: record.attempts,
    solved: record.correct,
    code: record.completionCode,
    lastResponse: record.lastResponse,
    lastAt: record.updatedAt,
    timeSpentMs: record.timeSpentMs,
  };
}

/** The record of one exercise, as the page shows it. */
export function readAttempts(assignmentId: string, exerciseId: string, studentId: string): AttemptSummary {
  return summaryOf(getStore().get({ assignmentId, exerciseId, studentId }));
}

/** Every record in the store (the progress page groups them). */
export function allRecords(): readonly ProgressRecord[] {
  return getStore().progress.records;
}

/** Records a submission, saves it and tells the page; returns the new summary and a sentence if saving failed. */
export function recordAttempt(
  assignmentId: string,
  exerciseId: string,
  studentId: string,
  input: { response: StoredResponse; correct: boolean; counted: boolean; code?: string; timeSpentMs?: number },
): AttemptSummary & { saveMessage?: string } {
  const { record, message } = getStore().record({
    assignmentId,
    exerciseId,
    studentId,
    response: input.response,
    correct: input.correct,
    counted: input.counted,
    completionCode: input.code,
    timeSpentMs: input.timeSpentMs,
  });
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
  return { ...summaryOf(record), saveMessage: message };
}

/** The export file: its text and a file name with the student id and the date. */
export function exportProgressFile(): { fileName: string; json: string } {
  const current = getStore();
  const id = (current.studentId ?? "").replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 40);
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `book-progress${id ? `-${id}` : ""}-${day}.json`, json: current.exportFile() };
}

/** Imports a progress file (merged with what is here) and tells the page. */
export function importProgressFile(text: string): { ok: boolean; message: string } {
  const result = getStore().importFile(text, "merge");
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
  return result;
}
