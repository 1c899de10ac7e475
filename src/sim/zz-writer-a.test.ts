import { test } from "vitest";
import { liquidationPrice, bankruptcyPrice, initialMarginUsd, notionalUsd, simulateRun, diamondDybvig, diamondDybvigWaitingPayoff, runFtxLikeDesk, runMtGoxLikeLoss, runFtxLikeWithdrawalRun, Decimal } from "./index";
import xray from "../../components/widgets/xray/model";
import comm from "../../components/widgets/commingling/model";
import cont from "../../components/widgets/contagion/model";

function defaults(m: any) { const v: any = {}; for (const [k, s] of Object.entries(m.params)) v[k] = (s as any).default; return v; }
test("numbers", () => {
  const out: string[] = [];
  const p = (s: any) => out.push(String(s));
  // leverage
  p("notional " + notionalUsd(1, 100000) + " IM10x " + initialMarginUsd(100000, 10));
  p("liq long " + liquidationPrice({ side: "long", entryPrice: 100000, quantity: 1, margin: 10000, maintenanceMarginRate: "0.004" }).toFixed(2));
  p("bkr long " + bankruptcyPrice({ side: "long", entryPrice: 100000, quantity: 1, margin: 10000 }).toString());
  p("liq long 20x " + liquidationPrice({ side: "long", entryPrice: 100000, quantity: 1, margin: 5000, maintenanceMarginRate: "0.004" }).toFixed(2));
  // xray
  for (const v of [defaults(xray), { ...defaults(xray), hidden: false }, { ...defaults(xray), deskAsset: "TOKEN" }, { ...defaults(xray), crash: 0 }]) {
    const r: any = xray.compute(v); p("XRAY " + JSON.stringify(v) + " :: " + xray.summary(r));
    const last = r.points.filter((x: any) => x.step === r.steps);
    p(JSON.stringify(last.map((x: any) => x.exact)));
    p(JSON.stringify(r.points.filter((x: any) => x.basis === "True").map((x: any) => [x.step, x.exact.shortfall])));
  }
  // commingling
  for (const v of [defaults(comm), { ...defaults(comm), deskAsset: "TOKEN" }, { ...defaults(comm), loanShare: 0.3 }, { ...defaults(comm), crash: 0 }, { ...defaults(comm), loanShare: 0.2 }]) {
    const r: any = comm.compute(v); p("COMM " + JSON.stringify(v) + " :: " + comm.summary(r));
  }
  // contagion
  for (const v of [defaults(cont), { ...defaults(cont), holeBillions: 1 }, { ...defaults(cont), holeBillions: 2 }, { ...defaults(cont), exposure: 0.2 }, { ...defaults(cont), recovery: 1 }, { ...defaults(cont), fireSaleImpact: 0 }]) {
    const r: any = cont.compute(v); p("CONT " + JSON.stringify(v) + " :: " + cont.summary(r));
    p(JSON.stringify(r.rounds));
  }
  // run
  const run = simulateRun();
  p("RUN halted " + run.halted + " period " + run.haltPeriod + " paid " + run.paidUsd + " queued " + run.queuedUsd + " fsl " + run.fireSaleLossUsd + " rec " + run.recoveryRate.toFixed(4));
  for (const t of run.timeline) p(JSON.stringify([t.period, t.signal, t.confidence.toFixed(3), t.withdrawnShare.toFixed(3), t.withdrawersThisPeriod, t.paidUsd.toString(), t.liquidReservesUsd.toString(), t.illiquidAssetsUsd.toString(), t.queuedUsd.toString(), t.halted]));
  const dd = diamondDybvig(); p("DD " + dd.patientPayoffIfCalm + " " + dd.failureShare.toFixed(4));
  p("DD 0.5 " + diamondDybvigWaitingPayoff({ withdrawingShare: "0.5" }) + " 0.8 " + diamondDybvigWaitingPayoff({ withdrawingShare: "0.8" }).toFixed(4));
  console.log(out.join("\n"));
});
