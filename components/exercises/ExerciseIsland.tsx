/**
 * The live part of one exercise. It hydrates with the default variant's prompt
 * (rendered on the server) on screen; the definitions, `src/sim` and the
 * grader load when a student with an id opens the page, or on their first
 * interaction. Draws the student's numbers, checks answers with immediate
 * feedback (aria-live), reveals hints one at a time and the worked solution
 * per the assignment's policy, and shows the completion code when correct.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ComponentChildren } from "preact";
import type { ChapterSlug, ExerciseKind } from "../../src/lib/exercises/types";
import { AnswerField, readWidgetState, type AnswerSpec, type AnswerValue } from "./AnswerField";
import { RichText } from "./RichText";
import type { ExerciseView, Paragraph } from "./view";
import { onStudentIdChange, readAttempts, readStudentId, recordAttempt, type AttemptSummary } from "./store";
import type { ExerciseResponse } from "../../src/lib/exercises/grading";
import type { StoredResponse } from "../../src/lib/exercises/progress";
import type { Loaded } from "./engine";
import type { AssignmentContext } from "./assignmentContext";

interface Props {
  exerciseId: string;
  chapter: ChapterSlug;
  kind: ExerciseKind;
  /** "book" on chapter pages; "from-url" on the assignment page (the spec is in `?a=`). */
  assignment: "book" | "from-url";
  /** The default variant (assignment "book", student ""), rendered on the server. */
  initial: ExerciseView;
  /** A widget rendered on the server (assignment page, setting exercises): shown between the question and the answer. */
  children?: ComponentChildren;
}

type Feedback = { tone: "correct" | "wrong" | "guidance" | "error"; message: string } | undefined;
type CheckLine = { name: string; pass: boolean; detail: string };

let enginePromise: Promise<typeof import("./engine")> | undefined;
function loadEngine() {
  enginePromise ??= import("./engine");
  return enginePromise;
}

function emptyAnswer(kind: ExerciseKind, view: ExerciseView): AnswerValue {
  if (kind === "numeric") return { kind, text: "" };
  if (kind === "choice") return { kind, selected: [] };
  if (kind === "setting") return { kind };
  return { kind: "code", code: view.starter ?? "" };
}

export default function ExerciseIsland({ exerciseId, chapter, kind, assignment, initial, children }: Props) {
  const idBase = `ex-${exerciseId}`;
  const [context, setContext] = useState<AssignmentContext | undefined>(
    assignment === "book" ? { id: "book", solutions: "after-attempt" } : undefined,
  );
  const [studentId, setStudentId] = useState("");
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [answer, setAnswer] = useState<AnswerValue>(() => emptyAnswer(kind, initial));
  const [feedback, setFeedback] = useState<Feedback>();
  const [summary, setSummary] = useState<AttemptSummary>({ attempts: 0, solved: false, timeSpentMs: 0 });
  const [hints, setHints] = useState<Paragraph[][]>([]);
  const [solution, setSolution] = useState<Paragraph[] | undefined>();
  const [checks, setChecks] = useState<CheckLine[] | undefined>();
  const [logs, setLogs] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const loading = useRef<Promise<Loaded | undefined> | undefined>(undefined);
  const loadKey = useRef("");
  const hintList = useRef<HTMLOListElement>(null);
  const solutionRef = useRef<HTMLDivElement>(null);
  /** When the student started on this exercise (first focus), for the time-spent column of "My progress". */
  const activeSince = useRef<number | undefined>(undefined);

  const view = loaded?.view ?? initial;
  const spec: AnswerSpec = view.spec;

  /** Loads the definition and draws this student's numbers (once per assignment + student). */
  function ensureLoaded(ctx = context, student = studentId): Promise<Loaded | undefined> {
    if (!ctx) return Promise.resolve(undefined);
    const key = `${ctx.id}\u001f${student}`;
    if (loading.current && loadKey.current === key) return loading.current;
    loadKey.current = key;
    loading.current = loadEngine()
      .then((engine) => engine.loadVariant(chapter, exerciseId, ctx.id, student, initial.spec.kind === "setting" ? initial.spec.widget : undefined))
      .then((result) => {
        if (loadKey.current !== key) return undefined;
        setLoaded(result);
        setLoadError(undefined);
        return result;
      })
      .catch((error: unknown) => {
        loading.current = undefined;
        setLoadError(`This exercise could not load: ${error instanceof Error ? error.message : String(error)} Reload the page to try again.`);
        return undefined;
      });
    return loading.current;
  }

  /** Starts over for a new student id or assignment: their own numbers, their own record. */
  function switchTo(ctx: AssignmentContext | undefined, student: string) {
    setStudentId(student);
    setFeedback(undefined);
    setHints([]);
    setSolution(undefined);
    setChecks(undefined);
    setLogs([]);
    setLoaded(undefined);
    loading.current = undefined;
    loadKey.current = "";
    if (!ctx) return;
    const record = readAttempts(ctx.id, exerciseId, student);
    setSummary(record);
    if (record.lastResponse?.kind === "code" && record.lastResponse.results) setChecks(record.lastResponse.results);
    if (ctx.id !== "book" || student !== "" || record.attempts > 0) {
      void ensureLoaded(ctx, student).then((result) => {
        if (result) setAnswer(restoreAnswer(kind, result.view, record));
      });
    } else {
      setAnswer(restoreAnswer(kind, initial, record));
    }
  }

  useEffect(() => {
    let off = () => {};
    let live = true;
    const start = (ctx: AssignmentContext | undefined) => {
      if (!live) return;
      setContext(ctx);
      switchTo(ctx, readStudentId());
      off = onStudentIdChange((next) => switchTo(ctx, next));
    };
    // The link decoder (and its validator) loads only on the assignment page.
    if (assignment === "book") start(context);
    else void import("./assignmentContext").then(({ assignmentFromLocation }) => start(assignmentFromLocation()));
    return () => {
      live = false;
      off();
    };
  }, []);

  async function check() {
    if (busy || !context) return;
    setBusy(true);
    try {
      const result = await ensureLoaded();
      if (!result) return;
      const engine = await loadEngine();
      let response: ExerciseResponse;
      let stored: StoredResponse;
      if (answer.kind === "setting") {
        if (spec.kind !== "setting") return;
        const read = readWidgetState(spec.widget.id);
        if ("problem" in read) {
          setFeedback({ tone: "guidance", message: read.problem });
          return;
        }
        setAnswer({ kind: "setting", state: read.state });
        response = { kind: "setting", state: read.state as Record<string, number | string | boolean> };
        stored = response;
      } else if (answer.kind === "code") {
        setChecks(undefined);
        setFeedback({ tone: "guidance", message: "Running the checks…" });
        const run = await engine.runChecks(result, answer.code);
        setLogs(run.logs);
        if (run.status !== "ok") {
          setFeedback({ tone: "guidance", message: `${run.message} This run was not counted as an attempt.` });
          return;
        }
        setChecks(run.checks);
        response = { kind: "code", results: run.checks };
        stored = { kind: "code", code: answer.code, results: run.checks };
      } else {
        response = answer;
        stored = answer;
      }
      const graded = engine.grade(result, response);
      if (!graded.attempt) {
        setFeedback({ tone: "guidance", message: graded.message });
        return;
      }
      const now = Date.now();
      const spent = activeSince.current === undefined ? 0 : now - activeSince.current;
      activeSince.current = now;
      const saved = recordAttempt(context.id, exerciseId, studentId, { response: stored, correct: graded.correct, counted: true, code: graded.code, timeSpentMs: spent });
      setSummary(saved);
      setFeedback({ tone: graded.correct ? "correct" : "wrong", message: saved.saveMessage ? `${graded.message} (${saved.saveMessage})` : graded.message });
    } catch (error) {
      setFeedback({ tone: "error", message: `Checking failed: ${error instanceof Error ? error.message : String(error)}. Your answer was not counted.` });
    } finally {
      setBusy(false);
    }
  }

  async function showHint() {
    const result = await ensureLoaded();
    if (!result) return;
    const next = result.hints.slice(0, hints.length + 1);
    setHints(next);
    requestAnimationFrame(() => (hintList.current?.lastElementChild as HTMLElement | null)?.focus());
  }

  async function showSolution() {
    const result = await ensureLoaded();
    if (!result) return;
    setSolution(result.solution);
    requestAnimationFrame(() => solutionRef.current?.focus());
  }

  const solutionState = solutionAvailability(context, summary);
  const totalHints = loaded?.hints.length ?? initial.hintCount;
  const waiting = assignment !== "book" && !loaded;
  const actionLabel = kind === "setting" ? "Submit the widget's settings" : kind === "code" ? "Run checks" : "Check";

  return (
    <div class="exercise-live" data-exercise-live={exerciseId} data-loaded={loaded ? "true" : "false"}
      onFocusIn={() => {
        activeSince.current ??= Date.now();
        void ensureLoaded();
      }} onPointerEnter={() => void ensureLoaded()}>
      {waiting ? (
        <p class="exercise-note" aria-busy="true">{loadError ? "" : "Drawing your numbers…"}</p>
      ) : (
        <RichText class="exercise-prompt" paragraphs={view.prompt} />
      )}
      {loadError && <p class="exercise-error" role="alert">{loadError}</p>}
      {children && <div class="exercise-widget">{children}</div>}
      {!waiting && (
        <form
          class="exercise-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void check();
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && kind === "code") {
              event.preventDefault();
              void check();
            }
          }}
        >
          <AnswerField
            idBase={idBase}
            spec={spec}
            value={answer}
            onChange={(next) => {
              setAnswer(next);
              if (feedback?.tone === "guidance") setFeedback(undefined);
            }}
            describedBy={`${idBase}-feedback`}
            invalid={feedback?.tone === "guidance" && kind === "numeric"}
          />
          <div class="exercise-actions">
            <button type="submit" class="button button-primary" disabled={busy} aria-describedby={`${idBase}-attempts`}>
              {busy && kind === "code" ? "Running…" : actionLabel}
            </button>
            {totalHints > 0 && (
              <button type="button" class="button" onClick={() => void showHint()} disabled={hints.length >= totalHints}>
                {hints.length >= totalHints ? "No more hints" : `Show a hint (${hints.length + 1} of ${totalHints})`}
              </button>
            )}
            {solutionState.available && !solution && (
              <button type="button" class="button" onClick={() => void showSolution()}>Show the worked solution</button>
            )}
            <span class="exercise-attempts" id={`${idBase}-attempts`}>
              {summary.attempts === 0 ? "No attempts yet" : `${summary.attempts} attempt${summary.attempts === 1 ? "" : "s"}`}
              {summary.solved ? " · solved" : ""}
            </span>
          </div>
        </form>
      )}
      <div class="exercise-feedback" id={`${idBase}-feedback`} role="status" aria-live="polite">
        {feedback && (
          <p class={`feedback ${feedback.tone === "error" ? "wrong" : feedback.tone}`}>
            {feedback.tone === "wrong" && <strong>Not yet: </strong>}
            {feedback.message}
          </p>
        )}
        {checks && (
          <ul class="check-results" aria-label="Check results">
            {checks.map((line, index) => (
              <li key={index} class={line.pass ? "pass" : "fail"}>
                <span class="verdict">{line.pass ? "Pass" : "Fail"}</span>
                {line.name}
                {line.detail && <span class="detail">{line.detail}</span>}
              </li>
            ))}
          </ul>
        )}
        {summary.solved && summary.code && (
          <p class="feedback correct">
            Completion code: <span class="completion-code">{summary.code}</span>
            {context?.id === "book" ? " — you solved this one." : " — your instructor can check it against your student id."}
          </p>
        )}
      </div>
      {logs.length > 0 && (
        <details class="exercise-logs">
          <summary>Console output ({logs.length} line{logs.length === 1 ? "" : "s"})</summary>
          <pre class="run-logs">{logs.join("\n")}</pre>
        </details>
      )}
      {hints.length > 0 && (
        <div class="exercise-hints">
          <strong>Hints</strong>
          <ol ref={hintList}>
            {hints.map((hint, index) => (
              <li key={index} tabIndex={-1}><RichText paragraphs={hint} /></li>
            ))}
          </ol>
        </div>
      )}
      {!solutionState.available && solutionState.note && <p class="exercise-note">{solutionState.note}</p>}
      {solution && (
        <div class="exercise-solution" ref={solutionRef} tabIndex={-1} aria-label="Worked solution">
          <h4>Worked solution</h4>
          <RichText paragraphs={solution} />
        </div>
      )}
    </div>
  );
}

/** Puts back what the student last submitted (so a reload shows their answer). */
function restoreAnswer(kind: ExerciseKind, view: ExerciseView, record: AttemptSummary): AnswerValue {
  const last = record.lastResponse;
  if (last?.kind === "numeric" && kind === "numeric") return { kind, text: last.text };
  if (last?.kind === "choice" && kind === "choice") return { kind, selected: last.selected };
  if (last?.kind === "code" && kind === "code") return { kind, code: last.code };
  if (last?.kind === "setting" && kind === "setting") return { kind, state: last.state };
  return emptyAnswer(kind, view);
}

/** Whether the worked solution may be shown now, and if not, a sentence saying when. */
function solutionAvailability(context: AssignmentContext | undefined, summary: AttemptSummary): { available: boolean; note?: string } {
  if (!context) return { available: false };
  if (context.solutions === "never") return { available: false, note: "Your instructor has chosen not to show worked solutions for this assignment." };
  if (context.solutions === "after-due") {
    const due = context.due ? endOfDay(context.due) : NaN;
    if (Number.isFinite(due) && Date.now() >= due) return { available: true };
    return { available: false, note: context.due ? `The worked solution appears after the due date (${context.due}).` : "The worked solution appears after the due date." };
  }
  if (summary.attempts > 0 || summary.solved) return { available: true };
  return { available: false, note: "The worked solution appears after your first attempt." };
}

/** The moment an "after-due" assignment's solutions open: the end of the due day, local time. */
function endOfDay(due: string): number {
  const [year, month, day] = due.split("-").map(Number);
  return new Date(year!, month! - 1, day! + 1).getTime();
}
