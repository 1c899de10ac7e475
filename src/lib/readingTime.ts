/** Minutes to read a text at 230 words a minute, counting prose words only (no tags, no math, no code). */
export function readingMinutes(source: string, wordsPerMinute = 230): number {
  const prose = source
    .replace(/^---[\s\S]*?---/, " ")
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\$\$[\s\S]*?\$\$/g, " formula ")
    .replace(/\$[^$\n]+\$/g, " x ")
    .replace(/<[^>]+>/g, " ")
    .replace(/^import .*$/gm, " ");
  const words = prose.match(/[A-Za-z0-9\u00C0-\u024F][\w'’\-.,%$]*/g)?.length ?? 0;
  return Math.max(1, Math.ceil(words / wordsPerMinute));
}

/** Number of prose words in an MDX source (same rules as {@link readingMinutes}). */
export function proseWords(source: string): number {
  return readingMinutes(source, 1);
}
