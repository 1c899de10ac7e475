/**
 * Rehypothecation chain: a client pledges one bitcoin to dealer 1, which
 * re-pledges part of it to dealer 2, and so on. The diagram shows who holds
 * what and who is owed what; the bars below compare the claims with the one
 * coin behind them. Failing a dealer unwinds the chain and shows who is short.
 */
import { Decimal, collateralMultiplier, formatUsd, rehypothecationChain, unwindChain } from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";

const MAX_HOPS = 8;

const params = {
  hops: { kind: "number", label: "Re-pledges after the client's", default: 4, min: 0, max: MAX_HOPS, step: 1 },
  reuseRate: { kind: "number", label: "Share each dealer re-pledges", default: 0.6, min: 0, max: 1, step: 0.05, unit: "%", displayScale: 100 },
  failedDealer: {
    kind: "choice",
    label: "Fail a dealer",
    default: "2",
    options: [
      { value: "none", label: "No one fails" },
      ...Array.from({ length: MAX_HOPS + 1 }, (_, i) => ({ value: String(i + 1), label: `Dealer ${i + 1}` })),
    ],
  },
  recoveryRate: {
    kind: "number",
    label: "Recovery on an unsecured claim",
    default: 0,
    min: 0,
    max: 1,
    step: 0.05,
    unit: "%",
    displayScale: 100,
    help: "Share of what the failed dealer owes, beyond the collateral it still holds, that its estate pays.",
  },
  dealerCapitalUsd: {
    kind: "number",
    label: "Each dealer's own capital",
    default: 0,
    min: 0,
    max: 30000,
    step: 1000,
    unit: "USD",
    help: "The buffer that stops a loss passing further up the chain.",
  },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;

/** One party of the chain, before and after the unwind (floats for drawing, exact strings for the table). */
interface Party {
  name: string;
  receivedUsd: number;
  pledgedUsd: number;
  heldUsd: number;
  shortUsd: number;
  absorbedUsd: number;
  keptUsd: number;
  failed: boolean;
  firstToFail: boolean;
  exact: { received: string; pledged: string; held: string; claim: string; recovered: string; short: string; absorbed: string };
}

interface Result {
  hops: number;
  reuseRate: string;
  collateralUsd: number;
  totalClaimsUsd: number;
  exact: { collateral: string; totalClaims: string; multiplier: string; clientLoss: string };
  parties: Party[];
  /** Dealer number that fails first, or 0 for none. */
  failedDealer: number;
  failedDealers: string[];
}

/** One bitcoin, valued as in the rest of the book. */
const COIN_USD = "60000";

function compute(values: Values): Result {
  const failedDealer = values.failedDealer === "none" ? 0 : Number(values.failedDealer);
  if (failedDealer > values.hops + 1) {
    throw new RangeError(
      `A chain of ${values.hops} re-pledges has dealers 1 to ${values.hops + 1}; there is no dealer ${failedDealer} to fail. Lengthen the chain or pick another dealer.`,
    );
  }
  // #region engine
  // The client pledges one bitcoin; each dealer re-pledges the same share of what it received.
  const { hops, reuseRate, recoveryRate, dealerCapitalUsd } = values;
  const chain = rehypothecationChain({ collateralUsd: COIN_USD, hops, reuseRate });
  const multiplier = collateralMultiplier(reuseRate, hops); // 1 + r + r² + … + rⁿ, the same as chain.multiplier

  // Fail one dealer: its secured lender keeps what it was pledged, its estate returns
  // what it still holds, and the rest of the loss travels up until capital absorbs it.
  const unwind = failedDealer > 0 ? unwindChain(chain, { failedDealer, recoveryRate, dealerCapitalUsd }) : undefined;
  // #endregion
  const kept = new Map((unwind?.events ?? []).filter((e) => e.kind === "keeps collateral").map((e) => [e.party, e.amountUsd]));
  const parties: Party[] = chain.parties.map((party, i) => {
    const after = unwind?.parties[i];
    const short = after?.shortUsd ?? new Decimal(0);
    const absorbed = after?.absorbedUsd ?? new Decimal(0);
    return {
      name: party.name,
      receivedUsd: party.receivedUsd.toNumber(),
      pledgedUsd: party.pledgedUsd.toNumber(),
      heldUsd: party.heldUsd.toNumber(),
      shortUsd: short.toNumber(),
      absorbedUsd: absorbed.toNumber(),
      keptUsd: kept.get(party.name)?.toNumber() ?? 0,
      failed: after?.failed ?? false,
      firstToFail: i === failedDealer && failedDealer > 0,
      exact: {
        received: party.receivedUsd.toFixed(),
        pledged: party.pledgedUsd.toFixed(),
        held: party.heldUsd.toFixed(),
        claim: (after?.claimUsd ?? party.claimUsd).toFixed(),
        recovered: (after?.recoveredUsd ?? party.claimUsd).toFixed(),
        short: short.toFixed(),
        absorbed: absorbed.toFixed(),
      },
    };
  });
  return {
    hops: chain.hops,
    reuseRate: new Decimal(values.reuseRate).toString(),
    collateralUsd: chain.collateralUsd.toNumber(),
    totalClaimsUsd: chain.totalClaimsUsd.toNumber(),
    exact: {
      collateral: chain.collateralUsd.toFixed(),
      totalClaims: chain.totalClaimsUsd.toFixed(),
      multiplier: multiplier.toFixed(),
      clientLoss: (unwind?.clientLossUsd ?? new Decimal(0)).toFixed(),
    },
    parties,
    failedDealer,
    failedDealers: [...(unwind?.failedDealers ?? [])],
  };
}

function table(result: Result): TableData {
  return {
    columns: [
      { key: "party", label: "Party" },
      { key: "received", label: "Pledged to it ($)", numeric: true },
      { key: "pledged", label: "It pledged on ($)", numeric: true },
      { key: "held", label: "It holds ($)", numeric: true },
      { key: "claim", label: "Owed back to it ($)", numeric: true },
      { key: "recovered", label: "Gets back ($)", numeric: true },
      { key: "short", label: "Short ($)", numeric: true },
      { key: "absorbed", label: "Absorbed by its capital ($)", numeric: true },
      { key: "failed", label: "Fails" },
    ],
    rows: result.parties.map((p) => ({ party: p.name, ...p.exact, failed: p.failed ? "yes" : "no" })),
  };
}

/** A multiplier for reading: at most 6 significant digits, trailing zeros dropped. */
function readableMultiplier(result: Result): string {
  return new Decimal(result.exact.multiplier).toSignificantDigits(6).toString();
}

function summary(result: Result): string {
  const backing = `One bitcoin (${formatUsd(result.exact.collateral, { compact: false, digits: 0 })}) backs ${formatUsd(result.exact.totalClaims, { compact: false })} of claims after ${result.hops} re-pledge${result.hops === 1 ? "" : "s"} at ${formatPercent(result.reuseRate)}, a multiplier of ${readableMultiplier(result)}`;
  if (result.failedDealer === 0) return `${backing}; every claim is paid as long as no dealer fails.`;
  const first = `dealer ${result.failedDealer}`;
  const alsoFailed = result.failedDealers.filter((name) => name !== first);
  const client = result.parties[0]!;
  const knockOn = alsoFailed.length > 0 ? `, ${listOf(alsoFailed)} ${alsoFailed.length === 1 ? "fails" : "fail"} too` : "";
  const loss = client.shortUsd > 0 ? `the client loses ${formatUsd(client.exact.short, { compact: false })} of its coin` : "the client is paid in full";
  return `${backing}; when ${first} fails${knockOn}, and ${loss}.`;
}

/** "dealer 1", "dealers 1 and 2", "dealers 1, 2 and 3". */
function listOf(names: string[]): string {
  if (names.length === 1) return names[0]!;
  const numbers = names.map((name) => name.replace("dealer ", ""));
  return `dealers ${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)}`;
}

function formatPercent(rate: string): string {
  return `${new Decimal(rate).times(100).toString()}%`;
}

/** Short dollar label for the diagram: $36k, $21.6k, $7,776. */
function usdLabel(amount: number | string): string {
  const value = new Decimal(amount);
  return value.abs().gte(10000) ? formatUsd(value, { digits: 1 }) : formatUsd(value, { compact: false, digits: 0 });
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
function power(base: string, exponent: number): string {
  return exponent === 1 ? base : `${base}${[...String(exponent)].map((d) => SUPERSCRIPT[Number(d)]).join("")}`;
}

/** "1 + 0.6 + 0.6² + 0.6³ + 0.6⁴", shortened with "…" for long chains. */
function geometricSum(rate: string, hops: number): string {
  if (hops === 0) return "1";
  const terms = ["1", ...Array.from({ length: hops }, (_, k) => power(rate, k + 1))];
  return (hops <= 4 ? terms : [...terms.slice(0, 3), "…", terms.at(-1)!]).join(" + ");
}

interface Node {
  party: Party;
  x: number;
  y: number;
}

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const parties = result.parties;
  const count = parties.length;
  const side = 44;
  const spacing = (width - 2 * side) / (count - 1);
  const horizontal = spacing >= 70;
  const radius = 11;
  const chainHeight = horizontal ? 130 : count * 66 + 2;
  const nodes: Node[] = parties.map((party, i) =>
    horizontal ? { party, x: side + i * spacing, y: 44 } : { party, x: 28, y: 24 + i * 66 },
  );
  const links = nodes.slice(0, -1).map((from, i) => ({ from, to: nodes[i + 1]!, amountUsd: from.party.pledgedUsd }));
  const bad = "var(--bad, #a12222)";
  const nodeFill = (node: Node) => (node.party.failed ? bad : node.party.name === "client" ? "var(--chart-1, #3b6ea8)" : "var(--chart-2, #c27a1a)");
  const strokeFor = (amount: number) => 1.5 + (7 * amount) / result.collateralUsd;
  // The pledge into the first failed dealer is the one not returned in full.
  const brokenIndex = result.failedDealer - 1;

  // Per-party lines under (or beside) each node.
  const lines = nodes.flatMap((node) => {
    const p = node.party;
    const out: { node: Node; line: number; text: string; color: string }[] = [
      { node, line: 0, text: p.name, color: "currentColor" },
      { node, line: 1, text: p.name === "client" ? "owns the coin" : `holds ${usdLabel(p.heldUsd)}`, color: "currentColor" },
    ];
    let state = "";
    if (p.firstToFail) state = "fails";
    else if (p.shortUsd > 0 && p.failed) state = `short ${usdLabel(p.shortUsd)}, fails`;
    else if (p.shortUsd > 0) state = p.absorbedUsd > 0 ? `short ${usdLabel(p.shortUsd)}, capital covers` : `short ${usdLabel(p.shortUsd)}`;
    else if (p.keptUsd > 0) state = `keeps ${usdLabel(p.keptUsd)}`;
    if (state) out.push({ node, line: 2, text: state, color: p.failed || (p.shortUsd > 0 && p.absorbedUsd < p.shortUsd) ? bad : "currentColor" });
    return out;
  });
  const lineX = (l: (typeof lines)[number]) => (horizontal ? l.node.x : l.node.x + radius + 8);
  const lineY = (l: (typeof lines)[number]) => (horizontal ? l.node.y + radius + 14 + 14 * l.line : l.node.y - 14 + 14 * l.line);

  // Claims against the one coin: bars in a second band, under a title that fits the width.
  const sumText = `×${readableMultiplier(result)} = ${geometricSum(result.reuseRate, result.hops)}`;
  const title = width >= 480 ? [`Claims on one coin: ${sumText}`] : ["Claims on one coin:", sumText];
  const barsTop = chainHeight + 20 + 14 * title.length;
  const barLeft = 78;
  const barRight = width - 64;
  const scale = (barRight - barLeft) / Math.max(result.totalClaimsUsd, result.collateralUsd);
  const segments: { x1: number; x2: number; y1: number; y2: number; fill: string; opacity: number }[] = [];
  let offset = 0;
  parties.forEach((p, i) => {
    if (p.pledgedUsd <= 0) return;
    const x1 = barLeft + offset * scale;
    const x2 = barLeft + (offset + p.pledgedUsd) * scale;
    segments.push({ x1, x2, y1: barsTop + 30, y2: barsTop + 50, fill: "var(--chart-2, #c27a1a)", opacity: i % 2 === 0 ? 0.9 : 0.55 });
    if (p.shortUsd > 0) {
      // The part of this party's claim that is not paid back: red, at the end of its segment.
      segments.push({ x1: x2 - p.shortUsd * scale, x2, y1: barsTop + 30, y2: barsTop + 50, fill: bad, opacity: 1 });
    }
    offset += p.pledgedUsd;
  });
  segments.unshift({ x1: barLeft, x2: barLeft + result.collateralUsd * scale, y1: barsTop, y2: barsTop + 20, fill: "var(--chart-1, #3b6ea8)", opacity: 0.9 });
  const height = barsTop + 76;
  const anyShort = parties.some((p) => p.shortUsd > 0);
  type Link = (typeof links)[number];
  const arrowOptions = (stroke: string) => ({
    x1: (l: Link) => (horizontal ? l.from.x + radius + 2 : l.from.x),
    y1: (l: Link) => (horizontal ? l.from.y : l.from.y + radius + 2),
    x2: (l: Link) => (horizontal ? l.to.x - radius - 4 : l.to.x),
    y2: (l: Link) => (horizontal ? l.to.y : l.to.y - radius - 4),
    stroke,
    strokeOpacity: 0.75,
    strokeWidth: (l: Link) => strokeFor(l.amountUsd),
    headLength: 8,
  });
  const barLabels = [
    { x: barLeft + result.collateralUsd * scale + 6, y: barsTop + 10, text: usdLabel(result.collateralUsd) },
    { x: barLeft + result.totalClaimsUsd * scale + 6, y: barsTop + 40, text: usdLabel(result.totalClaimsUsd) },
  ];

  return Plot.plot({
    document,
    width,
    height,
    margin: 0,
    style: { background: "transparent", fontSize: "12px", overflow: "visible" },
    x: { domain: [0, width], range: [0, width], axis: null },
    y: { domain: [0, height], range: [0, height], axis: null },
    color: { type: "identity" },
    marks: [
      // Pledges: an arrow per re-pledge, as wide as the amount; the one into the failed dealer dashed.
      Plot.arrow(links.filter((_, i) => i !== brokenIndex), arrowOptions("currentColor")),
      Plot.arrow(links.filter((_, i) => i === brokenIndex), { ...arrowOptions(bad), strokeDasharray: "6,3" }),
      Plot.text(links, {
        x: (l: Link) => (horizontal ? (l.from.x + l.to.x) / 2 : l.from.x + radius + 8),
        y: (l: Link) => (horizontal ? l.from.y - 12 : l.from.y + 34),
        text: (l: Link) => `${horizontal ? "" : "↓ "}pledges ${usdLabel(l.amountUsd)}`,
        fontStyle: "italic",
        textAnchor: horizontal ? "middle" : "start",
        fill: "currentColor",
        fontSize: 11,
      }),
      Plot.dot(nodes, { x: "x", y: "y", r: radius, fill: nodeFill, stroke: "currentColor", strokeWidth: 1 }),
      Plot.text(lines.filter((l) => l.line === 0), { x: lineX, y: lineY, text: "text", fill: "color", fontWeight: "bold", textAnchor: horizontal ? "middle" : "start", fontSize: 11 }),
      Plot.text(lines.filter((l) => l.line > 0), { x: lineX, y: lineY, text: "text", fill: "color", textAnchor: horizontal ? "middle" : "start", fontSize: 11 }),
      // Claims versus the coin.
      Plot.text(title, {
        x: 4,
        y: (_: string, i: number) => barsTop - 14 * (title.length - i),
        text: (d: string) => d,
        textAnchor: "start",
        fontWeight: "bold",
        fill: "currentColor",
      }),
      Plot.rectY(segments, { x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "fill", fillOpacity: "opacity", stroke: "var(--bg, #fff)", strokeWidth: 0.5 }),
      Plot.text(["The coin", "Claims"], { x: barLeft - 6, y: (_: string, i: number) => barsTop + 10 + 30 * i, text: (d: string) => d, textAnchor: "end", fill: "currentColor", fontSize: 11 }),
      Plot.text(barLabels, { x: "x", y: "y", text: "text", textAnchor: "start", fill: "currentColor", fontSize: 11 }),
      Plot.text(anyShort ? [width >= 480 ? "red: the part of a claim that is not paid back" : "red: not paid back"] : [], {
        x: barLeft,
        y: barsTop + 64,
        text: (d: string) => d,
        textAnchor: "start",
        fill: bad,
        fontSize: 11,
      }),
    ],
  });
}

const model: WidgetModel<typeof params, Result> = { params, compute, table, summary, figure };
export default model;
