import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sha256 } from "@noble/hashes/sha2.js";
import {
  alterBalance,
  borrowedReserves,
  buildLiabilityTree,
  buildTreeAllowingNegatives,
  checkCustomer,
  hideNegativeBalance,
  leafHash,
  nodeHash,
  omitCustomer,
  proofOfReserves,
  verifyInclusion,
  verifyInclusionDetailed,
  verifyInclusionWeak,
  type InclusionProof,
} from "./reserves";
import { Decimal } from "./money";
import { Random } from "./random";

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

function customers(count: number, seed = "customers"): { id: string; balance: string }[] {
  const rng = new Random(seed);
  return Array.from({ length: count }, (_, i) => ({ id: `u${i}`, balance: `${rng.int(0, 1_000_000)}.${String(rng.int(0, 99)).padStart(2, "0")}` }));
}

describe("reserves: the Merkle sum tree", () => {
  it("three customers with $100, $50.50 and $0 give a $150.50 total and each proof verifies", () => {
    const tree = buildLiabilityTree([
      { id: "alice", balance: "100" },
      { id: "bob", balance: "50.50" },
      { id: "carol", balance: new Decimal(0) },
    ]);
    expect(tree.total.toString()).toBe("150.5");
    expect(tree.depth).toBe(2);
    for (const id of ["alice", "bob", "carol"]) expect(verifyInclusion(tree.prove(id), tree.rootHash, tree.total)).toBe(true);
    expect(verifyInclusion(tree.prove("alice"), tree.rootHash, "150.50")).toBe(true);
    expect(tree.prove("bob").balance).toBe("50.5");
  });

  it("the root is the hash a customer can recompute by hand from two leaves", () => {
    const tree = buildLiabilityTree([{ id: "a", balance: "1" }, { id: "b", balance: "2" }], { seed: "s" });
    const pa = tree.prove("a");
    const pb = tree.prove("b");
    const salt = (p: InclusionProof) => Uint8Array.from(p.salt.match(/../g)!.map((h) => parseInt(h, 16)));
    const root = nodeHash(3n, leafHash("a", 1n, salt(pa)), leafHash("b", 2n, salt(pb)));
    expect(hex(root)).toBe(tree.rootHash);
  });

  it("leaf and node hashes equal plain SHA-256 over the documented byte layout", () => {
    const salt = new Uint8Array(16).fill(7);
    const leafInput = new Uint8Array([0x00, ...new Uint8Array(15), 42, ...salt, ...new TextEncoder().encode("zoë")]);
    expect(hex(leafHash("zoë", 42n, salt))).toBe(hex(sha256(leafInput)));
    const negative = new Uint8Array(16).fill(255); // −1 in two's complement
    const left = new Uint8Array(32).fill(1);
    const right = new Uint8Array(32).fill(2);
    expect(hex(nodeHash(-1n, left, right))).toBe(hex(sha256(new Uint8Array([0x01, ...negative, ...left, ...right]))));
  });

  it("the reusable hasher gives plain SHA-256 (FIPS 180-4 test vector \"abc\")", () => {
    const tree = buildLiabilityTree([{ id: "abc", balance: "0" }]);
    expect(tree.rootHash).toBe(hex(leafHash("abc", 0n, Uint8Array.from(tree.prove("abc").salt.match(/../g)!.map((h) => parseInt(h, 16))))));
    expect(hex(sha256(new TextEncoder().encode("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("the fast builder's root matches a slow reference built with plain sha256 (number and BigInt paths)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 22n }), fc.integer({ min: 0, max: 8 })), { minLength: 1, maxLength: 40 }),
        (rows) => {
          const accounts = rows.map(([units, scale], i) => ({ id: `c${i}`, balance: new Decimal(units.toString()).div(new Decimal(10).pow(scale)).toFixed() }));
          const tree = buildLiabilityTree(accounts);
          // Reference: recompute every leaf from its proof, then fold levels with plain functions.
          let level = accounts.map((a) => {
            const proof = tree.prove(a.id);
            const scaled = BigInt(new Decimal(a.balance).times(new Decimal(10).pow(tree.decimals)).toFixed(0));
            return { sum: scaled, hash: leafHash(a.id, scaled, Uint8Array.from(proof.salt.match(/../g)!.map((h) => parseInt(h, 16)))) };
          });
          const pad = { sum: 0n, hash: sha256(Uint8Array.of(2)) };
          while (level.length > 1) {
            const next = [];
            for (let i = 0; i < level.length; i += 2) {
              const l = level[i]!;
              const r = level[i + 1] ?? pad;
              next.push({ sum: l.sum + r.sum, hash: nodeHash(l.sum + r.sum, l.hash, r.hash) });
            }
            level = next;
          }
          expect(hex(level[0]!.hash)).toBe(tree.rootHash);
          const exactTotal = level[0]!.sum; // BigInt, never rounded
          expect(BigInt(tree.total.times(new Decimal(10).pow(tree.decimals)).toFixed(0))).toBe(exactTotal);
          for (const a of accounts) expect(verifyInclusion(tree.prove(a.id), tree.rootHash, tree.total)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("an honest proof verifies for every customer of a 10,000-account tree", () => {
    const accounts = customers(10_000);
    const tree = buildLiabilityTree(accounts);
    expect(tree.depth).toBe(14);
    let verified = 0;
    for (const a of accounts) if (verifyInclusion(tree.prove(a.id), tree.rootHash, tree.total)) verified++;
    expect(verified).toBe(10_000);
  });

  it("a proof reveals nothing but sums about others: salts differ per leaf and with the seed", () => {
    const accounts = [{ id: "a", balance: "1" }, { id: "b", balance: "1" }];
    const one = buildLiabilityTree(accounts, { seed: "x" });
    const two = buildLiabilityTree(accounts, { seed: "y" });
    expect(one.prove("a").salt).not.toBe(one.prove("b").salt);
    expect(one.rootHash).not.toBe(two.rootHash);
    expect(one.total.eq(two.total)).toBe(true);
  });

  it("any tampering with a proof is detected", () => {
    const tree = buildLiabilityTree(customers(37));
    const proof = tree.prove("u5");
    const flip = (h: string) => (h[0] === "0" ? "1" : "0") + h.slice(1);
    const tampered: [string, InclusionProof][] = [
      ["balance raised", { ...proof, balance: new Decimal(proof.balance).plus(1).toFixed() }],
      ["id swapped", { ...proof, id: "u6" }],
      ["salt changed", { ...proof, salt: flip(proof.salt) }],
      ["sibling sum lowered", { ...proof, path: proof.path.map((s, i) => (i === 2 ? { ...s, sum: new Decimal(s.sum).minus(1).toFixed() } : s)) }],
      ["sibling hash changed", { ...proof, path: proof.path.map((s, i) => (i === 0 ? { ...s, hash: flip(s.hash) } : s)) }],
      ["side flipped", { ...proof, path: proof.path.map((s, i) => (i === 1 ? { ...s, side: s.side === "left" ? "right" : "left" } : s)) }],
      ["step dropped", { ...proof, path: proof.path.slice(1) }],
      ["leaf index changed", { ...proof, leafIndex: proof.leafIndex + 2 }],
      ["not an object", null as unknown as InclusionProof],
      ["garbage sum", { ...proof, path: proof.path.map((s) => ({ ...s, sum: "NaN" })) }],
    ];
    for (const [name, bad] of tampered) expect([name, verifyInclusion(bad, tree.rootHash, tree.total)]).toEqual([name, false]);
    expect(verifyInclusion(proof, tree.rootHash, tree.total.minus("0.01"))).toBe(false);
    expect(verifyInclusion(proof, flip(tree.rootHash), tree.total)).toBe(false);
  });

  it("refuses bad input with a sentence", () => {
    expect(() => buildLiabilityTree([{ id: "a", balance: "-5" }])).toThrow(/balance of account "a" is negative \(-5\)/);
    expect(() => buildLiabilityTree([{ id: "a", balance: "ten" }])).toThrow(/balance of account "a" must be a number/);
    expect(() => buildLiabilityTree([{ id: "a", balance: Number.NaN as unknown as string }])).toThrow(/finite/);
    expect(() => buildLiabilityTree([{ id: "a", balance: "1" }, { id: "a", balance: "2" }])).toThrow(/appears twice/);
    expect(() => buildLiabilityTree([{ id: "", balance: "1" }])).toThrow(/needs an id/);
    expect(() => buildLiabilityTree([{ id: "a", balance: "1e-19" }])).toThrow(/at most 18/);
    expect(() => buildLiabilityTree([{ id: "a", balance: "1e30" }, { id: "b", balance: "0.00000001" }])).toThrow(/more than 34 significant digits/);
    const tree = buildLiabilityTree([{ id: "a", balance: "1" }]);
    expect(() => tree.prove("zed")).toThrow(/no account "zed"/);
    expect(() => verifyInclusion(tree.prove("a"), "xyz", "1")).toThrow(/rootHash must be 64 hexadecimal characters/);
    expect(() => verifyInclusion(tree.prove("a"), tree.rootHash, "one")).toThrow(/total must be a number/);
  });

  it("an empty tree has total 0 and a one-account tree's root is its leaf", () => {
    expect(buildLiabilityTree([]).total.toString()).toBe("0");
    const single = buildLiabilityTree([{ id: "solo", balance: "7" }]);
    expect(single.prove("solo").path).toHaveLength(0);
    expect(verifyInclusion(single.prove("solo"), single.rootHash, "7")).toBe(true);
  });
});

describe("reserves: the tricks and the checks that catch them", () => {
  const accounts = customers(1000, "book");
  const honest = buildLiabilityTree(accounts);

  it("a −$400,000 dummy beside u7 cuts the total by $400,000; a weak verifier accepts every proof, the strict one fails for u7", () => {
    const cheat = hideNegativeBalance(accounts, { victimId: "u7", dummyBalance: "-400000" });
    expect(honest.total.minus(cheat.tree.total).toString()).toBe("400000");
    expect(cheat.understatedBy.toString()).toBe("400000");
    for (const a of accounts) expect(verifyInclusionWeak(cheat.tree.prove(a.id), cheat.tree.rootHash, cheat.tree.total)).toBe(true);
    expect(verifyInclusionDetailed(cheat.tree.prove("u7"), cheat.tree.rootHash, cheat.tree.total).reason).toBe("negative-sum");
    expect(checkCustomer(cheat.tree, "u7", accounts[7]!.balance).finding).toBe("negative-sum");
  });

  it("a dummy larger than its neighbour makes a negative inner sum that more customers see", () => {
    const small = [{ id: "a", balance: "10" }, { id: "b", balance: "20" }, { id: "c", balance: "30" }, { id: "d", balance: "40" }];
    const cheat = hideNegativeBalance(small, { victimId: "a", dummyBalance: "-50" });
    const caught = small.filter((x) => !verifyInclusion(cheat.tree.prove(x.id), cheat.tree.rootHash, cheat.tree.total)).map((x) => x.id);
    expect(caught).toEqual(["a", "b", "c"]); // b and c sit beside the pair whose sum is −40
  });

  it("the honest builder refuses the negative dummy outright", () => {
    expect(() => buildLiabilityTree([...accounts, { id: "dummy", balance: "-1" }])).toThrow(RangeError);
    expect(buildTreeAllowingNegatives([{ id: "x", balance: "5" }, { id: "y", balance: "-5" }]).total.toString()).toBe("0");
  });

  it("omitting u42 understates liabilities by u42's balance; every other proof verifies; only u42 notices", () => {
    const cheat = omitCustomer(accounts, "u42");
    expect(honest.total.minus(cheat.tree.total).eq(accounts[42]!.balance)).toBe(true);
    expect(checkCustomer(cheat.tree, "u42", accounts[42]!.balance).finding).toBe("missing");
    expect(checkCustomer(cheat.tree, "u43", accounts[43]!.balance).ok).toBe(true);
  });

  it("lowering u9's balance to $1 yields a valid proof of the wrong number, caught by u9 comparing balances", () => {
    const cheat = alterBalance(accounts, "u9", "1");
    const proof = cheat.tree.prove("u9");
    expect(verifyInclusion(proof, cheat.tree.rootHash, cheat.tree.total)).toBe(true);
    expect(checkCustomer(cheat.tree, "u9", accounts[9]!.balance).finding).toBe("wrong-balance");
    // Editing the proof back to the true balance to reassure u9 breaks the hash.
    expect(verifyInclusion({ ...proof, balance: accounts[9]!.balance }, cheat.tree.rootHash, cheat.tree.total)).toBe(false);
  });

  it("$300 borrowed for the snapshot makes $700 of reserves pass against $1,000 owed; an unannounced snapshot and a solvency proof fail", () => {
    const trick = borrowedReserves({ ownReservesUsd: "700", customerLiabilitiesUsd: "1000", borrowedUsd: "300" });
    expect(trick.atSnapshot.passes).toBe(true);
    expect(trick.atSnapshot.reserveRatio!.toString()).toBe("1");
    expect(trick.unannounced.passes).toBe(false);
    expect(trick.unannounced.reserveRatio!.toString()).toBe("0.7");
    expect(trick.solvency.passes).toBe(false);
    expect(trick.hiddenLiabilityUsd.toString()).toBe("300");
    expect(proofOfReserves("1000", "1000").passes).toBe(true);
    expect(() => proofOfReserves("-1", "1")).toThrow(/reservesUsd must not be negative/);
  });
});

describe("reserves: the dummy-user attack on net-value trees", () => {
  it("a dummy short 4 BTC but long $250,000 of a thin token passes a net-value tree and hides 4 BTC; a per-asset tree refuses it", async () => {
    const { dummyUserAttack } = await import("./reserves");
    const attack = dummyUserAttack({
      customers: [
        { id: "alice", balances: { BTC: "10" } },
        { id: "bob", balances: { BTC: "2", TINY: "100" } },
      ],
      prices: { BTC: "50000", TINY: "1" },
      dummy: { id: "dummy", balances: { BTC: "-4", TINY: "250000" } },
    });
    expect(attack.netValueTree.total.toString()).toBe("650100"); // 500,000 + 100,100 + 50,000
    for (const id of ["alice", "bob", "dummy"]) {
      expect(verifyInclusion(attack.netValueTree.prove(id), attack.netValueTree.rootHash, attack.netValueTree.total)).toBe(true);
    }
    expect(attack.btcUnderstatedBy.toString()).toBe("4");
    expect(attack.perAssetTreeRefused).toBe(true);
    expect(attack.refusal).toMatch(/"dummy" is negative \(-4\)/);
  });
});
