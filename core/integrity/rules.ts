/**
 * The thresholds XSELL_PAIR_FLAGS judges by, declared as data: the defaults, the README table and the rules
 * argument (a Rule, Value table) all come from this list.
 */
import { valueError } from "../errors";
import { normalizeHeader } from "../headers";
import { asGrid, isOmitted } from "../table";
import { isMissing, showValue, toNumber, toText } from "../values";

export type PairRuleKey = "min_owners" | "owner_share" | "same_day_share" | "later_share" | "pass_through_share";

export interface PairRule {
  readonly key: PairRuleKey;
  /** The text in the Rule column (matched ignoring case and spaces). */
  readonly rule: string;
  readonly value: number;
  /** "count": a whole number ≥ 1; "share": a share between 0 and 1 (written 95% or 0.95). */
  readonly kind: "count" | "share";
  readonly description: string;
  /** The rule in a phrase, {v} standing for its value (the Adjacency tab's legend says them in a row). */
  readonly phrase: string;
}

export const PAIR_RULES: readonly PairRule[] = [
  { key: "min_owners", rule: "Fewest owners of B", value: 5, kind: "count", description: "A product with fewer owners is not judged: a pattern in a handful of accounts is noise.", phrase: "B has at least {v} owners" },
  { key: "owner_share", rule: "Owners of B who own A", value: 0.95, kind: "share", description: "At or above this share, B is (nearly) never seen without A: a bundle, a path or a subset, not a choice.", phrase: "at least {v} of them own A" },
  { key: "same_day_share", rule: "Same-day starts for a forced bundle", value: 0.9, kind: "share", description: "Of the accounts owning both with Start Dates, the share that started A and B on the same day.", phrase: "a forced bundle when at least {v} started both the same day" },
  { key: "later_share", rule: "B after A for a prerequisite", value: 0.9, kind: "share", description: "Of the accounts owning both with Start Dates, the share that started B after A.", phrase: "a prerequisite when at least {v} bought B after A" },
  { key: "pass_through_share", rule: "Pass-through at or below list", value: 0.2, kind: "share", description: "With a price list: an account-product whose ARR is at or below this share of list price.", phrase: "a pass-through when an account pays at most {v} of list" },
];

export type PairRules = Readonly<Record<PairRuleKey, number>>;

export const DEFAULT_PAIR_RULES: PairRules = Object.fromEntries(PAIR_RULES.map((r) => [r.key, r.value])) as unknown as PairRules;

/** "B has at least 5 owners; at least 95% of them own A; …": the rules in one sentence. */
export function pairRulesSentence(rules: PairRules, percent: (x: number) => string): string {
  return PAIR_RULES.map((r) => r.phrase.replace("{v}", r.kind === "share" ? percent(rules[r.key]) : String(rules[r.key]))).join("; ");
}

/** The defaults overridden by a Rule, Value table (any rule left out keeps its default). */
export function resolvePairRules(fn: string, arg: unknown): PairRules {
  const rules: Record<PairRuleKey, number> = { ...DEFAULT_PAIR_RULES };
  if (isOmitted(arg)) return rules;
  const grid = asGrid(fn, "rules", arg);
  const header = (grid[0] ?? []).map((v) => normalizeHeader(toText(v)));
  const cr = header.indexOf("rule");
  const cv = header.indexOf("value");
  if (cr < 0 || cv < 0) throw valueError(fn, `rules must have the columns Rule and Value; the rules are ${PAIR_RULES.map((r) => `"${r.rule}"`).join(", ")}`);
  const byName = new Map(PAIR_RULES.map((r) => [normalizeHeader(r.rule), r]));
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (row.every((v) => isMissing(v))) continue;
    const rule = byName.get(normalizeHeader(toText(row[cr])));
    if (!rule) throw valueError(fn, `rules row ${r + 1}: unknown rule ${showValue(toText(row[cr]))}; the rules are ${PAIR_RULES.map((d) => `"${d.rule}"`).join(", ")}`);
    const n = toNumber(row[cv]);
    if (!n.ok) throw valueError(fn, `rules row ${r + 1} (${rule.rule}): Value ${showValue(row[cv])} is not a number`);
    if (rule.kind === "count" && (!Number.isInteger(n.value) || n.value < 1)) throw valueError(fn, `rules row ${r + 1} (${rule.rule}): expected a whole number ≥ 1, got ${n.value}`);
    if (rule.kind === "share" && (n.value < 0 || n.value > 1)) throw valueError(fn, `rules row ${r + 1} (${rule.rule}): expected a share between 0 and 1 (write 95% or 0.95), got ${n.value}`);
    rules[rule.key] = n.value;
  }
  return rules;
}
