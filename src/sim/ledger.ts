/**
 * ledger — double-entry bookkeeping, the way every other custody module counts.
 *
 * Models: accounts of five kinds (asset, liability, equity, income, expense),
 * each holding one asset or currency ("USD", "BTC"); journal entries made of
 * postings (a debit or a credit of an amount to an account) that must balance
 * per asset — Σ debits = Σ credits in USD, separately in BTC, and so on — or
 * the whole entry is refused and nothing changes. Entries carry an id and an
 * id can be posted only once, so replaying a message cannot double-count.
 * An account may be marked `nonNegative` (a wallet cannot hold −3 BTC); an
 * entry that would drive it below zero is refused.
 *
 * Simplifications: amounts are in units of the account's asset; prices and
 * valuation live outside the ledger (a price change is not an entry, it is a
 * different view of the same units). Entries are never edited or deleted; a
 * correction is a new entry. Exchanges between assets go through trading
 * accounts (one per asset), the textbook way to keep each asset balanced.
 *
 * Sources: the accounting identity assets + expenses = liabilities + equity +
 * income; TigerBeetle's design (debits = credits asserted on every entry,
 * idempotent ids, limits on everything).
 */
import { Decimal, ZERO, exactPlus, toDecimal, type DecimalInput } from "./money";

/** The five kinds of account. Assets and expenses grow with debits; the others with credits. */
export type AccountKind = "asset" | "liability" | "equity" | "income" | "expense";

const ACCOUNT_KINDS: readonly AccountKind[] = ["asset", "liability", "equity", "income", "expense"];
const DEBIT_NORMAL: ReadonlySet<AccountKind> = new Set(["asset", "expense"]);

/**
 * Defaults for a {@link Ledger}.
 *
 * @example
 * LEDGER_DEFAULTS.keepJournal //=> true
 */
export const LEDGER_DEFAULTS = {
  /** Keep every entry for `history()` and `entries()`. Turn off for million-event benchmarks. */
  keepJournal: true,
  /** At most this many postings in one entry. */
  maxPostingsPerEntry: 1000,
} as const;

/** Options for a {@link Ledger}. */
export interface LedgerOptions {
  keepJournal?: boolean;
  maxPostingsPerEntry?: number;
}

/** What an account is: opened once, never changed. */
export interface AccountSpec {
  /** Unique id, e.g. `"custody:BTC"` or `"customer:alice:USD"`. */
  id: string;
  kind: AccountKind;
  /** The asset or currency the account counts, e.g. `"USD"`, `"BTC"`. */
  asset: string;
  /** A human label for tables. */
  label?: string;
  /** Refuse any entry that would make this account's balance negative. */
  nonNegative?: boolean;
}

/** An account as the ledger holds it. */
export interface Account extends Readonly<Required<Omit<AccountSpec, "label">>> {
  readonly label: string;
}

/** One line of an entry: exactly one of `debit` or `credit`, a non-negative amount. */
export type Posting =
  | { account: string; debit: DecimalInput; credit?: undefined }
  | { account: string; credit: DecimalInput; debit?: undefined };

/** A journal entry as submitted. */
export interface EntryInput {
  /** Unique id; posting an id twice is refused. */
  id: string;
  postings: readonly Posting[];
  /** Why the entry was made, in words. */
  memo?: string;
  /** Simulation time of the entry. */
  time?: number;
}

/** A posting as recorded: the amount parsed, the side explicit. */
export interface RecordedPosting {
  readonly account: string;
  readonly side: "debit" | "credit";
  readonly amount: Decimal;
}

/** A journal entry as recorded. */
export interface JournalEntry {
  readonly id: string;
  readonly sequence: number;
  readonly memo: string;
  readonly time: number | undefined;
  readonly postings: readonly RecordedPosting[];
}

/** One account's line in {@link Ledger.history}. */
export interface HistoryLine {
  readonly entryId: string;
  readonly sequence: number;
  readonly time: number | undefined;
  readonly memo: string;
  /** Change of the account's natural balance (positive = the account grew). */
  readonly change: Decimal;
  readonly balance: Decimal;
}

/** A frozen picture of every balance after some entry. */
export interface LedgerSnapshot {
  readonly entryCount: number;
  readonly lastEntryId: string | null;
  /** Natural balance of each account (assets as positive holdings, liabilities as positive debts). */
  readonly balances: Readonly<Record<string, Decimal>>;
  /** Per asset, the natural totals by kind. */
  readonly totals: Readonly<Record<string, Readonly<Record<AccountKind, Decimal>>>>;
}

/**
 * Thrown when an invariant that must always hold does not: a bug, never a
 * user's mistake. The message says which invariant and where.
 *
 * @example
 * new InvariantError("debits ≠ credits") instanceof Error //=> true
 */
export class InvariantError extends Error {
  override name = "InvariantError";
}

/**
 * Thrown when an entry is refused (unbalanced, duplicate id, unknown account,
 * bad amount, a non-negative account would go negative). It is a RangeError,
 * so widgets show its sentence like any bad input; `entryId` names the entry.
 *
 * @example
 * new EntryRefusedError("d1", "…") instanceof RangeError //=> true
 */
export class EntryRefusedError extends RangeError {
  override name = "EntryRefusedError";
  constructor(
    readonly entryId: string,
    message: string,
  ) {
    super(message);
  }
}

interface AccountState {
  readonly account: Account;
  readonly debitNormal: boolean;
  /** Natural balance: holdings for assets and expenses, amounts owed for the others. */
  natural: Decimal;
}

function refuseEntry(id: string, why: string): never {
  throw new EntryRefusedError(id, `Entry "${id}" ${why}`);
}

function naturalBalance(kind: AccountKind, debitMinusCredit: Decimal): Decimal {
  return DEBIT_NORMAL.has(kind) ? debitMinusCredit : debitMinusCredit.negated();
}

/**
 * A double-entry ledger. Post balanced entries; read balances, history and snapshots.
 *
 * @example
 * const ledger = new Ledger();
 * ledger.openAccount({ id: "custody:USD", kind: "asset", asset: "USD" });
 * ledger.openAccount({ id: "customer:alice:USD", kind: "liability", asset: "USD" });
 * ledger.post({ id: "deposit-1", postings: [
 *   { account: "custody:USD", debit: "100" },
 *   { account: "customer:alice:USD", credit: "100" },
 * ] });
 * ledger.balance("customer:alice:USD").toString() //=> "100"
 * ledger.assertBalanced() //=> undefined (it would throw if debits ≠ credits)
 */
export class Ledger {
  private readonly accounts = new Map<string, AccountState>();
  private readonly postedIds = new Set<string>();
  private readonly journal: JournalEntry[] = [];
  /** Per asset: running Σ debits and Σ credits of every posting, kept apart from account balances. */
  private readonly postedTotals = new Map<string, { debits: Decimal; credits: Decimal }>();
  private entryCount = 0;
  private lastEntryId: string | null = null;
  private readonly keepJournal: boolean;
  private readonly maxPostingsPerEntry: number;

  constructor(options: LedgerOptions = {}) {
    this.keepJournal = options.keepJournal ?? LEDGER_DEFAULTS.keepJournal;
    this.maxPostingsPerEntry = options.maxPostingsPerEntry ?? LEDGER_DEFAULTS.maxPostingsPerEntry;
    if (!Number.isSafeInteger(this.maxPostingsPerEntry) || this.maxPostingsPerEntry < 2) {
      throw new RangeError(`maxPostingsPerEntry must be a whole number of at least 2, got ${String(this.maxPostingsPerEntry)}.`);
    }
  }

  /**
   * Opens an account. Ids are unique; an account's kind and asset never change.
   *
   * @example
   * new Ledger().openAccount({ id: "custody:BTC", kind: "asset", asset: "BTC", nonNegative: true }).kind //=> "asset"
   */
  openAccount(spec: AccountSpec): Account {
    if (spec === null || typeof spec !== "object") throw new RangeError("openAccount needs an account description object.");
    if (typeof spec.id !== "string" || spec.id.trim() === "") throw new RangeError("An account id must be a non-empty string.");
    if (!ACCOUNT_KINDS.includes(spec.kind)) {
      throw new RangeError(`Account "${spec.id}": kind must be one of ${ACCOUNT_KINDS.join(", ")}, got ${String(spec.kind)}.`);
    }
    if (typeof spec.asset !== "string" || !/^[A-Za-z0-9._-]{1,16}$/.test(spec.asset)) {
      throw new RangeError(`Account "${spec.id}": asset must be a short code like USD or BTC, got ${String(spec.asset)}.`);
    }
    if (this.accounts.has(spec.id)) throw new RangeError(`Account "${spec.id}" is already open.`);
    const account: Account = Object.freeze({
      id: spec.id,
      kind: spec.kind,
      asset: spec.asset,
      label: spec.label ?? spec.id,
      nonNegative: spec.nonNegative ?? false,
    });
    this.accounts.set(spec.id, { account, debitNormal: DEBIT_NORMAL.has(account.kind), natural: ZERO });
    return account;
  }

  /** True when an account with this id is open. */
  hasAccount(accountId: string): boolean {
    return this.accounts.has(accountId);
  }

  /** The account with this id; throws a RangeError when there is none. */
  account(accountId: string): Account {
    return this.state(accountId).account;
  }

  /** Every open account, in opening order. */
  listAccounts(): Account[] {
    return [...this.accounts.values()].map((s) => s.account);
  }

  /** True when an entry with this id has been posted. */
  hasEntry(entryId: string): boolean {
    return this.postedIds.has(entryId);
  }

  /** Number of entries posted. */
  get size(): number {
    return this.entryCount;
  }

  private state(accountId: string): AccountState {
    const state = this.accounts.get(accountId);
    if (!state) throw new RangeError(`There is no account "${String(accountId)}".`);
    return state;
  }

  /**
   * Posts an entry: all of it or none of it. Refused (with an
   * {@link EntryRefusedError} naming the entry) when its id was used before,
   * an account is unknown, an amount is not a non-negative number, the
   * debits and credits differ in any asset, or a non-negative account would
   * go below zero.
   *
   * @example
   * // after the class example, an unbalanced entry:
   * ledger.post({ id: "oops", postings: [
   *   { account: "custody:USD", debit: "5" },
   *   { account: "customer:alice:USD", credit: "4" },
   * ] }) //=> throws 'Entry "oops" does not balance in USD: debits 5, credits 4.'
   */
  post(entry: EntryInput): JournalEntry {
    if (entry === null || typeof entry !== "object") throw new RangeError("post() needs an entry object with an id and postings.");
    const id = entry.id;
    if (typeof id !== "string" || id.trim() === "") throw new RangeError("An entry id must be a non-empty string.");
    if (this.postedIds.has(id)) refuseEntry(id, "was already posted; an entry id can be used only once.");
    const postings = entry.postings;
    if (!Array.isArray(postings) || postings.length < 2) refuseEntry(id, "needs at least two postings.");
    if (postings.length > this.maxPostingsPerEntry) {
      refuseEntry(id, `has ${postings.length} postings; the limit is ${this.maxPostingsPerEntry}.`);
    }
    if (entry.time !== undefined && (typeof entry.time !== "number" || !Number.isFinite(entry.time))) {
      refuseEntry(id, `has a time that is not a finite number: ${String(entry.time)}.`);
    }

    // Small parallel arrays, not Maps: entries have a handful of postings and this is the hot path.
    const recorded: RecordedPosting[] = [];
    const assets: string[] = [];
    const debits: Decimal[] = [];
    const credits: Decimal[] = [];
    const touched: AccountState[] = [];
    const changes: Decimal[] = [];
    for (const posting of postings) {
      if (posting === null || typeof posting !== "object") refuseEntry(id, "has a posting that is not an object.");
      const state = this.accounts.get(posting.account);
      if (state === undefined) refuseEntry(id, `posts to an account that does not exist: "${String(posting.account)}".`);
      const isDebit = posting.debit !== undefined;
      if (isDebit === (posting.credit !== undefined)) {
        refuseEntry(id, `has a posting to "${posting.account}" that must be exactly one of debit or credit.`);
      }
      let amount: Decimal;
      try {
        amount = toDecimal((isDebit ? posting.debit : posting.credit) as DecimalInput, `the amount posted to "${posting.account}"`);
      } catch (error) {
        return refuseEntry(id, `is refused: ${(error as Error).message}`);
      }
      if (amount.isNegative() && !amount.isZero()) {
        refuseEntry(id, `posts a negative amount (${amount.toString()}) to "${posting.account}"; use the other side instead.`);
      }
      // Readonly by type, not frozen: Object.freeze on the hot path costs more than the arithmetic.
      recorded.push({ account: posting.account, side: isDebit ? "debit" : "credit", amount });
      const asset = state.account.asset;
      let a = assets.indexOf(asset);
      if (a < 0) {
        a = assets.push(asset) - 1;
        debits.push(ZERO);
        credits.push(ZERO);
      }
      // A debit grows a debit-normal account and shrinks the others.
      const change = isDebit === state.debitNormal ? amount : amount.negated();
      try {
        if (isDebit) debits[a] = exactPlus(debits[a]!, amount, "the entry's debits");
        else credits[a] = exactPlus(credits[a]!, amount, "the entry's credits");
        const t = touched.indexOf(state);
        if (t < 0) {
          touched.push(state);
          changes.push(change);
        } else changes[t] = exactPlus(changes[t]!, change, `the change to "${posting.account}"`);
      } catch (error) {
        refuseEntry(id, `is refused: ${(error as Error).message}`);
      }
    }
    for (let a = 0; a < assets.length; a++) {
      if (!debits[a]!.eq(credits[a]!)) {
        refuseEntry(id, `does not balance in ${assets[a]}: debits ${debits[a]!.toString()}, credits ${credits[a]!.toString()}.`);
      }
    }
    const next: Decimal[] = [];
    for (let t = 0; t < touched.length; t++) {
      const state = touched[t]!;
      let balance = ZERO;
      try {
        balance = exactPlus(state.natural, changes[t]!, `the balance of "${state.account.id}"`);
      } catch (error) {
        refuseEntry(id, `is refused: ${(error as Error).message}`);
      }
      if (state.account.nonNegative && balance.isNegative() && !balance.isZero()) {
        refuseEntry(
          id,
          `would take "${state.account.label}" below zero: it holds ${state.natural.toString()} ${state.account.asset} and the entry moves ${changes[t]!.toString()}.`,
        );
      }
      next.push(balance);
    }

    // Everything checked: apply.
    for (let t = 0; t < touched.length; t++) touched[t]!.natural = next[t]!;
    for (let a = 0; a < assets.length; a++) {
      const running = this.postedTotals.get(assets[a]!) ?? { debits: ZERO, credits: ZERO };
      // Running totals are a second, independent count; if they ever needed
      // rounding assertBalanced would report it rather than hide it.
      running.debits = running.debits.plus(debits[a]!);
      running.credits = running.credits.plus(credits[a]!);
      this.postedTotals.set(assets[a]!, running);
    }
    this.postedIds.add(id);
    this.entryCount += 1;
    this.lastEntryId = id;
    const journalEntry: JournalEntry = {
      id,
      sequence: this.entryCount,
      memo: entry.memo ?? "",
      time: entry.time,
      postings: recorded,
    };
    if (this.keepJournal) this.journal.push(journalEntry);
    return journalEntry;
  }

  /**
   * The natural balance of an account: what an asset account holds, what a
   * liability account owes. Pass `asset` to guard against unit mix-ups: it
   * must match the account's asset.
   *
   * @example
   * // after the class example
   * ledger.balance("custody:USD", "USD").toString() //=> "100"
   */
  balance(accountId: string, asset?: string): Decimal {
    const state = this.state(accountId);
    if (asset !== undefined && asset !== state.account.asset) {
      throw new RangeError(`Account "${accountId}" counts ${state.account.asset}, not ${String(asset)}.`);
    }
    return state.natural;
  }

  /**
   * Per asset, the natural totals by account kind — a trial balance.
   *
   * @example
   * // after the class example
   * ledger.totals().USD.asset.toString() //=> "100"
   */
  totals(): Record<string, Record<AccountKind, Decimal>> {
    // Summed with 1000 digits so a trial balance never rounds; the results are
    // handed back as the project's Decimal with every digit kept.
    const Wide = Decimal.clone({ precision: 1000 });
    const out: Record<string, Record<AccountKind, Decimal>> = {};
    for (const { account, natural } of this.accounts.values()) {
      const row = (out[account.asset] ??= { asset: ZERO, liability: ZERO, equity: ZERO, income: ZERO, expense: ZERO });
      row[account.kind] = new Wide(row[account.kind]).plus(natural);
    }
    for (const row of Object.values(out)) {
      for (const kind of ACCOUNT_KINDS) row[kind] = new Decimal(row[kind]);
    }
    return out;
  }

  /**
   * Checks, cheaply, that debits equal credits in every asset over all entries
   * posted. Other modules call it after each step. Throws an
   * {@link InvariantError} naming the asset and the last entry otherwise.
   *
   * @example
   * new Ledger().assertBalanced() //=> undefined
   */
  assertBalanced(): void {
    for (const [asset, totals] of this.postedTotals) {
      if (!totals.debits.eq(totals.credits)) {
        throw new InvariantError(
          `The ledger is out of balance in ${asset} after entry "${this.lastEntryId}": debits ${totals.debits.toString()}, credits ${totals.credits.toString()}.`,
        );
      }
    }
  }

  /**
   * The thorough check: recomputes the accounting identity
   * assets + expenses = liabilities + equity + income from every account, per
   * asset, and (when the journal is kept) replays the journal and compares each
   * account's balance. Costs time proportional to the books; for tests and audits.
   *
   * @example
   * new Ledger().audit() //=> undefined
   */
  audit(): void {
    this.assertBalanced();
    const Wide = Decimal.clone({ precision: 1000 });
    for (const [asset, row] of Object.entries(this.totals())) {
      const left = new Wide(row.asset).plus(row.expense);
      const right = new Wide(row.liability).plus(row.equity).plus(row.income);
      if (!left.eq(right)) {
        throw new InvariantError(
          `The accounting identity fails in ${asset} after entry "${this.lastEntryId}": assets + expenses = ${left.toString()}, liabilities + equity + income = ${right.toString()}.`,
        );
      }
    }
    if (!this.keepJournal) return;
    // Replay with 1000 significant digits so the replay itself cannot round.
    const replay = new Map<string, Decimal>();
    for (const entry of this.journal) {
      for (const p of entry.postings) {
        const signed = p.side === "debit" ? p.amount : p.amount.negated();
        replay.set(p.account, new Wide(replay.get(p.account) ?? 0).plus(signed));
      }
    }
    for (const [accountId, state] of this.accounts) {
      const expected = replay.get(accountId) ?? ZERO;
      if (!naturalBalance(state.account.kind, expected).eq(state.natural)) {
        throw new InvariantError(
          `Account "${accountId}" holds ${state.natural.toString()} but its journal adds up to ${naturalBalance(state.account.kind, expected).toString()}.`,
        );
      }
    }
  }

  /**
   * Every change to one account, oldest first, with the running balance.
   * Needs the journal (`keepJournal`, on by default).
   *
   * @example
   * // after the class example
   * ledger.history("customer:alice:USD").map((l) => l.balance.toString()) //=> ["100"]
   */
  history(accountId: string): HistoryLine[] {
    const state = this.state(accountId);
    if (!this.keepJournal) throw new RangeError("This ledger was created with keepJournal: false, so it has no history.");
    const lines: HistoryLine[] = [];
    let running = ZERO;
    for (const entry of this.journal) {
      let change = ZERO;
      let touched = false;
      for (const p of entry.postings) {
        if (p.account !== accountId) continue;
        touched = true;
        change = change.plus(p.side === "debit" ? p.amount : p.amount.negated());
      }
      if (!touched) continue;
      const natural = naturalBalance(state.account.kind, change);
      running = running.plus(natural);
      lines.push(Object.freeze({ entryId: entry.id, sequence: entry.sequence, time: entry.time, memo: entry.memo, change: natural, balance: running }));
    }
    return lines;
  }

  /** Every entry posted, oldest first (empty when the journal is not kept). */
  entries(): readonly JournalEntry[] {
    return this.journal.slice();
  }

  /**
   * A frozen picture of all balances now. Decimal values are immutable, so the
   * snapshot does not change when later entries are posted.
   *
   * @example
   * // after the class example
   * ledger.snapshot().balances["custody:USD"].toString() //=> "100"
   */
  snapshot(): LedgerSnapshot {
    const balances: Record<string, Decimal> = {};
    for (const [accountId, { natural }] of this.accounts) {
      balances[accountId] = natural;
    }
    return Object.freeze({
      entryCount: this.entryCount,
      lastEntryId: this.lastEntryId,
      balances: Object.freeze(balances),
      totals: Object.freeze(this.totals()),
    });
  }
}
