/**
 * reserves — proof of reserves and of liabilities, and the tricks that fool weak proofs.
 *
 * Models: a Merkle sum tree over customer balances. Each leaf commits to a
 * customer id, a secret salt and the balance; each inner node carries the sum
 * of its two children and a hash over that sum and both child hashes. The
 * root's hash and sum are published; the sum is the exchange's total
 * liability. A customer receives an inclusion proof — their leaf and, going
 * up, each sibling's hash and sum — and recomputes the root. Because every
 * hash covers its node's sum, a sibling's sum cannot be changed without
 * changing the root. The verifier also requires every sum on the path to be
 * non-negative: without that check an exchange can add a dummy account with
 * a negative balance and shrink the total (Buterin 2022).
 *
 * What the tree cannot show, and the module demonstrates: a customer left out
 * is caught only by that customer asking for a proof; a balance lowered in
 * the tree is caught only by its owner comparing it with their account; and
 * reserves borrowed for the snapshot (assets with a matching hidden
 * liability) pass any proof of reserves at that instant — only a proof that
 * covers all liabilities, or a second unannounced snapshot, catches them.
 *
 * Encoding: amounts are fixed-point integers (balance × 10^decimals) written
 * as 16-byte big-endian two's complement, so a negative sum in a cheating
 * tree is representable and visible. Leaf = SHA-256(0x00 ‖ sum ‖ salt ‖ UTF-8 id);
 * node = SHA-256(0x01 ‖ sum ‖ left hash ‖ right hash); an odd node at the end
 * of a level is paired with a padding node (hash SHA-256(0x02), sum 0).
 *
 * Simplifications: one asset per tree (a multi-asset exchange builds one per
 * asset, which also blocks Binance's "dummy user" attack of netting one
 * asset's debt against another's equity); salts come from the seeded
 * generator so runs are reproducible — a real exchange must draw them from a
 * cryptographic source and keep them secret; leaves are in input order.
 *
 * Sources: V. Buterin, "Having a safe CEX: proof of solvency and beyond"
 * (19 November 2022); Binance, `zkmerkle-proof-of-solvency` (dummy-user attack
 * and its mitigation); K. Chalkias, P. Chatzigiannis, Y. Ji, "Broken Proofs of
 * Solvency in Blockchain Custodial Wallets and Exchanges" (IACR ePrint 2022/043).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { DECIMAL_DIGITS, Decimal, ZERO, toDecimal, type DecimalInput } from "./money";
import { Random, utf8Encode } from "./random";

/**
 * Defaults for {@link buildLiabilityTree}.
 *
 * @example
 * RESERVES_DEFAULTS.maxDecimals //=> 18
 */
export const RESERVES_DEFAULTS = {
  /** Seed of the salt stream (a real exchange uses secret random salts). */
  seed: "reserves",
  /** Most decimal places a balance may have. */
  maxDecimals: 18,
  /** Most accounts in one tree. */
  maxAccounts: 10_000_000,
} as const;

/** One customer's balance, as given to {@link buildLiabilityTree}. */
export interface LiabilityAccount {
  id: string;
  balance: string | Decimal;
}

/** One step of an inclusion proof: the sibling's hash and sum, and on which side it sits. */
export interface ProofStep {
  readonly side: "left" | "right";
  readonly hash: string;
  readonly sum: string;
}

/** What a customer receives to check that their balance is counted in the published total. */
export interface InclusionProof {
  readonly id: string;
  readonly balance: string;
  /** The leaf's salt, hex. */
  readonly salt: string;
  readonly leafIndex: number;
  /** Fixed-point scale of every sum in the tree. */
  readonly decimals: number;
  /** Siblings from the leaf up to the root. */
  readonly path: readonly ProofStep[];
}

/** A built tree: publish `rootHash` and `total`; hand each customer `prove(id)`. */
export interface LiabilityTree {
  readonly rootHash: string;
  readonly total: Decimal;
  readonly size: number;
  readonly depth: number;
  readonly decimals: number;
  has(id: string): boolean;
  prove(id: string): InclusionProof;
}

/** Why a proof was accepted or refused. */
export type VerificationReason =
  | "ok"
  | "malformed"
  | "negative-sum"
  | "root-mismatch"
  | "total-mismatch";

const HASH_BYTES = 32;
const SALT_BYTES = 16;
const SUM_BYTES = 16;
const TWO_POW_127 = 1n << 127n;
const TWO_POW_128 = 1n << 128n;
const SAFE_SUM = 2 ** 52;
const PAD_HASH = sha256(Uint8Array.of(0x02));
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = "";
  for (let i = start; i < end; i++) out += HEX[bytes[i]!];
  return out;
}

function fromHex(hex: string, length: number): Uint8Array | null {
  if (typeof hex !== "string" || hex.length !== length * 2 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Writes a fixed-point sum as 16-byte big-endian two's complement. */
function writeSum(buf: Uint8Array, offset: number, value: number | bigint): void {
  if (typeof value === "number" && value >= 0) {
    // Fast path: a safe non-negative integer fits in the low 8 bytes.
    buf.fill(0, offset, offset + 8);
    const high = Math.floor(value / 4294967296);
    const low = value >>> 0;
    buf[offset + 8] = high >>> 24;
    buf[offset + 9] = (high >>> 16) & 255;
    buf[offset + 10] = (high >>> 8) & 255;
    buf[offset + 11] = high & 255;
    buf[offset + 12] = low >>> 24;
    buf[offset + 13] = (low >>> 16) & 255;
    buf[offset + 14] = (low >>> 8) & 255;
    buf[offset + 15] = low & 255;
    return;
  }
  let v = BigInt(value);
  if (v < 0n) v += TWO_POW_128;
  for (let i = SUM_BYTES - 1; i >= 0; i--) {
    buf[offset + i] = Number(v & 255n);
    v >>= 8n;
  }
}

/**
 * SHA-256 with one reusable hasher: noble's `create()` allocates buffers per
 * call, which dominates for a million tiny messages, so we copy a fresh
 * initial state into one instance instead (checked against plain `sha256` in tests).
 */
class ReusableSha256 {
  private readonly fresh = sha256.create();
  private readonly hasher = sha256.create();
  private readonly digest = new Uint8Array(HASH_BYTES);
  hashInto(input: Uint8Array, out: Uint8Array, offset: number): void {
    this.fresh._cloneInto(this.hasher);
    this.hasher.update(input);
    this.hasher.digestInto(this.digest);
    out.set(this.digest, offset);
  }
}

const sharedHasher = new ReusableSha256();

function digest(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(HASH_BYTES);
  sharedHasher.hashInto(input, out, 0);
  return out;
}

/**
 * Leaf hash = SHA-256(0x00 ‖ sum ‖ salt ‖ UTF-8 id), the sum a fixed-point integer.
 *
 * @example
 * leafHash("alice", 10000n, new Uint8Array(16)).length //=> 32
 */
export function leafHash(id: string, scaledBalance: bigint | number, salt: Uint8Array): Uint8Array {
  const idBytes = utf8Encode(id);
  const input = new Uint8Array(1 + SUM_BYTES + SALT_BYTES + idBytes.length);
  input[0] = 0x00;
  writeSum(input, 1, scaledBalance);
  input.set(salt, 1 + SUM_BYTES);
  input.set(idBytes, 1 + SUM_BYTES + SALT_BYTES);
  return digest(input);
}

/**
 * Node hash = SHA-256(0x01 ‖ sum ‖ left hash ‖ right hash).
 *
 * @example
 * nodeHash(3n, new Uint8Array(32), new Uint8Array(32)).length //=> 32
 */
export function nodeHash(scaledSum: bigint | number, left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + SUM_BYTES + 2 * HASH_BYTES);
  input[0] = 0x01;
  writeSum(input, 1, scaledSum);
  input.set(left, 1 + SUM_BYTES);
  input.set(right, 1 + SUM_BYTES + HASH_BYTES);
  return digest(input);
}

/** Parses a non-exponent decimal string into integer and fraction digits. */
const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

const PLAIN_NON_NEGATIVE = /^\d+(\.\d+)?$/;

/** Any accepted balance as a plain decimal string (no exponent), refusing negatives unless allowed. */
function normaliseBalance(account: LiabilityAccount, allowNegative: boolean): string {
  const name = `balance of account "${account.id}"`;
  const value = toDecimal(account.balance as DecimalInput, name);
  if (value.isNegative() && !value.isZero()) {
    if (!allowNegative) throw new RangeError(`${name} is negative (${value.toFixed()}); a proof of liabilities cannot contain negative balances.`);
    return value.toFixed();
  }
  return value.abs().toFixed();
}

function formatScaled(value: bigint | number, decimals: number): string {
  const v = BigInt(value);
  const negative = v < 0n;
  const digits = (negative ? -v : v).toString().padStart(decimals + 1, "0");
  const integer = digits.slice(0, digits.length - decimals);
  const fraction = decimals > 0 ? digits.slice(digits.length - decimals).replace(/0+$/, "") : "";
  return (negative ? "-" : "") + integer + (fraction ? "." + fraction : "");
}

/** Parses a decimal amount into a fixed-point integer at `decimals`, or null if it needs more decimals. */
function scaleDecimal(value: Decimal, decimals: number): bigint | null {
  if (value.decimalPlaces() > decimals) return null;
  return BigInt(value.times(new Decimal(10).pow(decimals)).toFixed(0));
}

interface BuildOptions {
  seed?: string;
  /** Fixed-point scale; default: the most decimals any balance has. */
  decimals?: number;
}

function build(accounts: readonly LiabilityAccount[], options: BuildOptions, allowNegative: boolean): LiabilityTree {
  if (!Array.isArray(accounts)) throw new RangeError("accounts must be an array of { id, balance }.");
  if (accounts.length > RESERVES_DEFAULTS.maxAccounts) {
    throw new RangeError(`A tree holds at most ${RESERVES_DEFAULTS.maxAccounts} accounts, got ${accounts.length}.`);
  }
  const seed = options?.seed ?? RESERVES_DEFAULTS.seed;
  if (typeof seed !== "string") throw new RangeError(`seed must be a string, got ${typeof seed}.`);
  const count = accounts.length;

  // Pass 1: validate, normalise each balance to a plain decimal string, find the scale.
  const texts: string[] = new Array(count);
  const indexById = new Map<string, number>();
  let decimals = 0;
  for (let i = 0; i < count; i++) {
    const account = accounts[i]!;
    if (account === null || typeof account !== "object") throw new RangeError(`accounts[${i}] must be an object with an id and a balance.`);
    if (typeof account.id !== "string" || account.id.length === 0 || account.id.length > 200) {
      throw new RangeError(`accounts[${i}] needs an id: a non-empty string of at most 200 characters.`);
    }
    if (indexById.has(account.id)) throw new RangeError(`Account "${account.id}" appears twice; each customer must have one leaf.`);
    indexById.set(account.id, i);
    const raw = account.balance as unknown;
    // Fast path for the common input, a plain non-negative decimal string.
    const text = typeof raw === "string" && PLAIN_NON_NEGATIVE.test(raw) ? raw : normaliseBalance(account, allowNegative);
    texts[i] = text;
    const dot = text.indexOf(".");
    if (dot >= 0) {
      let last = text.length - 1;
      while (last > dot && text.charCodeAt(last) === 48) last--;
      if (last - dot > decimals) decimals = last - dot;
    }
  }
  if (options?.decimals !== undefined) {
    if (!Number.isSafeInteger(options.decimals) || options.decimals < 0 || options.decimals > RESERVES_DEFAULTS.maxDecimals) {
      throw new RangeError(`decimals must be a whole number from 0 to ${RESERVES_DEFAULTS.maxDecimals}, got ${String(options.decimals)}.`);
    }
    if (options.decimals < decimals) throw new RangeError(`decimals is ${options.decimals} but a balance has ${decimals} decimal places.`);
    decimals = options.decimals;
  }
  if (decimals > RESERVES_DEFAULTS.maxDecimals) {
    throw new RangeError(`A balance has ${decimals} decimal places; at most ${RESERVES_DEFAULTS.maxDecimals} are supported.`);
  }

  // Pass 2: fixed-point values. Plain numbers when every partial sum is a safe
  // integer (the common case, and far faster); BigInt otherwise.
  let absoluteTotal = 0;
  let useNumbers = true;
  // A Float64Array holds integers below 2^53 exactly and without boxing each one.
  let scaled: Float64Array | bigint[] = new Float64Array(count);
  const scale = 10 ** decimals;
  for (let i = 0; i < count; i++) {
    const text = texts[i]!;
    // Fast path: up to 15 significant digits, value × 10^decimals < 2^50, so the
    // float product is within a hair of the exact integer and rounding recovers it.
    const dot = text.indexOf(".");
    const integerDigits = (dot < 0 ? text.length : dot) - (text.charCodeAt(0) === 45 ? 1 : 0);
    if (useNumbers && integerDigits + decimals <= 15) {
      const n = Math.round(Number(text) * scale);
      const magnitude = Math.abs(n);
      if (absoluteTotal + magnitude < SAFE_SUM) {
        (scaled as Float64Array)[i] = n;
        absoluteTotal += magnitude;
        continue;
      }
    }
    const negative = text.charCodeAt(0) === 45;
    const body = negative ? text.slice(1) : text;
    const bodyDot = body.indexOf(".");
    const integer = bodyDot < 0 ? body : body.slice(0, bodyDot);
    const fraction = bodyDot < 0 ? "" : body.slice(bodyDot + 1, bodyDot + 1 + decimals);
    const digits = integer + (fraction.length < decimals ? fraction + "0".repeat(decimals - fraction.length) : fraction);
    if (useNumbers && digits.length <= 15 && absoluteTotal + Number(digits) < SAFE_SUM) {
      const n = Number(digits);
      (scaled as Float64Array)[i] = negative ? -n : n;
      absoluteTotal += n;
    } else {
      if (useNumbers) {
        // Switch to BigInt: convert what was done so far.
        useNumbers = false;
        const big: bigint[] = new Array(count);
        for (let j = 0; j < i; j++) big[j] = BigInt((scaled as Float64Array)[j]!);
        scaled = big;
      }
      (scaled as bigint[])[i] = negative ? -BigInt(digits) : BigInt(digits);
    }
  }

  // Salts from the seeded stream, 16 bytes per leaf.
  const rng = new Random(`${seed}/salts`);
  const salts = new Uint8Array(count * SALT_BYTES);
  for (let i = 0; i < count * SALT_BYTES; i += 4) {
    const word = rng.nextUint32();
    salts[i] = word >>> 24;
    salts[i + 1] = (word >>> 16) & 255;
    salts[i + 2] = (word >>> 8) & 255;
    salts[i + 3] = word & 255;
  }

  const hasher = new ReusableSha256();
  const hashLevels: Uint8Array[] = [];
  const sumLevels: (Float64Array | bigint[])[] = [];

  // Leaves.
  const leafHashes = new Uint8Array(Math.max(1, count) * HASH_BYTES);
  // One scratch buffer for every leaf (ids are at most 200 UTF-16 units, so ≤ 600 UTF-8 bytes).
  const leafInput = new Uint8Array(1 + SUM_BYTES + SALT_BYTES + 600);
  const idStart = 1 + SUM_BYTES + SALT_BYTES;
  for (let i = 0; i < count; i++) {
    const id = accounts[i]!.id;
    let length = idStart;
    let ascii = true;
    for (let c = 0; c < id.length; c++) {
      const code = id.charCodeAt(c);
      if (code >= 0x80) {
        ascii = false;
        break;
      }
      leafInput[length++] = code;
    }
    if (!ascii) {
      const idBytes = utf8Encode(id);
      leafInput.set(idBytes, idStart);
      length = idStart + idBytes.length;
    }
    writeSum(leafInput, 1, scaled[i]!);
    for (let b = 0; b < SALT_BYTES; b++) leafInput[1 + SUM_BYTES + b] = salts[i * SALT_BYTES + b]!;
    hasher.hashInto(leafInput.subarray(0, length), leafHashes, i * HASH_BYTES);
  }
  if (count === 0) leafHashes.set(PAD_HASH, 0);
  hashLevels.push(leafHashes);
  sumLevels.push(count === 0 ? new Float64Array(1) : scaled);

  // Inner levels.
  const nodeInput = new Uint8Array(1 + SUM_BYTES + 2 * HASH_BYTES);
  nodeInput[0] = 0x01;
  while (sumLevels[sumLevels.length - 1]!.length > 1) {
    const childSums = sumLevels[sumLevels.length - 1]!;
    const childHashes = hashLevels[hashLevels.length - 1]!;
    const parents = Math.ceil(childSums.length / 2);
    const sums: Float64Array | bigint[] = useNumbers ? new Float64Array(parents) : new Array<bigint>(parents);
    const hashes = new Uint8Array(parents * HASH_BYTES);
    for (let p = 0; p < parents; p++) {
      const left = 2 * p;
      const right = left + 1;
      const hasRight = right < childSums.length;
      // Both operands are numbers or both BigInts: the arrays are of one kind per tree.
      const sum = hasRight ? (childSums[left] as number) + (childSums[right] as number) : childSums[left]!;
      (sums as Float64Array)[p] = sum as number;
      writeSum(nodeInput, 1, sum);
      const base = 1 + SUM_BYTES;
      for (let b = 0; b < HASH_BYTES; b++) nodeInput[base + b] = childHashes[left * HASH_BYTES + b]!;
      if (hasRight) for (let b = 0; b < HASH_BYTES; b++) nodeInput[base + HASH_BYTES + b] = childHashes[right * HASH_BYTES + b]!;
      else nodeInput.set(PAD_HASH, base + HASH_BYTES);
      hasher.hashInto(nodeInput, hashes, p * HASH_BYTES);
    }
    sumLevels.push(sums);
    hashLevels.push(hashes);
  }

  const rootSum = sumLevels[sumLevels.length - 1]![0]!;
  if (BigInt(rootSum) >= TWO_POW_127 || BigInt(rootSum) < -TWO_POW_127) throw new RangeError("The total is too large to encode in 128 bits.");
  const rootHash = toHex(hashLevels[hashLevels.length - 1]!, 0, HASH_BYTES);
  const total = new Decimal(formatScaled(rootSum, decimals));
  if (total.sd() > DECIMAL_DIGITS) {
    throw new RangeError(`The total liability ${total.toFixed()} needs more than ${DECIMAL_DIGITS} significant digits; the library refuses to round money.`);
  }
  const depth = hashLevels.length - 1;

  return Object.freeze({
    rootHash,
    total,
    size: count,
    depth,
    decimals,
    has: (id: string) => indexById.has(id),
    prove(id: string): InclusionProof {
      const index = indexById.get(id);
      if (index === undefined) throw new RangeError(`There is no account "${String(id)}" in this tree.`);
      const path: ProofStep[] = [];
      let position = index;
      for (let level = 0; level < depth; level++) {
        const sums = sumLevels[level]!;
        const hashes = hashLevels[level]!;
        const sibling = position ^ 1;
        const side = position & 1 ? "left" : "right";
        if (sibling < sums.length) {
          path.push(Object.freeze({ side, hash: toHex(hashes, sibling * HASH_BYTES, (sibling + 1) * HASH_BYTES), sum: formatScaled(sums[sibling]!, decimals) }));
        } else {
          path.push(Object.freeze({ side, hash: toHex(PAD_HASH), sum: "0" }));
        }
        position >>= 1;
      }
      return Object.freeze({
        id,
        balance: formatScaled(scaled[index]!, decimals),
        salt: toHex(salts, index * SALT_BYTES, (index + 1) * SALT_BYTES),
        leafIndex: index,
        decimals,
        path: Object.freeze(path),
      });
    },
  });
}

/**
 * Builds a Merkle sum tree over customer balances. Refuses negative balances,
 * duplicate ids and anything that is not a number, with a RangeError.
 *
 * @example
 * const tree = buildLiabilityTree([{ id: "alice", balance: "100" }, { id: "bob", balance: "50.5" }]);
 * tree.total.toString() //=> "150.5"
 * verifyInclusion(tree.prove("bob"), tree.rootHash, tree.total) //=> true
 */
export function buildLiabilityTree(accounts: readonly LiabilityAccount[], options: BuildOptions = {}): LiabilityTree {
  return build(accounts, options, false);
}

/**
 * What a cheating exchange can compute: the same tree, but negative balances
 * are let through. For demonstrations of the negative-balance trick only.
 *
 * @example
 * buildTreeAllowingNegatives([{ id: "a", balance: "100" }, { id: "dummy", balance: "-60" }]).total.toString() //=> "40"
 */
export function buildTreeAllowingNegatives(accounts: readonly LiabilityAccount[], options: BuildOptions = {}): LiabilityTree {
  return build(accounts, options, true);
}

/**
 * Checks a proof and says why it fails. `checkNonNegative: false` is the weak
 * verifier that a negative dummy account fools.
 *
 * @throws RangeError when `rootHash` is not 64 hex digits or `total` is not a number
 * @example
 * const tree = buildLiabilityTree([{ id: "a", balance: "1" }, { id: "b", balance: "2" }]);
 * verifyInclusionDetailed(tree.prove("a"), tree.rootHash, "4").reason //=> "total-mismatch"
 */
export function verifyInclusionDetailed(
  proof: InclusionProof,
  rootHash: string,
  total: string | Decimal,
  options: { checkNonNegative?: boolean } = {},
): { valid: boolean; reason: VerificationReason } {
  if (fromHex(rootHash, HASH_BYTES) === null) throw new RangeError(`rootHash must be 64 hexadecimal characters, got "${String(rootHash)}".`);
  const publishedTotal = toDecimal(total, "total");
  const strict = options.checkNonNegative ?? true;
  const fail = (reason: VerificationReason) => ({ valid: false, reason });
  try {
    if (proof === null || typeof proof !== "object" || typeof proof.id !== "string" || !Array.isArray(proof.path)) return fail("malformed");
    const decimals = proof.decimals;
    if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > RESERVES_DEFAULTS.maxDecimals) return fail("malformed");
    if (!Number.isSafeInteger(proof.leafIndex) || proof.leafIndex < 0 || proof.path.length > 64) return fail("malformed");
    const salt = fromHex(proof.salt, SALT_BYTES);
    if (salt === null) return fail("malformed");
    const parse = (text: unknown): bigint | null => {
      if (typeof text !== "string") return null;
      const match = PLAIN_DECIMAL.exec(text);
      if (!match) return null;
      const fraction = (match[3] ?? "").replace(/0+$/, "");
      if (fraction.length > decimals) return null;
      const value = BigInt(match[2]! + fraction.padEnd(decimals, "0"));
      return match[1] === "-" ? -value : value;
    };
    const balance = parse(proof.balance);
    if (balance === null) return fail("malformed");
    if (strict && balance < 0n) return fail("negative-sum");
    let hash = leafHash(proof.id, balance, salt);
    let sum = balance;
    let position = proof.leafIndex;
    for (const step of proof.path) {
      if (step === null || typeof step !== "object") return fail("malformed");
      const siblingHash = fromHex(step.hash, HASH_BYTES);
      const siblingSum = parse(step.sum);
      if (siblingHash === null || siblingSum === null) return fail("malformed");
      // The side must agree with the leaf's position, so a proof cannot be reshuffled.
      const expectedSide = position & 1 ? "left" : "right";
      if (step.side !== expectedSide) return fail("malformed");
      if (strict && siblingSum < 0n) return fail("negative-sum");
      sum += siblingSum;
      if (strict && sum < 0n) return fail("negative-sum");
      if (sum >= TWO_POW_127 || sum < -TWO_POW_127) return fail("malformed");
      hash = step.side === "left" ? nodeHash(sum, siblingHash, hash) : nodeHash(sum, hash, siblingHash);
      position >>= 1;
    }
    if (position !== 0) return fail("malformed");
    if (toHex(hash) !== rootHash.toLowerCase()) return fail("root-mismatch");
    const expectedTotal = scaleDecimal(publishedTotal, decimals);
    if (expectedTotal === null || expectedTotal !== sum) return fail("total-mismatch");
    return { valid: true, reason: "ok" };
  } catch {
    return fail("malformed");
  }
}

/**
 * The check a customer runs: true only if the proof recomputes to the
 * published root and total and every sum on the path is non-negative.
 *
 * @example
 * const tree = buildLiabilityTree([{ id: "alice", balance: "100" }]);
 * verifyInclusion(tree.prove("alice"), tree.rootHash, "100") //=> true
 * verifyInclusion({ ...tree.prove("alice"), balance: "1000" }, tree.rootHash, "100") //=> false
 */
export function verifyInclusion(proof: InclusionProof, rootHash: string, total: string | Decimal): boolean {
  return verifyInclusionDetailed(proof, rootHash, total).valid;
}

/**
 * A weak verifier that skips the non-negative checks — the one the negative
 * dummy account fools. For demonstrations.
 *
 * @example
 * const tree = buildTreeAllowingNegatives([{ id: "a", balance: "100" }, { id: "dummy", balance: "-60" }]);
 * verifyInclusionWeak(tree.prove("a"), tree.rootHash, tree.total) //=> true
 * verifyInclusion(tree.prove("a"), tree.rootHash, tree.total)     //=> false
 */
export function verifyInclusionWeak(proof: InclusionProof, rootHash: string, total: string | Decimal): boolean {
  return verifyInclusionDetailed(proof, rootHash, total, { checkNonNegative: false }).valid;
}

/** What a customer concludes after checking their proof against their own records. */
export interface CustomerCheck {
  readonly ok: boolean;
  readonly finding: "counted" | "missing" | "invalid-proof" | "negative-sum" | "wrong-balance";
  readonly message: string;
}

/**
 * The full customer check: get a proof, verify it strictly, and compare the
 * balance in it with the balance in one's own account.
 *
 * @example
 * const tree = buildLiabilityTree([{ id: "alice", balance: "100" }]);
 * checkCustomer(tree, "alice", "100").finding //=> "counted"
 * checkCustomer(tree, "bob", "5").finding     //=> "missing"
 */
export function checkCustomer(
  tree: Pick<LiabilityTree, "rootHash" | "total" | "has" | "prove">,
  id: string,
  expectedBalance: DecimalInput,
): CustomerCheck {
  const expected = toDecimal(expectedBalance, "expectedBalance");
  if (!tree.has(id)) return { ok: false, finding: "missing", message: `${id} is not in the tree: the exchange left this customer out.` };
  const proof = tree.prove(id);
  const { valid, reason } = verifyInclusionDetailed(proof, tree.rootHash, tree.total);
  if (!valid) {
    return reason === "negative-sum"
      ? { ok: false, finding: "negative-sum", message: `${id}'s proof passes a negative sum: a dummy account with a negative balance is hidden in the tree.` }
      : { ok: false, finding: "invalid-proof", message: `${id}'s proof does not recompute to the published root and total (${reason}).` };
  }
  if (!new Decimal(proof.balance).eq(expected)) {
    return { ok: false, finding: "wrong-balance", message: `${id} is counted with ${proof.balance}, not ${expected.toString()}: the balance was altered.` };
  }
  return { ok: true, finding: "counted", message: `${id} is counted with the right balance.` };
}

// ── the tricks ───────────────────────────────────────────────────────────────

/** A cheated tree and what the cheat saved the exchange. */
export interface CheatedTree {
  readonly tree: LiabilityTree;
  /** How much the published total understates what customers are owed. */
  readonly understatedBy: Decimal;
  /** Which check catches it, in words. */
  readonly caughtBy: string;
}

/**
 * Trick 1: add a dummy account with a negative balance right beside a victim
 * customer, so the total shrinks while the pair's parent sum stays positive.
 * A weak verifier accepts every proof; the strict one fails for the victim,
 * whose path shows the negative sibling.
 *
 * @example
 * const cheat = hideNegativeBalance([{ id: "a", balance: "100" }, { id: "b", balance: "50" }], { victimId: "a", dummyBalance: "-60" });
 * cheat.understatedBy.toString() //=> "60"
 */
export function hideNegativeBalance(
  accounts: readonly LiabilityAccount[],
  options: { victimId: string; dummyBalance: DecimalInput; dummyId?: string; seed?: string },
): CheatedTree {
  const dummy = toDecimal(options.dummyBalance, "dummyBalance");
  if (!dummy.isNegative() || dummy.isZero()) throw new RangeError(`dummyBalance must be negative, got ${dummy.toString()}.`);
  const victimIndex = accounts.findIndex((a) => a.id === options.victimId);
  if (victimIndex < 0) throw new RangeError(`There is no account "${options.victimId}" to hide the dummy beside.`);
  const dummyAccount = { id: options.dummyId ?? "dummy", balance: dummy };
  if (accounts.some((a) => a.id === dummyAccount.id)) throw new RangeError(`dummyId "${dummyAccount.id}" is already a customer's id.`);
  // The exchange chooses the leaf order: victim and dummy become leaves 0 and 1, a pair.
  const ordered = [accounts[victimIndex]!, dummyAccount, ...accounts.filter((_, i) => i !== victimIndex)];
  return Object.freeze({
    tree: buildTreeAllowingNegatives(ordered, { seed: options.seed }),
    understatedBy: dummy.negated(),
    caughtBy: "the strict verifier (every sum on the path non-negative), run by the customer whose leaf sits beside the dummy",
  });
}

/**
 * Trick 2: leave a customer out. The tree is honest about everyone else; only
 * the omitted customer, asking for a proof and getting none, can tell.
 *
 * @example
 * omitCustomer([{ id: "a", balance: "100" }, { id: "b", balance: "50" }], "b").understatedBy.toString() //=> "50"
 */
export function omitCustomer(accounts: readonly LiabilityAccount[], omittedId: string, options: { seed?: string } = {}): CheatedTree {
  const omitted = accounts.find((a) => a.id === omittedId);
  if (!omitted) throw new RangeError(`There is no account "${omittedId}" to omit.`);
  return Object.freeze({
    tree: buildLiabilityTree(
      accounts.filter((a) => a.id !== omittedId),
      options,
    ),
    understatedBy: toDecimal(omitted.balance, "balance"),
    caughtBy: "the omitted customer, who asks for an inclusion proof and gets none",
  });
}

/**
 * Trick 3: record a customer with a lower balance. The proof verifies — it is
 * a valid proof of the wrong number — so only the customer comparing the
 * balance in the proof with their own account catches it.
 *
 * @example
 * alterBalance([{ id: "a", balance: "100" }], "a", "10").understatedBy.toString() //=> "90"
 */
export function alterBalance(
  accounts: readonly LiabilityAccount[],
  targetId: string,
  newBalance: DecimalInput,
  options: { seed?: string } = {},
): CheatedTree {
  const target = accounts.find((a) => a.id === targetId);
  if (!target) throw new RangeError(`There is no account "${targetId}" to alter.`);
  const replacement = toDecimal(newBalance, "newBalance");
  if (replacement.isNegative()) throw new RangeError(`newBalance must not be negative, got ${replacement.toString()}.`);
  const altered = accounts.map((a) => (a.id === targetId ? { id: a.id, balance: replacement } : a));
  return Object.freeze({
    tree: buildLiabilityTree(altered, options),
    understatedBy: toDecimal(target.balance, "balance").minus(replacement),
    caughtBy: "the customer, comparing the balance in their proof with their own account",
  });
}

/** A proof-of-reserves snapshot: assets shown against the published liability total. */
export interface ReservesSnapshot {
  readonly label: string;
  readonly reservesUsd: Decimal;
  readonly liabilitiesUsd: Decimal;
  /** reserves ÷ liabilities (Infinity-free: null when there are no liabilities). */
  readonly reserveRatio: Decimal | null;
  readonly passes: boolean;
}

function snapshot(label: string, reservesUsd: Decimal, liabilitiesUsd: Decimal): ReservesSnapshot {
  return Object.freeze({
    label,
    reservesUsd,
    liabilitiesUsd,
    reserveRatio: liabilitiesUsd.isZero() ? null : reservesUsd.div(liabilitiesUsd),
    passes: reservesUsd.gte(liabilitiesUsd),
  });
}

/**
 * The weak proof of reserves: assets at one instant against customer liabilities.
 *
 * @example
 * proofOfReserves("900", "1000").passes //=> false
 */
export function proofOfReserves(reservesUsd: DecimalInput, liabilitiesUsd: DecimalInput): ReservesSnapshot {
  const reserves = toDecimal(reservesUsd, "reservesUsd");
  const liabilities = toDecimal(liabilitiesUsd, "liabilitiesUsd");
  if (reserves.isNegative()) throw new RangeError(`reservesUsd must not be negative, got ${reserves.toString()}.`);
  if (liabilities.isNegative()) throw new RangeError(`liabilitiesUsd must not be negative, got ${liabilities.toString()}.`);
  return snapshot("snapshot", reserves, liabilities);
}

/**
 * Trick 4: borrow assets for the snapshot (with a matching liability to the
 * lender that no proof of customer liabilities shows) and return them after.
 * The snapshot passes; a second, unannounced snapshot and a proof of
 * solvency that counts every liability both fail.
 *
 * @example
 * const t = borrowedReserves({ ownReservesUsd: "700", customerLiabilitiesUsd: "1000", borrowedUsd: "300" });
 * t.atSnapshot.passes //=> true
 * t.unannounced.passes //=> false
 * t.solvency.passes //=> false
 */
export function borrowedReserves(options: { ownReservesUsd: DecimalInput; customerLiabilitiesUsd: DecimalInput; borrowedUsd: DecimalInput }): {
  atSnapshot: ReservesSnapshot;
  unannounced: ReservesSnapshot;
  solvency: ReservesSnapshot;
  hiddenLiabilityUsd: Decimal;
  caughtBy: string;
} {
  const own = toDecimal(options.ownReservesUsd, "ownReservesUsd");
  const owed = toDecimal(options.customerLiabilitiesUsd, "customerLiabilitiesUsd");
  const borrowed = toDecimal(options.borrowedUsd, "borrowedUsd");
  for (const [name, value] of [["ownReservesUsd", own], ["customerLiabilitiesUsd", owed], ["borrowedUsd", borrowed]] as const) {
    if (value.isNegative()) throw new RangeError(`${name} must not be negative, got ${value.toString()}.`);
  }
  return {
    atSnapshot: snapshot("announced snapshot (borrowed assets in the wallets)", own.plus(borrowed), owed),
    unannounced: snapshot("unannounced snapshot (loan repaid)", own, owed),
    // Counting the loan: assets own + borrowed against customers + lender.
    solvency: snapshot("proof of solvency (all liabilities)", own.plus(borrowed), owed.plus(borrowed)),
    hiddenLiabilityUsd: borrowed,
    caughtBy: "a second, unannounced snapshot, or a proof of solvency that counts every liability (not only customers')",
  };
}

/** A customer with balances in several assets, for {@link dummyUserAttack}. */
export interface MultiAssetAccount {
  id: string;
  balances: Record<string, DecimalInput>;
}

/**
 * Trick 5, Binance's "dummy user" attack on proofs that net assets per user:
 * add a fake user who owes BTC (a negative BTC balance) but holds more dollar
 * value in a thinly traded token. Its *net* value is positive, so a tree of
 * net values per user passes every non-negative check — yet the BTC the
 * exchange admits owing shrinks. Separate per-asset trees (or per-asset
 * non-negative constraints, Binance's fix) refuse the negative BTC leaf.
 *
 * @example
 * const attack = dummyUserAttack({
 *   customers: [{ id: "alice", balances: { BTC: "10" } }],
 *   prices: { BTC: "50000", TINY: "1" },
 *   dummy: { id: "dummy", balances: { BTC: "-4", TINY: "250000" } },
 * });
 * attack.netValueTree.total.toString() //=> "550000"
 * attack.btcUnderstatedBy.toString()   //=> "4"
 * attack.perAssetTreeRefused           //=> true
 */
export function dummyUserAttack(options: {
  customers: readonly MultiAssetAccount[];
  prices: Record<string, DecimalInput>;
  dummy: MultiAssetAccount;
  /** The asset the dummy is short; default "BTC". */
  shortAsset?: string;
}): {
  netValueTree: LiabilityTree;
  /** How many units of the short asset vanish from the liabilities. */
  btcUnderstatedBy: Decimal;
  perAssetTreeRefused: boolean;
  refusal: string;
  caughtBy: string;
} {
  const shortAsset = options.shortAsset ?? "BTC";
  const prices = new Map<string, Decimal>();
  for (const [asset, price] of Object.entries(options.prices)) {
    const p = toDecimal(price, `the price of ${asset}`);
    if (p.isNegative()) throw new RangeError(`The price of ${asset} must not be negative, got ${p.toString()}.`);
    prices.set(asset, p);
  }
  const netValue = (account: MultiAssetAccount): Decimal => {
    let value = ZERO;
    for (const [asset, amount] of Object.entries(account.balances)) {
      const price = prices.get(asset);
      if (!price) throw new RangeError(`There is no price for ${asset}.`);
      value = value.plus(toDecimal(amount, `${account.id}'s ${asset} balance`).times(price));
    }
    return value;
  };
  const everyone = [...options.customers, options.dummy];
  const netValueTree = buildLiabilityTree(everyone.map((a) => ({ id: a.id, balance: netValue(a) })));
  const short = toDecimal(options.dummy.balances[shortAsset] ?? 0, `the dummy's ${shortAsset} balance`);
  let refusal = "";
  try {
    buildLiabilityTree(everyone.map((a) => ({ id: a.id, balance: toDecimal(a.balances[shortAsset] ?? 0, `${a.id}'s ${shortAsset} balance`) })));
  } catch (error) {
    refusal = (error as Error).message;
  }
  return {
    netValueTree,
    btcUnderstatedBy: short.isNegative() ? short.negated() : ZERO,
    perAssetTreeRefused: refusal !== "",
    refusal,
    caughtBy: `a separate tree (or a non-negative constraint) per asset: the dummy's ${shortAsset} leaf is negative`,
  };
}
