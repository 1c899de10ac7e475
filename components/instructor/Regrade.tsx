/**
 * Regrading: the instructor chooses a folder (or several files) of students'
 * answer files; each is read, checked and regraded from the seed on this side,
 * giving one gradebook row per student and one column per exercise, and a CSV.
 * Every file not used is listed with the reason — none is skipped silently.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { AssignmentSpec, Gradebook, InstructorEngine, RegradeResult } from "./engine";
import { readAnswerFiles, type FileLike, type UnreadFile } from "./files";
import { DownloadLink } from "./DownloadLink";
import { runTask, TaskCancelled, type TaskRun, type TaskResults } from "./workerClient";

interface Props {
  engine: InstructorEngine | null;
  spec: AssignmentSpec | null;
  /** The roster of the last answer key: its students get a row even without a file. */
  roster: string[];
}

interface Result extends RegradeResult {
  unread: UnreadFile[];
  systemFiles: number;
  /** Answers files that went into the gradebook. */
  used: number;
  /** The assignment regraded against ({@link specSignature}). */
  signature: string;
}

/** A mark as shown: a symbol for scanning, the word for reading (colour is never the only cue). */
const MARK_SHOWN = { correct: "✓ correct", wrong: "✗ wrong", "not attempted": "— not attempted", "code mismatch": "⚠ code mismatch" } as const;
const MARK_CLASS = { correct: "mark-correct", wrong: "mark-wrong", "not attempted": "mark-missing", "code mismatch": "mark-wrong" } as const;

export function Regrade({ engine, spec, roster }: Props) {
  const [result, setResult] = useState<Result | null>(null);
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const running = useRef<TaskRun<TaskResults["regrade"]> | null>(null);
  useEffect(() => () => running.current?.cancel(), []);

  async function choose(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])] as FileLike[];
    input.value = "";
    if (!engine) return;
    running.current?.cancel();
    if (!spec) {
      setResult(null);
      setMessage("Build the assignment first (the same title, id and exercises as the link you gave): answers are regraded against it.");
      return;
    }
    if (files.length === 0) {
      setMessage("No file chosen.");
      return;
    }
    setBusy(true);
    setMessage(`Reading ${files.length} file${files.length === 1 ? "" : "s"}…`);
    try {
      const { read, unread, systemFiles } = await readAnswerFiles(files);
      // Regrading draws every student's numbers and computes answers through src/sim: off the main thread.
      const run = runTask({ type: "regrade", spec, files: read, roster }, () => undefined);
      running.current = run;
      const regraded = await run.result;
      const { gradebook } = regraded;
      const damaged = unread.length + regraded.damaged.length;
      const used = read.length - regraded.damaged.length;
      setResult({ ...regraded, unread, systemFiles, used, signature: engine.specSignature(spec) });
      setMessage(
        used === 0
          ? `None of the ${files.length} file${files.length === 1 ? "" : "s"} chosen is a readable answers file: see the reasons below.`
          : `Regraded ${gradebook.rows.length} student${gradebook.rows.length === 1 ? "" : "s"} from ${used} file${used === 1 ? "" : "s"}` +
          (damaged > 0 ? `; ${damaged} file${damaged === 1 ? "" : "s"} could not be used (listed below).` : "."),
      );
    } catch (error) {
      if (error instanceof TaskCancelled) {
        setMessage("Regrading cancelled.");
      } else {
        setResult(null);
        setMessage(`Regrading failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      running.current = null;
      setBusy(false);
    }
  }

  const problems = result ? [...result.unread, ...result.damaged] : [];
  const stale = result !== null && (spec === null || engine === null || result.signature !== engine.specSignature(spec));

  return (
    <section class="panel regrade no-print" aria-labelledby="regrade-title">
      <h2 id="regrade-title">Regrade students' answer files</h2>
      <p>
        Students export their answers from the assignment page as a <code>.json</code> file. Collect the files in one folder and choose it here,
        or choose the files themselves. Each answer is checked again from the student's seed on your side; what the file claims about
        being correct is not trusted.
      </p>
      <p class="field-help">
        {roster.length > 0
          ? `The ${roster.length} students of the roster above each get a row, with or without a file.`
          : "Make the answer key from a roster first to also list the students who handed nothing in."}
      </p>
      <div class="field">
        <label for="regrade-folder">Choose a folder of answer files</label>
        {/* webkitdirectory is not in Preact's typings; every current browser supports it. */}
        <input id="regrade-folder" type="file" {...({ webkitdirectory: true, directory: true } as Record<string, boolean>)} multiple onChange={choose} disabled={!engine} />
      </div>
      <div class="field">
        <label for="regrade-files">Or choose answer files</label>
        <input id="regrade-files" type="file" accept=".json,application/json" multiple onChange={choose} disabled={!engine} />
      </div>
      <p class="status regrade-status" role="status">{message}</p>
      {busy && <button type="button" class="button" onClick={() => running.current?.cancel()}>Cancel regrading</button>}
      {problems.length > 0 && (
        <div class="notice bad damaged-files">
          <p>Files not used:</p>
          <ul>{problems.map((problem) => <li key={problem.name}><code>{problem.name}</code>: {problem.reason}</li>)}</ul>
        </div>
      )}
      {result && result.gradebook.problems.length > 0 && (
        <div class="notice gradebook-problems">
          <p>To check:</p>
          <ul>{result.gradebook.problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
        </div>
      )}
      {result && result.systemFiles > 0 && (
        <p class="field-help">{result.systemFiles} system file{result.systemFiles === 1 ? "" : "s"} of the folder (such as <code>.DS_Store</code>) left out.</p>
      )}
      {result && stale && <p class="notice">The assignment changed since these files were regraded: choose them again.</p>}
      {result && !stale && result.used > 0 && result.gradebook.rows.length > 0 && (
        <>
          <GradebookTable gradebook={result.gradebook} />
          <div class="actions">
            <DownloadLink text={result.csv} filename={`gradebook-${spec?.id ?? "assignment"}.csv`}>Download the gradebook (CSV)</DownloadLink>
          </div>
        </>
      )}
    </section>
  );
}

function GradebookTable({ gradebook }: { gradebook: Gradebook }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="gradebook-caption">
      <table class="gradebook-table">
        <caption id="gradebook-caption">Gradebook: {gradebook.rows.length} student{gradebook.rows.length === 1 ? "" : "s"}, {gradebook.columns.length} exercise{gradebook.columns.length === 1 ? "" : "s"}</caption>
        <thead>
          <tr>
            <th scope="col">Student id</th>
            {gradebook.columns.map((column) => <th scope="col" key={column.id} title={column.title}>{column.id}</th>)}
            <th scope="col" class="num">Correct</th>
          </tr>
        </thead>
        <tbody>
          {gradebook.rows.map((row) => (
            <tr key={row.studentId}>
              <th scope="row">{row.studentId}{!row.inRoster && <span class="not-in-roster"> (not on the roster)</span>}</th>
              {gradebook.columns.map((column) => {
                const mark = row.cells[column.id] ?? "not attempted";
                return <td key={column.id} class={MARK_CLASS[mark]}>{MARK_SHOWN[mark]}</td>;
              })}
              <td class="num">{row.correct} / {gradebook.columns.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
