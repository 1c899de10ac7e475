import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BACKUP_KEY_PREFIX,
  MAX_TIME_STEP_MS,
  PROGRESS_KEY,
  ProgressStore,
  STUDENT_ID_KEY,
  addTimeSpent,
  browserStorage,
  emptyProgress,
  exportProgress,
  findRecord,
  getStudentId,
  importProgress,
  listBackups,
  loadProgress,
  memoryStorage,
  migrateV1,
  parseProgressFile,
  recordAttempt,
  recordsFor,
  saveProgress,
  setStudentId,
  type Progress,
  type StorageLike,
} from "./progress";

const T0 = new Date("2026-11-28T10:00:00.000Z");
const T1 = new Date("2026-11-28T10:05:00.000Z");
const T2 = new Date("2026-11-28T10:09:00.000Z");
const key = { assignmentId: "book", exerciseId: "theory-x", studentId: "ada" };

function attempt(progress: Progress, correct: boolean, at: Date, text = "12%", counted = true): Progress {
  return recordAttempt(progress, { ...key, response: { kind: "numeric", text }, correct, counted, completionCode: correct ? "0QGFAA7R" : undefined, timeSpentMs: 30_000 }, at);
}

describe("recording attempts", () => {
  it("counts attempts, keeps first times, solved stays solved", () => {
    let progress = attempt(emptyProgress(), false, T0, "11%");
    progress = attempt(progress, false, T1, "abc", false); // refused: not counted
    progress = attempt(progress, true, T1);
    progress = attempt(progress, false, T2, "13%");
    expect(findRecord(progress, key)).toEqual({
      ...key,
      attempts: 3,
      correct: true,
      firstAttemptAt: T0.toISOString(),
      solvedAt: T1.toISOString(),
      updatedAt: T2.toISOString(),
      timeSpentMs: 120_000,
      lastResponse: { kind: "numeric", text: "13%" },
      correctResponse: { kind: "numeric", text: "12%" },
      completionCode: "0QGFAA7R",
    });
  });

  it("does not modify its input, and keys by assignment, exercise and student", () => {
    const start = emptyProgress();
    const one = attempt(start, true, T0);
    expect(start.records).toHaveLength(0);
    const other = recordAttempt(one, { ...key, studentId: "bob", response: { kind: "choice", selected: ["a"] }, correct: false, counted: true }, T1);
    const otherAssignment = recordAttempt(other, { ...key, assignmentId: "hw1", response: { kind: "choice", selected: ["a"] }, correct: false, counted: true }, T1);
    expect(otherAssignment.records).toHaveLength(3);
    expect(recordsFor(otherAssignment, "book")).toHaveLength(2);
    expect(recordsFor(otherAssignment, "book", " ada ")).toHaveLength(1);
    expect(findRecord(otherAssignment, { ...key, studentId: "  ada" })?.correct).toBe(true);
  });

  it("adds time, clamped", () => {
    let progress = addTimeSpent(emptyProgress(), key, 5000, T0);
    progress = addTimeSpent(progress, key, 10 * MAX_TIME_STEP_MS, T1);
    progress = addTimeSpent(progress, key, Number.NaN, T2);
    expect(findRecord(progress, key)).toMatchObject({ attempts: 0, correct: false, timeSpentMs: 5000 + MAX_TIME_STEP_MS, updatedAt: T1.toISOString() });
  });
});

describe("loading: migration, damage, future versions", () => {
  const v1 = { version: 1, answers: { "theory-x": { tries: 2, ok: true, last: "12" }, "essence-y": { tries: 1, ok: false, last: ["a", "b"] }, "origin-z": { tries: 0, ok: false } } };

  it("migrates version 1 to version 2 under assignment “book”, with a backup", () => {
    const storage = memoryStorage({ [PROGRESS_KEY]: JSON.stringify(v1), [STUDENT_ID_KEY]: "ada" });
    const loaded = loadProgress(storage, T0);
    expect(loaded.changed).toBe(true);
    expect(loaded.progress.records).toEqual([
      { assignmentId: "book", exerciseId: "theory-x", studentId: "ada", attempts: 2, correct: true, timeSpentMs: 0, lastResponse: { kind: "legacy", value: "12" } },
      { assignmentId: "book", exerciseId: "essence-y", studentId: "ada", attempts: 1, correct: false, timeSpentMs: 0, lastResponse: { kind: "legacy", value: ["a", "b"] } },
      { assignmentId: "book", exerciseId: "origin-z", studentId: "ada", attempts: 0, correct: false, timeSpentMs: 0 },
    ]);
    expect(loaded.notices[0]).toContain("first format; it was converted (3 exercises");
    expect(loaded.backupKey).toBe(`${BACKUP_KEY_PREFIX}${T0.toISOString()}`);
    expect(storage.getItem(loaded.backupKey!)).toBe(JSON.stringify(v1));
  });

  it("migrates without a student id, and counts unreadable v1 entries", () => {
    const { progress, unreadable } = migrateV1({ version: 1, answers: { a: { tries: 1, ok: true }, b: "junk", c: { tries: -1 } } });
    expect(progress.records.map((r) => [r.exerciseId, r.studentId])).toEqual([["a", ""]]);
    expect(unreadable).toBe(2);
  });

  it("not JSON → backup and a message, fresh start", () => {
    const storage = memoryStorage({ [PROGRESS_KEY]: "{oops" });
    const loaded = loadProgress(storage, T0);
    expect(loaded.progress.records).toEqual([]);
    expect(loaded.notices[0]).toMatch(/damaged \(it is not valid JSON\)\. A copy was kept in this browser as “cef-progress-backup-2026-11-28T10:00:00\.000Z”/);
    expect(storage.getItem(loaded.backupKey!)).toBe("{oops");
  });

  it("wrong shape → backup", () => {
    for (const text of ["[1,2]", "42", '{"version":"two"}', '{"version":2,"records":"none"}']) {
      const storage = memoryStorage({ [PROGRESS_KEY]: text });
      const loaded = loadProgress(storage, T0);
      expect(loaded.notices).toHaveLength(1);
      expect(listBackups(storage)).toEqual([{ key: loaded.backupKey, chars: text.length }]);
    }
  });

  it("a future version is kept (as a backup) and reported", () => {
    const future = JSON.stringify({ version: 3, whatever: { deep: true } });
    const storage = memoryStorage({ [PROGRESS_KEY]: future });
    const loaded = loadProgress(storage, T0);
    expect(loaded.notices[0]).toContain("newer version of the book (format 3");
    expect(storage.getItem(loaded.backupKey!)).toBe(future);
  });

  it("partly damaged version 2: readable records kept, the whole original backed up", () => {
    const good = attempt(emptyProgress(), true, T0).records[0];
    const text = JSON.stringify({ version: 2, records: [good, { exerciseId: 5 }] });
    const storage = memoryStorage({ [PROGRESS_KEY]: text });
    const loaded = loadProgress(storage, T1);
    expect(loaded.progress.records).toEqual([good]);
    expect(loaded.notices[0]).toContain("1 record could not be read");
    expect(storage.getItem(loaded.backupKey!)).toBe(text);
  });

  it("a healthy document loads silently; two backups at the same instant get distinct keys", () => {
    const storage = memoryStorage();
    saveProgress(storage, attempt(emptyProgress(), true, T0));
    expect(loadProgress(storage, T1)).toMatchObject({ notices: [], changed: false });
    const damaged = memoryStorage({ [PROGRESS_KEY]: "x", [`${BACKUP_KEY_PREFIX}${T0.toISOString()}`]: "older" });
    const loaded = loadProgress(damaged, T0);
    expect(loaded.backupKey).toBe(`${BACKUP_KEY_PREFIX}${T0.toISOString()}-2`);
  });

  it("never throws on arbitrary stored text (fuzz)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const loaded = loadProgress(memoryStorage({ [PROGRESS_KEY]: text }), T0);
        expect(Array.isArray(loaded.progress.records)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("export and import", () => {
  const mine = attempt(attempt(emptyProgress(), false, T0, "11%"), true, T1);

  it("round-trips through the file", () => {
    const text = exportProgress(mine, "ada", T2);
    expect(JSON.parse(text)).toMatchObject({ format: "cef-progress", version: 2, exportedAt: T2.toISOString(), studentId: "ada" });
    expect(parseProgressFile(text)).toEqual({ ok: true, progress: mine, studentId: "ada" });
  });

  it("merge keeps the most of both and is idempotent; replace takes the file", () => {
    const elsewhere = recordAttempt(attempt(emptyProgress(), false, T2, "9%"), { ...key, exerciseId: "theory-y", response: { kind: "numeric", text: "1" }, correct: false, counted: true }, T2);
    const merged = importProgress(mine, elsewhere, "merge");
    expect(merged.records).toHaveLength(2);
    expect(findRecord(merged, key)).toMatchObject({ attempts: 2, correct: true, firstAttemptAt: T0.toISOString(), solvedAt: T1.toISOString(), completionCode: "0QGFAA7R", lastResponse: { text: "9%" } });
    expect(importProgress(merged, elsewhere, "merge")).toEqual(merged);
    expect(importProgress(mine, mine, "merge")).toEqual(mine);
    expect(importProgress(mine, elsewhere, "replace")).toEqual(elsewhere);
  });

  it("refuses files it can't use, with clear messages", () => {
    expect(parseProgressFile("")).toEqual({ ok: false, message: "The file is empty." });
    expect(parseProgressFile("nope")).toMatchObject({ ok: false, message: expect.stringContaining("not valid JSON") });
    expect(parseProgressFile("{}")).toMatchObject({ ok: false, message: expect.stringContaining("“format”: “cef-progress”") });
    expect(parseProgressFile('{"format":"cef-answers","version":1}')).toMatchObject({ ok: false, message: expect.stringContaining("answers file") });
    expect(parseProgressFile('{"format":"cef-progress","version":9,"records":[]}')).toMatchObject({ ok: false, message: expect.stringContaining("newer version") });
    expect(parseProgressFile('{"format":"cef-progress","version":2,"records":[{"bad":1}]}')).toMatchObject({ ok: false, message: expect.stringContaining("1 of the 1 records") });
  });

  it("accepts a raw version-1 document (migrated)", () => {
    const result = parseProgressFile(JSON.stringify({ version: 1, answers: { "theory-x": { tries: 1, ok: true } } }));
    expect(result.ok && result.progress.records[0]).toMatchObject({ assignmentId: "book", exerciseId: "theory-x", correct: true });
  });
});

describe("student id and storage", () => {
  it("gets and sets the student id, normalised", () => {
    const storage = memoryStorage();
    expect(getStudentId(storage)).toBeUndefined();
    expect(setStudentId(storage, "  Ade\u0300le ")).toEqual({ ok: true, studentId: "Ad\u00e8le" });
    expect(getStudentId(storage)).toBe("Ad\u00e8le");
    expect(setStudentId(storage, "  ")).toEqual({ ok: true, studentId: "" });
    expect(storage.getItem(STUDENT_ID_KEY)).toBeNull();
  });

  it("storage that throws: clear messages, nothing thrown", () => {
    const hostile: StorageLike = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
      key: () => null,
      length: 0,
    };
    expect(loadProgress(hostile).notices[0]).toContain("could not read");
    expect(saveProgress(hostile, emptyProgress())).toMatchObject({ ok: false, message: expect.stringContaining("full or blocked") });
    expect(setStudentId(hostile, "ada")).toMatchObject({ ok: false });
    expect(getStudentId(hostile)).toBeUndefined();
  });

  it("browserStorage falls back to memory without localStorage (as in Node)", () => {
    const { storage, persistent, message } = browserStorage();
    expect(persistent).toBe(false);
    expect(message).toContain("private browsing");
    storage.setItem("k", "v");
    expect(storage.getItem("k")).toBe("v");
  });
});

describe("ProgressStore", () => {
  it("two tabs on one storage never overwrite each other", () => {
    const storage = memoryStorage();
    const tabA = new ProgressStore(storage, () => T0);
    const tabB = new ProgressStore(storage, () => T1);
    tabA.record({ ...key, response: { kind: "numeric", text: "12%" }, correct: true, counted: true, completionCode: "0QGFAA7R" });
    tabB.record({ ...key, exerciseId: "theory-y", response: { kind: "numeric", text: "1" }, correct: false, counted: true });
    const reloaded = new ProgressStore(storage);
    expect(reloaded.get(key)).toMatchObject({ correct: true, completionCode: "0QGFAA7R" });
    expect(reloaded.get({ ...key, exerciseId: "theory-y" })).toMatchObject({ attempts: 1 });
  });

  it("loads, records, saves, exports and imports", () => {
    const storage = memoryStorage({ [PROGRESS_KEY]: JSON.stringify({ version: 1, answers: { "theory-x": { tries: 1, ok: false } } }), [STUDENT_ID_KEY]: "ada" });
    let now = T0;
    const store = new ProgressStore(storage, () => now);
    expect(store.notices).toHaveLength(1);
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!).version).toBe(2); // migrated and saved
    now = T1;
    const { record } = store.record({ ...key, response: { kind: "numeric", text: "12%" }, correct: true, counted: true, completionCode: "0QGFAA7R" });
    expect(record).toMatchObject({ attempts: 2, correct: true, solvedAt: T1.toISOString() });
    expect(new ProgressStore(storage).get(key)).toEqual(record);
    const file = store.exportFile();
    const fresh = new ProgressStore(memoryStorage());
    expect(fresh.importFile(file)).toEqual({ ok: true, message: "Imported 1 record: 1 new, the rest merged with what was here." });
    expect(fresh.get(key)).toEqual(record);
    now = T2;
    const replaced = store.importFile(exportProgress(emptyProgress()), "replace");
    expect(replaced.message).toContain(`kept as “${BACKUP_KEY_PREFIX}${T2.toISOString()}”`);
    expect(store.progress.records).toEqual([]);
    expect(store.importFile("junk")).toMatchObject({ ok: false });
    expect(store.studentId).toBe("ada");
  });
});
