/**
 * Exercise text (prompts, starter notes) on the printed sheet: parsed by
 * src/lib/exercises/text.ts into paragraphs of plain, `code` and **strong**
 * spans, and mapped to elements here — never to HTML strings.
 */
import { parseExerciseText } from "../../src/lib/exercises/text";

export function RichText({ text }: { text: string }) {
  return (
    <>
      {parseExerciseText(text).paragraphs.map((spans, index) =>
        spans.length === 1 && spans[0]!.block ? (
          <pre key={index}><code>{spans[0]!.text}</code></pre>
        ) : (
          <p key={index}>
            {spans.map((span, i) => (span.kind === "code" ? <code key={i}>{span.text}</code> : span.kind === "strong" ? <strong key={i}>{span.text}</strong> : span.text))}
          </p>
        ),
      )}
    </>
  );
}
