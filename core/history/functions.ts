/**
 * The subscription-history functions of the catalog: XSELL_MOVEMENTS (the bridge by period), XSELL_FLOWS (NRR and
 * GRR by flows over a window) and XSELL_COHORTS (the cohort triangle). Each takes values as a host passes them,
 * returns a 2D array, and throws XsellError through guard().
 */
import { guard } from "../errors";
import { asOfArg, choiceOf, optionalDateArg } from "../args";
import { COHORT_MEASURE, PERIOD } from "../params";
import type { Metric } from "../retention";
import { excelSerialFromDay, isoFromDay, type CellValue } from "../values";
import { cohortCell, cohorts, type CohortMeasure, type Cohorts } from "./cohorts";
import { flowsRetention, flowsWindow, movements, resolveWindow, type Flows, type MovementRow, type PeriodKind, type Window } from "./movements";
import { readHistory, type History } from "./read";

export const MOVEMENT_HEADERS = ["Period", "Opening", "New", "Reactivation", "Expansion", "Contraction", "Churn", "Closing", "Opening customers", "New customers", "Reactivated customers", "Churned customers", "Closing customers"] as const;

/** period: "month" (default), "quarter" or "year". */
const periodArg = (fn: string, v: unknown): PeriodKind => choiceOf(fn, PERIOD, v);

/** measure: "revenue" (default) or "logos". */
const measureArg = (fn: string, v: unknown): CohortMeasure => choiceOf(fn, COHORT_MEASURE, v);

/**
 * The window of a call: period, from, to and as_of read and checked before the table is read; the movements
 * window (from the start of history to as_of's period) or the flows window (the trailing year of complete periods).
 */
function windowArgs(fn: string, subscriptions: unknown, period: unknown, from: unknown, to: unknown, as_of: unknown, use: "movements" | "flows"): { h: History; w: Window } {
  const kind = periodArg(fn, period);
  const f = optionalDateArg(fn, "from", from);
  const t = optionalDateArg(fn, "to", to);
  const asOf = asOfArg(fn, as_of);
  if (use === "flows") {
    const w = flowsWindow(fn, kind, f, t, asOf);
    return { h: readHistory(fn, subscriptions), w };
  }
  const h = readHistory(fn, subscriptions);
  return { h, w: resolveWindow(fn, h, kind, f, t, asOf) };
}

/** The bridge as cells: the exact headers, Period as an Excel serial date (hosts format it as a date). */
export function movementRows(rows: readonly MovementRow[]): CellValue[][] {
  const out: CellValue[][] = [[...MOVEMENT_HEADERS]];
  for (const r of rows) {
    out.push([excelSerialFromDay(r.day), r.opening, r.new, r.reactivation, r.expansion, r.contraction, r.churn, r.closing, r.openingCustomers, r.newCustomers, r.reactivatedCustomers, r.churnedCustomers, r.closingCustomers]);
  }
  return out;
}

/** XSELL_FLOWS's labelled rows, each with its kind (the tab formats from it). The window's days are in the labels. */
export function flowsMetrics(f: Flows, unit: string, kind: PeriodKind): Metric[] {
  const reconciliation = f.opening + f.new + f.reactivation + f.expansion - f.contraction - f.churn - f.closing;
  return [
    { label: `Opening ${unit} on ${isoFromDay(f.openingDay)} (the base)`, value: f.opening, kind: "money" },
    { label: `Expansion ${unit}`, value: f.expansion, kind: "money" },
    { label: `Contraction ${unit}`, value: f.contraction, kind: "money" },
    { label: `Churned ${unit}`, value: f.churn, kind: "money" },
    { label: `New ${unit} (excluded)`, value: f.new, kind: "money" },
    { label: `Reactivation ${unit} (excluded)`, value: f.reactivation, kind: "money" },
    { label: `Closing ${unit} on ${isoFromDay(f.closingDay)}`, value: f.closing, kind: "money" },
    { label: "NRR (flows): (opening + expansion − contraction − churn) ÷ opening", value: f.nrr, kind: "share", key: true },
    { label: "GRR (flows): (opening − contraction − churn) ÷ opening", value: f.grr, kind: "share", key: true },
    { label: `Periods (${kind}s)`, value: f.periods, kind: "count" },
    { label: "Accounts at the window's start", value: f.openingCustomers, kind: "count" },
    { label: "Reconciliation: opening + new + reactivation + expansion − contraction − churn − closing", value: Math.abs(reconciliation) < 1e-9 * Math.max(1, f.opening, f.closing) ? 0 : reconciliation, kind: "money" },
  ];
}

export function flowsRows(f: Flows, unit: string, kind: PeriodKind): CellValue[][] {
  return [["Measure", "Value"], ...flowsMetrics(f, unit, kind).map((m) => [m.label, m.value])];
}

/** The triangle as cells: Cohort (an Excel serial date), Accounts, Starting <unit>, then columns 0, 1, 2… */
export function cohortRows(t: Cohorts, unit: string, measure: CohortMeasure): CellValue[][] {
  const columns = Math.max(1, t.columns);
  const out: CellValue[][] = [["Cohort", "Accounts", `Starting ${unit}`, ...Array.from({ length: columns }, (_, k) => k)]];
  for (const c of t.cohorts) {
    const row: CellValue[] = [excelSerialFromDay(c.day), c.accounts, c.starting];
    for (let k = 0; k < columns; k++) {
      const v = k < t.columns ? cohortCell(c, k, measure) : NaN;
      row.push(Number.isNaN(v) ? "" : v);
    }
    out.push(row);
  }
  return out;
}

/** One row per period: Opening, New, Reactivation, Expansion, Contraction, Churn, Closing and the customer counts. */
export function XSELL_MOVEMENTS(subscriptions: unknown, period?: unknown, from?: unknown, to?: unknown, as_of?: unknown): CellValue[][] {
  const fn = "XSELL_MOVEMENTS";
  return guard(fn, () => {
    const { h, w } = windowArgs(fn, subscriptions, period, from, to, as_of, "movements");
    return movementRows(movements(h, w));
  });
}

/** NRR and GRR by flows over a window (ChartMogul's definitions) with their parts, as Measure, Value rows. */
export function XSELL_FLOWS(subscriptions: unknown, period?: unknown, from?: unknown, to?: unknown, as_of?: unknown): CellValue[][] {
  const fn = "XSELL_FLOWS";
  return guard(fn, () => {
    const f = flowsOf(fn, subscriptions, period, from, to, as_of);
    return flowsRows(f.flows, f.unit, f.kind);
  });
}

/** The cohort triangle: start cohorts down, periods since start across, revenue or logo retention in the cells. */
export function XSELL_COHORTS(subscriptions: unknown, period?: unknown, measure?: unknown, as_of?: unknown): CellValue[][] {
  const fn = "XSELL_COHORTS";
  return guard(fn, () => {
    const kind = periodArg(fn, period);
    const m = measureArg(fn, measure);
    const asOf = asOfArg(fn, as_of);
    const h = readHistory(fn, subscriptions);
    return cohortRows(cohorts(fn, h, kind, asOf), h.unit, m);
  });
}

/** The window and the flows in one call, for XSELL_FLOWS and for NRR, GRR and RETENTION given a history. */
export function flowsOf(fn: string, subscriptions: unknown, period: unknown, from: unknown, to: unknown, as_of: unknown): { flows: Flows; unit: string; kind: PeriodKind } {
  const { h, w } = windowArgs(fn, subscriptions, period, from, to, as_of, "flows");
  return { flows: flowsRetention(fn, h, w), unit: h.unit, kind: w.kind };
}

