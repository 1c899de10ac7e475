/** The exercise loaders find every exercise by chapter, and every exercise has a view the island can show. */
import { describe, expect, test } from "vitest";
import { exercises } from "../../src/lib/exercises/registry";
import { BOOK_ASSIGNMENT, drawParams } from "../../src/lib/exercises/seed";
import { widgetById } from "../../src/lib/widgetRegistry";
import { exerciseLoaders, loadExercise } from "./loaders";
import { exerciseView } from "./view";

describe("exercise loaders", () => {
  test("each chapter with exercises has a loader that returns exactly that chapter's exercises", async () => {
    const chapters = [...new Set(exercises.map((exercise) => exercise.chapter))];
    for (const chapter of chapters) {
      const loader = exerciseLoaders[chapter];
      expect(loader, chapter).toBeDefined();
      const loaded = await loader!();
      expect(loaded.map((exercise) => exercise.id)).toEqual(exercises.filter((exercise) => exercise.chapter === chapter).map((exercise) => exercise.id));
    }
  });

  test("loadExercise finds each exercise and refuses an unknown one in a sentence", async () => {
    for (const exercise of exercises) expect((await loadExercise(exercise.chapter, exercise.id)).id).toBe(exercise.id);
    const first = exercises[0]!;
    await expect(loadExercise(first.chapter, "no-such-exercise")).rejects.toThrow(/is not in chapter/);
  });
});

describe("exercise views", () => {
  for (const exercise of exercises) {
    test(`${exercise.id}: the default and a student's variant render`, () => {
      for (const studentId of ["", "s1234567"]) {
        const widget = exercise.kind === "setting" ? { id: exercise.widget, title: widgetById(exercise.widget).title, href: `#widget-${exercise.widget}`, placement: "above" as const } : undefined;
        const view = exerciseView(exercise, drawParams(exercise, BOOK_ASSIGNMENT, studentId), widget);
        expect(view.prompt.length).toBeGreaterThan(0);
        expect(view.spec.kind).toBe(exercise.kind);
        expect(view.hintCount).toBeGreaterThan(0);
        if (view.spec.kind === "choice") expect(view.spec.choices.length).toBeGreaterThan(1);
        if (exercise.kind === "code") expect(view.starter).toContain("export");
        expect(JSON.stringify(view)).not.toMatch(/NaN|undefined/);
      }
    });
  }
});
