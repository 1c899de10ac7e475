/**
 * Proof-of-reserves explorer: a small exchange's Merkle sum tree over eight
 * customers, drawn with every node's sum and (abbreviated) hash. Pick who you
 * are: your leaf, the sibling sums you are given and the nodes you recompute
 * are highlighted. Apply a trick the exchange can play, and see which check
 * catches it and which does not.
 */
import {
  Decimal,
  alterBalance,
  borrowedReserves,
  buildLiabilityTree,
  formatPercent,
  formatUsd,
  hideNegativeBalance,
  leafHash,
  nodeHash,
  omitCustomer,
  proofOfReserves,
  verifyInclusionDetailed,
  verifyInclusionWeak,
  type CheatedTree,
  type InclusionProof,
  type LiabilityTree,
} from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";

/** The exchange's customers and what each is owed, in dollars: $26,000 in all. */
const CUSTOMERS = [
  { id: "Alice", balance: "4200" },
  { id: "Bob", balance: "1350" },
  { id: "Carol", balance: "7800" },
  { id: "Dana", balance: "2600" },
  { id: "Erin", balance: "950" },
  { id: "Frank", balance: "5400" },
  { id: "Grace", balance: "3100" },
  { id: "Heidi", balance: "600" },
] as const;

const customerOptions = CUSTOMERS.map((c) => ({ value: c.id, label: `${c.id} ($${Number(c.balance).toLocaleString("en-US")})` }));

const TRICKS = {
  none: "None: an honest tree",
  negative: "Hide a negative balance",
  omit: "Leave a customer out",
  alter: "Lower a customer's balance",
  borrow: "Borrow reserves for the snapshot",
} as const;
type Trick = keyof typeof TRICKS;

const params = {
  trick: {
    kind: "choice",
    label: "The exchange's trick",
    default: "negative",
    options: Object.entries(TRICKS).map(([value, label]) => ({ value, label })),
  },
  you: { kind: "choice", label: "You are", default: "Carol", options: customerOptions },
  target: {
    kind: "choice",
    label: "Whose account the trick uses",
    default: "Carol",
    options: customerOptions,
    help: "The customer beside whom the dummy sits, who is left out, or whose balance is lowered.",
  },
  shortfallUsd: {
    kind: "number",
    label: "Missing from the wallets",
    default: 3000,
    min: 500,
    max: 8000,
    step: 500,
    unit: "USD",
    help: "How far the exchange's reserves fall short of what customers are owed; the trick tries to hide it.",
  },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;

type Verdict = "pass" | "fail" | "none";

interface Check {
  label: string;
  who: string;
  verdict: Verdict;
  group: "you" | "reserves";
}

/** A node of the drawn tree (level 0 = leaves). */
interface TreeNode {
  level: number;
  index: number;
  /** Customer id for a leaf. */
  id?: string;
  sum: string;
  sumUsd: number;
  hash: string;
  /** Its part in your proof. */
  role: "your leaf" | "given to you" | "you recompute" | "";
  parent?: string;
}

interface Result {
  trick: Trick;
  you: string;
  target: string;
  depth: number;
  leafCount: number;
  nodes: TreeNode[];
  omitted?: { id: string; balance: string };
  checks: Check[];
  caughtBy: string;
  exact: {
    owedTotal: string;
    publishedTotal: string;
    reservesAtSnapshot: string;
    ownReserves: string;
    snapshotRatio: string;
    laterRatio: string;
    understatedBy: string;
    targetBalance: string;
    alteredBalance: string;
  };
}

const key = (level: number, index: number) => `${level}:${index}`;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  const nibble = (code: number) => (code <= 57 ? code - 48 : code - 87); // "0"–"9", "a"–"f"
  for (let i = 0; i < bytes.length; i++) bytes[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  return bytes;
}

function bytesToHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += HEX[byte];
  return hex;
}

/**
 * Every node of the tree, recomputed from the proofs the exchange hands out
 * (leaf and node hashes with the engine's `leafHash` and `nodeHash`), exactly
 * as each customer's software does; the result must end at the published root.
 */
function treeNodes(tree: LiabilityTree, ids: readonly string[], you: string): TreeNode[] {
  const sizes = [tree.size];
  while (sizes.at(-1)! > 1) sizes.push(Math.ceil(sizes.at(-1)! / 2));
  const scale = new Decimal(10).pow(tree.decimals);
  const scaled = (amount: string) => BigInt(new Decimal(amount).times(scale).toFixed(0));
  const nodes = new Map<string, TreeNode>();
  const put = (node: TreeNode) => {
    const existing = nodes.get(key(node.level, node.index));
    if (!existing) nodes.set(key(node.level, node.index), node);
    else if (existing.hash !== node.hash || existing.sum !== node.sum) throw new Error(`Node ${key(node.level, node.index)} recomputes two ways.`);
    else existing.id ??= node.id;
  };
  const proofs: InclusionProof[] = ids.filter((id) => tree.has(id)).map((id) => tree.prove(id));
  for (const proof of proofs) {
    let hash = leafHash(proof.id, scaled(proof.balance), hexToBytes(proof.salt));
    let sum = new Decimal(proof.balance);
    let position = proof.leafIndex;
    put({ level: 0, index: position, id: proof.id, sum: sum.toFixed(), sumUsd: sum.toNumber(), hash: bytesToHex(hash), role: "" });
    proof.path.forEach((step, level) => {
      const sibling = position ^ 1;
      if (sibling < sizes[level]!) {
        const siblingSum = new Decimal(step.sum);
        put({ level, index: sibling, sum: siblingSum.toFixed(), sumUsd: siblingSum.toNumber(), hash: step.hash, role: "" });
      }
      sum = sum.plus(step.sum);
      const siblingHash = hexToBytes(step.hash);
      hash = step.side === "left" ? nodeHash(scaled(sum.toFixed()), siblingHash, hash) : nodeHash(scaled(sum.toFixed()), hash, siblingHash);
      position >>= 1;
      put({ level: level + 1, index: position, sum: sum.toFixed(), sumUsd: sum.toNumber(), hash: bytesToHex(hash), role: "" });
    });
  }
  const root = nodes.get(key(sizes.length - 1, 0));
  if (!root || root.hash !== tree.rootHash) throw new Error("The recomputed tree does not end at the published root.");
  // Mark your proof: your leaf, the siblings you are given, the nodes you recompute.
  if (tree.has(you)) {
    const proof = tree.prove(you);
    let position = proof.leafIndex;
    nodes.get(key(0, position))!.role = "your leaf";
    for (let level = 0; level < proof.path.length; level++) {
      const sibling = nodes.get(key(level, position ^ 1));
      if (sibling) sibling.role = "given to you";
      position >>= 1;
      nodes.get(key(level + 1, position))!.role = "you recompute";
    }
  }
  for (const node of nodes.values()) if (node.level < sizes.length - 1) node.parent = key(node.level + 1, node.index >> 1);
  return [...nodes.values()].sort((a, b) => b.level - a.level || a.index - b.index);
}

function compute(values: Values): Result {
  const trick = values.trick as Trick;
  const you = values.you;
  const target = CUSTOMERS.find((c) => c.id === values.target)!;
  const yours = CUSTOMERS.find((c) => c.id === you)!;
  const accounts = CUSTOMERS.map((c) => ({ id: c.id, balance: c.balance }));
  // #region engine
  const honest = buildLiabilityTree(accounts); // what customers are really owed
  const gap = values.shortfallUsd;
  const ownReserves = honest.total.minus(gap); // what the wallets really hold

  // The exchange publishes a tree built with its trick (or an honest one).
  let cheat: CheatedTree | undefined;
  if (trick === "negative") cheat = hideNegativeBalance(accounts, { victimId: target.id, dummyBalance: -gap });
  if (trick === "omit") cheat = omitCustomer(accounts, target.id);
  if (trick === "alter") {
    const lowered = Decimal.max(0, new Decimal(target.balance).minus(gap)); // never below zero
    cheat = alterBalance(accounts, target.id, lowered);
  }
  const published = cheat?.tree ?? honest;
  const { rootHash, total } = published;
  const loan =
    trick === "borrow"
      ? borrowedReserves({ ownReservesUsd: ownReserves, customerLiabilitiesUsd: total, borrowedUsd: gap })
      : undefined;

  // Your checks, on the proof the exchange gives you.
  const proof = published.has(you) ? published.prove(you) : undefined;
  const recomputes = proof && verifyInclusionWeak(proof, rootHash, total); // hashes and total only
  const strict = proof && verifyInclusionDetailed(proof, rootHash, total); // and no sum below zero
  const balanceMatches = proof && new Decimal(proof.balance).eq(yours.balance);

  // The reserve checks: at the announced snapshot, at an unannounced one later,
  // and against everything owed (which needs the exchange's full books).
  const atSnapshot = loan?.atSnapshot ?? proofOfReserves(ownReserves, total);
  const later = loan?.unannounced ?? proofOfReserves(ownReserves, total);
  const solvency = loan?.solvency ?? proofOfReserves(ownReserves, honest.total);
  // #endregion
  const verdict = (ok: boolean | undefined): Verdict => (ok === undefined ? "none" : ok ? "pass" : "fail");
  const checks: Check[] = [
    { group: "you", label: "You are in the tree", who: "you", verdict: verdict(proof !== undefined) },
    { group: "you", label: "Your proof recomputes to the root and total", who: "you", verdict: verdict(recomputes) },
    { group: "you", label: "Every sum on your path is non-negative", who: "you", verdict: verdict(strict && strict.reason !== "negative-sum") },
    { group: "you", label: "The balance in your proof is yours", who: "you", verdict: verdict(balanceMatches) },
    { group: "reserves", label: "Reserves cover the published total", who: "anyone, at the snapshot", verdict: verdict(atSnapshot.passes) },
    { group: "reserves", label: "…at an unannounced snapshot", who: "anyone, later", verdict: verdict(later.passes) },
    { group: "reserves", label: "Reserves cover everything owed", who: "only someone who sees all the books", verdict: verdict(solvency.passes) },
  ];
  const ids = [...CUSTOMERS.map((c) => c.id), "dummy"];
  return {
    trick,
    you,
    target: target.id,
    depth: published.depth,
    leafCount: published.size,
    nodes: treeNodes(published, ids, you),
    omitted: trick === "omit" ? { id: target.id, balance: target.balance } : undefined,
    checks,
    caughtBy: cheat?.caughtBy ?? loan?.caughtBy ?? "",
    exact: {
      owedTotal: honest.total.toFixed(),
      publishedTotal: published.total.toFixed(),
      reservesAtSnapshot: atSnapshot.reservesUsd.toFixed(),
      ownReserves: ownReserves.toFixed(),
      snapshotRatio: atSnapshot.reserveRatio?.toFixed() ?? "",
      laterRatio: later.reserveRatio?.toFixed() ?? "",
      understatedBy: (cheat?.understatedBy ?? loan?.hiddenLiabilityUsd ?? new Decimal(0)).toFixed(),
      targetBalance: target.balance,
      alteredBalance: trick === "alter" ? published.prove(target.id).balance : target.balance,
    },
  };
}

function nodeName(node: TreeNode, depth: number): string {
  if (node.id) return node.id;
  return node.level === depth ? "root" : `level ${node.level}, node ${node.index + 1}`;
}

function table(result: Result): TableData {
  return {
    columns: [
      { key: "node", label: "Node" },
      { key: "level", label: "Level (0 = leaves)", numeric: true },
      { key: "sum", label: "Sum ($)", numeric: true },
      { key: "hash", label: "SHA-256 hash" },
      { key: "role", label: "In your proof" },
    ],
    rows: result.nodes.map((node) => ({ node: nodeName(node, result.depth), level: node.level, sum: node.sum, hash: node.hash, role: node.role || "—" })),
  };
}

const usd = (amount: string) => formatUsd(amount, { compact: false, digits: 0 });

function summary(result: Result): string {
  const { exact, you, target } = result;
  const trickClause = {
    none: `The honest tree publishes the ${usd(exact.owedTotal)} customers are owed`,
    negative: `A dummy account of −${usd(exact.understatedBy)} beside ${target} cuts the published total to ${usd(exact.publishedTotal)}`,
    omit: `Leaving ${target} (${usd(exact.targetBalance)}) out cuts the published total to ${usd(exact.publishedTotal)}`,
    alter: `Recording ${target} with ${usd(exact.alteredBalance)} instead of ${usd(exact.targetBalance)} cuts the published total to ${usd(exact.publishedTotal)}`,
    borrow: `A ${usd(exact.understatedBy)} loan for the day lifts the wallets to ${usd(exact.reservesAtSnapshot)} against the published ${usd(exact.publishedTotal)}`,
  }[result.trick];
  const [inTree, recomputes, nonNegative, balance] = result.checks;
  const youClause =
    inTree!.verdict === "fail" ? `${you} catches it by asking for a proof and getting none`
    : recomputes!.verdict === "fail" ? `${you}'s proof does not recompute to the published root`
    : nonNegative!.verdict === "fail" ? `${you}'s check catches it, as a sum on ${you}'s path is negative`
    : balance!.verdict === "fail" ? `${you}'s check catches it, as the proof shows ${usd(exact.alteredBalance)}, not ${usd(exact.targetBalance)}`
    : `every check ${you} can run passes`;
  const [snapshot, later] = [result.checks[4]!, result.checks[5]!];
  const reserveClause =
    snapshot.verdict === "pass"
      ? later.verdict === "pass"
        ? `the ${usd(exact.ownReserves)} in the wallets covers that total, though customers are really owed ${usd(exact.owedTotal)}`
        : `the snapshot passes, but a later unannounced one finds only ${formatPercent(exact.laterRatio)} of the total`
      : `the ${usd(exact.reservesAtSnapshot)} in the wallets covers only ${formatPercent(exact.snapshotRatio)} of the published total`;
  return `${trickClause}; ${youClause}, and ${reserveClause}.`;
}

/** Your proof as arithmetic: your balance plus each sibling's sum, level by level, up to the root. */
function verificationSteps(result: Result): string {
  const leaf = result.nodes.find((node) => node.role === "your leaf");
  if (!leaf) return `${result.you} gets no proof: there is no leaf for ${result.you} in the tree.`;
  const given = new Map(result.nodes.filter((node) => node.role === "given to you").map((node) => [node.level, node]));
  const recomputed = new Map(result.nodes.filter((node) => node.role === "you recompute").map((node) => [node.level, node]));
  const parts = [usd(leaf.sum)];
  for (let level = 0; level < result.depth; level++) {
    const sibling = given.get(level);
    parts.push(`+ ${sibling ? usd(sibling.sum) : "$0 (padding)"} = ${usd(recomputed.get(level + 1)!.sum)}`);
  }
  const root = result.nodes[0]!;
  return `${result.you}'s steps: ${parts.join(", ")}, hashing at each level, reach root ${shortHash(root.hash)}… and the published total.`;
}

/** First characters of a hash, enough to tell nodes apart on screen. */
const shortHash = (hash: string) => hash.slice(0, 6);

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const bad = "var(--bad, #a12222)";
  const good = "var(--ok, #1e6b3a)";
  const mine = "var(--accent, #8a3b12)";
  const given = "var(--chart-1, #3b6ea8)";
  const fontSize = width < 480 ? 10 : 11;

  // Tree: root on the left, leaves as rows on the right.
  const rowHeight = 26;
  const top = 34;
  const narrow = width < 480; // narrow screens: leaf hashes dropped, inner hashes shortened
  const labelWidth = narrow ? 108 : 196;
  const xLeaf = width - labelWidth;
  const xRoot = 24;
  const column = (xLeaf - xRoot) / Math.max(1, result.depth);
  const position = new Map<string, { x: number; y: number }>();
  for (const node of [...result.nodes].sort((a, b) => a.level - b.level)) {
    const children = result.nodes.filter((child) => child.parent === key(node.level, node.index)).map((child) => position.get(key(child.level, child.index))!);
    const y = node.level === 0 ? top + node.index * rowHeight : children.reduce((s, p) => s + p.y, 0) / children.length;
    position.set(key(node.level, node.index), { x: xLeaf - node.level * column, y });
  }
  const at = (node: TreeNode) => position.get(key(node.level, node.index))!;
  const edges = result.nodes
    .filter((node) => node.parent)
    .map((node) => ({ child: at(node), parent: position.get(node.parent!)!, onPath: node.role === "your leaf" || node.role === "you recompute" }));
  const leaves = result.nodes.filter((node) => node.level === 0);
  const inner = result.nodes.filter((node) => node.level > 0);
  const rows = leaves.length + (result.omitted ? 1 : 0);
  const treeBottom = top + (rows - 1) * rowHeight;
  const nodeFill = (node: TreeNode) =>
    node.role === "your leaf" || node.role === "you recompute" ? mine : node.role === "given to you" ? given : "var(--bg, #fff)";
  const sumColor = (node: TreeNode) => (node.sumUsd < 0 ? bad : "currentColor");
  const compactUsd = (node: TreeNode) => (Math.abs(node.sumUsd) >= 10000 ? formatUsd(node.sum, { digits: 1 }) : usd(node.sum));
  const leafX = (dx: number) => (node: TreeNode) => at(node).x + dx;
  const leafY = (node: TreeNode) => at(node).y;

  // Legend, then the checks: in two columns when there is room.
  const legendY = treeBottom + 30;
  const stackLegend = width < 480;
  const steps = verificationSteps(result);
  const stepsY = legendY + (stackLegend ? 36 : 20);
  const lineWidth = ((width - 8) / fontSize) * 0.85; // in ems; Plot estimates text width, so leave room
  const linesOf = (text: string) => Math.ceil((text.length * 0.55) / lineWidth);
  const checksTop = stepsY + linesOf(steps) * (fontSize + 2) + 22;
  const twoColumns = width >= 600;
  const checkRow = 18;
  const youChecks = result.checks.filter((c) => c.group === "you");
  const reserveChecks = result.checks.filter((c) => c.group === "reserves");
  const placed = [
    ...youChecks.map((check, i) => ({ check, x: 0, y: checksTop + 18 + i * checkRow })),
    ...reserveChecks.map((check, i) =>
      twoColumns ? { check, x: width / 2, y: checksTop + 18 + i * checkRow } : { check, x: 0, y: checksTop + 18 + (youChecks.length + 1) * checkRow + 18 + i * checkRow },
    ),
  ];
  const headings = [
    { text: "Checks you can run", x: 0, y: checksTop },
    { text: "Checks on the reserves", x: twoColumns ? width / 2 : 0, y: twoColumns ? checksTop : checksTop + (youChecks.length + 1) * checkRow + 18 },
  ];
  const checksBottom = Math.max(...placed.map((p) => p.y));
  const footerY = checksBottom + 26;
  const footer = result.caughtBy ? `Who can catch this trick: ${result.caughtBy}.` : "Nothing to catch: the tree is honest, and an honest tree shows whether the wallets cover it.";
  const footerLines = linesOf(footer) + 1;
  const height = footerY + footerLines * (fontSize + 4) + 6;
  const mark = (v: Verdict) => (v === "pass" ? "✓" : v === "fail" ? "✗" : "–");
  const markColor = (v: Verdict) => (v === "pass" ? good : v === "fail" ? bad : "currentColor");
  const verdictText = (v: Verdict) => (v === "pass" ? "passes" : v === "fail" ? "fails" : "no proof to check");

  return Plot.plot({
    document,
    width,
    height,
    margin: 0,
    style: { background: "transparent", fontSize: `${fontSize}px`, overflow: "visible" },
    x: { domain: [0, width], range: [0, width], axis: null },
    y: { domain: [0, height], range: [0, height], axis: null },
    color: { type: "identity" },
    marks: [
      Plot.text([`Published root: ${shortHash(result.nodes[0]!.hash)}…  total ${usd(result.nodes[0]!.sum)}`], {
        x: 0,
        y: 10,
        text: (d: string) => d,
        textAnchor: "start",
        fontWeight: "bold",
        fill: "currentColor",
      }),
      // Edges: your path bold in the accent colour.
      Plot.link(edges.filter((e) => !e.onPath), { x1: (e: (typeof edges)[number]) => e.child.x, y1: (e: (typeof edges)[number]) => e.child.y, x2: (e: (typeof edges)[number]) => e.parent.x, y2: (e: (typeof edges)[number]) => e.parent.y, stroke: "currentColor", strokeOpacity: 0.35, curve: "step" }),
      Plot.link(edges.filter((e) => e.onPath), { x1: (e: (typeof edges)[number]) => e.child.x, y1: (e: (typeof edges)[number]) => e.child.y, x2: (e: (typeof edges)[number]) => e.parent.x, y2: (e: (typeof edges)[number]) => e.parent.y, stroke: mine, strokeWidth: 3, curve: "step" }),
      Plot.dot(result.nodes, { x: (n: TreeNode) => at(n).x, y: (n: TreeNode) => at(n).y, r: (n: TreeNode) => (n.role === "your leaf" ? 7 : 5), fill: nodeFill, stroke: (n: TreeNode) => (n.sumUsd < 0 ? bad : "currentColor"), strokeWidth: 1.5 }),
      // Inner nodes: sum above, hash below.
      Plot.text(inner, { x: (n: TreeNode) => at(n).x, y: (n: TreeNode) => at(n).y - 10, text: compactUsd, fill: sumColor, textAnchor: "middle", fontWeight: "bold" }),
      Plot.text(inner, { x: (n: TreeNode) => at(n).x, y: (n: TreeNode) => at(n).y + 12, text: (n: TreeNode) => shortHash(n.hash).slice(0, narrow ? 4 : 6), fill: "currentColor", fillOpacity: 0.8, textAnchor: "middle", fontFamily: "ui-monospace, monospace" }),
      // Leaves: name, balance, hash.
      Plot.text(leaves, { x: leafX(10), y: leafY, text: (n: TreeNode) => n.id ?? "", fill: (n: TreeNode) => (n.id === "dummy" ? bad : "currentColor"), textAnchor: "start", fontWeight: "bold" }),
      Plot.text(leaves, { x: leafX(narrow ? 100 : 110), y: leafY, text: (n: TreeNode) => usd(n.sum), fill: sumColor, textAnchor: "end" }),
      Plot.text(narrow ? [] : leaves, { x: leafX(120), y: leafY, text: (n: TreeNode) => shortHash(n.hash), fill: "currentColor", fillOpacity: 0.8, textAnchor: "start", fontFamily: "ui-monospace, monospace" }),
      // A customer left out: drawn where it should be, joined to nothing.
      ...(result.omitted
        ? [
            Plot.dot([result.omitted], { x: xLeaf, y: treeBottom, r: 5, stroke: bad, strokeDasharray: "2,2", fill: "none" }),
            Plot.text([result.omitted], { x: xLeaf + 10, y: treeBottom, text: (o: { id: string; balance: string }) => `${o.id} ${usd(o.balance)}: left out`, fill: bad, textAnchor: "start" }),
          ]
        : []),
      // Legend.
      Plot.dot([mine, given], { x: (_: string, i: number) => (stackLegend ? 6 : 6 + i * 270), y: (_: string, i: number) => legendY + (stackLegend ? i * 16 : 0), r: 5, fill: (d: string) => d, stroke: "currentColor" }),
      Plot.text(["your leaf and the nodes you recompute", "sibling sums and hashes you are given"], {
        x: (_: string, i: number) => (stackLegend ? 16 : 16 + i * 270),
        y: (_: string, i: number) => legendY + (stackLegend ? i * 16 : 0),
        text: (d: string) => d,
        textAnchor: "start",
        fill: "currentColor",
      }),
      Plot.text([steps], { x: 0, y: stepsY, text: (d: string) => d, textAnchor: "start", lineAnchor: "top", lineWidth, fill: "currentColor" }),
      // Checks.
      Plot.text(headings, { x: "x", y: "y", text: "text", textAnchor: "start", fontWeight: "bold", fill: "currentColor" }),
      Plot.text(placed, { x: (p: (typeof placed)[number]) => p.x + 6, y: "y", text: (p: (typeof placed)[number]) => mark(p.check.verdict), fill: (p: (typeof placed)[number]) => markColor(p.check.verdict), textAnchor: "middle", fontWeight: "bold" }),
      Plot.text(placed, { x: (p: (typeof placed)[number]) => p.x + 18, y: "y", text: (p: (typeof placed)[number]) => `${p.check.label}: ${verdictText(p.check.verdict)}`, fill: "currentColor", textAnchor: "start" }),
      Plot.text([footer], { x: 0, y: footerY, text: (d: string) => d, textAnchor: "start", lineAnchor: "top", lineWidth, fill: "currentColor", fontStyle: "italic" }),
    ],
  });
}

const model: WidgetModel<typeof params, Result> = { params, compute, table, summary, figure };
export default model;
