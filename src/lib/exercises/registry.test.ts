/**
 * The book's exercises, checked as data: ids, coverage, determinism, clean
 * text, answers that grade as correct, settings that the widget's own model
 * accepts, code whose reference passes and whose starter fails, enough
 * variety that students get different numbers, and hand-checked answers.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../sim/index";
import { widgets } from "../widgetRegistry";
import { defaultValues, type ParamSpecs } from "../urlState";
import { executeCell } from "../cells/execute";
import { exerciseById, exercises, exercisesForChapter } from "./registry";
import { VariantRng } from "./prng";
import { variantKey, variantSeed } from "./seed";
import type { ChapterSlug, CodeExercise, DrawnParams, Exercise, NumericExercise, SettingExercise, Tolerance } from "./types";

const CHAPTERS: ChapterSlug[] = ["essence", "origin", "theory", "approach", "evolution", "horizon"];
const SEEDS = 50;
/** Some settings run their widget's model for every draw (the run lab: one simulation per variant); allow for a busy machine. */
const SLOW_MS = 180_000;
const BAD_TEXT = ["NaN", "undefined", "Infinity", "[object"];

/**
 * Exercises exempt from the "1 000 students, ≥ 95 % distinct variants" rule, why, and the
 * lower floor they must still meet (0: conceptual, no floor).
 */
const VARIETY_EXEMPT: Record<string, { why: string; floor: number }> = {
  "essence-what-is-a-balance": { why: "conceptual: five of six statements, shuffled", floor: 0 },
  "essence-contagion-channel": { why: "conceptual: six scenarios, shuffled choices", floor: 0 },
  "essence-exploit-or-failure": { why: "conceptual: five of six statements, shuffled", floor: 0 },
  "origin-ftx-timeline": { why: "conceptual: dated events from the sources, shuffled", floor: 0 },
  "horizon-hybrid-operator": { why: "conceptual: five of six statements, shuffled", floor: 0 },
  "horizon-rollup-trust": { why: "conceptual: statements about rollups, shuffled", floor: 0 },
  "horizon-onchain-risks": { why: "conceptual: four incidents, shuffled risks", floor: 0 },
  "evolution-segregation-law": { why: "conceptual: two regimes, five of six statements, shuffled", floor: 0 },
  "theory-rehypothecation-capital": {
    why: "a setting on the widget's slider grid (hops 2–8, reuse and recovery in 5% steps, answer ≤ USD 30,000): about 94–95% distinct",
    floor: 900,
  },
};

function rngFor(exerciseId: string, studentId: string): VariantRng {
  return new VariantRng(variantSeed("test", exerciseId, studentId));
}

function draw(exercise: Exercise, studentId: string): DrawnParams {
  return exercise.params(rngFor(exercise.id, studentId));
}

function chapterObjectives(): Map<string, string[]> {
  const dir = new URL("../../../content/chapters/", import.meta.url);
  const result = new Map<string, string[]>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith(".mdx")) continue;
    const text = readFileSync(new URL(file, dir), "utf8");
    const front = text.split(/^---$/m)[1] ?? "";
    const slug = /^slug:\s*(\S+)/m.exec(front)?.[1] ?? "";
    const objectives = [...front.matchAll(/^\s+-\s+"(.*)"\s*$/gm)].map((m) => m[1]!.replace(/\\"/g, '"'));
    result.set(slug, objectives);
  }
  return result;
}

function withinTolerance(value: Decimal, answer: Decimal, tolerance: Tolerance): boolean {
  const diff = value.minus(answer).abs();
  if ("abs" in tolerance) return diff.lte(tolerance.abs);
  return diff.lte(answer.abs().times(tolerance.rel));
}

/** What a student reads as prose: plain text, no HTML, no LaTeX or bare dollar signs. */
function proseTexts(exercise: Exercise, p: DrawnParams): string[] {
  const texts = [exercise.title, exercise.prompt(p), exercise.solution(p), ...exercise.hints(p), exercise.canonical(p)];
  if (exercise.kind === "choice") texts.push(...exercise.choices(p).map((c) => c.label));
  return texts;
}

/** Code shown to a student (starter, reference, checks): free of template accidents. */
function codeTexts(exercise: Exercise, p: DrawnParams): string[] {
  return exercise.kind === "code" ? [exercise.starter(p), exercise.reference(p), exercise.checks(p)] : [];
}

/** The widget's defaults with the canonical "key=value" settings applied. */
function canonicalState(exercise: SettingExercise, p: DrawnParams): Record<string, number | string | boolean> {
  const model = widgetSpecs(exercise.widget);
  const state: Record<string, number | string | boolean> = { ...defaultValues(model) };
  for (const pair of exercise.canonical(p).split(",")) {
    const [key, value] = pair.split("=") as [string, string];
    const spec = model[key];
    if (!spec) throw new Error(`${exercise.id}: canonical names "${key}", which widget ${exercise.widget} does not have.`);
    state[key] = spec.kind === "number" ? Number(value) : spec.kind === "boolean" ? value === "true" : value;
  }
  return state;
}

const specsByWidget = new Map<string, ParamSpecs>();
function widgetSpecs(id: string): ParamSpecs {
  const specs = specsByWidget.get(id);
  if (!specs) throw new Error(`Widget specs for ${id} were not loaded.`);
  return specs;
}

async function loadWidgetSpecs(): Promise<void> {
  for (const exercise of exercises) {
    if (exercise.kind !== "setting" || specsByWidget.has(exercise.widget)) continue;
    const info = widgets.find((w) => w.id === exercise.widget)!;
    const model = (await import(`../../../components/widgets/${info.folder}/model.ts`)).default;
    specsByWidget.set(exercise.widget, model.params);
  }
}

interface CheckResult {
  name: string;
  pass: boolean;
  detail: string;
}

async function runChecks(exercise: CodeExercise, p: DrawnParams, solutionSource: string): Promise<CheckResult[]> {
  const outcome = await executeCell(exercise.checks(p), { modules: { "./solution": solutionSource } });
  return outcome.value as CheckResult[];
}

describe("the exercise registry", () => {
  it("has unique kebab-case ids, found by exerciseById", () => {
    const ids = exercises.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(exerciseById(id).id).toBe(id);
    }
    expect(() => exerciseById("no-such-exercise")).toThrow(/no exercise "no-such-exercise"/);
  });

  it("has at least 4 exercises per chapter, 24 in all, and every kind", () => {
    for (const chapter of CHAPTERS) expect(exercisesForChapter(chapter).length, chapter).toBeGreaterThanOrEqual(4);
    expect(exercises.length).toBeGreaterThanOrEqual(24);
    expect(new Set(exercises.map((e) => e.kind))).toEqual(new Set(["numeric", "choice", "setting", "code"]));
    expect(exercisesForChapter("nowhere")).toEqual([]);
  });

  it("ties every exercise to one of its chapter's objectives, verbatim", () => {
    const objectives = chapterObjectives();
    for (const exercise of exercises) expect(objectives.get(exercise.chapter), exercise.id).toContain(exercise.objective);
  });

  it("uses each widget in at most one setting exercise, and only widgets of the registry", () => {
    const settings = exercises.filter((e): e is SettingExercise => e.kind === "setting");
    const used = settings.map((e) => e.widget);
    expect(new Set(used).size).toBe(used.length);
    for (const id of used) expect(widgets.map((w) => w.id)).toContain(id);
  });
});

describe.each(exercises.map((e) => [e.id, e] as const))("exercise %s", (_id, exercise) => {
  it(`draws the same params for the same seed, and clean text for ${SEEDS} variants`, () => {
    for (let i = 0; i < SEEDS; i++) {
      const student = `student-${i}`;
      const p = draw(exercise, student);
      expect(variantKey(draw(exercise, student))).toBe(variantKey(p));
      for (const text of [...proseTexts(exercise, p), ...codeTexts(exercise, p)]) {
        expect(text.trim().length, `${exercise.id} ${variantKey(p)}`).toBeGreaterThan(0);
        for (const bad of BAD_TEXT) expect(text, `${exercise.id} ${variantKey(p)} contains ${bad}`).not.toContain(bad);
      }
      for (const text of proseTexts(exercise, p)) {
        expect(text, `${exercise.id}: HTML in ${text}`).not.toMatch(/<\/?[a-z][^>]*>/i);
        expect(text, `${exercise.id}: a dollar sign in ${text}`).not.toContain("$");
        // "null" may appear only as code (in backticks), never as a value that leaked into prose.
        expect(text.replace(/`[^`]*`/g, ""), `${exercise.id}: "null" in ${text}`).not.toMatch(/\bnull\b/);
      }
      expect(exercise.hints(p).length).toBeGreaterThan(0);
    }
  }, SLOW_MS);

  if (exercise.kind === "numeric") {
    it("has finite Decimal answers that its own tolerance and canonical form accept", () => {
      const numeric = exercise as NumericExercise;
      for (let i = 0; i < SEEDS; i++) {
        const p = draw(numeric, `student-${i}`);
        const text = numeric.answer(p);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        const answer = new Decimal(text);
        expect(answer.isFinite()).toBe(true);
        const tolerance = numeric.tolerance(p);
        expect(withinTolerance(answer, answer, tolerance)).toBe(true);
        expect(withinTolerance(new Decimal(numeric.canonical(p)), answer, tolerance), `${numeric.id} canonical ${numeric.canonical(p)} vs ${text}`).toBe(true);
      }
    });
  }

  if (exercise.kind === "choice") {
    it("marks correct ids that exist among unique choices", () => {
      for (let i = 0; i < SEEDS; i++) {
        const p = draw(exercise, `student-${i}`);
        const ids = exercise.choices(p).map((c) => c.id);
        expect(new Set(ids).size).toBe(ids.length);
        const correct = exercise.correct(p);
        expect(correct.length).toBeGreaterThan(0);
        if (!exercise.multiple) expect(correct.length).toBe(1);
        for (const id of correct) expect(ids).toContain(id);
        expect(exercise.canonical(p)).toBe([...correct].sort().join(","));
      }
    });
  }

  if (exercise.kind === "setting") {
    it("accepts the canonical setting and refuses the widget's default with a message", async () => {
      await loadWidgetSpecs();
      const setting = exercise as SettingExercise;
      for (let i = 0; i < SEEDS; i++) {
        const p = draw(setting, `student-${i}`);
        const state = canonicalState(setting, p);
        expect(setting.check(p, state), `${setting.id} ${variantKey(p)}`).toEqual({ ok: true });
        const broken = setting.check(p, {} as never);
        expect(broken.ok).toBe(false);
        const defaults = defaultValues(widgetSpecs(setting.widget));
        const verdict = setting.check(p, defaults);
        if (!verdict.ok) {
          expect(verdict.message.length).toBeGreaterThan(20);
          for (const bad of BAD_TEXT) expect(verdict.message).not.toContain(bad);
        }
      }
    }, SLOW_MS);
  }

  if (exercise.kind === "code") {
    it("passes its checks with the reference and fails them with the starter", async () => {
      const code = exercise as CodeExercise;
      for (let i = 0; i < 5; i++) {
        const p = draw(code, `student-${i}`);
        const passing = await runChecks(code, p, code.reference(p));
        expect(passing.length).toBeGreaterThanOrEqual(2);
        for (const check of passing) expect(check.pass, `${code.id} reference: ${check.name}: ${check.detail}`).toBe(true);
        const failing = await runChecks(code, p, code.starter(p));
        expect(failing.some((check) => !check.pass), `${code.id}: the starter passes every check`).toBe(true);
        for (const check of failing) expect(check.detail.length).toBeGreaterThan(0);
      }
    });
  }

  const floor = VARIETY_EXEMPT[exercise.id]?.floor ?? 950;
  if (floor > 0) {
    it(`gives 1 000 students at least ${floor / 10}% distinct variants`, () => {
      const keys = new Set<string>();
      for (let i = 0; i < 1000; i++) keys.add(variantKey(draw(exercise, `id-${i}`)));
      expect(keys.size, exercise.id).toBeGreaterThanOrEqual(floor);
    }, SLOW_MS);
  }
});

describe("variety exemptions", () => {
  it("name real exercises only", () => {
    for (const id of Object.keys(VARIETY_EXEMPT)) expect(() => exerciseById(id)).not.toThrow();
  });
});

/** Answers for fixed params, each checked by hand against the chapter's worked numbers. */
describe("hand-checked answers", () => {
  const numeric = (id: string) => exerciseById(id) as NumericExercise;
  const answerOf = (id: string, p: DrawnParams) => new Decimal(numeric(id).answer(p));

  it("theory: Binance's example, long 60 542.17 and short 73 406.37 (Chapter 3's table)", () => {
    const code = exerciseById("theory-liquidation-price-code");
    const base = { entryUsd: "67000", quantity: "1", marginUsd: "6700", mmr: "0.004" };
    expect(code.canonical({ ...base, side: "long" })).toBe("60542.17");
    expect(code.canonical({ ...base, side: "short" })).toBe("73406.37");
  });

  it("theory: the shortcut is 25.83 too high at 10× and 0.4% (67 000 × 0.904 = 60 568)", () => {
    expect(numeric("theory-shortcut-error").canonical({ side: "long", entryUsd: "67000", leverage: 10, mmr: "0.004" })).toBe("25.83");
  });

  it("theory: BitMEX-style ranking sends short A first in the chapter's three-winner table", () => {
    const adl = exerciseById("theory-adl-first");
    const p = { markUsd: "59800", entryA: "64000", entryB: "66000", entryC: "62000", sizeA: "1", sizeB: "1", sizeC: "0.5", leverageA: 20, leverageB: 2, leverageC: 10 };
    expect(adl.canonical(p)).toBe("A");
  });

  it("theory: a 10% shock with g = 0.5 is 15% after one round (limit 20%)", () => {
    expect(answerOf("theory-cascade-rounds", { shock: "0.1", feedback: "0.5", rounds: 1 }).toString()).toBe("0.15");
    expect(answerOf("theory-cascade-rounds", { shock: "0.1", feedback: "0.5", rounds: 8 }).toFixed(6)).toBe("0.199609");
  });

  it("theory: the default chain (4 re-pledges at 60%, dealer 2 fails) needs 22 000 of capital to stop at dealer 1 (its loss is 21 600)", () => {
    const setting = exerciseById("theory-rehypothecation-capital");
    expect(setting.canonical({ hops: 4, reuseRate: "0.6", failedDealer: 2, recoveryRate: "0", goal: "contain" })).toBe(
      "hops=4,reuseRate=0.6,failedDealer=2,recoveryRate=0,dealerCapitalUsd=22000",
    );
  });

  it("essence: 2 billion of open interest at 20× leaves 60 million uncovered by an 8% gap (Check yourself)", () => {
    expect(answerOf("essence-uncovered-gap", { openInterestUsd: "2000000000", leverage: 20, gap: "0.08", direction: "falls" }).toString()).toBe("60000000");
  });

  it("essence: the X-ray's token desk is 480 million short after a 60% fall (and the smallest fall for 360 million with the altcoin is 60%)", () => {
    const p = { customerUsd: "1000000000", customerBtc: 10000, btcPriceUsd: "60000", loanShare: "0.6", tokenPriceUsd: "25", haircut: "0.5", fall: "0.6" };
    expect(answerOf("essence-token-backing", p).toFixed(2)).toBe("480000000.00");
    expect(exerciseById("essence-xray-smallest-fall").canonical({ loanShare: "0.6", deskAsset: "ALT", targetShortfallUsd: "360000000" })).toBe(
      "loanShare=0.6,deskAsset=ALT,crash=0.6",
    );
  });

  it("origin: the flagged 10× long of 1 BTC at 100 000 owes 15 000 at 75 000; waiting pays 1.45 and 1.35 (Diamond–Dybvig)", () => {
    expect(answerOf("origin-negative-balance", { entryUsd: "100000", quantity: "1", leverage: 10, fall: "0.25" }).toString()).toBe("15000");
    expect(answerOf("origin-wait-or-run", { returnOnIlliquid: "1.5", promisedEarly: "1.1", withdrawingShare: "0.25" }).toString()).toBe("1.45");
    expect(answerOf("origin-wait-or-run", { returnOnIlliquid: "1.5", promisedEarly: "1.1", withdrawingShare: "0.5" }).toString()).toBe("1.35");
  });

  it("approach: cross margin puts the BTC long at 54 084.34, and at 60 838.15 after ETH rises 10%", () => {
    const base = { btcEntryUsd: "67000", btcQuantity: "1", ethEntryUsd: "3350", ethQuantity: "20", leverage: 10, mmr: "0.004" };
    expect(numeric("approach-cross-margin").canonical({ ...base, ethMove: "0" })).toBe("54084.34");
    expect(numeric("approach-cross-margin").canonical({ ...base, ethMove: "0.1" })).toBe("60838.15");
  });

  it("approach: a 10σ fall under a Student-t(3) comes once in about 4 770 days", () => {
    expect(answerOf("approach-fat-tail", { dailyVol: "0.04", k: "10" }).toDecimalPlaces(0).toNumber()).toBeGreaterThanOrEqual(4760);
    expect(answerOf("approach-fat-tail", { dailyVol: "0.04", k: "10" }).toDecimalPlaces(0).toNumber()).toBeLessThanOrEqual(4780);
  });

  it("evolution: the chapter's liquidator gets 4.375 ETH; the Dutch auction is at 991.40 after 28.5 minutes; the stranded profit is 64 063.70", () => {
    expect(answerOf("evolution-aave-seized", { ethQuantity: "10", ethPriceUsd: "1800", threshold: "0.825", debtUsd: "15000", bonus: "0.05" }).toString()).toBe("4.375");
    expect(numeric("evolution-dutch-auction").canonical({ oracleUsd: "1000", buffer: "1.2", cut: "0.01", stepSeconds: 90, absentMinutes: "28.5" })).toBe("991.40");
    // Exactly 10 × (737 000 / 10.04 − 67 000) = 64 063.745…; the chapter's 64 063.70 multiplies the rounded price 73 406.37 by 10,
    // and the tolerance (USD 0.10) accepts it.
    const hedge = { entryUsd: "67000", quantity: "10", leverage: 10, mmr: "0.004" };
    expect(numeric("evolution-two-venue-hedge").canonical(hedge)).toBe("64063.75");
    expect(numeric("evolution-two-venue-hedge").tolerance(hedge)).toEqual({ abs: "0.1" });
    expect(answerOf("evolution-two-venue-hedge", hedge).minus("64063.70").abs().lte("0.1")).toBe(true);
  });

  it("horizon: 22.02 million at 99% for 1 billion at 80% hourly; the best interval is 31.77 minutes; the widget's best schedule is hourly", () => {
    const exposure = answerOf("horizon-unsettled-exposure", { openInterestUsd: "1000000000", volatility: "0.8", intervalMinutes: 60, confidence: "0.99" });
    expect(exposure.minus("22017000").abs().toNumber()).toBeLessThan(1000);
    expect(numeric("horizon-best-interval").canonical({ openInterestUsd: "1000000000", volatility: "0.8", failuresPerYear: "0.05", costUsd: "5" })).toBe("31.77");
    expect(exerciseById("horizon-settlement-setting").canonical({ volatility: "0.8", openInterestBillions: "1", failuresPerYear: "0.05", layer: "baseChain" })).toBe(
      "volatility=0.8,openInterestBillions=1,failuresPerYear=0.05,layer=baseChain,interval=60",
    );
  });

  it("horizon: splitting 2 billion of bids five ways costs a 20-million sale about 298.5 × (64 791.81 − 62 139.07)", () => {
    const lost = answerOf("horizon-fragmentation", { midUsd: "67000", depthUsd: "2000000000", venues: 5, saleUsd: "20000000" });
    expect(lost.minus(new Decimal("298.507").times("2652.74")).abs().toNumber()).toBeLessThan(50);
  });
});
