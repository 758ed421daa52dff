/**
 * Subscription movements by period, and retention by flows over a window.
 *
 * Periods are calendar months, quarters or years. Period P runs from its first day d0 to the next period's first
 * day d1: Opening = the amount active on d0, Closing = the amount active on d1 (a row is active on D when
 * Start ≤ D < End, as everywhere). Nothing after `as_of` is known, so the period containing as_of closes on as_of
 * (period to date). Each account's change, totalled across its products, falls in exactly one class:
 *  - New: 0 at d0, above 0 at d1, and above 0 at no earlier period start since the beginning of history;
 *  - Reactivation: 0 at d0, above 0 at d1, above 0 at some earlier period start;
 *  - Expansion / Contraction: above 0 at both, more / less at d1 (Contraction is a positive amount);
 *  - Churn: above 0 at d0, 0 at d1 (a positive amount: what it paid at d0);
 * so every row bridges: Opening + New + Reactivation + Expansion − Contraction − Churn = Closing. This is the dbt
 * MRR playbook's model (github.com/dbt-labs/mrr-playbook, models/mrr.sql: MRR measured on each month's first day,
 * change_category new / reactivation / upgrade / downgrade / churn), with one difference of labelling only: the
 * playbook files a change under the month it arrives in (its month M row compares M with M − 1), we under the
 * period it happens in (our period M compares M's first day with M + 1's).
 *
 * An account paying only between two period starts (say from the 5th to the 20th of one month) is never seen at a
 * period start: it is in no Opening or Closing and in no class, exactly as in the playbook.
 */
import { divError, valueError } from "../errors";
import { dayFromYmd, isoFromDay, ymdFromDay } from "../values";
import type { History } from "./read";

export type PeriodKind = "month" | "quarter" | "year";
export const PERIOD_KINDS: readonly PeriodKind[] = ["month", "quarter", "year"];

/** The index of the period holding `day`: months or quarters since year 0, or the year itself. */
export function periodIndex(kind: PeriodKind, day: number): number {
  const { y, m } = ymdFromDay(day);
  if (kind === "month") return y * 12 + (m - 1);
  if (kind === "quarter") return y * 4 + Math.floor((m - 1) / 3);
  return y;
}

/** The first day of period `index`. */
export function periodStart(kind: PeriodKind, index: number): number {
  if (kind === "year") return dayFromYmd(index, 1, 1);
  const per = kind === "month" ? 12 : 4;
  const y = Math.floor(index / per);
  const i = index - y * per;
  return dayFromYmd(y, kind === "month" ? i + 1 : i * 3 + 1, 1);
}

/** A window of whole periods, `first` to `last` (period indices), read as of `asOf`. */
export interface Window {
  readonly kind: PeriodKind;
  readonly first: number;
  readonly last: number;
  readonly asOf: number;
}

/** The earliest Start Date of any row kept, or null when there is none. */
export function earliestStart(h: History): number | null {
  let min = Infinity;
  for (let i = 0; i < h.start.length; i++) if (h.start[i] < min) min = h.start[i];
  return min === Infinity ? null : min;
}

/** Refuses a from after to, and a from or to in a period after as_of's (not known yet). */
function checkDates(fn: string, kind: PeriodKind, from: number | null, to: number | null, asOf: number): void {
  const asOfPeriod = periodIndex(kind, asOf);
  if (from !== null && to !== null && from > to) throw valueError(fn, `from (${isoFromDay(from)}) is after to (${isoFromDay(to)})`);
  if (to !== null && periodIndex(kind, to) > asOfPeriod) throw valueError(fn, `to (${isoFromDay(to)}) is in a ${kind} after as_of (${isoFromDay(asOf)}), which is not known yet; pass a later as_of to include scheduled changes`);
  if (from !== null && periodIndex(kind, from) > asOfPeriod) throw valueError(fn, `from (${isoFromDay(from)}) is in a ${kind} after as_of (${isoFromDay(asOf)}), which is not known yet`);
}

/**
 * The window of XSELL_MOVEMENTS, from `from` to `to` (days; the periods holding them). By default it runs from the
 * period holding the day before the earliest Start Date, so the first row opens at 0 and every account's arrival
 * is a movement (a history starting on a period's first day would otherwise open with it already in), through the
 * period holding as_of. No row at all, or a history that starts after as_of, is an empty window: #DIV/0!.
 */
export function resolveWindow(fn: string, h: History, kind: PeriodKind, from: number | null, to: number | null, asOf: number): Window {
  checkDates(fn, kind, from, to, asOf);
  let first: number;
  if (from !== null) first = periodIndex(kind, from);
  else {
    const min = earliestStart(h);
    const said = h.notes.length > 0 ? ` (${h.notes.join("; ")})` : "";
    if (min === null) throw divError(fn, `the window is empty: no subscription row could be placed in time${said}`);
    if (min > asOf) throw divError(fn, `the window is empty: the first subscription starts ${isoFromDay(min)}, after as_of (${isoFromDay(asOf)})`);
    first = periodIndex(kind, min - 1);
    if (to !== null && periodIndex(kind, to) < first) throw divError(fn, `the window is empty: to (${isoFromDay(to)}) is before the first subscription, which starts ${isoFromDay(min)}`);
  }
  const last = to !== null ? periodIndex(kind, to) : periodIndex(kind, asOf);
  if (first > last) throw valueError(fn, `from (${isoFromDay(periodStart(kind, first))}) is after to (${isoFromDay(periodStart(kind, last))})`);
  return { kind, first, last, asOf };
}

/** Periods in the default flows window: twelve months, four quarters or one year. */
export const FLOWS_SPAN: Readonly<Record<PeriodKind, number>> = { month: 12, quarter: 4, year: 1 };

/**
 * The window of NRR and GRR by flows. By default the trailing year of complete periods: `to` is the last period
 * that has ended by as_of (its Closing day on or before as_of), `from` twelve months (four quarters, one year)
 * back. A `from` with no `to` runs to that same last complete period, or to date when `from` is in as_of's period.
 */
export function flowsWindow(fn: string, kind: PeriodKind, from: number | null, to: number | null, asOf: number): Window {
  checkDates(fn, kind, from, to, asOf);
  const lastComplete = periodIndex(kind, asOf) - 1;
  let last = to !== null ? periodIndex(kind, to) : lastComplete;
  const first = from !== null ? periodIndex(kind, from) : last - FLOWS_SPAN[kind] + 1;
  if (to === null && first > last) last = first;
  return { kind, first, last, asOf };
}

/** One period of the bridge. Amounts in the history's unit; counts of accounts. */
export interface MovementRow {
  /** The period's first day (day number). */
  readonly day: number;
  /** The day Closing is measured on: the next period's first day, or as_of for the period holding it. */
  readonly closingDay: number;
  readonly opening: number;
  readonly new: number;
  readonly reactivation: number;
  readonly expansion: number;
  readonly contraction: number;
  readonly churn: number;
  readonly closing: number;
  readonly openingCustomers: number;
  readonly newCustomers: number;
  readonly reactivatedCustomers: number;
  readonly churnedCustomers: number;
  readonly closingCustomers: number;
}

/** Closing equal to Opening within float noise (a product swap at equal amounts sums in another order). */
const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(a, b);

/** The first index of sorted `days` holding a day ≥ `d` (days.length when none). */
export function lowerBound(days: Int32Array, d: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Rows grouped by account: the rows of account a are order[offsets[a] .. offsets[a + 1]), in table order
 * (a counting sort, linear in rows).
 */
export function rowsByAccount(h: History): { order: Int32Array; offsets: Int32Array } {
  const A = h.accounts.length;
  const offsets = new Int32Array(A + 1);
  const acc = h.account;
  for (let i = 0; i < acc.length; i++) offsets[acc[i] + 1]++;
  for (let a = 0; a < A; a++) offsets[a + 1] += offsets[a];
  const next = offsets.slice(0, A);
  const order = new Int32Array(acc.length);
  for (let i = 0; i < acc.length; i++) order[next[acc[i]]++] = i;
  return { order, offsets };
}

/**
 * The movements bridge, one row per period of the window. One pass over the rows grouped by account: each row
 * adds its amount at the measuring days it is active on (found by binary search), so an account's total on a day
 * is a sum of its own rows only, never a running total that could leave float dust where it paid nothing.
 */
export function movements(h: History, w: Window): MovementRow[] {
  const { kind, first, last, asOf } = w;
  const n = last - first + 1;
  // measuring days: the period starts before the window (history, for "above 0 at some earlier period start"),
  // then the window's n + 1 boundaries, the last one clamped to as_of
  const min = earliestStart(h);
  const histFirst = min === null ? first : Math.min(first, periodIndex(kind, min));
  const w0 = first - histFirst;
  const days = new Int32Array(w0 + n + 1);
  for (let j = 0; j < w0 + n + 1; j++) days[j] = periodStart(kind, histFirst + j);
  days[w0 + n] = Math.min(days[w0 + n], asOf);
  if (n > 0 && days[w0 + n] < days[w0 + n - 1]) throw new Error(`internal: the window's last period starts after as_of`);

  const { order, offsets } = rowsByAccount(h);
  const val = new Float64Array(n + 1);
  const total = new Float64Array(n + 1);
  const customers = new Int32Array(n + 1);
  const flows = { new: new Float64Array(n), reactivation: new Float64Array(n), expansion: new Float64Array(n), contraction: new Float64Array(n), churn: new Float64Array(n) };
  const counts = { new: new Int32Array(n), reactivated: new Int32Array(n), churned: new Int32Array(n) };
  const { start, end, amount } = h;
  for (let a = 0; a < h.accounts.length; a++) {
    let before = false; // above 0 at a period start before the window
    let lo = n + 1;
    let hi = 0;
    for (let k = offsets[a]; k < offsets[a + 1]; k++) {
      const i = order[k];
      const v = amount[i];
      if (!(v > 0)) continue;
      const s = lowerBound(days, start[i]);
      const e = lowerBound(days, end[i]);
      if (s >= e) continue; // active on no measuring day
      if (s < w0) before = true;
      const ws = Math.max(s, w0) - w0;
      const we = e - w0;
      if (we <= ws) continue;
      for (let j = ws; j < we; j++) val[j] += v;
      if (ws < lo) lo = ws;
      if (we > hi) hi = we;
    }
    if (lo >= hi) continue;
    for (let j = lo; j < hi; j++) {
      if (val[j] > 0) {
        total[j] += val[j];
        customers[j]++;
      }
    }
    // periods whose d0 or d1 falls in [lo, hi): p from lo − 1 to hi − 1
    let ever = before;
    for (let p = Math.max(0, lo - 1); p < Math.min(n, hi); p++) {
      const v0 = val[p];
      const v1 = val[p + 1];
      if (v0 > 0) {
        ever = true;
        if (v1 === 0) {
          flows.churn[p] += v0;
          counts.churned[p]++;
        } else if (!same(v0, v1)) {
          if (v1 > v0) flows.expansion[p] += v1 - v0;
          else flows.contraction[p] += v0 - v1;
        }
      } else if (v1 > 0) {
        if (ever) {
          flows.reactivation[p] += v1;
          counts.reactivated[p]++;
        } else {
          flows.new[p] += v1;
          counts.new[p]++;
        }
      }
    }
    val.fill(0, lo, hi);
  }

  const rows: MovementRow[] = [];
  for (let p = 0; p < n; p++) {
    const row: MovementRow = {
      day: days[w0 + p],
      closingDay: days[w0 + p + 1],
      opening: total[p],
      new: flows.new[p],
      reactivation: flows.reactivation[p],
      expansion: flows.expansion[p],
      contraction: flows.contraction[p],
      churn: flows.churn[p],
      closing: total[p + 1],
      openingCustomers: customers[p],
      newCustomers: counts.new[p],
      reactivatedCustomers: counts.reactivated[p],
      churnedCustomers: counts.churned[p],
      closingCustomers: customers[p + 1],
    };
    assertBridges(row);
    rows.push(row);
  }
  return rows;
}

/** A bug guard: every row bridges, in amounts (within float noise) and in customers (exactly). */
export function assertBridges(r: MovementRow): void {
  // amounts too large to add (near 1e308) are guard()'s #NUM!, not a broken bridge
  if (![r.opening, r.new, r.reactivation, r.expansion, r.contraction, r.churn, r.closing].every(Number.isFinite)) return;
  const residual = r.opening + r.new + r.reactivation + r.expansion - r.contraction - r.churn - r.closing;
  const scale = Math.max(1, r.opening, r.closing, r.new + r.reactivation + r.expansion, r.contraction + r.churn);
  if (!(Math.abs(residual) <= 1e-9 * scale)) throw new Error(`internal: the ${isoFromDay(r.day)} movements do not bridge (off by ${residual})`);
  if (r.openingCustomers + r.newCustomers + r.reactivatedCustomers - r.churnedCustomers !== r.closingCustomers) {
    throw new Error(`internal: the ${isoFromDay(r.day)} customer counts do not bridge`);
  }
}

/** Retention by flows over a window: ChartMogul's Net and Gross MRR Retention. */
export interface Flows {
  readonly nrr: number;
  readonly grr: number;
  /** Opening of the window's first period. */
  readonly opening: number;
  readonly expansion: number;
  readonly contraction: number;
  readonly churn: number;
  /** New business and reactivation in the window: reported, excluded from NRR and GRR. */
  readonly new: number;
  readonly reactivation: number;
  /** Closing of the window's last period. */
  readonly closing: number;
  /** The periods of the window. */
  readonly periods: number;
  /** The window's first day (Opening) and the day its Closing is measured on. */
  readonly openingDay: number;
  readonly closingDay: number;
  readonly openingCustomers: number;
  readonly churnedCustomers: number;
}

/**
 * NRR and GRR by flows, as ChartMogul defines them (help.chartmogul.com/hc/en-us/articles/6886664393500-Chart-Net-MRR-Retention
 * and …/6886621218332-Chart-Gross-MRR-Retention): Starting MRR is what subscribers pay at the start of the report
 * interval; expansion, contraction and churn are the movements within the interval; new business and
 * reactivation are excluded:
 *   NRR = (Starting + Expansion − Contraction − Churn) ÷ Starting,  GRR = (Starting − Contraction − Churn) ÷ Starting.
 * Here the interval is the window, Starting is the Opening of its first period, and each movement is summed over
 * its periods (so a churn and a return inside the window count as churn, the return as reactivation, excluded).
 * Movements of accounts that arrived inside the window count too, as they do in ChartMogul's interval movements.
 * A window with no period, or with nothing active at its start, is #DIV/0! with the reason.
 */
export function flowsRetention(fn: string, h: History, w: Window): Flows {
  const rows = movements(h, w);
  if (rows.length === 0) throw divError(fn, "the window has no period, so retention over it is undefined");
  const opening = rows[0].opening;
  if (!(opening > 0)) throw divError(fn, `nothing was active on ${isoFromDay(rows[0].day)}, the window's first day, so NRR and GRR by flows are undefined (their base is the opening amount)`);
  let expansion = 0;
  let contraction = 0;
  let churn = 0;
  let nw = 0;
  let reactivation = 0;
  let churned = 0;
  for (const r of rows) {
    expansion += r.expansion;
    contraction += r.contraction;
    churn += r.churn;
    nw += r.new;
    reactivation += r.reactivation;
    churned += r.churnedCustomers;
  }
  const lastRow = rows[rows.length - 1];
  return {
    nrr: (opening + expansion - contraction - churn) / opening,
    grr: (opening - contraction - churn) / opening,
    opening,
    expansion,
    contraction,
    churn,
    new: nw,
    reactivation,
    closing: lastRow.closing,
    periods: rows.length,
    openingDay: rows[0].day,
    closingDay: lastRow.closingDay,
    openingCustomers: rows[0].openingCustomers,
    churnedCustomers: churned,
  };
}
