/**
 * contagion — who falls when the exchange falls.
 *
 * Models: a network of institutions (the exchange, market makers, funds,
 * lenders, and a sink of outside creditors) that owe each other money and hold
 * assets outside the network. When one of them cannot pay in full, its
 * creditors receive less, some of them cannot pay in full either, and so on.
 * Three channels, each switchable:
 *  1. Eisenberg–Noe clearing: every institution pays the smaller of what it
 *     owes and what it has; a defaulter pays its creditors pro rata to their
 *     claims. Solved with the fictitious default algorithm, which also tells
 *     *in which round* each institution falls.
 *  2. Default costs (Rogers–Veraart): a defaulter realises only a fraction α of
 *     its external assets and β of what it is owed, so failure destroys value.
 *  3. Fire sales (Cifuentes–Ferrucci–Shin): defaulters dump their holdings of
 *     one shared risky asset; its price falls as p = exp(−impact · sold/stock),
 *     and every holder's assets are marked down, which can push survivors under.
 *
 * Simplifications: one period, one clearing date; all debts have equal
 * seniority; one shared illiquid asset, sold only by defaulters and sold in
 * full; no rescues, no netting agreements, no collateral. Institutions that are
 * short by less than 10⁻²⁴ of what they owe (rounding noise at 34 digits) are
 * treated as solvent.
 *
 * Exactness: the clearing vector solves a linear system on the defaulters in
 * each round. With up to `exactMaxDefaulters` defaulters it is solved by
 * Gaussian elimination in Decimal (34 digits). Above that, elimination in
 * Decimal costs minutes (≈ an hour at 1 000), so the system is solved in
 * floating point and then refined (mixed-precision iterative refinement): the
 * residual is computed in Decimal and corrections applied until every
 * residual is below 10⁻²⁷ of the largest amount — the answer is checked, not
 * just computed, in Decimal; it agrees with exact elimination to ~10⁻³⁰
 * relative (see the tests and bench/contagion.bench.ts). Sums of many
 * products (what each institution receives) are accumulated exactly as scaled
 * BigInts and rounded once. If a system is singular (a closed ring of
 * defaulters with nothing coming in), a Gauss–Seidel sweep in Decimal from the
 * previous payments converges to the greatest clearing vector.
 *
 * Sources:
 *  - L. Eisenberg & T. H. Noe (2001), "Systemic Risk in Financial Systems",
 *    Management Science 47(2):236–249 — clearing vector, fictitious default algorithm.
 *  - L. C. G. Rogers & L. A. M. Veraart (2013), "Failure and Rescue in an
 *    Interbank Network", Management Science 59(4):882–898 — default costs α, β.
 *  - R. Cifuentes, G. Ferrucci & H. S. Shin (2005), "Liquidity Risk and
 *    Contagion", Journal of the European Economic Association 3(2–3):556–566 —
 *    inverse demand p = exp(−α·Σs).
 */
import { Decimal, D, ZERO, ONE, sum, minDecimal, maxDecimal, type DecimalInput } from "./money";

/** How the defaulters' payments are solved for in each round. */
export type ClearingMethod = "auto" | "exact" | "refined";

/**
 * Defaults for {@link clearingPayments} and {@link simulateContagion}.
 *
 * @example
 * contagionDefaults.defaultCostAssets //=> 1
 */
export const contagionDefaults = {
  /** α: fraction of external assets a defaulter realises (1 = no default cost). */
  defaultCostAssets: 1,
  /** β: fraction of interbank claims a defaulter realises (1 = no default cost). */
  defaultCostInterbank: 1,
  /** Log-price fall if the whole stock of the shared asset were sold (0 = no fire sale). */
  fireSaleImpact: 0,
  /** "auto": exact Decimal elimination up to `exactMaxDefaulters`, refined above. */
  method: "auto" as ClearingMethod,
  /** Exact elimination costs ~k³/3 Decimal operations (~2 µs each): 40 defaulters ≈ 0.05 s a round. */
  exactMaxDefaulters: 40,
};

/** Shortfalls below this fraction of an institution's obligations are rounding noise, not default. */
const SOLVENCY_TOLERANCE_RELATIVE = new Decimal("1e-24");
/** Refinement stops once every residual is below this fraction of the largest amount. */
const SOLVE_TOLERANCE_RELATIVE = new Decimal("1e-27");
const MAX_REFINEMENTS = 8;
const MAX_SWEEPS = 20_000;

/** Options of {@link clearingPayments}. */
export interface ClearingOptions {
  /** α ∈ [0, 1]: fraction of external assets a defaulter realises. Default 1. */
  defaultCostAssets?: number;
  /** β ∈ [0, 1]: fraction of claims on others a defaulter realises. Default 1. */
  defaultCostInterbank?: number;
  /** Solver for the defaulters' payments. Default "auto". */
  method?: ClearingMethod;
}

/** The clearing of a network of obligations. Index i is the i-th institution as given. */
export interface ClearingResult {
  /** What each institution pays in total (p). */
  payments: Decimal[];
  /** Whether each institution defaulted (paid less than it owed). */
  defaulted: boolean[];
  /** Number of rounds in which someone defaulted (0 when nobody does). */
  rounds: number;
  /** What each institution owed in total (p̄, the row sums of the liabilities). */
  obligations: Decimal[];
  /** The round (1-based) in which each institution defaulted, or null. */
  defaultRound: (number | null)[];
  /** Indices of the institutions that defaulted in each round. */
  roundDefaults: number[][];
  /** Total unpaid obligations, Σ(p̄ − p), after each round's payments were recomputed. */
  roundShortfallUsd: Decimal[];
  /** What each institution receives from the others at the clearing payments. */
  receivedUsd: Decimal[];
  /** What each institution keeps: external assets + received − paid (0 for defaulters). */
  equityUsd: Decimal[];
  /** Σ(p̄ − p): what creditors, inside and outside, do not get. */
  totalShortfallUsd: Decimal;
  /** Value destroyed by default costs: Σ over defaulters of (1−α)·e + (1−β)·received. */
  deadweightLossUsd: Decimal;
  /** The solver actually used ("exact" if every round was solved by Decimal elimination). */
  method: "exact" | "refined";
}

// ── validation ──────────────────────────────────────────────────────────────

function fraction(value: unknown, name: string, fallback: number): Decimal {
  if (value === undefined) return new Decimal(fallback);
  const d = D(value as DecimalInput, name);
  if (d.lt(0) || d.gt(1)) {
    throw new RangeError(`${name} must be a fraction between 0 and 1, but it is ${d.toString()}.`);
  }
  return d;
}

function liabilitiesMatrix(liabilities: unknown, name: string): Decimal[][] {
  if (!Array.isArray(liabilities)) {
    throw new RangeError(`${name} must be a square table (an array of rows), one row per institution.`);
  }
  const n = liabilities.length;
  return liabilities.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== n) {
      const got = Array.isArray(row) ? `${row.length} entries` : "no entries";
      throw new RangeError(
        `${name} must be a square table: row ${i} has ${got} but there are ${n} institutions.`,
      );
    }
    return row.map((v: DecimalInput, j) => {
      const amount = D(v, `${name}[${i}][${j}]`);
      if (amount.isNegative() && !amount.isZero()) {
        throw new RangeError(`${name}[${i}][${j}] is negative (${amount.toString()}): an amount owed cannot be below zero.`);
      }
      if (i === j && !amount.isZero()) {
        throw new RangeError(`${name}[${i}][${i}] is ${amount.toString()}: an institution cannot owe itself.`);
      }
      return amount;
    });
  });
}

function nonNegativeVector(values: unknown, n: number, name: string): Decimal[] {
  if (!Array.isArray(values)) throw new RangeError(`${name} must be a list of amounts, one per institution.`);
  if (values.length !== n) {
    throw new RangeError(`${name} has ${values.length} entries but the liabilities table has ${n} institutions.`);
  }
  return values.map((v: DecimalInput, i) => {
    const amount = D(v, `${name}[${i}]`);
    if (amount.isNegative() && !amount.isZero()) {
      throw new RangeError(`${name}[${i}] is negative (${amount.toString()}): holdings cannot be below zero.`);
    }
    return amount;
  });
}

function methodOption(value: unknown): ClearingMethod {
  if (value === undefined) return contagionDefaults.method;
  if (value !== "auto" && value !== "exact" && value !== "refined") {
    throw new RangeError(`method must be "auto", "exact" or "refined", not ${JSON.stringify(value)}.`);
  }
  return value;
}

// ── exact dot products ──────────────────────────────────────────────────────

function toScaledInteger(value: Decimal, scale: number): bigint {
  const text = value.toFixed(); // plain notation, every digit
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const magnitude = BigInt(whole! + fraction.padEnd(scale, "0"));
  return negative ? -magnitude : magnitude;
}

function fromScaledInteger(value: bigint, scale: number): Decimal {
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return new Decimal((negative ? "-" : "") + digits).toSignificantDigits(34, Decimal.ROUND_HALF_EVEN);
}

/**
 * The liabilities table as scaled integers. Sums Σ_j L[j][i]·w_j are
 * accumulated in BigInt with no rounding at all and rounded once to 34
 * digits: more exact than adding Decimals one by one, and about ten times
 * faster, which is what makes 1 000 institutions feasible.
 */
class IntegerTable {
  private readonly scale: number;
  private readonly rows: bigint[][];

  constructor(L: Decimal[][]) {
    this.scale = L.reduce((m, row) => row.reduce((r, v) => Math.max(r, v.decimalPlaces()), m), 0);
    this.rows = L.map((row) => row.map((v) => (v.isZero() ? 0n : toScaledInteger(v, this.scale))));
  }

  /** For each i in `to` (default: everyone), Σ_b L[from_b][i]·weights_b, exactly, rounded once. */
  weightedInflows(from: readonly number[], weights: readonly Decimal[], to: readonly number[] | null = null): Decimal[] {
    const weightScale = weights.reduce((m, w) => Math.max(m, w.decimalPlaces()), 0);
    const scaledWeights = weights.map((w) => toScaledInteger(w, weightScale));
    const targets = to ?? this.rows.map((_, i) => i);
    const totals: bigint[] = new Array(targets.length).fill(0n);
    for (let b = 0; b < from.length; b++) {
      const w = scaledWeights[b]!;
      if (w === 0n) continue;
      const row = this.rows[from[b]!]!;
      for (let t = 0; t < targets.length; t++) {
        const owed = row[targets[t]!]!;
        if (owed !== 0n) totals[t]! += owed * w;
      }
    }
    return totals.map((v) => fromScaledInteger(v, this.scale + weightScale));
  }
}

// ── the engine ──────────────────────────────────────────────────────────────

interface EngineInput {
  liabilities: Decimal[][];
  /** External assets given the current set of defaulters (fire sales make them depend on it). */
  externalFor: (defaulted: readonly boolean[]) => Decimal[];
  alpha: Decimal;
  beta: Decimal;
  method: ClearingMethod;
}

/**
 * The fictitious default algorithm (Eisenberg & Noe 2001, §3; Rogers & Veraart
 * 2013, §3 for default costs). Start from everyone paying in full; in each
 * round, mark who cannot pay given what the others currently pay; solve for
 * the defaulters' payments assuming exactly that set defaults; repeat until no
 * one new defaults. Payments only fall and the set only grows, so it ends
 * within n rounds at the greatest clearing vector.
 */
function clearNetwork(input: EngineInput): ClearingResult {
  const { liabilities: L, alpha, beta } = input;
  const n = L.length;
  const obligations = L.map((row) => sum(row));
  const table = new IntegerTable(L);
  const everyone = L.map((_, i) => i);
  // What each institution is owed by those still paying in full; shrinks as they default.
  const fromSolvent = table.weightedInflows(everyone, everyone.map(() => ONE));
  const payments = obligations.slice();
  const defaulted: boolean[] = new Array(n).fill(false);
  const defaultRound: (number | null)[] = new Array(n).fill(null);
  const roundDefaults: number[][] = [];
  const roundShortfallUsd: Decimal[] = [];
  const defaulters: number[] = [];
  let usedRefined = false;
  let floatShares: Float64Array[] | null = null; // L[j][i]/p̄_j as floats, for the refined solver
  let external = input.externalFor(defaulted);

  const received = (): Decimal[] => {
    // Paying share of each defaulter, computed once per round: p_j / p̄_j.
    const share = defaulters.map((j) => payments[j]!.div(obligations[j]!));
    const fromDefaulters = table.weightedInflows(defaulters, share);
    return fromSolvent.map((base, i) => base.plus(fromDefaulters[i]!));
  };

  for (let round = 1; round <= n; round++) {
    const inflow = received();
    const fresh: number[] = [];
    for (let i = 0; i < n; i++) {
      if (defaulted[i]) continue;
      const tolerance = SOLVENCY_TOLERANCE_RELATIVE.times(maxDecimal(ONE, obligations[i]!));
      if (external[i]!.plus(inflow[i]!).plus(tolerance).lt(obligations[i]!)) fresh.push(i);
    }
    if (fresh.length === 0) break;
    for (const i of fresh) {
      defaulted[i] = true;
      defaultRound[i] = round;
      defaulters.push(i);
      const row = L[i]!;
      for (let k = 0; k < n; k++) if (!row[k]!.isZero()) fromSolvent[k] = fromSolvent[k]!.minus(row[k]!);
    }
    defaulters.sort((a, b) => a - b);
    roundDefaults.push(fresh);
    external = input.externalFor(defaulted);
    const useExact =
      n === 0 || input.method === "exact" || (input.method === "auto" && defaulters.length <= contagionDefaults.exactMaxDefaulters);
    if (!useExact) usedRefined = true;
    // The float copy of the table is made once, and only if the refined solver runs.
    if (!useExact && floatShares === null) {
      floatShares = L.map((row, j) => {
        const owed = obligations[j]!.toNumber();
        return Float64Array.from(row, (v) => (v.isZero() ? 0 : v.toNumber() / owed));
      });
    }
    solveDefaulters(L, table, obligations, payments, defaulters, fromSolvent, external, alpha, beta, floatShares);
    roundShortfallUsd.push(sum(obligations.map((owed, i) => owed.minus(payments[i]!))));
  }

  const receivedUsd = received();
  let deadweight = ZERO;
  const equityUsd = receivedUsd.map((inflow, i) => {
    if (!defaulted[i]) return maxDecimal(ZERO, external[i]!.plus(inflow).minus(payments[i]!));
    deadweight = deadweight.plus(ONE.minus(alpha).times(external[i]!)).plus(ONE.minus(beta).times(inflow));
    return ZERO;
  });
  return {
    payments,
    defaulted,
    rounds: roundDefaults.length,
    obligations,
    defaultRound,
    roundDefaults,
    roundShortfallUsd,
    receivedUsd,
    equityUsd,
    totalShortfallUsd: sum(obligations.map((owed, i) => owed.minus(payments[i]!))),
    deadweightLossUsd: deadweight,
    method: usedRefined ? "refined" : "exact",
  };
}

/**
 * Solves, in place, for the defaulters' payments x given that exactly
 * `defaulters` default: x_i = α·e_i + β·(owed by solvent to i + Σ_j L_ji·x_j/p̄_j).
 */
function solveDefaulters(
  L: Decimal[][],
  table: IntegerTable,
  obligations: Decimal[],
  payments: Decimal[],
  defaulters: number[],
  fromSolvent: Decimal[],
  external: Decimal[],
  alpha: Decimal,
  beta: Decimal,
  floatShares: Float64Array[] | null,
): void {
  const k = defaulters.length;
  const constant = defaulters.map((i) => alpha.times(external[i]!).plus(beta.times(fromSolvent[i]!)));
  const upper = defaulters.map((i) => payments[i]!); // payments only fall, so the last round's bound them
  // Refined first when asked; if floats cannot factor the system (ill-conditioned), exact elimination;
  // if even that finds it singular, sweeps from above.
  let x: Decimal[] | null =
    floatShares === null ? null : solveRefined(table, obligations, floatShares, defaulters, constant, beta);
  x ??= solveExact(L, obligations, defaulters, constant, beta);
  x ??= solveBySweeps(L, obligations, defaulters, constant, beta, upper);
  for (let a = 0; a < k; a++) {
    payments[defaulters[a]!] = minDecimal(upper[a]!, maxDecimal(ZERO, x[a]!));
  }
}

/** Coefficient of x_b in defaulter a's equation: β·L[j_b][i_a]/p̄_{j_b}. */
function coefficient(L: Decimal[][], obligations: Decimal[], defaulters: number[], beta: Decimal, a: number, b: number): Decimal {
  const owed = L[defaulters[b]!]![defaulters[a]!]!;
  return owed.isZero() ? ZERO : beta.times(owed).div(obligations[defaulters[b]!]!);
}

/** Gaussian elimination with partial pivoting, all in Decimal. Null if singular. */
function solveExact(L: Decimal[][], obligations: Decimal[], defaulters: number[], constant: Decimal[], beta: Decimal): Decimal[] | null {
  const k = defaulters.length;
  const A: Decimal[][] = [];
  for (let a = 0; a < k; a++) {
    const row: Decimal[] = [];
    for (let b = 0; b < k; b++) {
      const c = coefficient(L, obligations, defaulters, beta, a, b);
      row.push(a === b ? ONE.minus(c) : c.neg());
    }
    A.push(row);
  }
  const rhs = constant.slice();
  const tiny = new Decimal("1e-30");
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (A[r]![col]!.abs().gt(A[pivot]![col]!.abs())) pivot = r;
    if (A[pivot]![col]!.abs().lte(tiny)) return null;
    if (pivot !== col) {
      [A[pivot], A[col]] = [A[col]!, A[pivot]!];
      [rhs[pivot], rhs[col]] = [rhs[col]!, rhs[pivot]!];
    }
    const pivotRow = A[col]!;
    for (let r = col + 1; r < k; r++) {
      const row = A[r]!;
      if (row[col]!.isZero()) continue;
      const factor = row[col]!.div(pivotRow[col]!);
      for (let c = col; c < k; c++) if (!pivotRow[c]!.isZero()) row[c] = row[c]!.minus(factor.times(pivotRow[c]!));
      rhs[r] = rhs[r]!.minus(factor.times(rhs[col]!));
    }
  }
  const x: Decimal[] = new Array(k).fill(ZERO);
  for (let r = k - 1; r >= 0; r--) {
    let acc = rhs[r]!;
    const row = A[r]!;
    for (let c = r + 1; c < k; c++) if (!row[c]!.isZero()) acc = acc.minus(row[c]!.times(x[c]!));
    x[r] = acc.div(row[r]!);
  }
  return x;
}

/** Residual constant − (I − W)·x, in Decimal (the sum over defaulters exact, rounded once). */
function residual(table: IntegerTable, obligations: Decimal[], defaulters: number[], constant: Decimal[], beta: Decimal, x: Decimal[]): Decimal[] {
  const share = x.map((value, b) => value.div(obligations[defaulters[b]!]!));
  const inflow = table.weightedInflows(defaulters, share, defaulters);
  return constant.map((c, a) => c.plus(beta.times(inflow[a]!)).minus(x[a]!));
}

/**
 * Floating-point LU for speed, Decimal residuals for the truth: each pass
 * gains ~15 digits, so two or three passes reach the Decimal's 34. Null if
 * the float factorisation is singular or refinement does not converge.
 */
function solveRefined(
  table: IntegerTable,
  obligations: Decimal[],
  floatShares: Float64Array[],
  defaulters: number[],
  constant: Decimal[],
  beta: Decimal,
): Decimal[] | null {
  const k = defaulters.length;
  const betaF = beta.toNumber();
  const A = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) A[a * k + b] = (a === b ? 1 : 0) - betaF * floatShares[defaulters[b]!]![defaulters[a]!]!;
  }
  const perm = new Int32Array(k);
  for (let a = 0; a < k; a++) perm[a] = a;
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(A[r * k + col]!) > Math.abs(A[pivot * k + col]!)) pivot = r;
    if (Math.abs(A[pivot * k + col]!) < 1e-13) return null;
    if (pivot !== col) {
      for (let c = 0; c < k; c++) {
        const t = A[col * k + c]!;
        A[col * k + c] = A[pivot * k + c]!;
        A[pivot * k + c] = t;
      }
      const t = perm[col]!;
      perm[col] = perm[pivot]!;
      perm[pivot] = t;
    }
    const p = A[col * k + col]!;
    for (let r = col + 1; r < k; r++) {
      const f = A[r * k + col]! / p;
      if (f === 0) continue;
      A[r * k + col] = f;
      for (let c = col + 1; c < k; c++) A[r * k + c]! -= f * A[col * k + c]!;
    }
  }
  const luSolve = (b: number[]): number[] => {
    const y = new Float64Array(k);
    for (let r = 0; r < k; r++) {
      let acc = b[perm[r]!]!;
      for (let c = 0; c < r; c++) acc -= A[r * k + c]! * y[c]!;
      y[r] = acc;
    }
    const out = new Array<number>(k);
    for (let r = k - 1; r >= 0; r--) {
      let acc = y[r]!;
      for (let c = r + 1; c < k; c++) acc -= A[r * k + c]! * out[c]!;
      out[r] = acc / A[r * k + r]!;
    }
    return out;
  };
  let x = luSolve(constant.map((c) => c.toNumber())).map((v) => new Decimal(v));
  const scale = maxDecimal(ONE, constant.reduce((m, c) => maxDecimal(m, c.abs()), ZERO));
  const tolerance = SOLVE_TOLERANCE_RELATIVE.times(scale);
  for (let pass = 0; pass < MAX_REFINEMENTS; pass++) {
    const r = residual(table, obligations, defaulters, constant, beta, x);
    if (r.every((v) => v.abs().lte(tolerance))) return x;
    const correction = luSolve(r.map((v) => v.toNumber()));
    x = x.map((v, a) => v.plus(new Decimal(correction[a]!)));
  }
  return null;
}

/** Gauss–Seidel from above in Decimal: slow but always converges to the greatest solution. */
function solveBySweeps(
  L: Decimal[][],
  obligations: Decimal[],
  defaulters: number[],
  constant: Decimal[],
  beta: Decimal,
  upper: Decimal[],
): Decimal[] {
  const k = defaulters.length;
  const x = upper.slice();
  const scale = maxDecimal(ONE, upper.reduce((m, c) => maxDecimal(m, c), ZERO));
  const tolerance = SOLVE_TOLERANCE_RELATIVE.times(scale);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let change = ZERO;
    for (let a = 0; a < k; a++) {
      let inflow = ZERO;
      for (let b = 0; b < k; b++) {
        const owed = L[defaulters[b]!]![defaulters[a]!]!;
        if (!owed.isZero()) inflow = inflow.plus(owed.times(x[b]!).div(obligations[defaulters[b]!]!));
      }
      const next = minDecimal(upper[a]!, maxDecimal(ZERO, constant[a]!.plus(beta.times(inflow))));
      change = maxDecimal(change, next.minus(x[a]!).abs());
      x[a] = next;
    }
    if (change.lte(tolerance)) break;
  }
  return x;
}

// ── public: clearing ────────────────────────────────────────────────────────

/**
 * Clearing payments of a network of obligations (Eisenberg–Noe), optionally
 * with default costs (Rogers–Veraart). `liabilities[i][j]` is what institution
 * i owes institution j; `externalAssets[i]` what i holds outside the network.
 * Each institution pays in full if it can; otherwise it pays what it realises
 * (α of its external assets plus β of what it receives), split among its
 * creditors in proportion to their claims.
 *
 * @param liabilities - square table of amounts owed, zero diagonal
 * @param externalAssets - assets held outside the network, one per institution
 * @param options - default costs α = `defaultCostAssets`, β = `defaultCostInterbank` (fractions realised, default 1); solver `method`
 * @returns payments, who defaulted and in which round, shortfalls and surviving equity
 * @throws RangeError when the table is not square, an amount is negative or not a number, or a cost is outside [0, 1]
 * @example
 * // A owes B 10 and has 4; B owes C 10 and has 5; C owes nothing.
 * const r = clearingPayments([[0, 10, 0], [0, 0, 10], [0, 0, 0]], [4, 5, 0]);
 * r.payments.map(String) //=> ["4", "9", "0"]
 * r.defaultRound         //=> [1, 2, null]
 */
export function clearingPayments(
  liabilities: DecimalInput[][],
  externalAssets: DecimalInput[],
  options: ClearingOptions = {},
): ClearingResult {
  const L = liabilitiesMatrix(liabilities, "liabilities");
  const external = nonNegativeVector(externalAssets, L.length, "externalAssets");
  return clearNetwork({
    liabilities: L,
    externalFor: () => external,
    alpha: fraction(options.defaultCostAssets, "defaultCostAssets", contagionDefaults.defaultCostAssets),
    beta: fraction(options.defaultCostInterbank, "defaultCostInterbank", contagionDefaults.defaultCostInterbank),
    method: methodOption(options.method),
  });
}

/**
 * How far a payment vector is from being a clearing vector: the largest
 * |Φ(p)_i − p_i|, where Φ(p)_i = p̄_i if i can pay in full given p, else
 * α·e_i + β·(what i receives). Zero (up to rounding) for the output of
 * {@link clearingPayments}; useful for checking a hand computation.
 *
 * @example
 * clearingGap([[0, 10], [0, 0]], [4, 0], [4, 0]).toString() //=> "0"
 * clearingGap([[0, 10], [0, 0]], [4, 0], [10, 0]).toString() //=> "6"
 */
export function clearingGap(
  liabilities: DecimalInput[][],
  externalAssets: DecimalInput[],
  payments: DecimalInput[],
  options: Pick<ClearingOptions, "defaultCostAssets" | "defaultCostInterbank"> = {},
): Decimal {
  const L = liabilitiesMatrix(liabilities, "liabilities");
  const n = L.length;
  const external = nonNegativeVector(externalAssets, n, "externalAssets");
  const p = nonNegativeVector(payments, n, "payments");
  const alpha = fraction(options.defaultCostAssets, "defaultCostAssets", 1);
  const beta = fraction(options.defaultCostInterbank, "defaultCostInterbank", 1);
  const owed = L.map((row) => sum(row));
  let gap = ZERO;
  for (let i = 0; i < n; i++) {
    let inflow = ZERO;
    for (let j = 0; j < n; j++) {
      if (!L[j]![i]!.isZero()) inflow = inflow.plus(L[j]![i]!.times(p[j]!).div(owed[j]!));
    }
    const available = external[i]!.plus(inflow);
    const image = available.gte(owed[i]!) ? owed[i]! : alpha.times(external[i]!).plus(beta.times(inflow));
    gap = maxDecimal(gap, image.minus(p[i]!).abs());
  }
  return gap;
}

// ── public: network with fire sales ─────────────────────────────────────────

/** What kind of institution a node is; widgets colour by it. */
export type InstitutionKind = "exchange" | "market-maker" | "fund" | "lender" | "creditors";

/** One institution of a {@link ContagionNetwork}. */
export interface Institution {
  name: string;
  kind: InstitutionKind;
  /** External assets that keep their value (cash, stablecoins, T-bills), USD. */
  cashUsd: Decimal;
  /** Holdings of the shared risky asset, marked at the pre-crisis price of 1, USD. */
  riskyAssetUsd: Decimal;
}

/** Institutions plus who owes whom: `liabilitiesUsd[i][j]` is what i owes j. */
export interface ContagionNetwork {
  institutions: Institution[];
  liabilitiesUsd: Decimal[][];
}

/** Options of {@link simulateContagion}. */
export interface ContagionOptions extends ClearingOptions {
  /**
   * Fire-sale impact ≥ 0: the risky asset's price is exp(−impact · sold/stock),
   * where `stock` is the whole network's holdings. 0 switches fire sales off;
   * 0.5 means dumping the entire stock would cut the price by 39 %.
   */
  fireSaleImpact?: number;
}

/** One round of a contagion, for drawing it step by step. */
export interface ContagionRound {
  /** 1-based round number. */
  round: number;
  /** Indices and names of the institutions that fell in this round. */
  newDefaults: number[];
  newDefaultNames: string[];
  /** Institutions fallen so far (including this round's). */
  defaultedCount: number;
  /** Price of the risky asset after this round's fire sales (1 before the crisis). */
  assetPrice: Decimal;
  /** Obligations unpaid so far, USD. */
  unpaidUsd: Decimal;
  /** Mark-to-market loss on the network's risky holdings so far: stock × (1 − price), USD. */
  fireSaleLossUsd: Decimal;
}

/** What happened to one institution. */
export interface InstitutionOutcome {
  name: string;
  kind: InstitutionKind;
  defaulted: boolean;
  defaultRound: number | null;
  owedUsd: Decimal;
  paidUsd: Decimal;
  /** Equity if everyone had paid in full at pre-crisis prices (may be negative: the venue's hole). */
  equityBeforeUsd: Decimal;
  /** Equity after clearing (0 for a defaulter). */
  equityAfterUsd: Decimal;
  /** equityBefore − equityAfter for survivors; the whole positive equity for defaulters. */
  equityLossUsd: Decimal;
}

/** Result of {@link simulateContagion}. */
export interface ContagionResult {
  clearing: ClearingResult;
  institutions: InstitutionOutcome[];
  rounds: ContagionRound[];
  finalAssetPrice: Decimal;
  totalUnpaidUsd: Decimal;
  fireSaleLossUsd: Decimal;
  deadweightLossUsd: Decimal;
  /** Σ equity lost by institutions that had positive equity. */
  totalEquityLossUsd: Decimal;
}

function validateNetwork(network: ContagionNetwork): { L: Decimal[][]; cash: Decimal[]; risky: Decimal[] } {
  if (network === null || typeof network !== "object" || !Array.isArray(network.institutions)) {
    throw new RangeError("network must have a list of institutions and a liabilities table.");
  }
  const L = liabilitiesMatrix(network.liabilitiesUsd, "liabilitiesUsd");
  const n = network.institutions.length;
  if (L.length !== n) {
    throw new RangeError(`liabilitiesUsd has ${L.length} rows but the network has ${n} institutions.`);
  }
  const cash = nonNegativeVector(network.institutions.map((x) => x.cashUsd), n, "cashUsd");
  const risky = nonNegativeVector(network.institutions.map((x) => x.riskyAssetUsd), n, "riskyAssetUsd");
  const kinds: InstitutionKind[] = ["exchange", "market-maker", "fund", "lender", "creditors"];
  network.institutions.forEach((x, i) => {
    if (typeof x.name !== "string" || x.name.trim() === "") throw new RangeError(`institution ${i} needs a name.`);
    if (!kinds.includes(x.kind)) {
      throw new RangeError(`institution ${i} (${x.name}) has kind ${JSON.stringify(x.kind)}; use one of ${kinds.join(", ")}.`);
    }
  });
  return { L, cash, risky };
}

/**
 * Runs a contagion through a network: clearing payments, default costs and
 * fire sales together, round by round. Defaulters sell all their risky
 * holdings; the price falls to exp(−impact · sold/stock); everyone's holdings
 * are marked at that price, which may make new defaulters, who sell in turn.
 *
 * @example
 * const { network, options } = buildVenueNetwork();
 * const result = simulateContagion(network, options);
 * result.rounds.map((r) => r.newDefaultNames.length) //=> [1, 2, 1, 1, 1, 1]
 * result.rounds[1]!.newDefaultNames //=> ["Cobalt Trading", "Fjord Digital"]
 */
export function simulateContagion(network: ContagionNetwork, options: ContagionOptions = {}): ContagionResult {
  const { L, cash, risky } = validateNetwork(network);
  const impact = D(options.fireSaleImpact ?? contagionDefaults.fireSaleImpact, "fireSaleImpact");
  if (impact.isNegative()) {
    throw new RangeError(`fireSaleImpact must be zero or more (0 = no fire sales), not ${impact.toString()}.`);
  }
  const stock = sum(risky);
  const priceFor = (defaulted: readonly boolean[]): Decimal => {
    if (impact.isZero() || stock.isZero()) return ONE;
    const sold = sum(risky.filter((_, i) => defaulted[i]));
    return impact.times(sold).div(stock).neg().exp();
  };
  const clearing = clearNetwork({
    liabilities: L,
    externalFor: (defaulted) => {
      const price = priceFor(defaulted);
      return cash.map((c, i) => c.plus(risky[i]!.times(price)));
    },
    alpha: fraction(options.defaultCostAssets, "defaultCostAssets", contagionDefaults.defaultCostAssets),
    beta: fraction(options.defaultCostInterbank, "defaultCostInterbank", contagionDefaults.defaultCostInterbank),
    method: methodOption(options.method),
  });
  const n = L.length;
  const names = network.institutions.map((x) => x.name);
  const soFar: boolean[] = new Array(n).fill(false);
  let count = 0;
  const rounds: ContagionRound[] = clearing.roundDefaults.map((fresh, r) => {
    for (const i of fresh) soFar[i] = true;
    count += fresh.length;
    const price = priceFor(soFar);
    return {
      round: r + 1,
      newDefaults: fresh,
      newDefaultNames: fresh.map((i) => names[i]!),
      defaultedCount: count,
      assetPrice: price,
      unpaidUsd: clearing.roundShortfallUsd[r]!,
      fireSaleLossUsd: stock.times(ONE.minus(price)),
    };
  });
  const finalAssetPrice = priceFor(clearing.defaulted);
  const owedTo = new Array<Decimal>(n).fill(ZERO);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) owedTo[i] = owedTo[i]!.plus(L[j]![i]!);
  const institutions = network.institutions.map((inst, i): InstitutionOutcome => {
    const before = cash[i]!.plus(risky[i]!).plus(owedTo[i]!).minus(clearing.obligations[i]!);
    const after = clearing.equityUsd[i]!;
    return {
      name: inst.name,
      kind: inst.kind,
      defaulted: clearing.defaulted[i]!,
      defaultRound: clearing.defaultRound[i]!,
      owedUsd: clearing.obligations[i]!,
      paidUsd: clearing.payments[i]!,
      equityBeforeUsd: before,
      equityAfterUsd: after,
      equityLossUsd: maxDecimal(ZERO, before.minus(after)),
    };
  });
  return {
    clearing,
    institutions,
    rounds,
    finalAssetPrice,
    totalUnpaidUsd: clearing.totalShortfallUsd,
    fireSaleLossUsd: stock.times(ONE.minus(finalAssetPrice)),
    deadweightLossUsd: clearing.deadweightLossUsd,
    totalEquityLossUsd: sum(institutions.map((x) => (x.equityBeforeUsd.isPositive() ? x.equityLossUsd : ZERO))),
  };
}

// ── public: a ready-made network around one venue ───────────────────────────

/** Parameters of {@link buildVenueNetwork}; every one has a default. */
export interface VenueNetworkParams {
  /** Hole in the exchange's balance sheet: customer claims minus what it actually holds, USD. */
  venueShortfallUsd?: DecimalInput;
  /** Fraction (0–1) of each institution's assets parked at the venue, before its own weighting. */
  exposureToVenue?: number;
  /** Fraction (0–1) of assets a defaulter realises (Rogers–Veraart α = β = recovery). */
  recovery?: number;
  /** Fire-sale impact ≥ 0 (see {@link ContagionOptions.fireSaleImpact}). */
  fireSaleImpact?: number;
  /** Retail customers' balances at the venue, USD. */
  retailDepositsUsd?: DecimalInput;
}

/**
 * Defaults of {@link buildVenueNetwork}: chosen so the default figure shows a
 * cascade over six rounds, on the edge: an impact of 0.3 (or full recovery) stops it after two rounds, and an exposure of 0.3 after three.
 *
 * @example
 * venueNetworkDefaults.exposureToVenue //=> 0.35
 */
export const venueNetworkDefaults = {
  venueShortfallUsd: "3000000000",
  exposureToVenue: 0.35,
  recovery: 0.9,
  fireSaleImpact: 0.4,
  retailDepositsUsd: "4000000000",
};

const M = new Decimal(1_000_000);

/**
 * The fictional cast, in $ millions. assumption: the numbers are illustrative
 * (no real firm's balance sheet); they are sized so that thinly capitalised
 * market makers and funds sit beside better-capitalised lenders, as in 2022.
 * `venueWeight` scales `exposureToVenue`: market makers keep more at a venue
 * than lenders do. `riskyShare` is the part of external assets in crypto.
 */
const CAST: { name: string; kind: InstitutionKind; assetsM: number; venueWeight: number; riskyShare: number }[] = [
  { name: "Aster Markets", kind: "market-maker", assetsM: 900, venueWeight: 1.2, riskyShare: 0.5 },
  { name: "Birch Liquidity", kind: "market-maker", assetsM: 600, venueWeight: 1.0, riskyShare: 0.5 },
  { name: "Cobalt Trading", kind: "market-maker", assetsM: 350, venueWeight: 1.4, riskyShare: 0.6 },
  { name: "Dune Capital", kind: "fund", assetsM: 700, venueWeight: 0.6, riskyShare: 0.8 },
  { name: "Elm Macro", kind: "fund", assetsM: 450, venueWeight: 0.8, riskyShare: 0.7 },
  { name: "Fjord Digital", kind: "fund", assetsM: 250, venueWeight: 1.0, riskyShare: 0.9 },
  { name: "Granite Lending", kind: "lender", assetsM: 500, venueWeight: 0.5, riskyShare: 0.3 },
  { name: "Harbor Credit", kind: "lender", assetsM: 400, venueWeight: 0.6, riskyShare: 0.3 },
  { name: "Ion Prime", kind: "lender", assetsM: 300, venueWeight: 0.8, riskyShare: 0.4 },
  { name: "Juniper Treasury", kind: "fund", assetsM: 200, venueWeight: 0.5, riskyShare: 0.6 },
];

/** Interbank debts in $ millions: [debtor, creditor, amount]. assumption: illustrative. */
const DEBTS_M: [string, string, number][] = [
  ["Aster Markets", "Granite Lending", 450],
  ["Aster Markets", "Harbor Credit", 250],
  ["Birch Liquidity", "Granite Lending", 300],
  ["Birch Liquidity", "Ion Prime", 150],
  ["Cobalt Trading", "Harbor Credit", 260],
  ["Dune Capital", "Granite Lending", 300],
  ["Dune Capital", "Aster Markets", 100],
  ["Dune Capital", "Ion Prime", 120],
  ["Elm Macro", "Harbor Credit", 250],
  ["Elm Macro", "Birch Liquidity", 80],
  ["Fjord Digital", "Ion Prime", 180],
  ["Ion Prime", "Granite Lending", 250],
  ["Ion Prime", "Harbor Credit", 200],
  ["Ion Prime", "Retail customers", 150],
  ["Juniper Treasury", "Granite Lending", 100],
  ["Granite Lending", "Retail customers", 1600],
  ["Harbor Credit", "Retail customers", 1150],
];

/** Share of the exchange's remaining assets held in the risky asset (its own token, alts). assumption. */
const VENUE_RISKY_SHARE = new Decimal("0.5");

/**
 * A ready network around one failing venue: the exchange, ten fictional
 * institutions (market makers, funds, lenders) and the retail customers as
 * the outside creditors. Deterministic: same parameters, same network.
 * Returns the network and the options to simulate it with.
 *
 * @example
 * const { network, options } = buildVenueNetwork({ exposureToVenue: 0.2 });
 * network.institutions.length //=> 12
 * options.fireSaleImpact      //=> 0.4
 */
export function buildVenueNetwork(params: VenueNetworkParams = {}): {
  network: ContagionNetwork;
  options: ContagionOptions;
} {
  const shortfall = D(params.venueShortfallUsd ?? venueNetworkDefaults.venueShortfallUsd, "venueShortfallUsd");
  const exposure = fraction(params.exposureToVenue, "exposureToVenue", venueNetworkDefaults.exposureToVenue);
  const recovery = fraction(params.recovery, "recovery", venueNetworkDefaults.recovery);
  const impact = D(params.fireSaleImpact ?? venueNetworkDefaults.fireSaleImpact, "fireSaleImpact");
  const retail = D(params.retailDepositsUsd ?? venueNetworkDefaults.retailDepositsUsd, "retailDepositsUsd");
  if (shortfall.isNegative()) throw new RangeError(`venueShortfallUsd must be zero or more, not ${shortfall.toString()}.`);
  if (impact.isNegative()) throw new RangeError(`fireSaleImpact must be zero or more (0 = no fire sales), not ${impact.toString()}.`);
  if (retail.isNegative()) throw new RangeError(`retailDepositsUsd must be zero or more, not ${retail.toString()}.`);

  const names = ["Exchange", ...CAST.map((c) => c.name), "Retail customers"];
  const n = names.length;
  const index = new Map(names.map((name, i) => [name, i]));
  const L: Decimal[][] = names.map(() => new Array<Decimal>(n).fill(ZERO));
  const institutions: Institution[] = [];
  let customerClaims = retail;
  const deposits = CAST.map((c) => {
    const share = minDecimal(ONE, exposure.times(c.venueWeight));
    return new Decimal(c.assetsM).times(M).times(share);
  });
  for (const d of deposits) customerClaims = customerClaims.plus(d);
  if (shortfall.gt(customerClaims)) {
    throw new RangeError(
      `venueShortfallUsd (${shortfall.toString()}) exceeds everything customers hold at the venue (${customerClaims.toString()}).`,
    );
  }
  const venueAssets = customerClaims.minus(shortfall);
  institutions.push({
    name: "Exchange",
    kind: "exchange",
    cashUsd: venueAssets.times(ONE.minus(VENUE_RISKY_SHARE)),
    riskyAssetUsd: venueAssets.times(VENUE_RISKY_SHARE),
  });
  CAST.forEach((c, k) => {
    const outside = new Decimal(c.assetsM).times(M).minus(deposits[k]!);
    const risky = outside.times(c.riskyShare);
    institutions.push({ name: c.name, kind: c.kind, cashUsd: outside.minus(risky), riskyAssetUsd: risky });
    L[0]![k + 1] = deposits[k]!;
  });
  institutions.push({ name: "Retail customers", kind: "creditors", cashUsd: ZERO, riskyAssetUsd: ZERO });
  L[0]![n - 1] = retail;
  for (const [debtor, creditor, amountM] of DEBTS_M) {
    L[index.get(debtor)!]![index.get(creditor)!] = new Decimal(amountM).times(M);
  }
  return {
    network: { institutions, liabilitiesUsd: L },
    options: {
      defaultCostAssets: recovery.toNumber(),
      defaultCostInterbank: recovery.toNumber(),
      fireSaleImpact: impact.toNumber(),
    },
  };
}
