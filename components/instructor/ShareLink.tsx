/**
 * The assignment link: shown as text (so it can be read out or typed from a
 * projector), copied with one button, opened in a new tab to check what
 * students see. While the assignment is incomplete it says what is missing.
 */
import { useEffect, useState } from "preact/hooks";

interface Props {
  /** The link, or null while the assignment is incomplete. */
  link: string | null;
  /** What keeps the link from being made, one sentence each. */
  problems: string[];
}

export function ShareLink({ link, problems }: Props) {
  const [status, setStatus] = useState("");
  useEffect(() => setStatus(""), [link]);

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setStatus("Link copied to the clipboard.");
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): select the text so Ctrl+C works.
      const field = document.getElementById("assignment-link") as HTMLTextAreaElement | null;
      field?.focus();
      field?.select();
      setStatus("The browser did not allow copying: the link is selected, press Ctrl+C (⌘C on a Mac).");
    }
  }

  return (
    <section class="share" aria-labelledby="share-title">
      <h3 id="share-title">Link for your students</h3>
      {link ? (
        <>
          <label for="assignment-link" class="visually-hidden">Assignment link</label>
          <textarea id="assignment-link" class="link-text" readOnly rows={3} value={link} onFocus={(event) => (event.currentTarget as HTMLTextAreaElement).select()} />
          <div class="actions">
            <button type="button" class="button button-primary" onClick={copy}>Copy link</button>
            <a class="button" href={link} target="_blank" rel="noopener">Open as a student<span class="visually-hidden"> (new tab)</span></a>
          </div>
        </>
      ) : (
        <ul class="share-problems">{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
      )}
      <p class="status" role="status">{status}</p>
    </section>
  );
}
