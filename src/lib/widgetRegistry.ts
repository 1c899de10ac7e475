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
