/**
 * seed — from (assignment, exercise, student) to a student's numbers.
 *
 * The seed of one exercise for one student in one assignment is
 * SHA-256(assignment ‖ 0x1F ‖ exercise ‖ 0x1F ‖ student), each id trimmed and
 * NFC-normalised and encoded as UTF-8. 0x1F (the ASCII "unit separator")
 * cannot be typed into a form field, so ("ab", "c") and ("a", "bc") never
 * collide; C0 control characters are removed from ids for the same reason.
 * NFC makes "é" typed as one code point or as "e" + accent the same student.
 *
 * Everything here is synchronous (@noble/hashes), so a page can draw a
 * variant during render, and the same ids give the same bytes everywhere.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { DrawnParams, Exercise } from "./types";
import { VariantRng } from "./prng";
import { normalizeId } from "./ids";

/** The assignment id for self-study on the chapter pages (no instructor involved). */
export const BOOK_ASSIGNMENT = "book";

/** The byte between the parts of a hashed message. */
export const SEPARATOR_BYTE = 0x1f;

export { normalizeId } from "./ids";

/**
 * Joins byte strings with {@link SEPARATOR_BYTE} between them. Shared by the
 * seed and the receipt so both hash the same way.
 *
 * @example
 * joinWithSeparator([utf8ToBytes("a"), utf8ToBytes("b")]) //=> Uint8Array [0x61, 0x1f, 0x62]
 */
export function joinWithSeparator(parts: readonly Uint8Array[]): Uint8Array {
  const length = parts.reduce((total, part) => total + part.length, 0) + Math.max(0, parts.length - 1);
  const joined = new Uint8Array(length);
  let offset = 0;
  parts.forEach((part, index) => {
    if (index > 0) joined[offset++] = SEPARATOR_BYTE;
    joined.set(part, offset);
    offset += part.length;
  });
  return joined;
}

/**
 * The 32-byte seed of one exercise for one student in one assignment:
 * SHA-256(utf8(a) ‖ 0x1F ‖ utf8(e) ‖ 0x1F ‖ utf8(s)) with ids normalised by
 * {@link normalizeId}.
 *
 * @example
 * seedHex(variantSeed("book", "theory-liquidation-price", "ada")) //=> 64 hex digits, fixed forever
 */
export function variantSeed(assignmentId: string, exerciseId: string, studentId: string): Uint8Array {
  return sha256(joinWithSeparator([assignmentId, exerciseId, studentId].map((id) => utf8ToBytes(normalizeId(id)))));
}

/**
 * A seed as 64 lowercase hex digits (for logs, the answer key, debugging).
 *
 * @example
 * seedHex(new Uint8Array([0, 255])) //=> "00ff"
 */
export function seedHex(seed: Uint8Array): string {
  return bytesToHex(seed);
}

/**
 * This student's parameters for an exercise: `exercise.params` fed with a
 * fresh {@link VariantRng} on {@link variantSeed}.
 *
 * @example
 * drawParams(liquidationPrice, BOOK_ASSIGNMENT, "ada") //=> { leverage: 20, entryUsd: "61250" }
 */
export function drawParams<P extends DrawnParams>(exercise: Exercise<P>, assignmentId: string, studentId: string): P {
  return exercise.params(new VariantRng(variantSeed(assignmentId, exercise.id, studentId)));
}

/**
 * A canonical text of drawn parameters — keys sorted, values as JSON so 5 and
 * "5" differ — to compare variants ("do 30 students get 30 different
 * variants?") or to print them compactly.
 *
 * @example
 * variantKey({ b: "0.5", a: 3 }) //=> '{"a":3,"b":"0.5"}'
 */
export function variantKey(params: DrawnParams): string {
  const sorted = Object.keys(params).sort();
  return `{${sorted.map((key) => `${JSON.stringify(key)}:${JSON.stringify(params[key])}`).join(",")}}`;
}
