/**
 * Exercises for Chapter 5, "Evolution: from trusting the venue to checking it".
 *
 * Answers come from the simulation library: `healthFactor`, `liquidationCall`
 * and `dutchAuctionPrice` (lending) for Aave's health factor, close factor and
 * seized collateral and the Dutch auction's staircase, `dummyUserAttack` for the proof-of-liabilities
 * attack, and `liquidationPrice` for a hedge split across two venues. Money
 * is written "USD 1,250.00" throughout; USDC is counted as US dollars.
 */
import { Decimal, dummyUserAttack, dutchAuctionPrice, healthFactor, liquidationCall, liquidationPrice, position, unrealizedPnl } from "../../src/sim/index";
import type { ChoiceExercise, CodeExercise, Exercise, NumericExercise } from "../../src/lib/exercises/types";
import { num, paragraphs, pct, pctFixed, plain, round, usd } from "./format";

const OBJECTIVES = {
  aave: "Compute an Aave health factor, the price at which a loan becomes liquidatable, and the collateral a liquidator receives.",
  auctions: "Explain why MakerDAO's English collateral auctions cleared at zero bids on 12 March 2020 and how Dutch auctions bound the loss when bidders are absent.",
  cexdex: "Compare how a custodial exchange and an on-chain venue liquidate the same positions, and who ends up with the losses and the surplus.",
  proofs: "Assess what proofs of reserves published since 2022 establish, including why the dummy-user attack defeats a proof that nets each user's assets.",
  law: "Describe what the CFTC's segregation rule and MiCA's safekeeping articles require of a custodian, and what they still leave to reports and audits.",
  selfCustody: "Weigh the capital efficiency of one custodial venue against the verifiability of self-custody.",
} as const;

// ── 1. Code: the health factor ──────────────────────────────────────────────

type HfCodeParams = { ethQuantity: string; ethPriceUsd: string; ethThreshold: string; btcQuantity: string; btcPriceUsd: string; btcThreshold: string; debtUsd: string };

const HF_SIGNATURE = "export function healthFactor(collateral: { quantity: number; priceUsd: number; threshold: number }[], debtUsd: number): number";

function hfCodeValue(p: HfCodeParams): Decimal {
  return healthFactor(
    [
      { quantity: p.ethQuantity, priceUsd: p.ethPriceUsd, threshold: p.ethThreshold },
      { quantity: p.btcQuantity, priceUsd: p.btcPriceUsd, threshold: p.btcThreshold },
    ],
    p.debtUsd,
  );
}

const healthFactorCode: CodeExercise<HfCodeParams> = {
  id: "evolution-health-factor-code",
  kind: "code",
  chapter: "evolution",
  title: "Write Aave's health factor",
  objective: OBJECTIVES.aave,
  params(rng) {
    const drawn = {
      ethQuantity: rng.decimal("1", "50", "0.5"),
      ethPriceUsd: rng.decimal("1000", "5000", "10"),
      ethThreshold: rng.decimal("0.75", "0.86", "0.005"),
      btcQuantity: rng.decimal("0.1", "3", "0.1"),
      btcPriceUsd: rng.decimal("20000", "100000", "100"),
      btcThreshold: rng.decimal("0.7", "0.8", "0.005"),
      debtUsd: "1",
    };
    // A debt (in whole USD 100) that puts the health factor near 1: between 0.85 and 1.3.
    const weighted = hfCodeValue(drawn);
    const debtUsd = weighted.div(rng.decimal("0.85", "1.3", "0.005")).div(100).ceil().times(100);
    return { ...drawn, debtUsd: debtUsd.toFixed() };
  },
  prompt(p) {
    return paragraphs(
      "Complete `healthFactor`: weigh each collateral's value at the oracle price by its liquidation threshold, add them up, and divide by the debt. A loan with a health factor below 1 can be liquidated.",
      `The checks use the chapter's example (10 ETH at USD 1,800.00, threshold 82.5%, debt USD 15,000.00: 0.99) and your loan: ${plain(p.ethQuantity)} ETH at ${usd(p.ethPriceUsd, 0)} (threshold ${pct(p.ethThreshold, 1)}) and ${plain(p.btcQuantity)} BTC at ${usd(p.btcPriceUsd, 0)} (threshold ${pct(p.btcThreshold, 1)}) against ${usd(p.debtUsd, 0)} of USDC debt. Answers must agree to 6 decimals.`,
    );
  },
  hints: () => [
    "Each collateral contributes quantity × priceUsd × threshold.",
    "Sum the contributions, then divide by debtUsd.",
  ],
  starter: () =>
    [
      "/**",
      " * Aave's health factor: Σ quantity × priceUsd × threshold, divided by the debt.",
      " * threshold is a fraction (0.825 = 82.5%). Below 1, the loan can be liquidated.",
      " */",
      `${HF_SIGNATURE} {`,
      "  // your code here",
      "  return 0;",
      "}",
      "",
    ].join("\n"),
  reference: () =>
    [
      `${HF_SIGNATURE} {`,
      "  let weighted = 0;",
      "  for (const c of collateral) weighted += c.quantity * c.priceUsd * c.threshold;",
      "  return weighted / debtUsd;",
      "}",
      "",
    ].join("\n"),
  checks(p) {
    const cases = [
      { name: "the chapter's example", collateral: [{ quantity: 10, priceUsd: 1800, threshold: 0.825 }], debt: 15000 },
      {
        name: "your loan",
        collateral: [
          { quantity: Number(p.ethQuantity), priceUsd: Number(p.ethPriceUsd), threshold: Number(p.ethThreshold) },
          { quantity: Number(p.btcQuantity), priceUsd: Number(p.btcPriceUsd), threshold: Number(p.btcThreshold) },
        ],
        debt: Number(p.debtUsd),
      },
      { name: "your loan without its bitcoin", collateral: [{ quantity: Number(p.ethQuantity), priceUsd: Number(p.ethPriceUsd), threshold: Number(p.ethThreshold) }], debt: Number(p.debtUsd) },
    ];
    return [
      'import { healthFactor } from "./solution";',
      'import { Decimal } from "cef";',
      `const cases = ${JSON.stringify(cases)};`,
      "return cases.map((c) => {",
      "  const expected = c.collateral.reduce((t, x) => t.plus(new Decimal(x.quantity).times(x.priceUsd).times(x.threshold)), new Decimal(0)).div(c.debt).toNumber();",
      "  let got;",
      "  try {",
      "    got = healthFactor(c.collateral, c.debt);",
      "  } catch (error) {",
      "    return { name: c.name, pass: false, detail: `your function threw: ${error instanceof Error ? error.message : String(error)}` };",
      "  }",
      "  const pass = typeof got === \"number\" && Math.abs(got - expected) < 1e-6;",
      "  return { name: c.name, pass, detail: pass ? `${expected.toFixed(6)}, as expected` : `expected ${expected.toFixed(6)}, got ${String(got)}` };",
      "});",
    ].join("\n");
  },
  solution(p) {
    const eth = new Decimal(p.ethQuantity).times(p.ethPriceUsd).times(p.ethThreshold);
    const btc = new Decimal(p.btcQuantity).times(p.btcPriceUsd).times(p.btcThreshold);
    const hf = hfCodeValue(p);
    return paragraphs(
      "Sum quantity × price × threshold over the collateral and divide by the debt: `let w = 0; for (const c of collateral) w += c.quantity * c.priceUsd * c.threshold; return w / debtUsd;`",
      `Your loan: ETH counts ${plain(p.ethQuantity)} × ${usd(p.ethPriceUsd, 0)} × ${pct(p.ethThreshold, 1)} = ${usd(eth)}, BTC ${plain(p.btcQuantity)} × ${usd(p.btcPriceUsd, 0)} × ${pct(p.btcThreshold, 1)} = ${usd(btc)}. The health factor is ${usd(eth.plus(btc))} ÷ ${usd(p.debtUsd, 0)} = **${num(hf, 6)}**: ${hf.lt(1) ? "below 1, so anyone may liquidate part of it now" : "at least 1, so it cannot be liquidated at these prices"}.`,
    );
  },
  canonical: (p) => round(hfCodeValue(p), 6),
};

// ── 2. What a liquidator receives ───────────────────────────────────────────

type SeizeParams = { ethQuantity: string; ethPriceUsd: string; threshold: string; debtUsd: string; bonus: string };

function seizure(p: SeizeParams) {
  const call = liquidationCall({ quantity: p.ethQuantity, priceUsd: p.ethPriceUsd, threshold: p.threshold, debtUsd: p.debtUsd, bonus: p.bonus });
  return { hf: call.healthFactor, closeFactor: call.closeFactor, repaidUsd: call.repaidUsd, seizedEth: call.seizedQuantity, triggerUsd: call.triggerPriceUsd, gainUsd: call.gainUsd };
}

const aaveSeized: NumericExercise<SeizeParams> = {
  id: "evolution-aave-seized",
  kind: "numeric",
  chapter: "evolution",
  title: "What the liquidator takes",
  objective: OBJECTIVES.aave,
  unit: "plain",
  params(rng) {
    const ethQuantity = rng.decimal("5", "100", "0.5");
    const ethPriceUsd = rng.decimal("1000", "4000", "1");
    const threshold = rng.decimal("0.7", "0.86", "0.005");
    // Pick a health factor below 1, then the debt that gives it, in whole USD.
    const target = rng.decimal("0.85", "0.995", "0.005");
    const debtUsd = new Decimal(ethQuantity).times(ethPriceUsd).times(threshold).div(target).ceil();
    return { ethQuantity, ethPriceUsd, threshold, debtUsd: debtUsd.toFixed(), bonus: rng.decimal("0.04", "0.1", "0.005") };
  },
  prompt(p) {
    return paragraphs(
      `A borrower on an Aave-style protocol has deposited ${plain(p.ethQuantity)} ETH and owes ${usd(p.debtUsd, 0)} of USDC. The oracle prices ETH at ${usd(p.ethPriceUsd, 0)}; ETH's liquidation threshold is ${pct(p.threshold, 1)} and its liquidation bonus ${pct(p.bonus, 1)}.`,
      "As in Aave v3, a liquidator may repay at most half the debt while the health factor is above 0.95, and all of it at or below 0.95. A liquidator repays the largest amount allowed. How much ETH does it receive? Give ETH to four decimals.",
    );
  },
  hints: () => [
    "Health factor = quantity × price × threshold ÷ debt. Is it above or below 0.95?",
    "That decides the close factor: 50% or 100% of the debt.",
    "The liquidator receives collateral worth the repaid debt plus the bonus, at the oracle price: repaid × (1 + bonus) ÷ price — but never more collateral than the loan holds.",
  ],
  solution(p) {
    const s = seizure(p);
    return paragraphs(
      `Health factor: ${plain(p.ethQuantity)} × ${usd(p.ethPriceUsd, 0)} × ${pct(p.threshold, 1)} ÷ ${usd(p.debtUsd, 0)} = ${num(s.hf, 4)}. The loan became liquidatable when ETH fell below ${usd(s.triggerUsd)}.`,
      `${s.hf.gt("0.95") ? `That is above 0.95, so the close factor is 50%: at most ${usd(new Decimal(p.debtUsd).times(s.closeFactor))} may be repaid.` : `That is at or below 0.95, so the close factor is 100%: the whole ${usd(p.debtUsd)} may be repaid.`}`,
      s.seizedEth.eq(p.ethQuantity)
        ? `Repaying ${usd(new Decimal(p.debtUsd).times(s.closeFactor))} would call for ${num(new Decimal(p.debtUsd).times(s.closeFactor).times(new Decimal(1).plus(p.bonus)).div(p.ethPriceUsd), 4)} ETH, more than the loan holds. So the liquidator takes all **${num(s.seizedEth, 4)} ETH** and repays only what it is worth less the bonus, ${usd(s.repaidUsd)}: a gross gain of ${usd(s.gainUsd)}, and the rest of the debt is bad debt for the pool.`
        : `The liquidator receives ${usd(s.repaidUsd)} × ${plain(new Decimal(1).plus(p.bonus))} ÷ ${usd(p.ethPriceUsd, 0)} = **${num(s.seizedEth, 4)} ETH**, worth ${usd(s.seizedEth.times(p.ethPriceUsd))}: a gross gain of ${usd(s.gainUsd)} before gas, paid by the borrower as a penalty.`,
      "Every input was public before the liquidation: anyone could compute which loan would become liquidatable next, at what price, and what it would pay.",
    );
  },
  answer: (p) => seizure(p).seizedEth.toFixed(),
  tolerance: () => ({ abs: "0.0001" }),
  canonical: (p) => round(seizure(p).seizedEth, 4),
};

// ── 3. The Dutch auction's staircase ────────────────────────────────────────

type DutchParams = { oracleUsd: string; buffer: string; cut: string; stepSeconds: number; absentMinutes: string };

function dutch(p: DutchParams) {
  const top = new Decimal(p.oracleUsd).times(p.buffer);
  const elapsedSeconds = new Decimal(p.absentMinutes).times(60);
  const steps = elapsedSeconds.div(p.stepSeconds).floor().toNumber();
  const price = dutchAuctionPrice({ oracleUsd: p.oracleUsd, buffer: p.buffer, cut: p.cut, stepSeconds: p.stepSeconds, elapsedSeconds });
  return { top, steps, price, versusOracle: price.div(p.oracleUsd).minus(1) };
}

const dutchAuction: NumericExercise<DutchParams> = {
  id: "evolution-dutch-auction",
  kind: "numeric",
  chapter: "evolution",
  title: "What a late keeper pays in a Dutch auction",
  objective: OBJECTIVES.auctions,
  unit: "usd",
  params(rng) {
    return {
      oracleUsd: rng.decimal("500", "4000", "10"),
      buffer: rng.decimal("1.1", "1.5", "0.05"),
      cut: rng.decimal("0.005", "0.03", "0.0025"),
      stepSeconds: rng.pick([30, 60, 90, 120, 180]),
      absentMinutes: rng.decimal("2", "90", "0.5"),
    };
  },
  prompt(p) {
    return paragraphs(
      `A collateral auction uses Maker's staircase schedule: it starts at the oracle price, ${usd(p.oracleUsd, 0)} per ETH, times a buffer of ${plain(p.buffer)}, and cuts the price by ${pct(p.cut, 2)} every ${p.stepSeconds} seconds.`,
      `The network is congested and no keeper gets a transaction in until ${plain(p.absentMinutes)} minutes after the start. At what price per ETH does the first keeper buy? Ignore resets, and give USD to the cent.`,
    );
  },
  hints: (p) => [
    `How many whole ${p.stepSeconds}-second steps have passed after ${plain(p.absentMinutes)} minutes?`,
    "Price = start price × (1 − cut) ^ steps.",
  ],
  solution(p) {
    const d = dutch(p);
    return paragraphs(
      `Start price: ${usd(p.oracleUsd, 0)} × ${plain(p.buffer)} = ${usd(d.top)}. After ${plain(p.absentMinutes)} minutes, ⌊${plain(new Decimal(p.absentMinutes).times(60))} ÷ ${p.stepSeconds}⌋ = ${d.steps} cuts have happened.`,
      `Price: ${usd(d.top)} × (1 − ${plain(p.cut)})^${d.steps} = **${usd(d.price)}**, ${d.versusOracle.isNegative() ? `${pctFixed(d.versusOracle.neg(), 1)} below` : `${pctFixed(d.versusOracle, 1)} above`} the oracle price.`,
      d.versusOracle.isNegative()
        ? `The protocol loses only the distance the price fell while bidders were absent, not the whole lot as in an English auction that a lone bidder can win at zero.${
            d.price.lt(d.top.times("0.6"))
              ? ` Here, though, the price is down to ${pctFixed(d.price.div(d.top), 1)} of its start only because resets were ignored: with the chapter's reset at 60% of the starting price, anyone could have restarted the auction from a fresh oracle price before it got this low, which is what keeps a long outage from selling the lot for next to nothing.`
              : ""
          }`
        : "The price is still above the market, so no rational keeper would have bought earlier either: an outage this short costs the protocol nothing.",
    );
  },
  answer: (p) => dutch(p).price.toFixed(),
  tolerance: () => ({ abs: "0.01" }),
  canonical: (p) => round(dutch(p).price, 2),
};

// ── 4. The dummy-user attack ────────────────────────────────────────────────

type DummyParams = { aliceBtc: string; btcPriceUsd: string; dummyBtc: string; tinyUnits: string; tinyPriceUsd: string; haircut: string; order: string };

const DUMMY_STATEMENTS = ["alice-passes", "btc-shrinks", "per-asset", "total-lower", "haircut"] as const;
type DummyStatement = (typeof DUMMY_STATEMENTS)[number];

function dummyFacts(p: DummyParams) {
  const attack = dummyUserAttack({
    customers: [{ id: "alice", balances: { BTC: p.aliceBtc } }],
    prices: { BTC: p.btcPriceUsd, TINY: p.tinyPriceUsd },
    dummy: { id: "dummy", balances: { BTC: new Decimal(p.dummyBtc).neg().toFixed(), TINY: p.tinyUnits } },
  });
  const aliceValue = new Decimal(p.aliceBtc).times(p.btcPriceUsd);
  const tinyValue = new Decimal(p.tinyUnits).times(p.tinyPriceUsd);
  const debtValue = new Decimal(p.dummyBtc).times(p.btcPriceUsd);
  const haircutNet = tinyValue.times(new Decimal(1).minus(p.haircut)).minus(debtValue);
  const alice = attack.netValueTree.prove("alice");
  const truth: Record<DummyStatement, boolean> = {
    "alice-passes": new Decimal(alice.balance).eq(aliceValue),
    "btc-shrinks": attack.btcUnderstatedBy.gt(0),
    "per-asset": attack.perAssetTreeRefused,
    "total-lower": attack.netValueTree.total.lt(aliceValue),
    haircut: haircutNet.isNegative(),
  };
  return { attack, aliceValue, tinyValue, debtValue, haircutNet, truth };
}

function dummyLabel(p: DummyParams, id: DummyStatement): string {
  return {
    "alice-passes": "Alice's inclusion check passes: her leaf shows her full balance and the sums add up to the published total.",
    "btc-shrinks": `The bitcoin the exchange admits owing falls by ${plain(p.dummyBtc)} BTC, so it can hold that much less bitcoin while every check passes.`,
    "per-asset": "A separate tree for bitcoin alone would refuse the dummy, because its bitcoin leaf is negative.",
    "total-lower": "The net-value tree's published total is lower than what Alice alone is owed.",
    haircut: `Counting TINY at only ${pct(new Decimal(1).minus(p.haircut))} of its price (a ${pct(p.haircut)} haircut), the dummy's leaf would be negative and refused.`,
  }[id];
}

const dummyUser: ChoiceExercise<DummyParams> = {
  id: "evolution-dummy-user",
  kind: "choice",
  chapter: "evolution",
  title: "The dummy-user attack",
  objective: OBJECTIVES.proofs,
  multiple: true,
  params(rng) {
    const aliceBtc = rng.decimal("2", "50", "1");
    const btcPriceUsd = rng.decimal("20000", "100000", "500");
    const dummyBtc = new Decimal(aliceBtc).times(rng.decimal("0.1", "0.8", "0.05")).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed();
    // TINY's dollar value covers the debt by a factor of 1.05 to 3, so the dummy's net value is positive.
    const tinyPriceUsd = rng.decimal("0.01", "2", "0.01");
    const cover = rng.decimal("1.05", "3", "0.05");
    const tinyUnits = new Decimal(dummyBtc).times(btcPriceUsd).times(cover).div(tinyPriceUsd).ceil().toFixed();
    return { aliceBtc, btcPriceUsd, dummyBtc, tinyUnits, tinyPriceUsd, haircut: rng.decimal("0.2", "0.9", "0.05"), order: rng.shuffle([...DUMMY_STATEMENTS]).join(",") };
  },
  prompt(p) {
    return paragraphs(
      `An exchange proves its liabilities with one Merkle sum tree whose leaves are each user's **net** account value in dollars; every leaf must be non-negative. Alice, a real customer, holds ${plain(p.aliceBtc)} BTC (bitcoin at ${usd(p.btcPriceUsd, 0)}).`,
      `The exchange adds a user "dummy" who owes ${plain(p.dummyBtc)} BTC and holds ${plain(p.tinyUnits)} TINY, a thinly traded token quoted at ${usd(p.tinyPriceUsd)}.`,
      "Which statements are true? Select all that apply.",
    );
  },
  hints: () => [
    "Compute the dummy's net value: TINY at its quote minus the bitcoin it owes. Is the leaf allowed?",
    "What does the tree say about bitcoin specifically, once debts in one asset are netted against holdings in another?",
  ],
  choices: (p) => p.order.split(",").map((id) => ({ id, label: dummyLabel(p, id as DummyStatement) })),
  correct: (p) => DUMMY_STATEMENTS.filter((id) => dummyFacts(p).truth[id]),
  solution(p) {
    const f = dummyFacts(p);
    const yes = (id: DummyStatement) => (f.truth[id] ? "**True.**" : "**False.**");
    return paragraphs(
      `The dummy's net value is ${plain(p.tinyUnits)} × ${usd(p.tinyPriceUsd)} − ${plain(p.dummyBtc)} × ${usd(p.btcPriceUsd, 0)} = ${usd(f.tinyValue)} − ${usd(f.debtValue)} = ${usd(f.tinyValue.minus(f.debtValue))}: non-negative, so the tree accepts it. The published total is ${usd(f.attack.netValueTree.total)}.`,
      `${yes("alice-passes")} Alice's leaf holds her ${usd(f.aliceValue)} and her path adds up.`,
      `${yes("btc-shrinks")} The bitcoin owed falls from ${plain(p.aliceBtc)} to ${plain(new Decimal(p.aliceBtc).minus(p.dummyBtc))} BTC; the gap is backed by a token that may be impossible to sell.`,
      `${yes("per-asset")} In a bitcoin-only tree the dummy's leaf is −${plain(p.dummyBtc)} BTC, which no proof of liabilities may contain.`,
      `${yes("total-lower")} The total, ${usd(f.attack.netValueTree.total)}, is ${f.truth["total-lower"] ? "below" : "above"} Alice's ${usd(f.aliceValue)}: the dummy adds net value; what it hides is the bitcoin debt.`,
      `${yes("haircut")} With the haircut the dummy's TINY counts ${usd(f.tinyValue.times(new Decimal(1).minus(p.haircut)))} against ${usd(f.debtValue)} of debt: a net of ${usd(f.haircutNet)}. Binance's fix works this way, with haircuts by tier so little-traded assets count for little.`,
    );
  },
  canonical: (p) => DUMMY_STATEMENTS.filter((id) => dummyFacts(p).truth[id]).sort().join(","),
};

// ── 5. A hedge split across two venues ──────────────────────────────────────

type HedgeParams = { entryUsd: string; quantity: string; leverage: number; mmr: string };

function hedge(p: HedgeParams) {
  const margin = new Decimal(p.entryUsd).times(p.quantity).div(p.leverage);
  const shortLiquidation = liquidationPrice({ side: "short", entryPrice: p.entryUsd, quantity: p.quantity, margin, maintenanceMarginRate: p.mmr });
  const long = position({ side: "long", quantity: p.quantity, entryPrice: p.entryUsd, margin, maintenanceMarginRate: p.mmr });
  const strandedProfit = unrealizedPnl(long, shortLiquidation);
  return { margin, shortLiquidation, strandedProfit, rise: shortLiquidation.div(p.entryUsd).minus(1) };
}

const twoVenueHedge: NumericExercise<HedgeParams> = {
  id: "evolution-two-venue-hedge",
  kind: "numeric",
  chapter: "evolution",
  title: "The price of splitting a hedge",
  objective: OBJECTIVES.selfCustody,
  unit: "usd",
  params(rng) {
    return { entryUsd: rng.decimal("20000", "120000", "10"), quantity: rng.decimal("0.5", "20", "0.5"), leverage: rng.int(3, 50), mmr: rng.decimal("0.004", "0.01", "0.001") };
  },
  prompt(p) {
    return paragraphs(
      `A trader hedges across two self-custodied venues: long ${plain(p.quantity)} BTC of perpetuals on one and short ${plain(p.quantity)} BTC on the other, both at ${usd(p.entryUsd, 0)} with ${p.leverage}× isolated margin. Both venues use a maintenance rate of ${pct(p.mmr, 1)}.`,
      "Bitcoin rises until the short is liquidated. At that moment, how much unrealized profit does the long show on the other venue, profit the trader could not use to save the short? Give USD to the cent.",
    );
  },
  hints: () => [
    "First find the short's liquidation price: (entry × q + margin) ÷ (q × (1 + mmr)).",
    "The long's profit at that price is q × (price − entry).",
  ],
  solution(p) {
    const h = hedge(p);
    return paragraphs(
      `Each leg posts ${usd(p.entryUsd, 0)} × ${plain(p.quantity)} ÷ ${p.leverage} = ${usd(h.margin)}.`,
      `The short is liquidated at (${usd(p.entryUsd, 0)} × ${plain(p.quantity)} + ${usd(h.margin)}) ÷ (${plain(p.quantity)} × ${plain(new Decimal(1).plus(p.mmr))}) = ${usd(h.shortLiquidation)}, a rise of ${pctFixed(h.rise)}.`,
      `The long then shows ${plain(p.quantity)} × (${usd(h.shortLiquidation)} − ${usd(p.entryUsd, 0)}) = **${usd(h.strandedProfit)}** of profit on the other venue.`,
      "Inside one exchange's cross-margin account the two legs would offset and nothing would happen. Across two venues that profit must be withdrawn, moved and deposited in time, with a fee and a delay at every step: that is the capital efficiency a single custodial venue offers, and the price of verifiability.",
    );
  },
  answer: (p) => hedge(p).strandedProfit.toFixed(),
  tolerance: () => ({ abs: "0.1" }),
  canonical: (p) => round(hedge(p).strandedProfit, 2),
};

// ── 6. What segregation law requires ────────────────────────────────────────

type Regime = "cftc" | "mica";
const SEGREGATION: Record<Regime, { name: string; statements: { id: string; text: string; required: boolean }[] }> = {
  cftc: {
    name: "the CFTC's rule 1.20 for futures brokers",
    statements: [
      { id: "titled", text: "Customer funds must be accounted for separately and deposited in accounts titled as segregated customer money.", required: true },
      { id: "pledge", text: "Customer funds may be pledged only to margin, secure or settle those customers' own trades.", required: true },
      { id: "offset", text: "The bank or clearing house holding them must acknowledge that it cannot offset them against the broker's own debts.", required: true },
      { id: "first", text: "In the broker's bankruptcy, segregated customer funds are paid first, with any shortfall shared with unsecured creditors.", required: true },
      { id: "every-block", text: "A contract checks on every block that no customer dollar has moved, so no report or audit is needed.", required: false },
      { id: "impossible", text: "Commingling becomes technically impossible, not only illegal.", required: false },
    ],
  },
  mica: {
    name: "MiCA's Articles 70 and 75 for crypto-asset service providers",
    statements: [
      { id: "ownership", text: "A provider holding clients' crypto-assets must safeguard their ownership rights, especially in its insolvency.", required: true },
      { id: "own-account", text: "It must prevent the use of clients' crypto-assets for its own account.", required: true },
      { id: "cash", text: "Clients' cash must be placed with a bank or central bank by the end of the next business day, in an account separate from the provider's own.", required: true },
      { id: "register", text: "A custodian must keep a register of each client's positions and keep clients' crypto-assets legally segregated from its own estate.", required: true },
      { id: "every-block", text: "A contract checks on every block that no client's asset has moved, so no report or audit is needed.", required: false },
      { id: "impossible", text: "Commingling becomes technically impossible, not only illegal.", required: false },
    ],
  },
};

type SegregationParams = { regime: Regime; shown: string };

function segregationShown(p: SegregationParams) {
  return p.shown.split(",").map((id) => SEGREGATION[p.regime].statements.find((s) => s.id === id)!);
}

const segregationLaw: ChoiceExercise<SegregationParams> = {
  id: "evolution-segregation-law",
  kind: "choice",
  chapter: "evolution",
  title: "What segregation law requires, and what it leaves to audits",
  objective: OBJECTIVES.law,
  multiple: true,
  params(rng) {
    const regime = rng.pick(["cftc", "mica"] as const);
    return { regime, shown: rng.shuffle(SEGREGATION[regime].statements.map((s) => s.id)).slice(0, 5).join(",") };
  },
  prompt: (p) => paragraphs(`Which of these does ${SEGREGATION[p.regime].name} require or provide? Select all that apply.`),
  hints: () => [
    "Segregation rules say where customer assets must be held, what they may be used for, and who is paid first if the firm fails.",
    "A law is enforced after the fact, through reconciliations, audits and supervisors; a smart contract enforces its rule on every block.",
  ],
  choices: (p) => segregationShown(p).map((s) => ({ id: s.id, label: s.text })),
  correct: (p) => segregationShown(p).filter((s) => s.required).map((s) => s.id),
  solution(p) {
    return paragraphs(
      ...segregationShown(p).map((s) => `${s.required ? "**Required.**" : "**Not so.**"} ${s.text}`),
      "These rules forbid what FTX did and give customers first claim on segregated assets if the firm fails. They do not make commingling impossible: whether a breach is found depends on the firm's reconciliations, the auditors who test them and the supervisors who read the reports.",
    );
  },
  canonical: (p) =>
    segregationShown(p)
      .filter((s) => s.required)
      .map((s) => s.id)
      .sort()
      .join(","),
};

export const exercises: Exercise[] = [
  healthFactorCode as unknown as Exercise,
  aaveSeized as unknown as Exercise,
  dutchAuction as unknown as Exercise,
  dummyUser as unknown as Exercise,
  twoVenueHedge as unknown as Exercise,
  segregationLaw as unknown as Exercise,
];
