/**
 * scenarios — named, sourced presets for the other modules.
 *
 * Models: nothing by itself. Each scenario is plain data in two parts:
 *  - `facts`: figures from the public record, each with its source (title,
 *    publisher, year, URL) and how we confirmed it (the primary document, or
 *    a secondary report of it);
 *  - `params`: the scaled-down model parameters fed to the exchange, run, cascade
 *    and liquidation modules. Every parameter is an assumption unless it is
 *    derived from a fact, and `assumptions` lists them in words.
 * The `run…` helpers at the end feed a preset into its module.
 *
 * Simplifications: a preset reproduces the *mechanism* of an event at a
 * smaller scale, not its history: balances are scaled (e.g. 1:10), price
 * paths have the right shape but invented steps, populations are generated.
 * The book says so beside every figure drawn from a preset.
 *
 * Sources: listed per fact below. Figures that could not be confirmed are not
 * published as facts (see FACTS.md for the lead list they came from).
 */
import { Decimal, D, type DecimalInput } from "./money";
import { Exchange, type BalanceSheet, type ExchangeTimelinePoint } from "./exchange";
import { generatePopulation, positionsFromPopulation, simulateCascade, type CascadeResult } from "./cascade";
import { simulateLiquidationEngine, type LiquidationEngineResult } from "./liquidation";
import { simulateRun, type RunResult } from "./run";

// ── shapes ──────────────────────────────────────────────────────────────────

/** A public source. */
export interface SourceRef {
  title: string;
  publisher: string;
  year: number;
  url: string;
  /** Publication date, ISO (YYYY-MM-DD), when known. */
  date?: string;
}

/**
 * How a figure was confirmed: "primary" — read in the cited document;
 * "secondary" — the cited document is the origin, but we read it as quoted
 * by the press (`confirmedVia`); "press" — the press is the only source.
 */
export type Confirmation = "primary" | "secondary" | "press";

/** A figure from the public record. */
export interface SourcedFigure {
  label: string;
  /** The number, exact as published (a decimal string). */
  value: string;
  unit: "USD" | "BTC" | "DAI" | "fraction" | "minutes";
  /** True when the source itself says "about" or rounds. */
  approximate: boolean;
  source: SourceRef;
  confirmation: Confirmation;
  /** Where we read it when not in the primary document. */
  confirmedVia?: SourceRef;
}

/** Parameters of a custody scenario: feed an {@link Exchange}. All amounts in units of the asset. */
export interface CustodyParams {
  kind: "custody";
  assets: Record<string, { priceUsd: string; decimals: number; haircut: string }>;
  houseCapital: Record<string, string>;
  deskCapital: Record<string, string>;
  customers: { count: number; asset: string; totalDeposit: string };
  /** Customer assets the desk takes out of custody. */
  deskBorrow: { asset: string; amount: string; hidden: boolean };
  /** What the desk does with them. */
  deskTrades: { sell: string; buy: string; amount: string }[];
  /** Then, step by step: new prices, a share of customers asking for everything, coins coming back. */
  steps: {
    label: string;
    prices?: Record<string, string>;
    /** Fraction of customers (by count, in order) who ask to withdraw their whole balance this step. */
    withdrawShare?: number;
    /** Assets the desk returns to custody (e.g. coins found again). */
    returned?: { asset: string; amount: string };
  }[];
  /** Optionally, the same venue as a withdrawal run driven by confidence. */
  run?: RunParams;
}

/** A withdrawal run on the same venue (see `run.simulateRun`): depositors, reserves, a news signal. */
export interface RunParams {
  depositorCount: number;
  depositsUsd: string;
  /** What custody can pay at once. */
  liquidReservesUsd: string;
  /** What must be sold to pay more (here: the claim on the desk), at book. */
  illiquidAssetsUsd: string;
  /** Share of book lost when the illiquid assets are sold early. */
  fireSaleDiscount: string;
  /** Public bad news per period, 0–1. */
  signal: number[];
  periods: number;
}

/** A generated population of perpetual positions (see `cascade.generatePopulation`). */
export interface PopulationParams {
  count: number;
  openInterestUsd: number;
  priceUsd: number;
  longShare: number;
  leverageMean: number;
  leverageSpread: number;
  maxLeverage: number;
  seed: string;
}

/** An order book (see `orderbook.createOrderBook`). */
export interface BookParams {
  midPriceUsd: string;
  depthUsd: string;
  levels: number;
  levelSpacingBps: number;
  profile: "flat" | "linear" | "exponential";
}

/** Parameters of a cascade scenario: feed `cascade.simulateCascade`. */
export interface CascadeParams {
  kind: "cascade";
  population: PopulationParams;
  book: BookParams;
  /** Exogenous move as a fraction (−0.07 = a 7 % fall). */
  shock: string;
  insuranceFundUsd: string;
  afterFund: "adl" | "socialize";
}

/** Parameters of a liquidation-engine scenario: feed `liquidation.simulateLiquidationEngine`. */
export interface LiquidationParams {
  kind: "liquidation";
  population: PopulationParams;
  book: BookParams;
  pricePathUsd: string[];
  throughputPerTick: number;
  refillRatePerTick: number;
  insuranceFundUsd: string;
  afterFund: "adl" | "socialize";
}

/** A named preset. */
export interface Scenario<P extends CustodyParams | CascadeParams | LiquidationParams = CustodyParams | CascadeParams | LiquidationParams> {
  id: string;
  title: string;
  /** When the real event happened (ISO date or range). */
  date: string;
  /** The question a widget built on it answers. */
  question: string;
  summary: string;
  facts: Record<string, SourcedFigure>;
  params: P;
  /** Every parameter is a model assumption unless `derivedFrom` names its fact. */
  assumption: true;
  /** Parameter → fact it is scaled from, and how. */
  derivedFrom: Record<string, string>;
  /** The assumptions, in words. */
  assumptions: string[];
}

// ── sources ─────────────────────────────────────────────────────────────────

const FTX_SECOND_REPORT: SourceRef = {
  title:
    "Second Interim Report of John J. Ray III to the Independent Directors: The Commingling and Misuse of Customer Deposits at FTX.com",
  publisher: "FTX Trading Ltd. and affiliated debtors (Kroll restructuring case site)",
  year: 2023,
  date: "2023-06-26",
  url: "https://restructuring.ra.kroll.com/FTX/",
};
const THE_BLOCK_FTX_REPORT: SourceRef = {
  title: "FTX.com exchange owed customers $8.7 billion, debtors say",
  publisher: "The Block",
  year: 2023,
  date: "2023-06-26",
  url: "https://www.theblock.co/post/236474/ftx-com-exchange-owed-customers-8-7-billion-debtors-say",
};
const UNCHAINED_FTX_REPORT: SourceRef = {
  title: "FTX Recovers $7 Billion in Liquid Assets",
  publisher: "Unchained",
  year: 2023,
  date: "2023-06-26",
  url: "https://unchainedcrypto.com/ftx-recovers-7-billion-in-assets-in-liquid-assets/",
};
const COINDESK_ALAMEDA: SourceRef = {
  title: "Divisions in Sam Bankman-Fried's Crypto Empire Blur on His Trading Titan Alameda's Balance Sheet",
  publisher: "CoinDesk",
  year: 2022,
  date: "2022-11-02",
  url: "https://www.coindesk.com/business/2022/11/02/divisions-in-sam-bankman-frieds-crypto-empire-blur-on-his-trading-titan-alamedas-balance-sheet/",
};
const KYODO_MTGOX: SourceRef = {
  title: "Mt. Gox says it retains nearly a quarter of 'lost' bitcoins (Kyodo News)",
  publisher: "ABS-CBN News / Kyodo News",
  year: 2014,
  date: "2014-03-21",
  url: "http://news.abs-cbn.com/business/tech-biz/03/21/14/mt-gox-says-it-retains-nearly-quarter-lost-bitcoins",
};
const CNP_MTGOX: SourceRef = {
  title: "Mt. Gox Unearths $113 Million Worth of Lost Bitcoins",
  publisher: "CardNotPresent.com",
  year: 2014,
  date: "2014-03-24",
  url: "http://cardnotpresent.com/mt-gox-unearths-113-million-worth-of-lost-bitcoins-march-24-2014/",
};
const MAKER_POST_MORTEM: SourceRef = {
  title: "The Market Collapse of March 12-13, 2020: How It Impacted MakerDAO",
  publisher: "Maker Foundation blog",
  year: 2020,
  url: "https://blog.makerdao.com/the-market-collapse-of-march-12-2020-how-it-impacted-makerdao/",
};
const MAKER_VIA: SourceRef = {
  title: "How Maker DAO Could've Minimized the Harm of Black Thursday",
  publisher: "Medium (R. Greenfield IV)",
  year: 2020,
  url: "https://medium.com/@robertgreenfieldiv",
};
const DRAGONFLY_MAKER: SourceRef = {
  title: "Daos Ex Machina: An In-Depth Timeline of Maker's Recent Crisis",
  publisher: "Dragonfly Research (T. Schmidt), Medium",
  year: 2020,
  date: "2020-03-24",
  url: "https://medium.com/dragonfly-research/daos-ex-machina-an-in-depth-timeline-of-makers-recent-crisis-66d2ae39dd65",
};
const COINDESK_OCT_2025: SourceRef = {
  title: "Market Spotlight: The $19 Billion Liquidation That Shook Crypto",
  publisher: "CoinDesk Research (citing CoinGlass data)",
  year: 2025,
  date: "2025-10-17",
  url: "https://www.coindesk.com/research/market-spotlight-the-19-billion-liquidation-that-shook-crypto",
};
const ADL_PAPER: SourceRef = {
  title: "Autodeleveraging: Impossibilities and Optimization (arXiv 2512.01112)",
  publisher: "arXiv (T. Chitra)",
  year: 2025,
  url: "https://arxiv.org/abs/2512.01112",
};

// ── the presets ─────────────────────────────────────────────────────────────

/**
 * An FTX-like house desk financed by customer deposits and its own token.
 * Scale 1:10: the desk takes a tenth of the ~$8.7B the debtors report
 * misappropriated; its own token stack is a tenth of Alameda's reported FTT.
 *
 * @example
 * FTX_LIKE_DESK.params.deskBorrow.amount //=> "870000000"
 */
export const FTX_LIKE_DESK: Scenario<CustodyParams> = {
  id: "ftx-like-desk",
  title: "An FTX-like house desk",
  date: "2022-11",
  question: "What do customers see, and what is true, while the house desk spends their deposits?",
  summary:
    "Customers deposit dollars; the house desk quietly borrows most of them and holds its own exchange token, valued at a price no one could sell at. " +
    "When the token falls and customers ask for their money, custody is short and withdrawals halt. The reported balance sheet shows no hole until the end.",
  facts: {
    customerAssetsMisappropriatedUsd: {
      label: "Customer assets misappropriated from FTX.com (debtors' estimate; press also reports it as what FTX.com owed customers)",
      value: "8700000000",
      unit: "USD",
      approximate: true,
      source: FTX_SECOND_REPORT,
      confirmation: "secondary",
      confirmedVia: THE_BLOCK_FTX_REPORT,
    },
    fiatAndStablecoinsMisappropriatedUsd: {
      label: "Of which fiat currency and stablecoins",
      value: "6400000000",
      unit: "USD",
      approximate: true,
      source: FTX_SECOND_REPORT,
      confirmation: "secondary",
      confirmedVia: UNCHAINED_FTX_REPORT,
    },
    liquidAssetsRecoveredUsd: {
      label: "Liquid assets recovered by the debtors as of the report",
      value: "7000000000",
      unit: "USD",
      approximate: true,
      source: FTX_SECOND_REPORT,
      confirmation: "secondary",
      confirmedVia: UNCHAINED_FTX_REPORT,
    },
    alamedaAssetsUsd: {
      label: "Alameda Research's assets as of 30 June 2022 (private balance sheet reviewed by CoinDesk)",
      value: "14600000000",
      unit: "USD",
      approximate: true,
      source: COINDESK_ALAMEDA,
      confirmation: "primary",
    },
    alamedaUnlockedFttUsd: {
      label: "Of which \"unlocked FTT\"",
      value: "3660000000",
      unit: "USD",
      approximate: true,
      source: COINDESK_ALAMEDA,
      confirmation: "primary",
    },
    alamedaFttCollateralUsd: {
      label: "Of which \"FTT collateral\"",
      value: "2160000000",
      unit: "USD",
      approximate: true,
      source: COINDESK_ALAMEDA,
      confirmation: "primary",
    },
    alamedaLiabilitiesUsd: {
      label: "Alameda Research's liabilities as of 30 June 2022",
      value: "8000000000",
      unit: "USD",
      approximate: true,
      source: COINDESK_ALAMEDA,
      confirmation: "primary",
    },
    alamedaLoansUsd: {
      label: "Of which loans",
      value: "7400000000",
      unit: "USD",
      approximate: true,
      source: COINDESK_ALAMEDA,
      confirmation: "primary",
    },
  },
  params: {
    kind: "custody",
    assets: {
      USD: { priceUsd: "1", decimals: 2, haircut: "0" },
      // The house token: marked at $22, but a desk dumping it would get little (haircut 90 %).
      HOUSE: { priceUsd: "22", decimals: 8, haircut: "0.9" },
    },
    houseCapital: {},
    // A tenth of Alameda's reported FTT ($3.66B + $2.16B = $5.82B) at $22: 26 454 545.45 tokens ≈ $582M.
    deskCapital: { HOUSE: "26454545.45" },
    customers: { count: 100, asset: "USD", totalDeposit: "1200000000" },
    // A tenth of the ~$8.7B misappropriated.
    deskBorrow: { asset: "USD", amount: "870000000", hidden: true },
    // A tenth of the ~$6.4B of fiat and stablecoins, spent on the desk's own token (and other illiquid bets).
    deskTrades: [{ sell: "USD", buy: "HOUSE", amount: "640000000" }],
    steps: [
      { label: "A leaked balance sheet: first withdrawals", prices: { HOUSE: "22" }, withdrawShare: 0.05 },
      { label: "A rival says it will sell its tokens: the run starts", prices: { HOUSE: "18" }, withdrawShare: 0.15 },
      { label: "The token collapses; custody cannot pay", prices: { HOUSE: "5" }, withdrawShare: 0.25 },
      { label: "Halted: the queue grows", prices: { HOUSE: "2" }, withdrawShare: 0.25 },
    ],
    run: {
      depositorCount: 1_000,
      depositsUsd: "1200000000",
      // Custody keeps what the desk did not take: $1.2B − $0.87B.
      liquidReservesUsd: "330000000",
      illiquidAssetsUsd: "870000000",
      fireSaleDiscount: "0.9",
      // Period 1: a leaked balance sheet; period 2: a rival says it will sell its tokens.
      signal: [0, 0.3, 0.6, 0.3, 0.1],
      periods: 8,
    },
  },
  assumption: true,
  derivedFrom: {
    "deskBorrow.amount": "customerAssetsMisappropriatedUsd ÷ 10",
    "deskTrades[0].amount": "fiatAndStablecoinsMisappropriatedUsd ÷ 10",
    "deskCapital.HOUSE": "(alamedaUnlockedFttUsd + alamedaFttCollateralUsd) ÷ 10 ÷ $22",
    "run.illiquidAssetsUsd": "customerAssetsMisappropriatedUsd ÷ 10 (the claim on the desk)",
  },
  assumptions: [
    "Scale 1:10 throughout; customer deposits of $1.2B are assumed (FTX.com's total is not used).",
    "The token's price path ($22 → $18 → $5 → $2) has the shape of a collapse, not FTT's recorded prices.",
    "A 90 % haircut on the token when the desk must sell: the market for it was far smaller than the desk's stack.",
    "Withdrawal requests by step (5 %, 15 %, 25 %, 25 % of customers, each asking for everything) are invented.",
    "All borrowing is hidden from the reported balance sheet, as the debtors describe commingling.",
    "The run: 1 000 equal depositors, a news signal of 0.3 then 0.6, and the claim on the desk selling at 10 % of book — all invented.",
  ],
};

/**
 * A Mt. Gox-like custody loss: coins leave custody unnoticed over years; the
 * hole shows only when customers ask for them; some are found again later.
 * Real units (BTC): the figures are small enough to use as reported.
 *
 * @example
 * MT_GOX_LIKE_CUSTODY_LOSS.facts.btcFoundLater.value //=> "200000"
 */
export const MT_GOX_LIKE_CUSTODY_LOSS: Scenario<CustodyParams> = {
  id: "mt-gox-like-custody-loss",
  title: "A Mt. Gox-like custody loss",
  date: "2014-02",
  question: "How can an exchange lose most of its customers' coins and keep trading?",
  summary:
    "Coins drain out of the hot wallet for years while the books still show them. When withdrawals stall, the exchange halts, and the hole is 850 000 BTC; " +
    "weeks later 200 000 BTC turn up in an old-format wallet.",
  facts: {
    customerBtcLost: {
      label: "Customer bitcoins reported lost (Mt. Gox at its bankruptcy filing)",
      value: "750000",
      unit: "BTC",
      approximate: true,
      source: KYODO_MTGOX,
      confirmation: "press",
    },
    companyBtcLost: {
      label: "Company-owned bitcoins reported lost",
      value: "100000",
      unit: "BTC",
      approximate: true,
      source: KYODO_MTGOX,
      confirmation: "press",
    },
    btcFoundLater: {
      label: "Bitcoins later found in an old-format wallet (announced March 2014)",
      value: "200000",
      unit: "BTC",
      approximate: true,
      source: KYODO_MTGOX,
      confirmation: "press",
    },
    btcPriceUsd: {
      label: "Bitcoin price at the time of the find (CoinDesk Bitcoin Price Index, as quoted)",
      value: "565",
      unit: "USD",
      approximate: true,
      source: CNP_MTGOX,
      confirmation: "press",
    },
  },
  params: {
    kind: "custody",
    // A desk's BTC haircut of 1: coins taken out of custody this way are gone (recovery 0).
    assets: { USD: { priceUsd: "1", decimals: 2, haircut: "0" }, BTC: { priceUsd: "565", decimals: 8, haircut: "1" } },
    houseCapital: { BTC: "100000" },
    deskCapital: {},
    customers: { count: 75, asset: "BTC", totalDeposit: "750000" },
    deskBorrow: { asset: "BTC", amount: "850000", hidden: true },
    deskTrades: [],
    steps: [
      { label: "Withdrawals stall; customers ask for their coins", withdrawShare: 0.1 },
      { label: "Trading stops; the queue grows", withdrawShare: 0.2 },
      { label: "200 000 BTC found in an old-format wallet", returned: { asset: "BTC", amount: "200000" } },
    ],
  },
  assumption: true,
  derivedFrom: {
    "customers.totalDeposit": "customerBtcLost (the model's customers hold exactly the coins that were lost)",
    "houseCapital.BTC": "companyBtcLost",
    "deskBorrow.amount": "customerBtcLost + companyBtcLost",
    "steps[2].returned.amount": "btcFoundLater",
    "assets.BTC.priceUsd": "btcPriceUsd",
  },
  assumptions: [
    "The loss is modelled as one hidden removal of coins with zero recovery; in reality it was gradual and its causes were disputed.",
    "Customers hold only the coins that were lost; balances split evenly over 75 customers.",
    "Withdrawal requests by step (10 %, 20 % of customers) are invented.",
    "The found coins return to custody in one step and pay the queue first in, first out.",
  ],
};

/**
 * A Black-Thursday-like crash: the price halves within a day, the network is
 * congested, so liquidations are slow and bids thin; collateral goes for
 * little and debt is left unbacked.
 *
 * @example
 * BLACK_THURSDAY_LIKE.facts.unbackedDebtDai.source.publisher //=> "Maker Foundation blog"
 */
export const BLACK_THURSDAY_LIKE: Scenario<LiquidationParams> = {
  id: "black-thursday-like",
  title: "A Black-Thursday-like crash",
  date: "2020-03-12",
  question: "What happens when liquidations cannot keep up with the price?",
  summary:
    "The collateral's price halves in a day. Congestion throttles the liquidation engine to a trickle and bidders vanish, " +
    "so positions are closed late, deep below their bankruptcy price, and the losses land on the system.",
  facts: {
    zeroBidCollateralUsd: {
      label: "ETH collateral won in MakerDAO auctions with bids of zero DAI",
      value: "8320000",
      unit: "USD",
      approximate: true,
      source: MAKER_POST_MORTEM,
      confirmation: "secondary",
      confirmedVia: MAKER_VIA,
    },
    unbackedDebtDai: {
      label: "DAI debt left without collateral (system deficit)",
      value: "5670000",
      unit: "DAI",
      approximate: true,
      source: MAKER_POST_MORTEM,
      confirmation: "secondary",
      confirmedVia: MAKER_VIA,
    },
    ethFallFraction: {
      label: "ETH's fall on 12 March 2020 (\"plummeted over 50%\")",
      value: "0.5",
      unit: "fraction",
      approximate: true,
      source: DRAGONFLY_MAKER,
      confirmation: "primary",
    },
    ethPriceAtStartUsd: {
      label: "ETH price when Maker liquidations began (1 AM PT, 12 March 2020)",
      value: "171",
      unit: "USD",
      approximate: false,
      source: DRAGONFLY_MAKER,
      confirmation: "primary",
    },
  },
  params: {
    kind: "liquidation",
    population: {
      count: 1_000,
      openInterestUsd: 200_000_000,
      priceUsd: 171,
      longShare: 0.9,
      leverageMean: 4,
      leverageSpread: 0.5,
      maxLeverage: 20,
      seed: "black-thursday",
    },
    book: { midPriceUsd: "171", depthUsd: "3000000", levels: 200, levelSpacingBps: 20, profile: "linear" },
    // 171 → 86 (−50 %) over 24 ticks, with the steepest fall in the middle.
    pricePathUsd: [
      "171", "168", "165", "160", "154", "147", "139", "131", "122", "113", "105", "98",
      "93", "90", "88", "87", "86", "86", "87", "88", "90", "92", "94", "95",
    ],
    throughputPerTick: 8,
    refillRatePerTick: 0.02,
    insuranceFundUsd: "500000",
    afterFund: "socialize",
  },
  assumption: true,
  derivedFrom: {
    "population.priceUsd": "ethPriceAtStartUsd",
    "pricePathUsd (trough)": "ethPriceAtStartUsd × (1 − ethFallFraction)",
  },
  assumptions: [
    "A margin-trading venue stands in for Maker's vaults: positions with leverage around 4× (Maker vaults needed ≥ 150 % collateral).",
    "Open interest $200M, 1 000 positions, 90 % long: invented, to fit a widget.",
    "A book of $3M a side and 2 % refill per tick stands in for keepers priced out by gas; 8 liquidations per tick for congestion.",
    "The insurance fund ($0.5M) is invented; Maker covered its deficit by minting and auctioning MKR, modelled as a socialized loss.",
  ],
};

/**
 * A record liquidation day with auto-deleveraging: a headline shock into a
 * crowded long book; liquidations overwhelm thin books and the insurance
 * fund, and the venue closes winners' positions (ADL).
 *
 * @example
 * RECORD_LIQUIDATION_DAY.facts.hyperliquidAdlUsd.value //=> "2100000000"
 */
export const RECORD_LIQUIDATION_DAY: Scenario<CascadeParams> = {
  id: "record-liquidation-day",
  title: "A record liquidation day with ADL",
  date: "2025-10-10/2025-10-11",
  question: "How does a 6 % headline become a liquidation cascade that ends with profitable traders closed out?",
  summary:
    "A tariff headline knocks the price down; heavily leveraged longs are liquidated into a thin book, each sale pushing the price to the next cluster. " +
    "The insurance fund runs dry and the venue auto-deleverages the most profitable shorts.",
  facts: {
    liquidatedUsd: {
      label: "Leveraged positions liquidated across venues within 24 hours (CoinGlass data)",
      value: "19000000000",
      unit: "USD",
      approximate: true,
      source: COINDESK_OCT_2025,
      confirmation: "press",
    },
    btcLowUsd: {
      label: "Bitcoin's low (CoinDesk reference rate)",
      value: "106560",
      unit: "USD",
      approximate: false,
      source: COINDESK_OCT_2025,
      confirmation: "primary",
    },
    perpOpenInterestAfterUsd: {
      label: "Perpetual futures open interest after the event (down 43 %)",
      value: "123000000000",
      unit: "USD",
      approximate: true,
      source: COINDESK_OCT_2025,
      confirmation: "primary",
    },
    hyperliquidAdlUsd: {
      label: "Positions closed by Hyperliquid's auto-deleveraging",
      value: "2100000000",
      unit: "USD",
      approximate: true,
      source: ADL_PAPER,
      confirmation: "primary",
    },
    hyperliquidAdlMinutes: {
      label: "Time over which those ADL closures happened",
      value: "12",
      unit: "minutes",
      approximate: false,
      source: ADL_PAPER,
      confirmation: "primary",
    },
  },
  params: {
    kind: "cascade",
    population: {
      count: 5_000,
      openInterestUsd: 300_000_000,
      priceUsd: 121_000,
      longShare: 0.85,
      leverageMean: 6,
      leverageSpread: 0.7,
      maxLeverage: 100,
      seed: "record-liquidation-day",
    },
    book: { midPriceUsd: "121000", depthUsd: "300000000", levels: 400, levelSpacingBps: 10, profile: "linear" },
    shock: "-0.06",
    insuranceFundUsd: "5000000",
    afterFund: "adl",
  },
  assumption: true,
  derivedFrom: {},
  assumptions: [
    "One venue at roughly 1:700 of the market's open interest: $300M over 5 000 positions (CoinDesk puts the market at $123B *after* a 43 % fall, so ~$215B before).",
    "85 % of open interest long: press reports put most of the day's liquidations on longs; the exact share is not used.",
    "Leverage around 6× with a wide spread (σ 0.7 of its log), so a tail runs past 20×; a $300M book a side over 40 % of price; a 6 % exogenous shock; a $5M insurance fund: all invented.",
    "The cascade has no book refill, so the model's fall (about 29 %) overshoots bitcoin's (about 12 %) and resembles the altcoins' day more than BTC's.",
    "The BTC price of $121 000 before the shock is assumed; only the low ($106 560) is from the record.",
  ],
};

/**
 * Every preset.
 *
 * @example
 * SCENARIOS.map((s) => s.id) //=> ["ftx-like-desk", "mt-gox-like-custody-loss", "black-thursday-like", "record-liquidation-day"]
 */
export const SCENARIOS: readonly Scenario[] = Object.freeze([
  FTX_LIKE_DESK,
  MT_GOX_LIKE_CUSTODY_LOSS,
  BLACK_THURSDAY_LIKE,
  RECORD_LIQUIDATION_DAY,
]);

// ── lookup and validation ───────────────────────────────────────────────────

/**
 * A preset by id.
 *
 * @throws RangeError naming the known ids when `id` is unknown
 * @example
 * getScenario("ftx-like-desk").title //=> "An FTX-like house desk"
 */
export function getScenario(id: string): Scenario {
  const found = SCENARIOS.find((s) => s.id === id);
  if (!found) {
    throw new RangeError(`There is no scenario "${String(id)}"; the presets are ${SCENARIOS.map((s) => `"${s.id}"`).join(", ")}.`);
  }
  return found;
}

function checkSource(where: string, source: SourceRef | undefined): void {
  if (!source || typeof source !== "object") throw new RangeError(`${where} has no source.`);
  if (typeof source.title !== "string" || source.title.trim() === "") throw new RangeError(`${where}: its source has no title.`);
  if (typeof source.publisher !== "string" || source.publisher.trim() === "") throw new RangeError(`${where}: its source has no publisher.`);
  if (!Number.isInteger(source.year) || source.year < 1990 || source.year > 2100) {
    throw new RangeError(`${where}: its source's year (${String(source.year)}) is not a plausible year.`);
  }
  if (typeof source.url !== "string" || !/^https?:\/\/\S+$/.test(source.url)) {
    throw new RangeError(`${where}: its source needs a web address (http… or https…), not "${String(source.url)}".`);
  }
  if (source.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(source.date)) {
    throw new RangeError(`${where}: its source's date must be written YYYY-MM-DD, not "${source.date}".`);
  }
}

function amount(where: string, value: DecimalInput, options: { positive?: boolean } = {}): Decimal {
  const d = D(value, where);
  if (d.isNegative() || (options.positive && d.isZero())) {
    throw new RangeError(`${where} must be ${options.positive ? "more than zero" : "zero or more"}, not ${d.toString()}.`);
  }
  return d;
}

function share(where: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`${where} must be a fraction between 0 and 1, not ${String(value)}.`);
  }
}

function whole(where: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${where} must be a whole number of at least ${min}, not ${String(value)}.`);
}

function checkPopulation(where: string, p: PopulationParams): void {
  whole(`${where}.count`, p.count, 1);
  amount(`${where}.openInterestUsd`, p.openInterestUsd, { positive: true });
  amount(`${where}.priceUsd`, p.priceUsd, { positive: true });
  share(`${where}.longShare`, p.longShare);
  amount(`${where}.leverageMean`, p.leverageMean, { positive: true });
  amount(`${where}.leverageSpread`, p.leverageSpread);
  if (p.maxLeverage < p.leverageMean) throw new RangeError(`${where}.maxLeverage must be at least leverageMean.`);
}

function checkBook(where: string, b: BookParams): void {
  amount(`${where}.midPriceUsd`, b.midPriceUsd, { positive: true });
  amount(`${where}.depthUsd`, b.depthUsd, { positive: true });
  whole(`${where}.levels`, b.levels, 1);
  amount(`${where}.levelSpacingBps`, b.levelSpacingBps, { positive: true });
}

/**
 * Checks a preset: every fact has a parseable value and a complete source;
 * every parameter is in range; the assumptions are spelled out. Returns the
 * scenario so it can wrap a literal.
 *
 * @throws RangeError saying which scenario and which field is wrong
 * @example
 * validateScenario(BLACK_THURSDAY_LIKE).id //=> "black-thursday-like"
 */
export function validateScenario<S extends Scenario>(scenario: S): S {
  if (scenario === null || typeof scenario !== "object") throw new RangeError("A scenario must be an object.");
  const name = `Scenario "${String(scenario.id)}"`;
  if (typeof scenario.id !== "string" || !/^[a-z0-9-]+$/.test(scenario.id)) {
    throw new RangeError(`${name}: its id must be lower-case letters, digits and dashes.`);
  }
  for (const field of ["title", "date", "question", "summary"] as const) {
    if (typeof scenario[field] !== "string" || scenario[field].trim() === "") throw new RangeError(`${name} has no ${field}.`);
  }
  const facts = Object.entries(scenario.facts ?? {});
  if (facts.length === 0) throw new RangeError(`${name} cites no facts: a preset must say what in it comes from the record.`);
  for (const [key, fact] of facts) {
    const where = `${name}, fact ${key}`;
    if (typeof fact.label !== "string" || fact.label.trim() === "") throw new RangeError(`${where} has no label.`);
    amount(`${where} value`, fact.value);
    checkSource(where, fact.source);
    if (!["primary", "secondary", "press"].includes(fact.confirmation)) {
      throw new RangeError(`${where}: confirmation must be "primary", "secondary" or "press".`);
    }
    if (fact.confirmedVia !== undefined) checkSource(`${where} (confirmed via)`, fact.confirmedVia);
  }
  if (scenario.assumption !== true || !Array.isArray(scenario.assumptions) || scenario.assumptions.length === 0) {
    throw new RangeError(`${name} must list its assumptions.`);
  }
  for (const [param, factExpression] of Object.entries(scenario.derivedFrom ?? {})) {
    const cited = facts.some(([key]) => factExpression.includes(key));
    if (!cited) throw new RangeError(`${name}: parameter ${param} says it is derived from "${factExpression}", which names no fact of the scenario.`);
  }
  const p = scenario.params;
  if (p.kind === "custody") {
    for (const [code, spec] of Object.entries(p.assets)) {
      amount(`${name}: price of ${code}`, spec.priceUsd);
      amount(`${name}: haircut of ${code}`, spec.haircut);
      if (D(spec.haircut).gt(1)) throw new RangeError(`${name}: the haircut of ${code} must be at most 1.`);
    }
    const known = (code: string, where: string) => {
      if (!(code in p.assets)) throw new RangeError(`${name}: ${where} uses asset ${code}, which the scenario does not list.`);
    };
    for (const [code, value] of [...Object.entries(p.houseCapital), ...Object.entries(p.deskCapital)]) {
      known(code, "a capital line");
      amount(`${name}: capital in ${code}`, value);
    }
    whole(`${name}: customers.count`, p.customers.count, 1);
    known(p.customers.asset, "customers");
    amount(`${name}: customers.totalDeposit`, p.customers.totalDeposit, { positive: true });
    known(p.deskBorrow.asset, "deskBorrow");
    amount(`${name}: deskBorrow.amount`, p.deskBorrow.amount);
    p.deskTrades.forEach((t, i) => {
      known(t.sell, `deskTrades[${i}]`);
      known(t.buy, `deskTrades[${i}]`);
      amount(`${name}: deskTrades[${i}].amount`, t.amount, { positive: true });
    });
    p.steps.forEach((step, i) => {
      if (step.withdrawShare !== undefined) share(`${name}: steps[${i}].withdrawShare`, step.withdrawShare);
      for (const [code, price] of Object.entries(step.prices ?? {})) {
        known(code, `steps[${i}]`);
        amount(`${name}: steps[${i}] price of ${code}`, price);
      }
      if (step.returned) {
        known(step.returned.asset, `steps[${i}]`);
        amount(`${name}: steps[${i}].returned.amount`, step.returned.amount, { positive: true });
      }
    });
    if (p.run !== undefined) {
      whole(`${name}: run.depositorCount`, p.run.depositorCount, 1);
      amount(`${name}: run.depositsUsd`, p.run.depositsUsd);
      amount(`${name}: run.liquidReservesUsd`, p.run.liquidReservesUsd);
      amount(`${name}: run.illiquidAssetsUsd`, p.run.illiquidAssetsUsd);
      amount(`${name}: run.fireSaleDiscount`, p.run.fireSaleDiscount);
      if (D(p.run.fireSaleDiscount).gt(1)) throw new RangeError(`${name}: run.fireSaleDiscount must be at most 1.`);
      p.run.signal.forEach((x, i) => share(`${name}: run.signal[${i}]`, x));
      whole(`${name}: run.periods`, p.run.periods, 1);
    }
  } else if (p.kind === "cascade") {
    checkPopulation(`${name}: population`, p.population);
    checkBook(`${name}: book`, p.book);
    const shock = D(p.shock, `${name}: shock`);
    if (shock.lte(-1)) throw new RangeError(`${name}: shock must be above −1 (a fall of 100 % or more is not a price).`);
    amount(`${name}: insuranceFundUsd`, p.insuranceFundUsd);
  } else if (p.kind === "liquidation") {
    checkPopulation(`${name}: population`, p.population);
    checkBook(`${name}: book`, p.book);
    if (!Array.isArray(p.pricePathUsd) || p.pricePathUsd.length === 0) throw new RangeError(`${name}: pricePathUsd must list at least one price.`);
    p.pricePathUsd.forEach((price, i) => amount(`${name}: pricePathUsd[${i}]`, price, { positive: true }));
    whole(`${name}: throughputPerTick`, p.throughputPerTick, 1);
    share(`${name}: refillRatePerTick`, p.refillRatePerTick);
    amount(`${name}: insuranceFundUsd`, p.insuranceFundUsd);
  } else {
    throw new RangeError(`${name}: params.kind must be "custody", "cascade" or "liquidation".`);
  }
  return scenario;
}

/**
 * A fact's value as a Decimal.
 *
 * @example
 * factValue(FTX_LIKE_DESK, "alamedaUnlockedFttUsd").toString() //=> "3660000000"
 */
export function factValue(scenario: Scenario, key: string): Decimal {
  const fact = scenario.facts[key];
  if (!fact) {
    throw new RangeError(`Scenario "${scenario.id}" has no fact "${key}"; it has ${Object.keys(scenario.facts).join(", ")}.`);
  }
  return D(fact.value, key);
}

// ── running the presets ─────────────────────────────────────────────────────

/** One snapshot of a custody run: both balance sheets after a step. */
export interface CustodySnapshot {
  label: string;
  reported: BalanceSheet;
  true: BalanceSheet;
  halted: boolean;
  /** Withdrawals waiting in the queue. */
  queuedCount: number;
}

/** Result of {@link runFtxLikeDesk} and {@link runMtGoxLikeLoss}. */
export interface CustodyRun {
  scenario: Scenario<CustodyParams>;
  /** The exchange at the end, to inspect further. */
  exchange: Exchange;
  /** "Before the run" first, then one per step. */
  snapshots: CustodySnapshot[];
  timeline: readonly ExchangeTimelinePoint[];
}

function runCustody(scenario: Scenario<CustodyParams>): CustodyRun {
  validateScenario(scenario);
  const p = scenario.params;
  const exchange = new Exchange({ assets: p.assets, houseCapital: p.houseCapital, deskCapital: p.deskCapital });
  const decimals = p.assets[p.customers.asset]!.decimals;
  const total = D(p.customers.totalDeposit);
  const each = total.div(p.customers.count).toDecimalPlaces(decimals, Decimal.ROUND_DOWN);
  const ids = Array.from({ length: p.customers.count }, (_, i) => `customer-${String(i + 1).padStart(3, "0")}`);
  ids.forEach((id, i) => {
    // The last customer takes the rounding remainder, so deposits add up exactly.
    const deposit = i === ids.length - 1 ? total.minus(each.times(ids.length - 1)) : each;
    exchange.deposit(id, p.customers.asset, deposit);
  });
  if (D(p.deskBorrow.amount).gt(0)) exchange.deskBorrow(p.deskBorrow.asset, p.deskBorrow.amount, { hidden: p.deskBorrow.hidden });
  for (const trade of p.deskTrades) exchange.deskTrade(trade.sell, trade.buy, trade.amount);
  const snapshot = (label: string): CustodySnapshot => ({
    label,
    reported: exchange.reportedBalanceSheet(),
    true: exchange.trueBalanceSheet(),
    halted: exchange.halted,
    queuedCount: exchange.queuedWithdrawals().length,
  });
  const snapshots = [snapshot("Before the run")];
  let next = 0;
  for (const step of p.steps) {
    for (const [code, price] of Object.entries(step.prices ?? {})) exchange.setPrice(code, price);
    const askers = Math.round((step.withdrawShare ?? 0) * ids.length);
    for (const id of ids.slice(next, next + askers)) {
      const balance = exchange.customerBalance(id, p.customers.asset);
      if (balance.gt(0)) exchange.withdraw(id, p.customers.asset, balance);
    }
    next = Math.min(ids.length, next + askers);
    if (step.returned) {
      exchange.deskRepay(step.returned.asset, step.returned.amount);
      exchange.resume();
    }
    snapshots.push(snapshot(step.label));
  }
  return { scenario, exchange, snapshots, timeline: exchange.timeline() };
}

/**
 * Runs {@link FTX_LIKE_DESK} (or a variant) through an {@link Exchange}:
 * deposits, the hidden borrowing, the token purchase, then the run.
 *
 * @example
 * const run = runFtxLikeDesk();
 * run.snapshots.map((s) => s.halted)                   //=> [false, false, false, true, true]
 * run.snapshots[0]!.reported.shortfallUsd.toString()   //=> "0"
 * formatUsd(run.snapshots[0]!.true.shortfallUsd)       //=> "$517.8M"
 */
export function runFtxLikeDesk(scenario: Scenario<CustodyParams> = FTX_LIKE_DESK): CustodyRun {
  return runCustody(scenario);
}

/**
 * Runs {@link MT_GOX_LIKE_CUSTODY_LOSS} (or a variant) through an {@link Exchange}.
 *
 * @example
 * const run = runMtGoxLikeLoss();
 * run.snapshots[0]!.true.lines.find((l) => l.asset === "BTC")!.equity.toString() //=> "-750000"
 */
export function runMtGoxLikeLoss(scenario: Scenario<CustodyParams> = MT_GOX_LIKE_CUSTODY_LOSS): CustodyRun {
  return runCustody(scenario);
}

/**
 * Runs {@link BLACK_THURSDAY_LIKE} (or a variant) through the liquidation
 * engine: a generated population, the price path, a thin slow book.
 *
 * @example
 * const r = runBlackThursdayLike();
 * r.totalBadDebtUsd.gt(0) //=> true
 */
export function runBlackThursdayLike(scenario: Scenario<LiquidationParams> = BLACK_THURSDAY_LIKE): LiquidationEngineResult {
  validateScenario(scenario);
  const p = scenario.params;
  const positions = positionsFromPopulation(generatePopulation({ ...p.population }));
  return simulateLiquidationEngine({
    positions,
    pricePathUsd: p.pricePathUsd,
    book: { ...p.book },
    throughputPerTick: p.throughputPerTick,
    refillRatePerTick: p.refillRatePerTick,
    insuranceFundUsd: p.insuranceFundUsd,
    afterFund: p.afterFund,
  });
}

/**
 * Runs {@link RECORD_LIQUIDATION_DAY} (or a variant) through the cascade.
 *
 * @example
 * const r = runRecordLiquidationDay();
 * r.trace.some((round) => round.adlEvents.length > 0) //=> true
 */
export function runRecordLiquidationDay(scenario: Scenario<CascadeParams> = RECORD_LIQUIDATION_DAY): CascadeResult {
  validateScenario(scenario);
  const p = scenario.params;
  return simulateCascade({
    populationOptions: { ...p.population },
    book: { ...p.book },
    shock: p.shock,
    insuranceFundUsd: p.insuranceFundUsd,
    afterFund: p.afterFund,
  });
}

/**
 * Runs the withdrawal-run part of {@link FTX_LIKE_DESK} (or a variant with a
 * `run` block) through `run.simulateRun`: confidence falls with the news and
 * with every withdrawal, until custody is empty and the venue halts.
 *
 * @throws RangeError when the scenario has no `run` block
 * @example
 * const r = runFtxLikeWithdrawalRun();
 * r.haltPeriod //=> 2
 */
export function runFtxLikeWithdrawalRun(scenario: Scenario<CustodyParams> = FTX_LIKE_DESK): RunResult {
  validateScenario(scenario);
  const run = scenario.params.run;
  if (run === undefined) throw new RangeError(`Scenario "${scenario.id}" has no run block to simulate.`);
  return simulateRun({
    depositorCount: run.depositorCount,
    depositsUsd: run.depositsUsd,
    liquidReservesUsd: run.liquidReservesUsd,
    illiquidAssetsUsd: run.illiquidAssetsUsd,
    fireSaleDiscount: run.fireSaleDiscount,
    signal: run.signal,
    periods: run.periods,
  });
}
