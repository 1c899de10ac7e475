/**
 * Builds the Lab's API reference from the TSDoc of `src/sim/index.ts` and the
 * modules it re-exports, with the TypeScript compiler API, at build time.
 *
 * For every export: its module, kind, signature (as written in the source),
 * summary, parameters (the declaration's, with their `@param` text), what it
 * returns and throws, and each `@example` split into lines with the result
 * the doc shows (`//=>`). Classes also list their public members. Nothing is
 * run here; the `sim` tests check the examples' results.
 */
import ts from "typescript";
import { basename, resolve } from "node:path";

export type ApiKind = "function" | "class" | "constant" | "interface" | "type";

/** A piece of doc text: plain words, `code`, or a {@link name}. */
export type DocSegment = { kind: "text"; text: string } | { kind: "code"; text: string } | { kind: "link"; text: string; target: string };

/** One line of an example: the code and, when the doc shows one, its result. */
export interface ExampleLine {
  code: string;
  result?: string;
}

export interface ApiParam {
  name: string;
  type: string;
  optional: boolean;
  defaultValue?: string;
  doc: DocSegment[];
}

/** A documented declaration: an export, or a public member of an exported class. */
export interface ApiEntry {
  name: string;
  kind: ApiKind | "constructor" | "method" | "property" | "getter";
  /** The declaration as written, without its body. */
  signature: string;
  /** The doc comment's first paragraph. */
  summary: DocSegment[];
  /** The doc comment's later paragraphs. */
  details: DocSegment[][];
  params: ApiParam[];
  returns?: DocSegment[];
  throws: DocSegment[][];
  examples: ExampleLine[][];
}

export interface ApiExport extends ApiEntry {
  kind: ApiKind;
  /** The module it is declared in (`margin` for src/sim/margin.ts). */
  module: string;
  /** Public members, for classes. */
  members: ApiEntry[];
}

export interface ApiModule {
  name: string;
  exports: ApiExport[];
}

/** Anchor id of an export on the Lab page. */
export function apiAnchor(name: string): string {
  return `api-${name}`;
}

/** Splits doc text into words, `code` spans and {@link targets}. */
export function parseDocText(text: string): DocSegment[] {
  const segments: DocSegment[] = [];
  const pattern = /\{@link(?:code|plain)?\s+([^}\s|]+)(?:\s*\|\s*|\s+)?([^}]*)\}|`([^`]+)`/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) segments.push({ kind: "text", text: text.slice(last, match.index) });
    if (match[3] !== undefined) segments.push({ kind: "code", text: match[3] });
    else segments.push({ kind: "link", target: match[1]!, text: match[2]?.trim() || match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ kind: "text", text: text.slice(last) });
  return segments;
}

/** Splits an example into lines, each with the result shown after `//=>`. */
export function parseExample(text: string): ExampleLine[] {
  const lines = text.replace(/^\s*\n/, "").replace(/\s+$/, "").split("\n");
  return lines.map((line) => {
    const at = line.indexOf("//=>");
    if (at === -1) return { code: line };
    return { code: line.slice(0, at).trimEnd(), result: line.slice(at + 4).trim() };
  });
}

function commentText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  return ts.getTextOfJSDocComment(comment) ?? "";
}

/** The last JSDoc block attached to a node (the one right above it). */
function jsDocOf(node: ts.Node): ts.JSDoc | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  return docs?.[docs.length - 1];
}

function paragraphs(text: string): DocSegment[][] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean)
    .map(parseDocText);
}

/** Removes the common indentation of a multi-line declaration. */
function dedent(text: string): string {
  const lines = text.split("\n");
  const indents = lines.slice(1).filter((l) => l.trim() !== "").map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  const body = lines.slice(1).map((l) => l.slice(Math.min(cut, /^\s*/.exec(l)![0].length)));
  // Members of a class are indented one level more than their closing brace.
  return [lines[0]!, ...body.map((l) => (cut > 0 ? "  " + l : l))].join("\n").replace(/\n {2}\}$/, "\n}");
}

/** Source text of a declaration from its first keyword (after `export`) to the start of its body. */
function headText(node: ts.Node, sourceFile: ts.SourceFile, bodyStart?: number): string {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : [];
  const exportModifier = modifiers.find((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const start = exportModifier ? exportModifier.end + /^\s*/.exec(sourceFile.text.slice(exportModifier.end))![0].length : node.getStart(sourceFile);
  const end = bodyStart ?? node.getEnd();
  return sourceFile.text.slice(start, end).trim().replace(/;$/, "");
}

function reindent(text: string, sourceFile: ts.SourceFile, node: ts.Node): string {
  // Continuation lines are indented relative to the declaration's column; strip that column.
  const column = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).character;
  return text
    .split("\n")
    .map((line, i) => (i === 0 ? line : line.replace(new RegExp(`^ {0,${column}}`), "")))
    .join("\n");
}

const MAX_INITIALIZER_LINES = 40;

function describeDoc(node: ts.Node): Pick<ApiEntry, "summary" | "details" | "returns" | "throws" | "examples"> & { paramDocs: Map<string, DocSegment[]> } {
  const doc = jsDocOf(node);
  const text = commentText(doc?.comment);
  const [summary = [], ...details] = paragraphs(text);
  const paramDocs = new Map<string, DocSegment[]>();
  const throws: DocSegment[][] = [];
  const examples: ExampleLine[][] = [];
  let returns: DocSegment[] | undefined;
  for (const tag of doc?.tags ?? []) {
    const name = tag.tagName.text;
    const body = commentText(tag.comment).replace(/^\s*-\s*/, "");
    if (ts.isJSDocParameterTag(tag)) paramDocs.set(tag.name.getText(), parseDocText(body.replace(/\s*\n\s*/g, " ")));
    else if (name === "returns" || name === "return") returns = parseDocText(body.replace(/\s*\n\s*/g, " "));
    else if (name === "throws") throws.push(parseDocText(body.replace(/\s*\n\s*/g, " ")));
    else if (name === "example") examples.push(parseExample(body));
  }
  return { summary, details, returns, throws, examples, paramDocs };
}

function paramsOf(node: ts.SignatureDeclarationBase, sourceFile: ts.SourceFile, paramDocs: Map<string, DocSegment[]>): ApiParam[] {
  return node.parameters.map((p) => {
    const name = p.name.getText(sourceFile);
    return {
      name,
      type: p.type ? p.type.getText(sourceFile).replace(/\s*\n\s*/g, " ") : "unknown",
      optional: p.questionToken !== undefined || p.initializer !== undefined,
      ...(p.initializer ? { defaultValue: p.initializer.getText(sourceFile) } : {}),
      doc: paramDocs.get(name) ?? [],
    };
  });
}

function isPublicMember(member: ts.ClassElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return false;
  const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) ?? [] : [];
  return !modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
}

function classMembers(node: ts.ClassDeclaration, sourceFile: ts.SourceFile, className: string): ApiEntry[] {
  const entries: ApiEntry[] = [];
  for (const member of node.members) {
    if (!isPublicMember(member)) continue;
    const doc = describeDoc(member);
    const base = { summary: doc.summary, details: doc.details, returns: doc.returns, throws: doc.throws, examples: doc.examples };
    if (ts.isConstructorDeclaration(member)) {
      const params = paramsOf(member, sourceFile, doc.paramDocs);
      entries.push({ ...base, name: "constructor", kind: "constructor", signature: `new ${className}(${params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}`).join(", ")})`, params });
    } else if (ts.isMethodDeclaration(member) && member.body) {
      const signature = reindent(headText(member, sourceFile, member.body.getStart(sourceFile)), sourceFile, member);
      entries.push({ ...base, name: member.name.getText(sourceFile), kind: "method", signature, params: paramsOf(member, sourceFile, doc.paramDocs) });
    } else if (ts.isGetAccessorDeclaration(member) && member.body) {
      const signature = reindent(headText(member, sourceFile, member.body.getStart(sourceFile)), sourceFile, member);
      entries.push({ ...base, name: member.name.getText(sourceFile), kind: "getter", signature, params: [] });
    } else if (ts.isPropertyDeclaration(member)) {
      const type = member.type ? `: ${member.type.getText(sourceFile)}` : "";
      const modifiers = (ts.getModifiers(member) ?? []).filter((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword || m.kind === ts.SyntaxKind.StaticKeyword);
      const signature = `${modifiers.map((m) => m.getText(sourceFile) + " ").join("")}${member.name.getText(sourceFile)}${type}`;
      entries.push({ ...base, name: member.name.getText(sourceFile), kind: "property", signature, params: [] });
    }
  }
  return entries;
}

function describeDeclaration(declaration: ts.Declaration, checker: ts.TypeChecker, name: string, module: string): ApiExport | undefined {
  const sourceFile = declaration.getSourceFile();
  if (ts.isFunctionDeclaration(declaration) && declaration.body) {
    const doc = describeDoc(declaration);
    const signature = reindent(headText(declaration, sourceFile, declaration.body.getStart(sourceFile)), sourceFile, declaration);
    return { name, module, kind: "function", signature, ...doc, params: paramsOf(declaration, sourceFile, doc.paramDocs), members: [] };
  }
  if (ts.isClassDeclaration(declaration)) {
    const doc = describeDoc(declaration);
    const heritage = declaration.heritageClauses?.map((h) => " " + h.getText(sourceFile)).join("") ?? "";
    return { name, module, kind: "class", signature: `class ${name}${heritage}`, ...doc, params: [], members: classMembers(declaration, sourceFile, name) };
  }
  if (ts.isVariableDeclaration(declaration)) {
    const statement = declaration.parent.parent;
    const doc = describeDoc(statement);
    let signature: string;
    if (declaration.type) signature = `const ${name}: ${declaration.type.getText(sourceFile)}`;
    else {
      const initializer = declaration.initializer?.getText(sourceFile) ?? "";
      signature =
        initializer && initializer.split("\n").length <= MAX_INITIALIZER_LINES
          ? reindent(`const ${name} = ${initializer}`, sourceFile, statement)
          : `const ${name}: ${checker.typeToString(checker.getTypeAtLocation(declaration))}`;
    }
    return { name, module, kind: "constant", signature, ...doc, params: [], members: [] };
  }
  if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) {
    const doc = describeDoc(declaration);
    const signature = dedent(reindent(headText(declaration, sourceFile), sourceFile, declaration));
    return { name, module, kind: ts.isInterfaceDeclaration(declaration) ? "interface" : "type", signature, ...doc, params: [], members: [] };
  }
  return undefined;
}

/**
 * The whole public API of an entry module, grouped by the module each export
 * is declared in (modules in the order the entry first re-exports them,
 * exports in the entry's order). A type that shares its name with a value
 * (`Decimal`) is listed once, as the value.
 *
 * @param entryFile - path of the entry module, default `src/sim/index.ts` under the working directory
 */
export function buildApiReference(entryFile = resolve(process.cwd(), "src/sim/index.ts")): ApiModule[] {
  const program = ts.createProgram([entryFile], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(entryFile);
  if (!entry) throw new Error(`The API reference cannot read ${entryFile}.`);
  const moduleSymbol = checker.getSymbolAtLocation(entry);
  if (!moduleSymbol) throw new Error(`${entryFile} exports nothing.`);

  const modules = new Map<string, ApiExport[]>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = symbol.declarations ?? [];
    // A value wins over a type of the same name (Decimal is both); interfaces may merge, take the first.
    const declaration =
      declarations.find((d) => ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d) || ts.isVariableDeclaration(d)) ?? declarations[0];
    if (!declaration) continue;
    const module = basename(declaration.getSourceFile().fileName).replace(/\.tsx?$/, "");
    const described = describeDeclaration(declaration, checker, exported.name, module);
    if (!described) continue;
    if (!modules.has(module)) modules.set(module, []);
    modules.get(module)!.push(described);
  }
  return [...modules].map(([name, exports]) => ({ name, exports }));
}

let cached: ApiModule[] | undefined;

/** {@link buildApiReference} of the simulation library, computed once per build. */
export function simApiReference(): ApiModule[] {
  return (cached ??= buildApiReference());
}
