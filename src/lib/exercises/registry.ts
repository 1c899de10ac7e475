/**
 * Every exercise in the book, in chapter order. Definitions live in
 * `content/exercises/<nn>-<chapter>.ts`; this module only collects them and
 * looks them up, so the assignment, instructor and chapter pages all see the
 * same list.
 */
import type { ChapterSlug, Exercise } from "./types";
import { exercises as essence } from "../../../content/exercises/01-essence";
import { exercises as origin } from "../../../content/exercises/02-origin";
import { exercises as theory } from "../../../content/exercises/03-theory";
import { exercises as approach } from "../../../content/exercises/04-approach";
import { exercises as evolution } from "../../../content/exercises/05-evolution";
import { exercises as horizon } from "../../../content/exercises/06-horizon";

/** All exercises, chapter by chapter, in the order each chapter file lists them. */
export const exercises: readonly Exercise[] = Object.freeze([...essence, ...origin, ...theory, ...approach, ...evolution, ...horizon]);

const byId = new Map<string, Exercise>(exercises.map((exercise) => [exercise.id, exercise]));

/**
 * The exercise with this id.
 *
 * @throws RangeError when no exercise has the id (a typo in an assignment link, or an exercise that was removed)
 * @example
 * exerciseById("theory-liquidation-price-code").kind //=> "code"
 */
export function exerciseById(id: string): Exercise {
  const exercise = byId.get(id);
  if (!exercise) {
    throw new RangeError(`There is no exercise "${id}". Known ids look like "theory-liquidation-price-code"; see src/lib/exercises/registry.ts.`);
  }
  return exercise;
}

/** The exercises of one chapter, in their file's order (empty for an unknown slug). */
export function exercisesForChapter(slug: ChapterSlug | string): Exercise[] {
  return exercises.filter((exercise) => exercise.chapter === slug);
}
