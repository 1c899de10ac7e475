import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EntryRefusedError, InvariantError, Ledger } from "./ledger";
import { Decimal } from "./money";

function books(): Ledger {
  const ledger = new Ledger();
  ledger.openAccount({ id: "custody:USD", kind: "asset", asset: "USD", nonNegative: true });
  ledger.openAccount({ id: "custody:BTC", kind: "asset", asset: "BTC", nonNegative: true });
  ledger.openAccount({ id: "alice:USD", kind: "liability", asset: "USD" });
  ledger.openAccount({ id: "alice:BTC", kind: "liability", asset: "BTC" });
  ledger.openAccount({ id: "fees:USD", kind: "income", asset: "USD" });
  ledger.openAccount({ id: "capital:USD", kind: "equity", asset: "USD" });
  return ledger;
}

describe("ledger", () => {
  it("a $100 deposit raises custody and the customer's balance by $100", () => {
    const ledger = books();
    ledger.post({ id: "d1", postings: [{ account: "custody:USD", debit: "100" }, { account: "alice:USD", credit: "100" }] });
    expect(ledger.balance("custody:USD").toString()).toBe("100");
    expect(ledger.balance("alice:USD", "USD").toString()).toBe("100");
    ledger.assertBalanced();
    ledger.audit();
  });

  it("refuses an unbalanced entry, naming it and the asset, and changes nothing", () => {
    const ledger = books();
    expect(() =>
      ledger.post({ id: "bad-1", postings: [{ account: "custody:USD", debit: "100" }, { account: "alice:USD", credit: "99.99" }] }),
    ).toThrow(/Entry "bad-1" does not balance in USD: debits 100, credits 99.99/);
    expect(ledger.balance("custody:USD").isZero()).toBe(true);
    expect(ledger.size).toBe(0);
  });

  it("balances per asset: a USD debit cannot be paid by a BTC credit", () => {
    const ledger = books();
    expect(() =>
      ledger.post({ id: "mix", postings: [{ account: "custody:USD", debit: "1" }, { account: "alice:BTC", credit: "1" }] }),
    ).toThrow(/does not balance in USD/);
  });

  it("refuses the same id twice (idempotent entries)", () => {
    const ledger = books();
    const entry = { id: "d1", postings: [{ account: "custody:USD", debit: "5" }, { account: "alice:USD", credit: "5" }] };
    ledger.post(entry);
    expect(() => ledger.post(entry)).toThrow(EntryRefusedError);
    expect(() => ledger.post(entry)).toThrow(/already posted/);
    expect(ledger.balance("alice:USD").toString()).toBe("5");
  });

  it("refuses to take a non-negative wallet below zero", () => {
    const ledger = books();
    expect(() =>
      ledger.post({ id: "w1", postings: [{ account: "alice:USD", debit: "1" }, { account: "custody:USD", credit: "1" }] }),
    ).toThrow(/would take "custody:USD" below zero/);
  });

  it("refuses bad amounts and unknown accounts with a sentence", () => {
    const ledger = books();
    const post = (amount: unknown, account = "custody:USD") =>
      ledger.post({ id: `x-${String(amount)}-${account}`, postings: [{ account, debit: amount as string }, { account: "alice:USD", credit: "1" }] });
    expect(() => post("abc")).toThrow(/must be a number/);
    expect(() => post(Number.NaN)).toThrow(/finite/);
    expect(() => post(Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(() => post("-1")).toThrow(/negative amount/);
    expect(() => post("1", "nowhere")).toThrow(/does not exist: "nowhere"/);
    expect(() => ledger.balance("custody:USD", "BTC")).toThrow(/counts USD, not BTC/);
    expect(() => ledger.openAccount({ id: "x", kind: "cash" as never, asset: "USD" })).toThrow(/kind must be one of/);
    expect(() => ledger.openAccount({ id: "custody:USD", kind: "asset", asset: "USD" })).toThrow(/already open/);
  });

  it("keeps history, frozen snapshots and a trial balance", () => {
    const ledger = books();
    ledger.post({ id: "d1", time: 1, postings: [{ account: "custody:USD", debit: "100" }, { account: "alice:USD", credit: "100" }] });
    const before = ledger.snapshot();
    ledger.post({ id: "fee", time: 2, memo: "withdrawal fee", postings: [{ account: "alice:USD", debit: "1.5" }, { account: "fees:USD", credit: "1.5" }] });
    expect(before.balances["alice:USD"]!.toString()).toBe("100");
    expect(ledger.snapshot().balances["alice:USD"]!.toString()).toBe("98.5");
    expect(ledger.history("alice:USD").map((l) => [l.entryId, l.change.toString(), l.balance.toString()])).toEqual([
      ["d1", "100", "100"],
      ["fee", "-1.5", "98.5"],
    ]);
    const usd = ledger.totals().USD!;
    expect(usd.asset.toString()).toBe("100");
    expect(usd.liability.plus(usd.income).toString()).toBe("100");
  });

  it("property: random balanced entries keep Σ debits = Σ credits and the identity, to the last digit", () => {
    const accounts = ["custody:USD", "alice:USD", "fees:USD", "capital:USD"];
    const amount = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 18 })).map(([units, scale]) =>
      new Decimal(units.toString()).div(new Decimal(10).pow(scale)).toFixed(),
    );
    const entry = fc.array(fc.tuple(fc.constantFrom(...accounts), fc.constantFrom(...accounts), amount), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), (entries) => {
        const ledger = new Ledger();
        ledger.openAccount({ id: "custody:USD", kind: "asset", asset: "USD" });
        ledger.openAccount({ id: "alice:USD", kind: "liability", asset: "USD" });
        ledger.openAccount({ id: "fees:USD", kind: "income", asset: "USD" });
        ledger.openAccount({ id: "capital:USD", kind: "equity", asset: "USD" });
        entries.forEach((legs, i) => {
          const before = ledger.snapshot();
          try {
            ledger.post({
              id: `e${i}`,
              postings: legs.flatMap(([from, to, value]) => [
                { account: to, debit: value },
                { account: from, credit: value },
              ]),
            });
          } catch (error) {
            // The only acceptable refusal: a sum that would need rounding. Nothing may change.
            expect((error as Error).message).toMatch(/more than 34 significant digits/);
            expect(ledger.snapshot().balances).toEqual(before.balances);
          }
          ledger.assertBalanced();
        });
        ledger.audit();
      }),
      { numRuns: 150 },
    );
  });

  it("refuses, rather than rounds, a balance that would need more than 34 digits", () => {
    const ledger = books();
    ledger.post({ id: "big", postings: [{ account: "custody:USD", debit: "1e18" }, { account: "alice:USD", credit: "1e18" }] });
    expect(() =>
      ledger.post({ id: "dust", postings: [{ account: "custody:USD", debit: "1e-17" }, { account: "alice:USD", credit: "1e-17" }] }),
    ).toThrow(/Entry "dust" is refused: .*more than 34 significant digits/);
    expect(ledger.balance("custody:USD").toString()).toBe("1000000000000000000");
  });

  it("InvariantError is what a broken invariant throws", () => {
    expect(new InvariantError("x")).toBeInstanceOf(Error);
  });
});
