/**
 * The simulation library's whole public API. Readers import it in code cells
 * as `"cef"`; widgets, exercises and tests import it as `@sim`.
 */

// ── money ────────────────────────────────────────────────────────────────
export {
  Decimal,
  ZERO,
  ONE,
  toDecimal,
  D,
  usd,
  formatUsd,
  formatExact,
  formatAsset,
  formatPercent,
  sum,
  minDecimal,
  maxDecimal,
} from "./money";
export type { DecimalInput } from "./money";

// ── custody side (issue 3) ───────────────────────────────────────────────

// ── derivatives side: margin, orderbook, liquidation, cascade, dex (issue 4a) ──

// ── derivatives side: contagion, settlement, scenarios (issue 4b) ──────────
