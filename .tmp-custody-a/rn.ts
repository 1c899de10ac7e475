import model from "/work/main/components/widgets/run/model";
import { defaultValues } from "/work/main/src/lib/urlState";
import * as Plot from "/work/main/components/widgets/_kit/plot";
import { parseHTML } from "linkedom";
const v = defaultValues(model.params);
let r = model.compute(v);
const times:number[]=[];
for (let i=0;i<40;i++){ const t = performance.now(); model.compute({...v, shock: (i%20)*0.05}); times.push(performance.now()-t); }
times.sort((a,b)=>a-b); console.log("median", times[20].toFixed(2), "p90", times[36].toFixed(2));
console.log(model.summary(r));
console.log(model.table(r).rows.map(r=>Object.values(r).join(" | ")).join("\n"));
for (const over of [{shock:0},{shock:0.3},{shock:1},{reserveRatio:0.4},{reserveRatio:1},{fireSaleDiscount:0.9},{fireSaleDiscount:0},{nerveSpread:0},{nerveSpread:0, shock:0.7},{herdWeight:0},{herdWeight:3},{privateNews:true},{reserveRatio:0, fireSaleDiscount:0.9}]) { const rr = model.compute({...v, ...over}); console.log(JSON.stringify(over), model.summary(rr)); }
const { document } = parseHTML("<!doctype html><html><body></body></html>");
const t=performance.now(); const el = model.figure(Plot, r, { width: 640, document: document as any }); console.log("fig ms", performance.now()-t, el.outerHTML.length);
