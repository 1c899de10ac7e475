import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseExerciseText, plainText } from "./text";

describe("parseExerciseText", () => {
  it("splits paragraphs on blank lines and reads code and strong", () => {
    expect(parseExerciseText("Pay `margin` **now**.\n\n  \nThen wait.")).toEqual({
      paragraphs: [
        [
          { kind: "text", text: "Pay " },
          { kind: "code", text: "margin" },
          { kind: "text", text: " " },
          { kind: "strong", text: "now" },
          { kind: "text", text: "." },
        ],
        [{ kind: "text", text: "Then wait." }],
      ],
    });
  });

  it("keeps single newlines and normalises CRLF", () => {
    expect(parseExerciseText("line one\r\nline two").paragraphs).toEqual([[{ kind: "text", text: "line one\nline two" }]]);
  });

  it("keeps unmatched marks as text", () => {
    expect(parseExerciseText("a `b and **c").paragraphs).toEqual([[{ kind: "text", text: "a `b and **c" }]]);
    expect(parseExerciseText("5 * 3 = 15").paragraphs).toEqual([[{ kind: "text", text: "5 * 3 = 15" }]]);
    expect(parseExerciseText("empty `` code").paragraphs).toEqual([[{ kind: "text", text: "empty `` code" }]]);
  });

  it("does not read marks inside code", () => {
    expect(parseExerciseText("`a **b** c`").paragraphs).toEqual([[{ kind: "code", text: "a **b** c" }]]);
  });

  it("honours backslash escapes", () => {
    expect(parseExerciseText("a \\`b\\` \\*\\*c").paragraphs).toEqual([[{ kind: "text", text: "a `b` **c" }]]);
    expect(parseExerciseText("**a \\** b**").paragraphs).toEqual([[{ kind: "strong", text: "a ** b" }]]);
  });

  it("reads fenced code blocks, blank lines inside included", () => {
    const doc = parseExerciseText("Write:\n\n```ts\nexport function f() {\n\n  return 1;\n}\n```\n\nDone.");
    expect(doc.paragraphs).toEqual([
      [{ kind: "text", text: "Write:" }],
      [{ kind: "code", text: "export function f() {\n\n  return 1;\n}", block: true }],
      [{ kind: "text", text: "Done." }],
    ]);
    expect(parseExerciseText("```x = 1```").paragraphs).toEqual([[{ kind: "code", text: "x = 1", block: true }]]);
  });

  it("keeps an unclosed fence as text", () => {
    expect(plainText(parseExerciseText("```\ncode\n\nmore"))).toBe("```\ncode\n\nmore");
  });

  it("gives nothing for empty or non-string input", () => {
    expect(parseExerciseText("")).toEqual({ paragraphs: [] });
    expect(parseExerciseText("\n\n \n")).toEqual({ paragraphs: [] });
    expect(parseExerciseText(undefined as unknown as string)).toEqual({ paragraphs: [] });
  });

  it("never throws and keeps every non-mark character (fuzz)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (source) => {
        const doc = parseExerciseText(source);
        for (const spans of doc.paragraphs) {
          expect(spans.length).toBeGreaterThan(0);
          for (const span of spans) expect(span.text.length).toBeGreaterThan(0);
        }
        const letters = (text: string) => text.replace(/[`*\\\s]/g, "");
        if (!source.includes("```")) expect(letters(plainText(doc))).toBe(letters(source));
      }),
      { numRuns: 2000 },
    );
  });
});
