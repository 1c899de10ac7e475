// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import preact from "@astrojs/preact";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import remarkBook from "./src/lib/remarkBook.ts";
import remarkCells from "./src/lib/remarkCells.ts";
import { unified } from "@astrojs/markdown-remark";

export default defineConfig({
  output: "static",
  trailingSlash: "always",
  build: { format: "directory" },
  integrations: [mdx(), preact()],
  markdown: {
    // The remark/rehype pipeline (not Astro 7's default Sätteri) because the book needs
    // remark-math, rehype-katex and its own remark plugin (see docs/decisions.md).
    processor: unified({
      remarkPlugins: [remarkMath, remarkCells, remarkBook],
      rehypePlugins: [[rehypeKatex, { output: "htmlAndMathml", throwOnError: true }]],
    }),
    shikiConfig: { themes: { light: "github-light-high-contrast", dark: "github-dark-high-contrast" } },
  },
  devToolbar: { enabled: false },
  // Private previews (scripts/preview.sh) build side by side: each gets its own cache.
  cacheDir: process.env.ASTRO_CACHE_DIR ?? "./node_modules/.astro",
});
