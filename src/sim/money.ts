/**
 * money — how the book counts.
 *
 * Models: amounts of money and of assets as exact decimals. One Decimal
 * constructor is configured once here (34 significant digits, like IEEE 754
 * decimal128; half-even "banker's" rounding) and every module imports it from
 * here, never from `decimal.js` directly, so a change of policy is one edit.
 *
 * Simplifications: no currency object; an amount's unit is carried by the
 * name of the variable or the account (`collateralUsd`, `custodyBtc`).
 * Display rounding is half-even; internal arithmetic keeps 34 digits.
 */
import DecimalBase from "decimal.js";

/** The project's Decimal: 34 significant digits, half-even rounding. */
export const Decimal = DecimalBase.clone({
  precision: 34,
  rounding: DecimalBase.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
/** An exact decimal number (an instance of the project's {@link Decimal}). */
export type Decimal = DecimalBase;

/** Anything the library accepts where it needs an amount. */
export type DecimalInput = Decimal | string | number;

/** Exact zero. */
export const ZERO: Decimal = new Decimal(0);
/** Exact one. */
export const ONE: Decimal = new Decimal(1);

/**
 * Turns a number, numeric string or Decimal into a Decimal, refusing anything
 * that is not a finite number.
 *
 * @param value - what to convert
 * @param name - the parameter's name, used in the error message
 * @throws RangeError when `value` is not a finite number
 * @example
 * toDecimal("1250.5").toString() //=> "1250.5"
 */
export function toDecimal(value: DecimalInput, name = "amount"): Decimal {
  if (value instanceof DecimalBase) {
    if (!value.isFinite()) throw new RangeError(`${name} must be a finite number, not ${value.toString()}.`);
    return value instanceof Decimal ? value : new Decimal(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, not ${String(value)}.`);
    return new Decimal(value);
  }
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) {
      throw new RangeError(`${name} must be a number, but "${value}" is not one.`);
    }
    return new Decimal(trimmed);
  }
  throw new RangeError(`${name} must be a number, but got ${typeof value}.`);
}

/** Short alias of {@link toDecimal} for internal arithmetic. */
export const D = toDecimal;

/**
 * Parses an amount of dollars as people write it: `"1,250.50"`, `"$1,250.50"`,
 * `"-$3,400"`, `"−3400"`, `"1.25M"`, `"2.5k"`, `"3B"`.
 *
 * @throws RangeError for anything that is not a well-formed amount
 * @example
 * usd("$1,250.50").toString() //=> "1250.5"
 * usd("1.25M").toString()     //=> "1250000"
 */
export function usd(text: string | number | Decimal): Decimal {
  if (typeof text !== "string") return toDecimal(text, "amount");
  const original = text;
  let s = text.trim().replace(/\u2212/g, "-");
  let sign = "";
  if (s.startsWith("-") || s.startsWith("+")) {
    sign = s[0] === "-" ? "-" : "";
    s = s.slice(1).trim();
  }
  if (s.startsWith("$")) s = s.slice(1).trim();
  if (sign === "" && (s.startsWith("-") || s.startsWith("+"))) {
    sign = s[0] === "-" ? "-" : "";
    s = s.slice(1).trim();
  }
  const match = /^(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?\s*([kKmMbBtT])?$/.exec(s);
  if (!match || (match[1] === undefined && match[3] === undefined)) {
    throw new RangeError(`"${original}" is not an amount of dollars (try a form like 1,250.50 or $1.25M).`);
  }
  const digits = (match[1] ?? "0").replace(/,/g, "") + (match[3] ?? "");
  const scale = { k: 3, m: 6, b: 9, t: 12 }[(match[4] ?? "").toLowerCase() as "k" | "m" | "b" | "t"] ?? 0;
  return new Decimal(sign + digits).times(new Decimal(10).pow(scale));
}

const MINUS = "\u2212";

function groupThousands(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * Formats dollars for reading: compact above ten thousand (`$1.25M`,
 * `−$3.4k`), cents below (`$950.00`), a true minus sign, half-even rounding.
 *
 * @example
 * formatUsd("1250000")  //=> "$1.25M"
 * formatUsd("-3400")    //=> "−$3,400.00"
 */
export function formatUsd(amount: DecimalInput, options: { compact?: boolean; digits?: number } = {}): string {
  const value = toDecimal(amount);
  const compact = options.compact ?? true;
  const sign = value.isNegative() && !value.isZero() ? MINUS : "";
  const abs = value.abs();
  const units: [Decimal, string][] = [
    [new Decimal("1e12"), "T"],
    [new Decimal("1e9"), "B"],
    [new Decimal("1e6"), "M"],
    [new Decimal("1e4"), "k"],
  ];
  if (compact) {
    for (const [size, suffix] of units) {
      if (abs.gte(size)) {
        const divisor = suffix === "k" ? new Decimal(1000) : size;
        const scaled = abs.div(divisor).toDecimalPlaces(options.digits ?? 2, Decimal.ROUND_HALF_EVEN);
        const text = scaled.toFixed(options.digits ?? 2).replace(/\.?0+$/, "");
        return `${sign}$${groupThousands(text.split(".")[0]!)}${text.includes(".") ? "." + text.split(".")[1] : ""}${suffix}`;
      }
    }
  }
  const fixed = abs.toFixed(options.digits ?? 2, Decimal.ROUND_HALF_EVEN);
  const [intPart, fracPart] = fixed.split(".");
  return `${sign}$${groupThousands(intPart!)}${fracPart ? "." + fracPart : ""}`;
}

/**
 * Formats an amount for a data table: every digit kept, no grouping, so the
 * CSV and the table show exactly what the ledger holds.
 *
 * @example
 * formatExact(usd("1250.5")) //=> "1250.5"
 */
export function formatExact(amount: DecimalInput): string {
  return toDecimal(amount).toFixed();
}

/**
 * Formats a quantity of an asset (`12.5 BTC`) with up to `digits` decimals.
 *
 * @example
 * formatAsset("12.5", "BTC") //=> "12.5 BTC"
 */
export function formatAsset(amount: DecimalInput, asset: string, digits = 8): string {
  const value = toDecimal(amount);
  const text = value.toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN).toFixed();
  const [intPart, fracPart] = text.replace("-", "").split(".");
  const sign = value.isNegative() && !value.isZero() ? MINUS : "";
  return `${sign}${groupThousands(intPart!)}${fracPart ? "." + fracPart : ""} ${asset}`;
}

/**
 * Formats a ratio as a percentage (`0.125` → `12.5%`).
 *
 * @example
 * formatPercent("0.125") //=> "12.5%"
 */
export function formatPercent(ratio: DecimalInput, digits = 2): string {
  const value = toDecimal(ratio, "ratio").times(100);
  const text = value.toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN).toFixed().replace("-", MINUS);
  return `${text}%`;
}

/** Sum of amounts, exact. */
export function sum(values: Iterable<DecimalInput>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(toDecimal(value));
  return total;
}

/** The smaller of two amounts. */
export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}

/** The larger of two amounts. */
export function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}

// ── exact addition (added for the custody modules, issue 3) ─────────────────

/**
 * Significant digits of the project's Decimal: the limit of exact sums.
 *
 * @example
 * DECIMAL_DIGITS //=> 34
 */
export const DECIMAL_DIGITS = 34;

/** Wide enough to hold any sum of two 34-digit-range amounts exactly, to check for rounding. */
const WideDecimal = Decimal.clone({ precision: 1000, rounding: DecimalBase.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });

/**
 * Adds two amounts and refuses to round: ledgers must balance "to the last
 * digit", so a sum that would need more than 34 significant digits (say
 * 1e18 + 1e−17) throws a RangeError instead of silently dropping a digit.
 *
 * @param context - words naming what is being added, for the error message
 * @throws RangeError when the exact sum does not fit in 34 significant digits
 * @example
 * exactPlus(D("0.1"), D("0.2")).toString() //=> "0.3"
 * exactPlus(D("1e18"), D("1e-17")) //=> throws RangeError
 */
export function exactPlus(a: Decimal, b: Decimal, context = "an amount"): Decimal {
  if (a.isZero()) return b;
  if (b.isZero()) return a;
  const highest = Math.max(a.e, b.e) + 1; // +1 for a carry
  const lowest = Math.max(a.decimalPlaces(), b.decimalPlaces());
  const result = a.plus(b);
  if (highest + 1 + lowest <= DECIMAL_DIGITS) return result;
  // Rare slow path: the digits might still fit (no carry, cancellation); check exactly.
  if (new WideDecimal(a).plus(new WideDecimal(b)).eq(result)) return result;
  throw new RangeError(
    `${context} would need more than ${DECIMAL_DIGITS} significant digits (${a.toString()} + ${b.toString()}); the library refuses to round money.`,
  );
}
