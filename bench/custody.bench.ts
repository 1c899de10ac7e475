/**
 * Custody-side benchmarks (issue 3): ledger throughput, an exchange with
 * 100,000 customers and 1,000,000 events, and a 1,000,000-account proof of
 * liabilities. Run alone with `npm run bench -- custody`.
 */
import { performance } from "node:perf_hooks";
import { heapUsedMb, medianMs, report } from "./util";
import {
  Exchange,
  Ledger,
  Random,
  buildLiabilityTree,
  rehypothecationChain,
  simulateRun,
  verifyInclusion,
} from "../src/sim/index";

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function benchLedger(): void {
  const entries = 100_000;
  for (const keepJournal of [true, false]) {
    const ms = medianMs(() => {
      const ledger = new Ledger({ keepJournal });
      ledger.openAccount({ id: "custody:USD", kind: "asset", asset: "USD" });
      ledger.openAccount({ id: "customers:USD", kind: "liability", asset: "USD" });
      for (let i = 0; i < entries; i++) {
        ledger.post({
          id: `e${i}`,
          postings: [
            { account: "custody:USD", debit: "125.50" },
            { account: "customers:USD", credit: "125.50" },
          ],
        });
      }
      ledger.assertBalanced();
    }, 3);
    report(`ledger: ${fmt(entries)} two-posting entries (journal ${keepJournal ? "kept" : "off"})`, `${fmt(ms)} ms · ${fmt((entries / ms) * 1000)} entries/s`);
  }
}

function benchExchange(): void {
  const customers = 100_000;
  const events = 1_000_000;
  const rng = new Random("bench-exchange");
  const before = heapUsedMb();
  let peak = before;
  const start = performance.now();
  const ex = new Exchange({
    assets: { USD: {}, BTC: { priceUsd: "50000" }, FTT: { priceUsd: "25", haircut: "0.5" } },
    keepJournal: false,
    timelineEvery: 10_000,
  });
  let done = 0;
  for (let c = 0; c < customers; c++, done++) ex.deposit(`c${c}`, c % 3 === 0 ? "BTC" : "USD", c % 3 === 0 ? "1.5" : "25000");
  let price = 50_000;
  while (done < events) {
    const roll = rng.uniform();
    const customer = `c${rng.int(0, customers - 1)}`;
    if (roll < 0.45) {
      ex.deposit(customer, "USD", `${rng.int(1, 5000)}.${rng.int(10, 99)}`);
    } else if (roll < 0.9) {
      const owed = ex.customerBalance(customer, "USD");
      if (owed.gt(1) && !ex.halted) ex.withdraw(customer, "USD", owed.div(2).toDecimalPlaces(2, 1));
      else ex.deposit(customer, "USD", "10");
    } else if (roll < 0.93) {
      ex.deskBorrow("USD", "1000");
    } else if (roll < 0.96) {
      if (ex.ledger.balance("desk:holdings:USD").gte(1000)) ex.deskTrade("USD", "BTC", "1000");
      else ex.deposit(customer, "BTC", "0.01");
    } else {
      price = Math.max(1000, Math.round(price * (1 + rng.normal(0, 0.01))));
      ex.setPrice("BTC", price);
    }
    done++;
    if (done % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed / 2 ** 20);
  }
  const ms = performance.now() - start;
  peak = Math.max(peak, process.memoryUsage().heapUsed / 2 ** 20);
  const truth = ex.trueBalanceSheet();
  report(`exchange: ${fmt(customers)} customers, ${fmt(events)} events (journal off)`, `${fmt(ms / 1000, 1)} s · ${fmt((events / ms) * 1000)} events/s`);
  report("exchange: peak heap above baseline (sampled every 50k events)", `${fmt(peak - before)} MB`);
  report("exchange: true shortfall at the end / timeline points", `$${truth.shortfallUsd.toFixed(0)} / ${ex.timeline().length}`);
}

function benchReserves(): void {
  const count = 1_000_000;
  const rng = new Random("bench-reserves");
  const accounts = Array.from({ length: count }, (_, i) => ({ id: `user-${i}`, balance: `${rng.int(0, 2_000_000)}.${String(rng.int(0, 99)).padStart(2, "0")}` }));
  const before = heapUsedMb();
  const start = performance.now();
  const tree = buildLiabilityTree(accounts);
  const buildMs = performance.now() - start;
  const afterMb = process.memoryUsage().heapUsed / 2 ** 20;
  report(`reserves: build a Merkle sum tree of ${fmt(count)} accounts`, `${fmt(buildMs / 1000, 2)} s · depth ${tree.depth}`);
  report("reserves: heap held by the tree (accounts excluded)", `${fmt(afterMb - before)} MB`);
  const id = "user-654321";
  const proveMs = medianMs(() => tree.prove(id), 21);
  const proof = tree.prove(id);
  const verifyMs = medianMs(() => verifyInclusion(proof, tree.rootHash, tree.total), 21);
  report("reserves: prove one account (median of 21)", `${proveMs.toFixed(3)} ms · ${proof.path.length} steps`);
  report("reserves: verify one proof (median of 21)", `${verifyMs.toFixed(3)} ms · valid: ${verifyInclusion(proof, tree.rootHash, tree.total)}`);
}

function benchSmall(): void {
  report("rehypothecation: 1,000-hop chain at r = 0.9 (median of 5)", `${medianMs(() => rehypothecationChain({ collateralUsd: "1e9", hops: 1000, reuseRate: "0.9" })).toFixed(1)} ms`);
  report("run: 100,000 depositors × 12 periods, random mode (median of 3)", `${fmt(medianMs(() => simulateRun({ depositorCount: 100_000, mode: "random" }), 3))} ms`);
}

/** Prints the custody-side figures. */
export async function run(): Promise<void> {
  benchLedger();
  benchSmall();
  benchReserves();
  benchExchange();
}
