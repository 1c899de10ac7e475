/** Reads the header comment of each `src/sim` module (at build time) for the Lab's library overview. */

export interface ModuleDoc {
  name: string;
  title: string;
  paragraphs: string[];
}

/** Parses the first block comment of a module's source into a title line and paragraphs. */
export function parseModuleHeader(name: string, source: string): ModuleDoc | undefined {
  const match = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!match) return undefined;
  const lines = match[1]!.split("\n").map((line) => line.replace(/^\s*\* ?/, "").trimEnd());
  const text = lines.join("\n").trim();
  const [first = "", ...rest] = text.split(/\n\s*\n/);
  return {
    name,
    title: first.replace(/\s+/g, " ").trim(),
    paragraphs: rest.map((paragraph) => paragraph.replace(/\s+/g, " ").trim()).filter(Boolean),
  };
}

/** Header docs of every non-test module in `src/sim` except the index, sorted by the order in DESIGN §4. */
export function simModuleDocs(): ModuleDoc[] {
  const sources = import.meta.glob("../sim/*.ts", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
  const order = ["money", "random", "ledger", "exchange", "rehypothecation", "margin", "orderbook", "liquidation", "cascade", "run", "contagion", "reserves", "dex", "lending", "settlement", "scenarios"];
  return Object.entries(sources)
    .map(([path, source]) => ({ name: path.replace(/^.*\/(.*)\.ts$/, "$1"), source }))
    .filter(({ name }) => !name.endsWith(".test") && name !== "index")
    .map(({ name, source }) => parseModuleHeader(name, source))
    .filter((doc): doc is ModuleDoc => doc !== undefined)
    .sort((a, b) => {
      const ia = order.indexOf(a.name);
      const ib = order.indexOf(b.name);
      return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib) || a.name.localeCompare(b.name);
    });
}
