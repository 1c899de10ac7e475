/**
 * text — the small text format of prompts, hints and worked solutions.
 *
 * Exercise text is plain text, so a definition never holds HTML and nothing
 * typed by an author can inject markup. The format:
 *
 * - paragraphs are separated by a blank line; a single newline stays in the
 *   text (a renderer shows it as a line break or a space, its choice);
 * - `inline code` between backticks;
 * - **strong** between double asterisks;
 * - a paragraph that starts with a line of three backticks and ends with one
 *   is a code block (its lines kept as they are);
 * - a backslash before a backtick or an asterisk makes it literal (\` \*).
 *
 * An unmatched backtick or `**` is kept as literal text: authors' typos show
 * up on the page rather than swallowing the rest of a paragraph.
 *
 * The output is data (`{ paragraphs: TextSpan[][] }`), never HTML, so the
 * Preact island, the Astro server render and the print sheet all map it with
 * their own escaping.
 */

/** One run of text: plain, `code`, or **strong**. A code span with `block: true` is a whole code block. */
export interface TextSpan {
  kind: "text" | "code" | "strong";
  text: string;
  /** Set on the single code span of a fenced code-block paragraph. */
  block?: true;
}

/** Parsed exercise text: paragraphs, each a list of spans. */
export interface ExerciseText {
  paragraphs: TextSpan[][];
}

/** Longest text parsed, in characters (a limit, so a runaway template can't freeze a page). */
export const MAX_TEXT_CHARS = 50_000;

const FENCE = "```";

/**
 * Parses exercise text into paragraphs of spans. Never throws; non-string
 * input gives no paragraphs, and text beyond {@link MAX_TEXT_CHARS} is cut.
 *
 * @example
 * parseExerciseText("Pay `margin` **now**.\n\nThen wait.")
 * //=> { paragraphs: [
 * //     [{ kind: "text", text: "Pay " }, { kind: "code", text: "margin" }, { kind: "text", text: " " },
 * //      { kind: "strong", text: "now" }, { kind: "text", text: "." }],
 * //     [{ kind: "text", text: "Then wait." }] ] }
 */
export function parseExerciseText(text: string): ExerciseText {
  if (typeof text !== "string") return { paragraphs: [] };
  const source = text.slice(0, MAX_TEXT_CHARS).replace(/\r\n?/g, "\n");
  const paragraphs: TextSpan[][] = [];
  for (const block of splitParagraphs(source)) {
    const fenced = readFence(block);
    if (fenced !== undefined) {
      paragraphs.push([{ kind: "code", text: fenced, block: true }]);
      continue;
    }
    const spans = parseInline(block);
    if (spans.length > 0) paragraphs.push(spans);
  }
  return { paragraphs };
}

/** Splits on blank lines, but never inside a fenced code block (which may contain blank lines). */
function splitParagraphs(source: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let inFence = false;
  const flush = (): void => {
    const block = current.join("\n").replace(/^\s*\n|\n\s*$/g, "");
    if (block.trim() !== "") blocks.push(inFence ? block : block.trim());
    current = [];
  };
  for (const line of source.split("\n")) {
    const isFence = line.trim().startsWith(FENCE);
    if (!inFence && isFence) {
      flush();
      inFence = true;
      current.push(line);
      if (line.trim().length > FENCE.length && line.trim().endsWith(FENCE)) {
        // ```one line``` — opens and closes on the same line
        inFence = false;
        flush();
      }
      continue;
    }
    if (inFence) {
      current.push(line);
      if (isFence) {
        inFence = false;
        flush();
      }
      continue;
    }
    if (line.trim() === "") flush();
    else current.push(line);
  }
  if (inFence) {
    // An unclosed fence: keep the lines as ordinary paragraphs rather than hiding them.
    inFence = false;
    const lines = current;
    current = [];
    for (const line of lines) {
      if (line.trim() === "") flush();
      else current.push(line);
    }
  }
  flush();
  return blocks;
}

function readFence(block: string): string | undefined {
  const lines = block.split("\n");
  const first = lines[0]!.trim();
  const last = lines[lines.length - 1]!.trim();
  if (!first.startsWith(FENCE)) return undefined;
  if (lines.length === 1) {
    if (first.length <= 2 * FENCE.length || !first.endsWith(FENCE)) return undefined;
    return first.slice(FENCE.length, -FENCE.length).trim();
  }
  if (last !== FENCE) return undefined;
  return lines.slice(1, -1).join("\n"); // the opening line's info string ("```ts") is dropped
}

function parseInline(block: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const push = (kind: TextSpan["kind"], text: string): void => {
    if (text === "") return;
    const last = spans[spans.length - 1];
    if (kind === "text" && last?.kind === "text") last.text += text;
    else spans.push({ kind, text });
  };
  let plain = "";
  let i = 0;
  while (i < block.length) {
    const char = block[i]!;
    if (char === "\\" && (block[i + 1] === "`" || block[i + 1] === "*")) {
      plain += block[i + 1];
      i += 2;
      continue;
    }
    if (char === "`") {
      const end = block.indexOf("`", i + 1);
      if (end > i + 1) {
        push("text", plain);
        plain = "";
        push("code", block.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    if (char === "*" && block[i + 1] === "*") {
      const end = findStrongEnd(block, i + 2);
      if (end > i + 2) {
        push("text", plain);
        plain = "";
        push("strong", block.slice(i + 2, end).replace(/\\([`*])/g, "$1"));
        i = end + 2;
        continue;
      }
    }
    plain += char;
    i += 1;
  }
  push("text", plain);
  return spans;
}

function findStrongEnd(block: string, from: number): number {
  for (let i = from; i < block.length - 1; i++) {
    if (block[i] === "\\") {
      i += 1;
      continue;
    }
    if (block[i] === "*" && block[i + 1] === "*") return i;
  }
  return -1;
}

/**
 * The text without marks, paragraphs separated by a blank line — for a
 * screen-reader summary, a CSV cell or a plain-text print.
 *
 * @example
 * plainText(parseExerciseText("Pay `margin` **now**.\n\nThen wait.")) //=> "Pay margin now.\n\nThen wait."
 */
export function plainText(doc: ExerciseText): string {
  return doc.paragraphs.map((spans) => spans.map((span) => span.text).join("")).join("\n\n");
}
