/**
 * `xsell report`: the add-in's tabs written to an .xlsx workbook, offline, from CSV or xlsx inputs.
 * The file is written to a temporary name beside --out and renamed when complete, so a failure never leaves a
 * half-written workbook; an existing --out is refused unless --force.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { asOfArg } from "../../core/args";
import { buildTab, TAB_KINDS, type SheetSpec, type TabKind } from "../../core/tabs";
import { detectMapping, MAPPABLE_FIELDS } from "../../core/tabs/mapping";
import { CliError, describeError, parseFlags } from "../io";
import { Progress, type ProgressStream } from "../progress";
import { readTableFile, readTableRef } from "../readers";
import { addDataSheet, addSpecSheet } from "../xlsx-writer";
import { PRESETS } from "../../core/model";
import type { CellValue } from "../../core/values";

export interface ReportOptions {
  accounts: string;
  ownership?: string;
  retention?: string;
  prices?: string;
  tabs?: TabKind[];
  model?: string;
  asOf?: string;
  out: string;
  force?: boolean;
  progress?: ProgressStream;
}

export interface ReportResult {
  out: string;
  tabs: { kind: TabKind; sheet: string; spec: SheetSpec }[];
  accountsRows: number;
  dataRows: CellValue[][];
  retentionRows?: CellValue[][];
}

export const REPORT_FLAGS = { ownership: "value", retention: "value", prices: "value", tabs: "value", model: "value", "as-of": "value", out: "value", force: "switch" } as const;

export function parseTabs(value: string | undefined): TabKind[] | undefined {
  if (value === undefined) return undefined;
  const tabs = value.split(",").map((t) => t.trim().toLowerCase()).filter(Boolean);
  for (const t of tabs) if (!TAB_KINDS.includes(t as TabKind)) throw new CliError(`--tabs: unknown tab "${t}"; choose from ${TAB_KINDS.join(",")}`);
  if (tabs.length === 0) throw new CliError("--tabs: name at least one tab");
  return tabs as TabKind[];
}

/** Tabs that the given inputs can build, in the add-in's order. */
function defaultTabs(o: ReportOptions): TabKind[] {
  return TAB_KINDS.filter((k) => (k === "whitespace" || k === "adjacency" ? Boolean(o.ownership) : k === "retention" ? Boolean(o.retention) : true));
}

export async function writeReport(o: ReportOptions): Promise<ReportResult> {
  const out = resolve(o.out);
  if (extname(out).toLowerCase() !== ".xlsx") throw new CliError(`--out must name an .xlsx file, got ${o.out}`);
  if (existsSync(out) && !o.force) throw new CliError(`${o.out} already exists; pass --force to replace it`);
  const accounts = await readTableFile(o.accounts);
  const ownership = o.ownership ? await readTableRef(o.ownership, o.accounts) : undefined;
  const retention = o.retention ? await readTableRef(o.retention, o.accounts) : undefined;
  const prices = o.prices ? await readTableRef(o.prices, o.accounts) : undefined;
  let model: unknown = null;
  if (o.model) model = o.model.toLowerCase() in PRESETS ? o.model.toLowerCase() : (await readTableFile(o.model)).rows;
  const mapping = detectMapping(accounts.rows[0] ?? []);
  const recognized = MAPPABLE_FIELDS.filter((f) => mapping[f] >= 0);
  if (recognized.length === 0) {
    const found = (accounts.rows[0] ?? []).map((h) => `"${String(h)}"`).slice(0, 10).join(", ");
    throw new CliError(`${accounts.label}: no recognized columns; expected headers such as Account, ARR, Licenses, Active Users, NPS, Renewal Date (found ${found || "an empty header row"})`);
  }
  let asOf: number;
  try {
    asOf = asOfArg("xsell", o.asOf ?? null);
  } catch (e) {
    throw new CliError(`--as-of: ${describeError(e).replace(/^#VALUE! xsell: as_of: /, "")}`);
  }
  const tabs = o.tabs ?? defaultTabs(o);
  const rows = accounts.rows.length - 1;
  const progress = new Progress(o.progress ?? { write: () => true }, Math.max(rows, ownership ? ownership.rows.length : 0), tabs.length * 2 + 1);
  const wb = new ExcelJS.Workbook();
  wb.creator = "XSELL";
  wb.created = new Date(0); // deterministic files: the same inputs give the same workbook
  wb.modified = new Date(0);
  wb.calcProperties.fullCalcOnLoad = true; // formulas carry no cached results: the app computes them on open
  const result: ReportResult = { out, tabs: [], accountsRows: rows, dataRows: accounts.rows, retentionRows: retention?.rows };
  const inputs = { accounts: accounts.rows, ownership: ownership?.rows, retention: retention?.rows, prices: prices?.rows, model, asOf };
  let step = 0;
  for (const kind of tabs) {
    progress.step(++step, `building ${kind}`);
    let spec: SheetSpec;
    try {
      spec = buildTab(kind, inputs);
    } catch (e) {
      throw new CliError(describeError(e));
    }
    progress.step(++step, `writing ${kind}`);
    const ws = addSpecSheet(wb, spec);
    result.tabs.push({ kind, sheet: ws.name, spec });
  }
  addDataSheet(wb, "Data", accounts.rows);
  if (ownership) addDataSheet(wb, "Data - Ownership", ownership.rows);
  if (retention) addDataSheet(wb, "Data - Retention", retention.rows);
  progress.step(++step, "saving");
  mkdirSync(dirname(out), { recursive: true });
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${o.out}: ${e instanceof Error ? e.message : String(e)}`);
  }
  progress.done();
  return result;
}

export async function report(args: string[]): Promise<number> {
  const { positional, flags } = parseFlags(args, REPORT_FLAGS);
  if (positional.length !== 1) throw new CliError("report needs one accounts file: xsell report <accounts.csv|.xlsx> --out <report.xlsx>");
  const out = flags.get("out");
  if (typeof out !== "string") throw new CliError("report needs --out <report.xlsx>");
  const str = (k: string): string | undefined => {
    const v = flags.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const res = await writeReport({
    accounts: positional[0],
    ownership: str("ownership"),
    retention: str("retention"),
    prices: str("prices"),
    tabs: parseTabs(str("tabs")),
    model: str("model"),
    asOf: str("as-of"),
    out,
    force: flags.get("force") === true,
    progress: process.stderr,
  });
  console.log(`Wrote ${out}: ${res.tabs.map((t) => t.sheet).join(", ")} and the input data (${res.accountsRows} account rows).`);
  return 0;
}
