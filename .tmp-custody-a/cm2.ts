import model from "/work/main/components/widgets/commingling/model";
import { defaultValues } from "/work/main/src/lib/urlState";
const v = defaultValues(model.params);
const times:number[]=[];
for (let i=0;i<60;i++){ const t = performance.now(); model.compute({...v, crash: (i%19)*0.05}); times.push(performance.now()-t); }
times.sort((a,b)=>a-b); console.log("median", times[30].toFixed(2), "p90", times[54].toFixed(2));
