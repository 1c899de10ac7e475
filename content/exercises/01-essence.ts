/**
 * Exercises for Chapter 1, "Essence: what fails when an exchange fails".
 *
 * Every answer is computed by the simulation library (`src/sim`): the margin
 * behind open interest with `initialMarginUsd` and `equityUsd`, the true
 * balance sheet with the `Exchange` engine, the X-ray setting with the
 * widget's own model. Money is written "USD 1,250.00" throughout.
 */
import { Decimal, Exchange, equityUsd, initialMarginUsd, maxDecimal, position } from "../../src/sim/index";
import xray from "../../components/widgets/xray/model";
import type { ChoiceExercise, Exercise, NumericExercise, SettingExercise } from "../../src/lib/exercises/types";
import { paragraphs, pct, plain, usd, usdMillions, withSafeCheck } from "./format";

const OBJECTIVES = {
  balance: "Explain what a balance at a centralized exchange is, and whose risk the customer carries.",
  backing: "Test whether an exchange is fully backed, and name three ways the test fails while every balance still looks right.",
  margin: "Compute the margin behind a venue's open interest and the loss a gap move leaves uncovered.",
  contagion: "Trace how one exchange's failure spreads through the credit, price and confidence channels.",
  exploit: "Distinguish a smart-contract exploit from the failure of an exchange.",
} as const;

// ── 1. The uncovered part of a gap move ─────────────────────────────────────

type GapParams = { openInterestUsd: string; leverage: number; gap: string; direction: "falls" | "rises" };

/** The losing side as one position of `OI` notional at price 100, so the library does the arithmetic. */
function gapOutcome(p: GapParams) {
  const entry = new Decimal(100);
  const marginUsd = initialMarginUsd(p.openInterestUsd, p.leverage);
  const losingSide = position({
    side: p.direction === "falls" ? "long" : "short",
    quantity: new Decimal(p.openInterestUsd).div(entry),
    entryPrice: entry,
    margin: marginUsd,
  });
  const move = new Decimal(p.gap);
  const mark = p.direction === "falls" ? entry.times(Decimal.sub(1, move)) : entry.times(Decimal.add(1, move));
  const equity = equityUsd(losingSide, mark);
  const owedUsd = new Decimal(p.openInterestUsd).times(move);
  return { marginUsd, owedUsd, equity, uncoveredUsd: maxDecimal(new Decimal(0), equity.neg()) };
}

const uncoveredGap: NumericExercise<GapParams> = {
  id: "essence-uncovered-gap",
  kind: "numeric",
  chapter: "essence",
  title: "The loss a gap move leaves uncovered",
  objective: OBJECTIVES.margin,
  unit: "usd",
  params(rng) {
    const leverage = rng.int(5, 50);
    // The smallest gap on a 0.1% grid that is strictly larger than 1/L, so some loss is uncovered.
    const minGap = new Decimal(1000).div(leverage).floor().plus(1).div(1000);
    const maxGap = Decimal.min(minGap.plus("0.15"), new Decimal("0.4"));
    return {
      openInterestUsd: rng.decimal("500000000", "20000000000", "100000000"),
      leverage,
      gap: rng.decimal(minGap.toFixed(), maxGap.toFixed(), "0.001"),
      direction: rng.pick(["falls", "rises"] as const),
    };
  },
  prompt(p) {
    return paragraphs(
      `A derivatives venue has ${usd(p.openInterestUsd, 0)} of open interest, and every trader on both sides uses ${p.leverage}× leverage with isolated margin.`,
      `Before the liquidation engine can act, the price ${p.direction} by ${pct(p.gap, 1)} in one gap. How much of what the losing side owes the winners is **not** covered by the losing side's margin?`,
      "Give the amount in USD (for example `60000000` or `60M`); rounding to the nearest USD 0.1 million is fine.",
    );
  },
  hints(p) {
    return [
      `Open interest counts each contract once. How much margin does one side post at ${p.leverage}× on ${usd(p.openInterestUsd, 0)} of notional?`,
      `A move of ${pct(p.gap, 1)} costs the losing side that fraction of the notional. Compare it with the margin that side posted.`,
      "The chapter's formula for the uncovered part is max(0, x − 1/L) × OI.",
    ];
  },
  solution(p) {
    const o = gapOutcome(p);
    const loser = p.direction === "falls" ? "longs" : "shorts";
    return paragraphs(
      `Each side posted OI ÷ L = ${usd(p.openInterestUsd, 0)} ÷ ${p.leverage} = ${usd(o.marginUsd)}.`,
      `The price ${p.direction} ${pct(p.gap, 1)}, so the ${loser} owe the winners ${pct(p.gap, 1)} × ${usd(p.openInterestUsd, 0)} = ${usd(o.owedUsd)}.`,
      `Their margin covers ${usd(o.marginUsd)} of it; the rest, ${usd(o.owedUsd)} − ${usd(o.marginUsd)} = **${usd(o.uncoveredUsd)}** (about ${usdMillions(o.uncoveredUsd)}), is uncovered. The same by the formula: (${pct(p.gap, 1)} − 1/${p.leverage}) × ${usd(p.openInterestUsd, 0)}.`,
      "The venue still owes that amount to the winners. It pays it from its insurance fund, then its own capital, and beyond that by cutting the winners' gains (a socialized loss).",
    );
  },
  answer: (p) => gapOutcome(p).uncoveredUsd.toFixed(),
  tolerance: () => ({ abs: "100000" }),
  canonical: (p) => gapOutcome(p).uncoveredUsd.toNearest(100000, Decimal.ROUND_HALF_EVEN).toFixed(0),
};

// ── 2. A hidden loan into the exchange's own token ──────────────────────────

type TokenParams = {
  customerUsd: string;
  customerBtc: number;
  btcPriceUsd: string;
  loanShare: string;
  tokenPriceUsd: string;
  haircut: string;
  fall: string;
};

function tokenBooks(p: TokenParams) {
  const exchange = new Exchange({
    assets: {
      USD: { decimals: 2 },
      BTC: { priceUsd: p.btcPriceUsd, decimals: 8 },
      TOKEN: { priceUsd: p.tokenPriceUsd, decimals: 8, haircut: p.haircut },
    },
    keepJournal: false,
  });
  exchange.deposit("customers", "USD", p.customerUsd);
  exchange.deposit("customers", "BTC", p.customerBtc);
  const loanUsd = new Decimal(p.customerUsd).times(p.loanShare);
  exchange.deskBorrow("USD", loanUsd, { hidden: true });
  exchange.deskTrade("USD", "TOKEN", loanUsd);
  const before = exchange.trueBalanceSheet();
  const fallenPrice = new Decimal(p.tokenPriceUsd).times(Decimal.sub(1, p.fall));
  exchange.setPrice("TOKEN", fallenPrice);
  const reported = exchange.reportedBalanceSheet();
  const truth = exchange.trueBalanceSheet();
  const btcLine = truth.lines.find((line) => line.asset === "BTC")!;
  return { loanUsd, fallenPrice, before, reported, truth, btcLine, deskCanRepayUsd: truth.receivablesUsd };
}

const tokenBacking: NumericExercise<TokenParams> = {
  id: "essence-token-backing",
  kind: "numeric",
  chapter: "essence",
  title: "Fully backed in bitcoin, short in dollars",
  objective: OBJECTIVES.backing,
  unit: "usd",
  params(rng) {
    return {
      customerUsd: rng.decimal("200000000", "3000000000", "10000000"),
      customerBtc: rng.int(1000, 20000),
      btcPriceUsd: rng.decimal("20000", "90000", "50"),
      loanShare: rng.decimal("0.1", "0.9", "0.05"),
      tokenPriceUsd: rng.decimal("5", "40", "1"),
      haircut: rng.decimal("0.2", "0.6", "0.05"),
      fall: rng.decimal("0.05", "0.9", "0.05"),
    };
  },
  prompt(p) {
    return paragraphs(
      `An exchange's customers hold ${usd(p.customerUsd, 0)} in dollars and ${plain(p.customerBtc)} BTC; bitcoin trades at ${usd(p.btcPriceUsd, 0)}. The exchange has no capital of its own.`,
      `Its house desk quietly borrows ${pct(p.loanShare)} of the customer dollars (the loan is hidden: the reported books count the money as still in custody) and spends all of it on the exchange's own token at ${usd(p.tokenPriceUsd, 0)}. The token then falls ${pct(p.fall)}. A forced sale of the token fetches only ${pct(Decimal.sub(1, p.haircut))} of its quoted price.`,
      "Value the desk's debt at what a forced sale of everything the desk holds would raise. By how much does the exchange's true balance sheet fall short of what it owes customers? Give the amount in USD; rounding to the nearest USD 0.1 million is fine.",
    );
  },
  hints(p) {
    return [
      "The bitcoin never left the wallet, and customers' claims in bitcoin are unchanged. Which asset is the hole in?",
      `The desk bought ${usd(new Decimal(p.customerUsd).times(p.loanShare), 0)} of token. What is that stack worth after a ${pct(p.fall)} fall, and what does a forced sale raise?`,
      "True assets = custody + what the desk can repay; the shortfall is what customers are owed minus true assets.",
    ];
  },
  solution(p) {
    const b = tokenBooks(p);
    return paragraphs(
      `Customers are owed ${usd(p.customerUsd, 0)} + ${plain(p.customerBtc)} × ${usd(p.btcPriceUsd, 0)} = ${usd(b.truth.liabilitiesUsd)}.`,
      `The desk took ${pct(p.loanShare)} × ${usd(p.customerUsd, 0)} = ${usd(b.loanUsd)}, so custody now holds ${usd(b.truth.custodyUsd)}. All ${plain(p.customerBtc)} BTC are still there: an audit of the bitcoin alone finds it fully backed.`,
      `The token falls to ${usd(b.fallenPrice)}; the desk's stack is worth ${usd(b.loanUsd)} × ${pct(Decimal.sub(1, p.fall))}, and a forced sale fetches ${pct(Decimal.sub(1, p.haircut))} of that: the desk can repay ${usd(b.deskCanRepayUsd)}.`,
      `True assets are ${usd(b.truth.custodyUsd)} + ${usd(b.deskCanRepayUsd)} = ${usd(b.truth.totalAssetsUsd)}, against ${usd(b.truth.liabilitiesUsd)} owed: a shortfall of **${usd(b.truth.shortfallUsd)}** (about ${usdMillions(b.truth.shortfallUsd)}).`,
      `The reported books show a shortfall of ${usd(b.reported.shortfallUsd)}: the hidden loan is counted as custody. Even before the fall the true books were ${usd(b.before.shortfallUsd)} short, because the token could never be sold at its quote.`,
    );
  },
  answer: (p) => tokenBooks(p).truth.shortfallUsd.toFixed(),
  tolerance: () => ({ abs: "100000" }),
  canonical: (p) => tokenBooks(p).truth.shortfallUsd.toNearest(100000, Decimal.ROUND_HALF_EVEN).toFixed(0),
};

// ── 3. What a balance is ────────────────────────────────────────────────────

const BALANCE_STATEMENTS: readonly { id: string; text: string; holds: boolean; why: string }[] = [
  { id: "promise", text: "It is a row in the exchange's private database: a promise to deliver on request.", holds: true, why: "Trading only edits rows; nothing else records that the coin is yours." },
  { id: "counterparty", text: "Its holder carries counterparty risk on the exchange: the chance that it cannot or will not deliver.", holds: true, why: "Whether you are paid depends on the firm, not on the coin." },
  { id: "court", text: "Whether a court would treat the coins as the customer's or the firm's depends on the terms and the law where the firm fails.", holds: true, why: "Until a court decides, the customer waits." },
  { id: "on-chain", text: "Every trade between two customers is settled by a blockchain transaction.", holds: false, why: "Trades inside the exchange move no coins; the database entry is the only settlement." },
  { id: "address", text: "The blockchain shows which coins in the exchange's wallets belong to which customer.", holds: false, why: "The chain shows the exchange's total holdings, never who owns them, and nothing about what it owes." },
  { id: "backed", text: "A correct balance on the screen shows that the exchange holds the coins behind it.", holds: false, why: "The screen shows what the exchange owes, not what it holds or whether anyone else has a claim on it." },
];

type BalanceParams = { shown: string };

function balanceShown(p: BalanceParams) {
  return p.shown.split(",").map((id) => BALANCE_STATEMENTS.find((s) => s.id === id)!);
}

const whatIsABalance: ChoiceExercise<BalanceParams> = {
  id: "essence-what-is-a-balance",
  kind: "choice",
  chapter: "essence",
  title: "What is a balance at an exchange?",
  objective: OBJECTIVES.balance,
  multiple: true,
  params(rng) {
    return { shown: rng.shuffle(BALANCE_STATEMENTS.map((s) => s.id)).slice(0, 5).join(",") };
  },
  prompt: () => paragraphs("You deposit 1 BTC at a centralized exchange, and your account now reads \"1 BTC\". Which statements about that balance are true? Select all that apply."),
  hints: () => ["Follow the coin: where does it go when you deposit it, and what changes when you trade it to another customer?"],
  choices: (p) => balanceShown(p).map((s) => ({ id: s.id, label: s.text })),
  correct: (p) => balanceShown(p).filter((s) => s.holds).map((s) => s.id),
  solution: (p) =>
    paragraphs(
      ...balanceShown(p).map((s) => `${s.holds ? "**True.**" : "**False.**"} ${s.text} ${s.why}`),
      "The alternative is self-custody: holding the keys yourself removes the counterparty risk and gives up the exchange's speed.",
    ),
  canonical: (p) =>
    balanceShown(p)
      .filter((s) => s.holds)
      .map((s) => s.id)
      .sort()
      .join(","),
};

// ── 4. Which channel? ───────────────────────────────────────────────────────

type Channel = "credit" | "price" | "confidence";
const CHANNEL_EVENTS: readonly { text: string; channel: Channel; why: string }[] = [
  {
    text: "A market maker kept a third of its capital on the failed exchange. With those balances frozen, it misses a payment to its own lender.",
    channel: "credit",
    why: "A claim on the failed firm is lost or frozen, and the loss passes to the creditor's own creditors.",
  },
  {
    text: "A fund that must raise cash sells bitcoin into a falling market, and every other holder marks its bitcoin lower.",
    channel: "price",
    why: "Forced sales lower the price of an asset that other firms hold, so they lose without any claim on the failed exchange.",
  },
  {
    text: "Depositors at a second, solvent exchange with a similar business withdraw everything in a day, and it halts withdrawals.",
    channel: "confidence",
    why: "Nothing was owed between the two firms; depositors ran because they could not tell the second firm from the first.",
  },
  {
    text: "A lender had lent to the failed exchange's affiliated trading firm. The loan is now worth a few cents on the dollar, and the lender's equity is gone.",
    channel: "credit",
    why: "The loss reaches the lender through a debt owed to it: the credit channel.",
  },
  {
    text: "The failed exchange's own token falls 80% in a day, and a lending protocol that accepted it as collateral is left with loans worth more than their collateral.",
    channel: "price",
    why: "The protocol had no claim on the exchange; it lost because the price of an asset it relied on collapsed.",
  },
  {
    text: "Customers of a crypto lender that never dealt with the failed exchange ask for their coins back the morning after the news, faster than the lender can recall its loans.",
    channel: "confidence",
    why: "The run comes from fear of a similar hole, not from any exposure to the failed firm.",
  },
];

const CHANNEL_LABELS: Record<Channel, string> = {
  credit: "Credit: an unpaid claim on a failed firm",
  price: "Price: forced sales and lower marks",
  confidence: "Confidence: a run on a firm that was not directly exposed",
};

type ChannelParams = { event: number; order: string };

const contagionChannel: ChoiceExercise<ChannelParams> = {
  id: "essence-contagion-channel",
  kind: "choice",
  chapter: "essence",
  title: "Name the channel",
  objective: OBJECTIVES.contagion,
  multiple: false,
  params(rng) {
    return { event: rng.int(0, CHANNEL_EVENTS.length - 1), order: rng.shuffle(["credit", "price", "confidence"]).join(",") };
  },
  prompt(p) {
    return paragraphs(
      "A large exchange has just halted withdrawals and filed for bankruptcy. A week later:",
      CHANNEL_EVENTS[p.event]!.text,
      "Through which channel of contagion did the failure reach this firm?",
    );
  },
  hints: () => [
    "Ask first: did the firm hurt here have a claim on the failed exchange (or its affiliates)?",
    "If not, did it lose because of what happened to a price, or because of what people feared?",
  ],
  choices: (p) => p.order.split(",").map((id) => ({ id, label: CHANNEL_LABELS[id as Channel] })),
  correct: (p) => [CHANNEL_EVENTS[p.event]!.channel],
  solution(p) {
    const e = CHANNEL_EVENTS[p.event]!;
    return paragraphs(`**${CHANNEL_LABELS[e.channel]}.** ${e.why}`, "In a real failure the three channels run together: losses on frozen claims force sales, the sales lower prices, and both feed the fear that starts the next run.");
  },
  canonical: (p) => CHANNEL_EVENTS[p.event]!.channel,
};

// ── 5. Exploit or failure? ──────────────────────────────────────────────────

const EXPLOIT_STATEMENTS: readonly { id: string; text: string; trueOfExploit: boolean }[] = [
  { id: "bounded", text: "The largest possible loss is what the attacked contract held.", trueOfExploit: true },
  { id: "visible", text: "The loss can be read from public transactions within minutes.", trueOfExploit: true },
  { id: "others-run", text: "Other contracts on the same chain keep running.", trueOfExploit: true },
  { id: "unknown-size", text: "The size of the hole is unknown until investigators rebuild private books.", trueOfExploit: false },
  { id: "all-stop", text: "Withdrawals, trading, marking and liquidation all stop at once.", trueOfExploit: false },
  { id: "found-late", text: "The loss is typically found only when the firm can no longer pay withdrawals.", trueOfExploit: false },
];

type ExploitParams = { shown: string };

const exploitOrFailure: ChoiceExercise<ExploitParams> = {
  id: "essence-exploit-or-failure",
  kind: "choice",
  chapter: "essence",
  title: "An exploit is not a failure",
  objective: OBJECTIVES.exploit,
  multiple: true,
  params(rng) {
    // Five of the six statements, in a shuffled order; at least one of each kind is always shown.
    return { shown: rng.shuffle(EXPLOIT_STATEMENTS.map((s) => s.id)).slice(0, 5).join(",") };
  },
  prompt: () =>
    paragraphs(
      "A lending protocol loses its funds to a smart-contract exploit; in the same month a centralized exchange holding the same amount fails.",
      "Which of these statements describe the **exploit** (and not the exchange failure)? Select all that apply.",
    ),
  hints: () => [
    "An exploit happens on a public chain, to one contract.",
    "An exchange keeps its books in a private database and plays custodian, market and clearing house at once.",
  ],
  choices: (p) => p.shown.split(",").map((id) => ({ id, label: EXPLOIT_STATEMENTS.find((s) => s.id === id)!.text })),
  correct: (p) => p.shown.split(",").filter((id) => EXPLOIT_STATEMENTS.find((s) => s.id === id)!.trueOfExploit),
  solution(p) {
    const shown = p.shown.split(",").map((id) => EXPLOIT_STATEMENTS.find((s) => s.id === id)!);
    return paragraphs(
      ...shown.map((s) => `${s.trueOfExploit ? "**Exploit.**" : "**Exchange failure.**"} ${s.text}`),
      "An exploit is bounded by one contract and visible on-chain at once; an exchange failure reaches every balance and position at the firm and is found late, when withdrawals stop.",
    );
  },
  canonical: (p) =>
    p.shown
      .split(",")
      .filter((id) => EXPLOIT_STATEMENTS.find((s) => s.id === id)!.trueOfExploit)
      .sort()
      .join(","),
};

// ── 6. Setting: the X-ray ───────────────────────────────────────────────────

type XrayParams = { loanShare: string; deskAsset: "ALT" | "TOKEN"; targetShortfallUsd: string };
type XrayValues = Parameters<typeof xray.compute>[0];

const CRASH_GRID = Array.from({ length: 20 }, (_, k) => new Decimal(k).div(20)); // 0, 0.05, …, 0.95

/** The true shortfall the X-ray shows once the desk's asset has fallen by `crash`. */
function xrayTrueShortfall(values: XrayValues): Decimal {
  const result = xray.compute(values);
  const last = result.points.filter((point) => point.basis === "True").at(-1)!;
  return new Decimal(last.exact.shortfall);
}

function xrayValues(p: XrayParams, crash: Decimal): XrayValues {
  return { loanShare: Number(p.loanShare), crash: crash.toNumber(), hidden: true, deskAsset: p.deskAsset };
}

const smallestCrashCache = new Map<string, Decimal>();

/** The shortfall the widget's rules imply at a fall c: the altcoin loses c of the loan; the token also sells at half its quote. */
function expectedShortfall(loanShare: string, deskAsset: "ALT" | "TOKEN", crash: Decimal): Decimal {
  const loanUsd = new Decimal(1e9).times(loanShare);
  return deskAsset === "ALT" ? loanUsd.times(crash) : loanUsd.times(Decimal.sub(1, Decimal.sub(1, crash).div(2)));
}

/**
 * The smallest fall on the slider grid at which the model's true shortfall reaches the target.
 * The closed form suggests where to look; the model decides (two runs), with a full scan if the
 * suggestion does not hold. Memoised.
 */
function xraySmallestCrash(p: XrayParams): Decimal {
  const key = JSON.stringify(p);
  const known = smallestCrashCache.get(key);
  if (known) return known;
  const reaches = (crash: Decimal) => xrayTrueShortfall(xrayValues(p, crash)).gte(p.targetShortfallUsd);
  const guess = CRASH_GRID.find((crash) => expectedShortfall(p.loanShare, p.deskAsset, crash).gte(p.targetShortfallUsd));
  let found: Decimal | undefined;
  if (guess && reaches(guess) && (guess.isZero() || !reaches(guess.minus("0.05")))) found = guess;
  else found = CRASH_GRID.find(reaches);
  if (!found) throw new RangeError(`No fall up to 95% opens a shortfall of ${p.targetShortfallUsd}; the variant is impossible.`);
  smallestCrashCache.set(key, found);
  return found;
}

const ASSET_TEXT = { ALT: "a liquid altcoin", TOKEN: "the exchange's own token" } as const;

const xraySetting: SettingExercise<XrayParams> = {
  id: "essence-xray-smallest-fall",
  kind: "setting",
  chapter: "essence",
  title: "How far must the desk's asset fall?",
  objective: OBJECTIVES.backing,
  widget: "xray",
  params(rng) {
    const loanShare = rng.decimal("0.1", "1", "0.05");
    const deskAsset = rng.pick(["ALT", "TOKEN"] as const);
    const shortfallAt = (c: Decimal) => expectedShortfall(loanShare, deskAsset, c);
    const k = rng.int(1, 19);
    const low = shortfallAt(new Decimal(k - 1).div(20));
    const high = shortfallAt(new Decimal(k).div(20));
    // A target strictly between the shortfalls at the two neighbouring grid points, on a USD 250,000 grid.
    const slots = high.minus(low).div(250000).toNumber();
    const target = low.plus(new Decimal(250000).times(rng.int(1, slots - 1)));
    return { loanShare, deskAsset, targetShortfallUsd: target.toFixed() };
  },
  prompt(p) {
    return paragraphs(
      `In the balance-sheet X-ray, the desk borrows ${pct(p.loanShare)} of the customers' USD 1,000,000,000 and buys ${ASSET_TEXT[p.deskAsset]} (under "More settings").`,
      `Set the widget to that exchange, then find the **smallest** fall in the desk's asset at which the true balance sheet is at least ${usd(p.targetShortfallUsd, 0)} short of what customers are owed. Submit the widget's state.`,
    );
  },
  hints(p) {
    return [
      "Set \"Customer dollars lent to the desk\" and \"What the desk buys\" first; they are fixed by your variant.",
      p.deskAsset === "TOKEN"
        ? "A forced sale fetches half the token's quote, so the true books are short before the price moves at all. Each further 1% of fall adds half a percent of the loan."
        : "With the altcoin, each 1% of fall costs customers 1% of the loan, because the desk has no capital of its own.",
      "Read the shortfall in the right-hand (true) panel or the summary line, and step the fall up 5% at a time.",
    ];
  },
  check(p, state) {
    const values = state as unknown as XrayValues;
    if (!new Decimal(values.loanShare).eq(p.loanShare)) {
      return { ok: false, message: `Your exchange lends ${pct(values.loanShare)} of customer dollars to the desk; this exercise's lends ${pct(p.loanShare)}. Set that slider first.` };
    }
    if (values.deskAsset !== p.deskAsset) {
      return { ok: false, message: `The desk in this exercise buys ${ASSET_TEXT[p.deskAsset]}; the widget is set to ${ASSET_TEXT[values.deskAsset as "ALT" | "TOKEN"] ?? values.deskAsset}.` };
    }
    const crash = new Decimal(values.crash);
    const shortfall = xrayTrueShortfall(values);
    if (shortfall.lt(p.targetShortfallUsd)) {
      return { ok: false, message: `At a fall of ${pct(crash)} the true books are ${usd(shortfall, 0)} short, less than ${usd(p.targetShortfallUsd, 0)}. The asset must fall further.` };
    }
    if (crash.gt(0)) {
      const smaller = crash.minus("0.05");
      const before = xrayTrueShortfall({ ...values, crash: smaller.toNumber() });
      if (before.gte(p.targetShortfallUsd)) {
        return { ok: false, message: `A fall of ${pct(smaller)} already leaves the true books ${usd(before, 0)} short. Find the smallest fall that does.` };
      }
    }
    return { ok: true };
  },
  solution(p) {
    const crash = xraySmallestCrash(p);
    const at = xrayTrueShortfall(xrayValues(p, crash));
    const before = crash.gt(0) ? xrayTrueShortfall(xrayValues(p, crash.minus("0.05"))) : null;
    const loanUsd = new Decimal(1e9).times(p.loanShare);
    return paragraphs(
      `The desk borrows ${pct(p.loanShare)} × USD 1,000,000,000 = ${usd(loanUsd, 0)}.`,
      p.deskAsset === "ALT"
        ? `With the altcoin, the desk can repay the loan times (1 − fall), so the true shortfall is ${usd(loanUsd, 0)} × fall.`
        : `With the token, a forced sale fetches half the quote: the desk can repay ${usd(loanUsd, 0)} × (1 − fall) ÷ 2, so the shortfall is ${usd(loanUsd, 0)} × (1 − (1 − fall) ÷ 2), already ${usd(loanUsd.div(2), 0)} at no fall at all.`,
      before
        ? `At a fall of ${pct(crash.minus("0.05"))} the true books are ${usd(before, 0)} short, not yet ${usd(p.targetShortfallUsd, 0)}; at **${pct(crash)}** they are ${usd(at, 0)} short. So the answer is a fall of ${pct(crash)}.`
        : `Even with no fall the true books are ${usd(at, 0)} short, so the answer is a fall of 0%.`,
      "Throughout, the reported books (with the loan hidden) show no shortfall at all, and every customer balance reads exactly as before.",
    );
  },
  canonical: (p) => `loanShare=${p.loanShare},deskAsset=${p.deskAsset},crash=${xraySmallestCrash(p).toFixed()}`,
};

export const exercises: Exercise[] = [
  uncoveredGap as unknown as Exercise,
  tokenBacking as unknown as Exercise,
  whatIsABalance as unknown as Exercise,
  contagionChannel as unknown as Exercise,
  exploitOrFailure as unknown as Exercise,
  withSafeCheck(xraySetting) as unknown as Exercise,
];
