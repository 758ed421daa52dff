/**
 * Column mapping for the task pane and sidebar: which of the user's columns holds each signal. Detection is the
 * reading layer's own (aliases, arguable headers ignored, one column per field); the user's drop-downs become
 * read options, so the pane, the sidebar and the CLI's --map read a table the same way.
 */
import type { Field } from "../headers";
import type { ReadOptions } from "../read/columns";
import { columnReportRows } from "../read/report";
import { readTable, type Table } from "../table";
import type { CellValue } from "../values";

/** The signals the tabs read, in the order the pane lists them. */
export const MAPPABLE_FIELDS: readonly Field[] = [
  "Account", "Account ID", "ARR", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Funding",
  "Adjacent Feature Usage", "Renewal Date", "Champion", "Plan Usage", "Last Purchase Date",
];

/** Field → column index, or -1 when the table has no such column (or the user switched it off). */
export type Mapping = Record<string, number>;

/** The mapping as read options: -1 switches a field off, a column index maps it there. */
export function mappingColumns(mapping: Mapping | undefined): ReadOptions["columns"] {
  if (!mapping) return undefined;
  const columns: Partial<Record<Field, number | null>> = {};
  for (const f of MAPPABLE_FIELDS) if (f in mapping) columns[f] = mapping[f] >= 0 ? mapping[f] : null;
  return columns;
}

export interface SourceReading {
  readonly table: Table;
  /** The header texts, for the drop-downs. */
  readonly headers: string[];
  /** What the reading layer detected (or the user's mapping, applied). */
  readonly mapping: Mapping;
  /** The column report rows, header first, as XSELL_COLUMNS spills them. */
  readonly report: CellValue[][];
}

/**
 * Reads an account table for a pane: with `mapping` omitted, what the headers say; with it, the user's choice.
 * Throws the reading layer's error (e.g. a date column in both orders) for the pane to show.
 */
export function readSource(fn: string, grid: CellValue[][], mapping?: Mapping, options: Omit<ReadOptions, "columns"> = {}): SourceReading {
  const table = readTable(fn, grid, undefined, { ...options, columns: mappingColumns(mapping) });
  const detected: Mapping = {};
  for (const f of MAPPABLE_FIELDS) detected[f] = table.report.columns.find((c) => c.field === f)?.index ?? -1;
  return { table, headers: table.headers, mapping: detected, report: columnReportRows(table) };
}

/** The read options a pane passes to the tab builders for its mapping. */
export function paneReadOptions(mapping: Mapping | undefined, options: Omit<ReadOptions, "columns"> = {}): ReadOptions {
  return { ...options, columns: mappingColumns(mapping) };
}
