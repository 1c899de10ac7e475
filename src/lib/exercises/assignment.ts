/**
 * assignment — an instructor's assignment, carried whole in a link.
 *
 * The site is static, so the assignment lives in the share link itself:
 * `/assignment/?a=<payload>.<check>`. The payload is the spec as JSON, UTF-8,
 * base64url; the check is the first 24 bits of the payload's SHA-256, in four
 * base64url characters. A link cut short by a mail program loses its end
 * first, so a missing or short check says "incomplete"; a changed character
 * makes the check disagree and says "damaged". Each failure has its own
 * sentence a student can act on ("ask your instructor for the link again").
 *
 * Validation uses zod's "mini" build (`zod/mini`): the same zod 4 the project
 * gets through `astro/zod`, but tree-shakable, so the assignment page's
 * bundle carries ~5 KB (gzip) of validator instead of ~90 KB.
 */
import * as z from "zod/mini";
import { sha256 } from "@noble/hashes/sha2.js";
import { BOOK_ASSIGNMENT } from "./seed";

/** When worked solutions are shown to students. */
export type SolutionsPolicy = "after-attempt" | "after-due" | "never";

/** An assignment, as the instructor page creates it and the link carries it. */
export interface AssignmentSpec {
  /** Format version; always 1 for this module. */
  v: 1;
  /** The assignment id, part of every student's seed: letters, digits, "-" and "_". */
  id: string;
  title: string;
  /** Due date, "YYYY-MM-DD" (a calendar day; no time zone). */
  due?: string;
  /** Exercise ids, in order, 1 to {@link MAX_ASSIGNMENT_EXERCISES}. */
  exercises: string[];
  solutions: SolutionsPolicy;
}

/** The result of {@link decodeAssignment} and {@link validateAssignment}. */
export type AssignmentDecode = { ok: true; spec: AssignmentSpec } | { ok: false; message: string };

/** The current format version of the spec. */
export const ASSIGNMENT_VERSION = 1;
/** Most exercises in one assignment. */
export const MAX_ASSIGNMENT_EXERCISES = 60;
/** Longest assignment id, in characters. */
export const MAX_ASSIGNMENT_ID_CHARS = 64;
/** Longest title, in characters. */
export const MAX_TITLE_CHARS = 200;
/** Longest encoded link value read (a limit, so a pasted essay is refused quickly). */
export const MAX_ENCODED_CHARS = 12_000;
/** The query parameter that carries the assignment. */
export const ASSIGNMENT_QUERY_KEY = "a";

const CHECK_CHARS = 4;
const ASK_AGAIN = "Ask your instructor for the link again, or copy the whole link once more.";
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const EXERCISE_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const SOLUTIONS: readonly SolutionsPolicy[] = ["after-attempt", "after-due", "never"];

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 2000 && year <= 2200;
}

const specSchema = z.object({
  v: z.literal(1),
  id: z.string().check(
    z.trim(),
    z.minLength(1, { error: "The assignment has no id." }),
    z.maxLength(MAX_ASSIGNMENT_ID_CHARS, { error: `The assignment id is longer than ${MAX_ASSIGNMENT_ID_CHARS} characters.` }),
    z.regex(ID_PATTERN, { error: "The assignment id may contain only letters, digits, “-” and “_”, and must start with a letter or digit." }),
    z.refine((id) => id.toLowerCase() !== BOOK_ASSIGNMENT, { error: `“${BOOK_ASSIGNMENT}” is reserved for self-study on the chapter pages; choose another assignment id.` }),
  ),
  title: z.string().check(
    z.trim(),
    z.minLength(1, { error: "The assignment has no title." }),
    z.maxLength(MAX_TITLE_CHARS, { error: `The title is longer than ${MAX_TITLE_CHARS} characters.` }),
  ),
  due: z.optional(
    z.string().check(z.refine(isCalendarDate, { error: (issue) => `The due date “${String(issue.input)}” is not a real date written YYYY-MM-DD (for example 2026-12-15).` })),
  ),
  exercises: z.array(z.string().check(z.regex(EXERCISE_ID_PATTERN, { error: (issue) => `“${String(issue.input).slice(0, 60)}” is not an exercise id (ids look like “theory-liquidation-price”).` }))).check(
    z.minLength(1, { error: "The assignment has no exercises." }),
    z.maxLength(MAX_ASSIGNMENT_EXERCISES, { error: (issue) => `The assignment lists ${Array.isArray(issue.input) ? issue.input.length : "too many"} exercises; at most ${MAX_ASSIGNMENT_EXERCISES} are allowed.` }),
    z.refine((ids) => new Set(ids).size === ids.length, { error: (issue) => `The exercise “${firstDuplicate(issue.input as string[])}” is listed twice.` }),
  ),
  solutions: z.enum(SOLUTIONS as [SolutionsPolicy, ...SolutionsPolicy[]], {
    error: (issue) => `“${String(issue.input)}” is not a solutions setting (use after-attempt, after-due or never).`,
  }),
});

function firstDuplicate(ids: readonly string[]): string {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return "";
}

const FIELD_MISSING: Record<string, string> = {
  id: "The assignment has no id.",
  title: "The assignment has no title.",
  exercises: "The assignment has no list of exercises.",
  solutions: "The assignment does not say when solutions are shown.",
  due: "The due date must be written YYYY-MM-DD.",
};

/**
 * Checks a spec (from a link, a form or a file) and returns it cleaned (ids
 * and title trimmed), or the first problem as a sentence. Never throws.
 *
 * @param knownExerciseIds - when given, every exercise id must be among them
 * @example
 * validateAssignment({ v: 1, id: "hw1", title: "Week 1", exercises: ["theory-foo"], solutions: "never" }, ["theory-bar"])
 * //=> { ok: false, message: "The link names an exercise “theory-foo” that this book doesn't have …" }
 */
export function validateAssignment(value: unknown, knownExerciseIds?: Iterable<string>): AssignmentDecode {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, message: "The assignment is not in the expected form (it should be a JSON object)." };
  }
  const version = (value as { v?: unknown }).v;
  if (version !== ASSIGNMENT_VERSION) {
    if (typeof version === "number" && version > ASSIGNMENT_VERSION) {
      return { ok: false, message: `This assignment was made by a newer version of the book (format ${version}; this page reads format ${ASSIGNMENT_VERSION}). Reload the page; if that doesn't help, ask your instructor.` };
    }
    return { ok: false, message: `This assignment is in an unknown format (version ${JSON.stringify(version ?? null)}; expected ${ASSIGNMENT_VERSION}). ${ASK_AGAIN}` };
  }
  const parsed = specSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "");
    const message = issue.code === "invalid_type" && FIELD_MISSING[field] && issue.path.length === 1 ? FIELD_MISSING[field] : issue.message;
    return { ok: false, message: message && message !== "Invalid input" ? message : `The assignment's “${field}” is not valid.` };
  }
  const data = parsed.data;
  if (knownExerciseIds !== undefined) {
    const known = new Set(knownExerciseIds);
    const unknown = data.exercises.find((id) => !known.has(id));
    if (unknown !== undefined) {
      return {
        ok: false,
        message: `The link names an exercise “${unknown}” that this book doesn't have (it may have been renamed, or the link was edited). Ask your instructor for an updated link.`,
      };
    }
  }
  const spec: AssignmentSpec = { v: 1, id: data.id, title: data.title, exercises: [...data.exercises], solutions: data.solutions };
  if (data.due !== undefined) spec.due = data.due;
  return { ok: true, spec };
}

// ── base64url, by hand: no Buffer in the browser, and btoa needs binary strings ──

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function toBase64Url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += BASE64URL[b0 >> 2]! + BASE64URL[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)]!;
    if (b1 !== undefined) out += BASE64URL[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)]!;
    if (b2 !== undefined) out += BASE64URL[b2 & 63]!;
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let index = 0;
  for (const char of text) {
    const value = BASE64URL.indexOf(char);
    if (value < 0) return undefined;
    bits = ((bits << 6) | value) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[index++] = (bits >> count) & 0xff;
    }
  }
  return bytes;
}

function checkOf(payload: Uint8Array): string {
  return toBase64Url(sha256(payload).subarray(0, 3));
}

/**
 * The link value of a spec: base64url(UTF-8(JSON)) + "." + 4 check
 * characters. Keys are written in a fixed order, so the same spec always
 * gives the same link.
 *
 * @throws RangeError with the validation sentence when the spec is invalid
 * @example
 * encodeAssignment({ v: 1, id: "hw1", title: "Week 1", exercises: ["theory-liquidation-price"], solutions: "after-attempt" })
 * //=> "eyJ2IjoxLCJpZCI6Imh3MSIsInRpdGxlIjoiV2VlayAxIiwiZXhlcmNpc2VzIjpbInRoZW9yeS1saXF1aWRhdGlvbi1wcmljZSJdLCJzb2x1dGlvbnMiOiJhZnRlci1hdHRlbXB0In0.s4YZ"
 */
export function encodeAssignment(spec: AssignmentSpec): string {
  const checked = validateAssignment(spec);
  if (!checked.ok) throw new RangeError(checked.message);
  const { v, id, title, due, exercises, solutions } = checked.spec;
  const ordered = due === undefined ? { v, id, title, exercises, solutions } : { v, id, title, due, exercises, solutions };
  const payload = new TextEncoder().encode(JSON.stringify(ordered));
  return `${toBase64Url(payload)}.${checkOf(payload)}`;
}

/** Pulls the `a` value out of a pasted URL or query string; returns plain values unchanged. */
function extractValue(text: string): string {
  const looksLikeLink = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith("/") || text.includes("?");
  const query = text.includes("?") ? text.slice(text.indexOf("?") + 1) : /^a=/.test(text) ? text : looksLikeLink ? "" : undefined;
  if (query === undefined) return text;
  try {
    return new URLSearchParams(query.split("#")[0]).get(ASSIGNMENT_QUERY_KEY) ?? "";
  } catch {
    return "";
  }
}

/**
 * Reads an assignment from a link value (or a whole pasted link). Never
 * throws; every failure is a sentence: incomplete link, damaged link,
 * unreadable contents, newer or unknown version, unknown exercise id, bad due
 * date, too many exercises…
 *
 * @param knownExerciseIds - the book's exercise ids; unknown ids are refused by name
 * @example
 * decodeAssignment(encodeAssignment(spec))       //=> { ok: true, spec }
 * decodeAssignment(encodeAssignment(spec).slice(0, 20))
 * //=> { ok: false, message: "This assignment link is incomplete: its end is missing. …" }
 */
export function decodeAssignment(text: string, knownExerciseIds?: Iterable<string>): AssignmentDecode {
  if (typeof text !== "string") return { ok: false, message: "There is no assignment in this link." };
  const value = extractValue(text.trim()).trim();
  if (value === "") return { ok: false, message: "There is no assignment in this link." };
  if (value.length > MAX_ENCODED_CHARS) return { ok: false, message: `This assignment link is too long to be one the instructor page made. ${ASK_AGAIN}` };
  if (/[^A-Za-z0-9_.-]/.test(value)) {
    return { ok: false, message: `This assignment link contains characters that don't belong in it (it is not base64url text); a mail or chat program may have changed it. ${ASK_AGAIN}` };
  }
  const dot = value.lastIndexOf(".");
  if (dot < 0 || value.length - dot - 1 < CHECK_CHARS) {
    return { ok: false, message: `This assignment link is incomplete: its end is missing. ${ASK_AGAIN}` };
  }
  const body = value.slice(0, dot);
  const check = value.slice(dot + 1);
  const payload = body.includes(".") || check.length !== CHECK_CHARS ? undefined : fromBase64Url(body);
  if (payload === undefined || payload.length === 0) {
    return { ok: false, message: `This assignment link is damaged: its contents are not valid base64url text. ${ASK_AGAIN}` };
  }
  if (checkOf(payload) !== check) {
    return { ok: false, message: `This assignment link is damaged: its check characters don't match its contents (a character was changed or lost). ${ASK_AGAIN}` };
  }
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(payload);
  } catch {
    return { ok: false, message: `This assignment link's contents are not readable text. ${ASK_AGAIN}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, message: `This assignment link's contents are not valid JSON, so it wasn't made by the instructor page. ${ASK_AGAIN}` };
  }
  return validateAssignment(data, knownExerciseIds);
}

/**
 * The share link of an assignment: `base` (the assignment page's URL,
 * absolute or starting with "/") with `?a=<encoded>`; other query keys and the
 * hash of `base` are kept.
 *
 * @throws RangeError when the spec is invalid (see {@link encodeAssignment})
 * @example
 * assignmentUrl("https://example.org/book/assignment/", spec) //=> "https://example.org/book/assignment/?a=eyJ2Ijox…In0.s4YZ"
 */
export function assignmentUrl(base: string, spec: AssignmentSpec): string {
  const encoded = encodeAssignment(spec);
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(base);
  const url = new URL(base, "https://relative.invalid");
  url.searchParams.set(ASSIGNMENT_QUERY_KEY, encoded);
  return absolute ? url.href : `${url.pathname}${url.search}${url.hash}`;
}

/**
 * A fresh random-looking assignment id: "a-" and 8 lower-case Crockford
 * base-32 characters (40 random bits), e.g. "a-7k3qx9zd". Uses the platform's
 * cryptographic random source (browsers and Node alike).
 *
 * @example
 * newAssignmentId() //=> "a-7k3qx9zd"
 */
export function newAssignmentId(): string {
  const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return `a-${Array.from(bytes, (byte) => alphabet[byte & 31]).join("")}`;
}
