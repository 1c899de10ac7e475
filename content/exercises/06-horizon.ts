/**
 * Exercises for Chapter 6, "Horizon: settlement, speed and what code cannot fix".
 *
 * Answers come from the simulation library: `settlementExposure`,
 * `optimalSettlementInterval` and `settlementTradeoff` (settlement),
 * `createOrderBook` and `marketOrder` (order book) for fragmented liquidity,
 * and the settlement widget's own model for the setting. Money is written
 * "USD 1,250.00" throughout.
 */
import {
  Decimal,
  MINUTES_PER_YEAR,
  SETTLEMENT_LAYERS,
  createOrderBook,
  marketOrder,
  optimalSettlementInterval,
  settlementExposure,
  settlementTradeoff,
  type DecimalInput,
} from "../../src/sim/index";
import settlement from "../../components/widgets/settlement/model";
import type { ChoiceExercise, Exercise, NumericExercise, SettingExercise } from "../../src/lib/exercises/types";
import { num, paragraphs, pct, pctFixed, plain, round, usd, usdMillions, withSafeCheck } from "./format";

const OBJECTIVES = {
  hybrid: "Explain how a hybrid exchange separates matching from custody and settlement, and what its operator can and cannot still do.",
  exposure: "Compute the unsettled exposure a venue carries for a given settlement interval, volatility and open interest, and the interval that minimises failure losses plus fees.",
  rollups: "Distinguish optimistic rollups from validity rollups and name the trust that each still requires.",
  fragmentation: "Quantify how splitting the same liquidity across venues raises the price impact of a forced sale.",
  risks: "Identify the risks that remain when collateral is on-chain: smart-contract bugs, oracle manipulation, absent keepers and leverage cascades.",
  design: "Evaluate a proposed venue design against the failure mechanisms of the earlier chapters.",
} as const;

// ── 1. Unsettled exposure ───────────────────────────────────────────────────

type ExposureParams = { openInterestUsd: string; volatility: string; intervalMinutes: number; confidence: "0.95" | "0.99" };

function exposure(p: ExposureParams) {
  return settlementExposure({ openInterestUsd: p.openInterestUsd, volatilityPerYear: p.volatility, intervalMinutes: p.intervalMinutes, confidence: Number(p.confidence) });
}

const unsettledExposure: NumericExercise<ExposureParams> = {
  id: "horizon-unsettled-exposure",
  kind: "numeric",
  chapter: "horizon",
  title: "How much can one settlement window lose?",
  objective: OBJECTIVES.exposure,
  unit: "usd",
  params(rng) {
    return {
      openInterestUsd: rng.decimal("100000000", "5000000000", "50000000"),
      volatility: rng.decimal("0.3", "1.5", "0.05"),
      intervalMinutes: rng.pick([1, 2, 5, 10, 15, 20, 30, 45, 60, 120, 240, 480, 720, 1440]),
      confidence: rng.pick(["0.95", "0.99"] as const),
    };
  },
  prompt(p) {
    const z = p.confidence === "0.99" ? "2.5758" : "1.9600";
    return paragraphs(
      `A hybrid venue keeps collateral in a contract and settles gains and losses on-chain ${p.intervalMinutes === 1 ? "every minute" : p.intervalMinutes === 1440 ? "once a day (every 1,440 minutes)" : `every ${num(p.intervalMinutes, 0)} minutes`}. One side's open interest is ${usd(p.openInterestUsd, 0)}; the asset's annual volatility is ${pct(p.volatility)}. A year has 525,600 minutes.`,
      `In the chapter's model, below what amount does the unsettled profit at the end of a window stay in ${pct(p.confidence)} of windows? (The standard normal exceeds ${z} in absolute value ${pct(new Decimal(1).minus(p.confidence))} of the time.) Give USD; rounding to the nearest USD 1,000 is fine.`,
    );
  },
  hints: () => [
    "A window is τ = interval ÷ 525,600 years; the price moves by about σ × √τ × Z over it.",
    "The unsettled profit is open interest × |move|, so its quantile is OI × σ × √τ × z.",
  ],
  solution(p) {
    const x = exposure(p);
    return paragraphs(
      `τ = ${p.intervalMinutes} ÷ ${num(MINUTES_PER_YEAR, 0)} years, so the window's volatility is σ√τ = ${plain(p.volatility)} × √(${p.intervalMinutes}/${num(MINUTES_PER_YEAR, 0)}) = ${plain(x.windowVolatility, 6)}.`,
      `The ${pct(p.confidence)} exposure is ${usd(p.openInterestUsd, 0)} × ${plain(x.windowVolatility, 6)} × ${plain(x.z, 4)} = **${usd(x.quantileExposureUsd, 0)}** (about ${usdMillions(x.quantileExposureUsd, 2)}).`,
      `The expected exposure at the end of a window is smaller, ${usd(x.expectedExposureUsd, 0)}, with √(2/π) ≈ 0.80 in place of ${plain(x.z, 2)}. Halving the interval cuts both by only √2.`,
    );
  },
  answer: (p) => exposure(p).quantileExposureUsd.toFixed(),
  tolerance: (p) => ({ abs: Decimal.max(1000, exposure(p).quantileExposureUsd.times("0.0005")).toDecimalPlaces(0, Decimal.ROUND_UP).toFixed() }),
  canonical: (p) => exposure(p).quantileExposureUsd.toNearest(1000, Decimal.ROUND_HALF_EVEN).toFixed(0),
};

// ── 2. The best interval ────────────────────────────────────────────────────

type OptimumParams = { openInterestUsd: string; volatility: string; failuresPerYear: string; costUsd: string };

function optimum(p: OptimumParams) {
  return optimalSettlementInterval({ openInterestUsd: p.openInterestUsd, volatilityPerYear: p.volatility, venueFailuresPerYear: p.failuresPerYear, costPerSettlementUsd: p.costUsd });
}

const bestInterval: NumericExercise<OptimumParams> = {
  id: "horizon-best-interval",
  kind: "numeric",
  chapter: "horizon",
  title: "The interval that costs least",
  objective: OBJECTIVES.exposure,
  unit: "plain",
  params(rng) {
    return {
      openInterestUsd: rng.decimal("100000000", "5000000000", "50000000"),
      volatility: rng.decimal("0.3", "1.5", "0.05"),
      failuresPerYear: rng.decimal("0.01", "0.2", "0.01"),
      costUsd: rng.decimal("0.05", "20", "0.05"),
    };
  },
  prompt(p) {
    return paragraphs(
      `A venue with ${usd(p.openInterestUsd, 0)} of open interest on one side, in an asset with ${pct(p.volatility)} annual volatility, expects to fail ${plain(p.failuresPerYear)} times a year. Each on-chain settlement costs ${usd(p.costUsd)}.`,
      "In the chapter's model, a failure takes on average (2/3) × √(2/π) × OI × σ × √τ, and the yearly cost is the failure rate times that, plus the fees. Which settlement interval minimises the yearly cost? Give it in minutes, to two decimals.",
    );
  },
  hints: () => [
    "The yearly cost is λ·a·√τ + C/τ with a = (2/3)·√(2/π)·OI·σ and τ in years.",
    "Setting the derivative to zero gives τ* = (2C / (λ·a))^(2/3) years. Multiply by 525,600 for minutes.",
  ],
  solution(p) {
    const best = optimum(p);
    const a = new Decimal(2).div(3).times(new Decimal(2).div(new Decimal(-1).acos()).sqrt()).times(p.openInterestUsd).times(p.volatility);
    return paragraphs(
      `a = (2/3) × √(2/π) × ${usd(p.openInterestUsd, 0)} × ${plain(p.volatility)} = USD ${num(a, 0)} per √year.`,
      `τ* = (2 × ${plain(p.costUsd)} ÷ (${plain(p.failuresPerYear)} × ${num(a, 0)}))^(2/3) years = **${num(best.intervalMinutes, 2)} minutes**.`,
      `There the fees, ${usd(best.costPerYearUsd)} a year, are half the expected failure loss, ${usd(best.expectedFailureLossPerYearUsd)}; the total is ${usd(best.totalCostPerYearUsd)} a year. A settlement layer k times cheaper shortens the best interval by k^(2/3), not k, because exposure falls only with the square root of the interval.`,
    );
  },
  answer: (p) => optimum(p).intervalMinutes.toFixed(),
  tolerance: (p) => ({ abs: Decimal.max("0.01", optimum(p).intervalMinutes.times("0.001")).toDecimalPlaces(4, Decimal.ROUND_UP).toFixed() }),
  canonical: (p) => round(optimum(p).intervalMinutes, 2),
};

// ── 3. Setting: the best interval among the widget's choices ────────────────

type SettleParams = { volatility: string; openInterestBillions: string; failuresPerYear: string; layer: "baseChain" | "rollup" };
type SettleValues = Parameters<typeof settlement.compute>[0];

const INTERVAL_OPTIONS = (settlement.params.interval as { options: { value: string; label: string }[] }).options;

function totalAt(p: SettleParams, interval: string): Decimal {
  return settlementTradeoff({
    openInterestUsd: new Decimal(p.openInterestBillions).times(1e9),
    volatilityPerYear: p.volatility,
    venueFailuresPerYear: p.failuresPerYear,
    costPerSettlementUsd: SETTLEMENT_LAYERS[p.layer].costPerSettlementUsd,
    intervalMinutes: interval,
  }).totalCostPerYearUsd;
}

function bestOption(p: SettleParams) {
  let best = INTERVAL_OPTIONS[0]!;
  for (const option of INTERVAL_OPTIONS) if (totalAt(p, option.value).lt(totalAt(p, best.value))) best = option;
  return best;
}

const settlementSetting: SettingExercise<SettleParams> = {
  id: "horizon-settlement-setting",
  kind: "setting",
  chapter: "horizon",
  title: "Pick the settlement schedule",
  objective: OBJECTIVES.exposure,
  widget: "settlement",
  params(rng) {
    return {
      volatility: rng.decimal("0.1", "2", "0.05"),
      // Ranges where the cheapest offered schedule usually lies inside the list, not at its ends.
      openInterestBillions: rng.decimal("0.1", "5", "0.1"),
      failuresPerYear: rng.decimal("0.01", "0.2", "0.01"),
      layer: rng.pick(["baseChain", "rollup"] as const),
    };
  },
  prompt(p) {
    return paragraphs(
      `In the settlement-horizon figure, set the underlying's volatility to ${pct(p.volatility)}, one side's open interest to USD ${plain(p.openInterestBillions)} billion, the venue's failure rate to ${pct(p.failuresPerYear)} a year, and settle on the ${p.layer === "rollup" ? "rollup" : "base chain"}.`,
      "Then choose, among the schedules the widget offers, the one with the lowest total yearly cost (expected failure loss plus fees). Submit the widget's state.",
    );
  },
  hints: () => [
    "Set the four fixed controls first; the exposure quantile does not change the cost.",
    "The thick line is the total; its minimum marks the best interval. Pick the offered schedule closest to it on the cost curve, and compare the totals in the table if two are close.",
  ],
  check(p, state) {
    const values = state as unknown as SettleValues;
    if (!new Decimal(values.volatility).eq(p.volatility)) return { ok: false, message: `The volatility is fixed at ${pct(p.volatility)} in this exercise; the widget has ${pct(values.volatility)}.` };
    if (!new Decimal(values.openInterestBillions).eq(p.openInterestBillions)) return { ok: false, message: `Open interest is USD ${plain(p.openInterestBillions)} billion here; the widget has USD ${plain(values.openInterestBillions)} billion.` };
    if (!new Decimal(values.failuresPerYear).eq(p.failuresPerYear)) return { ok: false, message: `The failure rate is ${pct(p.failuresPerYear)} a year here; the widget has ${pct(values.failuresPerYear)}.` };
    if (values.layer !== p.layer) return { ok: false, message: `This exercise settles on the ${p.layer === "rollup" ? "rollup" : "base chain"}; the widget is set to the ${values.layer === "rollup" ? "rollup" : "base chain"}.` };
    const chosen = settlement.compute(values).chosen;
    const best = bestOption(p);
    if (values.interval !== best.value) {
      const shorter = Number(best.value) < Number(values.interval);
      return { ok: false, message: `"${INTERVAL_OPTIONS.find((o) => o.value === values.interval)?.label ?? values.interval}" costs ${usd(chosen.exact.total, 0)} a year in failure losses and fees; a ${shorter ? "shorter" : "longer"} schedule the widget offers costs less.` };
    }
    return { ok: true };
  },
  solution(p) {
    const best = bestOption(p);
    const exact = optimalSettlementInterval({
      openInterestUsd: new Decimal(p.openInterestBillions).times(1e9),
      volatilityPerYear: p.volatility,
      venueFailuresPerYear: p.failuresPerYear,
      costPerSettlementUsd: SETTLEMENT_LAYERS[p.layer].costPerSettlementUsd,
    });
    const rows = INTERVAL_OPTIONS.map((o) => `${o.label}: ${usd(totalAt(p, o.value), 0)}`).join("; ");
    return paragraphs(
      `Yearly totals (failure loss plus fees) at the widget's schedules: ${rows}.`,
      `The cheapest is **${best.label.toLowerCase()}**. The unconstrained optimum is ${num(exact.intervalMinutes, 2)} minutes, where the fees are half the expected failure loss; the best offered schedule is the one whose total is lowest, not necessarily the nearest in minutes, because the cost rises faster on the short side.`,
    );
  },
  canonical: (p) =>
    `volatility=${p.volatility},openInterestBillions=${p.openInterestBillions},failuresPerYear=${p.failuresPerYear},layer=${p.layer},interval=${bestOption(p).value}`,
};

// ── 4. Fragmented liquidity ─────────────────────────────────────────────────

type FragmentParams = { midUsd: string; depthUsd: string; venues: number; saleUsd: string };

const fragmentCache = new Map<string, ReturnType<typeof computeFragment>>();

function computeFragment(p: FragmentParams) {
  const quantity = new Decimal(p.saleUsd).div(p.midUsd).toDecimalPlaces(3, Decimal.ROUND_DOWN);
  const book = (depth: DecimalInput) => createOrderBook({ midPriceUsd: p.midUsd, depthUsd: depth, levels: 500, levelSpacingBps: 10, profile: "linear" });
  const whole = marketOrder(book(p.depthUsd), "sell", quantity);
  const split = marketOrder(book(new Decimal(p.depthUsd).div(p.venues)), "sell", quantity);
  return { quantity, whole, split, lostUsd: whole.notionalUsd.minus(split.notionalUsd) };
}

function fragment(p: FragmentParams) {
  const key = JSON.stringify(p);
  if (!fragmentCache.has(key)) fragmentCache.set(key, computeFragment(p));
  return fragmentCache.get(key)!;
}

const fragmentation: NumericExercise<FragmentParams> = {
  id: "horizon-fragmentation",
  kind: "numeric",
  chapter: "horizon",
  title: "The same liquidity, split",
  objective: OBJECTIVES.fragmentation,
  unit: "usd",
  params(rng) {
    const depthUsd = rng.decimal("500000000", "5000000000", "100000000");
    const venues = rng.int(2, 10);
    // At most half of one venue's bids, so the sale always fills.
    const most = Decimal.min(50_000_000, new Decimal(depthUsd).div(venues).div(2)).div(500_000).floor().times(500_000);
    return { midUsd: rng.decimal("20000", "100000", "100"), depthUsd, venues, saleUsd: rng.decimal("5000000", most.toFixed(), "500000") };
  },
  prompt(p) {
    const f = fragment(p);
    return paragraphs(
      `Bitcoin's mid price is ${usd(p.midUsd, 0)}. The bids behind it total ${usd(p.depthUsd, 0)}, spread over 500 levels 0.1% apart, thin near the mid and growing linearly with distance (the library's \`createOrderBook\` with \`levels: 500, levelSpacingBps: 10, profile: "linear"\`).`,
      `A liquidation engine must sell ${plain(f.quantity)} BTC (about ${usd(p.saleUsd, 0)}) at once. How much less, in USD, does the sale raise if the same bids are split equally across ${p.venues} venues and the engine can reach only one of them, compared with one venue holding them all? Rounding to the nearest USD 100 is fine.`,
    );
  },
  hints: (p) => [
    `One venue's book now holds ${usd(new Decimal(p.depthUsd).div(p.venues), 0)}: every level is ${p.venues} times thinner, so the sale walks ${p.venues === 1 ? "" : "further "}down the book.`,
    "Compute the proceeds (Σ price × quantity of the fills) on both books and subtract. In a code cell: `marketOrder(createOrderBook({ … }), \"sell\", quantity).notionalUsd`.",
  ],
  solution(p) {
    const f = fragment(p);
    return paragraphs(
      `On the whole book the sale fills down to ${usd(f.whole.lastPrice!)} and raises ${usd(f.whole.notionalUsd)}: an average of ${usd(f.whole.averagePrice!)}, ${pctFixed(f.whole.slippage!)} below the mid.`,
      `On one venue's ${usd(new Decimal(p.depthUsd).div(p.venues), 0)} it walks down to ${usd(f.split.lastPrice!)} and raises ${usd(f.split.notionalUsd)}: an average of ${usd(f.split.averagePrice!)}, ${pctFixed(f.split.slippage!)} below the mid.`,
      `The split costs the seller **${usd(f.lostUsd)}**, and its last fill is ${pctFixed(f.whole.lastPrice!.minus(f.split.lastPrice!).div(p.midUsd))} of the price lower, deep enough in a cascade to trigger the next round of liquidations on that venue.`,
    );
  },
  answer: (p) => fragment(p).lostUsd.toFixed(),
  tolerance: () => ({ abs: "100" }),
  canonical: (p) => fragment(p).lostUsd.toNearest(100, Decimal.ROUND_HALF_EVEN).toFixed(0),
};

// ── 5. What the operator of a hybrid venue can still do ─────────────────────

const HYBRID_STATEMENTS: readonly { id: string; text: string; can: boolean }[] = [
  { id: "order", text: "Decide which orders reach the book and in what sequence.", can: true },
  { id: "refuse", text: "Refuse a customer's orders.", can: true },
  { id: "halt", text: "Halt trading.", can: true },
  { id: "lend", text: "Lend customers' collateral to an affiliated trading desk.", can: false },
  { id: "block-exit", text: "Stop a customer from withdrawing through the forced-withdrawal escape once the waiting period has passed.", can: false },
  { id: "move", text: "Move collateral in a way the settlement contract does not allow.", can: false },
];

type HybridParams = { shown: string };

function hybridShown(p: HybridParams) {
  return p.shown.split(",").map((id) => HYBRID_STATEMENTS.find((s) => s.id === id)!);
}

const hybridOperator: ChoiceExercise<HybridParams> = {
  id: "horizon-hybrid-operator",
  kind: "choice",
  chapter: "horizon",
  title: "What the operator of a hybrid venue can still do",
  objective: OBJECTIVES.hybrid,
  multiple: true,
  params(rng) {
    return { shown: rng.shuffle(HYBRID_STATEMENTS.map((s) => s.id)).slice(0, 5).join(",") };
  },
  prompt: () =>
    paragraphs(
      "A hybrid exchange matches orders on its operator's servers, keeps collateral in a contract on a base chain, settles in batches with validity proofs, and offers a forced-withdrawal escape hatch.",
      "Which of these can its operator still do? Select all that apply.",
    ),
  hints: () => ["Separate the order flow, which the operator runs, from custody and settlement, which the contract enforces."],
  choices: (p) => hybridShown(p).map((s) => ({ id: s.id, label: s.text })),
  correct: (p) => hybridShown(p).filter((s) => s.can).map((s) => s.id),
  solution: (p) =>
    paragraphs(
      ...hybridShown(p).map((s) => `${s.can ? "**Can.**" : "**Cannot.**"} ${s.text}`),
      "The operator still controls the order flow, so it can fail its users; it cannot quietly spend their deposits, because collateral moves only as the contract allows, and a user who is refused can leave through the escape hatch, slowly and at a cost in gas.",
    ),
  canonical: (p) =>
    hybridShown(p)
      .filter((s) => s.can)
      .map((s) => s.id)
      .sort()
      .join(","),
};

// ── 6. What a rollup still asks you to trust ────────────────────────────────

type RollupKind = "optimistic" | "validity";
const ROLLUP_STATEMENTS: readonly { id: string; text: string; optimistic: boolean; validity: boolean }[] = [
  { id: "challenge", text: "A batch is assumed correct unless someone proves fraud within a challenge period.", optimistic: true, validity: false },
  { id: "week", text: "Withdrawals to the base chain wait for a challenge period, about a week on Arbitrum chains by default.", optimistic: true, validity: false },
  { id: "proof", text: "Each batch carries a proof that the base chain checks directly, so it is final once the proof is accepted.", optimistic: false, validity: true },
  { id: "sequencer", text: "A sequencer, often run by the project, can delay or censor a user's transactions.", optimistic: true, validity: true },
  { id: "upgrade", text: "Whoever holds the contracts' upgrade keys can change the rules.", optimistic: true, validity: true },
  { id: "data", text: "If the data behind a batch is not published, users cannot prove their balances to leave.", optimistic: true, validity: true },
  { id: "forge", text: "The operator can move users' collateral to an affiliate whenever it likes.", optimistic: false, validity: false },
];

type RollupParams = { kind: RollupKind; shown: string };

const rollupTrust: ChoiceExercise<RollupParams> = {
  id: "horizon-rollup-trust",
  kind: "choice",
  chapter: "horizon",
  title: "What a rollup still asks you to trust",
  objective: OBJECTIVES.rollups,
  multiple: true,
  params(rng) {
    return { kind: rng.pick(["optimistic", "validity"] as const), shown: rng.shuffle(ROLLUP_STATEMENTS.map((s) => s.id)).slice(0, 6).join(",") };
  },
  prompt: (p) =>
    paragraphs(
      `A derivatives venue settles on ${p.kind === "optimistic" ? "an optimistic rollup" : "a validity (zero-knowledge) rollup"}. Which of these statements are true of it? Select all that apply.`,
    ),
  hints: (p) => [
    p.kind === "optimistic" ? "An optimistic rollup learns that a batch is wrong only if someone challenges it in time." : "A validity rollup attaches a proof that the base chain verifies.",
    "Neither design removes every trusted party: think about who orders transactions, who can upgrade the contracts, and whether the data is published.",
  ],
  choices: (p) => p.shown.split(",").map((id) => ({ id, label: ROLLUP_STATEMENTS.find((s) => s.id === id)!.text })),
  correct: (p) => p.shown.split(",").filter((id) => ROLLUP_STATEMENTS.find((s) => s.id === id)![p.kind]),
  solution(p) {
    const shown = p.shown.split(",").map((id) => ROLLUP_STATEMENTS.find((s) => s.id === id)!);
    return paragraphs(
      ...shown.map((s) => `${s[p.kind] ? "**True.**" : "**False.**"} ${s.text}`),
      "Both kinds inherit the base chain's security for their state, and neither lets the operator spend collateral the contract does not release. Both still ask users to trust the sequencer's ordering, the holders of upgrade keys and the publication of data.",
    );
  },
  canonical: (p) =>
    p.shown
      .split(",")
      .filter((id) => ROLLUP_STATEMENTS.find((s) => s.id === id)![p.kind])
      .sort()
      .join(","),
};

// ── 7. Risks that survive the move on-chain ─────────────────────────────────

type Risk = "contract" | "oracle" | "keepers" | "cascade";
const RISK_LABELS: Record<Risk, string> = {
  contract: "Smart-contract risk: the code itself, or whoever can upgrade it",
  oracle: "Oracle manipulation: a price the contract trusts is pushed",
  keepers: "Absent keepers: nobody liquidates or bids in time",
  cascade: "Leverage cascade: forced selling feeds on itself",
};
const RISK_EVENTS: readonly { text: string; risk: Risk }[] = [
  {
    text: "October 2022: a trader on a derivatives venue built from smart contracts takes large positions in the venue's own token, then buys that token heavily on the exchanges that feed the venue's price. The price the venue uses rises more than thirteen-fold in about thirty minutes, and the trader withdraws over USD 110 million of digital assets against the inflated positions.",
    risk: "oracle",
  },
  {
    text: "March 2020: the network is congested, bidding bots cannot get their transactions into blocks, and collateral auctions close with winning bids of zero.",
    risk: "keepers",
  },
  {
    text: "October 2025: more than USD 19 billion of leveraged positions are liquidated across venues within a day, and one on-chain venue's auto-deleveraging closes about USD 2.1 billion of winners' positions in 12 minutes, every step as the published rules say.",
    risk: "cascade",
  },
  {
    text: "A vault's withdrawal function, after an upgrade signed by the project's key holders, lets one address withdraw collateral that other users deposited; every transaction runs exactly as the new code says.",
    risk: "contract",
  },
];

type RiskParams = { event: number; order: string };

const onchainRisks: ChoiceExercise<RiskParams> = {
  id: "horizon-onchain-risks",
  kind: "choice",
  chapter: "horizon",
  title: "Name the risk that code did not remove",
  objective: OBJECTIVES.risks,
  multiple: false,
  params(rng) {
    return { event: rng.int(0, RISK_EVENTS.length - 1), order: rng.shuffle(Object.keys(RISK_LABELS)).join(",") };
  },
  prompt: (p) => paragraphs("Collateral sits in public contracts, yet users lose money:", RISK_EVENTS[p.event]!.text, "Which risk is this?"),
  hints: () => [
    "Ask what the code trusted that the code could not check: a price, the presence of other participants, its own correctness, or the market's depth under leverage.",
  ],
  choices: (p) => p.order.split(",").map((id) => ({ id, label: RISK_LABELS[id as Risk] })),
  correct: (p) => [RISK_EVENTS[p.event]!.risk],
  solution(p) {
    const e = RISK_EVENTS[p.event]!;
    return paragraphs(
      `**${RISK_LABELS[e.risk]}.**`,
      "In each of the four cases the code ran as written. On-chain custody removes the operator's hidden hand (commingling, secret privileges, a shadow balance sheet) but not the failures that come from prices, liquidity, leverage and the code itself. What it changes is that they are visible, and with care bounded.",
    );
  },
  canonical: (p) => RISK_EVENTS[p.event]!.risk,
};

export const exercises: Exercise[] = [
  unsettledExposure as unknown as Exercise,
  bestInterval as unknown as Exercise,
  withSafeCheck(settlementSetting) as unknown as Exercise,
  fragmentation as unknown as Exercise,
  hybridOperator as unknown as Exercise,
  rollupTrust as unknown as Exercise,
  onchainRisks as unknown as Exercise,
];
