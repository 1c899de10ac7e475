/**
 * Every widget in the book, with where it lives. The Lab and Instructor pages
 * list these, so a widget that exists is always reachable from them.
 */
export interface WidgetInfo {
  /** URL-state prefix and DOM id, e.g. "cascade". */
  id: string;
  title: string;
  /** The question the widget answers (its caption). */
  question: string;
  /** Chapter slug and the anchor of the figure on that page. */
  chapter: string;
  anchor: string;
}

export const widgets: WidgetInfo[] = [];
