/**
 * The API reference extractor: on a small fixture library (a function, a
 * class, a constant, an interface, re-exported through an index) and on the
 * real simulation library, whose every value export must be documented.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as sim from "@sim";
import { buildApiReference, parseDocText, parseExample, simApiReference, type ApiExport } from "./apiReference";

const fixture = mkdtempSync(join(tmpdir(), "api-reference-"));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

writeFileSync(
  join(fixture, "shapes.ts"),
  `/** shapes — a fixture. */

/**
 * Area of a square.
 *
 * Second paragraph, with a {@link Square}.
 *
 * @param side - length of a side, in metres
 * @throws RangeError when \`side\` is negative
 * @example
 * area(3) //=> 9
 */
export function area(side: number, unit = "m"): number {
  return side * side;
}

/** A square. */
export interface Square {
  /** Its side. */
  side: number;
}

/**
 * Defaults.
 *
 * @example
 * SQUARE_DEFAULTS.side //=> 1
 */
export const SQUARE_DEFAULTS = { side: 1 } as const;

export function undocumented(): void {}
`,
);
writeFileSync(
  join(fixture, "counter.ts"),
  `/**
 * A counter.
 *
 * @example
 * const c = new Counter(); c.add(2); c.value //=> 2
 */
export class Counter {
  private count = 0;
  /** Starts at zero. */
  constructor(start?: number) {}
  /** The count. */
  get value(): number { return this.count; }
  /**
   * Adds.
   *
   * @example
   * new Counter().add(1) //=> 1
   */
  add(n: number): number { return (this.count += n); }
  private secret(): void {}
}
`,
);
writeFileSync(join(fixture, "index.ts"), `export { Counter } from "./counter";\nexport { area, SQUARE_DEFAULTS, undocumented } from "./shapes";\nexport type { Square } from "./shapes";\n`);

describe("buildApiReference on a fixture", () => {
  const modules = buildApiReference(join(fixture, "index.ts"));
  const byName = new Map(modules.flatMap((m) => m.exports).map((e) => [e.name, e]));

  it("groups exports by their module, in the entry's order", () => {
    expect(modules.map((m) => m.name)).toEqual(["counter", "shapes"]);
    expect(modules[1]!.exports.map((e) => e.name)).toEqual(["area", "SQUARE_DEFAULTS", "undocumented", "Square"]);
  });

  it("describes a function: signature without body, summary, details, params, throws, example with result", () => {
    const area = byName.get("area")!;
    expect(area.kind).toBe("function");
    expect(area.signature).toBe('function area(side: number, unit = "m"): number');
    expect(area.summary).toEqual([{ kind: "text", text: "Area of a square." }]);
    expect(area.details[0]).toContainEqual({ kind: "link", target: "Square", text: "Square" });
    expect(area.params).toEqual([
      { name: "side", type: "number", optional: false, doc: [{ kind: "text", text: "length of a side, in metres" }] },
      { name: "unit", type: "unknown", optional: true, defaultValue: '"m"', doc: [] },
    ]);
    expect(area.throws[0]).toContainEqual({ kind: "code", text: "side" });
    expect(area.examples).toEqual([[{ code: "area(3)", result: "9" }]]);
  });

  it("describes constants, interfaces and undocumented exports", () => {
    expect(byName.get("SQUARE_DEFAULTS")).toMatchObject({ kind: "constant", signature: "const SQUARE_DEFAULTS = { side: 1 } as const" });
    expect(byName.get("Square")).toMatchObject({ kind: "interface" });
    expect(byName.get("Square")!.signature).toContain("/** Its side. */");
    expect(byName.get("undocumented")).toMatchObject({ kind: "function", summary: [], examples: [] });
  });

  it("lists a class's public members only", () => {
    const counter = byName.get("Counter")!;
    expect(counter.kind).toBe("class");
    expect(counter.members.map((m) => `${m.kind}:${m.name}`)).toEqual(["constructor:constructor", "getter:value", "method:add"]);
    expect(counter.members[0]!.signature).toBe("new Counter(start?: number)");
    expect(counter.members[2]!.examples).toEqual([[{ code: "new Counter().add(1)", result: "1" }]]);
  });
});

describe("the simulation library's reference", () => {
  const modules = simApiReference();
  const entries = modules.flatMap((m) => m.exports);
  const byName = new Map(entries.map((e) => [e.name, e]));

  it("covers every value export of src/sim/index.ts, each once", () => {
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    for (const name of Object.keys(sim)) expect(byName.has(name), name).toBe(true);
  });

  it("has a section per library module", () => {
    expect(modules.map((m) => m.name).sort()).toEqual(
      ["money", "random", "ledger", "exchange", "rehypothecation", "run", "reserves", "margin", "orderbook", "liquidation", "cascade", "contagion", "dex", "lending", "settlement", "scenarios"].sort(),
    );
  });

  it("documents every exported function, class and constant with a summary", () => {
    const undocumented = entries.filter((e: ApiExport) => e.kind !== "interface" && e.kind !== "type" && e.summary.length === 0).map((e) => e.name);
    expect(undocumented).toEqual([]);
  });

  it("keeps the worked example of liquidationPrice with its results", () => {
    const entry = byName.get("liquidationPrice")!;
    expect(entry).toMatchObject({ module: "margin", kind: "function", signature: "function liquidationPrice(p: LiquidationPriceInput): Decimal" });
    expect(entry.examples[0]!.map((line) => line.result)).toEqual(['"60542.17"', '"73406.37"']);
  });

  it("lists Exchange's methods with their examples", () => {
    const exchange = byName.get("Exchange")!;
    const deskBorrow = exchange.members.find((m) => m.name === "deskBorrow")!;
    expect(deskBorrow.signature).toContain("deskBorrow(code: string, amount: DecimalInput");
    expect(deskBorrow.examples.length).toBeGreaterThan(0);
  });
});

describe("doc text and examples", () => {
  it("parses code spans and links", () => {
    expect(parseDocText("Use `x` or {@link Foo | the foo}.")).toEqual([
      { kind: "text", text: "Use " },
      { kind: "code", text: "x" },
      { kind: "text", text: " or " },
      { kind: "link", target: "Foo", text: "the foo" },
      { kind: "text", text: "." },
    ]);
  });

  it("splits results off example lines", () => {
    expect(parseExample("const a = 1;\na + 1 //=> 2\n")).toEqual([{ code: "const a = 1;" }, { code: "a + 1", result: "2" }]);
  });
});
