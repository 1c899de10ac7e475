import { describe, expect, test } from "vitest";
import { compileCell, MAX_CODE_CHARS } from "./compile";

describe("compileCell", () => {
  test("strips types and keeps every line where it was", () => {
    const code = 'import { usd } from "cef";\ninterface Row { usd: number }\nconst rows: Row[] = [];\nawait Promise.resolve();\nreturn rows;';
    const result = compileCell(code);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const lines = result.js.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('require("cef")'.replace(/"/g, "'"));
    expect(lines[2]).toBe("const rows = [];");
    expect(lines[3]).toBe("await Promise.resolve();");
    expect(lines[4]).toBe("return rows;");
  });

  test("keeps an unused import, so an unknown module is reported", () => {
    const result = compileCell('import { nothing } from "left-pad";\nreturn 1;');
    expect(result.ok && result.js).toContain("require('left-pad')");
  });

  test("a syntax error comes back with a 1-based line and column", () => {
    expect(compileCell("const a = 1;\nconst x = ;")).toEqual({ ok: false, message: "Unexpected token", line: 2, column: 11 });
  });

  test("refuses code that is not text or too long, with a reason", () => {
    expect(compileCell(42 as unknown as string)).toEqual({ ok: false, message: "A cell's code must be text." });
    const long = compileCell("x".repeat(MAX_CODE_CHARS + 1));
    expect(long.ok).toBe(false);
    expect(!long.ok && long.message).toMatch(/at most 200,000/);
  });
});

test("columns count from 1 on indented lines too", () => {
  expect(compileCell("  let y = ;")).toMatchObject({ line: 1, column: 11 });
});
