/**
 * Exercises for Chapter 2, "Origin: from lost coins to borrowed collateral".
 *
 * Answers come from the simulation library: the order book (`createOrderBook`,
 * `marketOrder`) for a forced sale of an exchange token, the margin module for
 * an account that may run a negative balance, the Diamond–Dybvig payoff from
 * the run module, and the run widget's own model for the tipping point of a
 * withdrawal run. Money is written "USD 1,250.00" throughout.
 */
import {
  Decimal,
  Exchange,
  bankruptcyPrice,
  createOrderBook,
  diamondDybvigWaitingPayoff,
  equityUsd,
  liquidationPrice,
  marketOrder,
  position,
} from "../../src/sim/index";
import runModel from "../../components/widgets/run/model";
import type { ChoiceExercise, Exercise, NumericExercise, SettingExercise } from "../../src/lib/exercises/types";
import { drawUntil, num, paragraphs, pct, pctFixed, plain, round, usd, withSafeCheck } from "./format";

const OBJECTIVES = {
  record: "Reconstruct the failures of Mt. Gox (2014) and FTX (2022) from dated, sourced events and figures.",
  desk: "Explain how an affiliated trading desk can spend customer deposits while every balance still reads correctly.",
  token: "Estimate what an exchange token pledged as collateral would fetch in a forced sale, and explain why its screen price overstates it.",
  privileges: "Identify special privileges in a margin engine, such as a negative-balance flag, and who pays for them.",
  run: "Distinguish illiquidity from insolvency in an exchange that has halted withdrawals, and explain why withdrawing early is rational.",
} as const;

// ── 1. A forced sale of an exchange token ───────────────────────────────────

type TokenSaleParams = { quoteUsd: string; depthUsd: string; tokens: string };

const tokenSaleCache = new Map<string, ReturnType<typeof computeTokenSale>>();

/** Memoised: building a 300-level book in exact decimals is the slow part, and every text of the exercise needs the sale. */
function tokenSale(p: TokenSaleParams) {
  const key = JSON.stringify(p);
  if (!tokenSaleCache.has(key)) tokenSaleCache.set(key, computeTokenSale(p));
  return tokenSaleCache.get(key)!;
}

function computeTokenSale(p: TokenSaleParams) {
  // The chapter's book: bids over the 30% below the quote, 300 levels 0.1% apart, thinnest near the top.
  const book = createOrderBook({ midPriceUsd: p.quoteUsd, depthUsd: p.depthUsd, levels: 300, levelSpacingBps: 10, profile: "linear" });
  const sale = marketOrder(book, "sell", p.tokens);
  const quoteValueUsd = new Decimal(p.tokens).times(p.quoteUsd);
  return { sale, quoteValueUsd, lostUsd: quoteValueUsd.minus(sale.notionalUsd) };
}

const tokenFireSale: NumericExercise<TokenSaleParams> = {
  id: "origin-token-fire-sale",
  kind: "numeric",
  chapter: "origin",
  title: "What a stack of exchange tokens fetches",
  objective: OBJECTIVES.token,
  unit: "usd",
  params(rng) {
    const quoteUsd = rng.decimal("10", "40", "0.25");
    const depthUsd = rng.decimal("20000000", "100000000", "1000000");
    // A stack worth 10% to 120% of the bids at its quote, in whole thousands of tokens.
    const share = rng.decimal("0.1", "1.2", "0.01");
    const tokens = new Decimal(depthUsd).times(share).div(quoteUsd).div(1000).round().times(1000);
    return { quoteUsd, depthUsd, tokens: tokens.toFixed() };
  },
  prompt(p) {
    return paragraphs(
      `An affiliate pledged ${plain(p.tokens)} of an exchange's own tokens as collateral. The token is quoted at ${usd(p.quoteUsd)}.`,
      `The lender calls the loan and sells the whole stack at once into the token's order book: ${usd(p.depthUsd, 0)} of bids spread over 300 levels 0.1% apart, covering the 30% below the quote, thin near the top and thicker further down (the depth of each level grows in proportion to its distance from the quote, as in the chapter's table). Whatever the bids cannot absorb stays unsold.`,
      "Use the simulation library's order book (`createOrderBook` with `profile: \"linear\"`, then `marketOrder`) or reason from the chapter. How much does the sale raise, in USD? Rounding to the nearest USD 1,000 is fine.",
    );
  },
  hints(p) {
    return [
      `At the quote the stack is "worth" ${usd(new Decimal(p.tokens).times(p.quoteUsd), 0)}. Each token sold takes the best bid left, so the average price falls as the sale walks down the book.`,
      "If the stack is worth more at the quote than all the bids together, the book runs out: the sale raises at most the total depth.",
      "In a code cell: `const book = createOrderBook({ midPriceUsd, depthUsd, levels: 300, levelSpacingBps: 10, profile: \"linear\" }); marketOrder(book, \"sell\", tokens).notionalUsd`.",
    ];
  },
  solution(p) {
    const { sale, quoteValueUsd, lostUsd } = tokenSale(p);
    const filledAll = sale.unfilledQuantity.isZero();
    return paragraphs(
      `At the quote the ${plain(p.tokens)} tokens are worth ${usd(quoteValueUsd)}.`,
      filledAll
        ? `Sold into the book they fill completely, the last at ${usd(sale.lastPrice!)}, for proceeds of **${usd(sale.notionalUsd)}**: an average of ${usd(sale.averagePrice!)} a token, ${pctFixed(sale.slippage!)} below the quote.`
        : `The bids run out at ${usd(sale.lastPrice!)} after ${plain(sale.filledQuantity)} tokens; ${plain(sale.unfilledQuantity)} tokens cannot be sold at all. The sale raises **${usd(sale.notionalUsd)}**, about the whole depth of the book, at an average of ${usd(sale.averagePrice!)}.`,
      `The screen price overstated the collateral by ${usd(lostUsd)}, ${pctFixed(lostUsd.div(quoteValueUsd))} of its quoted value. And this assumes the bids stay put: when market makers stop trusting the venue they pull them, and the same sale raises far less.`,
    );
  },
  answer: (p) => tokenSale(p).sale.notionalUsd.toFixed(),
  tolerance: () => ({ abs: "1000" }),
  canonical: (p) => tokenSale(p).sale.notionalUsd.toNearest(1000, Decimal.ROUND_HALF_EVEN).toFixed(0),
};

// ── 2. Who pays for the desk's loss ─────────────────────────────────────────

type DeskParams = { customers: number; perCustomerUsd: string; loanShare: string; fall: string };

function deskRun(p: DeskParams) {
  // Invariants are checked once at the end rather than after each of up to 400 deposits: same guarantee, faster.
  const exchange = new Exchange({ assets: { USD: { decimals: 2 }, ALT: { priceUsd: "100", decimals: 8 } }, keepJournal: false, checkInvariants: false });
  for (let i = 0; i < p.customers; i++) exchange.deposit(`customer ${i + 1}`, "USD", p.perCustomerUsd);
  const depositsUsd = new Decimal(p.perCustomerUsd).times(p.customers);
  const loanUsd = depositsUsd.times(p.loanShare);
  exchange.deskBorrow("USD", loanUsd, { hidden: true });
  exchange.deskTrade("USD", "ALT", loanUsd);
  exchange.setPrice("ALT", new Decimal(100).times(new Decimal(1).minus(p.fall)));
  exchange.assertInvariants();
  const reported = exchange.reportedBalanceSheet();
  const truth = exchange.trueBalanceSheet();
  // Paid in order of asking: custody first, then what the desk repays when the loan is called.
  const paidInFull = truth.totalAssetsUsd.div(p.perCustomerUsd).floor().toNumber();
  // What the first customer not paid in full gets (zero when the assets are an exact multiple of a deposit).
  const leftoverUsd = truth.totalAssetsUsd.minus(new Decimal(p.perCustomerUsd).times(paidInFull));
  return { depositsUsd, loanUsd, reported, truth, paidInFull, waiting: p.customers - paidInFull, leftoverUsd };
}

const deskWhoPays: NumericExercise<DeskParams> = {
  id: "origin-desk-who-pays",
  kind: "numeric",
  chapter: "origin",
  title: "Who pays for the desk's loss?",
  objective: OBJECTIVES.desk,
  unit: "count",
  params(rng) {
    return {
      customers: rng.int(20, 400),
      perCustomerUsd: rng.decimal("10000", "10000000", "10000"),
      loanShare: rng.decimal("0.1", "1", "0.05"),
      fall: rng.decimal("0.05", "0.95", "0.05"),
    };
  },
  prompt(p) {
    return paragraphs(
      `${p.customers} customers have each deposited ${usd(p.perCustomerUsd, 0)} at an exchange with no capital of its own. Its house desk quietly borrows ${pct(p.loanShare)} of the deposits (the reported books still count the money as in custody) and buys an altcoin, which then falls ${pct(p.fall)}.`,
      "Then every customer asks for everything, one after another. The exchange pays from custody; when custody cannot pay the next customer in full, it calls in the loan, the desk sells all it holds and repays what that raises, and payments continue until nothing is left. How many customers are paid in full?",
    );
  },
  hints: () => [
    "The desk can repay only what its altcoin fetches now: the loan times (1 − fall).",
    "Everything the exchange can pay out is custody plus that repayment. Divide by what each customer is owed.",
  ],
  solution(p) {
    const d = deskRun(p);
    return paragraphs(
      `Deposits total ${usd(d.depositsUsd, 0)}; the desk took ${usd(d.loanUsd)}, leaving ${usd(d.truth.custodyUsd)} in custody. After the fall the desk can repay ${usd(d.truth.receivablesUsd)}.`,
      `So ${usd(d.truth.totalAssetsUsd)} can be paid out, against ${usd(d.truth.liabilitiesUsd)} owed: ${usd(d.truth.totalAssetsUsd)} ÷ ${usd(p.perCustomerUsd, 0)} = ${plain(d.truth.totalAssetsUsd.div(p.perCustomerUsd), 4)}, so **${d.paidInFull}** customers are paid in full${
        d.waiting <= 0
          ? ""
          : d.leftoverUsd.isZero()
            ? `, which uses up everything: the last ${d.waiting} get nothing`
            : `; the next customer gets the ${usd(d.leftoverUsd)} left${d.waiting > 1 ? ` and the last ${d.waiting - 1} get nothing` : ""}`
      }.`,
      `The whole ${usd(d.truth.shortfallUsd)} shortfall falls on those who asked last. Until the run, the reported books showed a shortfall of ${usd(d.reported.shortfallUsd)} and every balance read correctly; the speed of the run decides only who is left holding the hole, not its size.`,
    );
  },
  answer: (p) => String(deskRun(p).paidInFull),
  tolerance: () => ({ abs: "0" }),
  canonical: (p) => String(deskRun(p).paidInFull),
};

// ── 3. The account that may go negative ─────────────────────────────────────

type FlagParams = { entryUsd: string; quantity: string; leverage: number; fall: string };

function flagged(p: FlagParams) {
  const notional = new Decimal(p.entryUsd).times(p.quantity);
  const marginUsd = notional.div(p.leverage);
  const long = position({ side: "long", quantity: p.quantity, entryPrice: p.entryUsd, margin: marginUsd, maintenanceMarginRate: "0.004" });
  const markUsd = new Decimal(p.entryUsd).times(Decimal.sub(1, p.fall));
  const balanceUsd = equityUsd(long, markUsd);
  return {
    notional,
    marginUsd,
    markUsd,
    balanceUsd,
    liquidationUsd: liquidationPrice({ side: "long", entryPrice: p.entryUsd, quantity: p.quantity, margin: marginUsd, maintenanceMarginRate: "0.004" }),
    bankruptcyUsd: bankruptcyPrice({ side: "long", entryPrice: p.entryUsd, quantity: p.quantity, margin: marginUsd }),
    borrowedUsd: balanceUsd.neg(),
  };
}

const negativeBalance: NumericExercise<FlagParams> = {
  id: "origin-negative-balance",
  kind: "numeric",
  chapter: "origin",
  title: "Who lends to the account that may go negative?",
  objective: OBJECTIVES.privileges,
  unit: "usd",
  params(rng) {
    const leverage = rng.int(2, 25);
    // A fall past the bankruptcy point (1/L) by 2 to 40 percentage points, at most 90%.
    const low = new Decimal(1).div(leverage).plus("0.02").times(200).ceil().div(200);
    const high = Decimal.min(low.plus("0.38"), new Decimal("0.9"));
    return {
      entryUsd: rng.decimal("20000", "120000", "100"),
      quantity: rng.decimal("0.5", "20", "0.1"),
      leverage,
      fall: rng.decimal(low.toFixed(), high.toFixed(), "0.005"),
    };
  },
  prompt(p) {
    const f = flagged(p);
    return paragraphs(
      `An affiliated trading firm holds a long of ${plain(p.quantity)} BTC opened at ${usd(p.entryUsd, 0)} with ${usd(f.marginUsd)} of margin (${p.leverage}× leverage). The maintenance margin rate is 0.4%. Its account carries an \`allow_negative\` flag: the engine never liquidates it.`,
      `Bitcoin falls ${pct(p.fall, 1)}, to ${usd(f.markUsd)}. What is the account's balance now, as a loan from the exchange's pool of customer deposits? Give the amount the firm owes that pool, as a positive number of USD, to the nearest dollar.`,
    );
  },
  hints(p) {
    return [
      "The balance of an isolated position is its margin plus its unrealized profit or loss.",
      `The loss is the quantity times the fall in price: ${plain(p.quantity)} × (entry − mark).`,
      "Without the flag the engine would have liquidated the position near its liquidation price; with it, every dollar below the bankruptcy price comes out of other customers' deposits.",
    ];
  },
  solution(p) {
    const f = flagged(p);
    return paragraphs(
      `The loss at ${usd(f.markUsd)} is ${plain(p.quantity)} × (${usd(p.entryUsd, 0)} − ${usd(f.markUsd)}) = ${usd(f.marginUsd.minus(f.balanceUsd))}.`,
      `The balance is margin + PnL = ${usd(f.marginUsd)} − ${usd(f.marginUsd.minus(f.balanceUsd))} = ${usd(f.balanceUsd)}. The firm owes the pool **${usd(f.borrowedUsd)}**.`,
      `An ordinary account would have been liquidated at ${usd(f.liquidationUsd)}, where equity meets the 0.4% maintenance margin, before the bankruptcy price of ${usd(f.bankruptcyUsd)}; any small deficit would have gone to the insurance fund. With the flag, the deficit is a loan that nobody approved, paid from other customers' deposits, and none of their screens shows it.`,
    );
  },
  answer: (p) => flagged(p).borrowedUsd.toFixed(),
  tolerance: () => ({ abs: "1" }),
  canonical: (p) => round(flagged(p).borrowedUsd, 0),
};

// ── 4. Diamond–Dybvig: is waiting still worth it? ───────────────────────────

type WaitParams = { returnOnIlliquid: string; promisedEarly: string; withdrawingShare: string };

function waitingPayoff(p: WaitParams): Decimal {
  return diamondDybvigWaitingPayoff({ returnOnIlliquid: p.returnOnIlliquid, promisedEarly: p.promisedEarly, withdrawingShare: p.withdrawingShare });
}

const waitOrRun: NumericExercise<WaitParams> = {
  id: "origin-wait-or-run",
  kind: "numeric",
  chapter: "origin",
  title: "What waiting pays when others run",
  objective: OBJECTIVES.run,
  unit: "plain",
  params(rng) {
    const returnOnIlliquid = rng.decimal("1.2", "2", "0.05");
    const promisedEarly = rng.decimal("1.01", Decimal.min(new Decimal(returnOnIlliquid).minus("0.05"), new Decimal("1.3")).toFixed(), "0.01");
    // Below the share at which the bank cannot pay anyone who waits (f · r₁ < 1).
    const most = new Decimal(1).div(promisedEarly).minus("0.01").times(100).floor().div(100);
    return { returnOnIlliquid, promisedEarly, withdrawingShare: rng.decimal("0.05", most.toFixed(), "0.01") };
  },
  prompt(p) {
    return paragraphs(
      `A Diamond–Dybvig bank invests every deposit in an asset that pays ${plain(p.returnOnIlliquid)} per unit if held to the end, but only 1 if sold early. It promises ${plain(p.promisedEarly)} per unit to anyone who withdraws early, paying them in order of arrival.`,
      `Suppose ${pct(p.withdrawingShare)} of depositors withdraw early. How much does a depositor who waits receive per unit deposited? Round to three decimals.`,
    );
  },
  hints(p) {
    return [
      `Paying ${pct(p.withdrawingShare)} of depositors ${plain(p.promisedEarly)} each forces the bank to sell that much of the asset at 1.`,
      `What is left of the asset pays ${plain(p.returnOnIlliquid)} per unit and is shared by the ${pct(new Decimal(1).minus(p.withdrawingShare))} who wait.`,
      "The chapter's formula: (1 − r₁·f) × R ÷ (1 − f).",
    ];
  },
  solution(p) {
    const payoff = waitingPayoff(p);
    const f = new Decimal(p.withdrawingShare);
    const left = new Decimal(1).minus(f.times(p.promisedEarly));
    const runs = payoff.lt(p.promisedEarly);
    return paragraphs(
      `Early withdrawers take ${pct(f)} × ${plain(p.promisedEarly)} = ${plain(f.times(p.promisedEarly), 4)} of the bank's assets, sold at 1; ${plain(left, 4)} stays invested.`,
      `Held to the end it pays ${plain(left, 4)} × ${plain(p.returnOnIlliquid)} = ${plain(left.times(p.returnOnIlliquid), 6)}, shared among the ${pct(new Decimal(1).minus(f))} who wait: ${plain(left.times(p.returnOnIlliquid), 6)} ÷ ${plain(new Decimal(1).minus(f), 2)} = **${num(payoff, 3)}** per unit.`,
      runs
        ? `That is less than the ${plain(p.promisedEarly)} paid to those who leave now. A depositor who expects this many to run does best by running too, whatever they think of the bank's assets: the run is rational.`
        : `That is still more than the ${plain(p.promisedEarly)} paid to those who leave now, so waiting pays at this share. The higher the share that runs, the less waiting pays; past the share where the two are equal, running is the rational choice.`,
    );
  },
  answer: (p) => waitingPayoff(p).toFixed(),
  tolerance: () => ({ abs: "0.001" }),
  canonical: (p) => round(waitingPayoff(p), 3),
};

// ── 5. The record, in order ─────────────────────────────────────────────────

const RECORD: Record<"mtgox" | "ftx", { date: string; shown: string; text: string }[]> = {
  mtgox: [
    { date: "2014-02-07", shown: "7 February 2014", text: "Mt. Gox stops processing bitcoin withdrawals, blaming a software problem." },
    { date: "2014-02-25", shown: "25 February 2014", text: "Trading stops and the website goes blank; a Mt. Gox bitcoin is quoted at USD 135 against USD 430 elsewhere." },
    { date: "2014-02-28", shown: "28 February 2014", text: "Mt. Gox files for bankruptcy protection in Tokyo, reporting about 850,000 bitcoins missing." },
    { date: "2014-03-07", shown: "7 March 2014", text: "An old-format wallet thought empty is confirmed to hold 199,999.99 BTC." },
  ],
  ftx: [
    { date: "2019-07-31", shown: "31 July 2019", text: "An `allow_negative` setting is enabled for Alameda's account." },
    { date: "2022-11-02", shown: "2 November 2022", text: "CoinDesk publishes Alameda's balance sheet, heavy with FTT." },
    { date: "2022-11-06", shown: "6 November 2022", text: "Binance's chief executive says Binance will sell all its FTT." },
    { date: "2022-11-08", shown: "8 November 2022", text: "FTX.com effectively pauses withdrawals, and Binance agrees to buy it." },
    { date: "2022-11-09", shown: "9 November 2022", text: "Binance abandons the deal after due diligence." },
    { date: "2022-11-11", shown: "11 November 2022", text: "FTX, Alameda and about 130 affiliates file for Chapter 11." },
    { date: "2022-12-13", shown: "13 December 2022", text: "The SEC and the CFTC charge the founder with fraud." },
    { date: "2023-06-26", shown: "26 June 2023", text: "The debtors estimate about USD 8.7 billion of customer assets misappropriated." },
  ],
};

type RecordParams = { case: "mtgox" | "ftx"; events: string; ask: "first" | "last" };

function recordEvents(p: RecordParams) {
  return p.events.split(",").map((i) => ({ id: `e${i}`, ...RECORD[p.case][Number(i)]! }));
}

function recordAnswer(p: RecordParams) {
  const sorted = [...recordEvents(p)].sort((a, b) => a.date.localeCompare(b.date));
  return p.ask === "first" ? sorted[0]! : sorted.at(-1)!;
}

const ftxTimeline: ChoiceExercise<RecordParams> = {
  id: "origin-ftx-timeline",
  kind: "choice",
  chapter: "origin",
  title: "Put the record in order",
  objective: OBJECTIVES.record,
  multiple: false,
  params(rng) {
    const which = rng.pick(["mtgox", "ftx", "ftx"] as const);
    const indices = rng.shuffle(RECORD[which].map((_, i) => i)).slice(0, 4);
    return { case: which, events: indices.join(","), ask: rng.pick(["first", "last"] as const) };
  },
  prompt(p) {
    const name = p.case === "mtgox" ? "Mt. Gox" : "FTX";
    return paragraphs(`These four events come from the sourced timeline of ${name}'s failure in Chapter 2. Which of them happened **${p.ask}**?`);
  },
  hints: (p) =>
    p.case === "mtgox"
      ? ["At Mt. Gox, withdrawals stopped weeks before the bankruptcy filing; the forgotten wallet turned up after it."]
      : ["At FTX, the structure was in place for years; the collapse itself took nine days in November 2022, and the accounting came months later."],
  choices: (p) => recordEvents(p).map((e) => ({ id: e.id, label: e.text })),
  correct: (p) => [recordAnswer(p).id],
  solution(p) {
    const ordered = [...recordEvents(p)].sort((a, b) => a.date.localeCompare(b.date));
    return paragraphs(
      `In order: ${ordered.map((e) => `${e.shown}: ${e.text}`).join(" Then ")}`,
      `So the ${p.ask} is the event of ${recordAnswer(p).shown}.`,
    );
  },
  canonical: (p) => recordAnswer(p).id,
};

// ── 6. Setting: the tipping point of a run ──────────────────────────────────

type RunParams = { reserveRatio: string; fireSaleDiscount: string; herdWeight: string; nerveSpread: string };
type RunValues = Parameters<typeof runModel.compute>[0];

const SHOCK_GRID = Array.from({ length: 21 }, (_, k) => new Decimal(k).div(20)); // 0 … 1
const smallestShockCache = new Map<string, Decimal | null>();

function runValues(p: RunParams, shock: Decimal): RunValues {
  return {
    shock: shock.toNumber(),
    reserveRatio: Number(p.reserveRatio),
    fireSaleDiscount: Number(p.fireSaleDiscount),
    nerveSpread: Number(p.nerveSpread),
    herdWeight: Number(p.herdWeight),
    privateNews: false,
  };
}

/** The weakest news on the slider grid that ends in a halt (null if even the worst news does not). */
function smallestHaltingShock(p: RunParams): Decimal | null {
  const key = JSON.stringify(p);
  if (!smallestShockCache.has(key)) {
    let found: Decimal | null = null;
    for (const shock of SHOCK_GRID) {
      if (runModel.compute(runValues(p, shock)).haltDay !== null) {
        found = shock;
        break;
      }
    }
    smallestShockCache.set(key, found);
  }
  return smallestShockCache.get(key)!;
}

const FALLBACK_RUN: RunParams = { reserveRatio: "0.2", fireSaleDiscount: "0.3", herdWeight: "1", nerveSpread: "0.65" };

const runTippingPoint: SettingExercise<RunParams> = {
  id: "origin-run-tipping-point",
  kind: "setting",
  chapter: "origin",
  title: "When does a rumour become a halt?",
  objective: OBJECTIVES.run,
  widget: "run",
  params(rng) {
    // Redraw (a bounded number of times) until the worst news on the slider ends in a halt. No news never
    // does: confidence stays at 1, above every depositor's threshold (at most 0.625 + 0.7 / 2).
    return drawUntil(
      (): RunParams => ({
        reserveRatio: rng.decimal("0", "0.6", "0.05"),
        fireSaleDiscount: rng.decimal("0.1", "0.9", "0.05"),
        herdWeight: rng.decimal("0.5", "3", "0.1"),
        nerveSpread: rng.decimal("0.2", "0.7", "0.05"),
      }),
      (candidate) => runModel.compute(runValues(candidate, new Decimal(1))).haltDay !== null,
      FALLBACK_RUN,
    );
  },
  prompt(p) {
    return paragraphs(
      `In the withdrawal-run lab, set the venue to keep ${pct(p.reserveRatio)} of deposits as liquid reserves, with a fire-sale discount of ${pct(p.fireSaleDiscount)} on the other assets. Under "More settings", set depositors' spread of nerve to ${plain(p.nerveSpread)} and herding to ${plain(p.herdWeight)}×, and leave private news off.`,
      "Then find the **weakest** bad news on day 1 that ends in a withdrawal halt. Submit the widget's state.",
    );
  },
  hints: () => [
    "Set the four fixed controls first; only the strength of the bad news is yours to choose.",
    "Step the news up 5% at a time and watch the summary: below the tipping point the run dies out; above it, herding carries depositors to the door until the venue cannot pay.",
    "The venue halts only when even selling everything at the fire-sale price cannot pay the next withdrawal.",
  ],
  check(p, state) {
    const values = state as unknown as RunValues;
    const fixed: [keyof RunParams, string][] = [
      ["reserveRatio", "liquid reserves"],
      ["fireSaleDiscount", "fire-sale discount"],
      ["nerveSpread", "spread of nerve"],
      ["herdWeight", "herding weight"],
    ];
    for (const [key, label] of fixed) {
      if (!new Decimal(values[key] as number).eq(p[key])) {
        return { ok: false, message: `The ${label} is fixed by this exercise at ${plain(p[key])}${key === "reserveRatio" || key === "fireSaleDiscount" ? ` (${pct(p[key])})` : ""}; the widget has ${plain(values[key] as number)}.` };
      }
    }
    if (values.privateNews) return { ok: false, message: "Turn private news off: this exercise uses the deterministic run, where the most nervous depositors reach the door first." };
    const shock = new Decimal(values.shock);
    const result = runModel.compute(values);
    if (result.haltDay === null) {
      return { ok: false, message: `With bad news of ${pct(shock)} the run dies out and every depositor is paid. The tipping point is at stronger news.` };
    }
    if (shock.gt(0)) {
      const weaker = shock.minus("0.05");
      if (runModel.compute({ ...values, shock: weaker.toNumber() }).haltDay !== null) {
        return { ok: false, message: `News of ${pct(weaker)} already ends in a halt. Find the weakest news that does.` };
      }
    }
    return { ok: true };
  },
  solution(p) {
    const shock = smallestHaltingShock(p) ?? new Decimal(0);
    const at = runModel.compute(runValues(p, shock));
    const before = runModel.compute(runValues(p, shock.minus("0.05")));
    const paidBefore = new Decimal(before.paidUsd);
    return paragraphs(
      `With news of ${pct(shock.minus("0.05"))} the run stops by itself: ${usd(paidBefore, 0)} is paid out and nobody is left queuing, though the venue has sold assets at a loss and could now pay those who stayed only ${before.recoveryCents} cents on the dollar.`,
      `With news of **${pct(shock)}** the first withdrawals lower confidence enough to bring the next wave, and the venue halts on day ${at.haltDay} with ${usd(at.queuedUsd, 0)} still queued. So the tipping point is ${pct(shock)}.`,
      "The venue was solvent at book value before the news: the halt comes from selling illiquid assets early at a discount, which turns illiquidity into insolvency. Because the first in line are paid in full and the last get what is left, leaving early is the rational response once a run looks likely.",
    );
  },
  canonical(p) {
    const shock = smallestHaltingShock(p) ?? new Decimal(0);
    return `reserveRatio=${p.reserveRatio},fireSaleDiscount=${p.fireSaleDiscount},nerveSpread=${p.nerveSpread},herdWeight=${p.herdWeight},privateNews=false,shock=${shock.toFixed()}`;
  },
};

export const exercises: Exercise[] = [
  tokenFireSale as unknown as Exercise,
  deskWhoPays as unknown as Exercise,
  negativeBalance as unknown as Exercise,
  waitOrRun as unknown as Exercise,
  ftxTimeline as unknown as Exercise,
  withSafeCheck(runTippingPoint) as unknown as Exercise,
];
