import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { coerceParam, defaultValues, parseParams, serializeParams, snapToStep, type ParamSpecs } from "./urlState";

const specs = {
  leverage: { kind: "number", label: "Leverage", default: 10, min: 1, max: 100, step: 0.5, unit: "×" },
  shock: { kind: "number", label: "Shock", default: 0.1, min: 0, max: 0.5, step: 0.01, unit: "%", displayScale: 100 },
  adl: { kind: "boolean", label: "Auto-deleveraging", default: true },
  mode: { kind: "choice", label: "Margin mode", default: "isolated", options: [{ value: "isolated", label: "Isolated" }, { value: "cross", label: "Cross" }] },
} satisfies ParamSpecs;

function isValid(values: Record<string, unknown>): boolean {
  const { leverage, shock, adl, mode } = values as { leverage: number; shock: number; adl: boolean; mode: string };
  return (
    Number.isFinite(leverage) && leverage >= 1 && leverage <= 100 && Number.isInteger(leverage * 2) &&
    Number.isFinite(shock) && shock >= 0 && shock <= 0.5 &&
    typeof adl === "boolean" && (mode === "isolated" || mode === "cross")
  );
}

describe("URL state", () => {
  it("round-trips every valid state through the query string", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200 }),
        fc.integer({ min: 0, max: 50 }),
        fc.boolean(),
        fc.constantFrom("isolated", "cross"),
        (twiceLeverage, shockPercent, adl, mode) => {
          const values = { leverage: twiceLeverage / 2, shock: shockPercent / 100, adl, mode };
          const search = serializeParams(specs, values, "cascade", "?other=1");
          const parsed = parseParams(specs, search, "cascade");
          expect(parsed.values).toEqual(values);
          expect(parsed.notices).toEqual([]);
          expect(new URLSearchParams(search).get("other")).toBe("1");
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never throws and always yields valid parameters on 1 000 random or malformed query strings", () => {
    const junkValue = fc.oneof(fc.string(), fc.constantFrom("NaN", "Infinity", "-1e309", "1e999", "", "%", "%E0%A4%A", "true", "0x10", " 12 "), fc.double().map(String));
    const key = fc.oneof(fc.constantFrom("leverage", "shock", "adl", "mode", "nope", "__proto__", "constructor"), fc.string());
    const query = fc.oneof(
      fc.string(),
      fc.array(fc.tuple(key, junkValue), { maxLength: 8 }).map((pairs) => "?" + pairs.map(([k, v]) => `w.cascade.${k}=${encodeURIComponent(v)}`).join("&")),
      fc.array(fc.tuple(key, junkValue), { maxLength: 8 }).map((pairs) => "?" + pairs.map(([k, v]) => `w.cascade.${k}=${v}`).join("&")),
    );
    fc.assert(
      fc.property(query, (search) => {
        const { values } = parseParams(specs, search, "cascade");
        expect(isValid(values)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("explains what it did with a bad value", () => {
    const { values, notices } = parseParams(specs, "?w.cascade.leverage=abc&w.cascade.shock=0.9&w.cascade.mode=hedge&w.cascade.zzz=1", "cascade");
    expect(values).toEqual({ ...defaultValues(specs), shock: 0.5 });
    expect(notices).toEqual([
      "Leverage: “abc” is not a number, so the default 10× is used.",
      "Shock must be between 0% and 50%; 90% was set to 50%.",
      "Margin mode: “hedge” is not one of the choices, so “Isolated” is used.",
      "The link sets “zzz”, which this figure does not have; it was ignored.",
    ]);
  });

  it("leaves no trace for default values and keeps other widgets' keys", () => {
    expect(serializeParams(specs, defaultValues(specs), "cascade", "?w.run.x=2&w.cascade.leverage=20")).toBe("?w.run.x=2");
  });

  it("snaps to the step grid without float dust", () => {
    expect(snapToStep(0.30000000000000004, specs.shock)).toBe(0.3);
    expect(snapToStep(7.3, specs.leverage)).toBe(7.5);
    expect(coerceParam(specs.adl, "maybe").notice).toMatch(/not on or off/);
  });
});
