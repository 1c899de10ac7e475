/**
 * The Lab's starter examples: one short cell per module of the simulation
 * library, each returning something worth looking at (a table, a chart, a
 * balance sheet). Stored as data so the Lab lists them, the editor loads
 * them, and `examples.test.ts` runs every one of them.
 */

/** A starter cell for the Lab. */
export interface StarterExample {
  /** Unique, stable: it names the example in links and tests. */
  id: string;
  /** The `src/sim` module it shows off. */
  module: string;
  title: string;
  /** TypeScript against `cef`; the body of an async function. */
  code: string;
}

/** Trims the common indentation of a template literal so examples read as they are written here. */
function cell(strings: TemplateStringsArray): string {
  const text = strings.raw.join("").replace(/^\n/, "").replace(/\s+$/, "");
  const indent = Math.min(...text.split("\n").filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)![0].length));
  return text
    .split("\n")
    .map((l) => l.slice(indent))
    .join("\n")
    .replace(/\\`/g, "`")
    .replace(/\\\$/g, "$");
}

export const STARTER_EXAMPLES: readonly StarterExample[] = Object.freeze([
  {
    id: "money-exact",
    module: "money",
    title: "Exact money: amounts as people write them",
    code: cell`
      import { D, usd, sum, formatUsd } from "cef";

      // Floating point drifts; the library's Decimal does not.
      console.log("float:", 0.1 + 0.2, " exact:", D("0.1").plus("0.2"));

      const written = ["$1,250.50", "1.25M", "-3,400", "2.5k", "0.07"];
      console.log("total:", formatUsd(sum(written.map(usd))));
      return written.map((text) => ({ written: text, exact: usd(text), readable: formatUsd(usd(text)) }));
    `,
  },
  {
    id: "random-paths",
    module: "random",
    title: "Seeded price paths: normal shocks against fat tails",
    code: cell`
      import { gbmPath, fatTailPath } from "cef";

      // Same seed, same path, on every machine. Change the seed to draw another year.
      const options = { startPrice: "60000", steps: 365, volatilityPerYear: 0.8, seed: "lab" };
      const paths = { "normal shocks": gbmPath(options), "Student-t shocks (ν = 3)": fatTailPath({ ...options, degreesOfFreedom: 3 }) };

      const rows = Object.entries(paths).flatMap(([shocks, path]) => path.map((priceUsd, day) => ({ day, priceUsd, shocks })));
      for (const [shocks, path] of Object.entries(paths)) {
        const worst = Math.min(...path.slice(1).map((p, i) => p.div(path[i]).toNumber() - 1));
        console.log(\`\${shocks}: worst day \${(worst * 100).toFixed(1)}%\`);
      }
      return { marks: [{ mark: "lineY", data: rows, options: { x: "day", y: "priceUsd", stroke: "shocks" } }], y: { label: "Price (USD)" }, color: { legend: true } };
    `,
  },
  {
    id: "ledger-double-entry",
    module: "ledger",
    title: "Double entry: every movement balanced, or refused",
    code: cell`
      import { Ledger } from "cef";

      const ledger = new Ledger();
      ledger.openAccount({ id: "custody:USD", kind: "asset", asset: "USD", nonNegative: true });
      ledger.openAccount({ id: "customer:alice:USD", kind: "liability", asset: "USD", nonNegative: true });
      ledger.post({ id: "d1", memo: "Alice deposits 100", postings: [{ account: "custody:USD", debit: "100" }, { account: "customer:alice:USD", credit: "100" }] });
      ledger.post({ id: "w1", memo: "Alice withdraws 30", postings: [{ account: "customer:alice:USD", debit: "30" }, { account: "custody:USD", credit: "30" }] });

      try {
        ledger.post({ id: "oops", postings: [{ account: "custody:USD", debit: "5" }, { account: "customer:alice:USD", credit: "4" }] });
      } catch (error) {
        console.log("refused:", error.message);
      }
      return ledger.history("customer:alice:USD").map((line) => ({ entry: line.entryId, memo: line.memo, change: line.change, balance: line.balance }));
    `,
  },
  {
    id: "exchange-two-sheets",
    module: "exchange",
    title: "The same books, reported and true",
    code: cell`
      import { Exchange } from "cef";

      const exchange = new Exchange({ assets: { USD: {}, BTC: { priceUsd: "50000", haircut: "0.2" } } });
      for (let i = 1; i <= 10; i++) exchange.deposit(\`customer-\${i}\`, "USD", "10000000");

      // The house desk quietly borrows 80% of the deposits and buys bitcoin.
      exchange.deskBorrow("USD", "80000000", { hidden: true });
      exchange.deskTrade("USD", "BTC", "80000000");
      exchange.setPrice("BTC", "30000"); // a 40% fall

      return { reported: exchange.reportedBalanceSheet(), true: exchange.trueBalanceSheet() };
    `,
  },
  {
    id: "rehypothecation-chain",
    module: "rehypothecation",
    title: "One bond, many claims: a rehypothecation chain",
    code: cell`
      import { rehypothecationChain, unwindChain, formatUsd } from "cef";

      const chain = rehypothecationChain({ collateralUsd: "100000000", hops: 4, reuseRate: "0.7" });
      console.log(\`claims \${formatUsd(chain.totalClaimsUsd)} on \${formatUsd(chain.collateralUsd)} of collateral: ×\${chain.multiplier}\`);

      // Dealer 2 fails; each dealer has 5M of capital to absorb losses.
      const unwind = unwindChain(chain, { failedDealer: 2, dealerCapitalUsd: "5000000" });
      console.log("failed:", unwind.failedDealers.join(", "), "· client loses", formatUsd(unwind.clientLossUsd));
      return unwind.parties.map((p) => ({ party: p.name, claimUsd: p.claimUsd, recoveredUsd: p.recoveredUsd, shortUsd: p.shortUsd, failed: p.failed }));
    `,
  },
  {
    id: "run-confidence",
    module: "run",
    title: "A withdrawal run that feeds itself",
    code: cell`
      import { simulateRun, formatUsd } from "cef";

      // 20% of deposits liquid; one bad news day (signal 0.5) in period 1.
      const run = simulateRun({ liquidReservesUsd: "20000000", illiquidAssetsUsd: "80000000", fireSaleDiscount: "0.3", signal: [0, 0.5] });
      console.log(run.halted ? \`halted in period \${run.haltPeriod}\` : "no halt", "· fire-sale loss", formatUsd(run.fireSaleLossUsd));

      return run.timeline.map((p) => ({
        period: p.period, signal: p.signal, confidence: p.confidence.toFixed(3), withdrawers: p.withdrawersThisPeriod,
        paidUsd: p.paidUsd, liquidReservesUsd: p.liquidReservesUsd, queuedUsd: p.queuedUsd, halted: p.halted,
      }));
    `,
  },
  {
    id: "reserves-merkle",
    module: "reserves",
    title: "Proof of liabilities: a Merkle sum tree and its blind spots",
    code: cell`
      import { buildLiabilityTree, verifyInclusion, checkCustomer, omitCustomer, hideNegativeBalance } from "cef";

      const accounts = [
        { id: "alice", balance: "1200.50" }, { id: "bob", balance: "310" },
        { id: "carol", balance: "75.25" }, { id: "dave", balance: "5000" },
      ];
      const tree = buildLiabilityTree(accounts, { seed: "lab" });
      console.log(\`root \${tree.rootHash.slice(0, 16)}… total \${tree.total}\`);
      console.log("alice's proof verifies:", verifyInclusion(tree.prove("alice"), tree.rootHash, tree.total));

      const omitted = omitCustomer(accounts, "dave", { seed: "lab" });
      const negative = hideNegativeBalance(accounts, { victimId: "bob", dummyBalance: "-1000" });
      return [
        { tree: "honest", total: tree.total, understatedBy: "0", daveCheck: checkCustomer(tree, "dave", "5000").finding, bobCheck: checkCustomer(tree, "bob", "310").finding },
        { tree: "dave left out", total: omitted.tree.total, understatedBy: omitted.understatedBy, daveCheck: checkCustomer(omitted.tree, "dave", "5000").finding, bobCheck: checkCustomer(omitted.tree, "bob", "310").finding },
        { tree: "negative dummy beside bob", total: negative.tree.total, understatedBy: negative.understatedBy, daveCheck: checkCustomer(negative.tree, "dave", "5000").finding, bobCheck: checkCustomer(negative.tree, "bob", "310").finding },
      ];
    `,
  },
  {
    id: "margin-leverage",
    module: "margin",
    title: "How close leverage puts the liquidation price",
    code: cell`
      import { liquidationPrice, bankruptcyPrice, initialMarginUsd } from "cef";

      // One BTC long at 67,000, Binance-style maintenance rate 0.4%.
      const entryPrice = 67000;
      return [2, 5, 10, 20, 50, 100, 125].map((leverage) => {
        const margin = initialMarginUsd(entryPrice, leverage).toDecimalPlaces(2);
        const liq = liquidationPrice({ side: "long", entryPrice, quantity: 1, margin, maintenanceMarginRate: "0.004" });
        return {
          leverage, marginUsd: margin, liquidationPriceUsd: liq.toDecimalPlaces(2),
          bankruptcyPriceUsd: bankruptcyPrice({ side: "long", entryPrice, quantity: 1, margin }),
          fallToLiquidation: \`\${liq.div(entryPrice).minus(1).times(100).toFixed(2)}%\`,
        };
      });
    `,
  },
  {
    id: "orderbook-slippage",
    module: "orderbook",
    title: "Walking the book: bigger sells, worse prices",
    code: cell`
      import { createOrderBook } from "cef";

      // A thin book near the mid (linear profile): 50M of bids over 30% of price.
      const options = { midPriceUsd: 67000, depthUsd: 50000000, levels: 300, levelSpacingBps: 10, profile: "linear" as const };
      const sizes = [1, 5, 10, 25, 50, 100, 200, 300, 400, 500];
      const rows = sizes.map((btc) => {
        const fill = createOrderBook(options).sell(btc); // a fresh book for each size
        return { btcSold: btc, averagePrice: fill.averagePrice, slippageBps: fill.slippage!.times(10000).toDecimalPlaces(1) };
      });
      return { marks: [{ mark: "line", data: rows, options: { x: "btcSold", y: "slippageBps", marker: true } }], x: { label: "BTC sold at once" }, y: { label: "Slippage (basis points)" } };
    `,
  },
  {
    id: "liquidation-engine",
    module: "liquidation",
    title: "A liquidation engine falls behind a crash",
    code: cell`
      import { simulateLiquidationEngine, generatePopulation, positionsFromPopulation, formatUsd } from "cef";

      const positions = positionsFromPopulation(generatePopulation({ count: 300, openInterestUsd: 30000000, priceUsd: 3000, longShare: 0.8, seed: "lab" }));
      const pricePathUsd = [3000, 2900, 2750, 2550, 2350, 2200, 2150, 2150, 2200, 2250];
      const result = simulateLiquidationEngine({
        positions, pricePathUsd, throughputPerTick: 10, insuranceFundUsd: 50000, afterFund: "adl",
        book: { midPriceUsd: 3000, depthUsd: 2000000, levels: 100, levelSpacingBps: 25, profile: "linear" },
      });
      console.log("bad debt", formatUsd(result.totalBadDebtUsd), "· ADL charged", formatUsd(result.totalAdlChargedUsd), "· longest queue", result.maxQueueLength);
      return result.ticks.map((t) => ({ tick: t.tick, markPrice: t.markPrice, queued: t.queueLength, liquidated: t.liquidated, insuranceFundUsd: t.insuranceFundUsd.toDecimalPlaces(2), badDebtUsd: t.badDebtUsd.toDecimalPlaces(2) }));
    `,
  },
  {
    id: "cascade-amplification",
    module: "cascade",
    title: "Where a market tips: shock in, fall out",
    code: cell`
      import { amplificationCurve, generatePopulation } from "cef";

      // 1,000 positions drawn from the default market (populationDefaults), the default book.
      const population = generatePopulation({ count: 1000, seed: "lab" });
      const shocks = [-0.005, -0.01, -0.015, -0.02, -0.03, -0.05, -0.08, -0.11, -0.14];
      const curve = amplificationCurve({ population }, shocks);
      const tip = curve.find((p) => p.amplification !== null && p.amplification.gt(2));
      if (tip) console.log(\`the tipping point: a \${tip.shock.times(-100)}% push ends as a \${tip.priceMove.times(-100).toFixed(1)}% fall\`);
      const points = curve.map((p) => ({ shockPercent: p.shock.times(-100), fallPercent: p.priceMove.times(-100), liquidated: p.liquidatedCount }));
      return { marks: [{ mark: "line", data: points, options: { x: "shockPercent", y: "fallPercent", marker: true } }], x: { label: "Outside shock (%)" }, y: { label: "Final fall (%)" } };
    `,
  },
  {
    id: "contagion-network",
    module: "contagion",
    title: "One venue fails: who goes down with it",
    code: cell`
      import { buildVenueNetwork, simulateContagion, formatUsd } from "cef";

      const { network, options } = buildVenueNetwork();
      const result = simulateContagion(network, options);
      console.log(\`\${result.rounds.length} rounds · unpaid \${formatUsd(result.totalUnpaidUsd)} · fire-sale loss \${formatUsd(result.fireSaleLossUsd)}\`);
      return result.institutions.map((x) => ({
        name: x.name, kind: x.kind, defaultRound: x.defaultRound ?? "—", owedUsd: x.owedUsd.toDecimalPlaces(0),
        paidUsd: x.paidUsd.toDecimalPlaces(0), equityLossUsd: x.equityLossUsd.toDecimalPlaces(0),
      }));
    `,
  },
  {
    id: "dex-same-crash",
    module: "dex",
    title: "Same crash, two rulebooks: exchange engine against on-chain keepers",
    code: cell`
      import { compareCexDex, generatePopulation } from "cef";

      const comparison = compareCexDex({ population: generatePopulation({ count: 1000, seed: "lab" }), shock: -0.08 });
      for (const item of comparison.verifiableInAdvance.dex) console.log(item.verifiable ? "✓" : "✗", item.what);
      return comparison.rows;
    `,
  },
  {
    id: "lending-liquidation",
    module: "lending",
    title: "An Aave-style loan as ether falls: health factor, close factor, what a liquidator takes",
    code: cell`
      import { liquidationCall, dutchAuctionPrice } from "cef";

      // 10 ETH against 15,000 USDC of debt, threshold 82.5 %, bonus 5 %.
      const rows = [2000, 1850, 1800, 1750, 1700, 1600].map((priceUsd) => {
        const call = liquidationCall({ quantity: 10, priceUsd, threshold: "0.825", debtUsd: 15000, bonus: "0.05" });
        return { priceUsd, healthFactor: call.healthFactor.toFixed(3), closeFactor: call.closeFactor, repaidUsd: call.repaidUsd, seizedEth: call.seizedQuantity.toFixed(4), liquidatorGainUsd: call.gainUsd };
      });
      const auction = dutchAuctionPrice({ oracleUsd: 1700, buffer: "1.2", cut: "0.01", stepSeconds: 90, elapsedSeconds: 1800 });
      console.log("a Dutch auction opened at 1,700 asks", auction.toFixed(2), "after 30 minutes");
      return rows;
    `,
  },
  {
    id: "settlement-tradeoff",
    module: "settlement",
    title: "How often to settle: exposure against fees",
    code: cell`
      import { settlementCurve, optimalSettlementInterval } from "cef";

      const params = { openInterestUsd: "1e9", volatilityPerYear: 0.8, costPerSettlementUsd: 5, venueFailuresPerYear: 0.05 };
      const best = optimalSettlementInterval({ ...params, blockTimeSeconds: 12 });
      console.log(\`best: every \${best.intervalMinutes.toFixed(1)} minutes (\${best.blocks?.count} blocks)\`);

      const { points } = settlementCurve({ ...params, intervalMinutes: 60 }, { intervals: [0.2, 1, 5, 15, 30, 60, 240, 720, 1440] });
      const rows = points.flatMap((p) => [
        { minutes: p.intervalMinutes, usdPerYear: p.expectedFailureLossPerYearUsd, part: "failure loss" },
        { minutes: p.intervalMinutes, usdPerYear: p.costPerYearUsd, part: "settlement fees" },
        { minutes: p.intervalMinutes, usdPerYear: p.totalCostPerYearUsd, part: "total" },
      ]);
      return { marks: [{ mark: "line", data: rows, options: { x: "minutes", y: "usdPerYear", stroke: "part" } }], x: { type: "log", label: "Minutes between settlements" }, y: { type: "log", label: "USD per year" }, color: { legend: true } };
    `,
  },
  {
    id: "scenarios-ftx-like",
    module: "scenarios",
    title: "The FTX-like preset, step by step",
    code: cell`
      import { runFtxLikeDesk, formatUsd } from "cef";

      const run = runFtxLikeDesk();
      console.log(run.scenario.assumptions[0]);
      return run.snapshots.map((s) => ({
        step: s.label,
        reportedShortfall: formatUsd(s.reported.shortfallUsd),
        trueShortfall: formatUsd(s.true.shortfallUsd),
        deskRecoveryRate: s.true.deskRecoveryRate.toDecimalPlaces(4),
        halted: s.halted,
        queued: s.queuedCount,
      }));
    `,
  },
]);

/** The examples of one module. */
export function examplesFor(module: string): StarterExample[] {
  return STARTER_EXAMPLES.filter((example) => example.module === module);
}
