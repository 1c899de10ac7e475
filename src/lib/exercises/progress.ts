/**
 * progress — a student's work, kept in the browser.
 *
 * One localStorage key ("cef-progress") holds a versioned document: a list
 * of records, one per (assignment, exercise, student id), with attempts,
 * whether and when it was solved, time spent, the last response and the
 * completion code. A flat list (rather than nested maps) is easy to validate,
 * to merge and to export; a book has at most a few hundred records.
 *
 * The student id is part of a record's key because a browser is sometimes
 * shared (a lab computer, a sibling): one student's receipts are never
 * overwritten by another's attempts.
 *
 * Nothing is silently dropped. Version 1 data (the first design: keyed by
 * exercise only, `{ version: 1, answers: { [id]: { tries, ok, last } } }`) is
 * migrated to version 2 under assignment "book", and the original is kept as
 * a backup. Damaged data — not JSON, the wrong shape, a version from a newer
 * book — is copied to "cef-progress-backup-<time>" and reported in a
 * sentence; records that can still be read are kept.
 *
 * Two tabs of the book share one key: {@link ProgressStore} merges in what the
 * other tab saved before each write, so neither overwrites the other.
 *
 * Storage is injected ({@link StorageLike}), so tests run without a DOM; when
 * the browser refuses storage (private mode, disabled cookies) the store
 * falls back to memory and says so.
 */
import * as z from "zod/mini";
import { normalizeId } from "./ids";
import type { CodeCheckResult } from "./grading";

// ── storage ──────────────────────────────────────────────────────────────

/** The part of the Web Storage API the store uses (localStorage satisfies it). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

/** The localStorage key of the progress document. */
export const PROGRESS_KEY = "cef-progress";
/** The localStorage key of the student id. */
export const STUDENT_ID_KEY = "cef-student-id";
/** Prefix of backup keys: "cef-progress-backup-2026-11-28T11:40:00.000Z". */
export const BACKUP_KEY_PREFIX = "cef-progress-backup-";
/** The current version of the stored document. */
export const PROGRESS_VERSION = 2;
/** The `format` marker of an exported progress file. */
export const PROGRESS_FILE_FORMAT = "cef-progress";
/** Most records kept (a limit: a book has a few hundred exercises). */
export const MAX_RECORDS = 5000;
/** Longest stored code response, in characters. */
export const MAX_STORED_CODE_CHARS = 50_000;
/** Longest student id, in characters. */
export const MAX_STUDENT_ID_CHARS = 200;
/** Largest time added by one call (a laptop left asleep on a page is not study time). */
export const MAX_TIME_STEP_MS = 2 * 60 * 60 * 1000;

/**
 * A Storage kept in memory: for tests, and the fallback when the browser
 * refuses localStorage.
 *
 * @example
 * const storage = memoryStorage();
 * storage.setItem("k", "v"); storage.getItem("k") //=> "v"
 */
export function memoryStorage(initial: Record<string, string> = {}): StorageLike {
  const items = new Map<string, string>(Object.entries(initial));
  return {
    getItem: (key) => (items.has(key) ? items.get(key)! : null),
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}

/**
 * The browser's localStorage if it works, else memory with a sentence for
 * the student. Probes with a write, because Safari's private mode and
 * disabled storage throw only when used.
 *
 * @example
 * const { storage, message } = browserStorage();
 * if (message) showNotice(message);
 */
export function browserStorage(): { storage: StorageLike; persistent: boolean; message?: string } {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    if (!storage) throw new Error("no localStorage");
    const probe = "cef-storage-probe";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return { storage, persistent: true };
  } catch {
    return {
      storage: memoryStorage(),
      persistent: false,
      message:
        "This browser is not letting the book save your progress (private browsing, or site data is blocked). Your work is kept only until you close this tab: use “Export progress” to keep a copy.",
    };
  }
}

// ── the document ─────────────────────────────────────────────────────────

/** A response as stored: what the student last submitted. Code keeps the source, not a run. */
export type StoredResponse =
  | { kind: "numeric"; text: string }
  | { kind: "choice"; selected: string[] }
  | { kind: "setting"; state: Record<string, number | string | boolean> }
  | { kind: "code"; code: string; results?: CodeCheckResult[] }
  /** A version-1 `last` value, kept as it was (its kind was not recorded). */
  | { kind: "legacy"; value: unknown };

/** One student's work on one exercise of one assignment. */
export interface ProgressRecord {
  assignmentId: string;
  exerciseId: string;
  /** The student id the work was done under ("" when unknown, as in migrated version-1 data). */
  studentId: string;
  /** Counted attempts (refused input does not count). */
  attempts: number;
  /** Solved at least once; stays true after a later wrong answer. */
  correct: boolean;
  /** ISO time of the first counted attempt. */
  firstAttemptAt?: string;
  /** ISO time of the first correct answer. */
  solvedAt?: string;
  /** ISO time of the last change to this record. */
  updatedAt?: string;
  /** Time spent on the exercise, ms. */
  timeSpentMs: number;
  lastResponse?: StoredResponse;
  /** The first response judged correct (what an answers file hands in, even after later tries). */
  correctResponse?: StoredResponse;
  /** The completion code of the first correct answer. */
  completionCode?: string;
}

/** The stored document, version 2. */
export interface Progress {
  version: 2;
  records: ProgressRecord[];
}

/** A progress file as exported: the document plus a format marker. */
export interface ProgressFile {
  format: typeof PROGRESS_FILE_FORMAT;
  version: 2;
  exportedAt: string;
  studentId?: string;
  records: ProgressRecord[];
}

const isoTime = z.string().check(z.refine((text) => /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text)), { error: "not an ISO time" }));
const shortText = z.string().check(z.maxLength(500));

const responseSchema = z.union([
  z.object({ kind: z.literal("numeric"), text: z.string().check(z.maxLength(1000)) }),
  z.object({ kind: z.literal("choice"), selected: z.array(shortText).check(z.maxLength(100)) }),
  z.object({ kind: z.literal("setting"), state: z.record(shortText, z.union([z.number(), shortText, z.boolean()])) }),
  z.object({
    kind: z.literal("code"),
    code: z.string().check(z.maxLength(MAX_STORED_CODE_CHARS)),
    results: z.optional(z.array(z.object({ name: shortText, pass: z.boolean(), detail: z.string().check(z.maxLength(5000)) })).check(z.maxLength(200))),
  }),
  z.object({ kind: z.literal("legacy"), value: z.unknown() }),
]);

const recordSchema = z.object({
  assignmentId: z.string().check(z.minLength(1), z.maxLength(200)),
  exerciseId: z.string().check(z.minLength(1), z.maxLength(200)),
  studentId: z.string().check(z.maxLength(MAX_STUDENT_ID_CHARS)),
  attempts: z.int().check(z.minimum(0)),
  correct: z.boolean(),
  firstAttemptAt: z.optional(isoTime),
  solvedAt: z.optional(isoTime),
  updatedAt: z.optional(isoTime),
  timeSpentMs: z.number().check(z.minimum(0), z.refine(Number.isFinite)),
  lastResponse: z.optional(responseSchema),
  correctResponse: z.optional(responseSchema),
  completionCode: z.optional(z.string().check(z.regex(/^[0-9A-Z]{8}$/))),
});

/** An empty version-2 document. */
export function emptyProgress(): Progress {
  return { version: 2, records: [] };
}

function recordKey(record: Pick<ProgressRecord, "assignmentId" | "exerciseId" | "studentId">): string {
  return `${record.assignmentId}\u001f${record.exerciseId}\u001f${record.studentId}`;
}

/** Keeps readable records, counts the rest; never throws. */
function readRecords(list: unknown): { records: ProgressRecord[]; unreadable: number } {
  if (!Array.isArray(list)) return { records: [], unreadable: 1 };
  const records: ProgressRecord[] = [];
  const seen = new Set<string>();
  let unreadable = 0;
  for (const item of list.slice(0, MAX_RECORDS)) {
    const parsed = recordSchema.safeParse(item);
    if (!parsed.success) {
      unreadable++;
      continue;
    }
    const record = parsed.data as ProgressRecord;
    const key = recordKey(record);
    if (seen.has(key)) {
      // Two records for one key (hand-edited data): merge rather than drop one.
      const index = records.findIndex((other) => recordKey(other) === key);
      records[index] = mergeRecords(records[index]!, record);
      continue;
    }
    seen.add(key);
    records.push(record);
  }
  unreadable += Math.max(0, list.length - MAX_RECORDS);
  return { records, unreadable };
}

/**
 * Migrates a version-1 document (`{ version: 1, answers: { [exerciseId]: { tries, ok, last } } }`)
 * to version 2: each answer becomes a record of assignment "book" under
 * `studentId` (the id stored in the browser, or "" if none); `last` is kept
 * as a `legacy` response. Entries that are not readable are counted.
 *
 * @example
 * migrateV1({ version: 1, answers: { "theory-x": { tries: 2, ok: true, last: "12" } } }, "ada").progress.records[0]
 * //=> { assignmentId: "book", exerciseId: "theory-x", studentId: "ada", attempts: 2, correct: true, timeSpentMs: 0, lastResponse: { kind: "legacy", value: "12" } }
 */
export function migrateV1(document: unknown, studentId = ""): { progress: Progress; unreadable: number } {
  const answers = (document as { answers?: unknown } | null)?.answers;
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return { progress: emptyProgress(), unreadable: 1 };
  const records: ProgressRecord[] = [];
  let unreadable = 0;
  for (const [exerciseId, answer] of Object.entries(answers as Record<string, unknown>).slice(0, MAX_RECORDS)) {
    const entry = answer as { tries?: unknown; ok?: unknown; last?: unknown } | null;
    const tries = entry?.tries;
    if (exerciseId.trim() === "" || typeof entry !== "object" || entry === null || (tries !== undefined && !(Number.isInteger(tries) && (tries as number) >= 0))) {
      unreadable++;
      continue;
    }
    const record: ProgressRecord = {
      assignmentId: "book",
      exerciseId: exerciseId.trim(),
      studentId,
      attempts: typeof tries === "number" ? tries : 0,
      correct: entry.ok === true,
      timeSpentMs: 0,
    };
    if (entry.last !== undefined && entry.last !== null) record.lastResponse = { kind: "legacy", value: entry.last };
    records.push(record);
  }
  return { progress: { version: 2, records }, unreadable };
}

/** What {@link loadProgress} found. */
export interface LoadedProgress {
  progress: Progress;
  /** Sentences for the student: a migration, damaged data, a backup. Empty when all was well. */
  notices: string[];
  /** The key the original was copied to, when it was (migration or damage). */
  backupKey?: string;
  /** true when the stored document was rewritten (migrated or repaired) and should be saved. */
  changed: boolean;
}

/**
 * Copies `text` to a new backup key and returns the key, or undefined when
 * storage refused (the caller says so).
 */
export function writeBackup(storage: StorageLike, text: string, now: Date = new Date()): string | undefined {
  let key = `${BACKUP_KEY_PREFIX}${now.toISOString()}`;
  try {
    for (let n = 2; storage.getItem(key) !== null; n++) key = `${BACKUP_KEY_PREFIX}${now.toISOString()}-${n}`;
    storage.setItem(key, text);
    return key;
  } catch {
    return undefined;
  }
}

/**
 * The backups kept in storage, oldest first.
 *
 * @example
 * listBackups(storage) //=> [{ key: "cef-progress-backup-2026-11-28T11:40:00.000Z", chars: 1532 }]
 */
export function listBackups(storage: StorageLike): { key: string; chars: number }[] {
  const found: { key: string; chars: number }[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null && key.startsWith(BACKUP_KEY_PREFIX)) found.push({ key, chars: storage.getItem(key)?.length ?? 0 });
    }
  } catch {
    return found;
  }
  return found.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Reads the progress document from storage: migrates version 1, keeps the
 * readable records of a damaged document, and backs up and reports anything
 * it could not use. Never throws.
 *
 * @example
 * const { progress, notices } = loadProgress(storage);
 * // notices: ["Your saved progress was damaged (it is not valid JSON). A copy was kept as “cef-progress-backup-…”; …"]
 */
export function loadProgress(storage: StorageLike, now: Date = new Date()): LoadedProgress {
  let text: string | null;
  try {
    text = storage.getItem(PROGRESS_KEY);
  } catch {
    return { progress: emptyProgress(), notices: ["The book could not read your saved progress (the browser refused access)."], changed: false };
  }
  if (text === null || text.trim() === "") return { progress: emptyProgress(), notices: [], changed: false };

  const backedUp = (reason: string, kept: string): LoadedProgress => {
    const backupKey = writeBackup(storage, text!, now);
    const where = backupKey ? `A copy was kept in this browser as “${backupKey}”` : "The book could not make a backup copy, so the old data was left in place until you save";
    const notice = `${reason} ${where}; ${kept}`;
    return backupKey ? { progress, notices: [notice], backupKey, changed: true } : { progress, notices: [notice], changed: false };
  };
  let progress = emptyProgress();

  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return backedUp("Your saved progress was damaged (it is not valid JSON).", "the book starts a fresh record. Export the backup from the progress page if you need it.");
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return backedUp("Your saved progress is not in a form this book knows.", "the book starts a fresh record.");
  }
  const version = (document as { version?: unknown }).version;
  if (typeof version === "number" && version > PROGRESS_VERSION) {
    return backedUp(
      `Your saved progress was written by a newer version of the book (format ${version}; this page reads up to ${PROGRESS_VERSION}).`,
      "this page starts a fresh record beside it. Reload the page to get the newer book.",
    );
  }
  if (version === 1) {
    const stored = getStudentId(storage) ?? "";
    const migrated = migrateV1(document, stored);
    progress = migrated.progress;
    const result = backedUp(
      `Your saved progress was in the book's first format; it was converted (${progress.records.length} exercise${progress.records.length === 1 ? "" : "s"}, now under self-study).`,
      migrated.unreadable > 0 ? `${migrated.unreadable} entr${migrated.unreadable === 1 ? "y" : "ies"} could not be read and are only in that copy.` : "nothing was lost.",
    );
    return { ...result, progress };
  }
  if (version !== PROGRESS_VERSION) {
    return backedUp(`Your saved progress has an unknown format (version ${JSON.stringify(version ?? null)}).`, "the book starts a fresh record.");
  }
  const { records, unreadable } = readRecords((document as { records?: unknown }).records);
  progress = { version: 2, records };
  if (unreadable > 0) {
    const result = backedUp(
      `Part of your saved progress was damaged: ${unreadable} record${unreadable === 1 ? "" : "s"} could not be read.`,
      `the other ${records.length} were kept.`,
    );
    return { ...result, progress };
  }
  return { progress, notices: [], changed: false };
}

/**
 * Writes the document to storage. Never throws; a full or refused storage
 * gives a sentence.
 *
 * @example
 * saveProgress(storage, progress) //=> { ok: true }
 */
export function saveProgress(storage: StorageLike, progress: Progress): { ok: true } | { ok: false; message: string } {
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify({ version: PROGRESS_VERSION, records: progress.records }));
    return { ok: true };
  } catch {
    return {
      ok: false,
      message: "Your progress could not be saved: the browser's storage for this site is full or blocked. Export your progress to keep a copy.",
    };
  }
}

/**
 * The stored document if it is a readable version-2 document, else
 * undefined; no backups, no messages (that is {@link loadProgress}'s job).
 */
export function peekProgress(storage: StorageLike): Progress | undefined {
  try {
    const text = storage.getItem(PROGRESS_KEY);
    if (text === null) return undefined;
    const document = JSON.parse(text) as { version?: unknown; records?: unknown };
    if (document?.version !== PROGRESS_VERSION) return undefined;
    const { records, unreadable } = readRecords(document.records);
    return unreadable === 0 ? { version: 2, records } : undefined;
  } catch {
    return undefined;
  }
}

// ── records ──────────────────────────────────────────────────────────────

/** Identifies a record. */
export interface RecordKey {
  assignmentId: string;
  exerciseId: string;
  studentId: string;
}

/**
 * The record of one student on one exercise of one assignment, if any.
 *
 * @example
 * findRecord(progress, { assignmentId: "book", exerciseId: "theory-x", studentId: "ada" })?.attempts //=> 2
 */
export function findRecord(progress: Progress, key: RecordKey): ProgressRecord | undefined {
  const wanted = recordKey(normalizeKey(key));
  return progress.records.find((record) => recordKey(record) === wanted);
}

/**
 * The records of an assignment (and student, when given), in stored order.
 *
 * @example
 * recordsFor(progress, "hw1", "ada").filter((r) => r.correct).length //=> 3
 */
export function recordsFor(progress: Progress, assignmentId: string, studentId?: string): ProgressRecord[] {
  const assignment = normalizeId(assignmentId);
  const student = studentId === undefined ? undefined : normalizeId(studentId);
  return progress.records.filter((record) => record.assignmentId === assignment && (student === undefined || record.studentId === student));
}

function normalizeKey(key: RecordKey): RecordKey {
  return { assignmentId: normalizeId(key.assignmentId), exerciseId: normalizeId(key.exerciseId), studentId: normalizeId(key.studentId).slice(0, MAX_STUDENT_ID_CHARS) };
}

function clampTime(ms: number | undefined): number {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms <= 0) return 0;
  return Math.min(Math.round(ms), MAX_TIME_STEP_MS);
}

function boundResponse(response: StoredResponse): StoredResponse {
  if (response.kind === "code" && response.code.length > MAX_STORED_CODE_CHARS) return { ...response, code: response.code.slice(0, MAX_STORED_CODE_CHARS) };
  return response;
}

/** What happened in one submission, for {@link recordAttempt}. */
export interface AttemptInput extends RecordKey {
  response: StoredResponse;
  correct: boolean;
  /** false for input that was refused or not judged (`GradeResult.attempt`): stored, but not counted. */
  counted: boolean;
  /** The completion code the correct answer earned. */
  completionCode?: string;
  /** Time spent since the last record, ms (clamped to {@link MAX_TIME_STEP_MS}). */
  timeSpentMs?: number;
}

/**
 * Records a submission and returns the new document (the input is not
 * modified). A counted attempt increments `attempts` and sets
 * `firstAttemptAt` the first time; a correct one sets `correct`, `solvedAt`
 * and the completion code the first time. Solved stays solved.
 *
 * @example
 * progress = recordAttempt(progress, { assignmentId: "book", exerciseId: "theory-x", studentId: "ada",
 *   response: { kind: "numeric", text: "12%" }, correct: true, counted: true, completionCode: "0QGFAA7R" });
 */
export function recordAttempt(progress: Progress, input: AttemptInput, now: Date = new Date()): Progress {
  const key = normalizeKey(input);
  const at = now.toISOString();
  const previous = findRecord(progress, key);
  const record: ProgressRecord = previous ? { ...previous } : { ...key, attempts: 0, correct: false, timeSpentMs: 0 };
  record.lastResponse = boundResponse(input.response);
  record.updatedAt = at;
  record.timeSpentMs += clampTime(input.timeSpentMs);
  if (input.counted) {
    record.attempts += 1;
    record.firstAttemptAt ??= at;
    if (input.correct) {
      if (!record.correct) {
        record.solvedAt = at;
        record.correctResponse = record.lastResponse;
      }
      record.correct = true;
      if (record.completionCode === undefined && input.completionCode !== undefined && /^[0-9A-Z]{8}$/.test(input.completionCode)) {
        record.completionCode = input.completionCode;
      }
    }
  }
  return replaceRecord(progress, record);
}

/**
 * Adds time spent on an exercise (while its page is visible) and returns the
 * new document. A record is created if needed, with no attempts.
 *
 * @example
 * progress = addTimeSpent(progress, { assignmentId: "book", exerciseId: "theory-x", studentId: "ada" }, 45_000);
 */
export function addTimeSpent(progress: Progress, key: RecordKey, timeSpentMs: number, now: Date = new Date()): Progress {
  const added = clampTime(timeSpentMs);
  if (added === 0) return progress;
  const normalized = normalizeKey(key);
  const previous = findRecord(progress, normalized);
  const record: ProgressRecord = previous ? { ...previous } : { ...normalized, attempts: 0, correct: false, timeSpentMs: 0 };
  record.timeSpentMs += added;
  record.updatedAt = now.toISOString();
  return replaceRecord(progress, record);
}

function replaceRecord(progress: Progress, record: ProgressRecord): Progress {
  const key = recordKey(record);
  const index = progress.records.findIndex((other) => recordKey(other) === key);
  const records = progress.records.slice();
  if (index >= 0) records[index] = record;
  else records.push(record);
  return { version: 2, records };
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/**
 * Merges two records of the same key, keeping the most of both: more
 * attempts, solved if either solved, the earlier first-attempt and solved
 * times, the larger time spent, the newer last response, the first correct
 * response, any completion code. Idempotent: merging a record with itself changes nothing, so
 * importing one file twice is harmless.
 */
export function mergeRecords(current: ProgressRecord, incoming: ProgressRecord): ProgressRecord {
  const incomingNewer = (incoming.updatedAt ? Date.parse(incoming.updatedAt) : 0) > (current.updatedAt ? Date.parse(current.updatedAt) : 0);
  const merged: ProgressRecord = {
    assignmentId: current.assignmentId,
    exerciseId: current.exerciseId,
    studentId: current.studentId,
    attempts: Math.max(current.attempts, incoming.attempts),
    correct: current.correct || incoming.correct,
    timeSpentMs: Math.max(current.timeSpentMs, incoming.timeSpentMs),
  };
  const firstAttemptAt = earlier(current.firstAttemptAt, incoming.firstAttemptAt);
  const solvedAt = earlier(current.solvedAt, incoming.solvedAt);
  const updatedAt = incomingNewer ? incoming.updatedAt : (current.updatedAt ?? incoming.updatedAt);
  const lastResponse = incomingNewer ? (incoming.lastResponse ?? current.lastResponse) : (current.lastResponse ?? incoming.lastResponse);
  const completionCode = current.completionCode ?? incoming.completionCode;
  const currentFirst = current.solvedAt !== undefined && (incoming.solvedAt === undefined || Date.parse(current.solvedAt) <= Date.parse(incoming.solvedAt));
  const correctResponse = currentFirst ? (current.correctResponse ?? incoming.correctResponse) : (incoming.correctResponse ?? current.correctResponse);
  if (firstAttemptAt !== undefined) merged.firstAttemptAt = firstAttemptAt;
  if (solvedAt !== undefined) merged.solvedAt = solvedAt;
  if (updatedAt !== undefined) merged.updatedAt = updatedAt;
  if (lastResponse !== undefined) merged.lastResponse = lastResponse;
  if (correctResponse !== undefined) merged.correctResponse = correctResponse;
  if (completionCode !== undefined) merged.completionCode = completionCode;
  return merged;
}

// ── export and import ────────────────────────────────────────────────────

/**
 * The progress as a JSON file to download: `{ format: "cef-progress",
 * version: 2, exportedAt, studentId?, records }`, indented for people.
 *
 * @example
 * exportProgress(progress, "ada") //=> '{\n  "format": "cef-progress",\n  "version": 2, …'
 */
export function exportProgress(progress: Progress, studentId?: string, now: Date = new Date()): string {
  const file: ProgressFile = { format: PROGRESS_FILE_FORMAT, version: 2, exportedAt: now.toISOString(), records: progress.records };
  if (studentId !== undefined && normalizeId(studentId) !== "") file.studentId = normalizeId(studentId);
  return JSON.stringify(file, null, 2);
}

/**
 * Reads a progress file (or a raw version-1 or version-2 document copied
 * from storage). Never throws. A file with some unreadable records is
 * refused as a whole, naming the count, so an import never half-succeeds
 * silently.
 *
 * @example
 * parseProgressFile("{}") //=> { ok: false, message: "This is not a progress file from this book (it has no “format”: “cef-progress” marker)." }
 */
export function parseProgressFile(text: string): { ok: true; progress: Progress; studentId?: string } | { ok: false; message: string } {
  if (typeof text !== "string" || text.trim() === "") return { ok: false, message: "The file is empty." };
  if (text.length > 20_000_000) return { ok: false, message: "The file is too large to be a progress file." };
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch {
    return { ok: false, message: "This file is not a progress file: it is not valid JSON." };
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return { ok: false, message: "This file is not a progress file: it does not hold a JSON object." };
  }
  const { format, version } = document as { format?: unknown; version?: unknown };
  if (format === undefined && version === 1) {
    const { progress, unreadable } = migrateV1(document);
    if (unreadable > 0) return { ok: false, message: `This old-format progress has ${unreadable} entr${unreadable === 1 ? "y" : "ies"} that could not be read; nothing was imported.` };
    return { ok: true, progress };
  }
  if (format !== PROGRESS_FILE_FORMAT && !(format === undefined && version === PROGRESS_VERSION)) {
    if (format === "cef-answers") return { ok: false, message: "This is an answers file for an instructor, not a progress file. Use it on the instructor page." };
    return { ok: false, message: "This is not a progress file from this book (it has no “format”: “cef-progress” marker)." };
  }
  if (typeof version === "number" && version > PROGRESS_VERSION) {
    return { ok: false, message: `This progress file was made by a newer version of the book (format ${version}). Reload the page to get the newer book, then import it again.` };
  }
  if (version !== PROGRESS_VERSION) return { ok: false, message: `This progress file has an unknown version (${JSON.stringify(version ?? null)}).` };
  const list = (document as { records?: unknown }).records;
  if (!Array.isArray(list)) return { ok: false, message: "This progress file has no list of records." };
  const { records, unreadable } = readRecords(list);
  if (unreadable > 0) return { ok: false, message: `${unreadable} of the ${list.length} records in this file could not be read (the file may have been edited); nothing was imported.` };
  const studentId = (document as { studentId?: unknown }).studentId;
  return typeof studentId === "string" ? { ok: true, progress: { version: 2, records }, studentId } : { ok: true, progress: { version: 2, records } };
}

/**
 * Combines imported progress with the current one. "merge" (the default)
 * keeps everything from both — per record the most attempts, solved if
 * either solved, the earliest times — so importing a file from another
 * device or an old export never loses work done here, and importing twice
 * changes nothing. "replace" makes the document equal to the import (restore
 * a backup exactly); the caller backs up the current document first
 * ({@link writeBackup}).
 *
 * @example
 * importProgress(current, incoming, "merge").records.length //=> records of both, one per key
 */
export function importProgress(current: Progress, incoming: Progress, mode: "merge" | "replace" = "merge"): Progress {
  if (mode === "replace") return { version: 2, records: incoming.records.map((record) => ({ ...record })) };
  const merged = new Map<string, ProgressRecord>(current.records.map((record) => [recordKey(record), record]));
  for (const record of incoming.records) {
    const key = recordKey(record);
    const existing = merged.get(key);
    merged.set(key, existing ? mergeRecords(existing, record) : { ...record });
  }
  return { version: 2, records: [...merged.values()].slice(0, MAX_RECORDS) };
}

// ── student id ───────────────────────────────────────────────────────────

/**
 * The student id saved in this browser, or undefined. Never throws.
 *
 * @example
 * getStudentId(storage) //=> "s1234567"
 */
export function getStudentId(storage: StorageLike): string | undefined {
  try {
    const stored = storage.getItem(STUDENT_ID_KEY);
    const id = stored === null ? "" : normalizeId(stored).slice(0, MAX_STUDENT_ID_CHARS);
    return id === "" ? undefined : id;
  } catch {
    return undefined;
  }
}

/**
 * Saves the student id (normalised: trimmed, NFC, at most 200 characters); an
 * empty id removes it. Returns the id as saved, or a sentence when storage
 * refused.
 *
 * @example
 * setStudentId(storage, "  s1234567 ") //=> { ok: true, studentId: "s1234567" }
 */
export function setStudentId(storage: StorageLike, studentId: string): { ok: true; studentId: string } | { ok: false; message: string } {
  const id = normalizeId(typeof studentId === "string" ? studentId : "").slice(0, MAX_STUDENT_ID_CHARS);
  try {
    if (id === "") storage.removeItem(STUDENT_ID_KEY);
    else storage.setItem(STUDENT_ID_KEY, id);
    return { ok: true, studentId: id };
  } catch {
    return { ok: false, message: "Your student id could not be saved in this browser; you will be asked for it again next time." };
  }
}

// ── a store for pages ────────────────────────────────────────────────────

/**
 * The progress of this browser, loaded once and saved after every change:
 * the functions above, bound to one storage. Pages keep one instance.
 *
 * @example
 * const { storage, message } = browserStorage();
 * const store = new ProgressStore(storage);
 * for (const notice of [message, ...store.notices]) if (notice) show(notice);
 * store.record({ assignmentId: "book", exerciseId: "theory-x", studentId: "ada",
 *   response: { kind: "numeric", text: "12%" }, correct: true, counted: true, completionCode: "0QGFAA7R" });
 */
export class ProgressStore {
  /** Sentences from loading (migration, damage, backups); show them once. */
  readonly notices: string[];
  private current: Progress;

  constructor(
    private readonly storage: StorageLike,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const loaded = loadProgress(storage, clock());
    this.current = loaded.progress;
    this.notices = [...loaded.notices];
    if (loaded.changed) {
      const saved = saveProgress(storage, this.current);
      if (!saved.ok) this.notices.push(saved.message);
    }
  }

  /** The whole document (do not modify it; use the methods). */
  get progress(): Progress {
    return this.current;
  }

  /** One record, if any. */
  get(key: RecordKey): ProgressRecord | undefined {
    return findRecord(this.current, key);
  }

  /** Records a submission and saves; returns the record and, if saving failed, a sentence. */
  record(input: AttemptInput): { record: ProgressRecord; message?: string } {
    this.catchUp();
    const { record, message } = this.commit(recordAttempt(this.current, input, this.clock()), input);
    return message === undefined ? { record: record! } : { record: record!, message };
  }

  /** Adds time spent and saves. */
  addTime(key: RecordKey, timeSpentMs: number): { record?: ProgressRecord; message?: string } {
    this.catchUp();
    return this.commit(addTimeSpent(this.current, key, timeSpentMs, this.clock()), key);
  }

  /** The export file's text. */
  exportFile(): string {
    return exportProgress(this.current, this.studentId, this.clock());
  }

  /**
   * Imports a progress file: merge (default) or replace; before a replace the
   * current document is copied to a backup. Returns a sentence either way.
   */
  importFile(text: string, mode: "merge" | "replace" = "merge"): { ok: boolean; message: string } {
    const parsed = parseProgressFile(text);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    let backupNote = "";
    if (mode === "replace" && this.current.records.length > 0) {
      const backupKey = writeBackup(this.storage, JSON.stringify(this.current), this.clock());
      if (backupKey === undefined) return { ok: false, message: "Your current progress could not be backed up first, so nothing was replaced." };
      backupNote = ` Your previous progress was kept as “${backupKey}”.`;
    }
    if (mode === "merge") this.catchUp();
    const before = this.current.records.length;
    this.current = importProgress(this.current, parsed.progress, mode);
    const saved = saveProgress(this.storage, this.current);
    const count = parsed.progress.records.length;
    const summary =
      mode === "merge"
        ? `Imported ${count} record${count === 1 ? "" : "s"}: ${this.current.records.length - before} new, the rest merged with what was here.`
        : `Replaced your progress with the ${count} record${count === 1 ? "" : "s"} in the file.${backupNote}`;
    return saved.ok ? { ok: true, message: summary } : { ok: false, message: `${summary} But: ${saved.message}` };
  }

  /** The student id saved in this browser. */
  get studentId(): string | undefined {
    return getStudentId(this.storage);
  }

  /** Saves the student id (see {@link setStudentId}). */
  setStudentId(studentId: string): { ok: true; studentId: string } | { ok: false; message: string } {
    return setStudentId(this.storage, studentId);
  }

  /**
   * Merges in what another tab of the book saved since this one loaded, so
   * two open tabs never overwrite each other's work (the merge keeps the most
   * of both; see {@link mergeRecords}).
   */
  private catchUp(): void {
    const stored = peekProgress(this.storage);
    if (stored !== undefined) this.current = importProgress(this.current, stored, "merge");
  }

  private commit(next: Progress, key: RecordKey): { record?: ProgressRecord; message?: string } {
    const record = findRecord(next, key);
    if (next === this.current) return record === undefined ? {} : { record };
    this.current = next;
    const saved = saveProgress(this.storage, next);
    if (record === undefined) return saved.ok ? {} : { message: saved.message };
    return saved.ok ? { record } : { record, message: saved.message };
  }
}
