import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Exchange } from "./exchange";
import { Decimal, ZERO } from "./money";

const ftxLike = () =>
  new Exchange({ assets: { USD: {}, BTC: { priceUsd: "50000" }, FTT: { priceUsd: "25", haircut: "0" } } });

describe("exchange: worked examples", () => {
  it("a $100M desk loan of customer USD into BTC that falls 60% leaves a $60M shortfall", () => {
    const ex = ftxLike();
    ex.deposit("alice", "USD", "100000000");
    ex.deskBorrow("USD", "100000000", { hidden: true });
    ex.deskTrade("USD", "BTC", "100000000"); // 2,000 BTC
    expect(ex.ledger.balance("desk:holdings:BTC").toString()).toBe("2000");
    ex.setPrice("BTC", "20000");
    const truth = ex.trueBalanceSheet();
    expect(truth.custodyUsd.toString()).toBe("0");
    expect(truth.receivablesUsd.toString()).toBe("40000000");
    expect(truth.liabilitiesUsd.toString()).toBe("100000000");
    expect(truth.shortfallUsd.toString()).toBe("60000000");
    expect(truth.deskRecoveryRate.toString()).toBe("0.4");
    ex.audit();
  });

  it("meanwhile the reported sheet says $100M of liabilities fully backed by $100M of 'custody'", () => {
    const ex = ftxLike();
    ex.deposit("alice", "USD", "100000000");
    ex.deskBorrow("USD", "100000000", { hidden: true });
    ex.deskTrade("USD", "BTC", "100000000");
    ex.setPrice("BTC", "20000");
    const reported = ex.reportedBalanceSheet();
    expect(reported.custodyUsd.toString()).toBe("100000000");
    expect(reported.receivablesUsd.toString()).toBe("0");
    expect(reported.shortfallUsd.toString()).toBe("0");
  });

  it("an open $100M loan shows on the reported sheet as a $100M receivable at face value", () => {
    const ex = ftxLike();
    ex.deposit("alice", "USD", "100000000");
    ex.deskBorrow("USD", "100000000");
    ex.deskTrade("USD", "BTC", "100000000");
    ex.setPrice("BTC", "20000");
    const reported = ex.reportedBalanceSheet();
    expect(reported.custodyUsd.toString()).toBe("0");
    expect(reported.receivablesUsd.toString()).toBe("100000000");
    expect(reported.shortfallUsd.toString()).toBe("0");
    expect(ex.trueBalanceSheet().shortfallUsd.toString()).toBe("60000000");
  });

  it("with $80M of $100M lent out, $20M of withdrawals are paid and the next $1 halts the exchange", () => {
    const ex = ftxLike();
    for (let i = 0; i < 10; i++) ex.deposit(`c${i}`, "USD", "10000000");
    ex.deskBorrow("USD", "80000000", { hidden: true });
    expect(ex.withdraw("c0", "USD", "10000000").status).toBe("paid");
    expect(ex.withdraw("c1", "USD", "10000000").status).toBe("paid");
    const third = ex.withdraw("c2", "USD", "1");
    expect(third).toMatchObject({ status: "queued", position: 1 });
    expect(ex.halted).toBe(true);
    // Later withdrawals queue even though they are small.
    expect(ex.withdraw("c3", "USD", "1").status).toBe("queued");
    const points = ex.timeline();
    const halt = points.find((p) => p.event === "halt")!;
    expect(halt.halted).toBe(true);
    expect(halt.custody.USD!.toString()).toBe("0");
    expect(points.at(-1)!.queuedUsd.toString()).toBe("2");
    ex.audit();
  });

  it("the desk repays $50M, the queue is paid in order and withdrawals reopen", () => {
    const ex = ftxLike();
    ex.deposit("a", "USD", "60000000");
    ex.deposit("b", "USD", "40000000");
    ex.deskBorrow("USD", "100000000", { hidden: true });
    ex.withdraw("a", "USD", "30000000");
    ex.withdraw("b", "USD", "20000000");
    expect(ex.queuedWithdrawals()).toHaveLength(2);
    ex.deskRepay("USD", "50000000");
    expect(ex.resume()).toBe(2);
    expect(ex.halted).toBe(false);
    expect(ex.customerBalance("a", "USD").toString()).toBe("30000000");
    expect(ex.ledger.balance("custody:USD").toString()).toBe("0");
    ex.audit();
  });

  it("1,000 customer BTC sold by the desk for FTT that falls 90%: $45M short, and $55M if BTC then rises to $60,000", () => {
    const ex = ftxLike();
    ex.deposit("bob", "BTC", "1000");
    ex.deskBorrow("BTC", "1000", { hidden: true });
    ex.deskTrade("BTC", "FTT", "1000"); // $50M → 2,000,000 FTT at $25
    expect(ex.ledger.balance("desk:holdings:FTT").toString()).toBe("2000000");
    ex.setPrice("FTT", "2.5");
    expect(ex.trueBalanceSheet().shortfallUsd.toString()).toBe("45000000");
    ex.setPrice("BTC", "60000");
    expect(ex.trueBalanceSheet().shortfallUsd.toString()).toBe("55000000");
    const btc = ex.trueBalanceSheet().lines.find((l) => l.asset === "BTC")!;
    expect(btc.custody.toString()).toBe("0");
    expect(btc.liabilities.toString()).toBe("1000");
    ex.audit();
  });

  it("an illiquid token with a 50% liquidation haircut: $20M of FTT at mark backs only $10M of a $20M loan", () => {
    const ex = new Exchange({ assets: { USD: {}, FTT: { priceUsd: "25", haircut: "0.5" } } });
    ex.deposit("carol", "USD", "20000000");
    ex.deskBorrow("USD", "20000000", { hidden: true });
    ex.deskTrade("USD", "FTT", "20000000");
    const truth = ex.trueBalanceSheet();
    expect(truth.receivablesUsd.toString()).toBe("10000000");
    expect(truth.shortfallUsd.toString()).toBe("10000000");
  });

  it("$10M of desk capital absorbs a 5% fall on $110M of BTC but not a 10% fall ($1M short)", () => {
    const ex = new Exchange({ assets: { USD: {}, BTC: { priceUsd: "50000" } }, deskCapital: { USD: "10000000" } });
    ex.deposit("dan", "USD", "100000000");
    ex.deskBorrow("USD", "100000000");
    ex.deskTrade("USD", "BTC", "110000000"); // 2,200 BTC
    ex.setPrice("BTC", "47500");
    expect(ex.trueBalanceSheet().shortfallUsd.toString()).toBe("0");
    ex.setPrice("BTC", "45000");
    expect(ex.trueBalanceSheet().shortfallUsd.toString()).toBe("1000000");
  });

  it("$10M of house capital covers a $6M desk loss: true equity $4M, no shortfall", () => {
    const ex = new Exchange({ assets: { USD: {}, BTC: { priceUsd: "50000" } }, houseCapital: { USD: "10000000" } });
    ex.deposit("erin", "USD", "90000000");
    ex.deskBorrow("USD", "60000000", { hidden: true });
    ex.deskTrade("USD", "BTC", "60000000");
    ex.setPrice("BTC", "45000");
    const truth = ex.trueBalanceSheet();
    expect(truth.equityUsd.toString()).toBe("4000000");
    expect(truth.shortfallUsd.toString()).toBe("0");
    expect(ex.reportedBalanceSheet().equityUsd.toString()).toBe("10000000");
  });

  it("FTX-like, end to end: $80M of $100M lent in secret into FTT that falls 80% (50% haircut) — reported fully backed, $72M truly missing, the 201st $100k withdrawal halts", () => {
    const ex = new Exchange({ assets: { USD: {}, FTT: { priceUsd: "25", haircut: "0.5" } } });
    for (let i = 0; i < 1000; i++) ex.deposit(`c${i}`, "USD", "100000", { time: 0 });
    ex.deskBorrow("USD", "80000000", { hidden: true, time: 1 });
    ex.deskTrade("USD", "FTT", "80000000", { time: 1 }); // 3,200,000 FTT
    ex.setPrice("FTT", "5", { time: 2 });
    expect(ex.reportedBalanceSheet().custodyUsd.toString()).toBe("100000000");
    expect(ex.reportedBalanceSheet().shortfallUsd.toString()).toBe("0");
    const truth = ex.trueBalanceSheet();
    expect(truth.receivablesUsd.toString()).toBe("8000000"); // 3.2M FTT × $5 × (1 − 0.5)
    expect(truth.shortfallUsd.toString()).toBe("72000000");
    let paid = 0;
    for (let i = 0; i < 1000 && !ex.halted; i++) if (ex.withdraw(`c${i}`, "USD", "100000", { time: 3 }).status === "paid") paid++;
    expect(paid).toBe(200);
    expect(ex.halted).toBe(true);
    expect(ex.ledger.balance("custody:USD").toString()).toBe("0");
    // The shortfall did not change: the run only reveals it. Those still inside carry it.
    expect(ex.trueBalanceSheet().shortfallUsd.toString()).toBe("72000000");
    ex.audit();
  });

  it("the timeline plots reported vs true equity, shortfall and the halt", () => {
    const ex = ftxLike();
    ex.deposit("a", "USD", "100", { time: 0 });
    ex.deskBorrow("USD", "100", { hidden: true, time: 1 });
    ex.deskTrade("USD", "BTC", "100", { time: 1 });
    ex.setPrice("BTC", "25000", { time: 2 });
    ex.withdraw("a", "USD", "10", { time: 3 });
    const points = ex.timeline();
    expect(points.map((p) => p.event)).toEqual(["start", "deposit", "borrow", "trade", "price", "halt", "queue"]);
    const afterCrash = points[4]!;
    expect(afterCrash.reportedEquityUsd.toString()).toBe("0");
    expect(afterCrash.trueEquityUsd.toString()).toBe("-50");
    expect(afterCrash.shortfallUsd.toString()).toBe("50");
    expect(points.at(-1)!.halted).toBe(true);
  });

  it("timelineEvery samples the timeline but always keeps halts and prices", () => {
    const ex = new Exchange({ timelineEvery: 100 });
    for (let i = 0; i < 250; i++) ex.deposit(`c${i}`, "USD", "1");
    ex.setPrice("BTC", "1");
    expect(ex.timeline().map((p) => p.step)).toEqual([0, 100, 200, 251]);
  });

  it("customer balances feed a proof of liabilities", () => {
    const ex = ftxLike();
    ex.deposit("a", "BTC", "1.5");
    ex.deposit("b", "BTC", "0.25");
    ex.deposit("a", "USD", "3");
    expect(ex.customerBalances("BTC").map((c) => [c.id, c.balance.toString()])).toEqual([
      ["a", "1.5"],
      ["b", "0.25"],
    ]);
    expect(ex.customers()).toEqual(["a", "b"]);
  });
});

describe("exchange: bad input is refused with a sentence", () => {
  it.each([
    ["a non-numeric amount", (ex: Exchange) => ex.deposit("a", "USD", "lots"), /amount must be a number/],
    ["NaN", (ex: Exchange) => ex.deposit("a", "USD", Number.NaN), /amount must be a finite number/],
    ["infinity", (ex: Exchange) => ex.deposit("a", "USD", Number.POSITIVE_INFINITY), /finite/],
    ["a negative deposit", (ex: Exchange) => ex.deposit("a", "USD", "-5"), /amount must be greater than 0, got -5/],
    ["fractions of a cent", (ex: Exchange) => ex.deposit("a", "USD", "0.001"), /more decimals than USD allows \(2\)/],
    ["an unknown asset", (ex: Exchange) => ex.deposit("a", "DOGE", "1"), /does not handle "DOGE"/],
    ["an overdraft", (ex: Exchange) => ex.withdraw("a", "USD", "1"), /a can withdraw at most 0 USD, not 1/],
    ["borrowing more than custody", (ex: Exchange) => ex.deskBorrow("USD", "1"), /custody holds only 0/],
    ["a negative price", (ex: Exchange) => ex.setPrice("BTC", "-1"), /must not be negative/],
    ["repricing USD", (ex: Exchange) => ex.setPrice("USD", "2"), /USD is 1 by definition/],
    ["time going backwards", (ex: Exchange) => (ex.deposit("a", "USD", "1", { time: 5 }), ex.deposit("a", "USD", "1", { time: 4 })), /must not go backwards/],
    ["a reused id", (ex: Exchange) => (ex.deposit("a", "USD", "1", { id: "d" }), ex.deposit("a", "USD", "1", { id: "d" })), /already posted/],
  ])("refuses %s", (_name, action, message) => {
    const ex = new Exchange();
    expect(() => action(ex)).toThrow(RangeError);
    expect(() => action(new Exchange())).toThrow(message);
  });

  it("refuses a bad configuration", () => {
    expect(() => new Exchange({ assets: { USD: {}, BTC: { haircut: "1.5" } } })).toThrow(/haircut of BTC must be between 0 and 1, got 1.5/);
    expect(() => new Exchange({ assets: { "B-T": {} } })).toThrow(/asset code/);
    expect(() => new Exchange({ timelineEvery: 0 })).toThrow(/timelineEvery/);
  });
});

// ── property test ────────────────────────────────────────────────────────────

type Op =
  | { kind: "deposit"; customer: number; asset: number; units: bigint }
  | { kind: "withdraw"; customer: number; asset: number; share: number }
  | { kind: "borrow"; asset: number; share: number; hidden: boolean }
  | { kind: "repay"; asset: number; share: number }
  | { kind: "trade"; sell: number; buy: number; share: number }
  | { kind: "price"; asset: number; cents: number }
  | { kind: "resume" };

const ASSETS = ["USD", "BTC", "FTT"] as const;
const DECIMALS = [2, 8, 8];
const unitsToDecimal = (units: bigint, asset: number) => new Decimal(units.toString()).div(new Decimal(10).pow(DECIMALS[asset]!));
const shareOf = (amount: Decimal, share: number, asset: number) =>
  amount.times(share).div(1000).toDecimalPlaces(DECIMALS[asset]!, Decimal.ROUND_DOWN);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("deposit" as const), customer: fc.nat(4), asset: fc.nat(2), units: fc.bigInt({ min: 1n, max: 10n ** 14n }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("withdraw" as const), customer: fc.nat(4), asset: fc.nat(2), share: fc.integer({ min: 1, max: 1000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("borrow" as const), asset: fc.nat(2), share: fc.integer({ min: 1, max: 1000 }), hidden: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("repay" as const), asset: fc.nat(2), share: fc.integer({ min: 1, max: 1000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("trade" as const), sell: fc.nat(2), buy: fc.nat(2), share: fc.integer({ min: 1, max: 1000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("price" as const), asset: fc.integer({ min: 1, max: 2 }), cents: fc.integer({ min: 0, max: 10_000_000 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "resume" as const }) },
);

/** Counts operations across all runs, to report the figure honestly. */
let operationsChecked = 0;

describe("exchange: properties", () => {
  it("random operation sequences keep the books balanced and the two sheets honest about each other", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 12, maxLength: 30 }), fc.integer({ min: 0, max: 2 }), (ops, capitalCase) => {
        const houseCapitalUsd = ["0", "0", "1000"][capitalCase]!;
        const ex = new Exchange({
          assets: { USD: {}, BTC: { priceUsd: "50000" }, FTT: { priceUsd: "25", haircut: "0.3" } },
          houseCapital: { USD: houseCapitalUsd },
          deskCapital: capitalCase === 1 ? { USD: "500" } : {},
        });
        // The auditor's independent model: units per account, kept with plain Decimal sums.
        const custody = [ZERO, ZERO, ZERO];
        const owed = [ZERO, ZERO, ZERO];
        custody[0] = new Decimal(houseCapitalUsd);
        for (const op of ops) {
          operationsChecked++;
          switch (op.kind) {
            case "deposit": {
              const amount = unitsToDecimal(op.units, op.asset);
              ex.deposit(`c${op.customer}`, ASSETS[op.asset]!, amount);
              custody[op.asset] = custody[op.asset]!.plus(amount);
              break;
            }
            case "withdraw": {
              const queued = ex
                .queuedWithdrawals()
                .filter((q) => q.customerId === `c${op.customer}` && q.asset === ASSETS[op.asset]!)
                .reduce((s, q) => s.plus(q.amount), ZERO);
              const amount = shareOf(ex.customerBalance(`c${op.customer}`, ASSETS[op.asset]!).minus(queued), op.share, op.asset);
              if (amount.isZero()) break;
              const wasHalted = ex.halted;
              const enough = ex.ledger.balance(`custody:${ASSETS[op.asset]!}`).gte(amount);
              const result = ex.withdraw(`c${op.customer}`, ASSETS[op.asset]!, amount);
              expect(result.status).toBe(!wasHalted && enough ? "paid" : "queued");
              if (result.status === "paid") custody[op.asset] = custody[op.asset]!.minus(amount);
              break;
            }
            case "borrow": {
              const amount = shareOf(ex.ledger.balance(`custody:${ASSETS[op.asset]!}`), op.share, op.asset);
              if (amount.isZero()) break;
              ex.deskBorrow(ASSETS[op.asset]!, amount, { hidden: op.hidden });
              custody[op.asset] = custody[op.asset]!.minus(amount);
              owed[op.asset] = owed[op.asset]!.plus(amount);
              break;
            }
            case "repay": {
              const max = Decimal.min(ex.ledger.balance(`desk:owed:${ASSETS[op.asset]!}`), ex.ledger.balance(`desk:holdings:${ASSETS[op.asset]!}`));
              const amount = shareOf(max, op.share, op.asset);
              if (amount.isZero()) break;
              ex.deskRepay(ASSETS[op.asset]!, amount);
              custody[op.asset] = custody[op.asset]!.plus(amount);
              owed[op.asset] = owed[op.asset]!.minus(amount);
              break;
            }
            case "trade": {
              if (op.sell === op.buy || ex.price(ASSETS[op.buy]!).isZero()) break;
              const amount = shareOf(ex.ledger.balance(`desk:holdings:${ASSETS[op.sell]!}`), op.share, op.sell);
              if (amount.isZero()) break;
              const bought = amount.times(ex.price(ASSETS[op.sell]!)).div(ex.price(ASSETS[op.buy]!)).toDecimalPlaces(DECIMALS[op.buy]!, Decimal.ROUND_DOWN);
              if (bought.isZero()) break;
              ex.deskTrade(ASSETS[op.sell]!, ASSETS[op.buy]!, amount);
              break;
            }
            case "price":
              ex.setPrice(ASSETS[op.asset]!, new Decimal(op.cents).div(100));
              break;
            case "resume": {
              const before = ex.queuedWithdrawals();
              const paid = ex.resume();
              for (const q of before.slice(0, paid)) custody[ASSETS.indexOf(q.asset as "USD")] = custody[ASSETS.indexOf(q.asset as "USD")]!.minus(q.amount);
              break;
            }
          }

          // 1. The ledger balances to the last digit (checked inside every step too).
          ex.ledger.assertBalanced();
          // 2. The auditor's custody and desk debt match the books exactly.
          ASSETS.forEach((a, i) => {
            expect(ex.ledger.balance(`custody:${a}`).eq(custody[i]!)).toBe(true);
            expect(ex.ledger.balance(`desk:owed:${a}`).eq(owed[i]!)).toBe(true);
          });
          const truth = ex.trueBalanceSheet();
          const reported = ex.reportedBalanceSheet();
          // 3. true equity = custody + receivables − liabilities.
          expect(truth.equityUsd.eq(truth.custodyUsd.plus(truth.receivablesUsd).minus(truth.liabilitiesUsd))).toBe(true);
          // 4. and it equals house capital minus what the desk lost, computed independently.
          let debtUsd = ZERO;
          let recoverableUsd = ZERO;
          ASSETS.forEach((a, i) => {
            const price = ex.price(a);
            const haircut = a === "FTT" ? new Decimal("0.3") : ZERO;
            debtUsd = debtUsd.plus(owed[i]!.times(price));
            recoverableUsd = recoverableUsd.plus(ex.ledger.balance(`desk:holdings:${a}`).times(price).times(new Decimal(1).minus(haircut)));
          });
          const deskLossUsd = Decimal.max(ZERO, debtUsd.minus(recoverableUsd));
          expect(truth.equityUsd.eq(new Decimal(houseCapitalUsd).minus(deskLossUsd))).toBe(true);
          // 5. The reported sheet never shows a shortfall; the true one does exactly when the desk lost customer money.
          expect(reported.shortfallUsd.isZero()).toBe(true);
          expect(truth.shortfallUsd.gt(0)).toBe(deskLossUsd.gt(houseCapitalUsd));
        }
        ex.audit();
      }),
      { numRuns: 500 },
    );
    expect(operationsChecked).toBeGreaterThanOrEqual(500 * 10);
    console.log(`exchange property: ${operationsChecked} operations checked over 500 sequences`);
  });
});
