import { findColumn, isBlankRow, type Table } from "./table";
import { isRelativeTest, type Criterion, type Model } from "./model";
import { addMonths, clean, isMissing, showValue, toDay, toNumber, toSignal, toText, wholeMonthsBetween, type CellValue } from "./values";

/** What one criterion made of one row. Reused across rows so scoring a million rows allocates nothing per cell. */
interface Outcome {
  status: "pass" | "fail" | "missing" | "unreadable";
  points: number;
  /** The value tested: a number (ratio, NPS, months, days), or text for "in" / names for "any true". */
  value: number;
  text: string;
  raw: CellValue;
}

interface Compiled {
  readonly c: Criterion;
  readonly cols: (number | undefined)[];
  /** For relative tests: the portfolio cutoff (Q3 or mean) over the rows passed in; null when no row has a value. */
  cutoff: number | null;
  readonly inWords: Set<string> | null;
  /** "in" answers per distinct text, so a million "Low"s are lower-cased once. */
  readonly inCache: Map<string, boolean>;
  /** No column of the signal exists in the table: every row is "missing". */
  readonly absent: boolean;
  /** For month tests: the day number the date must be before/after (computed once per as_of, not per row). */
  readonly monthCutoff: number;
}

export interface ScoredTable {
  readonly table: Table;
  readonly model: Model;
  readonly asOf: number;
  /** Score per data row; NaN for blank rows. */
  readonly scores: Float64Array;
  /** Share of the model's points whose inputs were present, per row. */
  readonly coverage: Float64Array;
  /** Per criterion, per row: points earned. */
  readonly points: Float64Array[];
  /** The explanation fragments of row i, in model order. */
  explain(i: number): string[];
  /** The fragment of criterion j for row i alone (a tab that shows a few reasons need not word them all). */
  fragment(i: number, j: number): string;
}

const NEGATE: Record<string, string> = { ">": "≤", ">=": "<", "<": "≥", "<=": ">" };

function fmtNumber(n: number): string {
  // × 100 would overflow near 1e308 ("NPS Infinity > 40"); numbers this large need no decimals, only a mantissa
  if (!Number.isFinite(n) || Math.abs(n) >= 1e15) return Number.isFinite(n) ? n.toPrecision(3) : "out of range";
  const r = Math.round(n * 100) / 100;
  return Number.isInteger(r) ? String(r) : r.toFixed(2).replace(/0+$/, "");
}

function fmtPoints(p: number): string {
  return `+${fmtNumber(p)}`;
}

/** Months-and-days text for date tests, so "6 mo 3 d > 6" reads right where whole months would say "6 > 6". */
function fmtSpan(from: number, to: number): string {
  const m = wholeMonthsBetween(from, to);
  const d = to - addMonths(from, m);
  return d === 0 ? `${m} mo` : `${m} mo ${d} d`;
}

function compile(table: Table, model: Model, asOf: number): Compiled[] {
  return model.criteria.map((c) => {
    const cols = c.columns.map((name) => findColumn(table, name));
    const t = typeof c.threshold === "number" ? c.threshold : 0;
    return {
      c,
      cols,
      cutoff: null,
      inWords: c.test === "in" && Array.isArray(c.threshold) ? new Set(c.threshold.map((w) => w.toLowerCase())) : null,
      inCache: new Map(),
      absent: cols.every((col) => col === undefined),
      monthCutoff: c.test === "months ago >" ? addMonths(asOf, -t) : c.test === "months ahead >" ? addMonths(asOf, t) : 0,
    };
  });
}

/** Reads the numeric signal (a column or a ratio) of a row into `out`; false when missing or unreadable. */
function readNumeric(k: Compiled, row: CellValue[], out: Outcome): boolean {
  const a = k.cols[0] === undefined ? undefined : row[k.cols[0]];
  if (!k.c.ratio && typeof a === "number" && Number.isFinite(a)) {
    out.value = a; // the common case in Excel: a plain number, read without allocating
    return true;
  }
  const na = toNumber(a);
  if (!na.ok) {
    out.status = na.blank ? "missing" : "unreadable";
    out.raw = a;
    return false;
  }
  if (!k.c.ratio) {
    out.value = na.value;
    return true;
  }
  const b = k.cols[1] === undefined ? undefined : row[k.cols[1]];
  const nb = toNumber(b);
  if (!nb.ok) {
    out.status = nb.blank ? "missing" : "unreadable";
    out.raw = b;
    return false;
  }
  if (nb.value <= 0) {
    out.status = "unreadable";
    out.raw = b;
    return false;
  }
  out.value = na.value / nb.value;
  return true;
}

function quartile3(values: number[]): number {
  values.sort((x, y) => x - y);
  const pos = 0.75 * (values.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return values[lo] + (values[hi] - values[lo]) * (pos - lo);
}

/** Linear partial credit between threshold (0) and full-at (all points), for criteria with Full at. */
function partial(c: Criterion, v: number): number {
  if (c.fullAt === null || typeof c.threshold !== "number") return c.points;
  const share = (v - c.threshold) / (c.fullAt - c.threshold);
  return clean(c.points * Math.min(1, Math.max(0, share)), 2);
}

function evaluate(k: Compiled, row: CellValue[], asOf: number, out: Outcome): void {
  const c = k.c;
  out.points = 0;
  out.text = "";
  out.raw = undefined;
  if (k.absent) {
    out.status = "missing";
    return;
  }
  switch (c.test) {
    case ">":
    case ">=":
    case "<":
    case "<=": {
      if (!readNumeric(k, row, out)) return;
      const t = c.threshold as number;
      const v = out.value;
      const pass = c.test === ">" ? v > t : c.test === ">=" ? v >= t : c.test === "<" ? v < t : v <= t;
      out.status = pass ? "pass" : "fail";
      if (pass) out.points = partial(c, v);
      return;
    }
    case "months ago >":
    case "months ahead >":
    case "days ago >": {
      const raw = k.cols[0] === undefined ? undefined : row[k.cols[0]];
      const d = toDay(raw);
      if (!d.ok) {
        out.status = d.blank ? "missing" : "unreadable";
        out.raw = raw;
        return;
      }
      const t = c.threshold as number;
      let pass: boolean;
      let measure: number;
      if (c.test === "days ago >") {
        measure = asOf - d.value;
        pass = measure > t;
      } else if (c.test === "months ago >") {
        pass = d.value < k.monthCutoff;
        measure = (asOf - d.value) / 30.436875;
      } else {
        pass = d.value > k.monthCutoff;
        measure = (d.value - asOf) / 30.436875;
      }
      out.value = d.value;
      out.status = pass ? "pass" : "fail";
      if (pass) out.points = partial(c, measure);
      return;
    }
    case "in": {
      const raw = row[k.cols[0] as number];
      if (isMissing(raw)) {
        out.status = "missing";
        return;
      }
      out.text = typeof raw === "string" ? raw.trim() : toText(raw);
      let hit = k.inCache.get(out.text);
      if (hit === undefined) {
        hit = k.inWords!.has(out.text.toLowerCase());
        if (k.inCache.size < 1000) k.inCache.set(out.text, hit);
      }
      out.status = hit ? "pass" : "fail";
      if (out.status === "pass") out.points = c.points;
      return;
    }
    case "any true": {
      let anyPresent = false;
      let names = "";
      for (let i = 0; i < k.cols.length; i++) {
        const col = k.cols[i];
        if (col === undefined) continue;
        // a signal column: yes/no, a count, or words that say yes ("Series B" in Funding); an unreadable cell in one
        // column leaves the others to decide
        const b = toSignal(row[col]);
        if (!b.ok) continue;
        anyPresent = true;
        if (b.value) names += (names ? "+" : "") + c.columns[i];
      }
      if (!anyPresent) {
        out.status = "missing";
        return;
      }
      out.text = names;
      out.status = names ? "pass" : "fail";
      if (names) out.points = c.points;
      return;
    }
    case "true": {
      const raw = row[k.cols[0] as number];
      const s = toSignal(raw);
      if (!s.ok) {
        out.status = s.blank ? "missing" : "unreadable";
        out.raw = raw;
        return;
      }
      out.status = s.value ? "pass" : "fail";
      if (s.value) out.points = c.points;
      return;
    }
    case "top quartile":
    case "above average":
    case "below average": {
      if (!readNumeric(k, row, out)) return;
      if (k.cutoff === null) {
        out.status = "missing";
        return;
      }
      const v = out.value;
      const pass = c.test === "top quartile" ? v >= k.cutoff : c.test === "above average" ? v > k.cutoff : v < k.cutoff;
      out.status = pass ? "pass" : "fail";
      if (pass) out.points = c.points;
      return;
    }
  }
}

/** A tested value as the reason shows it: a ratio as a percentage, else the number. */
function shown(c: Criterion, v: number): string {
  return c.ratio && Math.abs(v) < 1e13 ? `${Math.round(v * 100)}%` : fmtNumber(v);
}

function fragment(k: Compiled, out: Outcome, asOf: number): string {
  const c = k.c;
  if (out.status === "missing") return `${c.name} missing`;
  if (out.status === "unreadable") return `${c.name} unreadable ${showValue(out.raw)}`;
  const pass = out.status === "pass";
  const pts = fmtPoints(out.points);
  switch (c.test) {
    case ">":
    case ">=":
    case "<":
    case "<=":
      return `${c.name} ${shown(c, out.value)} ${pass ? c.test.replace(">=", "≥").replace("<=", "≤") : NEGATE[c.test]} ${shown(c, c.threshold as number)} ${pts}`;
    case "days ago >":
      return `${c.name} ${asOf - out.value} d ${pass ? ">" : "≤"} ${fmtNumber(c.threshold as number)} ${pts}`;
    case "months ago >":
      return `${c.name} ${out.value > asOf ? `starts in ${fmtSpan(asOf, out.value)}` : fmtSpan(out.value, asOf)} ${pass ? ">" : "≤"} ${fmtNumber(c.threshold as number)} ${pts}`;
    case "months ahead >":
      return `${c.name} ${out.value >= asOf ? `in ${fmtSpan(asOf, out.value)}` : `${fmtSpan(out.value, asOf)} ago`} ${pass ? ">" : "≤"} ${fmtNumber(c.threshold as number)} ${pts}`;
    case "in":
      return `${c.name} ${out.text} ${pass ? "is" : "not"} ${(c.threshold as string[]).join("/")} ${pts}`;
    case "any true":
      return `${c.name} ${pass ? out.text : "none"} ${pts}`;
    case "true":
      return `${c.name} ${pass ? "yes" : "no"} ${pts}`;
    case "top quartile":
      return `${c.name} ${shown(c, out.value)} ${pass ? "≥" : "<"} Q3 ${shown(c, k.cutoff as number)} ${pts}`;
    case "above average":
      return `${c.name} ${shown(c, out.value)} ${pass ? ">" : "≤"} avg ${shown(c, k.cutoff as number)} ${pts}`;
    case "below average":
      return `${c.name} ${shown(c, out.value)} ${pass ? "<" : "≥"} avg ${shown(c, k.cutoff as number)} ${pts}`;
  }
}

/** Scores every data row of `table`; relative tests are computed across the rows passed in. */
export function scoreTable(table: Table, model: Model, asOf: number): ScoredTable {
  const compiled = compile(table, model, asOf);
  const n = table.rows.length;
  const out: Outcome = { status: "missing", points: 0, value: 0, text: "", raw: undefined };
  for (const k of compiled) {
    if (!isRelativeTest(k.c.test)) continue;
    const values: number[] = [];
    let sum = 0;
    for (const row of table.rows) {
      if (readNumeric(k, row, out)) {
        values.push(out.value);
        sum += out.value;
      }
    }
    if (values.length > 0) k.cutoff = k.c.test === "top quartile" ? quartile3(values) : sum / values.length;
  }
  const scores = new Float64Array(n);
  const coverage = new Float64Array(n);
  const points = compiled.map(() => new Float64Array(n));
  const total = model.criteria.reduce((s, c) => s + c.points, 0);
  const blank = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = table.rows[i];
    if (isBlankRow(row)) {
      blank[i] = 1;
      scores[i] = NaN;
      coverage[i] = NaN;
      continue;
    }
    let s = 0;
    let present = 0;
    for (let j = 0; j < compiled.length; j++) {
      evaluate(compiled[j], row, asOf, out);
      points[j][i] = out.points;
      s += out.points;
      if (out.status === "pass" || out.status === "fail") present += compiled[j].c.points;
    }
    scores[i] = clean(s, 2);
    coverage[i] = total > 0 ? present / total : 0;
  }
  return {
    table,
    model,
    asOf,
    scores,
    coverage,
    points,
    explain(i: number): string[] {
      if (blank[i]) return [];
      const row = table.rows[i];
      return compiled.map((k) => {
        evaluate(k, row, asOf, out);
        return fragment(k, out, asOf);
      });
    },
    fragment(i: number, j: number): string {
      if (blank[i]) return "";
      const k = compiled[j];
      evaluate(k, table.rows[i], asOf, out);
      return fragment(k, out, asOf);
    },
  };
}

/** One line per account: the fragments joined by " · " and the coverage. */
export function explainLine(scored: ScoredTable, i: number): string {
  const parts = scored.explain(i);
  if (parts.length === 0) return "";
  return `${parts.join(" · ")} · coverage ${Math.round(scored.coverage[i] * 100)}%`;
}

export type Band = "High" | "Qualified" | "Nurture" | "Low";

/** Seeds 000 and 001: 70+ high, > 60 qualified, 40–60 nurture, < 40 low. */
export function band(score: number): Band {
  if (score >= 70) return "High";
  if (score > 60) return "Qualified";
  if (score >= 40) return "Nurture";
  return "Low";
}
