/**
 * `xsell report`: the add-in's tabs written to an .xlsx workbook, offline, from CSV or xlsx inputs.
 * The file is written to a temporary name beside --out and renamed when complete, so a failure never leaves a
 * half-written workbook; an existing --out is refused unless --force.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { isPreset, PRESETS, resolveModel } from "../../core/model";
import { joinNote, readOwnership, type Ownership } from "../../core/ownership";
import type { ReadOptions } from "../../core/read/columns";
import { buildTab, canBuild, tabDef, TAB_KINDS, TABS, type SheetSpec, type TabKind } from "../../core/tabs";
import { findColumn, type Table } from "../../core/table";
import type { CellValue } from "../../core/values";
import type { Command, Flag } from "../command";
import { AS_OF_FLAG, describeTable, MODEL_FLAG, optionsOf, parseAsOf, parseDateOrder, parseDecimal, parseMap, READING_FLAGS, readLoaded } from "../inputs";
import { CliError, describeError, terminalText } from "../io";
import { Progress, type ProgressStream } from "../progress";
import { readTableFile, readTableRef, type LoadedTable } from "../readers";
import { addDataSheet, addSpecSheet } from "../xlsx-writer";
import { duckdbAggregates } from "../engine";
import { addChartsToXlsx } from "../xlsx-charts";

/** The flags of `xsell report`: its --help, parsing and the synopsis are derived from this table. */
export const REPORT_FLAGS: readonly Flag[] = [
  { name: "out", kind: "value", value: "<report.xlsx>", required: true, description: "the workbook to write" },
  { name: "ownership", kind: "value", value: "<file or sheet>", description: "who owns which product (wide or long); a sheet name reads the accounts workbook" },
  { name: "retention", kind: "value", value: "<file or sheet>", description: "Account[, Product], Start ARR, End ARR" },
  { name: "prices", kind: "value", value: "<file or sheet>", description: "Product, Price (expected ARR instead of propensity)" },
  { name: "subscriptions", kind: "value", value: "<file or sheet>", description: "subscription history: Account, Product, ARR or MRR, Start Date, End Date" },
  { name: "tabs", kind: "value", value: TAB_KINDS.join(","), default: "every tab the inputs allow", description: "which tabs to write, comma-separated" },
  MODEL_FLAG,
  AS_OF_FLAG,
  ...READING_FLAGS,
  { name: "engine", kind: "value", value: "duckdb", default: "memory", description: "duckdb: read retention and subscriptions (CSV or Parquet, any size) through DuckDB and build the Retention tab from its aggregates; ownership is then not read in memory (no Whitespace or Adjacency tab), and no input data tabs" },
  { name: "force", kind: "switch", description: "replace --out if it exists" },
];

export interface ReportOptions {
  accounts: string;
  ownership?: string;
  retention?: string;
  prices?: string;
  subscriptions?: string;
  tabs?: TabKind[];
  model?: string;
  asOf?: string;
  /** --map values ("Number of Seats=Licenses"), applied to the account table. */
  map?: string[];
  dateOrder?: string;
  /** --decimal: comma or point, for numbers whose values prove neither. */
  decimal?: string;
  out: string;
  force?: boolean;
  /** Where the large tables are computed: in memory (default) or by DuckDB over the files. */
  engine?: "duckdb";
  progress?: ProgressStream;
  /** Where the column reports go (stderr from the command line; nowhere by default). */
  log?: (text: string) => void;
}

export interface ReportResult {
  out: string;
  tabs: { kind: TabKind; sheet: string; spec: SheetSpec }[];
  accountsRows: number;
  dataRows: CellValue[][];
  retentionRows?: CellValue[][];
  /** The account table as read (its column report included). */
  accounts: Table;
}

export function parseEngine(value: string | undefined): "duckdb" | undefined {
  if (value === undefined || value.toLowerCase() === "memory") return undefined;
  if (value.toLowerCase() === "duckdb") return "duckdb";
  throw new CliError(`--engine: "${value}" is not an engine; use duckdb (or memory, the default)`);
}

function parseTabs(value: string | undefined): TabKind[] | undefined {
  if (value === undefined) return undefined;
  const tabs = value.split(",").map((t) => t.trim().toLowerCase()).filter(Boolean);
  for (const t of tabs) if (!TAB_KINDS.includes(t as TabKind)) throw new CliError(`--tabs: unknown tab "${t}"; choose from ${TAB_KINDS.join(",")}`);
  if (tabs.length === 0) throw new CliError("--tabs: name at least one tab");
  return tabs as TabKind[];
}

/** Tabs that the given inputs can build, in the registry's order. */
function defaultTabs(o: ReportOptions): TabKind[] {
  const have = { accounts: true, ownership: Boolean(o.ownership), retention: Boolean(o.retention), subscriptions: Boolean(o.subscriptions) };
  return TABS.filter((t) => canBuild(t, have)).map((t) => t.kind);
}

/** The account table read and checked, and the model, as `score` and `report` both need them. */
export async function readAccounts(o: { accounts: string; map?: string[]; dateOrder?: string; decimal?: string; model?: string; log?: (text: string) => void }): Promise<{ loaded: LoadedTable; options: ReadOptions; table: Table; model: unknown }> {
  const loaded = await readTableFile(o.accounts);
  const dateOrder = parseDateOrder(o.dateOrder);
  const decimal = parseDecimal(o.decimal);
  const probe = readLoaded(loaded, optionsOf(loaded, dateOrder, undefined, decimal));
  const headerRow = loaded.rows[probe.report.headerRow - 1] ?? [];
  const options = optionsOf(loaded, dateOrder, o.map && o.map.length > 0 ? parseMap(o.map, headerRow) : undefined, decimal);
  const table = o.map && o.map.length > 0 ? readLoaded(loaded, options) : probe;
  o.log?.(describeTable(loaded, table));
  let model: unknown = null;
  if (o.model) {
    const preset = o.model.toLowerCase();
    if (isPreset(preset)) model = preset;
    else if (!existsSync(o.model)) throw new CliError(`--model: "${o.model}" is neither a preset (${Object.keys(PRESETS).join(", ")}) nor a file`);
    else model = (await readTableFile(o.model)).rows;
  }
  let resolved;
  try {
    resolved = resolveModel("--model", model);
  } catch (e) {
    throw new CliError(describeError(e));
  }
  // a table in which the model finds none of its columns would score every account 0: refuse it, saying why
  const wanted = [...new Set(resolved.criteria.flatMap((c) => c.columns))];
  if (!wanted.some((name) => findColumn(table, name) !== undefined)) {
    const found = table.headers.filter(Boolean).map((h) => `"${h}"`).slice(0, 10).join(", ");
    throw new CliError(`${loaded.label}: none of its columns is one the ${resolved.name} model reads; expected headers such as ${wanted.slice(0, 6).join(", ")} (found ${found || "an empty header row"}); map yours with --map "Your header=Licenses"`);
  }
  return { loaded, options, table, model };
}

/** Another input, with its column report (or, for wide ownership, what it holds) printed. */
async function readOther(ref: string, o: ReportOptions, asOf: number, kind: "ownership" | "retention" | "prices" | "subscriptions"): Promise<{ loaded: LoadedTable; options: ReadOptions; own?: Ownership }> {
  const log = o.log;
  const loaded = await readTableRef(ref, o.accounts);
  const options = optionsOf(loaded, parseDateOrder(o.dateOrder), undefined, parseDecimal(o.decimal));
  if (kind === "ownership") {
    let own;
    try {
      own = readOwnership(loaded.label, loaded.rows, asOf, options);
    } catch (e) {
      throw new CliError(describeError(e));
    }
    const what = own.table ? describeTable(loaded, own.table) : `${loaded.label}: wide ownership, ${own.accounts.length} accounts × ${own.products.length} products (${own.products.slice(0, 8).join(", ")}${own.products.length > 8 ? ", …" : ""})`;
    log?.([what, ...own.notes.map((n) => `  · ${n}`)].join("\n"));
    return { loaded, options, own };
  }
  log?.(describeTable(loaded, readLoaded(loaded, options)));
  return { loaded, options };
}

/** The tabs asked for (or the default), less those the engine's aggregates cannot build: said, or refused when asked for. */
function engineTabs(o: ReportOptions, unavailable: ReadonlyMap<string, string>): TabKind[] {
  const tabs = o.tabs ?? defaultTabs(o);
  for (const t of tabs) {
    const why = unavailable.get(t);
    if (why && o.tabs) throw new CliError(`--tabs ${t} with --engine duckdb: ${why}`);
    if (why) o.log?.(`${tabDef(t).title} tab left out: ${why}`);
  }
  if (o.ownership && tabs.includes("scorecard")) o.log?.("Scorecard: with --engine duckdb it has no next product and no gap triggers (they read ownership in memory); xsell sql's xsell_next_product ranks each account's gaps");
  return tabs.filter((t) => !unavailable.has(t));
}

/** Temporary names are unique within the process too (two reports may be written at once). */
let tmpCounter = 0;

/** Whether two paths are one file (the same device and inode: symlinks and hard links included). */
function sameFile(a: string, b: string): boolean {
  const x = statSync(a);
  const y = statSync(b);
  return x.dev === y.dev && x.ino === y.ino;
}

export async function writeReport(o: ReportOptions): Promise<ReportResult> {
  const out = resolve(o.out);
  if (extname(out).toLowerCase() !== ".xlsx") throw new CliError(`--out must name an .xlsx file, got ${o.out}`);
  if (existsSync(out) && !o.force) throw new CliError(`${o.out} already exists; pass --force to replace it`);
  // never write over an input, by any path to it (the same name, a symlink or a hard link)
  for (const input of [o.accounts, o.ownership, o.retention, o.prices, o.subscriptions, o.model]) {
    if (input && existsSync(input) && existsSync(out) && sameFile(input, out)) throw new CliError(`--out ${o.out} is the input ${input}; write the report to another file`);
    if (input && resolve(input) === out) throw new CliError(`--out ${o.out} is the input ${input}; write the report to another file`);
  }
  const asOf = parseAsOf(o.asOf);
  const { loaded: accounts, options, table, model } = await readAccounts(o);
  // --engine duckdb: the other tables stay where they are; DuckDB computes what the tabs need from them
  const engine = o.engine === "duckdb" ? await duckdbAggregates({ ownership: o.ownership, retention: o.retention, subscriptions: o.subscriptions }, asOf, o.log) : null;
  const ownership = o.ownership && !engine ? await readOther(o.ownership, o, asOf, "ownership") : undefined;
  if (ownership) {
    const unmatched = joinNote(ownership.own!, table);
    if (unmatched) o.log?.(`${accounts.label} × ${ownership.loaded.label}: ${unmatched}`);
  }
  const retention = o.retention && !engine ? await readOther(o.retention, o, asOf, "retention") : undefined;
  const prices = o.prices && !engine ? await readOther(o.prices, o, asOf, "prices") : undefined;
  const subscriptions = o.subscriptions && !engine ? await readOther(o.subscriptions, o, asOf, "subscriptions") : undefined;
  const tabs = engine ? engineTabs(o, engine.unavailable) : o.tabs ?? defaultTabs(o);
  const rows = table.rows.length;
  const progress = new Progress(o.progress ?? { write: () => true }, Math.max(rows, ownership ? ownership.loaded.rows.length : 0), tabs.length * 2 + 1);
  const wb = new ExcelJS.Workbook();
  wb.creator = "XSELL";
  wb.created = new Date(0); // deterministic files: the same inputs give the same workbook
  wb.modified = new Date(0);
  wb.calcProperties.fullCalcOnLoad = true; // formulas carry no cached results: the app computes them on open
  const result: ReportResult = { out, tabs: [], accountsRows: rows, dataRows: accounts.rows, retentionRows: retention?.loaded.rows, accounts: table };
  const inputs = {
    accounts: accounts.rows,
    ownership: ownership?.loaded.rows,
    retention: retention?.loaded.rows,
    prices: prices?.loaded.rows,
    subscriptions: subscriptions?.loaded.rows,
    model,
    asOf,
    readOptions: options,
    otherOptions: { ownership: ownership?.options, retention: retention?.options, prices: prices?.options, subscriptions: subscriptions?.options },
    precomputed: engine?.precomputed,
  };
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
  addDataSheet(wb, "Data", [table.headers, ...table.rows], table.report.columns);
  for (const [name, t] of [["Data - Ownership", ownership], ["Data - Retention", retention], ["Data - Prices", prices], ["Data - Subscriptions", subscriptions]] as const) {
    if (!t) continue;
    const read = readLoaded(t.loaded, t.options);
    addDataSheet(wb, name, [read.headers, ...read.rows], read.report.columns);
  }
  progress.step(++step, "saving");
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.${(tmpCounter += 1)}.tmp`);
  const cleanUp = (): void => rmSync(tmp, { force: true });
  // interrupted while writing: no temporary file is left beside --out (kill -9 cannot be caught; nothing can)
  const onSignal = (): void => {
    cleanUp();
    process.exit(130);
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    mkdirSync(dirname(out), { recursive: true });
    await wb.xlsx.writeFile(tmp);
    // charts are DrawingML parts added to the package ExcelJS wrote (it writes none itself)
    const charted = result.tabs.map((t) => ({ sheet: t.sheet, charts: t.spec.charts }));
    if (charted.some((c) => c.charts.length > 0)) writeFileSync(tmp, await addChartsToXlsx(readFileSync(tmp), charted));
    if (o.force) renameSync(tmp, out);
    else {
      // exclusive creation: two runs to one --out cannot both succeed (a link fails where the name exists)
      linkSync(tmp, out);
      rmSync(tmp);
    }
  } catch (e) {
    cleanUp();
    const code = (e as { code?: string }).code;
    if (code === "EEXIST") throw new CliError(`${o.out} appeared while the report was being written; pass --force to replace it`);
    throw new CliError(`cannot write ${o.out}: ${code === "EACCES" || code === "EPERM" ? "permission denied" : e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  }
  progress.done();
  return result;
}

/** `xsell report`: the tabs to a workbook. */
export const reportCommand: Command = {
  name: "report",
  summary: `Writes the ${TABS.map((t) => t.title).join(", ").replace(/, ([^,]*)$/, " and $1")} tabs (those the inputs allow) and the input data to a workbook. Before it computes anything it prints, for each input, how every column was read (to stderr).`,
  usage: "<accounts.csv|.xlsx>",
  flags: REPORT_FLAGS,
  async run(args) {
    if (args.positional.length !== 1) throw new CliError("report needs one accounts file: xsell report <accounts.csv|.xlsx> --out <report.xlsx>");
    const out = args.value("out")!;
    const res = await writeReport({
      accounts: args.positional[0],
      ownership: args.value("ownership"),
      retention: args.value("retention"),
      prices: args.value("prices"),
      subscriptions: args.value("subscriptions"),
      tabs: parseTabs(args.value("tabs")),
      model: args.value("model"),
      asOf: args.value("as-of"),
      map: args.list("map"),
      dateOrder: args.value("date-order"),
      decimal: args.value("decimal"),
      out,
      force: args.on("force"),
      engine: parseEngine(args.value("engine")),
      progress: process.stderr,
      log: (text) => process.stderr.write(`${terminalText(text)}\n`),
    });
    console.log(`Wrote ${out}: ${res.tabs.map((t) => t.sheet).join(", ")} and the input data (${res.accountsRows} account rows).`);
    return 0;
  },
};
