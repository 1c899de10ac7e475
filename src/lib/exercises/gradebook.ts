/**
 * gradebook — the instructor's side: answer keys, answers files, regrading.
 *
 * Nothing is sent anywhere. A student downloads an "answers file" (JSON) from
 * the assignment page and hands it in; the instructor drops the files on the
 * instructor page, which recomputes every student's numbers from the
 * assignment id and their student id, regrades each response, and checks
 * each completion code. The result is one row per student, one column per
 * exercise: "correct", "wrong", "not attempted" or "code mismatch" (the file
 * claims a solve its code does not prove — an edited file, or a different
 * student id). The answer key does the same from a roster, before any work
 * is handed in: each student's numbers, canonical answer and code.
 *
 * CSV cells that a spreadsheet would run as a formula (starting with = + - @)
 * are prefixed with an apostrophe: student ids are typed by students.
 */
import * as z from "zod/mini";
import { validateAssignment, type AssignmentSpec } from "./assignment";
import { describeAnswer, gradeResponse, type ExerciseResponse } from "./grading";
import { completionCode, normalizeCompletionCode } from "./receipt";
import { drawParams, normalizeId, variantSeed } from "./seed";
import type { ProgressRecord, StoredResponse } from "./progress";
import type { DrawnParams, Exercise } from "./types";

/** The `format` marker of an answers file. */
export const ANSWERS_FILE_FORMAT = "cef-answers";
/** The current answers-file version. */
export const ANSWERS_FILE_VERSION = 1;
/** Most students in a roster or a regrade. */
export const MAX_ROSTER_STUDENTS = 5000;

/** One exercise's answer in an answers file. */
export interface HandedInAnswer {
  exerciseId: string;
  /** The response that solved it, else the last one; null when none was kept. */
  response: StoredResponse | null;
  /** What the student's page judged. */
  correct: boolean;
  /** The completion code shown to the student, or null. */
  code: string | null;
  attempts?: number;
  timeSpentMs?: number;
}

/** A student's answers file. */
export interface AnswersFile {
  format: typeof ANSWERS_FILE_FORMAT;
  version: 1;
  assignment: AssignmentSpec;
  studentId: string;
  exportedAt: string;
  answers: HandedInAnswer[];
}

/** A gradebook cell. */
export type Mark = "correct" | "wrong" | "not attempted" | "code mismatch";

/** One student's row. */
export interface GradebookRow {
  studentId: string;
  /** Mark per exercise id (every exercise of the assignment has one). */
  cells: Record<string, Mark>;
  /** Count of "correct" cells. */
  correct: number;
  /** The answers file the row came from ("" when the student is on the roster but handed nothing in). */
  file: string;
  /** false when the student is not on the roster given (or no roster was given: true). */
  inRoster: boolean;
}

/** A regraded assignment. */
export interface Gradebook {
  /** The assignment's exercises, in order, with titles when known. */
  columns: { id: string; title: string }[];
  rows: GradebookRow[];
  /** Sentences about files and students that need the instructor's eye. */
  problems: string[];
}

/** One row of the answer key. */
export interface AnswerKeyRow {
  studentId: string;
  exerciseId: string;
  /** The drawn parameters, short: "leverage=20; entryUsd=61250". */
  paramsShort: string;
  /** `exercise.canonical(params)`: what the receipt hashes. */
  canonical: string;
  /** The answer as a student writes it: "$60,542.17", "12.5%", choice labels. */
  answer: string;
  /** The completion code this student earns on this exercise. */
  code: string;
}

// ── answers files ────────────────────────────────────────────────────────

/**
 * A student's answers file for an assignment, from their progress records
 * (those of other assignments and students are ignored). Each exercise the
 * student touched gets an entry, in the assignment's order.
 *
 * @example
 * buildAnswersFile(spec, "ada", store.progress.records) //=> '{\n  "format": "cef-answers", …'
 */
export function buildAnswersFile(spec: AssignmentSpec, studentId: string, records: readonly ProgressRecord[], now: Date = new Date()): string {
  const student = normalizeId(studentId);
  const mine = new Map(records.filter((record) => record.assignmentId === spec.id && record.studentId === student).map((record) => [record.exerciseId, record]));
  const answers: HandedInAnswer[] = [];
  for (const exerciseId of spec.exercises) {
    const record = mine.get(exerciseId);
    if (!record || (record.attempts === 0 && !record.correct && record.lastResponse === undefined)) continue;
    answers.push({
      exerciseId,
      response: (record.correct ? (record.correctResponse ?? record.lastResponse) : record.lastResponse) ?? null,
      correct: record.correct,
      code: record.completionCode ?? null,
      attempts: record.attempts,
      timeSpentMs: record.timeSpentMs,
    });
  }
  const file: AnswersFile = { format: ANSWERS_FILE_FORMAT, version: 1, assignment: spec, studentId: student, exportedAt: now.toISOString(), answers };
  return JSON.stringify(file, null, 2);
}

/** A sensible file name for a student's answers file: "answers-hw1-s1234567.json". */
export function answersFileName(spec: AssignmentSpec, studentId: string): string {
  const safe = (text: string) => normalizeId(text).replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 60) || "student";
  return `answers-${safe(spec.id)}-${safe(studentId)}.json`;
}

const responseShape = z.union([
  z.object({ kind: z.literal("numeric"), text: z.string() }),
  z.object({ kind: z.literal("choice"), selected: z.array(z.string()) }),
  z.object({ kind: z.literal("setting"), state: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])) }),
  z.object({ kind: z.literal("code"), code: z.string(), results: z.optional(z.array(z.object({ name: z.string(), pass: z.boolean(), detail: z.string() }))) }),
  z.object({ kind: z.literal("legacy"), value: z.unknown() }),
]);

const answerShape = z.object({
  exerciseId: z.string().check(z.minLength(1), z.maxLength(200)),
  response: z.nullable(responseShape),
  correct: z.boolean(),
  code: z.nullable(z.string().check(z.maxLength(40))),
  attempts: z.optional(z.int().check(z.minimum(0))),
  timeSpentMs: z.optional(z.number().check(z.minimum(0))),
});

/**
 * Reads an answers file. Never throws; each failure is a sentence the
 * instructor can pass on ("not valid JSON", "a progress file, not an answers
 * file", "answer 3 is not readable"…).
 *
 * @example
 * parseAnswersFile(text) //=> { ok: true, file: { format: "cef-answers", studentId: "ada", … } }
 */
export function parseAnswersFile(text: string): { ok: true; file: AnswersFile } | { ok: false; message: string } {
  if (typeof text !== "string" || text.trim() === "") return { ok: false, message: "The file is empty." };
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch {
    return { ok: false, message: "This is not an answers file: it is not valid JSON (it may be cut short)." };
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) return { ok: false, message: "This is not an answers file: it does not hold a JSON object." };
  const data = document as Record<string, unknown>;
  if (data.format !== ANSWERS_FILE_FORMAT) {
    if (data.format === "cef-progress") return { ok: false, message: "This is a progress file (the student's own backup), not an answers file. Ask the student to download “answers” from the assignment page." };
    return { ok: false, message: "This is not an answers file from this book (it has no “format”: “cef-answers” marker)." };
  }
  if (typeof data.version === "number" && data.version > ANSWERS_FILE_VERSION) {
    return { ok: false, message: `This answers file was made by a newer version of the book (format ${data.version}). Reload the instructor page to get the newer book.` };
  }
  if (data.version !== ANSWERS_FILE_VERSION) return { ok: false, message: `This answers file has an unknown version (${JSON.stringify(data.version ?? null)}).` };
  const assignment = validateAssignment(data.assignment);
  if (!assignment.ok) return { ok: false, message: `The assignment inside this answers file is not valid: ${assignment.message}` };
  const studentId = typeof data.studentId === "string" ? normalizeId(data.studentId) : "";
  if (studentId === "") return { ok: false, message: "This answers file has no student id." };
  const exportedAt = typeof data.exportedAt === "string" && !Number.isNaN(Date.parse(data.exportedAt)) ? data.exportedAt : undefined;
  if (exportedAt === undefined) return { ok: false, message: "This answers file has no valid export time (“exportedAt”)." };
  if (!Array.isArray(data.answers)) return { ok: false, message: "This answers file has no list of answers." };
  if (data.answers.length > 1000) return { ok: false, message: "This answers file lists more answers than any assignment has." };
  const answers: HandedInAnswer[] = [];
  for (const [index, item] of data.answers.entries()) {
    const parsed = answerShape.safeParse(item);
    if (!parsed.success) return { ok: false, message: `Answer ${index + 1} in this file is not readable (the file may have been edited).` };
    answers.push(parsed.data as HandedInAnswer);
  }
  return { ok: true, file: { format: ANSWERS_FILE_FORMAT, version: 1, assignment: assignment.spec, studentId, exportedAt, answers } };
}

/**
 * Reads many answers files, keeping the readable ones and naming the rest
 * with their reason.
 *
 * @example
 * readAnswersFiles([{ name: "ada.json", text }]) //=> { files: [AnswersFile], damaged: [] }
 */
export function readAnswersFiles(inputs: readonly { name: string; text: string }[]): { files: { name: string; file: AnswersFile }[]; damaged: { name: string; reason: string }[] } {
  const files: { name: string; file: AnswersFile }[] = [];
  const damaged: { name: string; reason: string }[] = [];
  for (const input of inputs) {
    const parsed = parseAnswersFile(input.text);
    if (parsed.ok) files.push({ name: input.name, file: parsed.file });
    else damaged.push({ name: input.name, reason: parsed.message });
  }
  return { files, damaged };
}

// ── regrading ────────────────────────────────────────────────────────────

function sameAssignment(a: AssignmentSpec, b: AssignmentSpec): boolean {
  return a.id === b.id && a.exercises.length === b.exercises.length && a.exercises.every((id, i) => b.exercises[i] === id);
}

/** A stored response as the grader takes it, or undefined when it can't be regraded here (code, unreadable legacy). */
function toGradable(exercise: Exercise, response: StoredResponse | null): ExerciseResponse | undefined {
  if (response === null) return undefined;
  switch (response.kind) {
    case "numeric":
    case "choice":
    case "setting":
      return response;
    case "code":
      return undefined; // code runs in a browser sandbox; the receipt proves it instead
    case "legacy":
      if (exercise.kind === "numeric" && typeof response.value === "string") return { kind: "numeric", text: response.value };
      if (exercise.kind === "choice" && Array.isArray(response.value) && response.value.every((id) => typeof id === "string")) {
        return { kind: "choice", selected: response.value as string[] };
      }
      return undefined;
  }
}

/**
 * The mark of one handed-in answer, recomputed: the response is regraded
 * with the student's own numbers, and the code checked against the one
 * their seed and canonical answer give. A correct regrade is "correct"; a
 * response that can't be regraded (code exercises) counts when its code
 * matches; a claimed solve whose code doesn't match is "code mismatch".
 */
export function markAnswer(exercise: Exercise, assignmentId: string, studentId: string, answer: HandedInAnswer | undefined): Mark {
  if (answer === undefined) return "not attempted";
  let expected: string;
  let params: DrawnParams;
  try {
    params = drawParams(exercise, assignmentId, studentId);
    expected = completionCode(variantSeed(assignmentId, exercise.id, studentId), exercise.canonical(params));
  } catch {
    return "not attempted";
  }
  const code = answer.code === null ? undefined : normalizeCompletionCode(answer.code);
  const gradable = toGradable(exercise, answer.response);
  if (gradable !== undefined) {
    const verdict = gradeResponse(exercise, params, gradable);
    if (verdict.correct) return "correct";
    if (code === expected) return "correct"; // solved earlier; the response kept is a later one
    if (answer.correct || answer.code !== null) return "code mismatch";
    return verdict.attempt || answer.response !== null ? "wrong" : "not attempted";
  }
  if (code === expected) return "correct";
  if (answer.correct || answer.code !== null) return "code mismatch";
  return "wrong";
}

/**
 * Regrades students' answers files against an assignment: one row per
 * student (roster order first, then students not on the roster), one cell
 * per exercise. Files for another assignment, unknown exercises, duplicate
 * files and students missing from the roster are reported in `problems`;
 * with two files for one student, the better mark of each exercise is kept.
 *
 * @param exercises - the book's exercises (at least those of the assignment)
 * @param roster - student ids; each gets a row even without a file
 * @example
 * regrade(spec, [{ name: "ada.json", file }], exercises, ["ada", "bob"]).rows
 * //=> [{ studentId: "ada", cells: { "theory-x": "correct" }, correct: 1, file: "ada.json", inRoster: true },
 * //    { studentId: "bob", cells: { "theory-x": "not attempted" }, correct: 0, file: "", inRoster: true }]
 */
export function regrade(
  spec: AssignmentSpec,
  files: readonly { name: string; file: AnswersFile }[],
  exercises: readonly Exercise[],
  roster?: readonly string[],
): Gradebook {
  const byId = new Map(exercises.map((exercise) => [exercise.id, exercise]));
  const problems: string[] = [];
  const columns = spec.exercises.map((id) => ({ id, title: byId.get(id)?.title ?? id }));
  for (const id of spec.exercises) if (!byId.has(id)) problems.push(`The exercise “${id}” is not in this book, so nobody can be graded on it.`);

  const rows = new Map<string, GradebookRow>();
  const rosterIds = roster?.map(normalizeId).filter((id) => id !== "") ?? [];
  const rosterSet = new Set(rosterIds);
  const emptyRow = (studentId: string, file: string): GradebookRow => ({
    studentId,
    cells: Object.fromEntries(spec.exercises.map((id) => [id, "not attempted" as Mark])),
    correct: 0,
    file,
    inRoster: roster === undefined || rosterSet.has(studentId),
  });
  for (const id of rosterIds) if (!rows.has(id)) rows.set(id, emptyRow(id, ""));

  const rank: Record<Mark, number> = { correct: 3, "code mismatch": 2, wrong: 1, "not attempted": 0 };
  for (const { name, file } of files.slice(0, MAX_ROSTER_STUDENTS)) {
    if (!sameAssignment(file.assignment, spec)) {
      problems.push(
        file.assignment.id !== spec.id
          ? `${name} is for the assignment “${file.assignment.id}”, not “${spec.id}”; it was not graded.`
          : `${name} lists different exercises than this assignment (the link was changed after it was shared?); it was not graded.`,
      );
      continue;
    }
    const studentId = file.studentId;
    const existing = rows.get(studentId);
    if (existing && existing.file !== "") problems.push(`${name} and ${existing.file} are both from “${studentId}”; the better mark of each exercise is kept.`);
    const row = existing ?? emptyRow(studentId, name);
    row.file = row.file === "" ? name : row.file;
    if (!row.inRoster) problems.push(`“${studentId}” (${name}) is not on the roster: check for a typo in the id the student entered.`);
    const answers = new Map(file.answers.map((answer) => [answer.exerciseId, answer]));
    for (const exerciseId of spec.exercises) {
      const exercise = byId.get(exerciseId);
      if (!exercise) continue;
      const mark = markAnswer(exercise, spec.id, studentId, answers.get(exerciseId));
      if (rank[mark] > rank[row.cells[exerciseId]!]) row.cells[exerciseId] = mark;
    }
    rows.set(studentId, row);
  }
  for (const row of rows.values()) row.correct = Object.values(row.cells).filter((mark) => mark === "correct").length;
  const ordered = [...rows.values()].sort((a, b) => Number(b.inRoster) - Number(a.inRoster));
  return { columns, rows: ordered, problems };
}

// ── answer keys ──────────────────────────────────────────────────────────

/** Drawn parameters as one short line: "leverage=20; entryUsd=61250". */
export function paramsShort(params: DrawnParams): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join("; ");
}

/**
 * The answer key: for each student of the roster and each exercise of the
 * assignment, their numbers, the canonical answer and the completion code.
 * An exercise that fails to compute gets a row saying so (empty code).
 *
 * @example
 * answerKey(spec, ["ada"], exercises)[0]
 * //=> { studentId: "ada", exerciseId: "theory-x", paramsShort: "leverage=20", canonical: "60542.17", answer: "$60,542.17", code: "0QGFAA7R" }
 */
export function answerKey(spec: AssignmentSpec, roster: readonly string[], exercises: readonly Exercise[]): AnswerKeyRow[] {
  const byId = new Map(exercises.map((exercise) => [exercise.id, exercise]));
  const rows: AnswerKeyRow[] = [];
  for (const rawId of roster.slice(0, MAX_ROSTER_STUDENTS)) {
    const studentId = normalizeId(rawId);
    if (studentId === "") continue;
    for (const exerciseId of spec.exercises) {
      const exercise = byId.get(exerciseId);
      if (!exercise) {
        rows.push({ studentId, exerciseId, paramsShort: "", canonical: "(not in this book)", answer: "", code: "" });
        continue;
      }
      try {
        const params = drawParams(exercise, spec.id, studentId);
        const canonical = exercise.canonical(params);
        rows.push({
          studentId,
          exerciseId,
          paramsShort: paramsShort(params),
          canonical,
          answer: describeAnswer(exercise, params),
          code: completionCode(variantSeed(spec.id, exerciseId, studentId), canonical),
        });
      } catch (error) {
        rows.push({ studentId, exerciseId, paramsShort: "", canonical: `(error: ${error instanceof Error ? error.message : String(error)})`, answer: "", code: "" });
      }
    }
  }
  return rows;
}

// ── CSV ──────────────────────────────────────────────────────────────────

/** One CSV field: quoted when needed, and defused when a spreadsheet would read it as a formula. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: (string | number)[][]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * The gradebook as CSV: student_id, one column per exercise (the mark), then
 * correct and total. Rows end in CRLF (RFC 4180), which every spreadsheet reads.
 *
 * @example
 * gradebookCsv(gradebook) //=> "student_id,theory-x,correct,total,in_roster,file\r\nada,correct,1,1,yes,ada.json\r\n"
 */
export function gradebookCsv(gradebook: Gradebook): string {
  const header = ["student_id", ...gradebook.columns.map((column) => column.id), "correct", "total", "in_roster", "file"];
  const body = gradebook.rows.map((row) => [
    row.studentId,
    ...gradebook.columns.map((column) => row.cells[column.id] ?? "not attempted"),
    row.correct,
    gradebook.columns.length,
    row.inRoster ? "yes" : "no",
    row.file,
  ]);
  return csv([header, ...body]);
}

/**
 * The answer key as CSV: student_id, exercise_id, params, canonical_answer,
 * answer, completion_code.
 *
 * @example
 * answerKeyCsv(rows) //=> "student_id,exercise_id,params,canonical_answer,answer,completion_code\r\nada,theory-x,leverage=20,60542.17,\"$60,542.17\",0QGFAA7R\r\n"
 */
export function answerKeyCsv(rows: readonly AnswerKeyRow[]): string {
  return csv([
    ["student_id", "exercise_id", "params", "canonical_answer", "answer", "completion_code"],
    ...rows.map((row) => [row.studentId, row.exerciseId, row.paramsShort, row.canonical, row.answer, row.code]),
  ]);
}

// ── roster ───────────────────────────────────────────────────────────────

/**
 * Splits CSV text into records (RFC 4180: quotes, doubled quotes, CRLF), with the given delimiter.
 *
 * @example
 * parseDelimited('id,name\r\n7,"Ada ""A"""\r\n', ",") //=> [["id", "name"], ["7", 'Ada "A"']]
 */
export function parseDelimited(text: string, delimiter = ","): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (char === delimiter) {
      record.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * Reads a roster: one id per line, or a CSV (comma, semicolon or tab) whose
 * header has a column named like "id" or "student" ("student_id", "Student
 * ID") — otherwise its first column. Ids are normalised like the seed's;
 * blank lines are dropped and duplicates kept once, and both are reported.
 *
 * @example
 * parseRoster("student_id,name\ns1,Ada\ns2,Bob\ns1,Ada again\n")
 * //=> { ids: ["s1", "s2"], problems: ["“s1” appears more than once (line 4); it is kept once."] }
 */
export function parseRoster(text: string): { ids: string[]; problems: string[] } {
  if (typeof text !== "string") return { ids: [], problems: [] };
  const source = text.replace(/^\ufeff/, "");
  const firstLine = source.split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  const delimiter = [",", ";", "\t"].find((candidate) => firstLine.includes(candidate));
  const records = delimiter ? parseDelimited(source, delimiter) : source.split(/\r\n|\n|\r/).map((line) => [line]);
  const headerCells = (records.find((record) => record.some((cell) => cell.trim() !== "")) ?? []).map((cell) => cell.trim().toLowerCase());
  let column = headerCells.findIndex((cell) => /^(student[\s_-]*)?id$|^student$|^student[\s_-]*(number|no)$/.test(cell));
  if (column < 0 && delimiter) column = headerCells.findIndex((cell) => /\bid\b|student/.test(cell.replace(/[_-]/g, " ")));
  const hasHeader = column >= 0;
  if (!hasHeader) column = 0;

  const ids: string[] = [];
  const problems: string[] = [];
  const firstSeen = new Map<string, number>();
  let blanks = 0;
  let headerSkipped = false;
  let overflow = false;
  records.forEach((record, index) => {
    const line = index + 1;
    if (record.every((cell) => cell.trim() === "")) return; // an empty line: not a student, not worth a report
    if (hasHeader && !headerSkipped) {
      headerSkipped = true;
      return;
    }
    const id = normalizeId(record[column] ?? "");
    if (id === "") {
      blanks++;
      return;
    }
    if (firstSeen.has(id)) {
      problems.push(`“${id}” appears more than once (line ${line}); it is kept once.`);
      return;
    }
    if (ids.length >= MAX_ROSTER_STUDENTS) {
      if (!overflow) problems.push(`The roster has more than ${MAX_ROSTER_STUDENTS} students; the rest were left out.`);
      overflow = true;
      return;
    }
    firstSeen.set(id, line);
    ids.push(id);
  });
  if (blanks > 0) problems.unshift(`${blanks} row${blanks === 1 ? " has" : "s have"} no student id and ${blanks === 1 ? "was" : "were"} left out.`);
  return { ids, problems };
}
