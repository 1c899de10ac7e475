/** Chapter lookups shared by pages: the ordered list, neighbours, URLs. */
import { getCollection, type CollectionEntry } from "astro:content";
import { readingMinutes } from "./readingTime";

export type Chapter = CollectionEntry<"chapters">;

/** URL of a chapter page. */
export function chapterUrl(chapter: Pick<Chapter, "data">): string {
  return `/chapters/${chapter.data.slug}/`;
}

/** All chapters in reading order; fails the build if two share a number or a slug. */
export async function orderedChapters(): Promise<Chapter[]> {
  const chapters = (await getCollection("chapters")).sort((a, b) => a.data.number - b.data.number);
  const seen = new Set<string>();
  for (const chapter of chapters) {
    for (const key of [`number ${chapter.data.number}`, `slug ${chapter.data.slug}`]) {
      if (seen.has(key)) throw new Error(`content/chapters/${chapter.id}: another chapter already has ${key}.`);
      seen.add(key);
    }
  }
  return chapters;
}

/** Reading time in minutes: the frontmatter's if given, otherwise computed from the text. */
export function chapterMinutes(chapter: Chapter): number {
  return chapter.data.readingMinutes ?? readingMinutes(chapter.body ?? "");
}
