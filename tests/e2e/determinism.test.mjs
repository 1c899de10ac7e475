/**
 * Same seed, same numbers, in Node and in Chromium: the seeded generator and
 * the price paths built on it are bundled for the browser and compared with
 * the same calls in Node, value for value.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import { launch } from "./helpers.mjs";
import { Random, fingerprint, RANDOM_TEST_VECTORS, gbmPath, fatTailPath } from "../../src/sim/random.ts";
import * as portable from "../../src/sim/portableMath.ts";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** What both sides compute: raw draws, distributions and two price paths. */
function sample(sim) {
  const random = new sim.Random("determinism-check");
  return {
    fingerprints: ["alpha", "beta", 42].map((seed) => sim.fingerprint(seed, 16)),
    uniform: Array.from({ length: 50 }, () => random.uniform()),
    normal: Array.from({ length: 50 }, () => random.normal()),
    studentT: Array.from({ length: 50 }, () => random.studentT(3)),
    gbm: sim.gbmPath({ seed: "gbm", startPrice: "60000", steps: 64 }).map(String),
    fat: sim.fatTailPath({ seed: "fat", startPrice: "60000", steps: 64 }).map(String),
    math: Array.from({ length: 200 }, (_, i) => [sim.log(0.001 + i * 0.37), sim.exp(-20 + i * 0.2), sim.pow(1 + i / 50, -0.67)]),
  };
}

test("the seeded generator gives identical sequences in Node and in Chromium", async () => {
  const bundle = await build({
    stdin: { contents: 'export * from "./src/sim/random.ts"; export { exp, log, pow } from "./src/sim/portableMath.ts";', resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    format: "iife",
    globalName: "sim",
    write: false,
    platform: "browser",
  });
  const page = await browser.newPage();
  await page.setContent("<!doctype html><title>determinism</title>");
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const inBrowser = await page.evaluate(`(${sample.toString()})(sim)`);
  const inNode = sample({ Random, fingerprint, gbmPath, fatTailPath, ...portable });
  for (const key of Object.keys(inNode)) {
    const a = inBrowser[key].flat(), b = inNode[key].flat();
    const first = a.findIndex((value, i) => value !== b[i]);
    if (first !== -1) console.log(key, "first difference at", first, a[first], b[first], "lengths", a.length, b.length);
  }
  assert.deepEqual(inBrowser, inNode);
  for (const vector of RANDOM_TEST_VECTORS) {
    assert.deepEqual(await page.evaluate(([seed, n]) => sim.fingerprint(seed, n), [vector.seed, vector.uint32.length]), [...vector.uint32]);
  }
  await page.close();
});
