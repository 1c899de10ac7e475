/**
 * The live part of a code cell and of the Lab's editor. On a chapter page it
 * hydrates over the build-time highlighted code (its children); "Edit & run"
 * loads CodeMirror and the sandbox, and swaps the highlighted code for the
 * editor. Run (or Mod-Enter) sends the code to the sandbox (`runCell`); Reset
 * brings back the original code; "Copy link" puts the code in the URL.
 * A link with code in it opens the editor with that code, but never runs it
 * until the reader presses Run.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import CellOutput from "./CellOutput";
import type { CellEditor } from "./editor";
import type { LogLine, RunOutcome } from "../../src/lib/cells/protocol";
import { DEFAULT_TIMEOUT_MS } from "../../src/lib/cells/protocol";
import { decodeSharedCode, shareParam, shareUrl, unsharedUrl } from "../../src/lib/cells/share";

/** One example the Lab offers in its "Example" select. */
export interface CellExample {
  id: string;
  title: string;
  code: string;
}

/**
 * Props of {@link CellIsland}.
 *
 * - `id` — the cell's id: unique on the page; names the share parameter `cell.<id>` and the
 *   element ids (`cell-<id>-…`).
 * - `code` — the code the cell starts with (and Reset returns to). In the lab variant with
 *   `examples`, the first example's code is used when `code` is empty.
 * - `timeoutMs` — the run's time limit in milliseconds; default 2000 (clamped to 100–60000).
 * - `variant` — `"cell"` (default): a chapter cell, highlighted code until "Edit & run";
 *   `"lab"`: the Lab's larger editor, opened at once, no highlighted preview.
 * - `examples` — lab variant: choices shown in an "Example" select; choosing one replaces the
 *   editor's code (and becomes what Reset returns to).
 * - `label` — the editor's accessible name; default "Code of cell <id>" / "Lab code".
 * - `children` — the build-time highlighted code (from `CodeCell.astro`), shown until editing.
 */
export interface CellIslandProps {
  id: string;
  code: string;
  timeoutMs?: number;
  variant?: "cell" | "lab";
  examples?: CellExample[];
  label?: string;
  children?: ComponentChildren;
}

type EditorModule = typeof import("./editor");
let editorPromise: Promise<EditorModule> | undefined;
function loadEditor(): Promise<EditorModule> {
  editorPromise ??= import("./editor");
  editorPromise.catch(() => {
    editorPromise = undefined;
  });
  return editorPromise;
}

type SandboxModule = typeof import("../../src/lib/cells/sandbox");
let sandboxPromise: Promise<SandboxModule> | undefined;
function loadSandbox(): Promise<SandboxModule> {
  sandboxPromise ??= import("../../src/lib/cells/sandbox");
  sandboxPromise.catch(() => {
    sandboxPromise = undefined;
  });
  return sandboxPromise;
}

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export default function CellIsland({ id, code: initialCode, timeoutMs = DEFAULT_TIMEOUT_MS, variant = "cell", examples = [], label, children }: CellIslandProps) {
  const lab = variant === "lab";
  const startCode = initialCode || examples[0]?.code || "";
  const [original, setOriginal] = useState(startCode);
  const [exampleId, setExampleId] = useState(initialCode ? "" : examples[0]?.id ?? "");
  const [editing, setEditing] = useState(false);
  const [loadingEditor, setLoadingEditor] = useState(false);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<RunOutcome | undefined>();
  const [liveLogs, setLiveLogs] = useState<LogLine[]>([]);
  const [notice, setNotice] = useState<{ text: string; bad?: boolean } | undefined>();
  const [shareText, setShareText] = useState<{ text: string; url?: string } | undefined>();
  const [edited, setEdited] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  /** Finished runs, on the root as data-runs (rendered with the outcome, so tests and the bench can wait for it). */
  const [runCount, setRunCount] = useState(0);
  const editorHost = useRef<HTMLDivElement>(null);
  const editor = useRef<CellEditor | undefined>(undefined);
  const pendingCode = useRef(startCode);
  const abort = useRef<AbortController | undefined>(undefined);
  const runRef = useRef<() => void>(() => undefined);
  const rootRef = useRef<HTMLDivElement>(null);
  /** Focus the editor once it is on screen (a hidden element cannot take focus). */
  const focusWhenShown = useRef(false);
  const shortcut = isMac() ? "⌘ Enter" : "Ctrl Enter";
  const editorLabel = label ?? (lab ? "Lab code" : `Code of cell ${id}`);
  const domId = `cell-${id}`;

  function currentCode(): string {
    return editor.current?.getCode() ?? pendingCode.current;
  }

  /** Loads CodeMirror and mounts it; the sandbox warms up meanwhile. */
  async function openEditor(code: string, focus: boolean): Promise<void> {
    pendingCode.current = code;
    if (editor.current) {
      editor.current.setCode(code);
      if (focus) editor.current.focus();
      return;
    }
    setLoadingEditor(true);
    void loadSandbox().then((sandbox) => sandbox.prepareSandbox()).catch(() => undefined);
    try {
      const { createEditor } = await loadEditor();
      const host = editorHost.current;
      if (!host || editor.current) return;
      editor.current = createEditor(host, {
        code: pendingCode.current,
        label: editorLabel,
        onRun: () => runRef.current(),
        onChange: () => setEdited(true),
      });
      focusWhenShown.current = focus;
      setEditing(true);
      rootRef.current?.setAttribute("data-editor", "ready");
    } catch (error) {
      setNotice({ text: `The editor could not be loaded (${error instanceof Error ? error.message : String(error)}). Check your connection and try again.`, bad: true });
    } finally {
      setLoadingEditor(false);
    }
  }

  async function run(): Promise<void> {
    if (running) return;
    const code = currentCode();
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setOutcome(undefined);
    setLiveLogs([]);
    editor.current?.markLine(undefined);
    const root = rootRef.current;
    const startedAt = performance.now();
    let firstOutputMs: number | undefined;
    const firstOutput = () => {
      if (firstOutputMs !== undefined) return;
      firstOutputMs = performance.now() - startedAt;
      root?.setAttribute("data-first-output-ms", firstOutputMs.toFixed(1));
    };
    try {
      const { runCell } = await loadSandbox();
      const result = await runCell(code, {
        timeoutMs,
        signal: controller.signal,
        onLog: (line) => {
          firstOutput();
          setLiveLogs((lines) => [...lines, line]);
        },
      });
      firstOutput();
      setOutcome(result);
      if (result.status === "error" && result.line !== undefined && !result.module) editor.current?.markLine(result.line);
      setRunCount((count) => count + 1);
    } catch (error) {
      setOutcome({ status: "error", message: `The code could not run: ${error instanceof Error ? error.message : String(error)}`, logs: [], ms: performance.now() - startedAt });
      setRunCount((count) => count + 1);
    } finally {
      abort.current = undefined;
      setRunning(false);
    }
  }
  runRef.current = () => void run();

  function reset(): void {
    abort.current?.abort();
    editor.current?.setCode(original);
    pendingCode.current = original;
    setOutcome(undefined);
    setLiveLogs([]);
    setEdited(false);
    setNotice(undefined);
    setShareText(undefined);
    const url = unsharedUrl(id, window.location);
    if (url !== window.location.href) history.replaceState(history.state, "", url);
    editor.current?.focus();
  }

  async function copyLink(): Promise<void> {
    let url: string;
    try {
      url = await shareUrl(id, currentCode(), window.location);
    } catch (error) {
      setShareText({ text: error instanceof Error ? error.message : String(error) });
      return;
    }
    history.replaceState(history.state, "", url);
    try {
      await navigator.clipboard.writeText(url);
      setShareText({ text: "Link copied: it opens this page with your code in the cell (it runs only when Run is pressed).", url });
    } catch {
      setShareText({ text: "Your browser did not let the page copy. The link is in the address bar, and here:", url });
    }
  }

  function chooseExample(nextId: string): void {
    const example = examples.find((candidate) => candidate.id === nextId);
    if (!example) return;
    setExampleId(nextId);
    setOriginal(example.code);
    setOutcome(undefined);
    setLiveLogs([]);
    setEdited(false);
    void openEditor(example.code, false);
  }

  useEffect(() => {
    if (!editing || !focusWhenShown.current) return;
    focusWhenShown.current = false;
    editor.current?.focus();
  }, [editing]);

  useEffect(() => {
    setHydrated(true);
    const shared = new URLSearchParams(window.location.search).get(shareParam(id));
    if (shared !== null) {
      decodeSharedCode(shared)
        .then((code) => {
          setNotice({ text: "This link brought its own code for this cell. Read it first: it runs only when you press Run." });
          setEdited(code !== startCode);
          setExampleId("");
          void openEditor(code, false);
        })
        .catch((error: unknown) => {
          setNotice({ text: `This link's code could not be read (${error instanceof Error ? error.message : String(error)}); the cell shows its original code.`, bad: true });
          if (lab) void openEditor(startCode, false);
        });
    } else if (lab) {
      void openEditor(startCode, false);
    }
    return () => {
      abort.current?.abort();
      editor.current?.destroy();
      editor.current = undefined;
    };
  }, []);

  return (
    <div class={`cell-body cell-${variant}`} ref={rootRef} data-cell-id={id} data-hydrated={hydrated ? "true" : undefined} data-runs={runCount > 0 ? String(runCount) : undefined}>
      {notice && (
        <div class={`cell-notice${notice.bad ? " cell-notice-bad" : ""}`} role="status">
          <p>{notice.text}</p>
          <button type="button" class="button" onClick={() => setNotice(undefined)}>Dismiss</button>
        </div>
      )}
      {lab && examples.length > 0 && (
        <p class="cell-examples">
          <label for={`${domId}-example`}>Example</label>{" "}
          <select id={`${domId}-example`} value={exampleId} onChange={(event) => chooseExample((event.target as HTMLSelectElement).value)}>
            {exampleId === "" && <option value="">Your code</option>}
            {examples.map((example) => <option key={example.id} value={example.id}>{example.title}</option>)}
          </select>
        </p>
      )}
      {!lab && <div class="cell-static" hidden={editing}>{children}</div>}
      <div class="cell-editor" ref={editorHost} hidden={!editing} />
      {lab && !editing && <p class="cell-note">{loadingEditor ? "Loading the editor…" : "The editor needs JavaScript."}</p>}
      <div class="cell-actions">
        {!editing ? (
          !lab && (
            <button type="button" class="button button-primary" disabled={!hydrated || loadingEditor} aria-describedby={`${domId}-hint`} onClick={() => void openEditor(currentCode(), true)}>
              {loadingEditor ? "Loading editor…" : "Edit & run"}
            </button>
          )
        ) : (
          <>
            {running ? (
              <button type="button" class="button" onClick={() => abort.current?.abort()}>Stop</button>
            ) : (
              <button type="button" class="button button-primary" onClick={() => void run()}>Run</button>
            )}
            <button type="button" class="button" disabled={!edited && !outcome} onClick={reset}>Reset</button>
            <button type="button" class="button" onClick={() => void copyLink()}>Copy link</button>
          </>
        )}
        <span class="cell-hint" id={`${domId}-hint`}>
          {editing ? `${shortcut} runs the code. Tab leaves the editor.` : hydrated ? "Opens an editor; the code runs in a sandbox on this page." : "Editing needs JavaScript."}
        </span>
      </div>
      {shareText && (
        <div class="cell-share" role="status">
          <p>{shareText.text}</p>
          {shareText.url && <input class="cell-share-url" type="text" readOnly value={shareText.url} aria-label="Link to this cell with your code" onFocus={(event) => (event.target as HTMLInputElement).select()} />}
        </div>
      )}
      {(editing || outcome) && <CellOutput outcome={outcome} liveLogs={liveLogs} running={running} />}
    </div>
  );
}
