import { describe, expect, it } from "vitest";
import model from "./model";
import { defaultValues } from "../../../src/lib/urlState";
import { buildLiabilityTree } from "../../../src/sim/index";

const defaults = defaultValues(model.params);
const run = (changes: Partial<typeof defaults> = {}) => model.compute({ ...defaults, ...changes });
const verdicts = (result: ReturnType<typeof run>) => result.checks.map((check) => check.verdict);

describe("reserves widget", () => {
  it("an honest tree publishes the $26,000 owed, its root is the engine's, and $23,000 of reserves covers 88.46% of it", () => {
    const result = run({ trick: "none" });
    const honest = buildLiabilityTree([
      ["Alice", "4200"], ["Bob", "1350"], ["Carol", "7800"], ["Dana", "2600"],
      ["Erin", "950"], ["Frank", "5400"], ["Grace", "3100"], ["Heidi", "600"],
    ].map(([id, balance]) => ({ id: id!, balance: balance! })));
    const root = model.table(result).rows[0]!;
    expect(root).toMatchObject({ node: "root", sum: "26000", hash: honest.rootHash });
    expect(verdicts(result)).toEqual(["pass", "pass", "pass", "pass", "fail", "fail", "fail"]);
    expect(model.summary(result)).toBe(
      "The honest tree publishes the $26,000 customers are owed; every check Carol can run passes, and the $23,000 in the wallets covers only 88.46% of the published total.",
    );
  });

  it("by default a −$3,000 dummy beside Carol: total $23,000, Carol's path has a negative sum, the reserves check passes", () => {
    const result = run();
    expect(result.exact.publishedTotal).toBe("23000");
    expect(verdicts(result)).toEqual(["pass", "pass", "fail", "pass", "pass", "pass", "fail"]);
    // Carol (7,800) and the dummy (−3,000) are a pair: their parent sums to 4,800, Carol's sibling is the dummy.
    const rows = model.table(result).rows;
    expect(rows.find((r) => r.sum === "-3000")).toMatchObject({ level: 0, role: "given to you" });
    expect(rows.find((r) => r.node === "Carol")).toMatchObject({ sum: "7800", role: "your leaf" });
    expect(rows.find((r) => r.sum === "4800")).toMatchObject({ level: 1, role: "you recompute" });
    expect(model.summary(result)).toBe(
      "A dummy account of −$3,000 beside Carol cuts the published total to $23,000; Carol's check catches it, as a sum on Carol's path is negative, and the $23,000 in the wallets covers that total, though customers are really owed $26,000.",
    );
  });

  it("Alice, whose path never meets the dummy, passes every check she can run", () => {
    const result = run({ you: "Alice" });
    expect(verdicts(result).slice(0, 4)).toEqual(["pass", "pass", "pass", "pass"]);
    expect(model.summary(result)).toContain("every check Alice can run passes");
  });

  it("leaving Grace ($3,100) out: total $22,900; only Grace, asking for a proof, can tell", () => {
    expect(run({ trick: "omit", target: "Grace", you: "Alice" }).exact.publishedTotal).toBe("22900");
    const grace = run({ trick: "omit", target: "Grace", you: "Grace" });
    expect(verdicts(grace).slice(0, 4)).toEqual(["fail", "none", "none", "none"]);
    expect(model.summary(grace)).toContain("Grace catches it by asking for a proof and getting none");
  });

  it("lowering Carol from $7,800 to $4,800 gives a valid proof of the wrong number", () => {
    const result = run({ trick: "alter" });
    expect(result.exact.alteredBalance).toBe("4800");
    expect(verdicts(result).slice(0, 4)).toEqual(["pass", "pass", "pass", "fail"]);
    expect(model.summary(result)).toContain("the proof shows $4,800, not $7,800");
  });

  it("$3,000 borrowed for the day passes the snapshot; an unannounced one finds 88.46%", () => {
    const result = run({ trick: "borrow" });
    expect(result.exact.reservesAtSnapshot).toBe("26000");
    expect(verdicts(result).slice(4)).toEqual(["pass", "fail", "fail"]);
    expect(model.summary(result)).toContain("the snapshot passes, but a later unannounced one finds only 88.46% of the total");
  });
});
