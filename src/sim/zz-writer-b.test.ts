import { it } from "vitest";
import { Decimal, D, liquidationPrice, crossLiquidationPrice, bankruptcyPrice, positionMaintenanceMarginUsd, position, equityUsd, amplificationCurve, generatePopulation, borrowedReserves, buildLiabilityTree, hideNegativeBalance, normalQuantile } from "./index";
import liquidation from "../../components/widgets/liquidation/model";

// normal upper tail via continued fraction (Lentz) for x>3, series otherwise — use Decimal-free high-accuracy approach
function normalTail(x: number): number {
  // erfc via continued fraction: Q(x) = phi(x) / (x + 1/(x + 2/(x + 3/(x + ...))))
  const phi = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  if (x > 3) { let f = x; for (let k = 200; k >= 1; k--) f = x + k / f; return phi / f; }
  // Simpson integration from x to 40
  const n = 200000, a = x, b = 40, h = (b - a) / n; let s = 0;
  for (let i = 0; i <= n; i++) { const t = a + i * h; const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2; s += w * Math.exp(-t * t / 2); }
  return s * h / 3 / Math.sqrt(2 * Math.PI);
}
// standardized t3 lower tail at -k sigma: S = (atan(1/k) - k/(1+k^2))/pi
const t3Tail = (k: number) => (Math.atan(1 / k) - k / (1 + k * k)) / Math.PI;

it("approach numbers", async () => {
  const out: string[] = [];
  for (const k of [1, 2, 3, 4, 5, 7, 10]) {
    const pn = normalTail(k), pt = t3Tail(k);
    out.push(`k=${k} normal ${pn.toExponential(4)} (1 in ${(1/pn).toExponential(3)} days = ${(1/pn/365).toExponential(3)} yrs) t3 ${pt.toExponential(4)} (1 in ${(1/pt).toFixed(1)} days = ${(1/pt/365).toFixed(2)} yrs) ratio ${(pt/pn).toExponential(3)}`);
  }
  // t3 99.9% quantile standardized: solve t3Tail(k)=0.001
  let lo = 1, hi = 50; for (let i = 0; i < 200; i++) { const m = (lo + hi) / 2; if (t3Tail(m) > 0.001) lo = m; else hi = m; }
  out.push(`t3 std 99.9% quantile ${lo.toFixed(4)} ; normal 99.9% ${normalQuantile ? normalQuantile(0.999) : "?"}`);
  lo = 1, hi = 50; for (let i = 0; i < 200; i++) { const m = (lo + hi) / 2; if (t3Tail(m) > 0.01) lo = m; else hi = m; }
  out.push(`t3 std 99% quantile ${lo.toFixed(4)} normal 99% ${normalQuantile(0.99)}`);
  out.push(`t3 tail at 3.0902 ${t3Tail(3.090232306).toExponential(4)}; at 2.3263 ${t3Tail(2.326347874).toExponential(4)}`);
  // cross margin example
  const btc = position({ side: "long", quantity: 1, entryPrice: 67000, margin: 6700 });
  const eth = position({ side: "short", quantity: 20, entryPrice: 3350, margin: 6700 });
  out.push(`iso btc liq ${liquidationPrice({ side: "long", entryPrice: 67000, quantity: 1, margin: 6700, maintenanceMarginRate: "0.004" }).toFixed(2)} eth liq ${liquidationPrice({ side: "short", entryPrice: 3350, quantity: 20, margin: 6700, maintenanceMarginRate: "0.004" }).toFixed(2)}`);
  const ethMM0 = positionMaintenanceMarginUsd(eth, 3350);
  out.push(`ethMM at entry ${ethMM0}`);
  out.push(`cross btc liq (eth flat) ${crossLiquidationPrice({ side: "long", entryPrice: 67000, quantity: 1, walletBalanceUsd: 13400, maintenanceMarginRate: "0.004", otherUnrealizedPnlUsd: 0, otherMaintenanceMarginUsd: ethMM0 }).toFixed(2)}`);
  const btcMM0 = positionMaintenanceMarginUsd(btc, 67000);
  out.push(`cross eth liq (btc flat) ${crossLiquidationPrice({ side: "short", entryPrice: 3350, quantity: 20, walletBalanceUsd: 13400, maintenanceMarginRate: "0.004", otherUnrealizedPnlUsd: 0, otherMaintenanceMarginUsd: btcMM0 }).toFixed(2)}`);
  // both fall 10%
  const b2 = 60300, e2 = 3015;
  out.push(`fall10: btc eq iso ${equityUsd(btc, b2)} mm ${positionMaintenanceMarginUsd(btc, b2)} ; eth eq iso ${equityUsd(eth, e2)} mm ${positionMaintenanceMarginUsd(eth, e2)}; account eq ${equityUsd(btc,b2).plus(equityUsd(eth,e2))} mm ${positionMaintenanceMarginUsd(btc,b2).plus(positionMaintenanceMarginUsd(eth,e2))}`);
  // ETH up 10% alone
  const e3 = 3685;
  out.push(`eth+10: eth eq ${equityUsd(eth, e3)} mm ${positionMaintenanceMarginUsd(eth, e3)} ; cross btc liq ${crossLiquidationPrice({ side: "long", entryPrice: 67000, quantity: 1, walletBalanceUsd: 13400, maintenanceMarginRate: "0.004", otherUnrealizedPnlUsd: equityUsd(eth,e3).minus(6700), otherMaintenanceMarginUsd: positionMaintenanceMarginUsd(eth, e3) }).toFixed(2)}`);
  // eth up to where? cross eth liq with btc flat computed above; then both: btc falls 5% and eth rises 5%
  const b4 = 63650, e4 = 3517.5;
  out.push(`btc-5 eth+5: btc pnl ${equityUsd(btc,b4).minus(6700)} eth pnl ${equityUsd(eth,e4).minus(6700)} acct eq ${equityUsd(btc,b4).plus(equityUsd(eth,e4))} mm ${positionMaintenanceMarginUsd(btc,b4).plus(positionMaintenanceMarginUsd(eth,e4))}`);
  // liquidation throughput
  const defaults = Object.fromEntries(Object.entries((liquidation as any).params).map(([k, v]: any) => [k, v.default]));
  for (const t of [1, 2, 5, 10, 20]) { const r = await (liquidation as any).compute({ ...defaults, throughput: t }); out.push(`thr ${t}: ${(liquidation as any).summary(r)} bad ${r.badDebtUsd}`); }
  // stress test with cascade widget params
  const population = generatePopulation({ count: 1000, openInterestUsd: 1e9, priceUsd: 67000, leverageMean: 8, leverageSpread: 0.8, longShare: 0.6, seed: "cascade" });
  const curve = amplificationCurve({ population, book: { midPriceUsd: "67000", depthUsd: "2000000000", levels: 200, levelSpacingBps: 25, profile: "linear" } }, [-0.01, -0.02, -0.03, -0.04, -0.05, -0.06, -0.08, -0.1, -0.15, -0.2]);
  curve.forEach(p => out.push(`shock ${p.shock} move ${p.priceMove.toFixed(4)} amp ${p.amplification?.toFixed(2)} n ${p.liquidatedCount} notional ${p.liquidatedNotionalUsd.toFixed(0)} bad ${p.badDebtUsd.toFixed(0)}`));
  // PoR
  const br = borrowedReserves({ ownReservesUsd: "90000", customerLiabilitiesUsd: "95000", borrowedUsd: "10000" });
  out.push(`por ${JSON.stringify(br)}`);
  console.log(out.join("\n"));
});
