/**
 * Exercises for Chapter 3, "Theory: how a margin system breaks".
 *
 * Answers come from the simulation library: `liquidationPrice` and
 * `bankruptcyPrice` (margin), `settleLiquidation` and `rankForAdl`
 * (liquidation), `collateralMultiplier` (rehypothecation, whose geometric sum
 * is also the simple cascade's), and the rehypothecation widget's own model
 * for the setting. Money is written "USD 1,250.00" throughout.
 */
import {
  Decimal,
  bankruptcyPrice,
  bankruptcyValueUsd,
  collateralMultiplier,
  liquidationPrice,
  position,
  rankForAdl,
  rehypothecationChain,
  settleLiquidation,
  sum,
  unrealizedPnl,
} from "../../src/sim/index";
import rehypothecation from "../../components/widgets/rehypothecation/model";
import type { ChoiceExercise, CodeExercise, Exercise, NumericExercise, SettingExercise } from "../../src/lib/exercises/types";
import { drawUntil, num, paragraphs, pct, pctFixed, plain, round, usd, withSafeCheck } from "./format";

const OBJECTIVES = {
  liquidation: "Compute the liquidation and bankruptcy prices of an isolated long or short position, and explain why the common shortcut formula is wrong.",
  deficit: "Trace a deficit through the insurance fund, auto-deleveraging and socialized loss, and compute who pays what.",
  cascade: "Explain how forced selling turns a price move into a liquidation cascade, and measure the amplification.",
  rehypothecation: "Compute the claims one unit of collateral supports under repeated re-pledging, and the limit 1/(1 − r).",
  shadow: "Describe the shadow balance sheet and compare the CEX and DEX risk models quantitatively.",
} as const;

type Side = "long" | "short";

// ── 1. Code: the isolated liquidation price ─────────────────────────────────

type LiqCodeParams = { side: Side; entryUsd: string; quantity: string; marginUsd: string; mmr: string };

function liqCase(p: LiqCodeParams, side: Side): Decimal {
  return liquidationPrice({ side, entryPrice: p.entryUsd, quantity: p.quantity, margin: p.marginUsd, maintenanceMarginRate: p.mmr });
}

const LIQ_SIGNATURE = `export function liquidationPrice(side: "long" | "short", entryPrice: number, quantity: number, margin: number, mmr: number): number`;

const liquidationCode: CodeExercise<LiqCodeParams> = {
  id: "theory-liquidation-price-code",
  kind: "code",
  chapter: "theory",
  title: "Write the liquidation-price formula",
  objective: OBJECTIVES.liquidation,
  params(rng) {
    const entryUsd = rng.decimal("20000", "120000", "10");
    const quantity = rng.decimal("0.1", "10", "0.1");
    const leverage = rng.int(2, 50);
    const marginUsd = new Decimal(entryUsd).times(quantity).div(leverage).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
    return { side: rng.pick(["long", "short"] as const), entryUsd, quantity, marginUsd: marginUsd.toFixed(), mmr: rng.decimal("0.004", "0.015", "0.001") };
  },
  prompt(p) {
    return paragraphs(
      "Complete `liquidationPrice` for an isolated position with no fees, in the first margin tier (no maintenance amount). The exchange liquidates when equity, margin plus unrealized PnL, falls to the maintenance margin `mmr × quantity × price` measured at the mark price.",
      `The checks run your function on Binance's example (1 BTC at USD 67,000.00 with USD 6,700.00 of margin and a 0.4% rate) and on your own position: a ${p.side} of ${plain(p.quantity)} BTC entered at ${usd(p.entryUsd)} with ${usd(p.marginUsd)} of margin and a maintenance rate of ${pct(p.mmr, 1)}, and its mirror image on the other side. Answers must be within USD 0.01.`,
    );
  },
  hints: () => [
    "For a long, equity is margin + quantity × (price − entry); for a short, margin + quantity × (entry − price).",
    "Set equity equal to mmr × quantity × price and solve for price. The price appears on both sides.",
    "Long: (entry × quantity − margin) ÷ (quantity × (1 − mmr)). Now derive the short's.",
  ],
  starter: () =>
    [
      "/**",
      " * The mark price at which an isolated position's equity equals its maintenance margin.",
      " * side: \"long\" or \"short\"; entryPrice and margin in USD; quantity in BTC; mmr a fraction (0.004 = 0.4%).",
      " */",
      `${LIQ_SIGNATURE} {`,
      "  // equity(price) = margin + PnL(price); maintenance(price) = mmr × quantity × price",
      "  throw new Error(\"Not written yet\");",
      "}",
      "",
    ].join("\n"),
  reference: () =>
    [
      `${LIQ_SIGNATURE} {`,
      "  if (side === \"long\") return (entryPrice * quantity - margin) / (quantity * (1 - mmr));",
      "  return (entryPrice * quantity + margin) / (quantity * (1 + mmr));",
      "}",
      "",
    ].join("\n"),
  checks(p) {
    const other: Side = p.side === "long" ? "short" : "long";
    const cases = [
      { name: "Binance's example, long", side: "long", entry: 67000, quantity: 1, margin: 6700, mmr: 0.004 },
      { name: "Binance's example, short", side: "short", entry: 67000, quantity: 1, margin: 6700, mmr: 0.004 },
      { name: `your ${p.side}`, side: p.side, entry: Number(p.entryUsd), quantity: Number(p.quantity), margin: Number(p.marginUsd), mmr: Number(p.mmr) },
      { name: `the same numbers as a ${other}`, side: other, entry: Number(p.entryUsd), quantity: Number(p.quantity), margin: Number(p.marginUsd), mmr: Number(p.mmr) },
    ];
    return [
      'import { liquidationPrice as yours } from "./solution";',
      'import { liquidationPrice } from "cef";',
      `const cases = ${JSON.stringify(cases)};`,
      "const results = [];",
      "for (const c of cases) {",
      "  const expected = liquidationPrice({ side: c.side, entryPrice: c.entry, quantity: c.quantity, margin: c.margin, maintenanceMarginRate: c.mmr }).toNumber();",
      "  let got;",
      "  try {",
      "    got = yours(c.side, c.entry, c.quantity, c.margin, c.mmr);",
      "  } catch (error) {",
      "    results.push({ name: c.name, pass: false, detail: `your function threw: ${error instanceof Error ? error.message : String(error)}` });",
      "    continue;",
      "  }",
      "  const pass = typeof got === \"number\" && Math.abs(got - expected) <= 0.01;",
      "  results.push({ name: c.name, pass, detail: pass ? `${expected.toFixed(2)}, as expected` : `expected ${expected.toFixed(2)}, got ${String(got)}` });",
      "}",
      "return results;",
    ].join("\n");
  },
  solution(p) {
    const mine = liqCase(p, p.side);
    const mirror = liqCase(p, p.side === "long" ? "short" : "long");
    const bk = bankruptcyPrice({ side: p.side, entryPrice: p.entryUsd, quantity: p.quantity, margin: p.marginUsd });
    return paragraphs(
      "For a long, margin + q × (P − entry) = mmr × q × P gives P = (entry × q − margin) ÷ (q × (1 − mmr)). For a short, margin + q × (entry − P) = mmr × q × P gives P = (entry × q + margin) ÷ (q × (1 + mmr)).",
      `Your ${p.side}: ${p.side === "long" ? `(${usd(p.entryUsd)} × ${plain(p.quantity)} − ${usd(p.marginUsd)}) ÷ (${plain(p.quantity)} × ${plain(new Decimal(1).minus(p.mmr))})` : `(${usd(p.entryUsd)} × ${plain(p.quantity)} + ${usd(p.marginUsd)}) ÷ (${plain(p.quantity)} × ${plain(new Decimal(1).plus(p.mmr))})`} = **${usd(mine)}**; its bankruptcy price is ${usd(bk)}, and the buffer between them is ${usd(mine.minus(bk).abs())}, which is mmr × the liquidation price. The mirror ${p.side === "long" ? "short" : "long"} is liquidated at ${usd(mirror)}.`,
      `A reference solution:\n\n\`if (side === "long") return (entryPrice * quantity - margin) / (quantity * (1 - mmr));\`\n\n\`return (entryPrice * quantity + margin) / (quantity * (1 + mmr));\``,
    );
  },
  canonical: (p) => round(liqCase(p, p.side), 2),
};

// ── 2. The shortcut formula's error ─────────────────────────────────────────

type ShortcutParams = { side: Side; entryUsd: string; leverage: number; mmr: string };

function shortcut(p: ShortcutParams) {
  const entry = new Decimal(p.entryUsd);
  const inverseLeverage = new Decimal(1).div(p.leverage);
  const quick = p.side === "long" ? entry.times(new Decimal(1).minus(inverseLeverage).plus(p.mmr)) : entry.times(new Decimal(1).plus(inverseLeverage).minus(p.mmr));
  const margin = entry.div(p.leverage); // one coin
  const exact = liquidationPrice({ side: p.side, entryPrice: entry, quantity: 1, margin, maintenanceMarginRate: p.mmr });
  return { quick, exact, error: quick.minus(exact), margin };
}

const shortcutError: NumericExercise<ShortcutParams> = {
  id: "theory-shortcut-error",
  kind: "numeric",
  chapter: "theory",
  title: "How wrong is the shortcut?",
  objective: OBJECTIVES.liquidation,
  unit: "usd",
  params(rng) {
    const mmr = rng.decimal("0.004", "0.02", "0.001");
    // Keep the maintenance rate well below the initial margin rate 1/L.
    const maxLeverage = Math.min(100, Math.floor(0.8 / Number(mmr)));
    return { side: rng.pick(["long", "short"] as const), entryUsd: rng.decimal("10000", "150000", "50"), leverage: rng.int(2, maxLeverage), mmr };
  },
  prompt(p) {
    const formula = p.side === "long" ? "`P0 × (1 − 1/L + m)`" : "`P0 × (1 + 1/L − m)`";
    return paragraphs(
      `A trader opens an isolated ${p.side} of 1 BTC at ${usd(p.entryUsd)} with ${p.leverage}× leverage; the maintenance margin rate is ${pct(p.mmr, 1)}. A popular shortcut puts the liquidation price at ${formula}.`,
      "By how much does the shortcut's price exceed the exchange's true liquidation price (shortcut minus true)? Give USD to the cent.",
    );
  },
  hints(p) {
    return [
      `The true price solves equity = maintenance margin with the maintenance margin measured at the liquidation price, not at the entry price. The margin is ${usd(shortcut(p).margin)}.`,
      "Compute both prices and subtract; or use the chapter's result that the difference is the maintenance rate times the distance from entry to liquidation.",
    ];
  },
  solution(p) {
    const s = shortcut(p);
    const distance = new Decimal(p.entryUsd).minus(s.exact).abs();
    return paragraphs(
      `Margin = ${usd(p.entryUsd)} ÷ ${p.leverage} = ${usd(s.margin)}. The true liquidation price is ${p.side === "long" ? `(${usd(p.entryUsd)} − ${usd(s.margin)}) ÷ ${plain(new Decimal(1).minus(p.mmr))}` : `(${usd(p.entryUsd)} + ${usd(s.margin)}) ÷ ${plain(new Decimal(1).plus(p.mmr))}`} = ${usd(s.exact)}.`,
      `The shortcut gives ${usd(s.quick)}, which is **${usd(s.error)}** higher.`,
      `The shortcut charges the maintenance margin on the value at entry (${pct(p.mmr, 1)} × ${usd(p.entryUsd)}); the exchange charges it on the value at liquidation. The difference is exactly ${pct(p.mmr, 1)} × ${usd(distance)} (the distance between entry and liquidation) = ${usd(s.error)}. For a ${p.side} that means the shortcut predicts liquidation ${p.side === "long" ? "too early" : "too late"}.`,
    );
  },
  answer: (p) => shortcut(p).error.toFixed(),
  tolerance: () => ({ abs: "0.02" }),
  canonical: (p) => round(shortcut(p).error, 2),
};

// ── 3. A socialized loss ────────────────────────────────────────────────────

type SocialParams = {
  entryUsd: string;
  quantity: string;
  leverage: number;
  slip: string;
  fundShare: string;
  profitA: string;
  profitB: string;
  profitC: string;
  asked: "A" | "B" | "C";
};

function socialized(p: SocialParams) {
  const margin = new Decimal(p.entryUsd).times(p.quantity).div(p.leverage);
  const long = position({ side: "long", quantity: p.quantity, entryPrice: p.entryUsd, margin });
  const bankruptcyUsd = bankruptcyPrice({ side: "long", entryPrice: p.entryUsd, quantity: p.quantity, margin });
  const fillUsd = bankruptcyUsd.times(new Decimal(1).minus(p.slip)).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const closeValueUsd = fillUsd.times(p.quantity);
  const bankruptcyValue = bankruptcyValueUsd(long);
  const lossUsd = bankruptcyValue.minus(closeValueUsd);
  const fundUsd = lossUsd.times(p.fundShare).toDecimalPlaces(0, Decimal.ROUND_DOWN);
  const settled = settleLiquidation({ side: "long", closeValueUsd, bankruptcyValueUsd: bankruptcyValue, fundUsd });
  const profits = { A: new Decimal(p.profitA), B: new Decimal(p.profitB), C: new Decimal(p.profitC) };
  const totalProfit = sum(Object.values(profits));
  const share = settled.shortfallUsd.div(totalProfit);
  const charge = (who: "A" | "B" | "C") => settled.shortfallUsd.times(profits[who]).div(totalProfit);
  return { margin, bankruptcyUsd, fillUsd, bankruptcyValue, closeValueUsd, fundUsd, settled, profits, totalProfit, share, charge };
}

const socializedLoss: NumericExercise<SocialParams> = {
  id: "theory-socialized-loss",
  kind: "numeric",
  chapter: "theory",
  title: "Who pays a socialized loss",
  objective: OBJECTIVES.deficit,
  unit: "usd",
  params(rng) {
    return {
      entryUsd: rng.decimal("20000", "100000", "100"),
      quantity: rng.decimal("0.5", "5", "0.1"),
      leverage: rng.int(5, 50),
      slip: rng.decimal("0.002", "0.01", "0.0005"),
      fundShare: rng.decimal("0", "0.8", "0.05"),
      profitA: rng.decimal("2000", "30000", "50"),
      profitB: rng.decimal("2000", "30000", "50"),
      profitC: rng.decimal("2000", "30000", "50"),
      asked: rng.pick(["A", "B", "C"] as const),
    };
  },
  prompt(p) {
    const s = socialized(p);
    return paragraphs(
      `A long of ${plain(p.quantity)} BTC entered at ${usd(p.entryUsd, 0)} with ${usd(s.margin)} of isolated margin (${p.leverage}×) gaps through its liquidation price. The engine closes it at ${usd(s.fillUsd)} a coin. The insurance fund holds ${usd(s.fundUsd, 0)}.`,
      `Three traders on the other side are in profit: A by ${usd(p.profitA, 0)}, B by ${usd(p.profitB, 0)} and C by ${usd(p.profitC, 0)}. Whatever the fund cannot pay is shared among them as a socialized loss, in proportion to profit.`,
      `How much does trader ${p.asked} give up? Give USD to the cent.`,
    );
  },
  hints: () => [
    "The bankruptcy price of a long is entry − margin ÷ quantity. The loss is what the close fetched below the bankruptcy value (quantity × bankruptcy price).",
    "The fund pays first, as far as it can. Only the rest is shared.",
    "Each winner pays the same fraction of its profit: remaining deficit ÷ total profit.",
  ],
  solution(p) {
    const s = socialized(p);
    return paragraphs(
      `Bankruptcy price: ${usd(p.entryUsd, 0)} − ${usd(s.margin)} ÷ ${plain(p.quantity)} = ${usd(s.bankruptcyUsd)}, so the bankruptcy value is ${usd(s.bankruptcyValue)}. The close fetched ${plain(p.quantity)} × ${usd(s.fillUsd)} = ${usd(s.closeValueUsd)}: a loss of ${usd(s.settled.lossUsd)} beyond the trader's margin.`,
      `The fund pays ${usd(s.settled.fromFundUsd)} and is ${s.settled.fundAfterUsd.isZero() ? "emptied" : `left with ${usd(s.settled.fundAfterUsd)}`}; ${usd(s.settled.shortfallUsd)} remains.`,
      `Total profit is ${usd(s.totalProfit, 0)}, so every winner gives up ${usd(s.settled.shortfallUsd)} ÷ ${usd(s.totalProfit, 0)} = ${pctFixed(s.share, 3)} of its profit. Trader ${p.asked} pays ${pctFixed(s.share, 3)} × ${usd(s.profits[p.asked], 0)} = **${usd(s.charge(p.asked))}** (A ${usd(s.charge("A"))}, B ${usd(s.charge("B"))}, C ${usd(s.charge("C"))}).`,
      "Under auto-deleveraging instead, the top-ranked winner alone would pay the whole remaining deficit, up to its profit.",
    );
  },
  answer: (p) => socialized(p).charge(p.asked).toFixed(),
  tolerance: () => ({ abs: "0.02" }),
  canonical: (p) => round(socialized(p).charge(p.asked), 2),
};

// ── 4. Who is deleveraged first? ────────────────────────────────────────────

type AdlParams = {
  markUsd: string;
  entryA: string;
  entryB: string;
  entryC: string;
  sizeA: string;
  sizeB: string;
  sizeC: string;
  leverageA: number;
  leverageB: number;
  leverageC: number;
};

const TRADERS = ["A", "B", "C"] as const;

function adlShorts(p: AdlParams) {
  return TRADERS.map((t) => {
    const entry = new Decimal(p[`entry${t}`]);
    const size = new Decimal(p[`size${t}`]);
    const margin = entry.times(size).div(p[`leverage${t}`]).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
    return position({ id: t, side: "short", quantity: size, entryPrice: entry, margin });
  });
}

function adlRanking(p: AdlParams) {
  const shorts = adlShorts(p);
  return { shorts, ranked: rankForAdl(shorts, "short", p.markUsd, { profitableOnly: true }) };
}

const adlFirst: ChoiceExercise<AdlParams> = {
  id: "theory-adl-first",
  kind: "choice",
  chapter: "theory",
  title: "Who is deleveraged first?",
  objective: OBJECTIVES.deficit,
  multiple: false,
  params(rng) {
    // Redraw (a bounded number of times) until the top score beats the second by at least 0.02, so the
    // first in line is not a tie (two shorts with the same entry and leverage score exactly the same,
    // whatever their size) and the two-decimal scores of the solution tell them apart. A variant that
    // passes on the first draw is the same as before this rule.
    return drawUntil(
      (): AdlParams => {
        const markUsd = rng.decimal("20000", "100000", "100");
        const entry = () => new Decimal(markUsd).times(new Decimal(1).plus(rng.decimal("0.01", "0.15", "0.005"))).toDecimalPlaces(0).toFixed();
        return {
          markUsd,
          entryA: entry(),
          entryB: entry(),
          entryC: entry(),
          sizeA: rng.decimal("0.1", "3", "0.1"),
          sizeB: rng.decimal("0.1", "3", "0.1"),
          sizeC: rng.decimal("0.1", "3", "0.1"),
          leverageA: rng.int(1, 25),
          leverageB: rng.int(1, 25),
          leverageC: rng.int(1, 25),
        };
      },
      (candidate) => {
        const ranked = adlRanking(candidate).ranked;
        return new Decimal(ranked[0]!.score).minus(ranked[1]!.score).gte("0.02");
      },
      { markUsd: "59800", entryA: "64000", entryB: "66000", entryC: "62000", sizeA: "1", sizeB: "1", sizeC: "0.5", leverageA: 20, leverageB: 2, leverageC: 10 },
    );
  },
  prompt(p) {
    const shorts = adlShorts(p);
    return paragraphs(
      `The insurance fund is empty and a deficit remains. The mark price is ${usd(p.markUsd, 0)}, and three shorts are in profit:`,
      shorts.map((s) => `Short ${s.id}: ${plain(s.quantity)} BTC entered at ${usd(s.entryPrice, 0)} with ${usd(s.margin)} of margin.`).join("\n\n"),
      "The venue ranks winners as BitMEX does: profit as a percentage of margin, times effective leverage (notional at the mark ÷ equity). Which short is deleveraged first?",
    );
  },
  hints: () => [
    "For each short: profit = size × (entry − mark); equity = margin + profit; effective leverage = size × mark ÷ equity.",
    "Score = (profit ÷ margin) × effective leverage. The highest score goes first, not the largest profit in dollars.",
  ],
  choices: (p) => adlShorts(p).map((s) => ({ id: String(s.id), label: `Short ${s.id}` })),
  correct: (p) => [String(adlRanking(p).ranked[0]!.id)],
  solution(p) {
    const { shorts, ranked } = adlRanking(p);
    const lines = ranked.map((entry) => {
      const s = shorts[entry.index]!;
      const profit = unrealizedPnl(s, p.markUsd);
      return `Short ${s.id}: profit ${usd(profit)}, ${pctFixed(profit.div(s.margin), 1)} of margin; equity ${usd(s.margin.plus(profit))}; effective leverage ${num(new Decimal(entry.effectiveLeverage), 2)}; score ${num(new Decimal(entry.score), 2)}.`;
    });
    const largest = [...shorts].sort((a, b) => unrealizedPnl(b, p.markUsd).cmp(unrealizedPnl(a, p.markUsd)))[0]!;
    return paragraphs(
      ...lines,
      `**Short ${ranked[0]!.id}** has the highest score and is deleveraged first${largest.id !== ranked[0]!.id ? `, although short ${largest.id} has the largest profit in dollars` : ""}. The ranking sends the most profitable and most leveraged positions first and leaves everyone else untouched.`,
    );
  },
  canonical: (p) => String(adlRanking(p).ranked[0]!.id),
};

// ── 5. The simple cascade, round by round ───────────────────────────────────

type CascadeParams = { shock: string; feedback: string; rounds: number };

function cascadeFall(p: CascadeParams) {
  // s·(1 + g + … + gⁿ): the same geometric sum as the collateral multiplier.
  const factor = collateralMultiplier(p.feedback, p.rounds);
  const total = new Decimal(p.shock).times(factor);
  const limit = new Decimal(p.shock).div(new Decimal(1).minus(p.feedback));
  return { factor, total, limit };
}

const cascadeRounds: NumericExercise<CascadeParams> = {
  id: "theory-cascade-rounds",
  kind: "numeric",
  chapter: "theory",
  title: "A shock, amplified round by round",
  objective: OBJECTIVES.cascade,
  unit: "percent",
  params(rng) {
    const feedback = rng.decimal("0.1", "0.9", "0.01");
    // Keep the limit of the fall below 90%.
    const maxShock = Decimal.min(new Decimal("0.2"), new Decimal("0.9").times(new Decimal(1).minus(feedback))).div("0.005").floor().times("0.005");
    return { shock: rng.decimal("0.01", maxShock.toFixed(), "0.005"), feedback, rounds: rng.int(1, 8) };
  },
  prompt(p) {
    return paragraphs(
      `An outside seller knocks the price down ${pct(p.shock, 1)}. In the chapter's simple model, every 1% of fall triggers liquidations whose sales push the price down a further ${plain(p.feedback)}%: each round of forced selling adds ${plain(p.feedback)} times the previous round's fall.`,
      `What is the total fall after the shock and ${p.rounds} round${p.rounds === 1 ? "" : "s"} of forced selling? Give a percentage to two decimals (for example 19.38%).`,
    );
  },
  hints: (p) => [
    `The first round adds ${plain(p.feedback)} × ${pct(p.shock, 1)}; the second ${plain(p.feedback)} times that, and so on.`,
    "Add the shock and the rounds: s × (1 + g + g² + … + gⁿ). In a code cell, `collateralMultiplier(g, n)` computes the same sum.",
  ],
  solution(p) {
    const c = cascadeFall(p);
    return paragraphs(
      `The total is s × (1 + g + … + gⁿ) with s = ${pct(p.shock, 1)}, g = ${plain(p.feedback)} and n = ${p.rounds}. The sum in brackets is ${plain(c.factor, 6)}.`,
      `So the fall is ${pct(p.shock, 1)} × ${plain(c.factor, 6)} = **${pctFixed(c.total, 2)}**, an amplification of ${num(c.factor, 2)}.`,
      `If the rounds ran on forever the fall would approach s ÷ (1 − g) = ${pctFixed(c.limit, 2)}, an amplification of ${num(new Decimal(1).div(new Decimal(1).minus(p.feedback)), 2)}. In a real market g is not constant: it is large where liquidation prices are dense and the book is thin, which is why a small shock can tip into a large cascade.`,
    );
  },
  answer: (p) => cascadeFall(p).total.toFixed(),
  tolerance: () => ({ abs: "0.0001" }),
  canonical: (p) => round(cascadeFall(p).total, 4),
};

// ── 6. Setting: the capital that stops a failure spreading ──────────────────

/** "contain": no dealer but the first fails; "client": the client gets everything back (the dealers' capital absorbs the loss together). */
type RehypGoal = "contain" | "client";
type RehypParams = { hops: number; reuseRate: string; failedDealer: number; recoveryRate: string; goal: RehypGoal };
type RehypValues = Parameters<typeof rehypothecation.compute>[0];

const CAPITAL_GRID = Array.from({ length: 31 }, (_, k) => k * 1000);

function rehypValues(p: RehypParams, capital: number): RehypValues {
  return { hops: p.hops, reuseRate: Number(p.reuseRate), failedDealer: String(p.failedDealer), recoveryRate: Number(p.recoveryRate), dealerCapitalUsd: capital };
}

function goalMet(p: RehypParams, result: ReturnType<typeof rehypothecation.compute>): boolean {
  return p.goal === "contain" ? result.failedDealers.length === 1 : new Decimal(result.exact.clientLoss).isZero();
}

/** The smallest capital on the slider grid that meets the goal (null if none does). */
function smallestCapital(p: RehypParams): number | null {
  for (const capital of CAPITAL_GRID) if (goalMet(p, rehypothecation.compute(rehypValues(p, capital)))) return capital;
  return null;
}

const GOAL_TEXT: Record<RehypGoal, string> = {
  contain: "brings down no other dealer",
  client: "costs the client nothing (dealers that fail pass on only what their capital cannot absorb)",
};

/** The unsecured loss that lands on the failed dealer's pledger: what it re-pledged, less the estate's recovery. */
function lossOnPledger(p: RehypParams): Decimal {
  const chain = rehypothecationChain({ collateralUsd: "60000", hops: p.hops, reuseRate: p.reuseRate });
  return chain.pledges[p.failedDealer]!.amountUsd.times(new Decimal(1).minus(p.recoveryRate));
}

const rehypCapital: SettingExercise<RehypParams> = {
  id: "theory-rehypothecation-capital",
  kind: "setting",
  chapter: "theory",
  title: "How much capital stops the chain from unravelling?",
  objective: OBJECTIVES.rehypothecation,
  widget: "rehypothecation",
  params(rng) {
    return drawUntil(
      (): RehypParams => {
        const hops = rng.int(2, 8);
        return {
          hops,
          reuseRate: rng.decimal("0.2", "0.95", "0.05"),
          failedDealer: rng.int(2, hops),
          recoveryRate: rng.decimal("0", "0.9", "0.05"),
          goal: rng.pick(["contain", "client"] as const),
        };
      },
      // The loss must need some capital, and the answer must lie on the slider (at most USD 30,000 each).
      (candidate) => {
        const loss = lossOnPledger(candidate);
        const dealersAbove = candidate.goal === "contain" ? 1 : candidate.failedDealer - 1;
        return loss.gt(1000) && loss.div(dealersAbove).lte(30000);
      },
      { hops: 4, reuseRate: "0.6", failedDealer: 2, recoveryRate: "0", goal: "contain" },
    );
  },
  prompt(p) {
    return paragraphs(
      `In the rehypothecation chain, one bitcoin worth USD 60,000.00 is pledged by the client and re-pledged ${p.hops} times, each dealer passing on ${pct(p.reuseRate)} of what it received. Dealer ${p.failedDealer} fails, and its estate pays ${pct(p.recoveryRate)} of what it owes beyond the collateral it still holds (set that under "More settings").`,
      `Find the **smallest** capital, the same for every dealer, at which dealer ${p.failedDealer}'s failure ${GOAL_TEXT[p.goal]}. Submit the widget's state.`,
    );
  },
  hints: (p) => [
    "Set the chain length, the reuse share, the failed dealer and the recovery first; they are fixed by your variant.",
    `Dealer ${p.failedDealer - 1} pledged collateral to dealer ${p.failedDealer} and gets back only what dealer ${p.failedDealer} had not re-pledged. What it re-pledged is dealer ${p.failedDealer - 1}'s unsecured loss, less the estate's recovery.`,
    p.goal === "contain"
      ? "A dealer survives if its capital covers that loss. Raise the capital 1,000 at a time until only one dealer is marked as failed."
      : "Each dealer between the failed one and the client absorbs up to its capital before failing and passing on the rest. Raise the capital 1,000 at a time until the client's loss is zero.",
  ],
  check(p, state) {
    const values = state as unknown as RehypValues;
    if (values.hops !== p.hops) return { ok: false, message: `This chain has ${p.hops} re-pledges after the client's; the widget has ${values.hops}.` };
    if (!new Decimal(values.reuseRate).eq(p.reuseRate)) return { ok: false, message: `Each dealer re-pledges ${pct(p.reuseRate)} here; the widget is set to ${pct(values.reuseRate)}.` };
    if (values.failedDealer !== String(p.failedDealer)) return { ok: false, message: `Dealer ${p.failedDealer} is the one that fails in this exercise; the widget fails ${values.failedDealer === "none" ? "no one" : `dealer ${values.failedDealer}`}.` };
    if (!new Decimal(values.recoveryRate).eq(p.recoveryRate)) return { ok: false, message: `The failed dealer's estate pays ${pct(p.recoveryRate)} of unsecured claims here; the widget has ${pct(values.recoveryRate)}.` };
    let result;
    try {
      result = rehypothecation.compute(values);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : "The widget cannot run with these settings." };
    }
    if (!goalMet(p, result)) {
      const others = result.failedDealers.filter((name) => name !== `dealer ${p.failedDealer}`);
      const what = p.goal === "contain" ? `${others.join(" and ")} fail${others.length === 1 ? "s" : ""} too` : `the client still loses ${usd(result.exact.clientLoss)}`;
      return { ok: false, message: `With USD ${num(values.dealerCapitalUsd, 0)} of capital each, ${what}. More capital is needed.` };
    }
    if (values.dealerCapitalUsd >= 1000) {
      const less = rehypothecation.compute({ ...values, dealerCapitalUsd: values.dealerCapitalUsd - 1000 });
      if (goalMet(p, less)) return { ok: false, message: `USD ${num(values.dealerCapitalUsd - 1000, 0)} each is already enough. Find the smallest amount.` };
    }
    return { ok: true };
  },
  solution(p) {
    const chain = rehypothecationChain({ collateralUsd: "60000", hops: p.hops, reuseRate: p.reuseRate });
    const received = chain.pledges[p.failedDealer - 1]!.amountUsd;
    const rePledged = chain.pledges[p.failedDealer]!.amountUsd;
    const loss = lossOnPledger(p);
    const capital = smallestCapital(p)!;
    const pledger = p.failedDealer - 1 === 0 ? "the client" : `dealer ${p.failedDealer - 1}`;
    return paragraphs(
      `Dealer ${p.failedDealer} received ${usd(received)} from ${pledger} and re-pledged ${usd(rePledged)} to dealer ${p.failedDealer + 1}, who keeps it as a secured lender. The estate returns the ${usd(received.minus(rePledged))} it still holds.`,
      `${pledger[0]!.toUpperCase()}${pledger.slice(1)} is left with an unsecured claim of ${usd(rePledged)}, of which the estate pays ${pct(p.recoveryRate)}: a loss of ${usd(rePledged)} × ${pct(new Decimal(1).minus(p.recoveryRate))} = ${usd(loss)}.`,
      p.goal === "contain"
        ? `Capital on the widget's grid of USD 1,000 steps must cover that whole loss, so the smallest is **USD ${num(capital, 0)}**. With less, ${pledger} fails and passes the rest of the loss up the chain towards the client.`
        : `The loss travels up through ${p.failedDealer - 1} dealer${p.failedDealer - 1 === 1 ? "" : "s"} before it reaches the client, and each absorbs up to its capital. Together they must cover ${usd(loss)}, so each needs at least ${usd(loss)} ÷ ${p.failedDealer - 1} = ${usd(loss.div(p.failedDealer - 1))}; on the grid of USD 1,000 steps the smallest is **USD ${num(capital, 0)}**. Dealers may still fail on the way; the client is whole.`,
      `Meanwhile the one coin supports ${usd(chain.totalClaimsUsd)} of claims, a multiplier of ${plain(chain.multiplier, 6)}, against the limit 1 ÷ (1 − ${plain(p.reuseRate)}) = ${plain(new Decimal(1).div(new Decimal(1).minus(p.reuseRate)), 4)}.`,
    );
  },
  canonical: (p) =>
    `hops=${p.hops},reuseRate=${p.reuseRate},failedDealer=${p.failedDealer},recoveryRate=${p.recoveryRate},dealerCapitalUsd=${smallestCapital(p)}`,
};

export const exercises: Exercise[] = [
  liquidationCode as unknown as Exercise,
  shortcutError as unknown as Exercise,
  socializedLoss as unknown as Exercise,
  adlFirst as unknown as Exercise,
  cascadeRounds as unknown as Exercise,
  withSafeCheck(rehypCapital) as unknown as Exercise,
];
