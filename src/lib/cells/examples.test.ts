/**
 * Every starter example of the Lab and every code cell in the chapters runs in
 * the worker-equivalent environment (`executeCell` in this realm, `cef` = the
 * library) without an error and returns a value the page can show. Also: an
 * error in a cell is reported on the reader's line.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CellError, executeCell } from "./execute";
import { toCellValue } from "./serialize";
import { STARTER_EXAMPLES, examplesFor } from "./examples";

const chaptersDir = fileURLToPath(new URL("../../../content/chapters/", import.meta.url));

/** A ```ts cell block of a chapter, with its id and the line its code starts on. */
interface ChapterCell {
  chapter: string;
  id: string;
  code: string;
  line: number;
}

/** Extracts the ```ts cell blocks of an MDX source (the fence's meta must hold the word `cell`). */
function extractCells(chapter: string, source: string): ChapterCell[] {
  const cells: ChapterCell[] = [];
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(?:ts|typescript)\s+(.*)$/.exec(lines[i]!);
    if (!open || !/(^|\s)cell(\s|$)/.test(open[1]!)) continue;
    const id = /\bid="([^"]+)"/.exec(open[1]!)?.[1] ?? "";
    const end = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    if (end === -1) throw new Error(`${chapter}: the cell at line ${i + 1} is not closed.`);
    cells.push({ chapter, id, code: lines.slice(i + 1, end).join("\n"), line: i + 2 });
    i = end;
  }
  return cells;
}

const chapterFiles = readdirSync(chaptersDir).filter((name) => name.endsWith(".mdx")).sort();
const chapterCells = chapterFiles.flatMap((file) => extractCells(file, readFileSync(join(chaptersDir, file), "utf8")));

/** Every module of the library, as the Lab groups them. */
const SIM_MODULES = ["money", "random", "ledger", "exchange", "rehypothecation", "run", "reserves", "margin", "orderbook", "liquidation", "cascade", "contagion", "dex", "lending", "settlement", "scenarios"];

/** Generous: the budget is 300 ms on a reader's machine; CI shares two cores with other jobs. */
const TIME_LIMIT_MS = 3_000;

async function runAndDescribe(code: string) {
  const started = performance.now();
  const { value, logs } = await executeCell(code);
  const ms = performance.now() - started;
  return { value, logs, ms, shown: toCellValue(value) };
}

describe("starter examples", () => {
  it("one or more per library module, ids unique", () => {
    for (const module of SIM_MODULES) expect(examplesFor(module).length, module).toBeGreaterThan(0);
    expect(new Set(STARTER_EXAMPLES.map((e) => e.id)).size).toBe(STARTER_EXAMPLES.length);
    for (const example of STARTER_EXAMPLES) expect(SIM_MODULES).toContain(example.module);
  });

  for (const example of STARTER_EXAMPLES) {
    it(`${example.id} runs and returns something to show`, async () => {
      const lines = example.code.split("\n").length;
      expect(lines, "short enough to read").toBeLessThanOrEqual(22);
      const { value, shown, ms } = await runAndDescribe(example.code);
      expect(value).not.toBeUndefined();
      expect(shown).toBeDefined();
      expect(shown!.kind, "a table, a chart or a balance sheet").toMatch(/^(table|series|plot|sheets)$/);
      expect(ms).toBeLessThan(TIME_LIMIT_MS);
    });
  }
});

describe("chapter cells", () => {
  it("at least two in every chapter, each with a unique id named after its chapter", () => {
    for (const file of chapterFiles) {
      const slug = file.replace(/^\d+-/, "").replace(/\.mdx$/, "");
      const cells = chapterCells.filter((cell) => cell.chapter === file);
      expect(cells.length, file).toBeGreaterThanOrEqual(2);
      for (const cell of cells) expect(cell.id, `${file}:${cell.line}`).toMatch(new RegExp(`^${slug}-[a-z0-9-]+$`));
    }
    expect(new Set(chapterCells.map((cell) => cell.id)).size).toBe(chapterCells.length);
  });

  for (const cell of chapterCells) {
    it(`${cell.chapter} ${cell.id} runs and returns a value`, async () => {
      expect(cell.code.split("\n").length, "short enough to read beside the prose").toBeLessThanOrEqual(22);
      const { value, shown, ms } = await runAndDescribe(cell.code);
      expect(value, `${cell.chapter}:${cell.line}`).not.toBeUndefined();
      expect(shown).toBeDefined();
      expect(ms).toBeLessThan(TIME_LIMIT_MS);
    });
  }
});

describe("errors point at the reader's line", () => {
  it("a throw inside the library is reported on the cell line that called it", async () => {
    const code = ['import { usd } from "cef";', "", "const ok = usd(\"1,250.50\");", 'const bad = usd("twelve dollars");', "return ok.plus(bad);"].join("\n");
    const error = await executeCell(code).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(CellError);
    expect((error as CellError).line).toBe(4);
    expect((error as CellError).message).toContain("twelve dollars");
  });

  it("a type-annotated cell keeps its lines after types are stripped", async () => {
    const code = ["import { D, type Decimal } from \"cef\";", "interface Row {", "  usd: Decimal;", "}", "const rows: Row[] = [{ usd: D(1) }];", "rows[3].usd.plus(1);"].join("\n");
    await expect(executeCell(code)).rejects.toMatchObject({ line: 6 });
  });

  it("a starter example with a mistake fails on the line of the mistake", async () => {
    const example = STARTER_EXAMPLES.find((e) => e.id === "margin-leverage")!;
    const lines = example.code.split("\n");
    const at = lines.findIndex((line) => line.includes("liquidationPrice({"));
    lines[at] = lines[at]!.replace('maintenanceMarginRate: "0.004"', 'maintenanceMarginRate: "1.5"');
    await expect(executeCell(lines.join("\n"))).rejects.toMatchObject({ line: at + 1 });
  });
});
