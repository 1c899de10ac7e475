/**
 * Exercises for Chapter 4, "Approach: how exchanges manage risk today".
 *
 * Answers come from the simulation library: `crossLiquidationPrice` and
 * `liquidationPrice` for a two-position account, `settleLiquidation` and
 * `bankruptcyValueUsd` for a stress test against the insurance fund,
 * `proofOfReserves` and `borrowedReserves` for what a proof of reserves
 * shows, `buildLiabilityTree` and `hideNegativeBalance` for the Merkle sum
 * path, and the library's exact Decimal for the Student-t tail. Money is
 * written "USD 1,250.00" throughout.
 */
import {
  Decimal,
  bankruptcyValueUsd,
  borrowedReserves,
  crossLiquidationPrice,
  liquidationPrice,
  maintenanceMarginUsd,
  position,
  proofOfReserves,
  settleLiquidation,
  sum,
} from "../../src/sim/index";
import type { ChoiceExercise, CodeExercise, Exercise, NumericExercise } from "../../src/lib/exercises/types";
import { drawUntil, num, paragraphs, pct, pctFixed, plain, round, usd } from "./format";

const OBJECTIVES = {
  tails: "Compare the probability of extreme daily moves under a normal and a fat-tailed model, and explain what the difference means for margin levels.",
  liquidationOnly: "Explain why liquidation-only risk management fails when liquidations arrive faster than the engine and the order book can absorb them.",
  allocation: "Compare insurance funds, auto-deleveraging and socialized losses as ways of allocating a deficit.",
  proofs: "Identify what a proof of reserves and liabilities shows and construct an example where a valid proof hides a shortfall.",
  stress: "Stress-test a venue by comparing the losses a price shock causes with its insurance fund.",
  cross: "Compute isolated and cross-margin liquidation prices for a two-position account and explain the trade-off.",
} as const;

// ── 1. Cross margin for a two-position account ──────────────────────────────

type CrossParams = {
  btcEntryUsd: string;
  btcQuantity: string;
  ethEntryUsd: string;
  ethQuantity: string;
  leverage: number;
  mmr: string;
  ethMove: string;
};

function crossAccount(p: CrossParams) {
  const btcNotional = new Decimal(p.btcEntryUsd).times(p.btcQuantity);
  const ethNotional = new Decimal(p.ethEntryUsd).times(p.ethQuantity);
  const btcMargin = btcNotional.div(p.leverage).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
  const ethMargin = ethNotional.div(p.leverage).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
  const walletUsd = btcMargin.plus(ethMargin);
  const ethPrice = new Decimal(p.ethEntryUsd).times(new Decimal(1).plus(p.ethMove));
  const eth = position({ side: "short", quantity: p.ethQuantity, entryPrice: p.ethEntryUsd, margin: ethMargin, maintenanceMarginRate: p.mmr });
  const ethPnl = eth.quantity.times(eth.entryPrice.minus(ethPrice));
  const ethMaintenance = maintenanceMarginUsd(new Decimal(p.ethQuantity).times(ethPrice), p.mmr);
  const cross = crossLiquidationPrice({
    side: "long",
    entryPrice: p.btcEntryUsd,
    quantity: p.btcQuantity,
    walletBalanceUsd: walletUsd,
    maintenanceMarginRate: p.mmr,
    otherUnrealizedPnlUsd: ethPnl,
    otherMaintenanceMarginUsd: ethMaintenance,
  });
  const isolated = liquidationPrice({ side: "long", entryPrice: p.btcEntryUsd, quantity: p.btcQuantity, margin: btcMargin, maintenanceMarginRate: p.mmr });
  return { btcMargin, ethMargin, walletUsd, ethPrice, ethPnl, ethMaintenance, buffer: walletUsd.plus(ethPnl).minus(ethMaintenance), cross, isolated };
}

const crossMargin: NumericExercise<CrossParams> = {
  id: "approach-cross-margin",
  kind: "numeric",
  chapter: "approach",
  title: "A long's liquidation price under cross margin",
  objective: OBJECTIVES.cross,
  unit: "usd",
  params(rng) {
    // Redraw (a bounded number of times) until the long has a liquidation price strictly between 0 and its
    // entry: a buffer above the BTC notional never liquidates (the formula goes negative), and a negative
    // buffer means the account is already below maintenance with BTC at its entry. A variant that passes
    // on the first draw is the same as before this rule.
    return drawUntil(
      (): CrossParams => ({
        btcEntryUsd: rng.decimal("20000", "120000", "100"),
        btcQuantity: rng.decimal("0.5", "5", "0.1"),
        ethEntryUsd: rng.decimal("1000", "6000", "5"),
        ethQuantity: rng.decimal("5", "100", "1"),
        leverage: rng.int(3, 20),
        mmr: rng.decimal("0.004", "0.01", "0.001"),
        ethMove: rng.decimal("-0.1", "0.1", "0.01"),
      }),
      (candidate) => {
        const cross = crossAccount(candidate).cross;
        return cross.gt(0) && cross.lt(candidate.btcEntryUsd);
      },
      { btcEntryUsd: "67000", btcQuantity: "1", ethEntryUsd: "3350", ethQuantity: "20", leverage: 10, mmr: "0.004", ethMove: "0.1" },
    );
  },
  prompt(p) {
    const a = crossAccount(p);
    const move = new Decimal(p.ethMove);
    return paragraphs(
      `A cross-margin account holds two positions with a maintenance rate of ${pct(p.mmr, 1)}: a long of ${plain(p.btcQuantity)} BTC entered at ${usd(p.btcEntryUsd, 0)} and a short of ${plain(p.ethQuantity)} ETH entered at ${usd(p.ethEntryUsd, 0)}. Its wallet holds ${usd(a.walletUsd)}, the ${p.leverage}× margin of both positions together.`,
      move.isZero()
        ? "ETH is still at its entry price and is held there."
        : `ETH has ${move.isPositive() ? "risen" : "fallen"} ${pct(move.abs())} to ${usd(a.ethPrice)} and is held there.`,
      "At what BTC price is the account liquidated? Hold the ETH price fixed and give USD to the cent.",
    );
  },
  hints: () => [
    "Under cross margin the whole wallet backs the BTC long, plus the ETH short's unrealized PnL, minus the ETH short's maintenance margin at its current price.",
    "With that buffer B, the long's price solves B + q × (P − entry) = mmr × q × P.",
    "`crossLiquidationPrice` in the library takes the wallet, the other positions' PnL and their maintenance margin.",
  ],
  solution(p) {
    const a = crossAccount(p);
    return paragraphs(
      `The ETH short's PnL at ${usd(a.ethPrice)} is ${plain(p.ethQuantity)} × (${usd(p.ethEntryUsd, 0)} − ${usd(a.ethPrice)}) = ${usd(a.ethPnl)}, and its maintenance margin is ${pct(p.mmr, 1)} × ${plain(p.ethQuantity)} × ${usd(a.ethPrice)} = ${usd(a.ethMaintenance)}.`,
      `Buffer for the BTC long: ${usd(a.walletUsd)} + ${usd(a.ethPnl)} − ${usd(a.ethMaintenance)} = ${usd(a.buffer)}.`,
      `Liquidation price: (${usd(p.btcEntryUsd, 0)} × ${plain(p.btcQuantity)} − ${usd(a.buffer)}) ÷ (${plain(p.btcQuantity)} × ${plain(new Decimal(1).minus(p.mmr))}) = **${usd(a.cross)}**.`,
      `With isolated margin (${usd(a.btcMargin)} for the long alone) it would be liquidated at ${usd(a.isolated)}. ${a.cross.lt(a.isolated) ? "Sharing the wallet gives the long more room" : "Here the ETH loss has eaten into the shared wallet, so the long is liquidated earlier than it would be on its own"}: cross margin saves collateral on a hedged book and lets one position's loss drain the others.`,
    );
  },
  answer: (p) => crossAccount(p).cross.toFixed(),
  tolerance: () => ({ abs: "0.02" }),
  canonical: (p) => round(crossAccount(p).cross, 2),
};

// ── 2. Fat tails ────────────────────────────────────────────────────────────

type TailParams = { dailyVol: string; k: string };

const PI = new Decimal(-1).acos();

/** P(T/√3 ≤ −k) for a Student-t with 3 degrees of freedom, in closed form: (atan(1/k) − k/(1 + k²)) / π. */
function studentT3Tail(k: Decimal): Decimal {
  return new Decimal(1).div(k).atan().minus(k.div(k.pow(2).plus(1))).div(PI);
}

function tail(p: TailParams) {
  const k = new Decimal(p.k);
  const probability = studentT3Tail(k);
  return { k, fall: k.times(p.dailyVol), probability, days: new Decimal(1).div(probability) };
}

const fatTail: NumericExercise<TailParams> = {
  id: "approach-fat-tail",
  kind: "numeric",
  chapter: "approach",
  title: "How often does the crash come?",
  objective: OBJECTIVES.tails,
  unit: "count",
  params(rng) {
    return { dailyVol: rng.decimal("0.015", "0.06", "0.0005"), k: rng.decimal("2", "10", "0.02") };
  },
  prompt(p) {
    const t = tail(p);
    return paragraphs(
      `An asset's daily returns have a standard deviation of ${pct(p.dailyVol)}. Model them as a Student-t with 3 degrees of freedom, scaled to that standard deviation.`,
      `How often should a one-day fall of at least ${pct(t.fall)} (that is ${plain(p.k)} standard deviations) be expected: once in how many days? Round to the nearest day; markets trade every day.`,
    );
  },
  hints: () => [
    "The fall is k standard deviations; only k matters for the probability.",
    "The chapter's closed form: P = (arctan(1/k) − k/(1 + k²)) / π, with arctan in radians.",
    "Once in 1/P days.",
  ],
  solution(p) {
    const t = tail(p);
    return paragraphs(
      `k = ${pct(t.fall)} ÷ ${pct(p.dailyVol)} = ${plain(p.k)}.`,
      `P = (arctan(1/${plain(p.k)}) − ${plain(p.k)}/(1 + ${plain(t.k.pow(2))})) / π = (${plain(new Decimal(1).div(t.k).atan(), 7)} − ${plain(t.k.div(t.k.pow(2).plus(1)), 7)}) / π = ${t.probability.toExponential(2).replace("e", " × 10^")} a day.`,
      `So such a fall comes about once in 1/P = **${num(t.days, 0)} days** (${num(t.days.div(365), 1)} years).`,
      "A normal model with the same standard deviation puts the same fall far rarer: 3σ once in about 2 years instead of 144 days, 5σ once in 9,600 years instead of 1.7 years. A margin sized on the normal model is breached far more often than it claims, which is why a venue offering high leverage relies on liquidating within minutes rather than on its margin.",
    );
  },
  answer: (p) => tail(p).days.toFixed(),
  tolerance: () => ({ rel: 0.015 }),
  canonical: (p) => round(tail(p).days, 0),
};

// ── 3. Code: checking a Merkle sum path ─────────────────────────────────────

type MerkleParams = { balances: string; victim: number; you: number; dummy: string };

const NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];

/** A customer's id as a name in prose: "bob" → "Bob". */
function who(id: string): string {
  return id[0]!.toUpperCase() + id.slice(1);
}

function merkleAccounts(p: MerkleParams) {
  return p.balances.split(",").map((balance, i) => ({ id: NAMES[i]!, balance }));
}

const MERKLE_SIGNATURE = "export function rootSumFromPath(balance: number, siblingSums: number[]): number | null";

const merklePath: CodeExercise<MerkleParams> = {
  id: "approach-merkle-path",
  kind: "code",
  chapter: "approach",
  title: "Check your path through a Merkle sum tree",
  objective: OBJECTIVES.proofs,
  params(rng) {
    const balances = NAMES.map(() => rng.decimal("100", "20000", "50"));
    const victim = rng.int(0, NAMES.length - 1);
    let you = rng.int(0, NAMES.length - 2);
    if (you >= victim) you += 1; // someone other than the victim
    const dummy = new Decimal(balances[victim]!).times(rng.decimal("0.1", "0.9", "0.05")).round().neg();
    return { balances: balances.join(","), victim, you, dummy: dummy.toFixed() };
  },
  prompt(p) {
    const accounts = merkleAccounts(p);
    return paragraphs(
      `An exchange publishes a Merkle sum tree over its customers' balances (in USD): ${accounts.map((a) => `${who(a.id)} ${num(a.balance, 0)}`).join(", ")}. Each customer receives their balance and, going up, the sums of the sibling nodes along their path.`,
      "Complete `rootSumFromPath`: add the sibling sums to the balance to get the root's total, and return `null` if the balance, any sibling sum or any partial sum on the way is negative, because a negative sum means a dummy account is shrinking the total. (The hashes are checked separately; here only the sums.)",
      `The checks run your function on ${who(accounts[p.you]!.id)}'s path in an honest tree, on ${who(accounts[p.victim]!.id)}'s and ${who(accounts[p.you]!.id)}'s paths in a cheating tree where a dummy account of USD ${num(p.dummy, 0)} sits beside ${who(accounts[p.victim]!.id)}, and on a small hand-made path.`,
    );
  },
  hints: (p) => [
    "Walk up the path: the parent's sum is your running sum plus the sibling's sum.",
    "Check every number before you add it, and the running sum after.",
    `In the cheating tree, which customer sees the negative sibling directly? What does the other customer's check say about the published total, which is USD ${num(sum(p.balances.split(",")).plus(p.dummy), 0)} instead of USD ${num(sum(p.balances.split(",")), 0)}?`,
  ],
  starter: () =>
    [
      "/**",
      " * The root total implied by a customer's Merkle-sum path, or null if any sum on it is negative.",
      " * balance: the customer's own balance; siblingSums: the sibling nodes' sums, from the leaf up.",
      " */",
      `${MERKLE_SIGNATURE} {`,
      "  let total = balance;",
      "  // add each sibling's sum, refusing negative numbers",
      "  return total;",
      "}",
      "",
    ].join("\n"),
  reference: () =>
    [
      `${MERKLE_SIGNATURE} {`,
      "  if (balance < 0) return null;",
      "  let total = balance;",
      "  for (const sibling of siblingSums) {",
      "    if (sibling < 0) return null;",
      "    total += sibling;",
      "    if (total < 0) return null;",
      "  }",
      "  return total;",
      "}",
      "",
    ].join("\n"),
  checks(p) {
    const accounts = merkleAccounts(p);
    return [
      'import { rootSumFromPath } from "./solution";',
      'import { buildLiabilityTree, hideNegativeBalance } from "cef";',
      `const accounts = ${JSON.stringify(accounts)};`,
      `const you = ${JSON.stringify(accounts[p.you]!.id)};`,
      `const victim = ${JSON.stringify(accounts[p.victim]!.id)};`,
      "const honest = buildLiabilityTree(accounts);",
      `const cheat = hideNegativeBalance(accounts, { victimId: victim, dummyBalance: ${JSON.stringify(p.dummy)} }).tree;`,
      "const pathOf = (tree, id) => { const proof = tree.prove(id); return [Number(proof.balance), proof.path.map((step) => Number(step.sum))]; };",
      "const run = (args) => { try { return { value: rootSumFromPath(args[0], args[1]) }; } catch (error) { return { error: error instanceof Error ? error.message : String(error) }; } };",
      "const cases = [",
      "  { name: `${you}'s path in the honest tree`, args: pathOf(honest, you), expected: honest.total.toNumber() },",
      "  { name: `${victim}'s path in the cheating tree (the dummy is its sibling)`, args: pathOf(cheat, victim), expected: null },",
      "  { name: `${you}'s path in the cheating tree`, args: pathOf(cheat, you), expected: cheat.total.toNumber() },",
      "  { name: \"a path whose partial sum goes negative\", args: [5, [-20, 100]], expected: null },",
      "];",
      "return cases.map((c) => {",
      "  const got = run(c.args);",
      "  if (\"error\" in got) return { name: c.name, pass: false, detail: `your function threw: ${got.error}` };",
      "  const pass = c.expected === null ? got.value === null : typeof got.value === \"number\" && Math.abs(got.value - c.expected) < 1e-6;",
      "  return { name: c.name, pass, detail: pass ? `returned ${String(got.value)}, as expected` : `expected ${String(c.expected)}, got ${String(got.value)}` };",
      "});",
    ].join("\n");
  },
  solution(p) {
    const accounts = merkleAccounts(p);
    const owed = sum(p.balances.split(","));
    const published = owed.plus(p.dummy);
    return paragraphs(
      "Start from the balance, add each sibling's sum, and refuse any negative number on the way:",
      "`if (balance < 0) return null; let total = balance; for (const s of siblingSums) { if (s < 0) return null; total += s; if (total < 0) return null; } return total;`",
      `In the honest tree ${who(accounts[p.you]!.id)}'s path adds up to the published total, USD ${num(owed, 0)}, what customers are owed.`,
      `In the cheating tree the dummy's USD ${num(p.dummy, 0)} sits beside ${who(accounts[p.victim]!.id)}, so ${who(accounts[p.victim]!.id)}'s path shows a negative sibling and the strict check returns \`null\`. ${who(accounts[p.you]!.id)}'s path shows only the pair's positive parent sum, and adds up to the published USD ${num(published, 0)}: a valid-looking proof that hides a shortfall of USD ${num(new Decimal(p.dummy).neg(), 0)}. Only the customer beside the dummy, checking for negative sums, can catch it.`,
    );
  },
  canonical: () => "reference",
};

// ── 4. What a proof of reserves shows ───────────────────────────────────────

type ProofParams = { treeBtc: string; ownBtc: string; borrowedBtc: string; omittedBtc: string; lenderBtc: string };

const PROOF_STATEMENTS = ["passes", "unannounced", "solvent", "loan-caught", "all-safe"] as const;
type ProofStatement = (typeof PROOF_STATEMENTS)[number];

function proofFacts(p: ProofParams) {
  const atSnapshot = proofOfReserves(new Decimal(p.ownBtc).plus(p.borrowedBtc), p.treeBtc);
  const borrowed = borrowedReserves({ ownReservesUsd: p.ownBtc, customerLiabilitiesUsd: p.treeBtc, borrowedUsd: p.borrowedBtc });
  const allLiabilities = sum([p.treeBtc, p.omittedBtc, p.lenderBtc]);
  const afterReturn = proofOfReserves(p.ownBtc, allLiabilities);
  const truth: Record<ProofStatement, boolean> = {
    passes: atSnapshot.passes,
    unannounced: borrowed.unannounced.passes,
    solvent: afterReturn.passes,
    "loan-caught": !borrowed.solvency.passes,
    "all-safe": false,
  };
  return { atSnapshot, borrowed, allLiabilities, afterReturn, truth };
}

function proofLabel(id: ProofStatement): string {
  return {
    passes: "The proof published at the snapshot passes: reserves are at least the tree's total.",
    unannounced: "An unannounced second snapshot, after the borrowed coins are returned, would still show reserves at least equal to the tree's total.",
    solvent: "After the loan is returned, the exchange's own coins cover everything it owes: the tree, the omitted accounts and the lender.",
    "loan-caught": "A proof of solvency that also counted the borrowed coins as a liability would fail.",
    "all-safe": "Every customer whose inclusion check passes is thereby certain to be repaid in full.",
  }[id];
}

const proofGaps: ChoiceExercise<ProofParams & { order: string }> = {
  id: "approach-proof-gaps",
  kind: "choice",
  chapter: "approach",
  title: "What the proof of reserves shows",
  objective: OBJECTIVES.proofs,
  multiple: true,
  params(rng) {
    const treeBtc = rng.decimal("50000", "150000", "1000");
    const ownBtc = new Decimal(treeBtc).times(rng.decimal("0.8", "1.15", "0.01")).round();
    return {
      treeBtc,
      ownBtc: ownBtc.toFixed(),
      borrowedBtc: new Decimal(treeBtc).times(rng.decimal("0.01", "0.2", "0.01")).round().toFixed(),
      omittedBtc: new Decimal(treeBtc).times(rng.decimal("0.005", "0.05", "0.005")).round().toFixed(),
      lenderBtc: new Decimal(treeBtc).times(rng.decimal("0.01", "0.2", "0.01")).round().toFixed(),
      order: rng.shuffle([...PROOF_STATEMENTS]).join(","),
    };
  },
  prompt(p) {
    return paragraphs(
      `An exchange publishes a proof of reserves: its wallets hold ${plain(new Decimal(p.ownBtc).plus(p.borrowedBtc))} BTC, of which ${plain(p.borrowedBtc)} BTC were borrowed the day before the snapshot and are returned the day after. Its Merkle sum tree totals ${plain(p.treeBtc)} BTC of customer balances, every customer who checks finds their balance, and every sum is non-negative.`,
      `The tree leaves out ${plain(p.omittedBtc)} BTC of accounts whose owners never check, and the exchange owes ${plain(p.lenderBtc)} BTC to a lender who appears in no tree.`,
      "Which of these statements are true? Select all that apply.",
    );
  },
  hints: () => [
    "A proof of reserves compares what is in the wallets at one moment with the total the tree admits to.",
    "After the snapshot, the borrowed coins leave; and the tree is not everything the exchange owes.",
  ],
  choices: (p) => p.order.split(",").map((id) => ({ id, label: proofLabel(id as ProofStatement) })),
  correct: (p) => PROOF_STATEMENTS.filter((id) => proofFacts(p).truth[id]),
  solution(p) {
    const f = proofFacts(p);
    const yes = (b: boolean) => (b ? "**True.**" : "**False.**");
    const ratio = (r: Decimal | null) => (r === null ? "no liabilities" : pctFixed(r, 1));
    return paragraphs(
      `${yes(f.truth.passes)} At the snapshot: ${plain(f.atSnapshot.reservesUsd)} BTC against ${plain(p.treeBtc)} BTC, a ratio of ${ratio(f.atSnapshot.reserveRatio)}.`,
      `${yes(f.truth.unannounced)} After the loan is returned: ${plain(p.ownBtc)} BTC against ${plain(p.treeBtc)} BTC, ${ratio(f.borrowed.unannounced.reserveRatio)}.`,
      `${yes(f.truth.solvent)} Everything owed is ${plain(p.treeBtc)} + ${plain(p.omittedBtc)} + ${plain(p.lenderBtc)} = ${plain(f.allLiabilities)} BTC against ${plain(p.ownBtc)} BTC of its own: ${ratio(f.afterReturn.reserveRatio)}.`,
      `${yes(f.truth["loan-caught"])} Counting the loan as a liability: ${plain(f.borrowed.solvency.reservesUsd)} BTC against ${plain(f.borrowed.solvency.liabilitiesUsd)} BTC, ${ratio(f.borrowed.solvency.reserveRatio)}.`,
      `${yes(false)} An inclusion check shows only that a balance is counted in the total. Omitted accounts, debts outside the tree and borrowed reserves are invisible to it.`,
    );
  },
  canonical: (p) => PROOF_STATEMENTS.filter((id) => proofFacts(p).truth[id]).sort().join(","),
};

// ── 5. A stress test against the insurance fund ─────────────────────────────

type StressParams = { priceUsd: string; sizes: string; leverages: string; gap: string; fundShare: string };

function stress(p: StressParams) {
  const price = new Decimal(p.priceUsd);
  const sizes = p.sizes.split(",");
  const leverages = p.leverages.split(",").map(Number);
  const gapPrice = price.times(new Decimal(1).minus(p.gap));
  const rows = sizes.map((size, i) => {
    const margin = price.times(size).div(leverages[i]!).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
    const long = position({ side: "long", quantity: size, entryPrice: price, margin });
    const bankruptcyValue = bankruptcyValueUsd(long);
    const closeValue = gapPrice.times(size);
    return {
      size,
      leverage: leverages[i]!,
      margin,
      bankruptcyValue,
      closeValue,
      loss: Decimal.max(0, bankruptcyValue.minus(closeValue)),
      surplus: Decimal.max(0, closeValue.minus(bankruptcyValue)),
    };
  });
  const totalLoss = sum(rows.map((r) => r.loss));
  const totalSurplus = sum(rows.map((r) => r.surplus));
  const fundUsd = totalLoss.times(p.fundShare).toNearest(1000, Decimal.ROUND_DOWN);
  // Settle the closes one by one against the fund, as the engine would. All four close at the same
  // price at once, so a close above bankruptcy pays its surplus into the fund before any loss is
  // charged (otherwise the answer would depend on the order of the letters).
  let fund = fundUsd;
  let fromWinners = new Decimal(0);
  for (const r of [...rows.filter((row) => row.loss.isZero()), ...rows.filter((row) => !row.loss.isZero())]) {
    const settled = settleLiquidation({ side: "long", closeValueUsd: r.closeValue, bankruptcyValueUsd: r.bankruptcyValue, fundUsd: fund });
    fund = settled.fundAfterUsd;
    fromWinners = fromWinners.plus(settled.shortfallUsd);
  }
  return { gapPrice, rows, totalLoss, totalSurplus, fundUsd, fundAfter: fund, fromWinners, fundPaid: totalLoss.minus(fromWinners) };
}

const stressTest: NumericExercise<StressParams> = {
  id: "approach-stress-fund",
  kind: "numeric",
  chapter: "approach",
  title: "Stress-test the insurance fund",
  objective: OBJECTIVES.stress,
  unit: "usd",
  params(rng) {
    return {
      priceUsd: rng.decimal("20000", "100000", "100"),
      sizes: [0, 1, 2, 3].map(() => rng.decimal("1", "50", "1")).join(","),
      leverages: [0, 1, 2, 3].map(() => String(rng.int(8, 50))).join(","),
      gap: rng.decimal("0.1", "0.25", "0.005"),
      fundShare: rng.decimal("0.1", "0.9", "0.05"),
    };
  },
  prompt(p) {
    const s = stress(p);
    return paragraphs(
      `A venue's four largest longs were all opened at ${usd(p.priceUsd, 0)} with isolated margin: ${s.rows.map((r, i) => `${String.fromCharCode(65 + i)}, ${plain(r.size)} BTC at ${r.leverage}×`).join("; ")}.`,
      `The price gaps ${pct(p.gap, 1)} to ${usd(s.gapPrice)} before the engine can act, and all four are closed at that price. The insurance fund holds ${usd(s.fundUsd, 0)}. How much must be taken from winning traders (by auto-deleveraging) to cover the losses beyond margin? Give USD to the nearest dollar.`,
    );
  },
  hints: () => [
    "A long's bankruptcy value is quantity × entry − margin; a close below it is a loss beyond margin.",
    "A position whose leverage is low enough may still close above its bankruptcy value: no loss, a surplus for the fund.",
    "Add the losses, let the fund (with any surplus paid into it) pay what it can, and the winners pay the rest.",
  ],
  solution(p) {
    const s = stress(p);
    const lines = s.rows.map(
      (r, i) =>
        `${String.fromCharCode(65 + i)}: margin ${usd(r.margin)}, bankruptcy value ${usd(r.bankruptcyValue)}, closed for ${usd(r.closeValue)}: ${r.loss.isZero() ? `no loss${r.surplus.gt(0) ? `, and a surplus of ${usd(r.surplus)} for the fund` : ""}` : `a loss of ${usd(r.loss)}`}.`,
    );
    return paragraphs(
      ...lines,
      `Losses beyond margin total ${usd(s.totalLoss)}.${s.totalSurplus.gt(0) ? ` The surplus of ${usd(s.totalSurplus)} goes into the fund first, so it holds ${usd(s.fundUsd.plus(s.totalSurplus))}.` : ""} The fund pays ${usd(s.fundPaid)} and is ${s.fundAfter.isZero() ? "emptied" : `left with ${usd(s.fundAfter)}`}; winners lose **${usd(s.fromWinners)}**.`,
      "A stress test repeats this over a range of shocks. The inputs that decide it (the leverage of the largest positions, how far prices gap, the real size of the fund) are known to the exchange and only estimated by anyone outside.",
    );
  },
  answer: (p) => stress(p).fromWinners.toFixed(),
  tolerance: () => ({ abs: "1" }),
  canonical: (p) => round(stress(p).fromWinners, 0),
};

export const exercises: Exercise[] = [
  crossMargin as unknown as Exercise,
  fatTail as unknown as Exercise,
  merklePath as unknown as Exercise,
  proofGaps as unknown as Exercise,
  stressTest as unknown as Exercise,
];
