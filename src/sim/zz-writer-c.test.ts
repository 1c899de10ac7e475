import { test } from "vitest";
import { Decimal, settlementTradeoff, optimalSettlementInterval, compareSettlementLayers, settlementExposure, dummyUserAttack, compareCexDex, formatUsd, SETTLEMENT_LAYERS } from "./index";

test("writer-c numbers", () => {
  const out: string[] = [];
  const log = (...a: unknown[]) => out.push(a.map(String).join(" "));
  // Aave
  const coll = new Decimal(10), px = new Decimal(1800), lt = new Decimal("0.825"), debt = new Decimal(15000);
  const hf = coll.times(px).times(lt).div(debt);
  log("HF", hf.toString());
  const repay = new Decimal(7500);
  const seized = repay.times("1.05").div(px);
  log("seized", seized.toString(), "value", seized.times(px).toString());
  const coll2 = coll.minus(seized), debt2 = debt.minus(repay);
  log("after coll", coll2.toString(), "debt", debt2.toString(), "HF", coll2.times(px).times(lt).div(debt2).toString());
  // price at which HF=1 originally
  log("liq price", debt.div(coll.times(lt)).toString());
  // HF at 0.95 threshold price
  log("price for HF .95", debt.times("0.95").div(coll.times(lt)).toString());
  // Dutch auction stairstep
  const top = new Decimal(1200), cut = new Decimal("0.99");
  for (const n of [0, 6, 12, 18, 19, 20, 40, 51]) log("step", n, "min", n * 1.5, "price", top.times(cut.pow(n)).toFixed(2));
  log("cusp 0.6 of top", top.times("0.6").toString());
  // dummy user
  const a = dummyUserAttack({ customers: [{ id: "alice", balances: { BTC: "10" } }], prices: { BTC: "50000", TINY: "1" }, dummy: { id: "dummy", balances: { BTC: "-4", TINY: "250000" } } });
  log("dummy total", a.netValueTree.total.toString(), "btcUnder", a.btcUnderstatedBy.toString(), a.perAssetTreeRefused, a.refusal);
  // settlement
  const base = { openInterestUsd: "1e9", volatilityPerYear: 0.8, venueFailuresPerYear: 0.05 };
  for (const m of [1, 10, 31.77, 60, 1440, 10080]) {
    const p = settlementTradeoff({ ...base, intervalMinutes: m, costPerSettlementUsd: 5 });
    log("base", m, "perDay", p.settlementsPerDay.toFixed(2), "E", p.expectedExposureUsd.toFixed(0), "avg", p.averageExposureUsd.toFixed(0), "Q99", p.quantileExposureUsd.toFixed(0), "loss/yr", p.expectedFailureLossPerYearUsd.toFixed(0), "fees/yr", p.costPerYearUsd.toFixed(0), "total", p.totalCostPerYearUsd.toFixed(0), "z", p.z.toFixed(4), "winvol", p.windowVolatility.toFixed(6));
  }
  for (const m of [1, 5.5, 10, 60, 1440]) {
    const p = settlementTradeoff({ ...base, intervalMinutes: m, costPerSettlementUsd: "0.05" });
    log("rollup", m, "Q99", p.quantileExposureUsd.toFixed(0), "loss/yr", p.expectedFailureLossPerYearUsd.toFixed(0), "fees/yr", p.costPerYearUsd.toFixed(0), "total", p.totalCostPerYearUsd.toFixed(0));
  }
  const best = optimalSettlementInterval({ ...base, costPerSettlementUsd: 5, blockTimeSeconds: 12 });
  log("opt base", best.intervalMinutes.toFixed(3), best.blocks?.count, best.totalCostPerYearUsd.toFixed(0), "loss", best.expectedFailureLossPerYearUsd.toFixed(0), "fees", best.costPerYearUsd.toFixed(0), "Q99", best.quantileExposureUsd.toFixed(0), "blocks total", best.blocks?.point.totalCostPerYearUsd.toFixed(0));
  for (const r of compareSettlementLayers(base)) log("layer", r.layer.name, r.optimum.intervalMinutes.toFixed(3), r.optimum.blocks?.count, r.optimum.totalCostPerYearUsd.toFixed(0), "blocksTotal", r.optimum.blocks?.point.totalCostPerYearUsd.toFixed(0), "Q99", r.optimum.quantileExposureUsd.toFixed(0), "loss", r.optimum.expectedFailureLossPerYearUsd.toFixed(0), "fees", r.optimum.costPerYearUsd.toFixed(0));
  // single trader 1M, 1 hour and 1 day
  for (const m of [60, 1440]) { const e = settlementExposure({ openInterestUsd: "1000000", volatilityPerYear: 0.8, intervalMinutes: m }); log("1M", m, "E", e.expectedExposureUsd.toFixed(0), "Q99", e.quantileExposureUsd.toFixed(0)); }
  // fee x100 check: optimum scales with C^(2/3)
  const o5 = optimalSettlementInterval({ ...base, costPerSettlementUsd: 5 }); const o005 = optimalSettlementInterval({ ...base, costPerSettlementUsd: "0.05" });
  log("ratio", o5.intervalMinutes.div(o005.intervalMinutes).toFixed(3));
  // cexdex default
  const c = compareCexDex({});
  for (const r of c.rows) log("row", r.label, "|", r.cex, "|", r.dex);
  const c2 = compareCexDex({ shock: "-0.2" });
  for (const r of c2.rows) log("row20", r.label, "|", r.cex, "|", r.dex);
  console.log(out.join("\n"));
});
