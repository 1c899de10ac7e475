/**
 * Every registered widget, checked the same way: its model renders a default
 * figure at build time (snapshot), and for random settings inside the
 * controls' ranges it either computes a result with no NaN or Infinity on
 * screen, or refuses with a RangeError sentence — never anything else.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { widgets } from "../../src/lib/widgetRegistry";
import { widgetLoaders } from "./_kit/loaders";
import { renderDefault } from "./_kit/serverFigure";
import type { ParamSpec, ParamSpecs } from "../../src/lib/urlState";
import { snapToStep } from "../../src/lib/urlState";
import { engineCallSource } from "../../src/lib/engineSource";
import { readFileSync } from "node:fs";

function arbitraryValue(spec: ParamSpec): fc.Arbitrary<number | boolean | string> {
  if (spec.kind === "number") {
    const steps = Math.round((spec.max - spec.min) / spec.step);
    return fc.integer({ min: 0, max: steps }).map((k) => snapToStep(spec.min + k * spec.step, spec));
  }
  if (spec.kind === "boolean") return fc.boolean();
  return fc.constantFrom(...spec.options.map((option) => option.value));
}

function arbitraryValues(specs: ParamSpecs) {
  return fc.record(Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, arbitraryValue(spec)])));
}

const BAD = /NaN|Infinity|undefined|\[object Object\]/;

describe.each(widgets.map((info) => [info.id, info] as const))("widget %s", (id, info) => {
  it("is registered with a loader, a model file with a marked engine call, and a question", async () => {
    expect(widgetLoaders[id], `components/widgets/_kit/loaders.ts has no "${id}"`).toBeTypeOf("function");
    expect(info.question.endsWith("?")).toBe(true);
    const source = readFileSync(`components/widgets/${info.folder}/model.ts`, "utf8");
    expect(engineCallSource(source, info.folder).length).toBeGreaterThan(20);
  });

  it("renders its default state at build time", async () => {
    const model = (await widgetLoaders[id]!()).default;
    const initial = renderDefault(model);
    expect(initial.svg).toMatch(/<svg/);
    expect(initial.summary).not.toMatch(BAD);
    expect(initial.summary.length).toBeGreaterThan(20);
    expect(initial.table.rows.length).toBeGreaterThan(0);
    for (const row of initial.table.rows) for (const value of Object.values(row)) expect(String(value)).not.toMatch(BAD);
    await expect(initial.svg).toMatchFileSnapshot(`./__snapshots__/${id}.svg`);
  });

  it("never shows NaN and refuses impossible settings only with a RangeError", async () => {
    const model = (await widgetLoaders[id]!()).default;
    if (model.heavy) return; // heavy widgets are covered by their own tests at smaller sizes
    fc.assert(
      fc.property(arbitraryValues(model.params), (values) => {
        let result: unknown;
        try {
          result = model.compute(values as never);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          expect((error as Error).message.length).toBeGreaterThan(10);
          return;
        }
        expect(model.summary(result)).not.toMatch(BAD);
        for (const row of model.table(result).rows) for (const value of Object.values(row)) expect(String(value)).not.toMatch(BAD);
      }),
      { numRuns: 40 },
    );
  });
});
