/**
 * Prompt, hint and solution text as paragraphs: plain text, `inline code`
 * and **strong** spans (parsed by src/lib/exercises/text.ts), mapped to
 * elements — never to HTML strings. Used by the server render, the island and
 * the Instructor's printed sheet, so all print the same markup.
 */
import type { Paragraph } from "./view";

/** The paragraphs alone, for a caller that supplies its own container. */
export function RichParagraphs({ paragraphs }: { paragraphs: Paragraph[] }) {
  return (
    <>
      {paragraphs.map((paragraph, index) =>
        paragraph.length === 1 && paragraph[0]!.block ? (
          <pre key={index}><code>{paragraph[0]!.text}</code></pre>
        ) : (
          <p key={index}>
            {paragraph.map((span, i) =>
              span.kind === "code" ? <code key={i}>{span.text}</code> : span.kind === "strong" ? <strong key={i}>{span.text}</strong> : span.text,
            )}
          </p>
        ),
      )}
    </>
  );
}

export function RichText({ paragraphs, class: className }: { paragraphs: Paragraph[]; class?: string }) {
  return (
    <div class={className}>
      <RichParagraphs paragraphs={paragraphs} />
    </div>
  );
}
