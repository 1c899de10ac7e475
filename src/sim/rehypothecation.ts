/**
 * rehypothecation — one piece of collateral, many claims on it.
 *
 * Models: a client posts collateral worth C to dealer 1. Dealer 1 re-pledges
 * a fraction r of what it received to dealer 2 (to raise funding), dealer 2
 * re-pledges r of that to dealer 3, and so on for n re-pledges. Every pledger
 * is owed its collateral back, so claims add up to
 * C·(1 + r + r² + … + rⁿ) — the collateral multiplier — while only C exists.
 * Each party physically holds what it received minus what it passed on.
 * When one dealer fails, the chain unwinds in a fixed order:
 *   1. its lender downstream keeps the collateral pledged to it (it is
 *      secured, and the failed dealer cannot repay the funding): paid first,
 *      in full; everyone further down is untouched;
 *   2. the failed dealer's estate hands the collateral it still holds back to
 *      the party that pledged it;
 *   3. that pledger's remaining claim — the part its dealer re-pledged — is
 *      unsecured and recovers only `recoveryRate` of its value;
 *   4. if the pledger is itself a dealer, its capital absorbs the loss; any
 *      excess makes it fail too and passes up the chain to its own pledger,
 *      ending, if nothing stops it, with the client.
 *
 * Simplifications: collateral keeps its value (no fire-sale discount); the
 * cash legs of the re-pledges are not tracked — a failed dealer's cash is
 * assumed gone, which is why it failed; reuse rate may differ per hop (a
 * haircut h is the same as a reuse rate 1 − h). Amounts are computed with
 * 1000 significant digits and rounded once to the library's 34.
 *
 * Sources: M. Singh, J. Aitken, "The (sizable) role of rehypothecation in the
 * shadow banking system", IMF WP/10/172 (2010); M. Singh, "Velocity of
 * Pledged Collateral", IMF WP/11/256 (2011).
 */
import { Decimal, ONE, ZERO, toDecimal, type DecimalInput } from "./money";

/**
 * Defaults for {@link rehypothecationChain} and {@link unwindChain}.
 *
 * @example
 * REHYPOTHECATION_DEFAULTS.recoveryRate //=> 0
 */
export const REHYPOTHECATION_DEFAULTS = {
  /** Most re-pledges in a chain. */
  maxHops: 1000,
  /** Share of an unsecured claim the failed dealer's estate pays (0 = nothing). */
  recoveryRate: 0,
  /** Each dealer's capital, the buffer that stops losses passing up the chain. */
  dealerCapitalUsd: 0,
} as const;

/** Exact enough for any chain we allow: 1000 digits, rounded once at the end. */
const Wide = Decimal.clone({ precision: 1000 });
const round = (value: Decimal): Decimal => new Decimal(value.toSignificantDigits(34, Decimal.ROUND_HALF_EVEN).toString());

/** Options for {@link rehypothecationChain}. */
export interface ChainOptions {
  /** Value of the client's collateral, in dollars. */
  collateralUsd: DecimalInput;
  /** Number of re-pledges after the client's pledge (n; the chain has n + 1 dealers). */
  hops: number;
  /** Fraction of received collateral each dealer re-pledges: one value, or one per re-pledge. */
  reuseRate?: DecimalInput | readonly DecimalInput[];
  /** Alternative to `reuseRate`: the fraction each dealer keeps back (reuse rate = 1 − haircut). */
  haircut?: DecimalInput | readonly DecimalInput[];
}

/** One pledge of the chain. */
export interface Pledge {
  readonly hop: number;
  readonly from: string;
  readonly to: string;
  readonly amountUsd: Decimal;
}

/** One party's position in the chain. */
export interface ChainParty {
  readonly index: number;
  readonly name: string;
  /** Collateral pledged to this party. */
  readonly receivedUsd: Decimal;
  /** Collateral this party pledged to the next one (for the client: all of it). */
  readonly pledgedUsd: Decimal;
  /** Collateral physically with this party: received − re-pledged. */
  readonly heldUsd: Decimal;
  /** What this party is owed back by the next one (= what it pledged). */
  readonly claimUsd: Decimal;
  /** Part of its claim its counterparty does not hold, having re-pledged it. */
  readonly exposureUsd: Decimal;
}

/** A rehypothecation chain. */
export interface Chain {
  readonly collateralUsd: Decimal;
  readonly hops: number;
  readonly reuseRates: readonly Decimal[];
  readonly pledges: readonly Pledge[];
  readonly parties: readonly ChainParty[];
  /** Σ of all pledges: the claims outstanding on the one piece of collateral. */
  readonly totalClaimsUsd: Decimal;
  /** totalClaims ÷ collateral = 1 + r + … + rⁿ for a constant r. */
  readonly multiplier: Decimal;
}

function rate(value: DecimalInput, name: string): Decimal {
  const x = toDecimal(value, name);
  if (x.lt(0) || x.gt(1)) throw new RangeError(`${name} must be between 0 and 1, got ${x.toString()}.`);
  return x;
}

function checkHops(hops: number): void {
  if (!Number.isSafeInteger(hops) || hops < 0 || hops > REHYPOTHECATION_DEFAULTS.maxHops) {
    throw new RangeError(`hops must be a whole number from 0 to ${REHYPOTHECATION_DEFAULTS.maxHops}, got ${String(hops)}.`);
  }
}

function resolveRates(options: ChainOptions): Decimal[] {
  const { hops } = options;
  if (options.reuseRate !== undefined && options.haircut !== undefined) {
    throw new RangeError("Give either reuseRate or haircut, not both: a haircut h is a reuse rate of 1 − h.");
  }
  const given = options.reuseRate ?? options.haircut;
  if (given === undefined) throw new RangeError("Give a reuseRate (or a haircut) for the re-pledges.");
  const name = options.reuseRate !== undefined ? "reuseRate" : "haircut";
  const list = Array.isArray(given) ? (given as readonly DecimalInput[]) : Array.from({ length: hops }, () => given as DecimalInput);
  if (list.length !== hops) throw new RangeError(`${name} lists ${list.length} values but there are ${hops} re-pledges.`);
  return list.map((value, i) => {
    const r = rate(value, hops === list.length && Array.isArray(given) ? `${name}[${i}]` : name);
    return name === "haircut" ? ONE.minus(r) : r;
  });
}

function partyName(index: number): string {
  return index === 0 ? "client" : `dealer ${index}`;
}

/**
 * The collateral multiplier 1 + r + r² + … + rⁿ, to 34 significant digits.
 *
 * @example
 * collateralMultiplier("0.5", 2).toString() //=> "1.75"
 * collateralMultiplier("0.9", 0).toString() //=> "1"
 */
export function collateralMultiplier(reuseRate: DecimalInput, hops: number): Decimal {
  checkHops(hops);
  const r = new Wide(rate(reuseRate, "reuseRate"));
  let term = new Wide(1);
  let total = new Wide(1);
  for (let k = 1; k <= hops; k++) {
    term = term.times(r);
    total = total.plus(term);
  }
  return round(total);
}

/**
 * Builds the chain: every pledge, every party's holdings, claims and exposure,
 * and the multiplier.
 *
 * @example
 * const chain = rehypothecationChain({ collateralUsd: "100", hops: 2, reuseRate: "0.5" });
 * chain.pledges.map((p) => p.amountUsd.toString()) //=> ["100", "50", "25"]
 * chain.totalClaimsUsd.toString() //=> "175"
 * chain.multiplier.toString() //=> "1.75"
 */
export function rehypothecationChain(options: ChainOptions): Chain {
  if (options === null || typeof options !== "object") throw new RangeError("rehypothecationChain needs an options object.");
  checkHops(options.hops);
  const collateral = toDecimal(options.collateralUsd, "collateralUsd");
  if (collateral.lte(0)) throw new RangeError(`collateralUsd must be greater than 0, got ${collateral.toString()}.`);
  const rates = resolveRates(options);
  const n = options.hops;

  // amounts[k] = collateral pledged by party k to party k + 1, exactly.
  const amounts: Decimal[] = [new Wide(collateral)];
  for (let k = 1; k <= n; k++) amounts.push(amounts[k - 1]!.times(rates[k - 1]!));
  let total: Decimal = new Wide(0);
  for (const a of amounts) total = total.plus(a);

  const pledges: Pledge[] = amounts.map((amount, k) =>
    Object.freeze({ hop: k, from: partyName(k), to: partyName(k + 1), amountUsd: round(amount) }),
  );
  const parties: ChainParty[] = [];
  for (let i = 0; i <= n + 1; i++) {
    const received = i === 0 ? new Wide(0) : amounts[i - 1]!;
    const pledged = i <= n ? amounts[i]! : new Wide(0);
    const held = i === 0 ? new Wide(0) : received.minus(pledged);
    const exposure = i < n ? amounts[i + 1]! : new Wide(0);
    parties.push(
      Object.freeze({
        index: i,
        name: partyName(i),
        receivedUsd: round(received),
        pledgedUsd: round(pledged),
        heldUsd: round(held),
        claimUsd: round(pledged),
        exposureUsd: round(exposure),
      }),
    );
  }
  return Object.freeze({
    collateralUsd: collateral,
    hops: n,
    reuseRates: Object.freeze(rates),
    pledges: Object.freeze(pledges),
    parties: Object.freeze(parties),
    totalClaimsUsd: round(total),
    multiplier: round(total.div(collateral)),
  });
}

/** Options for {@link unwindChain}. */
export interface UnwindOptions {
  /** Which dealer fails first (1 … hops + 1). */
  failedDealer: number;
  /** Share of an unsecured claim the failed dealer's estate pays; default 0. */
  recoveryRate?: DecimalInput;
  /** Each dealer's capital: one value for all, or one per dealer (dealer 1 first); default 0. */
  dealerCapitalUsd?: DecimalInput | readonly DecimalInput[];
}

/** One payment (or loss) in the unwind, in the order it happens. */
export interface UnwindEvent {
  readonly order: number;
  readonly party: string;
  readonly kind: "keeps collateral" | "collateral returned" | "unsecured recovery" | "loss absorbed by capital" | "fails" | "loss";
  readonly amountUsd: Decimal;
  readonly detail: string;
}

/** How one party ends up after the unwind. */
export interface UnwindParty {
  readonly name: string;
  /** What it was owed back before the failure. */
  readonly claimUsd: Decimal;
  /** What it got back (collateral returned plus unsecured recovery). */
  readonly recoveredUsd: Decimal;
  /** What it lost: claim − recovered, before any capital. */
  readonly shortUsd: Decimal;
  /** Part of that loss its own capital absorbed. */
  readonly absorbedUsd: Decimal;
  readonly failed: boolean;
}

/** The outcome of an unwind. */
export interface Unwind {
  readonly events: readonly UnwindEvent[];
  readonly parties: readonly UnwindParty[];
  /** What the client finally loses. */
  readonly clientLossUsd: Decimal;
  /** Dealers that failed, the first one included. */
  readonly failedDealers: readonly string[];
  /** Σ of all losses in the chain (after recoveries, before capital). */
  readonly totalLossUsd: Decimal;
}

/**
 * Fails one dealer and unwinds the chain (see the module comment for the order).
 *
 * @example
 * const chain = rehypothecationChain({ collateralUsd: "100", hops: 2, reuseRate: "0.5" });
 * const unwind = unwindChain(chain, { failedDealer: 1 });
 * unwind.clientLossUsd.toString() //=> "50"
 */
export function unwindChain(chain: Chain, options: UnwindOptions): Unwind {
  if (chain === null || typeof chain !== "object" || !Array.isArray(chain.pledges)) {
    throw new RangeError("unwindChain needs a chain from rehypothecationChain().");
  }
  const n = chain.hops;
  const k = options?.failedDealer;
  if (!Number.isSafeInteger(k) || k < 1 || k > n + 1) {
    throw new RangeError(`failedDealer must be a dealer of the chain, from 1 to ${n + 1}, got ${String(k)}.`);
  }
  const recoveryRate = rate(options.recoveryRate ?? REHYPOTHECATION_DEFAULTS.recoveryRate, "recoveryRate");
  const capitalInput = options.dealerCapitalUsd ?? REHYPOTHECATION_DEFAULTS.dealerCapitalUsd;
  const capitals: Decimal[] = [];
  for (let d = 1; d <= n + 1; d++) {
    const raw = Array.isArray(capitalInput) ? (capitalInput as readonly DecimalInput[])[d - 1] : (capitalInput as DecimalInput);
    if (raw === undefined) throw new RangeError(`dealerCapitalUsd lists ${(capitalInput as readonly unknown[]).length} values but the chain has ${n + 1} dealers.`);
    const c = toDecimal(raw, "dealerCapitalUsd");
    if (c.isNegative()) throw new RangeError(`dealerCapitalUsd must not be negative, got ${c.toString()}.`);
    capitals.push(c);
  }

  const pledge = (i: number) => chain.pledges[i]!.amountUsd; // pledged by party i
  const events: UnwindEvent[] = [];
  const add = (party: string, kind: UnwindEvent["kind"], amountUsd: Decimal, detail: string) =>
    events.push(Object.freeze({ order: events.length + 1, party, kind, amountUsd, detail }));
  const short = Array.from({ length: n + 2 }, () => ZERO);
  const absorbed = Array.from({ length: n + 2 }, () => ZERO);
  const failed = new Set<number>([k]);
  add(partyName(k), "fails", ZERO, `${partyName(k)} fails; the cash it raised by re-pledging is gone`);

  // 1. The secured lender downstream keeps what was pledged to it.
  if (k <= n) {
    add(partyName(k + 1), "keeps collateral", pledge(k), `${partyName(k + 1)} keeps the ${pledge(k).toString()} pledged to it by ${partyName(k)} (secured, paid first)`);
  }
  // 2. The estate returns what it still holds to its pledger.
  const pledger = k - 1;
  const rePledged = k <= n ? pledge(k) : ZERO;
  const returned = pledge(pledger).minus(rePledged);
  if (returned.gt(0)) add(partyName(pledger), "collateral returned", returned, `${partyName(k)}'s estate returns the ${returned.toString()} it had not re-pledged`);
  // 3. The rest is an unsecured claim on the estate.
  const recovery = rePledged.times(recoveryRate);
  if (recovery.gt(0)) {
    add(partyName(pledger), "unsecured recovery", recovery, `${partyName(pledger)} recovers ${recoveryRate.toString()} of its unsecured ${rePledged.toString()}`);
  }
  // 4. The loss travels up while capital cannot absorb it.
  const totalLoss = rePledged.minus(recovery);
  let loss = totalLoss;
  for (let party = pledger; party >= 0 && loss.gt(0); party--) {
    short[party] = loss;
    if (party === 0) {
      add("client", "loss", loss, `the client is ${loss.toString()} short of its ${pledge(0).toString()}`);
      break;
    }
    const covered = Decimal.min(capitals[party - 1]!, loss);
    absorbed[party] = covered;
    if (covered.gt(0)) add(partyName(party), "loss absorbed by capital", covered, `${partyName(party)}'s capital absorbs ${covered.toString()}`);
    loss = loss.minus(covered);
    if (loss.isZero()) break;
    failed.add(party);
    add(partyName(party), "fails", loss, `${partyName(party)} cannot cover ${loss.toString()} and fails; the shortfall passes to ${partyName(party - 1)}`);
  }

  // Everyone but the failed dealer is owed what they pledged and gets it back less their shortfall.
  const parties: UnwindParty[] = [];
  for (let i = 0; i <= n + 1; i++) {
    const claimUsd = i <= n && i !== k ? pledge(i) : ZERO;
    parties.push(
      Object.freeze({
        name: partyName(i),
        claimUsd,
        recoveredUsd: claimUsd.minus(short[i]!),
        shortUsd: short[i]!,
        absorbedUsd: absorbed[i]!,
        failed: failed.has(i),
      }),
    );
  }
  return Object.freeze({
    events: Object.freeze(events),
    parties: Object.freeze(parties),
    clientLossUsd: short[0]!,
    failedDealers: Object.freeze([...failed].sort((a, b) => a - b).map(partyName)),
    totalLossUsd: totalLoss,
  });
}
