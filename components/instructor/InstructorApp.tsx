/**
 * The Instructor page's island: build an assignment (exercises, title, id, due
 * date, solutions), share its link, preview and print its sheet, make an
 * answer key from a roster, regrade answer files. The exercise list arrives as
 * props (built into the page); the definitions themselves, and with them
 * src/sim, are a separate chunk loaded on mount. The builder's state lives in
 * this page's URL (`?a=…`, the same encoding as the students' link), so a
 * bookmark or a reload brings the assignment back.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { ANY, suggestAssignmentId, type ExerciseSummary } from "./builder";
import { ExercisePicker, type ChapterInfo } from "./ExercisePicker";
import { AssignmentDetails, type DetailsValue } from "./AssignmentDetails";
import { ShareLink } from "./ShareLink";
import { SheetSection } from "./SheetSection";
import { RosterKey } from "./RosterKey";
import { Regrade } from "./Regrade";
import type { SheetFigure } from "./PrintSheet";
import type { AssignmentSpec, InstructorEngine } from "./engine";

interface Props {
  chapters: ChapterInfo[];
  exercises: ExerciseSummary[];
  figures: Record<string, SheetFigure>;
}

const EMPTY_DETAILS: DetailsValue = { title: "", id: "", due: "", solutions: "after-attempt" };

export default function InstructorApp({ chapters, exercises, figures }: Props) {
  const [engine, setEngine] = useState<InstructorEngine | null>(null);
  const [loadError, setLoadError] = useState("");
  const [details, setDetails] = useState<DetailsValue>(EMPTY_DETAILS);
  const [idEdited, setIdEdited] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [filter, setFilter] = useState({ chapter: ANY, kind: ANY });
  const [rosterText, setRosterText] = useState("");
  const [roster, setRoster] = useState<string[]>([]);
  const [restoreNotice, setRestoreNotice] = useState("");

  useEffect(() => {
    let live = true;
    import("./engine")
      .then((loaded) => {
        if (!live) return;
        setEngine(loaded);
        const encoded = new URLSearchParams(window.location.search).get("a");
        if (encoded === null) return;
        const decoded = loaded.decodeAssignment(encoded);
        if (!decoded.ok) {
          setRestoreNotice(`This page's address holds an assignment that could not be read: ${decoded.message} The builder starts afresh.`);
          return;
        }
        const spec = decoded.spec;
        setDetails({ title: spec.title, id: spec.id, due: spec.due ?? "", solutions: spec.solutions });
        setIdEdited(spec.id !== suggestAssignmentId(spec.title));
        setPicked(spec.exercises);
        setRestoreNotice(`Assignment “${spec.title}” restored from this page's address.`);
      })
      .catch((error: unknown) => {
        if (live) setLoadError(error instanceof Error ? error.message : String(error));
      });
    return () => {
      live = false;
    };
  }, []);

  const draft = useMemo(
    () => ({ ...details, id: idEdited ? details.id : suggestAssignmentId(details.title), exercises: picked }),
    [details, idEdited, picked],
  );
  const built = useMemo(() => (engine ? engine.buildSpec(draft) : null), [engine, draft]);
  const spec: AssignmentSpec | null = built?.ok ? built.spec : null;
  const link = spec && engine ? engine.shareLink(spec, window.location.origin) : null;

  // Keep the builder in this page's address, so reloading or bookmarking keeps the assignment.
  useEffect(() => {
    if (!engine) return;
    const url = new URL(window.location.href);
    if (spec) url.searchParams.set("a", engine.encodeAssignment(spec));
    else url.searchParams.delete("a");
    if (url.href !== window.location.href) window.history.replaceState(null, "", url.href);
  }, [engine, spec]);

  return (
    <div class="instructor-app" data-ready={engine ? "true" : "false"}>
      <section class="panel builder" aria-labelledby="builder-title">
        <h2 id="builder-title">Build an assignment</h2>
        {!engine && !loadError && <p class="status" role="status">Loading the exercises…</p>}
        {loadError && <p class="notice bad" role="alert">The exercises could not be loaded: {loadError}. Reload the page to try again.</p>}
        {restoreNotice && <p class="status" role="status">{restoreNotice}</p>}
        <ExercisePicker
          chapters={chapters}
          exercises={exercises}
          picked={picked}
          onPickedChange={setPicked}
          chapterFilter={filter.chapter}
          kindFilter={filter.kind}
          onFilterChange={(chapter, kind) => setFilter({ chapter, kind })}
        />
        <AssignmentDetails
          value={{ ...details, id: draft.id }}
          idEdited={idEdited}
          onChange={(value, edited) => {
            setDetails(value);
            setIdEdited(edited);
          }}
        />
        <ShareLink link={link} problems={built && !built.ok ? built.problems : engine ? [] : ["The link appears once the exercises have loaded."]} />
      </section>

      <SheetSection engine={engine} spec={spec} draft={draft} link={link} roster={roster} figures={figures} />

      <RosterKey engine={engine} spec={spec} rosterText={rosterText} onRosterTextChange={setRosterText} onRoster={setRoster} />

      <Regrade engine={engine} spec={spec} roster={roster} />
    </div>
  );
}
