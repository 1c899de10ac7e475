/** Extracts the engine-call region of a widget model (between `// #region engine` and `// #endregion`). */
export function engineCallSource(source: string, file: string): string {
  const match = /\/\/ #region engine\s*\n([\s\S]*?)\n\s*\/\/ #endregion/.exec(source);
  if (!match) throw new Error(`${file}: mark the engine call with // #region engine … // #endregion`);
  const lines = match[1]!.split("\n");
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(indent)).join("\n").trimEnd();
}
