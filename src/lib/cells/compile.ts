/**
 * Compiles a cell's TypeScript to JavaScript with sucrase (`typescript` and
 * `imports` transforms): types are stripped and imports become `require`
 * calls, line for line, so a line in the compiled code is the same line in
 * the reader's code. A syntax error comes back with its line and column.
 */
import { transform } from "sucrase";

/** The compiled JavaScript of a cell or module. */
export interface CompiledCell {
  ok: true;
  js: string;
}

/** A syntax error in the reader's code, 1-based line and column. */
export interface CompileError {
  ok: false;
  message: string;
  line?: number;
  column?: number;
}

/** Largest code a cell accepts (characters): beyond it the reader pasted something else. */
export const MAX_CODE_CHARS = 200_000;

/**
 * Compiles a cell body (may `await` and `return` at top level) or a module.
 *
 * @example
 * compileCell("const x: number = 1;\nreturn x;") //=> { ok: true, js: '"use strict";const x = 1;\nreturn x;' }
 * compileCell("const x = ;") //=> { ok: false, message: "Unexpected token", line: 1, column: 11 }
 */
export function compileCell(code: string): CompiledCell | CompileError {
  if (typeof code !== "string") return { ok: false, message: "A cell's code must be text." };
  if (code.length > MAX_CODE_CHARS) {
    return { ok: false, message: `This code is ${code.length.toLocaleString("en-US")} characters long; a cell takes at most ${MAX_CODE_CHARS.toLocaleString("en-US")}.` };
  }
  try {
    const { code: js } = transform(code, {
      transforms: ["typescript", "imports"],
      // Keep `import … from "x"` even when unused, so an unknown module is reported on its line.
      keepUnusedImports: true,
    });
    return { ok: true, js };
  } catch (error) {
    return syntaxError(error);
  }
}

function syntaxError(error: unknown): CompileError {
  const raw = error instanceof Error ? error.message : String(error);
  const loc = (error as { loc?: { line?: unknown; column?: unknown } } | null)?.loc;
  // Sucrase reports "Unexpected token (3:5)" with 1-based line and column in `loc`.
  const message = raw.replace(/\s*\(\d+:\d+\)\s*$/, "");
  if (loc && typeof loc.line === "number" && typeof loc.column === "number") {
    return { ok: false, message, line: loc.line, column: loc.column };
  }
  return { ok: false, message };
}
