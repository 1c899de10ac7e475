/**
 * The student id: typed once, kept in this browser, shown with a "Change"
 * button. It only picks the student's numbers (and names their answers file);
 * every exercise island on the page listens for the change.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { onStudentIdChange, readStudentId, writeStudentId } from "./store";

interface Props {
  /** "chapter": optional, self-study; "assignment": asked for first, before the exercises. */
  context: "chapter" | "assignment";
}

/** Longest id accepted, in characters (a student number or an e-mail address fits easily). */
const MAX_ID_CHARS = 120;

export default function StudentId({ context }: Props) {
  const [current, setCurrent] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [message, setMessage] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const id = readStudentId();
    setCurrent(id);
    setEditing(id === "" && context === "assignment");
    return onStudentIdChange((next) => setCurrent(next));
  }, []);

  function startEditing() {
    setDraft(current ?? "");
    setMessage(undefined);
    setEditing(true);
    requestAnimationFrame(() => inputRef.current?.focus());
  }

  function save(event: Event) {
    event.preventDefault();
    const trimmed = draft.trim();
    if (trimmed.length > MAX_ID_CHARS) {
      setMessage(`That is ${trimmed.length} characters; a student id has at most ${MAX_ID_CHARS}. Use your student number or e-mail address.`);
      return;
    }
    if (trimmed === "" && context === "assignment") {
      setMessage("Type the student id your instructor asked for (your student number or e-mail address): your numbers depend on it.");
      return;
    }
    const result = writeStudentId(trimmed);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    setMessage(undefined);
    setEditing(false);
    requestAnimationFrame(() => changeRef.current?.focus());
  }

  const explanation = (
    <p class="answer-help" id="student-id-help">
      Your id only picks your numbers: the same id gives the same numbers on any device, so type it exactly as your instructor
      asked. It is stored in this browser only and sent nowhere.
      {context === "chapter" && " Without one you get the book's standard numbers."}
    </p>
  );

  if (current === undefined) {
    return <div class="student-id"><p>Student id: loading…</p></div>;
  }

  if (editing) {
    return (
      <form class="student-id" onSubmit={save} noValidate>
        <label for="student-id-input">Your student id</label>
        <div class="answer-input-row">
          <input
            id="student-id-input"
            ref={inputRef}
            type="text"
            autoComplete="off"
            spellcheck={false}
            value={draft}
            maxLength={MAX_ID_CHARS + 20}
            aria-describedby={`student-id-help${message ? " student-id-msg" : ""}`}
            aria-invalid={message ? "true" : undefined}
            onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="button button-primary">Save id</button>
          {current !== "" && <button type="button" class="button" onClick={() => setEditing(false)}>Cancel</button>}
        </div>
        {message && <p id="student-id-msg" class="control-message" role="alert">{message}</p>}
        {explanation}
      </form>
    );
  }

  return (
    <div class="student-id" role="group" aria-labelledby="student-id-label">
      <p>
        <span id="student-id-label">{current === "" ? "No student id set." : "Student id: "}</span>
        {current !== "" && <span class="current">{current}</span>}{" "}
        <button type="button" class="button" ref={changeRef} onClick={startEditing}>
          {current === "" ? "Enter your student id" : "Change"}
        </button>
      </p>
      {explanation}
    </div>
  );
}
