import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D } from "./money";
import { createOrderBook, marketOrder } from "./orderbook";

const small = { midPriceUsd: 100, depthUsd: 1000, levels: 2, levelSpacingBps: 100, profile: "flat" as const };

describe("orderbook", () => {
  it("builds levels from the profile and walks them", () => {
    const book = createOrderBook(small);
    expect(book.bids.map((l) => `${l.quantity}@${l.price}`)).toEqual(["5.05@99", "5.102@98"]);
    expect(book.asks.map((l) => `${l.quantity}@${l.price}`)).toEqual(["5.05@101", "5.102@102"]);
    const r = marketOrder(book, "sell", 6);
    // 5.05 × 99 + 0.95 × 98 = 593.05; / 6 = 98.841666…
    expect(r.notionalUsd.toString()).toBe("593.05");
    expect(r.averagePrice!.toFixed(4)).toBe("98.8417");
    expect(r.slippage!.toFixed(6)).toBe("0.011583");
    expect(r.lastPrice!.toString()).toBe("98");
    expect(book.bestBid()!.toString()).toBe("98");
    const rest = book.sell(100);
    expect(rest.filledQuantity.toString()).toBe("4.152");
    expect(rest.unfilledQuantity.toString()).toBe("95.848");
  });

  it("linear and exponential profiles put depth where they say", () => {
    const lin = createOrderBook({ ...small, levels: 4, profile: "linear" });
    expect(lin.bids[3]!.quantity.gt(lin.bids[0]!.quantity)).toBe(true);
    const exp = createOrderBook({ ...small, levels: 4, profile: "exponential", decayLevels: 1 });
    expect(exp.bids[0]!.quantity.gt(exp.bids[3]!.quantity)).toBe(true);
    expect(lin.sideDepthUsd("bid").lte(1000)).toBe(true);
    expect(lin.sideDepthUsd("bid").gt(999)).toBe(true);
  });

  it("a 'lastPrice' book fills everything, the excess at the last traded price", () => {
    const book = createOrderBook({ ...small, exhaustion: "lastPrice" });
    const r = book.sell(20);
    expect(r.unfilledQuantity.toString()).toBe("0");
    expect(r.lastPrice!.toString()).toBe("98");
  });

  it("quote prices an order without touching the book", () => {
    const book = createOrderBook(small);
    expect(book.quote("sell", 6).toString()).toBe("593.05");
    expect(book.bids[0]!.quantity.toString()).toBe("5.05");
    expect(book.quote("buy", 1).toString()).toBe("101");
    expect(book.sell(6).notionalUsd.toString()).toBe("593.05");
  });

  it("refills toward the profile at the given rate", () => {
    const book = createOrderBook(small);
    book.sell("10.152");
    expect(book.bids[0]!.quantity.toString()).toBe("0");
    book.refill(0.5);
    expect(book.bids[0]!.quantity.toString()).toBe("2.525");
    book.refill(1);
    expect(book.bids[0]!.quantity.toString()).toBe("5.05");
  });

  it("recenter and consumeTo move the book", () => {
    const book = createOrderBook(small);
    book.recenter(200);
    expect(book.bids[0]!.price.toString()).toBe("198");
    book.consumeTo(197);
    expect(book.bids[0]!.quantity.toString()).toBe("0");
    expect(book.lastTradePrice!.toString()).toBe("197");
  });

  it("a bigger order never gets a better average (property)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (a, b) => {
      const [x, y] = a < b ? [a, b] : [b, a];
      const avg = (q: number) => createOrderBook({ ...small, levels: 10, profile: "linear" }).sell(D(q).div(1000)).averagePrice!;
      expect(avg(y).lte(avg(x))).toBe(true);
    }), { seed: 7, numRuns: 50 });
  });

  it("refuses bad parameters with a sentence", () => {
    expect(() => createOrderBook({ depthUsd: -1 })).toThrow(/depthUsd cannot be negative/);
    expect(() => createOrderBook({ levels: 0 })).toThrow(/levels must be a whole number/);
    expect(() => createOrderBook({ levels: 200, levelSpacingBps: 100 })).toThrow(RangeError);
    expect(() => createOrderBook({ profile: "cubic" as never })).toThrow(/profile must be/);
    expect(() => createOrderBook({ midPriceUsd: Number.NaN })).toThrow(/midPriceUsd must be a finite number/);
    expect(() => createOrderBook(small).refill(2)).toThrow(/ratePerTick must be between 0 and 1/);
    expect(() => createOrderBook(small).sell(-1)).toThrow(/quantity cannot be negative/);
  });
});
