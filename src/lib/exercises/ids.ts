/**
 * Student, exercise and assignment ids as the seed sees them. A module of its
 * own so the progress store (which every exercise island loads) does not pull
 * in the hash, the generator and decimal.js just to tidy an id.
 */

/**
 * An id as the seed sees it: C0 control characters and DEL removed, NFC,
 * trimmed. Show this (not the raw input) when echoing a student id.
 *
 * @example
 * normalizeId("  Ade\u0301le ") //=> "Adèle" (one code point for è)
 */
export function normalizeId(id: string): string {
  // eslint-disable-next-line no-control-regex
  return String(id).replace(/[\u0000-\u001f\u007f]/g, "").normalize("NFC").trim();
}
