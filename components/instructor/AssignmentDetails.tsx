/**
 * The assignment's title, id, due date and when solutions show. The id is
 * suggested from the title until the instructor edits it; it seeds every
 * student's numbers, so the form says that changing it changes them all.
 */
import { SOLUTIONS_LABELS, ASSIGNMENT_ID_LENGTH_MAX } from "./builder";
import type { SolutionsPolicy } from "../../src/lib/exercises/assignment";

export type { SolutionsPolicy };

export interface DetailsValue {
  title: string;
  id: string;
  /** yyyy-mm-dd, or "" for no due date. */
  due: string;
  solutions: SolutionsPolicy;
}

interface Props {
  value: DetailsValue;
  /** True once the instructor typed an id of their own (then the title no longer changes it). */
  idEdited: boolean;
  onChange: (value: DetailsValue, idEdited: boolean) => void;
}

export function AssignmentDetails({ value, idEdited, onChange }: Props) {
  const set = (patch: Partial<DetailsValue>, edited = idEdited) => onChange({ ...value, ...patch }, edited);
  return (
    <fieldset class="details">
      <legend>Title, due date and solutions</legend>
      <div class="field">
        <label for="assignment-title">Title</label>
        <input id="assignment-title" type="text" value={value.title} maxLength={120} autoComplete="off"
          onInput={(event) => set({ title: (event.currentTarget as HTMLInputElement).value })} />
      </div>
      <div class="field">
        <label for="assignment-id">Assignment id</label>
        <input id="assignment-id" type="text" value={value.id} maxLength={ASSIGNMENT_ID_LENGTH_MAX} autoComplete="off" spellcheck={false}
          aria-describedby="assignment-id-help"
          onInput={(event) => set({ id: (event.currentTarget as HTMLInputElement).value }, true)} />
        <p id="assignment-id-help" class="field-help">
          {idEdited ? "Your own id." : "Made from the title."} Every student's numbers are drawn from it: keep it once the link is out,
          and use a new one for a new class so last year's answers don't fit.
        </p>
      </div>
      <div class="field">
        <label for="assignment-due">Due date <span class="optional">(optional)</span></label>
        <input id="assignment-due" type="date" value={value.due}
          onInput={(event) => set({ due: (event.currentTarget as HTMLInputElement).value })} />
      </div>
      <fieldset class="solutions">
        <legend>Students see the worked solutions</legend>
        {(Object.keys(SOLUTIONS_LABELS) as SolutionsPolicy[]).map((policy) => (
          <div class="radio" key={policy}>
            <input type="radio" id={`solutions-${policy}`} name="solutions" value={policy} checked={value.solutions === policy}
              onChange={() => set({ solutions: policy })} />
            <label for={`solutions-${policy}`}>{SOLUTIONS_LABELS[policy]}</label>
          </div>
        ))}
        {value.solutions === "after-due" && value.due === "" && (
          <p class="field-message" role="status">Without a due date, “after the due date” never comes: set a date or choose another option.</p>
        )}
      </fieldset>
    </fieldset>
  );
}
