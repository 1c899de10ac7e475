/**
 * The printable sheet of an assignment: its title, due date and link, then
 * each exercise with one student's numbers (or the book's default variant) —
 * the prompt, the choices of a multiple-choice question, the starting code of
 * a code exercise, and for "find the setting" the widget's default figure,
 * drawn at build time. On screen it is a preview; in print it is all there is.
 */
import type { DrawnParams, Exercise } from "../../src/lib/exercises/types";
import { KIND_LABELS, formatDueDate } from "./builder";
import { RichParagraphs } from "../exercises/RichText";
import { parseExerciseText } from "../../src/lib/exercises/text";
import type { SolutionsPolicy } from "./AssignmentDetails";

/** A widget's default figure, rendered at build time. */
export interface SheetFigure {
  title: string;
  question: string;
  summary: string;
  /** The SVG markup (aria-hidden; the figure's text alternative is `summary`). */
  svg: string;
}

export interface SheetItem {
  exercise: Exercise;
  params: DrawnParams;
}

interface Props {
  title: string;
  due: string;
  solutions: SolutionsPolicy;
  link: string | null;
  /** Whose numbers: a student id, or undefined for the book's default variant. */
  studentId?: string;
  items: SheetItem[];
  figures: Record<string, SheetFigure>;
  /** Ids of picked exercises this edition of the book does not have. */
  missing: string[];
}

const SOLUTIONS_LINE: Record<SolutionsPolicy, string> = {
  "after-attempt": "Worked solutions open after your first attempt.",
  "after-due": "Worked solutions open after the due date.",
  never: "Worked solutions are not shown for this assignment.",
};

/** Letters for the choices of a multiple-choice question on paper (the ids are internal). */
const CHOICE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function PrintSheet({ title, due, solutions, link, studentId, items, figures, missing }: Props) {
  // Several sheets can be on the page at once (one per student): ids must stay unique.
  const idBase = `sheet-${studentId === undefined ? "default" : encodeURIComponent(studentId).replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return (
    <article class="sheet" aria-labelledby={`${idBase}-title`} data-student={studentId ?? ""}>
      <header class="sheet-head">
        <h2 id={`${idBase}-title`}>{title.trim() === "" ? "Untitled assignment" : title}</h2>
        <p class="sheet-meta">
          {due !== "" && <>Due {formatDueDate(due)}. </>}
          {SOLUTIONS_LINE[solutions]}
        </p>
        {studentId === undefined ? (
          <p class="sheet-meta">
            These are the book's standard numbers, the same for everyone. With your student id the assignment link gives you your own.
          </p>
        ) : (
          <p class="sheet-student">Student id: <strong>{studentId}</strong> — the numbers below are yours; type this id into the assignment link to check them.</p>
        )}
        {studentId === undefined && <p class="sheet-student">Name: <span class="line" /> Student id: <span class="line" /></p>}
        {link && (
          <p class="sheet-meta">
            Check your answers and get completion codes at <span class="sheet-link">{link}</span>
          </p>
        )}
      </header>
      {items.length === 0 && <p>Choose exercises above; they appear here as they will be printed.</p>}
      {items.map(({ exercise, params }, index) => (
        <section class="sheet-exercise" key={exercise.id} data-sheet-exercise={exercise.id} aria-labelledby={`${idBase}-${exercise.id}`}>
          <h3 id={`${idBase}-${exercise.id}`}>{index + 1}. {exercise.title}</h3>
          <p class="exercise-meta">{KIND_LABELS[exercise.kind]}</p>
          <div class="sheet-prompt"><RichParagraphs paragraphs={parseExerciseText(exercise.prompt(params)).paragraphs} /></div>
          <ExerciseBody exercise={exercise} params={params} figures={figures} />
        </section>
      ))}
      {missing.length > 0 && (
        <p class="notice bad">Not on the sheet: {missing.join(", ")} — not in this edition of the book.</p>
      )}
    </article>
  );
}

function ExerciseBody({ exercise, params, figures }: { exercise: Exercise; params: DrawnParams; figures: Record<string, SheetFigure> }) {
  switch (exercise.kind) {
    case "numeric":
      return (
        <p class="sheet-answer">
          Answer{exercise.unit === "percent" ? " (%)" : exercise.unit === "usd" ? " (USD)" : exercise.unit === "btc" ? " (BTC)" : ""}: <span class="line" />
        </p>
      );
    case "choice":
      return (
        <>
          <p class="sheet-answer">{exercise.multiple ? "Tick every answer that applies:" : "Tick one answer:"}</p>
          <ul class="sheet-choices">
            {exercise.choices(params).map((choice, index) => (
              <li key={choice.id}><span class="box" aria-hidden="true" />{CHOICE_LETTERS[index] ?? ""}. {choice.label}</li>
            ))}
          </ul>
        </>
      );
    case "setting": {
      const figure = figures[exercise.widget];
      return (
        <>
          {figure ? (
            <figure class="sheet-figure">
              <div class="figure-svg" role="img" aria-label={figure.summary} dangerouslySetInnerHTML={{ __html: figure.svg }} />
              <figcaption>
                <b>{figure.title}</b> at its default settings — {figure.question} {figure.summary}
              </figcaption>
            </figure>
          ) : (
            <p class="notice bad">The figure of widget “{exercise.widget}” is not part of this build.</p>
          )}
          <p class="sheet-answer">Settings you found: <span class="line" /></p>
        </>
      );
    }
    case "code":
      return (
        <>
          <p class="sheet-answer">Start from this code:</p>
          <pre class="sheet-code"><code>{exercise.starter(params)}</code></pre>
        </>
      );
  }
}
