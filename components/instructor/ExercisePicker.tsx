/**
 * Choosing the exercises of an assignment: filter the book's exercises by
 * chapter and kind, tick the ones to include, then put the chosen ones in
 * order. Every control is a native input or button, so it works from the
 * keyboard; a moved exercise keeps focus on its button.
 */
import { ANY, KIND_LABELS, filterExercises, moveItem, toggleId, type ExerciseSummary } from "./builder";
import type { ExerciseKind } from "../../src/lib/exercises/types";

export interface ChapterInfo {
  slug: string;
  number: number;
  title: string;
}

interface Props {
  chapters: ChapterInfo[];
  exercises: ExerciseSummary[];
  picked: string[];
  onPickedChange: (ids: string[]) => void;
  chapterFilter: string;
  kindFilter: string;
  onFilterChange: (chapter: string, kind: string) => void;
}

export function ExercisePicker({ chapters, exercises, picked, onPickedChange, chapterFilter, kindFilter, onFilterChange }: Props) {
  const shown = filterExercises(exercises, chapterFilter, kindFilter);
  const byId = new Map(exercises.map((exercise) => [exercise.id, exercise]));
  const chapterLabel = (slug: string) => {
    const chapter = chapters.find((c) => c.slug === slug);
    return chapter ? `${chapter.number}. ${chapter.title}` : slug;
  };
  const kinds = Object.keys(KIND_LABELS) as ExerciseKind[];
  const shownPicked = shown.filter((exercise) => picked.includes(exercise.id)).length;

  return (
    <div class="picker">
      <fieldset class="picker-filters">
        <legend>Show exercises</legend>
        <div class="field">
          <label for="filter-chapter">Chapter</label>
          <select id="filter-chapter" value={chapterFilter} onChange={(event) => onFilterChange((event.currentTarget as HTMLSelectElement).value, kindFilter)}>
            <option value={ANY}>All chapters</option>
            {chapters.map((chapter) => (
              <option value={chapter.slug} key={chapter.slug}>{chapterLabel(chapter.slug)}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-kind">Kind</label>
          <select id="filter-kind" value={kindFilter} onChange={(event) => onFilterChange(chapterFilter, (event.currentTarget as HTMLSelectElement).value)}>
            <option value={ANY}>All kinds</option>
            {kinds.map((kind) => (
              <option value={kind} key={kind}>{KIND_LABELS[kind]}</option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset class="picker-list">
        <legend>Exercises ({shown.length} shown, {shownPicked} of them chosen)</legend>
        {exercises.length === 0 && <p>The book has no exercises yet.</p>}
        {exercises.length > 0 && shown.length === 0 && <p>No exercise of this kind in this chapter. Choose another chapter or kind.</p>}
        {shown.length > 0 && (
          <div class="picker-bulk">
            <button type="button" class="button" onClick={() => onPickedChange([...picked, ...shown.map((e) => e.id).filter((id) => !picked.includes(id))])}
              disabled={shownPicked === shown.length}>Choose all shown</button>
            <button type="button" class="button" onClick={() => onPickedChange(picked.filter((id) => !shown.some((e) => e.id === id)))}
              disabled={shownPicked === 0}>Clear all shown</button>
          </div>
        )}
        <ul class="picker-options">
          {shown.map((exercise) => {
            const inputId = `pick-${exercise.id}`;
            return (
              <li key={exercise.id} class="picker-option">
                <input type="checkbox" id={inputId} checked={picked.includes(exercise.id)} aria-describedby={`${inputId}-meta`}
                  onChange={() => onPickedChange(toggleId(picked, exercise.id))} data-exercise-id={exercise.id} />
                <div>
                  <label for={inputId}>{exercise.title}</label>
                  <p id={`${inputId}-meta`} class="picker-meta">
                    <span class="kind">{KIND_LABELS[exercise.kind]}</span> · {chapterLabel(exercise.chapter)}
                    <span class="objective">Objective: {exercise.objective}</span>
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <section class="picked" aria-labelledby="picked-title">
        <h3 id="picked-title">In this assignment, in order</h3>
        {picked.length === 0 ? (
          <p class="picked-empty">No exercise chosen yet: tick at least one above.</p>
        ) : (
          <ol class="picked-list">
            {picked.map((id, index) => {
              const exercise = byId.get(id);
              const title = exercise?.title ?? id;
              return (
                // Buttons at the ends are aria-disabled, not disabled, so a button that just moved keeps keyboard focus.
                <li key={id} data-picked-id={id}>
                  <span class="picked-title">{title}{exercise ? <span class="picked-kind"> · {KIND_LABELS[exercise.kind]}</span> : <span class="picked-missing"> · not in this edition of the book</span>}</span>
                  <span class="picked-actions">
                    <button type="button" class="button" aria-label={`Move “${title}” up`} aria-disabled={index === 0 ? "true" : undefined}
                      onClick={() => index > 0 && onPickedChange(moveItem(picked, index, -1))}><span aria-hidden="true">↑</span> Up</button>
                    <button type="button" class="button" aria-label={`Move “${title}” down`} aria-disabled={index === picked.length - 1 ? "true" : undefined}
                      onClick={() => index < picked.length - 1 && onPickedChange(moveItem(picked, index, 1))}><span aria-hidden="true">↓</span> Down</button>
                    <button type="button" class="button" aria-label={`Remove “${title}”`}
                      onClick={() => onPickedChange(picked.filter((other) => other !== id))}>Remove</button>
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}
