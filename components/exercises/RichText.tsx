/**
 * Prompt, hint and solution text as paragraphs: plain text, `inline code`
 * and **strong** spans (parsed by src/lib/exercises/text.ts). Used by the
 * server render and the island, so both print the same markup.
 */
import type { Paragraph } from "./view";

export function RichText({ paragraphs, class: className }: { paragraphs: Paragraph[]; class?: string }) {
  return (
    <div class={className}>
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
    </div>
  );
}
