/**
 * A remark plugin that turns a fenced block marked as a cell into a
 * `<CodeCell>` element for MDX:
 *
 *     ```ts cell id="desk-loan" timeout=3000
 *     import { Exchange } from "cef";
 *     …
 *     ```
 *
 * becomes `<CodeCell id="desk-loan" code="…" timeoutMs="3000" />`. An id is
 * required and unique per file; a bad meta fails the build with the file and
 * line, never a broken cell on the page.
 */
interface Node {
  type: string;
  lang?: string | null;
  meta?: string | null;
  value?: string;
  name?: string;
  attributes?: { type: string; name: string; value: string }[];
  children?: Node[];
  position?: { start?: { line?: number } };
}
interface VFileLike {
  path?: string;
  history?: string[];
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const TYPESCRIPT = new Set(["ts", "typescript", "tsx"]);

/** The cell's settings from a fence's meta (`cell id="x" timeout=3000`), or undefined when it is no cell. */
export function parseCellMeta(meta: string | null | undefined): { id?: string; timeoutMs?: string; unknown: string[] } | undefined {
  const words: string[] = (meta ?? "").match(/[\w-]+(?:=(?:"[^"]*"|'[^']*'|\S+))?/g) ?? [];
  if (!words.includes("cell")) return undefined;
  const settings: { id?: string; timeoutMs?: string; unknown: string[] } = { unknown: [] };
  for (const word of words) {
    if (word === "cell") continue;
    const [key, ...rest] = word.split("=");
    const value = rest.join("=").replace(/^["']|["']$/g, "");
    if (key === "id") settings.id = value;
    else if (key === "timeout") settings.timeoutMs = value;
    else settings.unknown.push(word);
  }
  return settings;
}

function transform(node: Node, where: string, seen: Set<string>, problems: string[]): void {
  for (const child of node.children ?? []) {
    if (child.type !== "code") {
      transform(child, where, seen, problems);
      continue;
    }
    const settings = parseCellMeta(child.meta);
    if (!settings) continue;
    const at = `${where}:${child.position?.start?.line ?? "?"}`;
    const before = problems.length;
    if (!TYPESCRIPT.has(child.lang ?? "")) problems.push(`${at}: a cell must be TypeScript (\`\`\`ts cell …), not "${child.lang ?? ""}"`);
    if (!settings.id || !ID.test(settings.id)) problems.push(`${at}: a cell needs id="…" of lowercase letters, digits and hyphens (got ${settings.id === undefined ? "none" : `"${settings.id}"`})`);
    else if (seen.has(settings.id)) problems.push(`${at}: the cell id "${settings.id}" is used twice in this file`);
    if (settings.timeoutMs !== undefined && !(/^\d+$/.test(settings.timeoutMs) && Number(settings.timeoutMs) >= 100 && Number(settings.timeoutMs) <= 60_000)) {
      problems.push(`${at}: timeout is in milliseconds, 100 to 60000 (got "${settings.timeoutMs}")`);
    }
    if (settings.unknown.length > 0) problems.push(`${at}: unknown cell setting ${settings.unknown.join(", ")} (a cell takes id and timeout)`);
    if (problems.length > before) continue;
    seen.add(settings.id!);
    const attributes = [
      { type: "mdxJsxAttribute", name: "id", value: settings.id! },
      { type: "mdxJsxAttribute", name: "code", value: (child.value ?? "").replace(/\s+$/, "") + "\n" },
      ...(settings.timeoutMs ? [{ type: "mdxJsxAttribute", name: "timeoutMs", value: settings.timeoutMs }] : []),
    ];
    Object.assign(child, { type: "mdxJsxFlowElement", name: "CodeCell", attributes, children: [] });
    delete child.lang;
    delete child.meta;
    delete child.value;
  }
}

export default function remarkCells() {
  return (tree: Node, file: VFileLike) => {
    const where = file.path ?? file.history?.[0] ?? "a Markdown file";
    const problems: string[] = [];
    const isMdx = where.endsWith(".mdx");
    const seen = new Set<string>();
    if (!isMdx) {
      // Plain Markdown cannot hold components: say so rather than print the fence.
      const check = (node: Node): void => {
        if (node.type === "code" && parseCellMeta(node.meta)) problems.push(`${where}:${node.position?.start?.line ?? "?"}: cells work only in .mdx files`);
        node.children?.forEach(check);
      };
      check(tree);
    } else {
      transform(tree, where, seen, problems);
    }
    if (problems.length > 0) throw new Error(`Code cells:\n  ${problems.join("\n  ")}`);
  };
}
