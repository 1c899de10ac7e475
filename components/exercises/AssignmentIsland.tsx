/**
 * The head of the assignment page: reads the instructor's link (`?a=`),
 * shows the title, due date and rules, or a clear sentence when the link is
 * missing or damaged; asks for the student id first; then shows the
 * assignment's exercises (pre-rendered, hidden) in the link's order.
 */
import { useEffect, useState } from "preact/hooks";
import { ASSIGNMENT_QUERY_KEY, decodeAssignment, type AssignmentSpec } from "../../src/lib/exercises/assignment";
import StudentId from "./StudentId";
import { onStudentIdChange, readStudentId } from "./store";

interface Props {
  /** Every exercise id the page pre-rendered (a link naming another is refused by name). */
  knownIds: string[];
}

type LinkState = { state: "reading" } | { state: "none" } | { state: "bad"; message: string } | { state: "ok"; spec: AssignmentSpec };

const SOLUTIONS_TEXT = {
  "after-attempt": "after your first attempt at each exercise",
  "after-due": "after the due date",
  never: "not shown for this assignment",
} as const;

/** Reads the link once per page load. */
export function readAssignmentLink(knownIds: string[]): LinkState {
  const value = new URLSearchParams(window.location.search).get(ASSIGNMENT_QUERY_KEY);
  if (value === null) return { state: "none" };
  const decoded = decodeAssignment(value, knownIds);
  return decoded.ok ? { state: "ok", spec: decoded.spec } : { state: "bad", message: decoded.message };
}

export function formatDue(due: string): string {
  const [year, month, day] = due.split("-").map(Number);
  return new Date(year!, month! - 1, day!).toLocaleDateString(undefined, { weekday: "long", year: "numeric", month: "long", day: "numeric" });
}

export default function AssignmentIsland({ knownIds }: Props) {
  const [link, setLink] = useState<LinkState>({ state: "reading" });
  const [studentId, setStudentId] = useState("");

  useEffect(() => {
    const read = readAssignmentLink(knownIds);
    setLink(read);
    setStudentId(readStudentId());
    if (read.state === "ok") {
      document.title = `${read.spec.title} · When the Exchange Fails`;
      const heading = document.getElementById("assignment-title");
      if (heading) heading.textContent = read.spec.title;
    }
    return onStudentIdChange(setStudentId);
  }, []);

  // The exercises of the link, in its order, once the student has an id; the rest stay hidden.
  useEffect(() => {
    if (link.state !== "ok") return;
    const container = document.getElementById("assignment-exercises");
    if (!container) return;
    const show = studentId !== "";
    link.spec.exercises.forEach((id, index) => {
      const block = container.querySelector<HTMLElement>(`section.exercise[data-exercise-id="${CSS.escape(id)}"]`);
      if (!block) return;
      const number = block.querySelector(".exercise-number");
      if (number) number.textContent = `Exercise ${index + 1}. `;
      container.append(block);
      block.hidden = !show;
    });
    // A widget is rendered once, in the first exercise that uses it; bring it to a shown exercise that needs it.
    for (const block of container.querySelectorAll<HTMLElement>("section.exercise[data-widget]:not([hidden])")) {
      const widgetId = block.dataset.widget!;
      const figure = document.getElementById(`widget-${widgetId}`);
      const holder = figure?.closest<HTMLElement>("section.exercise");
      if (figure && holder && holder !== block && holder.hidden) {
        const slot = block.querySelector(".exercise-widget-home");
        (slot ?? block.querySelector(".exercise-meta"))?.after(figure);
      }
    }
    container.hidden = !show;
    document.getElementById("assignment-footer")?.toggleAttribute("hidden", !show);
  }, [link, studentId]);

  if (link.state === "reading") return <p class="exercise-note">Reading the assignment link…</p>;

  if (link.state === "none") {
    return (
      <div class="assignment-error" role="status">
        <h2>No assignment in this link</h2>
        <p>
          This page shows an assignment from your instructor. Open it from the link they gave you: the link itself
          carries the assignment (its title, due date and exercises), so nothing is stored on a server.
        </p>
        <p>To practise on your own, use the Exercises section at the end of each chapter.</p>
      </div>
    );
  }

  if (link.state === "bad") {
    return (
      <div class="assignment-error" role="alert">
        <h2>This assignment link does not work</h2>
        <p>{link.message}</p>
        {!/instructor/i.test(link.message) && <p>Ask your instructor to send you the link again.</p>}
        <p>Nothing has been lost: your earlier answers stay in this browser.</p>
      </div>
    );
  }

  const { spec } = link;
  return (
    <div class="assignment-head">
      <dl>
        <dt>Due</dt>
        <dd>{spec.due ? formatDue(spec.due) : "No due date"}</dd>
        <dt>Exercises</dt>
        <dd>{spec.exercises.length}</dd>
        <dt>Worked solutions</dt>
        <dd>{SOLUTIONS_TEXT[spec.solutions]}</dd>
      </dl>
      <p>
        Each exercise checks your answer on the spot and gives a completion code when it is right. Your numbers are drawn
        from your student id and this assignment, so they differ from your classmates'. At the end, download your answers
        and hand the file in as your instructor asks. Nothing on this page is secret or proctored: it is for practice and
        honest homework.
      </p>
      <StudentId context="assignment" />
      {studentId === "" && <p class="exercise-note">Enter your student id above to see the exercises.</p>}
    </div>
  );
}
