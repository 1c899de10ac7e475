/**
 * An exercise as the page shows it for one variant: the parsed prompt, the
 * answer control's specification and the code starter. Plain data, so the
 * server can hand the default variant to the island as a prop.
 */
import type { DrawnParams, Exercise } from "../../src/lib/exercises/types";
import { parseExerciseText, type TextSpan } from "../../src/lib/exercises/text";
import type { AnswerSpec } from "./AnswerField";

/** One paragraph of exercise text: spans of plain text, `code` and **strong** (a lone block code span is a code block). */
export type Paragraph = TextSpan[];

export interface ExerciseView {
  prompt: Paragraph[];
  spec: AnswerSpec;
  /** How many hints the exercise has (their text loads on demand). */
  hintCount: number;
  /** Code exercises: the starter code. */
  starter?: string;
}

type WidgetRef = Extract<AnswerSpec, { kind: "setting" }>["widget"];

/** The view of `exercise` with these parameters; `widget` says where a setting exercise's figure is. */
export function exerciseView(exercise: Exercise, params: DrawnParams, widget?: WidgetRef): ExerciseView {
  const prompt = parseExerciseText(exercise.prompt(params)).paragraphs;
  const hintCount = exercise.hints(params).length;
  switch (exercise.kind) {
    case "numeric":
      return { prompt, hintCount, spec: { kind: "numeric", unit: exercise.unit } };
    case "choice":
      return { prompt, hintCount, spec: { kind: "choice", multiple: exercise.multiple, choices: exercise.choices(params) } };
    case "setting":
      if (!widget) throw new Error(`Exercise ${exercise.id}: the page did not say where the “${exercise.widget}” figure is.`);
      return { prompt, hintCount, spec: { kind: "setting", widget } };
    case "code":
      return { prompt, hintCount, spec: { kind: "code" }, starter: exercise.starter(params) };
  }
}

/** Parses hint or solution text into paragraphs. */
export function paragraphsOf(text: string): Paragraph[] {
  return parseExerciseText(text).paragraphs;
}
