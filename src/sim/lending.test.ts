import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { closeFactor, dutchAuctionPrice, healthFactor, liquidationCall } from "./lending";

describe("healthFactor", () => {
  it("reproduces the chapter's example: 10 ETH at 1 800, threshold 82.5 %, 15 000 debt → 0.99", () => {
    expect(healthFactor([{ quantity: 10, priceUsd: 1800, threshold: "0.825" }], 15000).toString()).toBe("0.99");
  });
  it("sums several collaterals", () => {
    const hf = healthFactor(
      [
        { quantity: 11, priceUsd: 3060, threshold: "0.805" },
        { quantity: "0.6", priceUsd: 27000, threshold: "0.72" },
      ],
      30100,
    );
    expect(hf.toFixed(6)).toBe("1.287718"); // (27 096.3 + 11 664) ÷ 30 100
  });
  it("refuses a zero debt and a threshold above 1", () => {
    expect(() => healthFactor([{ quantity: 1, priceUsd: 1, threshold: "0.8" }], 0)).toThrow(RangeError);
    expect(() => healthFactor([{ quantity: 1, priceUsd: 1, threshold: "1.2" }], 10)).toThrow(/fraction/);
  });
});

describe("closeFactor and liquidationCall", () => {
  it("half the debt above HF 0.95, all of it at or below", () => {
    expect(closeFactor("0.99").toString()).toBe("0.5");
    expect(closeFactor("0.95").toString()).toBe("1");
  });
  it("the chapter's liquidation: 7 500 repaid, 4.375 ETH seized, 375 gained, trigger 1 818.18", () => {
    const call = liquidationCall({ quantity: 10, priceUsd: 1800, threshold: "0.825", debtUsd: 15000, bonus: "0.05" });
    expect(call.repaidUsd.toString()).toBe("7500");
    expect(call.seizedQuantity.toString()).toBe("4.375");
    expect(call.gainUsd.toString()).toBe("375");
    expect(call.triggerPriceUsd.toFixed(2)).toBe("1818.18");
  });
  it("a healthy loan cannot be liquidated", () => {
    const call = liquidationCall({ quantity: 10, priceUsd: 2000, threshold: "0.825", debtUsd: 15000, bonus: "0.05" });
    expect(call.repaidUsd.isZero() && call.seizedQuantity.isZero()).toBe(true);
  });
  it("never seizes more than the loan holds, and value is conserved: seized value = repaid + gain", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 100, max: 5000 }), fc.integer({ min: 500, max: 900 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 150 }), (q, price, thousandths, debtShare, bonusThousandths) => {
        const debtUsd = (q * price * debtShare) / 100;
        const call = liquidationCall({ quantity: q, priceUsd: price, threshold: thousandths / 1000, debtUsd, bonus: bonusThousandths / 1000 });
        expect(call.seizedQuantity.lte(q)).toBe(true);
        expect(call.seizedQuantity.times(price).minus(call.repaidUsd).minus(call.gainUsd).abs().lt("1e-20")).toBe(true);
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });
});

describe("dutchAuctionPrice", () => {
  it("falls by (1 − cut) at every whole step", () => {
    expect(dutchAuctionPrice({ oracleUsd: 1000, buffer: "1.2", cut: "0.01", stepSeconds: 90, elapsedSeconds: 0 }).toString()).toBe("1200");
    expect(dutchAuctionPrice({ oracleUsd: 1000, buffer: "1.2", cut: "0.01", stepSeconds: 90, elapsedSeconds: 89 }).toString()).toBe("1200");
    expect(dutchAuctionPrice({ oracleUsd: 1000, buffer: "1.2", cut: "0.01", stepSeconds: 90, elapsedSeconds: 600 }).toString()).toBe("1129.7761792812");
  });
  it("refuses a step that is not a positive whole number of seconds", () => {
    expect(() => dutchAuctionPrice({ oracleUsd: 1000, buffer: "1.2", cut: "0.01", stepSeconds: 0, elapsedSeconds: 10 })).toThrow(RangeError);
  });
});
