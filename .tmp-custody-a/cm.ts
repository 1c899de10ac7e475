import model from "/work/main/components/widgets/commingling/model";
import { defaultValues } from "/work/main/src/lib/urlState";
const v = defaultValues(model.params);
let t = performance.now(); let r = model.compute(v); console.log("first", performance.now()-t);
for (let i=0;i<5;i++){ t = performance.now(); r = model.compute(v); console.log(performance.now()-t); }
console.log(model.summary(r));
console.log(JSON.stringify(r.recall), r.haltHour, r.waitingAtHalt);
for (const h of r.hours) console.log(h.hour, h.exact.price, h.exact.custody, h.exact.deskRepayable, h.exact.liabilities, h.exact.shortfall, h.customersPaid, h.customersQueued);
for (const over of [{crash:0},{crash:0.3},{loanShare:0.2},{deskAsset:"TOKEN"},{runPerHour:0.2},{runPerHour:0.01},{loanShare:1, crash:0.95}, {loanShare:0}, {loanShare:0.05, crash:0.95, deskAsset:"TOKEN"}]) { const rr = model.compute({...v, ...over}); console.log(JSON.stringify(over), model.summary(rr)); }
