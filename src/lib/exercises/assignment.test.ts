import fc from "fast-check";
import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import {
  MAX_ASSIGNMENT_EXERCISES,
  assignmentUrl,
  decodeAssignment,
  encodeAssignment,
  newAssignmentId,
  validateAssignment,
  type AssignmentSpec,
} from "./assignment";

const spec: AssignmentSpec = {
  v: 1,
  id: "hw-7x2k",
  title: "Week 1 — liquidations ✓",
  due: "2026-12-15",
  exercises: ["theory-liquidation-price", "essence-run-on-deposits"],
  solutions: "after-attempt",
};
const known = ["theory-liquidation-price", "essence-run-on-deposits", "origin-insurance-fund"];

/** Encodes arbitrary JSON the way encodeAssignment does, to build links the instructor page would never make. */
function rawLink(value: unknown): string {
  const payload = new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
  return `${b64(payload)}.${checkFor(payload)}`;
}
function b64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function checkFor(payload: Uint8Array): string {
  return b64(sha256(payload).subarray(0, 3));
}

describe("encode / decode", () => {
  it("round-trips a spec, and the payload is standard base64url of the JSON", () => {
    const encoded = encodeAssignment(spec);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{4}$/);
    expect(decodeAssignment(encoded, known)).toEqual({ ok: true, spec });
    const [body] = encoded.split(".");
    expect(JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(body!.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0))))).toEqual(spec);
    expect(rawLink(spec)).toBe(encoded);
  });

  it("round-trips any valid spec (fast-check)", () => {
    const exerciseId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/);
    const specs = fc.record(
      {
        v: fc.constant(1 as const),
        id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/).filter((id) => id.toLowerCase() !== "book"),
        title: fc.string({ minLength: 1, maxLength: 120, unit: "grapheme" }).map((t) => t.trim()).filter((t) => t.length > 0 && t.length <= 200),
        due: fc.date({ min: new Date("2000-01-01"), max: new Date("2199-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        exercises: fc.uniqueArray(exerciseId, { minLength: 1, maxLength: MAX_ASSIGNMENT_EXERCISES }),
        solutions: fc.constantFrom("after-attempt" as const, "after-due" as const, "never" as const),
      },
      { requiredKeys: ["v", "id", "title", "exercises", "solutions"] },
    );
    fc.assert(
      fc.property(specs, (s) => {
        expect(decodeAssignment(encodeAssignment(s))).toEqual({ ok: true, spec: s });
      }),
      { numRuns: 300 },
    );
  });

  it("reads a whole pasted link too", () => {
    const url = assignmentUrl("https://example.org/book/assignment/", spec);
    expect(url).toMatch(/^https:\/\/example\.org\/book\/assignment\/\?a=/);
    expect(decodeAssignment(url)).toEqual({ ok: true, spec });
    expect(decodeAssignment(`  ${url}#top `)).toEqual({ ok: true, spec });
    expect(decodeAssignment(`a=${encodeAssignment(spec)}`)).toEqual({ ok: true, spec });
  });

  it("assignmentUrl keeps the base's other parts", () => {
    expect(assignmentUrl("/assignment/", spec)).toBe(`/assignment/?a=${encodeAssignment(spec)}`);
    expect(assignmentUrl("https://x.org/a/?lang=en#go", spec)).toBe(`https://x.org/a/?lang=en&a=${encodeAssignment(spec)}#go`);
  });
});

describe("malformed links", () => {
  const encoded = encodeAssignment(spec);

  it("empty", () => {
    expect(decodeAssignment("")).toEqual({ ok: false, message: "There is no assignment in this link." });
    expect(decodeAssignment("https://example.org/assignment/")).toMatchObject({ ok: false, message: "There is no assignment in this link." });
  });

  it("truncated anywhere", () => {
    for (let length = 1; length < encoded.length; length++) {
      const result = decodeAssignment(encoded.slice(0, length));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/incomplete|damaged/);
    }
    const cut = decodeAssignment(encoded.slice(0, encoded.length - 6));
    expect(cut.ok === false && cut.message).toContain("incomplete");
  });

  it("a flipped character", () => {
    const body = encoded.split(".")[0]!;
    let damaged = 0;
    for (let i = 0; i < body.length - 1; i++) {
      const flipped = body[i] === "A" ? "B" : "A";
      const result = decodeAssignment(`${body.slice(0, i)}${flipped}${body.slice(i + 1)}.${encoded.split(".")[1]}`);
      expect(result.ok).toBe(false);
      if (!result.ok && result.message.includes("check characters")) damaged++;
    }
    expect(damaged).toBeGreaterThan(body.length / 2);
  });

  it("not base64", () => {
    const result = decodeAssignment(encoded.replace(/^(.{5})./, "$1%"));
    expect(result.ok === false && result.message).toContain("not base64url");
  });

  it("bad JSON, wrong version, newer version", () => {
    expect(decodeAssignment(rawLink("{not json"))).toMatchObject({ ok: false, message: expect.stringContaining("not valid JSON") });
    expect(decodeAssignment(rawLink([1, 2]))).toMatchObject({ ok: false, message: expect.stringContaining("expected form") });
    expect(decodeAssignment(rawLink({ ...spec, v: 0 }))).toMatchObject({ ok: false, message: expect.stringContaining("unknown format") });
    expect(decodeAssignment(rawLink({ ...spec, v: 2 }))).toMatchObject({ ok: false, message: expect.stringContaining("newer version of the book (format 2") });
  });

  it("unknown exercise id", () => {
    const result = decodeAssignment(rawLink({ ...spec, exercises: ["theory-foo"] }), known);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("“theory-foo”") });
    expect(decodeAssignment(rawLink({ ...spec, exercises: ["theory-foo"] })).ok).toBe(true);
  });

  it("bad dates, too many, duplicates, missing fields, bad ids", () => {
    const refuse = (value: unknown, text: string) => expect(decodeAssignment(rawLink(value))).toMatchObject({ ok: false, message: expect.stringContaining(text) });
    refuse({ ...spec, due: "2026-02-30" }, "“2026-02-30” is not a real date");
    refuse({ ...spec, due: "15/12/2026" }, "YYYY-MM-DD");
    refuse({ ...spec, due: 20261215 }, "YYYY-MM-DD");
    refuse({ ...spec, exercises: Array.from({ length: 61 }, (_, i) => `e-${i}`) }, "lists 61 exercises; at most 60");
    refuse({ ...spec, exercises: [] }, "has no exercises");
    refuse({ ...spec, exercises: ["a", "b", "a"] }, "“a” is listed twice");
    refuse({ ...spec, exercises: ["Theory Foo"] }, "is not an exercise id");
    refuse({ ...spec, title: "   " }, "has no title");
    refuse({ v: 1, id: "x", exercises: ["a"], solutions: "never" }, "has no title");
    refuse({ ...spec, solutions: "sometimes" }, "“sometimes” is not a solutions setting");
    refuse({ ...spec, id: "has space" }, "only letters, digits");
    refuse({ ...spec, id: "Book" }, "reserved for self-study");
  });

  it("never throws (fuzz)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = decodeAssignment(text, known);
        if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("validateAssignment and newAssignmentId", () => {
  it("trims and refuses before encoding", () => {
    expect(validateAssignment({ ...spec, title: "  Week 1  " })).toMatchObject({ ok: true, spec: { title: "Week 1" } });
    expect(() => encodeAssignment({ ...spec, exercises: [] })).toThrow(RangeError);
  });

  it("makes valid, distinct ids", () => {
    const ids = new Set(Array.from({ length: 200 }, () => newAssignmentId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(validateAssignment({ ...spec, id }).ok).toBe(true);
  });
});
