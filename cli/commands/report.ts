/**
 * `xsell report`: the add-in's tabs written to an .xlsx workbook, offline, from CSV or xlsx inputs.
 * The file is written to a temporary name beside --out and renamed when complete, so a failure never leaves a
 * half-written workbook; an existing --out is refused unless --force.
 */
import { existsSync, linkSync, mkdirSync, renameSync, rmdirSync, rmSync, statSync } from "node:fs";
import { constants as osConstants } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fmtCount } from "../../core/limits";
import { joinNote } from "../../core/ownership";
import type { ReadOptions } from "../../core/read/columns";
import { buildTab, canBuild, rememberRead, TAB_KINDS, tabDef, TABS, type SheetSpec, type TabInputs, type TabKind } from "../../core/tabs";
import type { Table } from "../../core/table";
import type { CellValue } from "../../core/values";
import type { Command, Flag } from "../command";
import { AS_OF_FLAG, MODEL_FLAG, parseAsOf, READING_FLAGS, readLoaded } from "../inputs";
import { CliError, describeError, terminalText } from "../io";
import { PhaseProgress, type ProgressStream } from "../progress";
import type { LoadedTable } from "../readers";
import { engineOwnership, engineTable, readAccounts, readOther } from "../report-inputs";
import { refuseInputAsOut, writeError } from "../out-file";
import { removeStaleTemps } from "../stale-temps";
import { XlsxStreamWriter } from "../xlsx-stream";
import { duckdbAggregates } from "../engine";

/** The flags of `xsell report`: its --help, parsing and the synopsis are derived from this table. */
export const REPORT_FLAGS: readonly Flag[] = [
  { name: "out", kind: "value", value: "<report.xlsx>", required: true, description: "the workbook to write" },
  { name: "ownership", kind: "value", value: "<file or sheet>", description: "who owns which product (wide or long); a sheet name reads the accounts workbook" },
  { name: "retention", kind: "value", value: "<file or sheet>", description: "Account[, Product], Start ARR, End ARR" },
  { name: "prices", kind: "value", value: "<file or sheet>", description: "Product, Price (expected ARR instead of propensity)" },
  { name: "subscriptions", kind: "value", value: "<file or sheet>", description: "subscription history: Account, Product, ARR or MRR, Start Date, End Date" },
  { name: "outcomes", kind: "value", value: "<file or sheet>", description: "whether each account expanded: Account, Expanded (yes/no, 1/0 or an amount), for the Validation tab" },
  { name: "tabs", kind: "value", value: TAB_KINDS.join(","), default: "every tab the inputs allow", description: "which tabs to write, comma-separated" },
  MODEL_FLAG,
  AS_OF_FLAG,
  { name: "data", kind: "value", value: "copy|none", default: "copy", description: "copy the input tables into Data tabs (hidden), or leave them out" },
  ...READING_FLAGS,
  { name: "engine", kind: "value", value: "duckdb", default: "memory", description: "duckdb: read ownership, retention and subscriptions (CSV or Parquet, any size) through DuckDB: the Adjacency and Retention tabs from its aggregates, the per-account tabs from ownership reduced to one row per account and product while its accounts fit a sheet (no cohort triangle, no Timing tab, no copy of them in data tabs)" },
  { name: "force", kind: "switch", description: "replace --out if it exists" },
];

export interface ReportOptions {
  accounts: string;
  ownership?: string;
  retention?: string;
  prices?: string;
  subscriptions?: string;
  /** Account, Expanded: what happened after the scores, for the Validation tab. */
  outcomes?: string;
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
  /** Whether the input tables are copied into Data tabs (default "copy"). */
  data?: "copy" | "none";
  /** Keep each tab's spec in the result (default true; the command line drops them as soon as they are written). */
  keepSpecs?: boolean;
  progress?: ProgressStream;
  /** Where the column reports go (stderr from the command line; nowhere by default). */
  log?: (text: string) => void;
}

export interface ReportResult {
  out: string;
  tabs: { kind: TabKind; sheet: string; spec?: SheetSpec }[];
  accountsRows: number;
  retentionRows?: CellValue[][];
}

export function parseEngine(value: string | undefined): "duckdb" | undefined {
  if (value === undefined || value.toLowerCase() === "memory") return undefined;
  if (value.toLowerCase() === "duckdb") return "duckdb";
  throw new CliError(`--engine: "${value}" is not an engine; use duckdb (or memory, the default)`);
}

function parseData(value: string | undefined): "copy" | "none" {
  if (value === undefined) return "copy";
  const v = value.trim().toLowerCase();
  if (v === "copy" || v === "none") return v;
  throw new CliError(`--data: "${value}" is not copy (the input tables as Data tabs) or none (leave them out)`);
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
  const have = { accounts: true, ownership: Boolean(o.ownership), retention: Boolean(o.retention), subscriptions: Boolean(o.subscriptions), outcomes: Boolean(o.outcomes) };
  return TABS.filter((t) => canBuild(t, have)).map((t) => t.kind);
}

/** The tabs asked for (or the default), less those the engine's aggregates cannot build: said, or refused when asked for. */
function engineTabs(o: ReportOptions, unavailable: ReadonlyMap<string, string>): TabKind[] {
  const tabs = o.tabs ?? defaultTabs(o);
  for (const t of tabs) {
    const why = unavailable.get(t);
    if (why && o.tabs) throw new CliError(`--tabs ${t} with --engine duckdb: ${why}`);
    if (why) o.log?.(`${tabDef(t).title} tab left out: ${why}`);
  }
  return tabs.filter((t) => !unavailable.has(t));
}

/** The signals a report cleans up after: Ctrl-C, kill, and a closed terminal or SSH session. */
const INTERRUPTS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Temporary names are unique within the process too (two reports may be written at once). */
let tmpCounter = 0;

export async function writeReport(o: ReportOptions): Promise<ReportResult> {
  const out = resolve(o.out);
  if (extname(out).toLowerCase() !== ".xlsx") throw new CliError(`--out must name an .xlsx file, got ${o.out}`);
  // exclusive creation found --out made by another run meanwhile
  const appeared = `${o.out} appeared while the report was being written; pass --force to replace it`;
  const files = [o.accounts, o.ownership, o.retention, o.prices, o.subscriptions, o.outcomes, o.model];
  refuseInputAsOut(o.out, files, "the report");
  if (existsSync(out) && !o.force) throw new CliError(`${o.out} already exists; pass --force to replace it`);
  const asOf = parseAsOf(o.asOf);
  const data = o.data ?? "copy";
  // the bars show for large inputs: judged by the bytes to read (about 100 bytes a row) before a row is read
  const totalBytes = files.reduce((sum, f) => sum + (f && existsSync(f) && statSync(f).isFile() ? statSync(f).size : 0), 0);
  const progress = new PhaseProgress(o.progress ?? { write: () => true }, totalBytes / 100, ["reading", "computing", "writing"]);
  // the column reports print above the bars, never after a bar on its line
  const log = o.log;
  if (log) o = { ...o, log: (text) => progress.above(() => log(text)) };
  let readBytes = 0;
  const onBytes = (n: number): void => {
    readBytes += n;
    progress.update(0, readBytes, totalBytes, `${(readBytes / 2 ** 20).toFixed(0)} of ${(totalBytes / 2 ** 20).toFixed(0)} MB`);
  };
  // `let`: the account table is let go (table = undefined) once the tabs that read it are written; a second
  // binding to it would keep a million rows alive to the end
  let { loaded: accounts, options, table, model }: { loaded: LoadedTable; options: ReadOptions; table: Table | undefined; model: unknown } = await readAccounts({ ...o, onBytes });
  // --engine duckdb: retention and subscriptions stay where they are; DuckDB computes what the Retention tab needs
  const engine = o.engine === "duckdb" ? await duckdbAggregates({ ownership: o.ownership, prices: o.ownership ? o.prices : undefined, retention: o.retention, subscriptions: o.subscriptions }, asOf, o.log) : null;
  // with the engine, ownership is read by DuckDB: the Adjacency tab takes its counts, the per-account tabs its rows
  // reduced to one per account and product (when they fit a sheet)
  const ownership = o.ownership ? (engine ? engineOwnership(o.ownership, engine.ownershipRows, asOf) : await readOther(o.ownership, o, asOf, "ownership", onBytes)) : undefined;
  if (ownership) {
    const unmatched = joinNote(ownership.own!, table);
    if (unmatched) o.log?.(`${accounts.label} × ${ownership.loaded.label}: ${unmatched}`);
  }
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.${(tmpCounter += 1)}.tmp`);
  // what a run killed with -9 left beside this --out (its process gone, untouched for a minute) goes first
  removeStaleTemps(out);
  // folders made for --out, undone on failure: a run that fails (a later input unreadable) leaves nothing behind
  const madeFolders: string[] = [];
  const cleanUp = (): void => {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // no folder, so no temporary file (ENOTDIR, EACCES): the write's own error is the one to report
    }
    for (const folder of madeFolders.reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // no longer empty (something else wrote there): left as it is
      }
    }
  };
  // interrupted while writing (Ctrl-C, kill, a closed terminal or SSH session): no temporary file is left beside
  // --out, and the exit code is the shell's for that signal (kill -9 cannot be caught; nothing can)
  const onSignal = (signal: NodeJS.Signals): void => {
    cleanUp();
    // on a line of its own: the terminal shows ^C, or a bar is drawn, where the cursor stands
    process.stderr.write(`\nxsell: interrupted (${signal}); nothing was written to ${o.out}\n`);
    process.exit(128 + osConstants.signals[signal]);
  };
  for (const signal of INTERRUPTS) process.once(signal, onSignal);
  let writer: XlsxStreamWriter | undefined;
  const result: ReportResult = { out, tabs: [], accountsRows: table.rows.length };
  try {
    try {
      makeFolder(dirname(out), madeFolders);
      if (madeFolders.length > 0) o.log?.(`made the folder ${madeFolders[0]}${madeFolders.length > 1 ? ` and ${madeFolders.length - 1} inside it` : ""} for --out`);
      writer = new XlsxStreamWriter(tmp);
    } catch (e) {
      throw writeError(o.out, e, appeared);
    }
    const w = writer;
    const writing = (label: string, total: number) => (done: number) => progress.update(2, done, total, `${label}: ${fmtCount(done)} of ${fmtCount(total)} rows`);
    const dates = (t: Table): Set<number> => new Set(t.report.columns.filter((c) => c.readAs.startsWith("dates")).map((c) => c.index));
    const copy = async (name: string, order: number, t: Table | undefined): Promise<void> => {
      if (data === "copy" && t) await w.addDataSheet(name, t.headers, t.rows, dates(t), { order, onRows: writing(name, t.rows.length + 1) });
    };
    const lean = o.keepSpecs === false;
    // The ownership copy is written, and its rows let go, before the next table is read: a million accounts'
    // ownership and retention rows are never held at once (the workbook still lists its sheets in the usual order)
    if (data === "copy" && ownership && !engine) {
      if (ownership.table) await copy("Data - Ownership", 101, ownership.table);
      // a wide ownership table is copied as its cells (it has no column report)
      else await w.addDataSheet("Data - Ownership", ownership.loaded.rows[0] ?? [], ownership.loaded.rows.slice(1), new Set(), { order: 101, onRows: writing("Data - Ownership", ownership.loaded.rows.length) });
    }
    if (lean && ownership?.table) {
      // the builders read ownership as read (products, owners), not its rows: the rows can go
      ownership.own = { ...ownership.own!, table: undefined };
      ownership.table = undefined;
      ownership.loaded.rows = [];
    }
    const retention = o.retention && !engine ? await readOther(o.retention, o, asOf, "retention", onBytes) : undefined;
    const prices = o.prices ? (engine?.pricesRows ? engineTable(o.prices, engine.pricesRows) : await readOther(o.prices, o, asOf, "prices", onBytes)) : undefined;
    const subscriptions = o.subscriptions && !engine ? await readOther(o.subscriptions, o, asOf, "subscriptions", onBytes) : undefined;
    // outcomes are read in memory with or without the engine (the engine computes ownership, retention and subscriptions)
    const outcomes = o.outcomes ? await readOther(o.outcomes, o, asOf, "outcomes", onBytes) : undefined;
    const tabs = engine ? engineTabs(o, engine.unavailable) : o.tabs ?? defaultTabs(o);
    progress.update(0, 1, 1, `${(totalBytes / 2 ** 20).toFixed(0)} MB`);
    result.retentionRows = retention?.loaded.rows;
    let inputs: TabInputs = {
      accounts: accounts.rows,
      ownership: ownership?.loaded.rows,
      retention: retention?.loaded.rows,
      prices: prices?.loaded.rows,
      subscriptions: subscriptions?.loaded.rows,
      outcomes: outcomes?.loaded.rows,
      model,
      asOf,
      readOptions: options,
      otherOptions: { ownership: ownership?.options, retention: retention?.options, prices: prices?.options, subscriptions: subscriptions?.options, outcomes: outcomes?.options },
      precomputed: engine?.precomputed,
      destination: "xlsx",
    };
    // each table was read once above; the builders take those reads instead of reading the grids again
    rememberRead({
      accounts: { grid: accounts.rows, options, table },
      ownership: ownership ? { grid: ownership.loaded.rows, own: ownership.own! } : undefined,
      retention: retention?.table ? { grid: retention.loaded.rows, table: retention.table } : undefined,
    });
    let built = 0;
    const tab = async (kind: TabKind): Promise<void> => {
      const title = tabDef(kind).title;
      progress.update(1, built, tabs.length, `${title} (${built + 1} of ${tabs.length} tabs)`);
      let spec: SheetSpec;
      try {
        spec = buildTab(kind, inputs);
      } catch (e) {
        throw new CliError(describeError(e));
      }
      progress.update(1, ++built, tabs.length, `${title} (${built} of ${tabs.length} tabs)`);
      const sheet = await w.addSpecSheet(spec, { order: tabs.indexOf(kind), onRows: writing(title, spec.rows) });
      result.tabs.push(lean ? { kind, sheet } : { kind, sheet, spec });
    };
    // Sheets are written in the order that lets go of memory soonest (the workbook lists them in the usual order):
    // after the ownership copy above, the Retention tab and the retention copy free that table before the largest
    // tabs are built. One tab at a time: built, written, and let go before the next.
    if (tabs.includes("retention")) await tab("retention");
    await copy("Data - Retention", 102, retention?.table);
    if (lean && retention) {
      inputs = { ...inputs, retention: undefined };
      retention.table = undefined;
      retention.loaded.rows = [];
      result.retentionRows = undefined;
    }
    // then the tabs that read the account table, its copy, and the account table let go before the largest tab
    const readsAccounts: TabKind[] = ["scorecard", "scenario", "validation"];
    for (const kind of tabs) if (readsAccounts.includes(kind)) await tab(kind);
    await copy("Data", 100, table);
    if (lean) {
      inputs = { ...inputs, accounts: undefined };
      table = undefined;
      accounts.rows = [];
    }
    for (const kind of tabs) if (kind !== "retention" && !readsAccounts.includes(kind)) await tab(kind);
    result.tabs.sort((a, b) => tabs.indexOf(a.kind) - tabs.indexOf(b.kind));
    await copy("Data - Prices", 103, prices ? readLoaded(prices.loaded, prices.options) : undefined);
    await copy("Data - Subscriptions", 104, subscriptions ? readLoaded(subscriptions.loaded, subscriptions.options) : undefined);
    await copy("Data - Outcomes", 105, outcomes ? readLoaded(outcomes.loaded, outcomes.options) : undefined);
    await w.close();
    progress.done();
    if (o.force) renameSync(tmp, out);
    else {
      // exclusive creation: two runs to one --out cannot both succeed (a link fails where the name exists)
      linkSync(tmp, out);
      rmSync(tmp);
    }
  } catch (e) {
    writer?.abort();
    cleanUp();
    progress.done();
    if (e instanceof CliError) throw e;
    throw writeError(o.out, e, appeared);
  } finally {
    for (const signal of INTERRUPTS) process.off(signal, onSignal);
  }
  return result;
}

/**
 * Creates --out's folder a level at a time: Node's recursive mkdir never returns under /proc (each level answers
 * ENOENT and it tries again), and a level that is a file is named in the sentence. Each folder made goes into `made`.
 */
function makeFolder(dir: string, made: string[]): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is a file`), { code: "ENOTDIR", path: dir });
    return;
  }
  const parent = dirname(dir);
  if (parent !== dir) makeFolder(parent, made);
  mkdirSync(dir);
  made.push(dir);
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
      outcomes: args.value("outcomes"),
      tabs: parseTabs(args.value("tabs")),
      model: args.value("model"),
      asOf: args.value("as-of"),
      map: args.list("map"),
      dateOrder: args.value("date-order"),
      decimal: args.value("decimal"),
      out,
      force: args.on("force"),
      engine: parseEngine(args.value("engine")),
      data: parseData(args.value("data")),
      keepSpecs: false,
      progress: process.stderr,
      log: (text) => process.stderr.write(`${terminalText(text)}\n`),
    });
    console.log(`Wrote ${out}: ${res.tabs.map((t) => t.sheet).join(", ")}${parseData(args.value("data")) === "none" ? "" : " and the input data"} (${fmtCount(res.accountsRows)} account rows).`);
    return 0;
  },
};
