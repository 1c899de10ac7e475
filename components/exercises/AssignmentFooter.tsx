/**
 * The end of the assignment page: this assignment's progress with the
 * completion codes, and "Download my answers" — the answers file the
 * instructor regrades into a gradebook (src/lib/exercises/gradebook.ts).
 */
import { useEffect, useState } from "preact/hooks";
import type { AssignmentSpec } from "../../src/lib/exercises/assignment";
import ProgressView, { type ProgressItem } from "./ProgressView";
import { readAssignmentLink } from "./AssignmentIsland";
import { answersDownload } from "./answers";
import { onStudentIdChange, readStudentId } from "./store";

interface Props {
  catalog: ProgressItem[];
  knownIds: string[];
}

export default function AssignmentFooter({ catalog, knownIds }: Props) {
  const [spec, setSpec] = useState<AssignmentSpec | undefined>();
  const [studentId, setStudentId] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();

  useEffect(() => {
    const link = readAssignmentLink(knownIds);
    if (link.state === "ok") setSpec(link.spec);
    setStudentId(readStudentId());
    return onStudentIdChange(setStudentId);
  }, []);

  if (!spec) return null;
  const byId = new Map(catalog.map((item) => [item.id, item]));
  const items = spec.exercises.map((id) => byId.get(id)!).filter(Boolean);

  async function download() {
    if (!spec) return;
    let result: Awaited<ReturnType<typeof answersDownload>>;
    try {
      result = await answersDownload(spec, studentId);
    } catch (error) {
      setMessage({ ok: false, text: `Your answers file could not be made: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    if (!result.ok) {
      setMessage({ ok: false, text: result.message });
      return;
    }
    const url = URL.createObjectURL(new Blob([result.json], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = result.fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setMessage({ ok: true, text: `Saved ${result.fileName} (${result.summary}). Hand this file in as your instructor asks.` });
  }

  return (
    <section class="assignment-footer" aria-labelledby="assignment-progress">
      <h2 id="assignment-progress">Your answers and completion codes</h2>
      <p>Each solved exercise shows its completion code. Your instructor can recompute every code from your student id, so copy them exactly if you are asked to hand them in.</p>
      <ProgressView scope={{ kind: "assignment", exercises: items }} assignmentId={spec.id} headingLevel={3} />
      <h3>Hand in your answers</h3>
      <p>“Download my answers” saves a file with your student id, the assignment and your last answer to each exercise; your instructor regrades it on the instructor page.</p>
      <div class="progress-actions">
        <button type="button" class="button button-primary" onClick={() => void download()} disabled={studentId === ""}>Download my answers</button>
      </div>
      <div role="status" aria-live="polite">
        {message && <p class={`feedback ${message.ok ? "correct" : "wrong"}`}>{message.text}</p>}
      </div>
    </section>
  );
}
