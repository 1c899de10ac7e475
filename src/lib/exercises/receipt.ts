/**
 * receipt — the short completion code a correct answer earns.
 *
 * Code = the first 40 bits of SHA-256(utf8("receipt") ‖ 0x1F ‖ seed ‖ 0x1F ‖
 * utf8(canonical answer)), written as 8 Crockford base-32 characters
 * ("0QGFAA7R"). The student's page shows it after a correct answer; the
 * instructor recomputes it from the roster (seed and canonical answer are both
 * derived from the ids), so codes can be checked without any server.
 *
 * It is a receipt, not a secret: the book is a static site and all its code is
 * public, so a determined student could compute codes without solving. The
 * pages say so. Crockford's alphabet leaves out I, L, O and U, so a code read
 * aloud or copied by hand survives; {@link normalizeCompletionCode} accepts
 * the usual slips (lower case, O for 0, I or L for 1, spaces and dashes).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { drawParams, joinWithSeparator, variantSeed } from "./seed";
import type { DrawnParams, Exercise } from "./types";

/** Crockford's base-32 digits, value order. */
export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Characters in a completion code (40 bits). */
export const COMPLETION_CODE_CHARS = 8;

/**
 * The completion code of a canonical answer under a seed: 8 Crockford base-32
 * characters. The caller gives it only for a correct answer.
 *
 * @param seed - the variant seed ({@link variantSeed})
 * @param canonical - `exercise.canonical(params)`, exactly as the exercise returns it
 * @example
 * completionCode(variantSeed("book", "theory-liquidation-price", "ada"), "60542.17") //=> "0QGFAA7R"
 */
export function completionCode(seed: Uint8Array, canonical: string): string {
  const digest = sha256(joinWithSeparator([utf8ToBytes("receipt"), seed, utf8ToBytes(String(canonical))]));
  // 40 bits = 5 bytes; read as a number (exact below 2^53) and write 8 base-32 digits, most significant first.
  let bits = 0;
  for (let i = 0; i < 5; i++) bits = bits * 256 + digest[i]!;
  let code = "";
  for (let i = 0; i < COMPLETION_CODE_CHARS; i++) {
    code = CROCKFORD_ALPHABET[bits % 32]! + code;
    bits = Math.floor(bits / 32);
  }
  return code;
}

/**
 * The code a student earns on an exercise in an assignment: their seed and
 * the canonical answer of their own parameters. Used by the answer key and by
 * regrading.
 *
 * @example
 * expectedCompletionCode(liquidationPrice, "hw1", "ada") //=> an 8-character code, e.g. "0QGFAA7R"
 */
export function expectedCompletionCode<P extends DrawnParams>(exercise: Exercise<P>, assignmentId: string, studentId: string): string {
  const seed = variantSeed(assignmentId, exercise.id, studentId);
  return completionCode(seed, exercise.canonical(drawParams(exercise, assignmentId, studentId)));
}

/**
 * A code as typed by a person, in canonical form: upper case, spaces and
 * dashes removed, O → 0, I and L → 1. Returns undefined when it cannot be a
 * code (wrong length, other characters). Never throws.
 *
 * @example
 * normalizeCompletionCode(" 0qgf-aa7r ") //=> "0QGFAA7R"
 * normalizeCompletionCode("OQGFAA7R")    //=> "0QGFAA7R" (letter O read as zero)
 * normalizeCompletionCode("0QGFAA7U")    //=> undefined (U is not a Crockford digit)
 */
export function normalizeCompletionCode(text: string): string | undefined {
  if (typeof text !== "string") return undefined;
  const code = text
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (code.length !== COMPLETION_CODE_CHARS) return undefined;
  for (const char of code) if (!CROCKFORD_ALPHABET.includes(char)) return undefined;
  return code;
}
