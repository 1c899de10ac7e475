/**
 * Roster in, answer key out: the instructor pastes ids (one per line, or a CSV
 * with an id column) or uploads the file, and gets every student's numbers,
 * canonical answer and completion code as a table and as CSV. Problems with the
 * roster (empty, duplicates, unreadable lines) are said in sentences.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { AnswerKeyRow, AssignmentSpec, InstructorEngine } from "./engine";
import { readRosterFile } from "./files";
import { DownloadLink } from "./DownloadLink";
import { runTask, TaskCancelled, type TaskRun, type TaskResults } from "./workerClient";

/** Rows of the key shown on screen; the CSV always has all of them. */
export const KEY_ROWS_SHOWN_MAX = 600;

interface Props {
  engine: InstructorEngine | null;
  spec: AssignmentSpec | null;
  rosterText: string;
  onRosterTextChange: (text: string) => void;
  /** The parsed roster of the last "Make the answer key", shared with the sheet and the gradebook. */
  onRoster: (ids: string[]) => void;
}

interface KeyState {
  roster: { ids: string[]; problems: string[] };
  rows: AnswerKeyRow[];
  csv: string;
  specId: string;
  /** {@link specSignature} of the assignment the key was made for. */
  signature: string;
}

export function RosterKey({ engine, spec, rosterText, onRosterTextChange, onRoster }: Props) {
  const [key, setKey] = useState<KeyState | null>(null);
  const [message, setMessage] = useState<string>("");
  const [keyProblems, setKeyProblems] = useState<string[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const running = useRef<TaskRun<TaskResults["key"]> | null>(null);
  useEffect(() => () => running.current?.cancel(), []);

  async function upload(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const result = await readRosterFile(file);
    if (!result.ok) {
      setMessage(result.reason);
      return;
    }
    onRosterTextChange(result.text);
    setMessage(`Read ${file.name}. Check the ids below, then make the key.`);
    input.value = "";
  }

  async function makeKey() {
    if (!engine || running.current) return;
    if (!spec) {
      setKey(null);
      setMessage("Finish the assignment first (a title and at least one exercise): the key depends on both.");
      return;
    }
    const roster = engine.parseRoster(rosterText);
    if (roster.ids.length === 0) {
      setKey(null);
      onRoster([]);
      setMessage(roster.problems.length > 0 ? "No student id could be read from the roster." : "The roster is empty: paste one student id per line, or upload a file.");
      setKeyProblems(roster.problems);
      return;
    }
    // Every row draws numbers and computes an answer through src/sim: a worker keeps the page responsive.
    setKeyProblems(roster.problems);
    setMessage(`Computing the key for ${roster.ids.length} student${roster.ids.length === 1 ? "" : "s"}…`);
    setProgress({ done: 0, total: roster.ids.length });
    const run = runTask({ type: "key", spec, ids: roster.ids }, (done, total) => setProgress({ done, total }));
    running.current = run;
    try {
      const { rows, csv } = await run.result;
      setKey({ roster, rows, csv, specId: spec.id, signature: engine.specSignature(spec) });
      onRoster(roster.ids);
      setMessage(`Answer key made: ${roster.ids.length} student${roster.ids.length === 1 ? "" : "s"} × ${spec.exercises.length} exercise${spec.exercises.length === 1 ? "" : "s"}.`);
    } catch (error) {
      setMessage(error instanceof TaskCancelled ? "Cancelled; the previous key, if any, is unchanged." : `The key could not be computed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running.current = null;
      setProgress(null);
    }
  }
  const problems = key && !progress ? key.roster.problems : keyProblems;
  const stale = key !== null && (spec === null || engine === null || key.signature !== engine.specSignature(spec));

  return (
    <section class="panel roster no-print" aria-labelledby="roster-title">
      <h2 id="roster-title">Roster and answer key</h2>
      <p>
        One student id per line, exactly as students type it into the assignment (case and spaces inside count; spaces around are ignored),
        or a CSV (comma, semicolon or tab) with a column headed like <code>id</code> or <code>student</code> — without one, its first column is read.
      </p>
      <div class="field">
        <label for="roster-text">Roster</label>
        <textarea id="roster-text" rows={6} value={rosterText} spellcheck={false} aria-describedby="roster-help"
          onInput={(event) => onRosterTextChange((event.currentTarget as HTMLTextAreaElement).value)} />
        <p id="roster-help" class="field-help">Nothing you paste leaves this page.</p>
      </div>
      <div class="field">
        <label for="roster-file">Or upload a roster file (.txt or .csv)</label>
        <input id="roster-file" type="file" accept=".txt,.csv,text/plain,text/csv" onChange={upload} />
      </div>
      <div class="actions">
        <button type="button" class="button button-primary" onClick={makeKey} disabled={!engine} aria-disabled={progress ? "true" : undefined}>Make the answer key</button>
        {progress && (
          <>
            <progress max={progress.total} value={progress.done} aria-label="Students done">{progress.done} of {progress.total}</progress>
            <button type="button" class="button" onClick={() => running.current?.cancel()}>Cancel</button>
          </>
        )}
        {key && !stale && !progress && (
          <DownloadLink text={key.csv} filename={`answer-key-${key.specId}.csv`}>Download the key (CSV)</DownloadLink>
        )}
      </div>
      <p class="status roster-status" role="status">{message}</p>
      {problems.length > 0 && (
        <div class="notice bad roster-problems">
          <p>Roster problems:</p>
          <ul>{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
        </div>
      )}
      {key && stale && <p class="notice">The assignment changed since this key was made: make it again.</p>}
      {key && !stale && <KeyTable rows={key.rows} students={key.roster.ids.length} />}
    </section>
  );
}

function KeyTable({ rows, students }: { rows: AnswerKeyRow[]; students: number }) {
  const shown = rows.slice(0, KEY_ROWS_SHOWN_MAX);
  return (
    <>
      <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="key-caption">
        <table class="key-table">
          <caption id="key-caption">Answer key: {students} student{students === 1 ? "" : "s"}, {rows.length} rows</caption>
          <thead>
            <tr>
              <th scope="col">Student id</th>
              <th scope="col">Exercise</th>
              <th scope="col">Their numbers</th>
              <th scope="col">Canonical answer</th>
              <th scope="col">Written as</th>
              <th scope="col">Completion code</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={`${row.studentId}\u001f${row.exerciseId}`}>
                <th scope="row">{row.studentId}</th>
                <td>{row.exerciseId}</td>
                <td class="params mono">{row.paramsShort}</td>
                <td class="mono">{row.canonical}</td>
                <td>{row.answer}</td>
                <td class="mono">{row.code}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length && <p class="field-help">The table shows the first {shown.length} rows; the CSV has all {rows.length}.</p>}
    </>
  );
}
