/**
 * Finds every `<Term id>`, `<Cite id>` and `<Widget…>` reference in the book's
 * MDX and checks that it resolves to a glossary entry or a reference file.
 * Used by the remark plugin at build time and by the unit tests.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

/** One unresolved reference, with enough to find it. */
export interface Unresolved {
  file: string;
  kind: "Term" | "Cite";
  id: string;
}

const TAG = /<(Term|Cite)\b[^>]*?\bid\s*=\s*["']([^"']*)["']/g;

/** The ids of the entries of a content folder (file names without extension). */
export function contentIds(folder: string, extension: string): Set<string> {
  if (!existsSync(folder)) return new Set();
  return new Set(
    readdirSync(folder)
      .filter((name) => name.endsWith(extension))
      .map((name) => basename(name, extension)),
  );
}

/** Every Term/Cite id used in one MDX source, in order of appearance. */
export function referencesIn(source: string): { kind: "Term" | "Cite"; id: string }[] {
  return [...source.matchAll(TAG)].map((match) => ({ kind: match[1] as "Term" | "Cite", id: match[2] ?? "" }));
}

/** Checks every `.mdx` file under `contentRoot/chapters` (and any extra files) against the glossary and references. */
export function findUnresolved(contentRoot: string, extraFiles: string[] = []): Unresolved[] {
  const glossary = contentIds(join(contentRoot, "glossary"), ".md");
  const references = contentIds(join(contentRoot, "references"), ".yaml");
  const chapterDir = join(contentRoot, "chapters");
  const files = [
    ...(existsSync(chapterDir) ? readdirSync(chapterDir).filter((n) => n.endsWith(".mdx")).map((n) => join(chapterDir, n)) : []),
    ...extraFiles,
  ];
  const unresolved: Unresolved[] = [];
  for (const file of files) {
    for (const { kind, id } of referencesIn(readFileSync(file, "utf8"))) {
      const known = kind === "Term" ? glossary : references;
      if (!known.has(id)) unresolved.push({ file, kind, id });
    }
  }
  return unresolved;
}
