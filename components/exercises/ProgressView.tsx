/**
 * "My progress": for each exercise in scope (a chapter, an assignment, or the
 * whole book), whether it was attempted or solved, how many attempts, when,
 * and the completion code. Exports the store as a JSON file and imports one
 * back, with a sentence for every way a file can be damaged; shows the store's
 * notice when it migrated old data or kept a backup of damaged data.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { allRecords, exportProgressFile, importProgressFile, onProgressChange, onStudentIdChange, readAttempts, readStudentId, storeNotices, type AttemptSummary } from "./store";

export interface ProgressItem {
  id: string;
  title: string;
  chapter: string;
}

export type ProgressScope =
  | { kind: "chapter"; chapter: string; exercises: ProgressItem[] }
  | { kind: "all"; groups: { title: string; href: string; assignmentId: string; exercises: ProgressItem[] }[]; catalog: ProgressItem[] }
  | { kind: "assignment"; exercises: ProgressItem[] };

interface Props {
  scope: ProgressScope;
  /** Level of the group headings in the "all" scope. */
  headingLevel?: 2 | 3 | 4;
  /** The assignment's id (assignment scope), known only in the browser. */
  assignmentId?: string;
}

/** Largest progress file read, in bytes. */
const MAX_IMPORT_BYTES = 2_000_000;

export default function ProgressView({ scope, headingLevel = 3, assignmentId }: Props) {
  const [studentId, setStudentId] = useState<string | undefined>();
  const [, setVersion] = useState(0);
  const [notices, setNotices] = useState<string[]>([]);
  const [message, setMessage] = useState<{ tone: "ok" | "bad"; text: string } | undefined>();
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setStudentId(readStudentId());
    setNotices(storeNotices());
    const offId = onStudentIdChange((id) => setStudentId(id));
    const offProgress = onProgressChange(() => {
      setVersion((v) => v + 1);
      setNotices(storeNotices());
    });
    return () => {
      offId();
      offProgress();
    };
  }, []);

  if (studentId === undefined) {
    return <p class="progress-view">Your progress is read from this browser when the page has loaded.</p>;
  }

  function download() {
    const { fileName, json } = exportProgressFile();
    const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setMessage({ tone: "ok", text: `Saved ${fileName}. Keep it to move your progress to another browser (Import below).` });
  }

  async function importFile(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      if (file.size > MAX_IMPORT_BYTES) {
        setMessage({ tone: "bad", text: `“${file.name}” is ${(file.size / 1e6).toFixed(1)} MB; a progress file is a few kilobytes. Choose the file this book exported (book-progress….json).` });
        return;
      }
      const result = importProgressFile(await file.text());
      setMessage({ tone: result.ok ? "ok" : "bad", text: `${file.name}: ${result.message}` });
      setVersion((v) => v + 1);
      setNotices(storeNotices());
    } catch (error) {
      setMessage({ tone: "bad", text: `“${file.name}” could not be read: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      input.value = "";
    }
  }

  const Heading = `h${headingLevel}` as "h3";
  const table = (items: ProgressItem[], assignment: string, caption: string, local = false) => (
    <ProgressTable items={items} rows={items.map((item) => readAttempts(assignment, item.id, studentId))} caption={caption} local={local} />
  );
  const assignmentGroups = scope.kind === "all" ? assignmentsOf(studentId, scope.catalog) : [];
  const actions = (
    <>
      <div class="progress-actions">
        <button type="button" class="button" onClick={download}>Export my progress (JSON)</button>
        <input id={`progress-import-${scope.kind}`} ref={fileRef} class="visually-hidden" type="file" accept="application/json,.json" onChange={(event) => void importFile(event)} />
        <label class="button" for={`progress-import-${scope.kind}`}>Import progress from a file</label>
      </div>
      <div class="progress-message" role="status" aria-live="polite">
        {message && <p class={`feedback ${message.tone === "ok" ? "correct" : "wrong"}`}>{message.text}</p>}
      </div>
    </>
  );

  return (
    <div class="progress-view">
      {notices.length > 0 && (
        <div class="progress-notice" role="status">
          {notices.map((text) => <p key={text}>{text}</p>)}
        </div>
      )}
      <p>
        {studentId === "" ? "Progress without a student id (the book's standard numbers)." : <>Progress of student id <span class="current">{studentId}</span>.</>}
      </p>
      {scope.kind === "all" && actions}
      {scope.kind === "chapter" && table(scope.exercises, "book", "Exercises in this chapter", true)}
      {scope.kind === "assignment" && assignmentId && table(scope.exercises, assignmentId, "Exercises in this assignment", true)}
      {scope.kind === "all" && scope.groups.map((group) => (
        <section key={`${group.assignmentId}-${group.href}`} aria-label={group.title}>
          <Heading><a href={group.href}>{group.title}</a></Heading>
          {table(group.exercises, group.assignmentId, group.title)}
        </section>
      ))}
      {scope.kind === "all" && (
        <section aria-label="Assignments">
          <Heading>Assignments</Heading>
          {assignmentGroups.length === 0 ? (
            <p>No assignment worked on yet under this student id. An assignment opens from your instructor's link; its progress is listed here under the assignment's id.</p>
          ) : (
            assignmentGroups.map((group) => (
              <div key={group.assignmentId}>
                <p><strong>Assignment “{group.assignmentId}”</strong> (open it again from your instructor's link)</p>
                {table(group.exercises, group.assignmentId, `Assignment ${group.assignmentId}`)}
              </div>
            ))
          )}
        </section>
      )}
      {scope.kind !== "all" && actions}
    </div>
  );
}

/** Assignments (other than self-study) this student has records in, with their exercises in stored order. */
function assignmentsOf(studentId: string, catalog: ProgressItem[]): { assignmentId: string; exercises: ProgressItem[] }[] {
  const byId = new Map(catalog.map((item) => [item.id, item]));
  const groups = new Map<string, ProgressItem[]>();
  for (const record of allRecords()) {
    if (record.assignmentId === "book" || record.studentId !== studentId) continue;
    const item = byId.get(record.exerciseId) ?? { id: record.exerciseId, title: record.exerciseId, chapter: "" };
    groups.set(record.assignmentId, [...(groups.get(record.assignmentId) ?? []), item]);
  }
  return [...groups].map(([assignmentId, exercises]) => ({ assignmentId, exercises }));
}

function ProgressTable({ items, rows, caption, local }: { items: ProgressItem[]; rows: AttemptSummary[]; caption: string; local: boolean }) {
  return (
    <table>
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr><th scope="col">Exercise</th><th scope="col">Status</th><th scope="col" class="num">Attempts</th><th scope="col" class="num">Time</th><th scope="col">Last worked on</th><th scope="col">Completion code</th></tr>
      </thead>
      <tbody>
        {items.map((item, index) => {
          const row = rows[index]!;
          const status = row.solved ? "Solved" : row.attempts > 0 ? "Attempted" : "Not started";
          return (
            <tr key={item.id}>
              <td>{local || !item.chapter ? <a href={`#exercise-${item.id}`}>{item.title}</a> : <a href={`/chapters/${item.chapter}/#exercise-${item.id}`}>{item.title}</a>}</td>
              <td class={row.solved ? "status-solved" : row.attempts > 0 ? "status-attempted" : undefined}>{status}</td>
              <td class="num">{row.attempts}</td>
              <td class="num">{formatDuration(row.timeSpentMs)}</td>
              <td>{row.lastAt ? formatWhen(row.lastAt) : "—"}</td>
              <td>{row.code ? <span class="completion-code">{row.code}</span> : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function formatDuration(ms: number): string {
  if (!(ms > 0)) return "—";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "under 1 min";
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
