import { describe, expect, it } from "vitest";
import { Decimal, formatAsset, formatExact, formatPercent, formatUsd, toDecimal, usd } from "./money";

describe("money", () => {
  it("keeps 34 significant digits: 0.1 + 0.2 is exactly 0.3", () => {
    expect(new Decimal("0.1").plus("0.2").toString()).toBe("0.3");
    expect(new Decimal(1).div(3).toString()).toBe("0.3333333333333333333333333333333333");
  });

  it.each([
    ["1,250.50", "1250.5"],
    ["$1,250.50", "1250.5"],
    ["-$3,400", "-3400"],
    ["\u22123400", "-3400"],
    ["1.25M", "1250000"],
    ["2.5k", "2500"],
    ["3B", "3000000000"],
    [".5", "0.5"],
  ])("parses %s as %s", (text, expected) => {
    expect(usd(text).toString()).toBe(expected);
  });

  it.each(["", "abc", "1,25", "12..5", "$", "1e5x", "NaN", "Infinity", "1,2345"])("refuses %j with a RangeError", (text) => {
    expect(() => usd(text)).toThrow(RangeError);
  });

  it("refuses NaN and infinities as amounts", () => {
    expect(() => toDecimal(Number.NaN)).toThrow(/finite/);
    expect(() => toDecimal(Number.POSITIVE_INFINITY, "depth")).toThrow(/depth must be a finite number/);
    expect(() => toDecimal("twelve", "price")).toThrow(/price must be a number/);
  });

  it("formats for reading and for tables", () => {
    expect(formatUsd("1250000")).toBe("$1.25M");
    expect(formatUsd("-3400")).toBe("\u2212$3,400.00");
    expect(formatUsd("950")).toBe("$950.00");
    expect(formatUsd("12345")).toBe("$12.34k"); // half-even: 12.345 → 12.34
    expect(formatUsd("8700000000")).toBe("$8.7B");
    expect(formatUsd("2.125", { compact: false })).toBe("$2.12");
    expect(formatExact(usd("1250.5"))).toBe("1250.5");
    expect(formatAsset("12.5", "BTC")).toBe("12.5 BTC");
    expect(formatPercent("0.125")).toBe("12.5%");
  });
});
