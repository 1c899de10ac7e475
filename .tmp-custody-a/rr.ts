import { simulateRun } from "/work/main/src/sim/index";
const r = simulateRun({ depositsUsd: "100000000", liquidReservesUsd: "20000000", illiquidAssetsUsd: "80000000" , signal: [0, 0.5]});
console.log(r.recoveryRate.toString(), r.timeline.at(-1)!.liquidReservesUsd.toString(), r.timeline.at(-1)!.illiquidAssetsUsd.toString());
