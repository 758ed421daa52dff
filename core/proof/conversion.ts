/**
 * Which triggers, reps, segments and product pairings convert: from an opportunities table, per group the count,
 * won, win rate with its Wilson interval, and the median days from trigger (Created) to close for won deals
 * (the cross-sell velocity target: under 60). Account and Product are read through the field registry; the opportunity
 * columns, which no account table carries, by the names CRMs give them.
 */
import { divError, valueError } from "../errors";
import { normalizeHeader } from "../headers";
import { isBlankRow, readTable, type Table } from "../table";
import { isMissing, showValue, toBoolean, toDay, toNumber, toText, type CellValue } from "../values";
import { wilsonInterval } from "./validate";

const NAMES = {
  trigger: ["Trigger", "Trigger Type", "Trigger Name", "Cross-sell Trigger", "Play", "Signal"],
  rep: ["Rep", "Sales Rep", "Opportunity Owner", "Owner", "Account Owner", "AE", "Account Executive", "CSM"],
  segment: ["Segment", "Customer Segment", "Market Segment", "Tier"],
  created: ["Created", "Created Date", "Create Date", "Date Created", "Trigger Date", "Opened", "Open Date"],
  closed: ["Closed", "Close Date", "Closed Date", "Closed On"],
  won: ["Won", "Is Won", "Closed Won"],
  stage: ["Stage", "Stage Name", "Deal Stage", "Opportunity Stage", "Status"],
  amount: ["Amount", "Opportunity Amount", "Deal Amount", "ARR", "Expected Revenue"],
  from: ["From Product", "Owned Product", "Source Product", "Anchor Product", "Current Product"],
} as const;

/** Days from trigger to close named as the target for cross-sell velocity (README reference 1). */
export const TARGET_DAYS = 60;

type Role = keyof typeof NAMES;

function columnOf(table: Table, role: Role): number | undefined {
  for (const name of NAMES[role]) {
    const i = table.index.get(normalizeHeader(name));
    if (i !== undefined) return i;
  }
  return undefined;
}

export type Outcome = "won" | "lost" | "open";

/** A stage word: Closed Won / Won → won; Closed Lost / Lost / No decision / Disqualified → lost; anything else open. */
export function stageOutcome(text: string): Outcome {
  const s = text.trim().toLowerCase();
  if (/\bwon\b/.test(s)) return "won";
  if (/\blost\b|no decision|disqualified|closed\s*-?\s*no/.test(s)) return "lost";
  return "open";
}

interface Group {
  opportunities: number;
  open: number;
  won: number;
  lost: number;
  days: number[];
  wonAmount: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Reads the opportunities and groups them by `by`: trigger (default), rep, segment, product, pair, or a column name. */
export function conversionGrid(fn: string, arg: unknown, by: string | null): CellValue[][] {
  const table = readTable(fn, arg);
  const col = (role: Role): number | undefined => columnOf(table, role);
  const wonCol = col("won");
  const stageCol = col("stage") ?? table.fields.get("Status");
  if (wonCol === undefined && stageCol === undefined) throw valueError(fn, `opportunities need a Won column (yes/no) or a Stage column (Closed Won, Closed Lost, …); found ${table.headers.filter(Boolean).slice(0, 10).map((h) => `"${h}"`).join(", ")}`);
  const closedCol = col("closed");
  const createdCol = col("created");
  const amountCol = col("amount") ?? table.fields.get("ARR");
  const key = normalizeHeader(by ?? "trigger");
  let label: string;
  let groupOf: (row: CellValue[]) => string;
  const roleNamed = (["trigger", "rep", "segment"] as const).find((r) => normalizeHeader(r) === key);
  if (roleNamed) {
    const c = col(roleNamed);
    if (c === undefined) throw valueError(fn, `by: "${roleNamed}" needs a column such as ${NAMES[roleNamed].slice(0, 3).map((n) => `"${n}"`).join(", ")} in opportunities`);
    label = table.headers[c];
    groupOf = (row) => toText(row[c]);
  } else if (key === "product" || key === "pair" || key === "productpair") {
    const p = table.fields.get("Product");
    if (p === undefined) throw valueError(fn, `by: "${by}" needs a Product column in opportunities`);
    if (key === "product") {
      label = table.headers[p];
      groupOf = (row) => toText(row[p]);
    } else {
      const from = col("from");
      if (from === undefined) throw valueError(fn, `by: "${by}" needs the product the account already owned, in a column such as "From Product" or "Owned Product"`);
      label = "Pairing";
      groupOf = (row) => `${toText(row[from]) || "(none)"} → ${toText(row[p])}`;
    }
  } else {
    const c = table.index.get(key);
    if (c === undefined) throw valueError(fn, `by: ${showValue(by)} is not trigger, rep, segment, product, pair or a column of opportunities`);
    label = table.headers[c];
    groupOf = (row) => toText(row[c]);
  }
  const groups = new Map<string, Group>();
  const all: Group = { opportunities: 0, open: 0, won: 0, lost: 0, days: [], wonAmount: 0 };
  const badDays: number[] = [];
  table.rows.forEach((row, r) => {
    if (isBlankRow(row)) return;
    const at = `opportunities row ${table.rowNumbers[r]}`;
    const closed = closedCol === undefined ? null : readDay(fn, row[closedCol], `${at}, ${table.headers[closedCol]}`);
    let outcome: Outcome;
    if (wonCol !== undefined && !isMissing(row[wonCol])) {
      const w = toBoolean(row[wonCol]);
      if (!w.ok) throw valueError(fn, `${at}: Won ${showValue(row[wonCol])} is not yes or no`);
      // not won: lost once it has closed (a Close Date, a lost stage, or a Won column standing alone), else still open
      if (w.value) outcome = "won";
      else if (closed !== null || (closedCol === undefined && stageCol === undefined)) outcome = "lost";
      else outcome = stageCol !== undefined && stageOutcome(toText(row[stageCol])) === "lost" ? "lost" : "open";
    } else outcome = stageCol === undefined ? "open" : stageOutcome(toText(row[stageCol]));
    const name = groupOf(row) || "(blank)";
    const g = groups.get(name) ?? { opportunities: 0, open: 0, won: 0, lost: 0, days: [], wonAmount: 0 };
    groups.set(name, g);
    for (const x of [g, all]) {
      x.opportunities++;
      x[outcome]++;
    }
    if (outcome !== "won") return;
    if (amountCol !== undefined && !isMissing(row[amountCol])) {
      const a = toNumber(row[amountCol]);
      if (!a.ok) throw valueError(fn, `${at}: Amount ${showValue(row[amountCol])} is not a number`);
      g.wonAmount += a.value;
      all.wonAmount += a.value;
    }
    const created = createdCol === undefined ? null : readDay(fn, row[createdCol], `${at}, ${table.headers[createdCol]}`);
    if (created === null || closed === null) return;
    if (closed < created) {
      badDays.push(table.rowNumbers[r]);
      return;
    }
    g.days.push(closed - created);
    all.days.push(closed - created);
  });
  if (all.opportunities === 0) throw divError(fn, "opportunities has no rows");
  const line = (name: string, g: Group): CellValue[] => {
    const closed = g.won + g.lost;
    const [lo, hi] = closed > 0 ? wilsonInterval(g.won, closed) : [NaN, NaN];
    const days = g.days.length > 0 ? median(g.days) : NaN;
    const fast = g.days.length > 0 ? g.days.filter((d) => d < TARGET_DAYS).length / g.days.length : NaN;
    const n = (x: number): CellValue => (Number.isFinite(x) ? x : "");
    return [name, g.opportunities, g.open, closed, g.won, n(closed > 0 ? g.won / closed : NaN), n(lo), n(hi), n(days), n(fast), g.wonAmount];
  };
  const rows = [...groups].sort((a, b) => b[1].opportunities - a[1].opportunities || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: CellValue[][] = [
    [label, "Opportunities", "Open", "Closed", "Won", "Win rate", "95% low", "95% high", "Median days to close (won)", `Won within ${TARGET_DAYS} days`, "Won amount"],
    ...rows.map(([name, g]) => line(name, g)),
    line("All", all),
  ];
  if (badDays.length > 0) out.push([`${badDays.length} won row${badDays.length === 1 ? "" : "s"} closed before created, left out of the days (row ${badDays.slice(0, 5).join(", ")}${badDays.length > 5 ? ", …" : ""})`, ...Array.from({ length: 10 }, () => "")]);
  return out;
}

function readDay(fn: string, v: CellValue, where: string): number | null {
  const d = toDay(v);
  if (d.ok) return d.value;
  if (d.blank) return null;
  throw valueError(fn, `${where}: ${d.reason}`);
}
