/** Formatting of bibliography entries. */
import type { ReferenceData } from "./schemas";

/** "Eisenberg and Noe, 2001" / "Ray et al., 2023": for labels. */
export function shortCitation(reference: ReferenceData): string {
  const surnames = reference.authors.map((name) => name.split(/\s+/).at(-1) ?? name);
  const who =
    reference.authors.length === 1
      ? reference.authors[0]
      : reference.authors.length === 2
        ? `${surnames[0]} and ${surnames[1]}`
        : `${surnames[0]} et al.`;
  return `${who}, ${reference.year}`;
}

/** The authors as a list for the reference section: "A, B and C". */
export function authorList(authors: string[]): string {
  if (authors.length <= 1) return authors[0] ?? "";
  return `${authors.slice(0, -1).join(", ")} and ${authors.at(-1)}`;
}
