/**
 * exchange — a custodial exchange, its house trading desk, and two balance sheets.
 *
 * Models: customers deposit and withdraw several assets (USD, BTC, a token…);
 * the exchange owes each customer their balance (a liability) and holds the
 * real assets in custody wallets. A house trading desk — a separate entity
 * with its own books, like Alameda beside FTX — can borrow customer assets
 * out of custody (commingling), openly (a disclosed loan to an affiliate) or
 * hidden (the books an outsider sees still count the assets as in custody),
 * and trade them. Every movement is a balanced ledger entry; nothing appears
 * or disappears except through a named entry.
 *
 * Two views of the same books:
 * - the *reported* balance sheet — what users and a naive auditor see: hidden
 *   loans shown as custody, disclosed loans at face value; liabilities always
 *   look fully backed;
 * - the *true* balance sheet — real custody, the desk's debt valued at what it
 *   can actually repay (its holdings at market price less a liquidation
 *   haircut, shared pro rata over what it owes), and the shortfall.
 * Withdrawals are paid from custody; when custody cannot pay one, the exchange
 * halts and that withdrawal and every later one queue (first in, first out)
 * until `resume()` finds custody enough to pay them. Deposits are still taken
 * while halted; only withdrawals stop.
 *
 * Simplifications: the desk's only creditor is the exchange; no fees, no
 * interest; the desk trades at the current price with no impact, quantities
 * rounded down to the asset's smallest unit; a price change is a view, not an
 * entry (the ledger counts units); withdrawals are all-or-nothing.
 *
 * Sources: FTX debtors' second interim report (26 June 2023) on commingled and
 * misappropriated customer assets; G. Wang's trial testimony (October 2023) on
 * Alameda's `allow_negative` line; CoinDesk (2 November 2022) on Alameda's FTT
 * holdings. See FACTS.md for figures.
 */
import { Ledger, InvariantError, type JournalEntry } from "./ledger";
import { Decimal, ONE, ZERO, exactPlus, toDecimal, type DecimalInput } from "./money";

/** One asset the exchange handles. */
export interface AssetSpec {
  /** Price in dollars (USD is always 1); default 1. */
  priceUsd?: DecimalInput;
  /** Smallest unit as decimal places (USD 2, BTC 8); default 8. */
  decimals?: number;
  /** Fraction of the mark price lost when the desk's holdings are sold in distress (0–1); default 0. */
  haircut?: DecimalInput;
}

/** Options for an {@link Exchange}. */
export interface ExchangeOptions {
  /** Assets by code; USD is added if missing. */
  assets?: Record<string, AssetSpec>;
  /** The exchange's own funds, in custody from the start, per asset. */
  houseCapital?: Record<string, DecimalInput>;
  /** The desk's own funds per asset (its first-loss buffer). */
  deskCapital?: Record<string, DecimalInput>;
  /** Keep every ledger entry (for history); default true. */
  keepJournal?: boolean;
  /** Record a timeline point every this many events (halts, resumptions and price changes are always recorded); default 1. */
  timelineEvery?: number;
  /** Check the books after every step; default true. */
  checkInvariants?: boolean;
}

/**
 * Defaults for an {@link Exchange}.
 *
 * @example
 * EXCHANGE_DEFAULTS.assets.BTC.priceUsd //=> "60000"
 */
export const EXCHANGE_DEFAULTS = {
  assets: { USD: { priceUsd: "1", decimals: 2, haircut: "0" }, BTC: { priceUsd: "60000", decimals: 8, haircut: "0" } },
  timelineEvery: 1,
  keepJournal: true,
  checkInvariants: true,
} as const;

/** Options common to every event: its time and, for idempotency, its id. */
export interface EventOptions {
  /** Simulation time; must not go backwards. Default: one after the last event. */
  time?: number;
  /** Entry id; an id can be used once. Default: generated. */
  id?: string;
}

/** A withdrawal waiting while the exchange is halted. */
export interface QueuedWithdrawal {
  readonly id: string;
  readonly customerId: string;
  readonly asset: string;
  readonly amount: Decimal;
  readonly requestedAt: number;
}

/** What {@link Exchange.withdraw} did. */
export type WithdrawalResult =
  | { status: "paid"; id: string; entry: JournalEntry }
  | { status: "queued"; id: string; position: number };

/** One asset's line of a balance sheet, in units of the asset. */
export interface AssetLine {
  readonly asset: string;
  readonly priceUsd: Decimal;
  /** Assets in the custody wallets (reported: plus hidden loans). */
  readonly custody: Decimal;
  /** Loans to the desk in this asset (reported: disclosed ones at face; true: all of them × the desk's recovery rate). */
  readonly receivable: Decimal;
  /** What customers are owed in this asset. */
  readonly liabilities: Decimal;
  /** custody + receivable − liabilities, in units. */
  readonly equity: Decimal;
}

/** A balance sheet in dollars at current prices, with a line per asset. */
export interface BalanceSheet {
  readonly basis: "reported" | "true";
  readonly time: number;
  readonly lines: readonly AssetLine[];
  readonly custodyUsd: Decimal;
  readonly receivablesUsd: Decimal;
  readonly totalAssetsUsd: Decimal;
  readonly liabilitiesUsd: Decimal;
  /** custody + receivables − liabilities. */
  readonly equityUsd: Decimal;
  /** What customers would not get back if everything were paid out now: max(0, −equity). */
  readonly shortfallUsd: Decimal;
  /** Fraction of the desk's debt it can repay (1 on the reported sheet). */
  readonly deskRecoveryRate: Decimal;
}

/** One point of the exchange's timeline, ready to plot. */
export interface ExchangeTimelinePoint {
  readonly step: number;
  readonly time: number;
  readonly event: "start" | "deposit" | "withdraw" | "queue" | "halt" | "resume" | "borrow" | "repay" | "trade" | "price";
  readonly detail: string;
  readonly prices: Readonly<Record<string, Decimal>>;
  readonly custody: Readonly<Record<string, Decimal>>;
  readonly custodyUsd: Decimal;
  readonly liabilitiesUsd: Decimal;
  readonly reportedEquityUsd: Decimal;
  readonly trueEquityUsd: Decimal;
  readonly shortfallUsd: Decimal;
  readonly queuedUsd: Decimal;
  readonly halted: boolean;
}

interface AssetState {
  readonly code: string;
  readonly decimals: number;
  priceUsd: Decimal;
  readonly haircut: Decimal;
  /** Σ of customer balances in this asset, kept incrementally (audited against the accounts). */
  liabilities: Decimal;
  queued: Decimal;
  /** Account ids, built once: string keys made per call cost more than the arithmetic. */
  readonly ids: Readonly<Record<AccountRole, string>>;
}

type AccountRole = "custody" | "capital" | "loanOpen" | "loanHidden" | "holdings" | "owed" | "deskCapital" | "trading";

const MAX_ID_LENGTH = 100;

function positiveAmount(value: DecimalInput, name: string, asset: AssetState): Decimal {
  const amount = toDecimal(value, name);
  if (amount.lte(0)) throw new RangeError(`${name} must be greater than 0, got ${amount.toString()}.`);
  if (amount.decimalPlaces() > asset.decimals) {
    throw new RangeError(`${name} has more decimals than ${asset.code} allows (${asset.decimals}): ${amount.toString()}.`);
  }
  return amount;
}

function fraction(value: DecimalInput, name: string): Decimal {
  const x = toDecimal(value, name);
  if (x.lt(0) || x.gt(1)) throw new RangeError(`${name} must be between 0 and 1, got ${x.toString()}.`);
  return x;
}

/**
 * A custodial exchange with a house trading desk.
 *
 * @example
 * const ex = new Exchange({ assets: { USD: {}, BTC: { priceUsd: "50000" } } });
 * ex.deposit("alice", "USD", "100000000");
 * ex.deskBorrow("USD", "100000000", { hidden: true });
 * ex.deskTrade("USD", "BTC", "100000000"); // 2,000 BTC at $50,000
 * ex.setPrice("BTC", "20000"); // −60%
 * ex.reportedBalanceSheet().shortfallUsd.toString() //=> "0"
 * ex.trueBalanceSheet().shortfallUsd.toString() //=> "60000000"
 */
export class Exchange {
  /** The books: read balances and history here; change them only through the exchange's methods. */
  readonly ledger: Ledger;
  private readonly assetStates = new Map<string, AssetState>();
  /** customer → asset → ledger account id, in order of first deposit. */
  private readonly customerAssets = new Map<string, Map<string, string>>();
  private readonly queuedIds = new Set<string>();
  /** Withdrawals waiting; paid ones are dropped from the front by compaction, not shift(), to stay O(1) each. */
  private queue: QueuedWithdrawal[] = [];
  private readonly queuedByAccount = new Map<string, Decimal>();
  private readonly points: ExchangeTimelinePoint[] = [];
  private readonly timelineEvery: number;
  private readonly checkInvariants: boolean;
  private step = 0;
  private clock = 0;
  private isHalted = false;

  constructor(options: ExchangeOptions = {}) {
    if (options === null || typeof options !== "object") throw new RangeError("Exchange options must be an object.");
    this.timelineEvery = options.timelineEvery ?? EXCHANGE_DEFAULTS.timelineEvery;
    if (!Number.isSafeInteger(this.timelineEvery) || this.timelineEvery < 1) {
      throw new RangeError(`timelineEvery must be a whole number of at least 1, got ${String(this.timelineEvery)}.`);
    }
    this.checkInvariants = options.checkInvariants ?? EXCHANGE_DEFAULTS.checkInvariants;
    this.ledger = new Ledger({ keepJournal: options.keepJournal ?? EXCHANGE_DEFAULTS.keepJournal });

    const specs: Record<string, AssetSpec> = { ...(options.assets ?? EXCHANGE_DEFAULTS.assets) };
    specs.USD ??= { priceUsd: "1", decimals: 2 };
    for (const [code, spec] of Object.entries(specs)) this.addAsset(code, spec ?? {});

    for (const [code, amount] of Object.entries(options.houseCapital ?? {})) {
      const asset = this.asset(code);
      const value = toDecimal(amount, `houseCapital.${code}`);
      if (value.isZero()) continue;
      positiveAmount(value, `houseCapital.${code}`, asset);
      this.ledger.post({
        id: `house-capital-${code}`,
        memo: `The exchange's own ${code}`,
        time: 0,
        postings: [
          { account: this.acct("custody", code), debit: value },
          { account: this.acct("capital", code), credit: value },
        ],
      });
    }
    for (const [code, amount] of Object.entries(options.deskCapital ?? {})) {
      const asset = this.asset(code);
      const value = toDecimal(amount, `deskCapital.${code}`);
      if (value.isZero()) continue;
      positiveAmount(value, `deskCapital.${code}`, asset);
      this.ledger.post({
        id: `desk-capital-${code}`,
        memo: `The desk's own ${code}`,
        time: 0,
        postings: [
          { account: this.acct("holdings", code), debit: value },
          { account: this.acct("deskCapital", code), credit: value },
        ],
      });
    }
    this.afterEvent("start", "books opened", true);
  }

  private addAsset(code: string, spec: AssetSpec): void {
    if (!/^[A-Za-z0-9]{1,12}$/.test(code)) throw new RangeError(`An asset code must be 1–12 letters or digits, like BTC; got "${code}".`);
    const decimals = spec.decimals ?? (code === "USD" ? 2 : 8);
    if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 18) {
      throw new RangeError(`decimals of ${code} must be a whole number from 0 to 18, got ${String(decimals)}.`);
    }
    const priceUsd = code === "USD" ? ONE : toDecimal(spec.priceUsd ?? 1, `the price of ${code}`);
    if (code === "USD" && spec.priceUsd !== undefined && !toDecimal(spec.priceUsd, "the price of USD").eq(1)) {
      throw new RangeError("The price of USD is 1 by definition: balance sheets are in dollars.");
    }
    if (priceUsd.isNegative()) throw new RangeError(`The price of ${code} must not be negative, got ${priceUsd.toString()}.`);
    const haircut = fraction(spec.haircut ?? 0, `haircut of ${code}`);
    const ids: Record<AccountRole, string> = {
      custody: `custody:${code}`,
      capital: `house:capital:${code}`,
      loanOpen: `loan:desk:open:${code}`,
      loanHidden: `loan:desk:hidden:${code}`,
      holdings: `desk:holdings:${code}`,
      owed: `desk:owed:${code}`,
      deskCapital: `desk:capital:${code}`,
      trading: `desk:trading:${code}`,
    };
    this.assetStates.set(code, { code, decimals, priceUsd, haircut, liabilities: ZERO, queued: ZERO, ids: Object.freeze(ids) });
    const open = (id: string, kind: "asset" | "liability" | "equity", label: string, nonNegative = false) =>
      this.ledger.openAccount({ id, kind, asset: code, label, nonNegative });
    open(`custody:${code}`, "asset", `Custody wallets (${code})`, true);
    open(`house:capital:${code}`, "equity", `Exchange capital (${code})`);
    open(`loan:desk:open:${code}`, "asset", `Disclosed loan to the desk (${code})`, true);
    open(`loan:desk:hidden:${code}`, "asset", `Hidden loan to the desk (${code})`, true);
    open(`desk:holdings:${code}`, "asset", `Desk holdings (${code})`, true);
    open(`desk:owed:${code}`, "liability", `Desk's debt to the exchange (${code})`, true);
    open(`desk:capital:${code}`, "equity", `Desk capital (${code})`);
    open(`desk:trading:${code}`, "equity", `Desk trading account (${code})`);
  }

  private acct(role: AccountRole, code: string): string {
    return this.asset(code).ids[role];
  }

  /** The ledger id of a customer's account in an asset (cached; not opened here). */
  private customerAccountId(customerId: string, code: string): string {
    return this.customerAssets.get(customerId)?.get(code) ?? `customer:${customerId}:${code}`;
  }

  private asset(code: string): AssetState {
    const state = this.assetStates.get(code);
    if (!state) {
      throw new RangeError(`The exchange does not handle "${String(code)}"; it handles ${[...this.assetStates.keys()].join(", ")}.`);
    }
    return state;
  }

  private checkCustomerId(customerId: string): void {
    if (typeof customerId !== "string" || customerId.length === 0 || customerId.length > MAX_ID_LENGTH) {
      throw new RangeError(`customerId must be a non-empty string of at most ${MAX_ID_LENGTH} characters.`);
    }
  }

  private begin(options: EventOptions | undefined, kind: string): { time: number; id: string } {
    const time = options?.time ?? this.clock + 1;
    if (typeof time !== "number" || !Number.isFinite(time)) throw new RangeError(`time must be a finite number, got ${String(time)}.`);
    if (time < this.clock) throw new RangeError(`time must not go backwards: the exchange is at ${this.clock}, got ${time}.`);
    const id = options?.id ?? `${kind}-${this.step + 1}`;
    if (typeof id !== "string" || id.length === 0) throw new RangeError("An event id must be a non-empty string.");
    return { time, id };
  }

  /** The customer's account in an asset, opened on first use. */
  private customerAccount(customerId: string, code: string): string {
    let accounts = this.customerAssets.get(customerId);
    const known = accounts?.get(code);
    if (known !== undefined) return known;
    const accountId = `customer:${customerId}:${code}`;
    this.ledger.openAccount({ id: accountId, kind: "liability", asset: code, label: `${customerId} (${code})`, nonNegative: true });
    if (!accounts) this.customerAssets.set(customerId, (accounts = new Map()));
    accounts.set(code, accountId);
    return accountId;
  }

  /** Is the exchange halted (withdrawals queue)? */
  get halted(): boolean {
    return this.isHalted;
  }

  /** Current simulation time. */
  get time(): number {
    return this.clock;
  }

  /** Current price of an asset in dollars. */
  price(code: string): Decimal {
    return this.asset(code).priceUsd;
  }

  /** Asset codes, in the order they were configured. */
  assets(): string[] {
    return [...this.assetStates.keys()];
  }

  /** Customer ids, in order of first deposit. */
  customers(): string[] {
    return [...this.customerAssets.keys()];
  }

  /**
   * What the exchange owes a customer in an asset.
   *
   * @example
   * const ex = new Exchange(); ex.deposit("bob", "BTC", "2");
   * ex.customerBalance("bob", "BTC").toString() //=> "2"
   */
  customerBalance(customerId: string, code: string): Decimal {
    this.asset(code);
    const accountId = this.customerAccountId(customerId, code);
    return this.ledger.hasAccount(accountId) ? this.ledger.balance(accountId) : ZERO;
  }

  /** Every customer's balance in one asset — the input of a proof of liabilities. */
  customerBalances(code: string): { id: string; balance: Decimal }[] {
    this.asset(code);
    const out: { id: string; balance: Decimal }[] = [];
    for (const [id, accounts] of this.customerAssets) {
      const accountId = accounts.get(code);
      if (accountId !== undefined) out.push({ id, balance: this.ledger.balance(accountId) });
    }
    return out;
  }

  /** Withdrawals waiting, oldest first. */
  queuedWithdrawals(): readonly QueuedWithdrawal[] {
    return this.queue.slice();
  }

  /**
   * A customer deposits an asset: custody and the exchange's debt to the customer grow together.
   *
   * @example
   * new Exchange().deposit("alice", "USD", "1000").id //=> "deposit-1"
   */
  deposit(customerId: string, code: string, amount: DecimalInput, options?: EventOptions): JournalEntry {
    this.checkCustomerId(customerId);
    const asset = this.asset(code);
    const value = positiveAmount(amount, "amount", asset);
    const { time, id } = this.begin(options, "deposit");
    // Checked before posting so a refusal leaves nothing half-done.
    const newLiabilities = exactPlus(asset.liabilities, value, `total ${code} owed to customers`);
    const account = this.customerAccount(customerId, code);
    const entry = this.ledger.post({
      id,
      time,
      memo: `${customerId} deposits ${value.toString()} ${code}`,
      postings: [
        { account: this.acct("custody", code), debit: value },
        { account, credit: value },
      ],
    });
    asset.liabilities = newLiabilities;
    this.clock = time;
    this.afterEvent("deposit", entry.memo, false, [code]);
    return entry;
  }

  /**
   * A customer asks to withdraw. Paid from custody if the exchange is running
   * and custody holds enough; otherwise the exchange halts (if it was not
   * already) and the request queues.
   *
   * @example
   * const ex = new Exchange(); ex.deposit("alice", "USD", "10");
   * ex.withdraw("alice", "USD", "4").status //=> "paid"
   */
  withdraw(customerId: string, code: string, amount: DecimalInput, options?: EventOptions): WithdrawalResult {
    this.checkCustomerId(customerId);
    const asset = this.asset(code);
    const value = positiveAmount(amount, "amount", asset);
    const accountId = this.customerAccountId(customerId, code);
    const owed = this.ledger.hasAccount(accountId) ? this.ledger.balance(accountId) : ZERO;
    const alreadyQueued = this.queuedByAccount.get(accountId) ?? ZERO;
    const available = owed.minus(alreadyQueued);
    if (value.gt(available)) {
      throw new RangeError(
        `${customerId} can withdraw at most ${available.toString()} ${code}${alreadyQueued.isZero() ? "" : ` (${alreadyQueued.toString()} more is already queued)`}, not ${value.toString()}.`,
      );
    }
    const { time, id } = this.begin(options, "withdraw");
    if (this.ledger.hasEntry(id) || this.queuedIds.has(id)) {
      throw new RangeError(`A withdrawal with id "${id}" was already made; an id can be used only once.`);
    }
    this.clock = time;
    if (!this.isHalted && this.ledger.balance(this.acct("custody", code)).gte(value)) {
      const entry = this.pay(id, customerId, code, value, time);
      this.afterEvent("withdraw", entry.memo, false, [code]);
      return { status: "paid", id, entry };
    }
    if (!this.isHalted) {
      this.isHalted = true;
      this.afterEvent(
        "halt",
        `custody holds ${this.ledger.balance(this.acct("custody", code)).toString()} ${code} and cannot pay ${customerId}'s ${value.toString()}: withdrawals halted`,
        true,
      );
    }
    this.queue.push(Object.freeze({ id, customerId, asset: code, amount: value, requestedAt: time }));
    this.queuedIds.add(id);
    this.queuedByAccount.set(accountId, alreadyQueued.plus(value));
    asset.queued = asset.queued.plus(value);
    this.afterEvent("queue", `${customerId}'s withdrawal of ${value.toString()} ${code} queues`, false, [code]);
    return { status: "queued", id, position: this.queue.length };
  }

  private pay(id: string, customerId: string, code: string, value: Decimal, time: number): JournalEntry {
    const entry = this.ledger.post({
      id,
      time,
      memo: `${customerId} withdraws ${value.toString()} ${code}`,
      postings: [
        { account: this.customerAccountId(customerId, code), debit: value },
        { account: this.acct("custody", code), credit: value },
      ],
    });
    const asset = this.asset(code);
    // A customer's payout is at most what they are owed, so this difference is exact.
    asset.liabilities = exactPlus(asset.liabilities, value.negated(), `total ${code} owed to customers`);
    return entry;
  }

  /**
   * Pays queued withdrawals in order while custody can; when the queue is
   * empty the exchange reopens. Returns how many were paid.
   *
   * @example
   * new Exchange().resume() //=> 0
   */
  resume(options?: { time?: number }): number {
    const { time } = this.begin(options, "resume");
    this.clock = time;
    let paid = 0;
    let head = 0;
    while (head < this.queue.length) {
      const next = this.queue[head]!;
      if (this.ledger.balance(this.acct("custody", next.asset)).lt(next.amount)) break;
      head += 1;
      this.queuedIds.delete(next.id);
      const accountId = this.customerAccountId(next.customerId, next.asset);
      this.queuedByAccount.set(accountId, this.queuedByAccount.get(accountId)!.minus(next.amount));
      const asset = this.asset(next.asset);
      asset.queued = asset.queued.minus(next.amount);
      this.pay(next.id, next.customerId, next.asset, next.amount, time);
      paid += 1;
    }
    if (head > 0) this.queue = this.queue.slice(head);
    if (this.queue.length === 0 && this.isHalted) {
      this.isHalted = false;
      this.afterEvent("resume", `queue cleared (${paid} paid): withdrawals reopen`, true);
    } else if (paid > 0) {
      this.afterEvent("withdraw", `${paid} queued withdrawals paid; ${this.queue.length} still waiting`, true);
    }
    return paid;
  }

  /**
   * The desk borrows customer assets out of custody — commingling. `hidden`
   * loans are invisible on the reported sheet (the assets still "count" as
   * custody); open ones show as a loan to an affiliate at face value.
   *
   * @example
   * const ex = new Exchange(); ex.deposit("alice", "BTC", "10");
   * ex.deskBorrow("BTC", "4", { hidden: true });
   * ex.reportedBalanceSheet().lines.find((l) => l.asset === "BTC").custody.toString() //=> "10"
   */
  deskBorrow(code: string, amount: DecimalInput, options?: EventOptions & { hidden?: boolean }): JournalEntry {
    const asset = this.asset(code);
    const value = positiveAmount(amount, "amount", asset);
    const inCustody = this.ledger.balance(this.acct("custody", code));
    if (value.gt(inCustody)) {
      throw new RangeError(`The desk cannot borrow ${value.toString()} ${code}: custody holds only ${inCustody.toString()}.`);
    }
    const hidden = options?.hidden ?? false;
    const { time, id } = this.begin(options, "borrow");
    const entry = this.ledger.post({
      id,
      time,
      memo: `desk borrows ${value.toString()} ${code} of customer assets${hidden ? " (hidden)" : ""}`,
      postings: [
        { account: this.acct(hidden ? "loanHidden" : "loanOpen", code), debit: value },
        { account: this.acct("custody", code), credit: value },
        { account: this.acct("holdings", code), debit: value },
        { account: this.acct("owed", code), credit: value },
      ],
    });
    this.clock = time;
    this.afterEvent("borrow", entry.memo, false, [code]);
    return entry;
  }

  /**
   * The desk pays back a loan in kind; hidden loans are repaid first unless
   * `loan` says otherwise. Queued withdrawals are not paid until {@link resume}.
   *
   * @example
   * const ex = new Exchange(); ex.deposit("a", "USD", "10"); ex.deskBorrow("USD", "10");
   * ex.deskRepay("USD", "10").id //=> "repay-3"
   */
  deskRepay(code: string, amount: DecimalInput, options?: EventOptions & { loan?: "hidden" | "open" }): JournalEntry {
    const asset = this.asset(code);
    const value = positiveAmount(amount, "amount", asset);
    const owed = this.ledger.balance(this.acct("owed", code));
    if (value.gt(owed)) throw new RangeError(`The desk owes only ${owed.toString()} ${code}; it cannot repay ${value.toString()}.`);
    const holds = this.ledger.balance(this.acct("holdings", code));
    if (value.gt(holds)) throw new RangeError(`The desk holds only ${holds.toString()} ${code}; it cannot repay ${value.toString()}.`);
    const order = options?.loan === "open" ? (["open", "hidden"] as const) : (["hidden", "open"] as const);
    const postings: { account: string; debit?: Decimal; credit?: Decimal }[] = [];
    let left = value;
    for (const kind of order) {
      const outstanding = this.ledger.balance(this.acct(kind === "hidden" ? "loanHidden" : "loanOpen", code));
      const part = Decimal.min(left, outstanding);
      if (part.gt(0)) postings.push({ account: this.acct(kind === "hidden" ? "loanHidden" : "loanOpen", code), credit: part });
      left = left.minus(part);
    }
    const { time, id } = this.begin(options, "repay");
    const entry = this.ledger.post({
      id,
      time,
      memo: `desk repays ${value.toString()} ${code}`,
      postings: [
        { account: this.acct("custody", code), debit: value },
        ...(postings as { account: string; credit: Decimal }[]),
        { account: this.acct("owed", code), debit: value },
        { account: this.acct("holdings", code), credit: value },
      ],
    });
    this.clock = time;
    this.afterEvent("repay", entry.memo, false, [code]);
    return entry;
  }

  /**
   * The desk sells `sellAmount` of one asset for another at current prices
   * (no market impact); the quantity bought is rounded down to the bought
   * asset's smallest unit.
   *
   * @example
   * const ex = new Exchange({ deskCapital: { USD: "60000" } });
   * ex.deskTrade("USD", "BTC", "60000");
   * ex.ledger.balance("desk:holdings:BTC").toString() //=> "1"
   */
  deskTrade(sellCode: string, buyCode: string, sellAmount: DecimalInput, options?: EventOptions): JournalEntry {
    const sell = this.asset(sellCode);
    const buy = this.asset(buyCode);
    if (sellCode === buyCode) throw new RangeError(`The desk cannot trade ${sellCode} for itself.`);
    const value = positiveAmount(sellAmount, "sellAmount", sell);
    const holds = this.ledger.balance(this.acct("holdings", sellCode));
    if (value.gt(holds)) throw new RangeError(`The desk holds only ${holds.toString()} ${sellCode}; it cannot sell ${value.toString()}.`);
    if (buy.priceUsd.isZero()) throw new RangeError(`${buyCode} has a price of 0: the desk cannot buy it.`);
    const bought = value.times(sell.priceUsd).div(buy.priceUsd).toDecimalPlaces(buy.decimals, Decimal.ROUND_DOWN);
    if (bought.isZero()) throw new RangeError(`Selling ${value.toString()} ${sellCode} buys less than one unit of ${buyCode}.`);
    const { time, id } = this.begin(options, "trade");
    const entry = this.ledger.post({
      id,
      time,
      memo: `desk sells ${value.toString()} ${sellCode} for ${bought.toString()} ${buyCode}`,
      postings: [
        { account: this.acct("trading", sellCode), debit: value },
        { account: this.acct("holdings", sellCode), credit: value },
        { account: this.acct("holdings", buyCode), debit: bought },
        { account: this.acct("trading", buyCode), credit: bought },
      ],
    });
    this.clock = time;
    this.afterEvent("trade", entry.memo, false, [sellCode, buyCode]);
    return entry;
  }

  /**
   * Sets an asset's price. The ledger counts units, so nothing is posted;
   * both balance sheets are revalued.
   *
   * @example
   * const ex = new Exchange(); ex.setPrice("BTC", "24000");
   * ex.price("BTC").toString() //=> "24000"
   */
  setPrice(code: string, priceUsd: DecimalInput, options?: { time?: number }): void {
    const asset = this.asset(code);
    if (code === "USD") throw new RangeError("The price of USD is 1 by definition: balance sheets are in dollars.");
    const price = toDecimal(priceUsd, `the price of ${code}`);
    if (price.isNegative()) throw new RangeError(`The price of ${code} must not be negative, got ${price.toString()}.`);
    const { time } = this.begin(options, "price");
    asset.priceUsd = price;
    this.clock = time;
    this.afterEvent("price", `${code} at $${price.toString()}`, true, []);
  }

  /**
   * The desk's debt in dollars, what it could raise selling everything (after
   * haircuts), the share of its debt it can repay, and the loss.
   *
   * @example
   * new Exchange().deskPosition().recoveryRate.toString() //=> "1"
   */
  deskPosition(): { debtUsd: Decimal; recoverableUsd: Decimal; recoveryRate: Decimal; lossUsd: Decimal } {
    let debtUsd = ZERO;
    let recoverableUsd = ZERO;
    for (const asset of this.assetStates.values()) {
      debtUsd = debtUsd.plus(this.ledger.balance(this.acct("owed", asset.code)).times(asset.priceUsd));
      recoverableUsd = recoverableUsd.plus(
        this.ledger.balance(this.acct("holdings", asset.code)).times(asset.priceUsd).times(ONE.minus(asset.haircut)),
      );
    }
    const recoveryRate = debtUsd.isZero() || recoverableUsd.gte(debtUsd) ? ONE : recoverableUsd.div(debtUsd);
    const lossUsd = Decimal.max(ZERO, debtUsd.minus(recoverableUsd));
    return { debtUsd, recoverableUsd, recoveryRate, lossUsd };
  }

  private sheet(basis: "reported" | "true"): BalanceSheet {
    const recoveryRate = basis === "true" ? this.deskPosition().recoveryRate : ONE;
    const lines: AssetLine[] = [];
    let custodyUsd = ZERO;
    let receivablesUsd = ZERO;
    let liabilitiesUsd = ZERO;
    for (const asset of this.assetStates.values()) {
      const realCustody = this.ledger.balance(this.acct("custody", asset.code));
      const hidden = this.ledger.balance(this.acct("loanHidden", asset.code));
      const open = this.ledger.balance(this.acct("loanOpen", asset.code));
      const custody = basis === "true" ? realCustody : realCustody.plus(hidden);
      const receivable = basis === "true" ? open.plus(hidden).times(recoveryRate) : open;
      const liabilities = asset.liabilities;
      lines.push(
        Object.freeze({
          asset: asset.code,
          priceUsd: asset.priceUsd,
          custody,
          receivable,
          liabilities,
          equity: custody.plus(receivable).minus(liabilities),
        }),
      );
      custodyUsd = custodyUsd.plus(custody.times(asset.priceUsd));
      receivablesUsd = receivablesUsd.plus(receivable.times(asset.priceUsd));
      liabilitiesUsd = liabilitiesUsd.plus(liabilities.times(asset.priceUsd));
    }
    if (basis === "true") {
      // Summed in dollars from the desk's own position so the total is exact:
      // the desk repays min(debt, what its holdings fetch). The per-asset lines
      // above (face × recovery rate) are the same split asset by asset.
      const desk = this.deskPosition();
      receivablesUsd = Decimal.min(desk.debtUsd, desk.recoverableUsd);
    }
    const totalAssetsUsd = custodyUsd.plus(receivablesUsd);
    const equityUsd = totalAssetsUsd.minus(liabilitiesUsd);
    return Object.freeze({
      basis,
      time: this.clock,
      lines: Object.freeze(lines),
      custodyUsd,
      receivablesUsd,
      totalAssetsUsd,
      liabilitiesUsd,
      equityUsd,
      shortfallUsd: equityUsd.isNegative() ? equityUsd.negated() : ZERO,
      deskRecoveryRate: recoveryRate,
    });
  }

  /**
   * What users and a naive auditor see: hidden loans counted as custody,
   * disclosed loans at face value. It never shows a shortfall caused by the desk.
   *
   * @example
   * new Exchange().reportedBalanceSheet().shortfallUsd.toString() //=> "0"
   */
  reportedBalanceSheet(): BalanceSheet {
    return this.sheet("reported");
  }

  /**
   * The truth: real custody, the desk's debt at what it can repay, and the
   * shortfall — what customers would lose if all were paid out now.
   *
   * @example
   * new Exchange().trueBalanceSheet().equityUsd.toString() //=> "0"
   */
  trueBalanceSheet(): BalanceSheet {
    return this.sheet("true");
  }

  /**
   * The recorded timeline, oldest first: one point per event (or per
   * `timelineEvery` events), ready for a chart.
   *
   * @example
   * const ex = new Exchange(); ex.deposit("a", "USD", "5");
   * ex.timeline().map((p) => p.event) //=> ["start", "deposit"]
   */
  timeline(): readonly ExchangeTimelinePoint[] {
    return this.points.slice();
  }

  private afterEvent(event: ExchangeTimelinePoint["event"], detail: string, always = false, touched?: readonly string[]): void {
    // The opening of the books is step 0; every event after it is one step.
    if (event !== "start") this.step += 1;
    if (this.checkInvariants) this.assertInvariants(touched);
    if (!always && this.step % this.timelineEvery !== 0) return;
    const reported = this.reportedBalanceSheet();
    const truth = this.trueBalanceSheet();
    const prices: Record<string, Decimal> = {};
    const custody: Record<string, Decimal> = {};
    let queuedUsd = ZERO;
    for (const asset of this.assetStates.values()) {
      prices[asset.code] = asset.priceUsd;
      custody[asset.code] = this.ledger.balance(this.acct("custody", asset.code));
      queuedUsd = queuedUsd.plus(asset.queued.times(asset.priceUsd));
    }
    this.points.push(
      Object.freeze({
        step: this.step,
        time: this.clock,
        event,
        detail,
        prices: Object.freeze(prices),
        custody: Object.freeze(custody),
        custodyUsd: truth.custodyUsd,
        liabilitiesUsd: truth.liabilitiesUsd,
        reportedEquityUsd: reported.equityUsd,
        trueEquityUsd: truth.equityUsd,
        shortfallUsd: truth.shortfallUsd,
        queuedUsd,
        halted: this.isHalted,
      }),
    );
  }

  /**
   * The cheap per-step checks: the ledger balances, and per asset, in units,
   * custody + loans to the desk = customer liabilities + exchange capital.
   * After an event only the assets it touched are rechecked; with no argument, all.
   *
   * @example
   * new Exchange().assertInvariants() //=> undefined
   */
  assertInvariants(assetCodes?: readonly string[]): void {
    this.ledger.assertBalanced();
    const states = assetCodes === undefined ? [...this.assetStates.values()] : assetCodes.map((c) => this.asset(c));
    for (const asset of states) {
      const c = asset.code;
      const held = this.ledger
        .balance(asset.ids.custody)
        .plus(this.ledger.balance(asset.ids.loanOpen))
        .plus(this.ledger.balance(asset.ids.loanHidden));
      const claims = asset.liabilities.plus(this.ledger.balance(asset.ids.capital));
      if (!held.eq(claims)) {
        throw new InvariantError(
          `The exchange's books do not add up in ${c} at step ${this.step}: custody + loans to the desk = ${held.toString()}, customer liabilities + capital = ${claims.toString()}.`,
        );
      }
    }
  }

  /**
   * The thorough check, for tests: the ledger's full audit, and every asset's
   * running liability total against the sum of the customer accounts.
   */
  audit(): void {
    this.ledger.audit();
    this.assertInvariants();
    for (const asset of this.assetStates.values()) {
      let total = ZERO;
      for (const { balance } of this.customerBalances(asset.code)) total = total.plus(balance);
      if (!total.eq(asset.liabilities)) {
        throw new InvariantError(`Customer balances in ${asset.code} add up to ${total.toString()} but the running total says ${asset.liabilities.toString()}.`);
      }
      let queued = ZERO;
      for (const q of this.queue) if (q.asset === asset.code) queued = queued.plus(q.amount);
      if (!queued.eq(asset.queued)) throw new InvariantError(`Queued ${asset.code} adds up to ${queued.toString()}, not ${asset.queued.toString()}.`);
    }
  }
}
