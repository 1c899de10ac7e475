import { describe, expect, test } from "vitest";
import { Decimal, Exchange } from "../../sim/index";
import { formatValue, toCellValue } from "./serialize";

describe("toCellValue", () => {
  test("Decimals are exact text, never exponent notation or floats", () => {
    expect(toCellValue(new Decimal("0.1").plus("0.2"))).toEqual({ kind: "decimal", text: "0.3" });
    expect(toCellValue(new Decimal("1e25").plus("0.000001"))).toEqual({ kind: "decimal", text: "10000000000000000000000000.000001" });
    expect(toCellValue(new Decimal("-2.50"))).toEqual({ kind: "decimal", text: "-2.5" });
  });

  test("primitives", () => {
    expect(toCellValue(undefined)).toBeUndefined();
    expect(toCellValue(null)).toEqual({ kind: "null", text: "null" });
    expect(toCellValue(-0)).toEqual({ kind: "number", text: "0" });
    expect(toCellValue(NaN)).toEqual({ kind: "number", text: "NaN" });
    expect(toCellValue(12n)).toEqual({ kind: "number", text: "12" });
    expect(toCellValue("hi")).toEqual({ kind: "string", text: "hi" });
    expect(toCellValue(true)).toEqual({ kind: "boolean", text: "true" });
  });

  test("an array of records is a table; Decimals exact; numeric columns flagged", () => {
    const value = toCellValue([
      { who: "alice", usd: new Decimal("10.50"), n: 1 },
      { who: "bob", usd: new Decimal("3"), extra: { a: 1 } },
    ]);
    expect(value).toEqual({
      kind: "table",
      table: {
        columns: [
          { key: "who", label: "who", numeric: false },
          { key: "usd", label: "usd", numeric: true },
          { key: "n", label: "n", numeric: true },
          { key: "extra", label: "extra", numeric: false },
        ],
        rows: [
          { who: "alice", usd: "10.5", n: 1, extra: "" },
          { who: "bob", usd: "3", n: "", extra: "{ a: 1 }" },
        ],
        totalRows: 2,
      },
    });
  });

  test("a long table keeps 1000 rows and says how many there were", () => {
    const value = toCellValue(Array.from({ length: 1500 }, (_, i) => ({ i, label: `row ${i}` })));
    expect(value?.kind === "table" && [value.table.rows.length, value.table.totalRows]).toEqual([1000, 1500]);
  });

  test("numbers, Decimals and {x, y} arrays are series", () => {
    const numbers = toCellValue([1, 4, new Decimal("9.5")]);
    expect(numbers?.kind === "series" && numbers.points).toEqual([{ x: 0, y: 1 }, { x: 1, y: 4 }, { x: 2, y: 9.5 }]);
    expect(numbers?.kind === "series" && numbers.table.rows[2]).toEqual({ x: 2, y: "9.5" });
    const points = toCellValue([{ x: 1, y: new Decimal("2") }, { x: 2, y: 3 }]);
    expect(points?.kind === "series" && points.points).toEqual([{ x: 1, y: 2 }, { x: 2, y: 3 }]);
    // A third key makes it a table of records, not a series.
    expect(toCellValue([{ x: 1, y: 2, z: 3 }])?.kind).toBe("table");
    expect(toCellValue([])).toEqual({ kind: "json", text: "[]" });
  });

  test("a plot spec is checked and made plain", () => {
    const value = toCellValue({
      marks: [{ mark: "lineY", data: [{ day: 1, usd: new Decimal("2.5") }], options: { x: "day", y: "usd", stroke: "var(--chart-1)" } }],
      y: { label: "USD", grid: true },
      title: "Price",
    });
    expect(value).toEqual({
      kind: "plot",
      spec: {
        marks: [{ mark: "lineY", data: [{ day: 1, usd: 2.5 }], options: { x: "day", y: "usd", stroke: "var(--chart-1)" } }],
        scales: { y: { label: "USD", grid: true } },
        title: "Price",
      },
    });
    expect(() => toCellValue({ marks: [{ mark: "lineY", data: [], options: { x: (d: unknown) => d } }] })).toThrow(/marks\[0\]\.options\.x is a function/);
    expect(() => toCellValue({ marks: [{ mark: "pie", data: [] }] })).toThrow(/"pie", which a cell cannot draw/);
    expect(() => toCellValue({ marks: [{ mark: "dot", data: 5 }] })).toThrow(/data must be an array/);
  });

  test("balance sheets are drawn like the X-ray: one or a labelled set", () => {
    const ex = new Exchange({ assets: { USD: {}, ALT: { priceUsd: "100" } } });
    ex.deposit("customers", "USD", "1000000");
    ex.deskBorrow("USD", "600000", { hidden: true });
    ex.deskTrade("USD", "ALT", "600000");
    ex.setPrice("ALT", "30");
    const single = toCellValue(ex.trueBalanceSheet());
    expect(single?.kind === "sheets" && single.sheets[0]).toMatchObject({
      label: "True",
      basis: "true",
      custodyUsd: "400000.00",
      receivablesUsd: "180000.00",
      liabilitiesUsd: "1000000.00",
      equityUsd: "-420000.00",
      shortfallUsd: "420000.00",
      deskRecoveryRate: "0.3",
    });
    const pair = toCellValue({ reported: ex.reportedBalanceSheet(), true: ex.trueBalanceSheet() });
    expect(pair?.kind === "sheets" && pair.sheets.map((sheet) => sheet.label)).toEqual(["Reported", "True"]);
    expect(pair?.kind === "sheets" && pair.sheets[0]!.lines.find((line) => line.asset === "USD")).toEqual({
      asset: "USD",
      priceUsd: "1",
      custody: "1000000",
      receivable: "0",
      liabilities: "1000000",
      equity: "0",
    });
    const list = toCellValue([ex.reportedBalanceSheet(), ex.trueBalanceSheet()]);
    expect(list?.kind).toBe("sheets");
  });

  test("everything else is readable text; the result is structured-clone safe", () => {
    const cyclic: Record<string, unknown> = { name: "loop", amount: new Decimal("1.25") };
    cyclic.self = cyclic;
    const value = toCellValue(cyclic);
    expect(value).toEqual({ kind: "json", text: '{ name: "loop", amount: 1.25, self: [circular] }' });
    expect(structuredClone(toCellValue(new Exchange()))).toMatchObject({ kind: "json" });
    expect(toCellValue(() => 1)).toEqual({ kind: "json", text: "[function (anonymous)]" });
  });
});

describe("formatValue", () => {
  test("long arrays, Maps and Sets", () => {
    expect(formatValue(Array.from({ length: 102 }, (_, i) => i), { pretty: false })).toMatch(/, 99, … 2 more\]$/);
    expect(formatValue(new Map([["a", 1]]))).toBe('Map(1) { "a" => 1 }');
    expect(formatValue(new Set([new Decimal("0.5")]))).toBe("Set(1) { 0.5 }");
  });

  test("wide objects spread over lines", () => {
    const text = formatValue({ alpha: "a".repeat(30), beta: "b".repeat(30), gamma: [1, 2, 3] });
    expect(text.split("\n")).toEqual(["{", `  alpha: "${"a".repeat(30)}",`, `  beta: "${"b".repeat(30)}",`, "  gamma: [1, 2, 3]", "}"]);
  });
});
