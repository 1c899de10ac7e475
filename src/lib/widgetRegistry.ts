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
