import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { caseSchema, chapterSchema, glossarySchema, referenceSchema } from "./lib/schemas";

const chapters = defineCollection({
  loader: glob({ pattern: "*.mdx", base: "./content/chapters" }),
  schema: chapterSchema,
});
const glossary = defineCollection({
  loader: glob({ pattern: "*.md", base: "./content/glossary" }),
  schema: glossarySchema,
});
const references = defineCollection({
  loader: glob({ pattern: "*.yaml", base: "./content/references" }),
  schema: referenceSchema,
});
const cases = defineCollection({
  loader: glob({ pattern: "*.{yaml,json}", base: "./content/cases" }),
  schema: caseSchema,
});

export const collections = { chapters, glossary, references, cases };
