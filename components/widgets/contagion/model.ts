/**
 * Contagion network: who falls when the exchange falls. The exchange sits in
 * the centre with a hole in its books; ten fictional market makers, funds and
 * lenders keep part of their assets there and owe each other money; retail
 * customers are the outside creditors. The engine clears the network round by
 * round (Eisenberg–Noe, with default costs and fire sales) and reports in
 * which round each institution defaults.
 */
import { Decimal, buildVenueNetwork, formatUsd, simulateContagion } from "../../../src/sim/index";
import type { ParamSpecs, ParamValues } from "../../../src/lib/urlState";
import type { FigureOptions, PlotModule, TableData, WidgetModel } from "../../../src/lib/widget";

const params = {
  exposure: { kind: "number", label: "Share of assets kept at the exchange", default: 0.35, min: 0, max: 0.8, step: 0.05, unit: "%", displayScale: 100 },
  recovery: { kind: "number", label: "Recovery on a defaulter's assets", default: 0.9, min: 0, max: 1, step: 0.05, unit: "%", displayScale: 100 },
  fireSaleImpact: { kind: "number", label: "Fire-sale impact (log-price fall if all crypto were dumped)", default: 0.4, min: 0, max: 1.5, step: 0.05 },
  round: { kind: "number", label: "Show the cascade up to round (11: all)", default: 11, min: 1, max: 11, step: 1 },
  holeBillions: { kind: "number", label: "Hole in the exchange's books", default: 3, min: 0.5, max: 4, step: 0.25, unit: "$B" },
} satisfies ParamSpecs;

type Values = ParamValues<typeof params>;

type Role = "exchange" | "institution" | "creditors";

/** One node: an institution and what happened to it (floats for drawing, exact strings for the table). */
interface Node {
  index: number;
  name: string;
  /** First word of the name, for labels on a small figure. */
  short: string;
  kind: string;
  role: Role;
  capitalBeforeUsd: number;
  capitalAfterUsd: number;
  lossUsd: number;
  defaultRound: number | null;
  exact: { capitalBefore: string; owed: string; paid: string; capitalAfter: string; loss: string };
}

/** One debt: `from` owes `to`. */
interface Edge {
  from: number;
  to: number;
  amountUsd: number;
}

interface Round {
  round: number;
  names: string[];
  /** Price of the shared asset after this round's fire sales (1 before the crisis). */
  assetPrice: number;
}

interface Result {
  nodes: Node[];
  edges: Edge[];
  rounds: Round[];
  /** Rounds drawn: min(the reader's choice, rounds that happened). */
  shownRounds: number;
  holeUsd: string;
  finalAssetPrice: number;
  totalUnpaid: string;
}

function role(kind: string): Role {
  return kind === "exchange" ? "exchange" : kind === "creditors" ? "creditors" : "institution";
}

/** The cascade for the engine's four settings; the round selector only changes what is drawn. */
function runCascade(values: Values): Omit<Result, "shownRounds"> {
  // #region engine
  const holeUsd = new Decimal(values.holeBillions).times(1e9);
  const { network, options } = buildVenueNetwork({
    venueShortfallUsd: holeUsd, // the exchange owes customers this much more than it holds
    exposureToVenue: values.exposure, // share of each firm's assets parked at the exchange
    recovery: values.recovery, // what a defaulter's assets fetch (default costs α = β)
    fireSaleImpact: values.fireSaleImpact, // price of the shared asset: exp(−impact · sold / stock)
  });
  const contagion = simulateContagion(network, options);
  // Who fell in which round: contagion.rounds[r].newDefaultNames
  // #endregion
  const nodes: Node[] = contagion.institutions.map((outcome, index) => ({
    index,
    name: outcome.name,
    short: outcome.name.split(" ")[0]!,
    kind: outcome.kind,
    role: role(outcome.kind),
    capitalBeforeUsd: outcome.equityBeforeUsd.toNumber(),
    capitalAfterUsd: outcome.equityAfterUsd.toNumber(),
    lossUsd: outcome.equityLossUsd.toNumber(),
    defaultRound: outcome.defaultRound,
    exact: {
      capitalBefore: outcome.equityBeforeUsd.toFixed(2),
      owed: outcome.owedUsd.toFixed(2),
      paid: outcome.paidUsd.toFixed(2),
      capitalAfter: outcome.equityAfterUsd.toFixed(2),
      loss: outcome.equityLossUsd.toFixed(2),
    },
  }));
  const edges: Edge[] = [];
  network.liabilitiesUsd.forEach((row, from) =>
    row.forEach((amount, to) => {
      if (!amount.isZero()) edges.push({ from, to, amountUsd: amount.toNumber() });
    }),
  );
  const rounds = contagion.rounds.map((r) => ({
    round: r.round,
    names: r.newDefaultNames,
    assetPrice: r.assetPrice.toNumber(),
  }));
  return {
    nodes,
    edges,
    rounds,
    holeUsd: holeUsd.toFixed(2),
    finalAssetPrice: contagion.finalAssetPrice.toNumber(),
    totalUnpaid: contagion.totalUnpaidUsd.toFixed(2),
  };
}

let last: { key: string; cascade: Omit<Result, "shownRounds"> } | undefined;

function compute(values: Values): Result {
  // Stepping through the rounds re-uses the last run: same engine settings, same cascade.
  const key = [values.holeBillions, values.exposure, values.recovery, values.fireSaleImpact].join("|");
  if (last?.key !== key) last = { key, cascade: runCascade(values) };
  return { ...last.cascade, shownRounds: Math.min(values.round, last.cascade.rounds.length) };
}

function table(result: Result): TableData {
  return {
    columns: [
      { key: "name", label: "Institution" },
      { key: "kind", label: "Kind" },
      { key: "round", label: "Defaults in round", numeric: true },
      { key: "capitalBefore", label: "Capital before ($)", numeric: true },
      { key: "owed", label: "Owes ($)", numeric: true },
      { key: "paid", label: "Pays ($)", numeric: true },
      { key: "capitalAfter", label: "Capital after ($)", numeric: true },
      { key: "loss", label: "Loss ($)", numeric: true },
    ],
    rows: result.nodes.map((node) => ({
      name: node.name,
      kind: node.kind,
      round: node.defaultRound === null ? "—" : node.defaultRound,
      ...node.exact,
    })),
  };
}

/** "A", "A and B", "A, B and C". */
function list(names: string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function percentFall(price: number): string {
  return `${Math.round((1 - price) * 100)}%`;
}

function summary(result: Result): string {
  const institutions = result.nodes.filter((node) => node.role === "institution");
  const fallen = institutions.filter((node) => node.defaultRound !== null);
  const hole = formatUsd(result.holeUsd);
  if (result.rounds.length === 0) {
    return `With a ${hole} hole the exchange still pays everyone in full, and no institution falls.`;
  }
  if (result.shownRounds < result.rounds.length) {
    const current = result.rounds[result.shownRounds - 1]!;
    const exchange = result.nodes.find((node) => node.role === "exchange")!;
    if (current.names.includes(exchange.name) && current.names.length === 1) {
      return `Round ${current.round} of ${result.rounds.length}: the exchange defaults, paying ${formatUsd(exchange.exact.paid)} of the ${formatUsd(exchange.exact.owed)} it owes, and its fire sale pushes the shared asset down ${percentFall(current.assetPrice)}.`;
    }
    const soFar = fallen.filter((node) => node.defaultRound! <= result.shownRounds).length;
    const names = list(current.names.map((name) => name.split(" ")[0]!));
    return `Round ${current.round} of ${result.rounds.length}: ${names} ${current.names.length === 1 ? "falls" : "fall"}, ${soFar} of ${institutions.length} institutions are down so far, and the shared asset is down ${percentFall(current.assetPrice)}.`;
  }
  if (fallen.length === 0) {
    const closest = institutions.reduce((a, b) => (b.lossUsd / b.capitalBeforeUsd > a.lossUsd / a.capitalBeforeUsd ? b : a));
    const unpaid = `${formatUsd(result.totalUnpaid)} of debts go unpaid`;
    if (closest.lossUsd <= 0) return `The exchange's ${hole} hole stops with the exchange: none of the ${institutions.length} institutions loses anything, and ${unpaid}.`;
    return `The exchange's ${hole} hole stops with the exchange: all ${institutions.length} institutions absorb their losses (the hardest hit, ${closest.short}, loses ${formatUsd(closest.exact.loss)} of its ${formatUsd(closest.exact.capitalBefore)}), and ${unpaid}.`;
  }
  const sequence = result.rounds.map((r) => list(r.names.map((name) => name.split(" ")[0]!))).join(", then ");
  return `The exchange's ${hole} hole brings down ${fallen.length} of ${institutions.length} institutions over ${result.rounds.length} rounds (${sequence}); fire sales cut the shared asset by ${percentFall(result.finalAssetPrice)} and ${formatUsd(result.totalUnpaid)} of debts go unpaid.`;
}

/** A node placed on the page, in pixels. */
interface Placed {
  node: Node;
  x: number;
  y: number;
  r: number;
  /** Unit vector from the centre (0, 0 for the exchange), for placing labels outward. */
  ux: number;
  uy: number;
  status: "Defaulted" | "Standing";
  label: string;
  opacity: number;
}

function figure(Plot: PlotModule, result: Result, { width, document }: FigureOptions): Element {
  const narrow = width < 520;
  const height = narrow ? Math.round(width * 1.1) : 460;
  const scale = Math.min(1, width / 640);
  const cx = width / 2;
  const cy = height / 2 + (narrow ? 0 : 6);
  const ring = narrow ? Math.min(width / 2 - 34, height / 2 - 44) : Math.min(width / 2 - 110, height / 2 - 50);
  const allShown = result.shownRounds >= result.rounds.length;
  const maxCapital = Math.max(...result.nodes.filter((n) => n.role === "institution").map((n) => n.capitalBeforeUsd), 1);
  const rMax = 19 * scale + 4;
  // Around the ring by kind, so lenders sit next to the retail customers they owe.
  const order = ["market-maker", "fund", "lender", "creditors"];
  const others = result.nodes.filter((node) => node.role !== "exchange").sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.index - b.index);

  const placed: Placed[] = result.nodes.map((node) => {
    const k = others.indexOf(node);
    const angle = -Math.PI / 2 + (2 * Math.PI * k) / others.length;
    const [ux, uy] = node.role === "exchange" ? [0, 0] : [Math.cos(angle), Math.sin(angle)];
    const r =
      node.role === "exchange" ? rMax * 1.2 : node.role === "creditors" ? rMax * 0.75 : Math.max(3, rMax * Math.sqrt(Math.max(0, node.capitalBeforeUsd) / maxCapital));
    const fell = node.defaultRound !== null && node.defaultRound <= result.shownRounds;
    const status = fell ? "Defaulted" : "Standing";
    let second = "";
    if (fell) second = `round ${node.defaultRound}`;
    else if (node.role === "creditors") second = allShown ? `short ${formatUsd(node.exact.loss)}` : "";
    else if (allShown) second = "survives";
    const opacity = fell ? 1 - (0.6 * (node.defaultRound! - 1)) / Math.max(1, result.rounds.length - 1) : 1;
    return { node, x: cx + ring * ux, y: cy + ring * uy, r, ux, uy, status, label: second ? `${node.short}\n${second}` : node.short, opacity };
  });

  const maxEdge = Math.max(...result.edges.map((e) => e.amountUsd), 1);
  const edges = result.edges.map((edge) => {
    const a = placed[edge.from]!;
    const b = placed[edge.to]!;
    const debtorFell = a.status === "Defaulted";
    return { x1: a.x, y1: a.y, x2: b.x, y2: b.y, insetStart: a.r + 2, insetEnd: b.r + 3, width: (0.8 + 4.2 * Math.sqrt(edge.amountUsd / maxEdge)) * Math.max(0.7, scale), unpaid: debtorFell, radial: edge.from === 0 };
  });
  // Plot's arrow takes one inset per mark, so shorten each line to the node edges here.
  const trimmed = edges.map((e) => {
    const length = Math.hypot(e.x2 - e.x1, e.y2 - e.y1) || 1;
    const dx = (e.x2 - e.x1) / length;
    const dy = (e.y2 - e.y1) / length;
    return { ...e, x1: e.x1 + dx * e.insetStart, y1: e.y1 + dy * e.insetStart, x2: e.x2 - dx * e.insetEnd, y2: e.y2 - dy * e.insetEnd };
  });

  const standing = placed.filter((p) => p.status === "Standing" && p.node.role === "institution");
  const survivors = allShown ? standing : [];
  // Labels sit outside each node: beside it on the left and right of the ring, above or below it elsewhere.
  type Side = "start" | "end" | "above" | "below";
  const side = (p: Placed): Side => {
    if (p.node.role !== "exchange" && !narrow && Math.abs(p.ux) >= 0.35) return p.ux > 0 ? "start" : "end";
    return p.node.role !== "exchange" && p.uy < -0.5 ? "above" : "below";
  };
  const labelAt = (p: Placed) => {
    const gap = p.r + 5;
    const s = side(p);
    if (s === "above") return { x: p.x, y: p.y - gap, text: p.label };
    if (s === "below") return { x: p.x, y: p.y + gap, text: p.label };
    return { x: p.x + p.ux * gap, y: p.y + p.uy * gap, text: p.label };
  };
  const labelMark = (s: Side) =>
    Plot.text(placed.filter((p) => side(p) === s).map(labelAt), {
      x: "x",
      y: "y",
      text: "text",
      textAnchor: s === "start" || s === "end" ? s : "middle",
      lineAnchor: s === "above" ? "bottom" : s === "below" ? "top" : "middle",
      fill: "currentColor",
      stroke: "var(--bg, white)",
      strokeWidth: 3,
      paintOrder: "stroke",
      fontSize: narrow ? 10 : 11,
    });
  const line = (unpaid: boolean, radial: boolean) =>
    Plot.arrow(trimmed.filter((e) => e.unpaid === unpaid && e.radial === radial), {
      x1: "x1",
      y1: "y1",
      x2: "x2",
      y2: "y2",
      strokeWidth: "width",
      stroke: unpaid ? "var(--bad, #a12222)" : "currentColor",
      strokeOpacity: unpaid ? 0.7 : 0.3,
      headLength: 3.5,
      bend: radial ? 0 : 12,
    });

  return Plot.plot({
    document,
    width,
    height,
    margin: 0,
    style: { background: "transparent", fontSize: "12px" },
    x: { type: "identity", axis: null },
    y: { type: "identity", axis: null },
    r: { type: "identity" },
    opacity: { type: "identity" },
    color: {
      domain: ["Defaulted (fainter: later round)", "Capital left (ring: capital before)"],
      range: ["var(--bad, #a12222)", "var(--chart-1, #3b6ea8)"],
      legend: true,
    },
    marks: [
      line(false, false),
      line(false, true),
      line(true, false),
      line(true, true),
      Plot.dot(placed.filter((p) => p.status === "Defaulted"), { x: "x", y: "y", r: "r", fill: () => "Defaulted (fainter: later round)", fillOpacity: "opacity", stroke: "currentColor", strokeOpacity: 0.5 }),
      // Capital before the crisis as a ring; what the survivors keep as a disk inside it (area ∝ capital).
      Plot.dot(standing, { x: "x", y: "y", r: "r", fill: "none", stroke: "currentColor", strokeOpacity: 0.7 }),
      Plot.dot(survivors, {
        x: "x",
        y: "y",
        r: (p: Placed) => p.r * Math.sqrt(Math.max(0, p.node.capitalAfterUsd) / Math.max(1, p.node.capitalBeforeUsd)),
        fill: () => "Capital left (ring: capital before)",
      }),
      Plot.dot(placed.filter((p) => p.node.role === "creditors"), { x: "x", y: "y", r: "r", fill: "var(--bg, white)", stroke: "currentColor", strokeDasharray: "3,2" }),
      Plot.text([{ x: 6, y: 8 }], {
        x: "x",
        y: "y",
        text: () => (narrow ? "Arrows: who owes whom\nred: unpaid" : "Arrows run from debtor to creditor,\nwidth by amount; red: not paid in full"),
        textAnchor: "start",
        lineAnchor: "top",
        fill: "currentColor",
        fillOpacity: 0.8,
        fontSize: 10,
      }),
      labelMark("above"),
      labelMark("below"),
      labelMark("start"),
      labelMark("end"),
    ],
  });
}

const model: WidgetModel<typeof params, Result> = { params, compute, table, summary, figure };
export default model;
