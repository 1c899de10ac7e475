import { describe, expect, test } from "vitest";
import remarkCells, { parseCellMeta } from "./remarkCells";

const code = (meta: string, value = "return 1;", line = 3) => ({ type: "code", lang: "ts", meta, value, position: { start: { line } } });
const run = (children: object[], path = "/book/content/chapters/01-essence.mdx") => {
  const tree = { type: "root", children };
  remarkCells()(tree as never, { path });
  return tree.children as Record<string, unknown>[];
};

describe("remarkCells", () => {
  test("reads the meta", () => {
    expect(parseCellMeta('cell id="desk-loan" timeout=3000')).toEqual({ id: "desk-loan", timeoutMs: "3000", unknown: [] });
    expect(parseCellMeta("title=x")).toBeUndefined();
    expect(parseCellMeta(null)).toBeUndefined();
  });

  test("turns a cell fence into <CodeCell> and leaves other code alone", () => {
    const [cell, plain] = run([code('cell id="a" timeout=3000', "return 1;  \n\n"), code("", "x")]);
    expect(cell).toEqual({
      type: "mdxJsxFlowElement",
      name: "CodeCell",
      attributes: [
        { type: "mdxJsxAttribute", name: "id", value: "a" },
        { type: "mdxJsxAttribute", name: "code", value: "return 1;\n" },
        { type: "mdxJsxAttribute", name: "timeoutMs", value: "3000" },
      ],
      children: [],
      position: { start: { line: 3 } },
    });
    expect(plain).toMatchObject({ type: "code", value: "x" });
  });

  test("fails the build on a bad cell, naming file and line", () => {
    expect(() => run([code("cell")])).toThrow(/01-essence\.mdx:3: a cell needs id=/);
    expect(() => run([code('cell id="a"'), code('cell id="a"', "", 9)])).toThrow(/:9: the cell id "a" is used twice/);
    expect(() => run([code('cell id="a" timeout=2s')])).toThrow(/timeout is in milliseconds/);
    expect(() => run([{ ...code('cell id="a"'), lang: "js" }])).toThrow(/must be TypeScript/);
    expect(() => run([code('cell id="a" run')])).toThrow(/unknown cell setting run/);
    expect(() => run([code('cell id="a"')], "/book/content/glossary/x.md")).toThrow(/only in \.mdx files/);
  });
});
