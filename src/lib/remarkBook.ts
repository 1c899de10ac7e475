/**
 * A remark plugin for the chapters: numbers citations and figures in reading
 * order, checks that every `<Term id>` and `<Cite id>` resolves, and hands the
 * ordered citation list to the page as `remarkPluginFrontmatter.citations`.
 * A dangling id fails the build with the file and the id.
 */
import { join } from "node:path";
import { contentIds } from "./contentRefs";

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}
interface Node {
  type: string;
  name?: string | null;
  attributes?: JsxAttribute[];
  children?: Node[];
}
interface VFileLike {
  path?: string;
  history?: string[];
  data: { astro?: { frontmatter?: Record<string, unknown> } };
}

const NUMBERED = new Set(["Figure", "Widget"]);

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

function stringAttribute(node: Node, name: string): string | undefined {
  const attribute = node.attributes?.find((a) => a.type === "mdxJsxAttribute" && a.name === name);
  return typeof attribute?.value === "string" ? attribute.value : undefined;
}

function setAttribute(node: Node, name: string, value: string): void {
  node.attributes = (node.attributes ?? []).filter((a) => a.name !== name);
  node.attributes.push({ type: "mdxJsxAttribute", name, value });
}

/** Options: where the content folder is (defaults to `./content`). */
export default function remarkBook(options: { contentRoot?: string } = {}) {
  const contentRoot = options.contentRoot ?? join(process.cwd(), "content");
  return (tree: Node, file: VFileLike) => {
    const glossary = contentIds(join(contentRoot, "glossary"), ".md");
    const references = contentIds(join(contentRoot, "references"), ".yaml");
    const where = file.path ?? file.history?.[0] ?? "an MDX file";
    const citations: string[] = [];
    const citeCount = new Map<string, number>();
    const termCount = new Map<string, number>();
    let figureNumber = 0;
    const problems: string[] = [];

    walk(tree, (node) => {
      if (node.type !== "mdxJsxFlowElement" && node.type !== "mdxJsxTextElement") return;
      if (node.name === "Cite") {
        const id = stringAttribute(node, "id");
        if (!id || !references.has(id)) {
          problems.push(`<Cite id="${id ?? ""}"> has no file content/references/${id ?? "?"}.yaml`);
          return;
        }
        if (!citations.includes(id)) citations.push(id);
        const occurrence = (citeCount.get(id) ?? 0) + 1;
        citeCount.set(id, occurrence);
        setAttribute(node, "number", String(citations.indexOf(id) + 1));
        setAttribute(node, "occurrence", String(occurrence));
      } else if (node.name === "Term") {
        const id = stringAttribute(node, "id");
        if (!id || !glossary.has(id)) {
          problems.push(`<Term id="${id ?? ""}"> has no file content/glossary/${id ?? "?"}.md`);
          return;
        }
        const occurrence = (termCount.get(id) ?? 0) + 1;
        termCount.set(id, occurrence);
        setAttribute(node, "occurrence", String(occurrence));
      } else if (node.name && (NUMBERED.has(node.name) || node.name.endsWith("Widget"))) {
        figureNumber += 1;
        setAttribute(node, "figureNumber", String(figureNumber));
      }
    });

    if (problems.length > 0) throw new Error(`${where}:\n  ${problems.join("\n  ")}`);
    file.data.astro ??= {};
    file.data.astro.frontmatter ??= {};
    file.data.astro.frontmatter.citations = citations;
    file.data.astro.frontmatter.citationCounts = Object.fromEntries(citeCount);
    file.data.astro.frontmatter.figureCount = figureNumber;
  };
}
