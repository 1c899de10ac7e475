/**
 * Lazy loaders of the exercise definitions, one per chapter file
 * (`content/exercises/<nn>-<chapter>.ts`). The exercise island imports only
 * this map, so a chapter page fetches its own definitions — and with them
 * `src/sim` — when a student first needs them, never another chapter's.
 */
import type { ChapterSlug, Exercise } from "../../src/lib/exercises/types";

type ChapterModule = { exercises: Exercise[] };

const files = import.meta.glob<ChapterModule>(["../../content/exercises/*.ts", "!../../content/exercises/*.test.ts", "!../../content/exercises/*.d.ts"]);

/** Chapter slug → loader of that chapter's exercises. */
export const exerciseLoaders: Partial<Record<ChapterSlug, () => Promise<Exercise[]>>> = Object.fromEntries(
  Object.entries(files).flatMap(([path, load]) => {
    const slug = /\/\d+-([a-z]+)\.ts$/.exec(path)?.[1];
    return slug ? [[slug, async () => (await load()).exercises]] : [];
  }),
);

/** One exercise by chapter and id; throws a sentence a student can pass on when it is missing. */
export async function loadExercise(chapter: ChapterSlug, id: string): Promise<Exercise> {
  const loader = exerciseLoaders[chapter];
  if (!loader) throw new Error(`The exercises of chapter “${chapter}” are not part of this build.`);
  const found = (await loader()).find((exercise) => exercise.id === id);
  if (!found) throw new Error(`Exercise “${id}” is not in chapter “${chapter}” any more.`);
  return found;
}
