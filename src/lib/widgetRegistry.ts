/**
 * Every widget in the book, with where it lives. The Lab and Instructor pages
 * list these, so a widget that exists is always reachable from them.
 */
export interface WidgetInfo {
  /** URL-state prefix and DOM id, e.g. "cascade". */
  id: string;
  /** Folder under components/widgets/. */
  folder: string;
  title: string;
  /** The question the widget answers (its caption). */
  question: string;
  /** Chapter slug where it appears. */
  chapter: string;
  /** The src/sim modules whose documentation is the widget's model notes. */
  engineModules: string[];
  /** Widget-specific assumptions, shown in the model notes. */
  notes: string[];
  /** Parameters shown up front; the rest go under "More settings". */
  primary?: string[];
}

export const widgets: WidgetInfo[] = [
  {
    id: "xray",
    folder: "xray",
    title: "Balance-sheet X-ray",
    question: "What does the exchange show you, and what is true?",
    chapter: "essence",
    engineModules: ["exchange"],
    notes: [
      "Customers hold $1B in dollars and 10,000 BTC at $60,000; the exchange has no capital of its own and the desk none either, so every dollar the desk loses is a customer's.",
      "The desk spends all it borrows on one asset at once, with no market impact; that asset then falls in ten equal steps while bitcoin stays at $60,000, so customers' claims stay constant.",
      "The exchange's token, if chosen, can only be sold at half its quoted price: the true sheet values the desk's debt at what a forced sale would raise.",
    ],
    primary: ["loanShare", "crash", "hidden"],
  },
  {
    id: "commingling",
    folder: "commingling",
    title: "Commingling lab",
    question: "How does a trading desk lose money it never had?",
    chapter: "origin",
    engineModules: ["exchange", "random"],
    notes: [
      "100 customers hold $10M each, $1B in all; neither the exchange nor the desk has capital of its own, so every dollar the desk loses is a customer's. The desk's loan is hidden, as at FTX: the reported books count it as custody.",
      "The desk spends the whole loan on one asset at hour 0. Its price follows a seeded geometric Brownian path (80% a year for the altcoin, 150% for the token) and gaps down by the crash at the close of hour 6.",
      "From hour 10 a fixed share of customers asks for everything each hour, in the same order whatever happens. When custody cannot pay the next one, the exchange calls in the whole loan at once: the desk sells everything it holds and repays what that raises. The exchange's own token sells at half its quoted price in that forced sale.",
      "Withdrawals are paid at the last hour's close; nothing is paid after the halt, and no deposits arrive during the run.",
    ],
    primary: ["loanShare", "crash", "runPerHour"],
  },
  {
    id: "run",
    folder: "run",
    title: "Withdrawal run",
    question: "When does a rumour become a halt?",
    chapter: "origin",
    engineModules: ["run"],
    notes: [
      "1,000 depositors hold $100,000 each, $100M in all. The venue keeps the chosen share liquid; the rest is in assets worth their book value if held, but only book × (1 − discount) if sold early.",
      "The only news is one signal on day 1; every later fall in confidence comes from herding, the share of deposits already asked back. Depositors' thresholds are spread evenly around 0.625.",
      "The venue halts only when it cannot pay a withdrawal even after selling everything: no gate, no suspension earlier to protect those who stay, no lender of last resort. After the halt every remaining depositor joins the queue.",
      "With private news on, each depositor adds seeded normal noise (standard deviation 0.05) to the common confidence and those leaving reach the door in random order.",
    ],
    primary: ["shock", "reserveRatio", "fireSaleDiscount"],
  },
  {
    id: "cascade",
    folder: "cascade",
    title: "Liquidation cascade",
    question: "Why does a 10% drop end more than twice as deep?",
    chapter: "theory",
    engineModules: ["cascade"],
    notes: [
      "Every position was opened at today's price of $67,000 with the leverage drawn for it (log-normal around the average, capped at 100×); sizes are log-normal and add up to the open interest; maintenance margin is 0.4%. The draw is seeded, so the same settings always give the same market.",
      "The bids are spread over the 50% below the price in 200 levels 0.25% apart, thinnest near the price; nothing refills them during the cascade, which in a real crash takes minutes.",
      "The shock is an outside sale that takes every bid down to the shocked price. Each round then sells, all at once, every long that the last round's price pushed to its maintenance margin; a round that liquidates nobody ends the cascade. Shorts gain and are never liquidated.",
      "The insurance fund starts at $10M; losses beyond it are taken from the most profitable shorts (ADL). The table shows both; the figure shows only the price and the forced sales.",
      "With 100,000 or more positions the run goes to a background worker; the answer is the same engine's, and about the same as with 1,000, because the population is a sample of the same distribution.",
    ],
    primary: ["shock", "leverageMean", "bookDepth", "positions"],
  },
  {
    id: "liquidation",
    folder: "liquidation",
    title: "Liquidation engine under stress",
    question: "What happens when the engine can't keep up?",
    chapter: "theory",
    engineModules: ["liquidation"],
    notes: [
      "80 accounts hold $200M of positions opened at $67,000, 60% of them long, with leverage around 10× and a maintenance margin of 1%. The draw is seeded.",
      "The price falls in equal steps for 20 ticks, then holds; the engine keeps working at the last price until its queue is empty. Its own sales do not move the price (the cascade figure shows that feedback).",
      "Each tick the engine takes over every position below maintenance and sends at most the chosen number of orders, oldest first, into a book of five levels 0.3% apart that moves with the price and refills part of what was taken.",
      "The ranked list shows the winners ADL reached, in the order it reached them: their ADL score (profit as a share of margin × effective leverage, BitMEX's ranking), the profit they had and how much of it was taken.",
    ],
    primary: ["throughput", "insuranceFund", "afterFund", "crash"],
  },
  {
    id: "contagion",
    folder: "contagion",
    title: "Contagion network",
    question: "Who falls when the exchange falls?",
    chapter: "essence",
    engineModules: ["contagion"],
    notes: [
      "The ten institutions are fictional, with illustrative balance sheets of 200 to 900 million dollars: thinly capitalised market makers and funds beside better-capitalised lenders. Each keeps the chosen share of its assets at the exchange, weighted by kind (market makers up to 1.4×, lenders 0.5–0.8×) and capped at everything it has.",
      "The exchange owes its customers the hole more than it holds; half of what it does hold is in the shared risky asset (its own token and altcoins), as is part of every institution's outside assets.",
      "Node area is capital before the crisis (equity if everyone paid in full at pre-crisis prices). A survivor's inner disk is its capital after clearing; while only some rounds are shown, institutions still standing are drawn at their capital before. Retail customers are the outside creditors: they owe nothing and cannot default.",
      "Arrows run from debtor to creditor, their width by the amount owed; an arrow turns red once its debtor has defaulted, so its creditor is paid only part. Recovery applies both to a defaulter's outside assets and to what it is owed (α = β).",
    ],
    primary: ["exposure", "recovery", "fireSaleImpact", "round"],
  },
  {
    id: "settlement",
    folder: "settlement",
    title: "Settlement horizon",
    question: "How often must we settle to stop worrying about the venue?",
    chapter: "horizon",
    engineModules: ["settlement"],
    notes: [
      "Open interest is one side's notional. Collateral sits in an on-chain vault, so a failing venue can take only the profit earned since the last settlement; the exposure shown is the chosen quantile of that profit at the end of a window.",
      "The expected-loss line is the failure rate times the average exposure when a failure strikes at a random moment in the window (two thirds of the end-of-window mean). A 5% rate is one failure in twenty years, independent of the market: a lower bound, since venues tend to fail in crashes.",
      "Fees and block times are round-number assumptions, not quotes: 5 dollars a settlement every 12-second block on the base chain, 5 cents every 2-second block on the rollup. Real fees move by orders of magnitude with congestion.",
      "The curve is sampled at 30 intervals from one block to a week; the optimum is the engine's closed form, and the summary gives it rounded to a whole number of blocks.",
    ],
    primary: ["volatility", "interval", "layer", "openInterestBillions"],
  },
  {
    id: "rehypothecation",
    folder: "rehypothecation",
    title: "Rehypothecation chain",
    question: "How many claims can one bitcoin back?",
    chapter: "theory",
    engineModules: ["rehypothecation"],
    notes: [
      "The client pledges one bitcoin valued at $60,000, and the coin keeps that value throughout: no fire-sale discount when the chain unwinds.",
      "Every dealer re-pledges the same share of what it received; the last dealer keeps all it received. The multiplier is 1 + r + r² + … + rⁿ for reuse rate r and n re-pledges, and never exceeds 1/(1 − r).",
      "A failed dealer's cash is assumed gone. Its secured lender keeps the collateral pledged to it, its estate hands back what it still holds, and the rest of what it owes its pledger is unsecured, recovered only at the recovery rate.",
      "Every dealer has the same capital; a loss beyond it makes that dealer fail too and passes up the chain, to the client last.",
    ],
    primary: ["hops", "reuseRate", "failedDealer"],
  },
  {
    id: "reserves",
    folder: "reserves",
    title: "Proof-of-reserves explorer",
    question: "Can you check that your balance is counted?",
    chapter: "approach",
    engineModules: ["reserves"],
    notes: [
      "Eight customers are owed $26,000 in all; the exchange's wallets hold that minus the shortfall you set, and each trick is the exchange's way of hiding the shortfall.",
      "The dummy account sits beside the chosen customer with a balance of minus the shortfall; a lowered balance is cut by the shortfall but never below zero; borrowed reserves equal the shortfall and are repaid before a second, unannounced snapshot.",
      "Hashes are real SHA-256 over the engine's byte layout, shown by their first six hexadecimal digits (full hashes under Show data). Salts come from a fixed seed so the figure is reproducible; a real exchange keeps them secret.",
      "The tree is recomputed from the proofs the exchange hands out, as each customer's software would. A node left without a partner at the end of a level is paired with a padding node of sum 0, which is not drawn.",
      "“Reserves cover everything owed” counts every liability, the lender's loan included; no outsider can run it without the exchange's full books.",
    ],
    primary: ["shortfallUsd", "trick", "you", "target"],
  },
  {
    id: "cexdex",
    folder: "cexdex",
    title: "Same crash, two rulebooks",
    question: "What changes when the same crash hits a custodial engine and an on-chain vault?",
    chapter: "evolution",
    engineModules: ["dex", "cascade"],
    notes: [
      "Both venues get the very same 80 generated positions ($20M of open interest at $67,000, 60% of traders long, mean leverage as set, one seed), the same $40M book a side and the same instant fall; only the liquidation rules differ.",
      "The exchange's engine has unlimited throughput and no keeper bonus: it sells each position into the book the moment it breaches maintenance margin, keeps any margin left for its insurance fund, and then auto-deleverages (or socializes) what the fund cannot cover.",
      "On the vault a keeper takes the position over at the oracle price less the bonus and sells it in the same book, only if that pays for gas and the priority fee (half the bonus, bid away to block builders); the trader keeps any equity left. A bonus larger than the equity left is bad debt, paid by the backstop pool and then the protocol.",
      "Bad debt on the vault also counts positions no keeper would touch, valued at the final price (not yet booked). Block time only sets the clock: the price does not move between blocks and the book does not refill.",
      "“Checkable in advance” lists come from the engine: what a user could verify before the crash without trusting the venue's word.",
    ],
    primary: ["fall", "bonus", "gasUsd", "blockCapacity"],
  },
  {
    id: "cases",
    folder: "cases",
    title: "Case replays: record and model",
    question: "What did the record show, and what does the model say?",
    chapter: "origin",
    engineModules: ["scenarios", "exchange", "run", "cascade"],
    notes: [
      "The record panel and every row marked Record come from the case files in content/cases/, and each figure carries the id of the reference it is taken from; nothing on that side is computed.",
      "The model panel runs the named preset of src/sim/scenarios.ts for the case. A preset reproduces the mechanism at a smaller scale, not the history: FTX at 1:10 with an invented token price path and withdrawal pattern, Mt. Gox in real bitcoin units with the loss as one hidden removal, 10 October 2025 as one venue of about 1:700 of the market's open interest.",
      "Which model inputs are set from the record, and every assumption the preset makes, are listed under Show data.",
      "The liquidation day runs through the cascade's fast sweep, which returns exactly what runRecordLiquidationDay() returns.",
    ],
  },
];

/** The registry entry of a widget; fails the build for an unknown id. */
export function widgetById(id: string): WidgetInfo {
  const info = widgets.find((widget) => widget.id === id);
  if (!info) throw new Error(`<Widget id="${id}">: no entry in src/lib/widgetRegistry.ts`);
  return info;
}

/** Where a widget is on its chapter page. */
export function widgetHref(info: WidgetInfo): string {
  return `/chapters/${info.chapter}/#widget-${info.id}`;
}
