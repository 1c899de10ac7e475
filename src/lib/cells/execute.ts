/**
 * Runs a cell in the current realm: compiles it (and any extra modules, such
 * as a student's "./solution"), then calls it as the body of an async
 * function with a `require` that knows "cef" — the whole simulation library —
 * and those modules, and a console that records lines. The sandbox worker
 * uses it behind its walls; Node tests use it directly as the
 * worker-equivalent environment. It sets no time limit: that is the
 * sandbox's job.
 */
import * as cef from "../../sim/index";
import { compileCell } from "./compile";
import { formatValue, toCellValue } from "./serialize";
import { MAX_LOG_LINE_CHARS, MAX_LOG_LINES, type LogLine, type RunOutcome } from "./protocol";

/** The module name cells import the library under. */
export const LIBRARY_MODULE = "cef";
/** The parameters a compiled cell or module body receives. */
export const BODY_PARAMS = ["require", "exports", "module", "console"] as const;

/** Calls a compiled body with (require, exports, module, console). */
export type CompiledBody = (...args: unknown[]) => unknown;

/**
 * Turns compiled JavaScript into a callable body. `name` is the file name the
 * body's stack frames carry (`cell.ts`, `solution.ts`); `lineOffset` is how
 * many lines the evaluator put before the body's first line.
 */
export type Evaluator = (js: string, options: { name: string; async: boolean }) => { body: CompiledBody; lineOffset: number };

/** Where a cell's console calls also go, as they happen. */
export type ConsoleSink = Partial<Record<LogLine["level"], (...args: unknown[]) => void>>;

export interface ExecuteOptions {
  /** Extra TypeScript modules by import name, e.g. `{ "./solution": "export function f() {…}" }`. */
  modules?: Record<string, string>;
  /** Receives each console call's raw arguments too (e.g. the real console in a test). */
  console?: ConsoleSink;
  /** Called with each log line as it is printed. */
  onLog?: (line: LogLine) => void;
  /** How compiled code becomes a function; default: the AsyncFunction/Function constructors. */
  evaluate?: Evaluator;
}

export interface ExecuteResult {
  /** What the cell returned (`undefined` without a `return`). */
  value: unknown;
  logs: LogLine[];
}

/** A cell failed: a syntax error, a thrown error or a bad import, with the reader's line when known. */
export class CellError extends Error {
  readonly line?: number;
  readonly column?: number;
  /** The module the line is in, when it is not the cell's own code. */
  readonly module?: string;
  logs: LogLine[] = [];
  constructor(message: string, where: { line?: number; column?: number; module?: string } = {}) {
    super(message);
    this.name = "CellError";
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
    if (where.module !== undefined) this.module = where.module;
  }
}

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...args: string[]) => CompiledBody;

/** Lines the Function constructor puts before a body (2 in V8), measured once. */
let functionLineOffset: number | undefined;
function measureFunctionLineOffset(): number {
  if (functionLineOffset !== undefined) return functionLineOffset;
  const probe = new Function("return new Error().stack;\n//# sourceURL=cef-probe.js") as () => string | undefined;
  const match = /cef-probe\.js:(\d+):\d+/.exec(probe() ?? "");
  functionLineOffset = match ? Number(match[1]) - 1 : 2;
  return functionLineOffset;
}

/** The default evaluator: the Function constructors (needs a realm that allows eval, like Node). */
export const functionEvaluator: Evaluator = (js, { name, async }) => {
  const source = `${js}\n//# sourceURL=${name}`;
  const body = async ? new AsyncFunction(...BODY_PARAMS, source) : (new Function(...BODY_PARAMS, source) as CompiledBody);
  return { body, lineOffset: measureFunctionLineOffset() };
};

/** File name of a module in stack traces: "./solution" → "solution.ts". */
function fileName(moduleName: string): string {
  const base = moduleName.replace(/^.*\//, "").replace(/\.(ts|js)$/, "") || "module";
  return `${base.replace(/[^\w.-]/g, "_")}.ts`;
}

function normaliseModuleName(name: string): string {
  return name.replace(/\.(ts|js)$/, "");
}

/** Where in the reader's files an error was thrown: the first stack frame in one of them. */
interface LoadedFile {
  module?: string;
  lineOffset: number;
  /** The reader's lines and the compiled ones: a column is only meaningful where they are the same. */
  sourceLines: string[];
  compiledLines: string[];
}

function locate(error: unknown, files: Map<string, LoadedFile>): { line?: number; column?: number; module?: string } {
  const stack = error instanceof Error && typeof error.stack === "string" ? error.stack : "";
  for (const frame of stack.split("\n")) {
    for (const [file, info] of files) {
      const match = new RegExp(`(?:^|[\\s(/])${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):(\\d+)`).exec(frame);
      if (!match) continue;
      const line = Number(match[1]) - info.lineOffset;
      if (line < 1) continue;
      const sameLine = info.sourceLines[line - 1] === info.compiledLines[line - 1];
      return { line, ...(sameLine ? { column: Number(match[2]) } : {}), ...(info.module ? { module: info.module } : {}) };
    }
  }
  return {};
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    if (error instanceof CellError) return error.message;
    return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message || error.name;
  }
  return `The cell threw ${typeof error === "string" ? JSON.stringify(error) : formatValue(error, { pretty: false })}`;
}

/**
 * Compiles and runs a cell. Resolves with what it returned and the lines it
 * printed; rejects with a {@link CellError} carrying the reader's line.
 *
 * @example
 * await executeCell('import { usd } from "cef";\nconsole.log("hi");\nreturn usd("1.10").plus("2.20");')
 * //=> { value: Decimal("3.3"), logs: [{ level: "log", text: "hi" }] }
 */
export async function executeCell(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const evaluate = options.evaluate ?? functionEvaluator;
  const logs: LogLine[] = [];
  let omitted = 0;
  const print = (level: LogLine["level"]) => (...args: unknown[]) => {
    options.console?.[level]?.(...args);
    if (logs.length >= MAX_LOG_LINES) {
      omitted += 1;
      return;
    }
    let text = args.map((arg) => formatValue(arg)).join(" ");
    if (text.length > MAX_LOG_LINE_CHARS) text = `${text.slice(0, MAX_LOG_LINE_CHARS)}… (line cut)`;
    const line = { level, text };
    logs.push(line);
    options.onLog?.(line);
  };
  const cellConsole = { log: print("log"), info: print("info"), debug: print("log"), warn: print("warn"), error: print("error") };

  const files = new Map<string, LoadedFile>();
  const sources = new Map<string, string>();
  for (const [name, source] of Object.entries(options.modules ?? {})) sources.set(normaliseModuleName(name), source);
  const known = [LIBRARY_MODULE, ...sources.keys()];
  const loaded = new Map<string, { exports: Record<string, unknown> }>();

  const fail = (error: unknown): never => {
    const failure = error instanceof CellError && error.line !== undefined ? error : new CellError(describe(error), locate(error, files));
    failure.logs = logs;
    if (omitted > 0) logs.push({ level: "warn", text: `… ${omitted} more lines not shown (limit ${MAX_LOG_LINES}).` });
    throw failure;
  };

  const compile = (source: string, module?: string) => {
    const compiled = compileCell(source);
    if (!compiled.ok) {
      const where = module ? ` in ${module}` : "";
      throw new CellError(`Syntax error${where}: ${compiled.message}`, { ...(compiled.line !== undefined ? { line: compiled.line } : {}), ...(compiled.column !== undefined ? { column: compiled.column } : {}), ...(module ? { module } : {}) });
    }
    return compiled.js;
  };

  const evaluateBody = (source: string, js: string, file: string, async: boolean, module?: string) => {
    try {
      const { body, lineOffset } = evaluate(js, { name: file, async });
      files.set(file, { lineOffset, sourceLines: source.split("\n"), compiledLines: js.split("\n"), ...(module ? { module } : {}) });
      return body;
    } catch (error) {
      // The engine refused what sucrase accepted (e.g. `let a` twice): engines give no line for that here.
      const reason = describe(error).replace(/Failed to execute 'importScripts' on 'WorkerGlobalScope': /, "");
      throw new CellError(`${module ? `In ${module}: ` : ""}${reason}`, module ? { module } : {});
    }
  };

  const require = (name: unknown): unknown => {
    if (name === LIBRARY_MODULE) return cef;
    const key = typeof name === "string" ? normaliseModuleName(name) : "";
    const cached = loaded.get(key);
    if (cached) return cached.exports;
    const source = sources.get(key);
    if (source === undefined) {
      const list = known.length === 1 ? `${LIBRARY_MODULE} is the only module a cell can import` : `the modules a cell can import here are ${known.join(", ")}`;
      throw new Error(`Cannot import "${String(name)}": ${list}.`);
    }
    const module = { exports: {} as Record<string, unknown> };
    loaded.set(key, module);
    const body = evaluateBody(source, compile(source, key), fileName(key), false, key);
    body(require, module.exports, module, cellConsole);
    return module.exports;
  };

  try {
    const body = evaluateBody(code, compile(code), "cell.ts", true);
    const exports = {};
    const value = await body(require, exports, { exports }, cellConsole);
    if (omitted > 0) logs.push({ level: "warn", text: `… ${omitted} more lines not shown (limit ${MAX_LOG_LINES}).` });
    return { value, logs };
  } catch (error) {
    return fail(error);
  }
}

/**
 * Runs a cell here and describes the outcome as the sandbox would (without a time limit):
 * for Node tests of cells and code exercises.
 */
export async function runCellInRealm(code: string, options: ExecuteOptions = {}): Promise<RunOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
  let result: ExecuteResult;
  try {
    result = await executeCell(code, options);
  } catch (error) {
    return { ...errorOutcome(error), ms: elapsed() };
  }
  return { ...outcomeOf(result), ms: elapsed() };
}

/** The outcome of a finished run: its value described for the page, or why it cannot be shown. */
export function outcomeOf({ value, logs }: ExecuteResult): Exclude<RunOutcome, { status: "timeout" }> {
  try {
    const cellValue = toCellValue(value);
    return cellValue === undefined ? { status: "ok", logs, ms: 0 } : { status: "ok", value: cellValue, logs, ms: 0 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: "error", message: `The result cannot be shown: ${message}`, logs, ms: 0 };
  }
}

/** The error outcome for anything `executeCell` or `toCellValue` threw. */
export function errorOutcome(error: unknown): Extract<RunOutcome, { status: "error" }> {
  const cellError = error instanceof CellError ? error : new CellError(describe(error));
  const outcome: Extract<RunOutcome, { status: "error" }> = { status: "error", message: cellError.message, logs: cellError.logs, ms: 0 };
  if (cellError.line !== undefined) outcome.line = cellError.line;
  if (cellError.column !== undefined) outcome.column = cellError.column;
  if (cellError.module !== undefined) outcome.module = cellError.module;
  return outcome;
}
