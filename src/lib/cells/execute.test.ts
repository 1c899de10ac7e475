import { describe, expect, test } from "vitest";
import { CellError, executeCell, runCellInRealm } from "./execute";
import { Decimal } from "../../sim/index";

describe("executeCell", () => {
  test("runs TypeScript against cef, with top-level await and return", async () => {
    const { value, logs } = await executeCell(
      'import { usd, Exchange } from "cef";\nconst a: Decimal = usd("0.10");\nconsole.log("sum", a.plus("0.20"));\nawait new Promise((r) => setTimeout(r, 1));\nreturn a.plus("0.20");\ntype Decimal = ReturnType<typeof usd>;',
    );
    expect(Decimal.isDecimal(value)).toBe(true);
    expect((value as Decimal).toFixed()).toBe("0.3");
    expect(logs).toEqual([{ level: "log", text: "sum 0.3" }]);
  });

  test("captures console levels in order and forwards them", async () => {
    const seen: unknown[][] = [];
    const { logs } = await executeCell('console.log("a", 1, { b: [1, 2] });\nconsole.warn("w");\nconsole.error(new RangeError("bad"));', {
      console: { log: (...args) => seen.push(args) },
    });
    expect(logs).toEqual([
      { level: "log", text: "a 1 { b: [1, 2] }" },
      { level: "warn", text: "w" },
      { level: "error", text: "RangeError: bad" },
    ]);
    expect(seen).toHaveLength(1);
  });

  test("a runtime error carries the reader's line and column", async () => {
    const error = await executeCell("const a = 1;\n\nconst b: number = a;\nnull.boom;\nreturn b;").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CellError);
    expect((error as CellError).line).toBe(4);
    expect((error as CellError).column).toBe(6);
    expect((error as CellError).message).toMatch(/^TypeError: /);
  });

  test("on a line whose types were stripped the column is left out rather than wrong", async () => {
    const error = (await executeCell("const a: { b: number } | null = null;\nconst c: number = a!.b;").catch((caught: unknown) => caught)) as CellError;
    expect(error.line).toBe(2);
    expect(error.column).toBeUndefined();
  });

  test("an error thrown by the library points at the reader's line that called it", async () => {
    const code = ['import { Exchange } from "cef";', "const ex = new Exchange();", "", 'ex.deposit("alice", "USD", "-5");'].join("\n");
    const error = (await executeCell(code).catch((caught: unknown) => caught)) as CellError;
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/^RangeError: .*greater than 0/);
  });

  test("an error after an await still maps to the reader's line", async () => {
    const error = (await executeCell("await Promise.resolve();\nawait null;\nthrow new Error('late');").catch((caught: unknown) => caught)) as CellError;
    expect(error.line).toBe(3);
    expect(error.message).toBe("late");
  });

  test("a syntax error gives line and column", async () => {
    const error = (await executeCell("const ok = 1;\nconst x = ;").catch((caught: unknown) => caught)) as CellError;
    expect(error.message).toBe("Syntax error: Unexpected token");
    expect([error.line, error.column]).toEqual([2, 11]);
  });

  test("an unknown module is a clear error on the import's line", async () => {
    const error = (await executeCell('// first\nimport fs from "node:fs";\nreturn fs;').catch((caught: unknown) => caught)) as CellError;
    expect(error.message).toBe('Cannot import "node:fs": cef is the only module a cell can import.');
    expect(error.line).toBe(2);
  });

  test("extra modules are TypeScript, import cef and map their own lines", async () => {
    const modules = {
      "./solution": 'import { usd } from "cef";\nexport function double(x: string) {\n  return usd(x).times(2);\n}\nexport function broken(): never {\n  throw new Error("nope");\n}',
    };
    const { value } = await executeCell('import { double } from "./solution";\nreturn double("1.05").toFixed();', { modules });
    expect(value).toBe("2.1");
    const error = (await executeCell('import { broken } from "./solution";\nbroken();', { modules }).catch((caught: unknown) => caught)) as CellError;
    expect([error.module, error.line]).toEqual(["./solution", 6]);
    const missing = (await executeCell('import "./other";', { modules }).catch((caught: unknown) => caught)) as CellError;
    expect(missing.message).toBe('Cannot import "./other": the modules a cell can import here are cef, ./solution.');
  });

  test("logs printed before an error are kept", async () => {
    const error = (await executeCell('console.log("before");\nthrow "plain";').catch((caught: unknown) => caught)) as CellError;
    expect(error.logs).toEqual([{ level: "log", text: "before" }]);
    expect(error.message).toBe('The cell threw "plain"');
  });

  test("a flood of output is cut with a note", async () => {
    const { logs } = await executeCell("for (let i = 0; i < 2000; i++) console.log(i);");
    expect(logs).toHaveLength(501);
    expect(logs.at(-1)!.text).toMatch(/1500 more lines not shown/);
  });
});

describe("runCellInRealm", () => {
  test("describes the value for the page", async () => {
    const outcome = await runCellInRealm('import { usd } from "cef";\nreturn [{ name: "a", usd: usd("1.10") }];');
    expect(outcome.status).toBe("ok");
    expect(outcome.status === "ok" && outcome.value).toEqual({
      kind: "table",
      table: { columns: [{ key: "name", label: "name", numeric: false }, { key: "usd", label: "usd", numeric: true }], rows: [{ name: "a", usd: "1.1" }], totalRows: 1 },
    });
  });

  test("an error outcome has the line; a result that cannot be drawn says why", async () => {
    const failed = await runCellInRealm("const a = 1;\nundefinedName;");
    expect(failed).toMatchObject({ status: "error", line: 2, message: "ReferenceError: undefinedName is not defined" });
    const bad = await runCellInRealm('console.log("x");\nreturn { marks: [{ mark: "pie", data: [] }] };');
    expect(bad).toMatchObject({ status: "error", logs: [{ level: "log", text: "x" }] });
    expect(bad.status === "error" && bad.message).toMatch(/^The result cannot be shown: marks\[0\]\.mark is "pie"/);
  });

  test("the essence chapter's desk loan returns two balance sheets", async () => {
    const outcome = await runCellInRealm(
      [
        'import { Exchange } from "cef";',
        'const ex = new Exchange({ assets: { USD: {}, ALT: { priceUsd: "100" } } });',
        'ex.deposit("customers", "USD", "1000000");',
        'ex.deskBorrow("USD", "600000", { hidden: true });',
        'ex.deskTrade("USD", "ALT", "600000");',
        'ex.setPrice("ALT", "30");',
        "return { reported: ex.reportedBalanceSheet(), true: ex.trueBalanceSheet() };",
      ].join("\n"),
    );
    expect(outcome.status).toBe("ok");
    if (outcome.status !== "ok" || outcome.value?.kind !== "sheets") throw new Error("expected sheets");
    expect(outcome.value.sheets.map((sheet) => [sheet.label, sheet.shortfallUsd])).toEqual([
      ["Reported", "0.00"],
      ["True", "420000.00"],
    ]);
  });
});
