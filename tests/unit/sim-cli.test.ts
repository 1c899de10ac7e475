/**
 * The `sim` command (scripts/sim.ts), run as readers run it: a child process
 * through tsx. Every scenario in both formats: the output parses, has the
 * expected columns, and its money columns are exact decimal text.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SCENARIOS } from "@sim";

const root = fileURLToPath(new URL("../../", import.meta.url));

function sim(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/sim.ts", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** RFC 4180 parser, enough for the CLI's output (quoted fields may hold commas and quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else field += c;
  }
  if (field !== "" || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

const CUSTODY = ["step", "time", "event", "detail", "custodyUsd", "liabilitiesUsd", "reportedEquityUsd", "trueEquityUsd", "shortfallUsd", "queuedUsd", "halted"];
const EXPECTED: Record<string, { columns: string[]; money: string[] }> = {
  "ftx-like-desk": { columns: [...CUSTODY, "price.USD", "price.HOUSE", "custody.USD", "custody.HOUSE"], money: ["custodyUsd", "trueEquityUsd", "shortfallUsd"] },
  "ftx-like-desk-withdrawal-run": {
    columns: ["period", "signal", "confidence", "withdrawnShare", "withdrawersThisPeriod", "requestedUsd", "paidUsd", "liquidReservesUsd", "illiquidAssetsUsd", "fireSaleLossUsd", "depositsOutstandingUsd", "queuedUsd", "halted"],
    money: ["paidUsd", "liquidReservesUsd", "queuedUsd"],
  },
  "mt-gox-like-custody-loss": { columns: [...CUSTODY, "price.BTC", "custody.BTC"], money: ["custodyUsd", "shortfallUsd", "custody.BTC"] },
  "black-thursday-like": {
    columns: ["tick", "markPrice", "newlyQueued", "liquidated", "queueLength", "insuranceFundUsd", "badDebtUsd", "adlChargedUsd", "socializedLossUsd", "adlEvents"],
    money: ["markPrice", "insuranceFundUsd", "badDebtUsd"],
  },
  "record-liquidation-day": {
    columns: ["round", "priceUsd", "liquidatedCount", "liquidatedQuantity", "notionalSoldUsd", "insuranceFundUsd", "badDebtUsd", "adlEvents", "adlChargedUsd", "socializedLossUsd"],
    money: ["priceUsd", "notionalSoldUsd", "adlChargedUsd"],
  },
};
const EXACT = /^-?\d+(\.\d+)?$/;

describe("npm run sim", () => {
  it("--list names every scenario, one line each", () => {
    const { code, stdout } = sim("--list");
    expect(code).toBe(0);
    const ids = stdout.trim().split("\n").map((line) => line.split(/\s+/)[0]);
    expect(ids.sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const scenario of SCENARIOS) expect(ids).toContain(scenario.id);
  });

  for (const [id, expected] of Object.entries(EXPECTED)) {
    it(`${id}: CSV with the expected columns and exact money`, () => {
      const { code, stdout, stderr } = sim(id, "--format", "csv");
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const [header, ...rows] = parseCsv(stdout);
      expect(header).toEqual(expect.arrayContaining(expected.columns));
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) expect(row).toHaveLength(header!.length);
      for (const column of expected.money) {
        const at = header!.indexOf(column);
        for (const row of rows) expect(row[at]).toMatch(EXACT);
      }
    });

    it(`${id}: JSON with the same rows, written to --out`, () => {
      const dir = mkdtempSync(join(tmpdir(), "sim-cli-"));
      try {
        const out = join(dir, "timeline.json");
        const { code, stderr } = sim(id, "--format", "json", "--out", out);
        expect(code).toBe(0);
        expect(stderr).toContain("wrote");
        const json = JSON.parse(readFileSync(out, "utf8")) as { scenario: string; columns: string[]; rows: Record<string, unknown>[] };
        expect(json.scenario).toBe(id);
        expect(json.columns).toEqual(expect.arrayContaining(expected.columns));
        expect(json.rows.length).toBeGreaterThan(1);
        for (const row of json.rows) {
          expect(Object.keys(row).sort()).toEqual([...json.columns].sort());
          for (const column of expected.money) expect(row[column]).toMatch(EXACT);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it("refuses an unknown scenario with exit code 2 and the list", () => {
    const { code, stderr, stdout } = sim("no-such-scenario");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('no scenario "no-such-scenario"');
    expect(stderr).toContain("ftx-like-desk");
  });

  it("refuses an unknown format or option with exit code 2", () => {
    expect(sim("ftx-like-desk", "--format", "xml")).toMatchObject({ code: 2, stdout: "" });
    expect(sim("ftx-like-desk", "--format", "xml").stderr).toContain('Unknown format "xml"');
    expect(sim("ftx-like-desk", "--colour").code).toBe(2);
    expect(sim().code).toBe(2);
  });
});
