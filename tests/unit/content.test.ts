import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chapterSchema, glossarySchema, referenceSchema, caseSchema } from "../../src/lib/schemas";
import { findUnresolved, referencesIn } from "../../src/lib/contentRefs";
import { readingMinutes } from "../../src/lib/readingTime";
import { parseModuleHeader } from "../../src/lib/moduleDocs";

const goodChapter = {
  title: "Essence: a title",
  number: 1,
  slug: "essence",
  summary: "A summary long enough to pass the schema's forty character minimum.",
  objectives: ["Explain one thing.", "Compute another thing.", "Distinguish a third thing."],
};

describe("content schemas", () => {
  it("accept a well-formed chapter", () => {
    expect(chapterSchema.safeParse(goodChapter).success).toBe(true);
  });

  it.each([
    ["a missing title", { ...goodChapter, title: undefined }, "title"],
    ["a chapter number out of range", { ...goodChapter, number: 7 }, "number"],
    ["an unknown slug", { ...goodChapter, slug: "epilogue" }, "slug"],
    ["too few objectives", { ...goodChapter, objectives: ["Explain one thing."] }, "objectives"],
  ])("reject a chapter with %s, naming the field", (_label, data, field) => {
    const result = chapterSchema.safeParse(data);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(field);
  });

  it("reject a glossary short definition over 40 words", () => {
    const result = glossarySchema.safeParse({ term: "Long", short: Array.from({ length: 41 }, () => "word").join(" ") });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/40 words/);
  });

  it("reject a reference without a valid URL or accessed date", () => {
    const base = { authors: ["Ann Author"], title: "A title", year: 2020, venue: "A venue", url: "https://x.org", accessed: "2026-11-28" };
    expect(referenceSchema.safeParse(base).success).toBe(true);
    expect(referenceSchema.parse({ ...base, accessed: new Date("2026-11-28") }).accessed).toBe("2026-11-28");
    expect(referenceSchema.safeParse({ ...base, url: "not a url" }).success).toBe(false);
    expect(referenceSchema.safeParse({ ...base, accessed: "yesterday" }).success).toBe(false);
  });

  it("require every case figure to cite a reference", () => {
    const event = { date: "2022-11-11", text: "FTX files for bankruptcy.", refs: ["ftx-petition"] };
    const base = { title: "FTX", period: { start: "2022-11-02", end: "2022-11-11" }, summary: "S", events: [event] };
    expect(caseSchema.safeParse(base).success).toBe(true);
    expect(caseSchema.safeParse({ ...base, figures: [{ label: "x", value: 1, unit: "USD" }] }).success).toBe(false);
  });
});

describe("the book's own content", () => {
  const root = join(process.cwd(), "content");

  // Schema validation of every entry happens in `astro build` (a bad field fails the build, naming the file).
  it("has six chapters with frontmatter and at least 30 glossary terms", () => {
    for (const file of readdirSync(join(root, "chapters"))) {
      expect(readFileSync(join(root, "chapters", file), "utf8").startsWith("---\n"), file).toBe(true);
    }
    expect(readdirSync(join(root, "chapters")).filter((f) => f.endsWith(".mdx"))).toHaveLength(6);
    expect(readdirSync(join(root, "glossary")).filter((f) => f.endsWith(".md")).length).toBeGreaterThanOrEqual(30);
  });

  it("every <Term id> and <Cite id> in the chapters resolves", () => {
    expect(findUnresolved(root)).toEqual([]);
  });

  it("the checker reports dangling ids with the file and the id", () => {
    const fixture = join(process.cwd(), "tests/fixtures/content");
    const unresolved = findUnresolved(fixture).map(({ file, kind, id }) => `${file.split("/").at(-1)} ${kind} ${id}`);
    expect(unresolved).toEqual(["01-bad.mdx Term no-such-term", "01-bad.mdx Cite ghost-ref"]);
  });

  it("finds ids in both quote styles and self-closing tags", () => {
    expect(referencesIn(`<Term id='a'>x</Term> <Cite id="b"/> <Cite  id="c" />`)).toEqual([
      { kind: "Term", id: "a" },
      { kind: "Cite", id: "b" },
      { kind: "Cite", id: "c" },
    ]);
  });
});

describe("site helpers", () => {
  it("reading time counts prose, not markup or math", () => {
    const prose = Array.from({ length: 460 }, () => "word").join(" ");
    expect(readingMinutes(prose)).toBe(2);
    expect(readingMinutes(`<Callout kind="key">${prose}</Callout> $$x^2$$`)).toBe(3);
  });

  it("module headers parse into a title and paragraphs", () => {
    const doc = parseModuleHeader("ledger", "/**\n * ledger — books.\n *\n * Models: a thing\n * over lines.\n */\nexport {}");
    expect(doc).toEqual({ name: "ledger", title: "ledger — books.", paragraphs: ["Models: a thing over lines."] });
  });
});
