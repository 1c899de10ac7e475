/** Zod schemas for every content collection; `src/content.config.ts` wires them to loaders. */
import { z } from "astro/zod";

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lowercase-hyphenated id such as 'margin-call'");
/** A calendar date written YYYY-MM-DD; YAML may hand it over as a Date, which is normalised back. */
const isoDate = z.union([
  z.iso.date(),
  z.date().transform((date) => date.toISOString().slice(0, 10)),
]);
const chapterSlug = z.enum(["essence", "origin", "theory", "approach", "evolution", "horizon"]);

/** A chapter's frontmatter. Reading time is computed from the text unless given. */
export const chapterSchema = z.object({
  title: z.string().min(3),
  number: z.number().int().min(1).max(6),
  slug: chapterSlug,
  summary: z.string().min(40).max(400),
  objectives: z.array(z.string().min(10)).min(3).max(7),
  readingMinutes: z.number().int().positive().optional(),
});

/** A glossary term. The body of the file is the full definition. */
export const glossarySchema = z.object({
  term: z.string().min(2),
  aliases: z.array(z.string()).default([]),
  short: z
    .string()
    .min(10)
    .refine((text) => text.trim().split(/\s+/).length <= 40, "short definition must be 40 words or fewer"),
  related: z.array(slug).default([]),
  chapters: z.array(chapterSlug).default([]),
});

/** A bibliography entry; the file name is its id. */
export const referenceSchema = z.object({
  authors: z.array(z.string().min(2)).min(1),
  title: z.string().min(3),
  year: z.number().int().min(1900).max(2100),
  venue: z.string().min(2),
  url: z.url(),
  accessed: isoDate,
  note: z.string().optional(),
});

/** A sourced figure inside a case: every number carries its reference. */
const caseFigure = z.object({
  label: z.string(),
  value: z.number(),
  unit: z.string(),
  ref: slug,
  note: z.string().optional(),
});

/** A real event as data (Mt. Gox, FTX, a liquidation day). */
export const caseSchema = z.object({
  title: z.string(),
  period: z.object({ start: isoDate, end: isoDate }),
  summary: z.string(),
  figures: z.array(caseFigure).default([]),
  events: z
    .array(
      z.object({
        date: isoDate,
        text: z.string(),
        refs: z.array(slug).min(1),
        figures: z.array(caseFigure).default([]),
      }),
    )
    .min(1),
});

export type ChapterData = z.infer<typeof chapterSchema>;
export type GlossaryData = z.infer<typeof glossarySchema>;
export type ReferenceData = z.infer<typeof referenceSchema>;
export type CaseData = z.infer<typeof caseSchema>;
