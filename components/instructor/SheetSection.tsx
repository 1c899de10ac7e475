/**
 * The printable sheet and its choices: whose numbers to print (the book's
 * default variant, one student's — typed or picked from the roster — or one
 * sheet per student on the roster) and the Print button. The sheet is a
 * section of this page rather than a route of its own: it previews exactly
 * what prints, shares the builder's state without another link format, and in
 * print the page's stylesheet hides everything else.
 */
import { useState } from "preact/hooks";
import type { AssignmentSpec, Draft, InstructorEngine } from "./engine";
import { PrintSheet, type SheetFigure, type SheetItem } from "./PrintSheet";

/** Most per-student sheets printed at once (each repeats every figure). */
export const SHEETS_PER_PRINT_MAX = 200;

type Mode = "default" | "student" | "roster";

interface Props {
  engine: InstructorEngine | null;
  spec: AssignmentSpec | null;
  /** The assignment as it stands, complete or not (the sheet previews even an untitled draft). */
  draft: Draft;
  link: string | null;
  roster: string[];
  figures: Record<string, SheetFigure>;
}

export function SheetSection({ engine, spec, draft, link, roster, figures }: Props) {
  const [mode, setMode] = useState<Mode>("default");
  const [studentText, setStudentText] = useState("");
  const typedId = engine ? engine.normalizeId(studentText) : studentText.trim();

  // Whose sheets: undefined is the default variant.
  const students: (string | undefined)[] =
    mode === "student" && typedId !== "" ? [typedId] : mode === "roster" && roster.length > 0 ? roster.slice(0, SHEETS_PER_PRINT_MAX) : [undefined];

  const missing = engine ? draft.exercises.filter((id) => !engine.findExercise(id)) : [];
  const itemsFor = (studentId: string | undefined): SheetItem[] => {
    if (!engine) return [];
    return draft.exercises.flatMap((id) => {
      const exercise = engine.findExercise(id);
      if (!exercise) return [];
      return [{ exercise, params: studentId === undefined ? engine.defaultParams(exercise) : engine.drawParams(exercise, draft.id, studentId) }];
    });
  };
  const count = draft.exercises.length - missing.length;

  return (
    <section class="panel sheet-section" aria-labelledby="sheet-section-title">
      <h2 id="sheet-section-title">Printable sheet</h2>
      <div class="sheet-controls no-print">
        <fieldset>
          <legend>Numbers on the sheet</legend>
          <div class="radio">
            <input type="radio" id="sheet-default" name="sheet-variant" checked={mode === "default"} onChange={() => setMode("default")} />
            <label for="sheet-default">The book's default variant (the same for everyone)</label>
          </div>
          <div class="radio">
            <input type="radio" id="sheet-student" name="sheet-variant" checked={mode === "student"} onChange={() => setMode("student")} />
            <label for="sheet-student">One student's numbers</label>
          </div>
          <div class="field indented">
            <label for="sheet-student-id">Student id</label>
            <input id="sheet-student-id" type="text" value={studentText} list={roster.length > 0 ? "sheet-roster" : undefined} autoComplete="off" spellcheck={false}
              aria-describedby="sheet-student-help"
              onInput={(event) => {
                setStudentText((event.currentTarget as HTMLInputElement).value);
                setMode("student");
              }} />
            {roster.length > 0 && (
              <datalist id="sheet-roster">{roster.map((id) => <option value={id} key={id} />)}</datalist>
            )}
            <p id="sheet-student-help" class="field-help">
              {mode === "student" && typedId === ""
                ? "Type a student id to print their numbers; until then the sheet shows the default variant."
                : "The numbers this student sees after typing the same id into the assignment link."}
            </p>
          </div>
          <div class="radio">
            <input type="radio" id="sheet-roster-all" name="sheet-variant" checked={mode === "roster"} onChange={() => setMode("roster")}
              aria-describedby="sheet-roster-help" />
            <label for="sheet-roster-all">One sheet per student on the roster</label>
          </div>
          <p id="sheet-roster-help" class="field-help indented">
            {roster.length === 0
              ? "Make the answer key from a roster below first; then each student gets a page with their own numbers."
              : `${Math.min(roster.length, SHEETS_PER_PRINT_MAX)} sheets, one page each${roster.length > SHEETS_PER_PRINT_MAX ? ` (the first ${SHEETS_PER_PRINT_MAX} of ${roster.length} students; print the rest one by one)` : ""}.`}
          </p>
        </fieldset>
        <div class="actions">
          <button type="button" class="button button-primary" onClick={() => window.print()} disabled={count === 0}>Print sheet</button>
          {count === 0 && <span class="field-help">Choose at least one exercise to print.</span>}
          {count > 0 && !spec && <span class="field-help">Until the assignment is complete (a title, at least one exercise) the sheet prints without its link.</span>}
        </div>
        <p class="field-help">Below is exactly what prints; the rest of this page is left out of the printout.</p>
      </div>
      {engine ? (
        students.map((studentId) => (
          <div class="sheet-frame" key={studentId ?? ""} data-variant={studentId ?? "default"}>
            <PrintSheet title={draft.title} due={draft.due} solutions={draft.solutions} link={link} studentId={studentId} items={itemsFor(studentId)} figures={figures} missing={missing} />
          </div>
        ))
      ) : (
        <div class="sheet-frame"><p>The sheet appears once the exercises have loaded.</p></div>
      )}
    </section>
  );
}
