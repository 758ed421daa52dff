/**
 * The honest view of ownership: flagged pairs' cells are not cross-sell rates, pass-through ownership does not
 * count as owned for attach rates, and a forced bundle's other half is never recommended. The flags come from
 * the rules ("flags") or from a table as XSELL_PAIR_FLAGS spills it (rows deleted there are kept here).
 */
import { naError, valueError } from "../errors";
import { pairCount } from "../adjacency";
import { forcedBundles } from "./bundles";
import { normalizeHeader } from "../headers";
import { productByName, withoutPairs, type Ownership } from "../ownership";
import { bindArg } from "../args";
import { EXCLUDE } from "../params";
import { asGrid, isOmitted } from "../table";
import { isMissing, showValue, toText, type CellValue } from "../values";
import { PAIR_FLAG_KINDS, PASS_THROUGH, percent, pairFlags, passThroughFlags, type Flags, type PairFlag, type PairFlagKind } from "./flags";
import { DEFAULT_PAIR_RULES, pairRulesSentence, resolvePairRules, type PairRules } from "./rules";

export const FLAG_COLUMNS = ["Product A", "Product B", "Flag", "Accounts", "Evidence"] as const;


/** All flags of an ownership table: pairs always, pass-through when a price list is given. */
export function findFlags(own: Ownership, prices: Float64Array | null, rules: PairRules = DEFAULT_PAIR_RULES): Flags {
  return { pairs: pairFlags(own, rules), passThrough: prices ? passThroughFlags(own, prices, rules) : [] };
}

/** XSELL_PAIR_FLAGS's table: a pair row per flagged pair, an account row per pass-through (Accounts = its name). */
export function flagsGrid(own: Ownership, flags: Flags, rules: PairRules = DEFAULT_PAIR_RULES): CellValue[][] {
  const out: CellValue[][] = [[...FLAG_COLUMNS]];
  for (const f of flags.pairs) out.push([own.products[f.a], own.products[f.b], f.kind, f.accounts, f.evidence]);
  for (const t of flags.passThrough) out.push([t.host < 0 ? "" : own.products[t.host], own.products[t.product], PASS_THROUGH, own.accounts[t.account], t.evidence]);
  if (out.length === 1) out.push(["", "", "None", 0, `No pair or account-product meets the rules: ${pairRulesSentence(rules, percent)}.`]);
  return out;
}

export interface HonestView {
  readonly flags: Flags;
  /** Ownership with pass-through pairs not counted as owned: the counts every honest rate is read from. */
  readonly counted: Ownership;
  /** Per cell a*P+b (owned a → next b): the flag that makes it no cross-sell rate; absent when honest. */
  readonly cellFlag: Map<number, { kind: PairFlagKind; evidence: string }>;
  /** Per product a: its forced-bundle other halves (never recommended to an owner of a); absent when none. */
  readonly bundled: ReadonlyMap<number, readonly number[]>;
  /** Forced bundles among the flags (0: no bundle half to hold back). */
  readonly bundles: number;
  /** Keys account*P+product of pass-through ownership: held, but bought as a price cut. */
  readonly passThrough: Set<number>;
}

/** The cells that pair flags make no cross-sell rate, and each forced bundle's two halves, over P products. */
export function flagCells(P: number, pairs: readonly PairFlag[]): Pick<HonestView, "cellFlag" | "bundled"> {
  const cellFlag = new Map<number, { kind: PairFlagKind; evidence: string }>();
  const bundled = new Map<number, number[]>();
  const pair = (a: number, b: number): void => {
    const halves = bundled.get(a);
    if (halves) halves.push(b);
    else bundled.set(a, [b]);
  };
  const mark = (from: number, to: number, kind: PairFlagKind, evidence: string): void => {
    const k = from * P + to;
    const was = cellFlag.get(k);
    if (!was || PAIR_FLAG_KINDS.indexOf(kind) < PAIR_FLAG_KINDS.indexOf(was.kind)) cellFlag.set(k, { kind, evidence });
  };
  for (const f of pairs) {
    // B → A is never a choice (B is not seen without A); A → B is not one either for a bundle, or when A ⊂ B too
    mark(f.b, f.a, f.kind, f.evidence);
    if (f.kind === "Forced bundle" || f.mutual) mark(f.a, f.b, f.kind, f.evidence);
    if (f.kind === "Forced bundle") {
      pair(f.a, f.b);
      pair(f.b, f.a);
    }
  }
  return { cellFlag, bundled };
}

export function honestView(own: Ownership, flags: Flags): HonestView {
  const P = own.products.length;
  const { cellFlag, bundled } = flagCells(P, flags.pairs);
  const passThrough = new Set(flags.passThrough.map((t) => t.account * P + t.product));
  const counted = withoutPairs(own, flags.passThrough.map((t) => [t.account, t.product] as const));
  const bundles = flags.pairs.filter((f) => f.kind === "Forced bundle").length;
  return { flags, counted, cellFlag, bundled, bundles, passThrough };
}

/**
 * What a recommendation holds back even with raw rates: a forced bundle's other half is never a cross-sell.
 * Null when ownership has no Start Dates (no bundle can be seen) or no forced bundle. Bundles are found from the
 * pairs accounts co-own (core/integrity/bundles.ts), so the guard holds for any number of products; `fn` names
 * the call in the refusal past the pairs budget.
 */
export function bundleGuard(own: Ownership, fn = "The forced-bundle check"): HonestView | null {
  // several tabs and the triggers ask for the same ownership's guard: it is worked out once (ownership is not mutated)
  if (guards.has(own)) return guards.get(own)!;
  const guard = findBundleGuard(own, fn);
  guards.set(own, guard);
  return guard;
}

const guards = new WeakMap<Ownership, HonestView | null>();

function findBundleGuard(own: Ownership, fn: string): HonestView | null {
  if (own.starts.size === 0) return null;
  const bundles = forcedBundles(own, DEFAULT_PAIR_RULES, fn);
  if (bundles.length === 0) return null;
  const view = honestView(own, { pairs: bundles, passThrough: [] });
  return { ...view, cellFlag: new Map() };
}

/**
 * The exclude argument: omitted or "none" → null (raw rates); "flags" → the flags found with the default rules
 * (pass-through too when the function has a price list); a table as XSELL_PAIR_FLAGS spills it → those flags.
 */
export function excludeArg(fn: string, v: unknown, own: Ownership, prices: Float64Array | null): HonestView | null {
  if (isOmitted(v)) return null;
  const grid = Array.isArray(v) ? asGrid(fn, "exclude", v) : null;
  if (!grid || (grid.length === 1 && grid[0].length === 1)) {
    const word = bindArg(fn, EXCLUDE, grid ? grid[0][0] : v);
    return word === "flags" ? honestView(own, findFlags(own, prices, DEFAULT_PAIR_RULES)) : null;
  }
  return honestView(own, readFlagsTable(fn, grid, own));
}

/** Reads a flags table back (edited or not): pair rows by product names, pass-through rows by account. */
function readFlagsTable(fn: string, grid: CellValue[][], own: Ownership): Flags {
  const header = grid[0].map((h) => normalizeHeader(toText(h)));
  const [ca, cb, cf, cn, ce] = FLAG_COLUMNS.map((h) => header.indexOf(normalizeHeader(h)));
  if (ca < 0 || cb < 0 || cf < 0 || cn < 0) throw valueError(fn, `exclude must be "none", "flags" or a table with the columns ${FLAG_COLUMNS.slice(0, 4).join(", ")} (as XSELL_PAIR_FLAGS spills it)`);
  const flags: Flags = { pairs: [], passThrough: [] };
  const product = (r: number, c: number, what: string): number => {
    const p = productByName(own, toText(grid[r][c]));
    if (p < 0) throw naError(fn, `exclude row ${r + 1}: ${what} ${showValue(grid[r][c])} is not in ownership`);
    return p;
  };
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (row.every((x) => isMissing(x))) continue;
    const flag = toText(row[cf]).trim();
    const evidence = ce < 0 ? flag : toText(row[ce]);
    const kind = PAIR_FLAG_KINDS.find((k) => k.toLowerCase() === flag.toLowerCase());
    if (kind) {
      const a = product(r, ca, "Product A");
      const b = product(r, cb, "Product B");
      // a pair said once flags both of its cells when A's owners also (nearly) all own B, as the rules would
      const na = own.ownerCounts[a];
      const mutual = kind !== "Prerequisite" && na > 0 && pairCount(own, a, b) / na >= DEFAULT_PAIR_RULES.owner_share;
      flags.pairs.push({ kind, a, b, accounts: Number(row[cn]) || 0, mutual, evidence });
    } else if (flag.toLowerCase() === PASS_THROUGH.toLowerCase()) {
      const p = product(r, cb, "Product B");
      const name = toText(row[cn]);
      const named = own.names.get(name);
      const found = named >= 0 ? named : own.index.get(name);
      if (found < 0) throw naError(fn, `exclude row ${r + 1}: the account ${showValue(name)} is not in ownership`);
      flags.passThrough.push({ account: found, product: p, host: -1, arr: NaN, price: NaN, evidence });
    } else if (flag.toLowerCase() !== "none") {
      throw valueError(fn, `exclude row ${r + 1}: Flag ${showValue(row[cf])} is not ${[...PAIR_FLAG_KINDS, PASS_THROUGH].map((k) => `"${k}"`).join(", ")}`);
    }
  }
  return flags;
}

/** The rules argument of XSELL_PAIR_FLAGS (re-exported for the function). */
export { resolvePairRules };
