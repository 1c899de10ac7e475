import { describe, expect, it } from "vitest";
import { parseHTML } from "linkedom";
import { defaultValues } from "../../../src/lib/urlState";
import { buildVenueNetwork, simulateContagion } from "../../../src/sim/index";
import * as Plot from "../_kit/plot";
import model from "./model";

const defaults = defaultValues(model.params);
const engine = (params = {}) => {
  const { network, options } = buildVenueNetwork(params);
  return simulateContagion(network, options);
};

describe("contagion model", () => {
  const result = model.compute(defaults);
  const rows = model.table(result).rows;
  const truth = engine();

  it("defaults are the engine's: a $3B hole, 35% at the venue, 90% recovery, impact 0.4, every round shown", () => {
    expect(defaults).toMatchObject({ holeBillions: 3, exposure: 0.35, recovery: 0.9, fireSaleImpact: 0.4 });
    expect(result.shownRounds).toBe(6);
  });

  it("the six-round cascade: Exchange, then Cobalt and Fjord, Elm, Dune, Aster, Harbor", () => {
    expect(result.rounds.map((r) => r.names)).toEqual(truth.rounds.map((r) => r.newDefaultNames));
    expect(model.summary(result)).toBe(
      "The exchange's $3B hole brings down 6 of 10 institutions over 6 rounds (Exchange, then Cobalt and Fjord, then Elm, then Dune, then Aster, then Harbor); fire sales cut the shared asset by 28% and $4.06B of debts go unpaid.",
    );
  });

  it("the table carries the engine's exact payments and capital, row by row", () => {
    expect(rows).toHaveLength(12);
    truth.institutions.forEach((outcome, i) => {
      expect(rows[i]).toMatchObject({
        name: outcome.name,
        round: outcome.defaultRound ?? "—",
        owed: outcome.owedUsd.toFixed(2),
        paid: outcome.paidUsd.toFixed(2),
        capitalBefore: outcome.equityBeforeUsd.toFixed(2),
        capitalAfter: outcome.equityAfterUsd.toFixed(2),
      });
    });
    // Worked example: Cobalt owes $260M (Harbor) and pays $186.52M; Birch survives with $23.29M of its $230M.
    expect(rows.find((r) => r.name === "Cobalt Trading")).toMatchObject({ round: 2, owed: "260000000.00", paid: "186519981.53" });
    expect(rows.find((r) => r.name === "Birch Liquidity")).toMatchObject({ round: "—", capitalBefore: "230000000.00", capitalAfter: "23290919.55" });
    expect(result.totalUnpaid).toBe(truth.totalUnpaidUsd.toFixed(2));
  });

  it("on the edge: less exposure or less fire-sale impact stops the cascade at Cobalt and Fjord", () => {
    const lessExposure = model.compute({ ...defaults, exposure: 0.3 });
    expect(lessExposure.rounds.map((r) => r.names.length)).toEqual([1, 1, 1]); // Exchange, Cobalt, Fjord
    const lessImpact = model.compute({ ...defaults, fireSaleImpact: 0.3 });
    expect(lessImpact.rounds.map((r) => r.names)).toEqual([["Exchange"], ["Cobalt Trading", "Fjord Digital"]]);
    expect(model.summary(lessImpact)).toContain("brings down 2 of 10 institutions over 2 rounds");
  });

  it("the round selector steps through the cascade", () => {
    const first = model.compute({ ...defaults, round: 1 });
    expect(model.summary(first)).toBe(
      "Round 1 of 6: the exchange defaults, paying $1.86B of the $5.41B it owes, and its fire sale pushes the shared asset down 15%.",
    );
    expect(model.summary(model.compute({ ...defaults, round: 2 }))).toBe(
      "Round 2 of 6: Cobalt and Fjord fall, 2 of 10 institutions are down so far, and the shared asset is down 18%.",
    );
  });

  it("with little at the venue the hole stops with the exchange", () => {
    expect(model.summary(model.compute({ ...defaults, exposure: 0.1 }))).toBe(
      "The exchange's $3B hole stops with the exchange: all 10 institutions absorb their losses (the hardest hit, Cobalt, loses $51.46M of its $90M), and $3.2B of debts go unpaid.",
    );
  });

  it("draws every debt as an arrow, red exactly when its debtor has defaulted", () => {
    const { document } = parseHTML("<!doctype html><html><body></body></html>");
    const figure = model.figure(Plot, result, { width: 640, document: document as unknown as Document });
    const arrows = [...figure.querySelectorAll('g[aria-label="arrow"]')];
    const count = (red: boolean) =>
      arrows.filter((g) => (g.getAttribute("stroke") ?? "").includes("--bad") === red).reduce((n, g) => n + g.querySelectorAll("path").length, 0);
    const unpaid = result.edges.filter((e) => result.nodes[e.from]!.defaultRound !== null).length;
    expect(unpaid).toBe(21); // the exchange 11, Aster 2, Cobalt 1, Dune 3, Elm 2, Fjord 1, Harbor 1
    expect(count(true)).toBe(unpaid);
    expect(count(false)).toBe(result.edges.length - unpaid);
    expect(figure.outerHTML).toContain("round 6");
    expect(figure.outerHTML).not.toMatch(/NaN/);
  });
});
