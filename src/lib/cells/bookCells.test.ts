/**
 * Every code cell in the chapters runs, in the worker-equivalent environment,
 * without an error: a change to the library that breaks a reader's example
 * fails here, not on the page.
 */
import { describe, expect, test } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCellMeta } from "../remarkCells";
import { runCellInRealm } from "./execute";

const chapters = join(process.cwd(), "content", "chapters");
const cells = readdirSync(chapters)
  .filter((name) => name.endsWith(".mdx"))
  .flatMap((file) => {
    const text = readFileSync(join(chapters, file), "utf8");
    return [...text.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```/gm)].flatMap((match) => {
      const settings = parseCellMeta(match[2]);
      return settings?.id ? [{ file, id: settings.id, code: match[3]! }] : [];
    });
  });

describe("the book's code cells", () => {
  test("the chapters have cells", () => {
    expect(cells.map((cell) => cell.id)).toContain("essence-desk-loan");
  });

  test.each(cells.map((cell) => [`${cell.file} · ${cell.id}`, cell] as const))("%s runs", async (_name, cell) => {
    const outcome = await runCellInRealm(cell.code);
    expect(outcome.status === "error" ? `line ${outcome.line}: ${outcome.message}` : outcome.status).toBe("ok");
  });

  test("essence-desk-loan shows the hidden hole: reported whole, true 420 million short", async () => {
    const cell = cells.find((candidate) => candidate.id === "essence-desk-loan")!;
    const outcome = await runCellInRealm(cell.code);
    if (outcome.status !== "ok" || outcome.value?.kind !== "sheets") throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
    expect(outcome.value.sheets.map((sheet) => [sheet.label, sheet.shortfallUsd])).toEqual([
      ["Reported", "0.00"],
      ["True", "420000000.00"],
    ]);
    expect(outcome.logs.map((line) => line.text)).toEqual(["Shortfall the customers see: 0", "Shortfall in truth: 420000000"]);
  });
});
