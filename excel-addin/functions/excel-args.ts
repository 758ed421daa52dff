/**
 * What Excel passes a custom function, made into what the core reads, the same on every Excel:
 *
 *  - **Data types.** functions.json allows data types for `any` parameters (allowCustomDataForDataTypeAny), so a
 *    linked entity (Stocks, Organizations, a company data type) or a formatted number arrives as JSON. A cell
 *    reads as what it shows: an entity as its `text`, a formatted number, string or boolean as its `basicValue`.
 *  - **Error cells.** functions.json also allows error cells (allowErrorForDataTypeAny, written by the build), so
 *    they arrive as `{ type: "Error", basicValue: "#N/A", … }` and tables read them as missing. A single-value
 *    argument that is an error (as_of = #N/A) is the answer's reason: #N/A stays #N/A, any other error becomes
 *    #VALUE!, each with a message naming the argument (only #VALUE! and #N/A show messages).
 *  - **Blanks.** Excel desktop passes an empty cell as 0, the web as null (office-js #4702, #5262). Each
 *    parameter's ParamSpec.zero (core/catalog.ts) says what a 0 can mean there; this is the one place it is
 *    enforced. Where 0 is a real value, zeros are checked against Excel: functions.json asks for the arguments'
 *    addresses (requiresParameterAddresses) and the shared runtime reads those cells' valueTypes; a zero whose
 *    cell is "Empty" becomes a blank. Excel cannot be asked when an argument is not a reference (an array
 *    constant, FILTER(…), another function's result): there zeros stay zeros, except that table rows holding only
 *    zeros and blanks are blank rows.
 *  - **1904 dates.** In a workbook using the 1904 date system, date serials count from 1904-01-01. The workbook's
 *    system is asked once (Excel's DATE function answers in it); then as_of numbers, and numbers in date-formatted
 *    cells of table arguments (their number formats read like the value types above), are moved to the 1900
 *    system the core reads. Date cells of a table passed as an expression cannot be told apart and stay as they are.
 */
import type { FunctionSpec, ParamSpec } from "../../core/catalog";
import type { ExcelContext } from "../excel-surface";

/** What the wrapper layer needs of a catalog entry; the generated wrappers carry it (so the catalog's prose is not bundled). */
export interface ExcelSpec {
  readonly id: FunctionSpec["id"];
  readonly result: FunctionSpec["result"];
  readonly params: readonly Pick<ParamSpec, "name" | "shape" | "zero">[];
}

/** Days between Excel's 1900 and 1904 date systems (1904-01-01 is serial 1462 in the 1900 system). */
export const DAYS_1904 = 1462;

/** A failure of an argument itself, turned into a CustomFunctions.Error by the caller. */
export class ArgError extends Error {
  constructor(readonly code: "#VALUE!" | "#N/A", message: string) {
    super(message);
  }
}

type Grid = unknown[][];
type Obj = { readonly type?: unknown; readonly text?: unknown; readonly basicValue?: unknown; readonly code?: unknown; readonly numberFormat?: unknown };

const ERROR_WORDS: Record<string, string> = {
  NotAvailable: "#N/A",
  Div0: "#DIV/0!",
  Num: "#NUM!",
  Name: "#NAME?",
  Null: "#NULL!",
  Ref: "#REF!",
  Value: "#VALUE!",
  Spill: "#SPILL!",
  Calc: "#CALC!",
  Busy: "#BUSY!",
  Connect: "#CONNECT!",
  Blocked: "#BLOCKED!",
  Field: "#FIELD!",
  GettingData: "#GETTING_DATA",
  Unknown: "#UNKNOWN!",
};

/** The error a value stands for ("#N/A"…), or null when it is not an error. */
export function errorOf(v: unknown): string | null {
  if (v === null || typeof v !== "object" || Array.isArray(v) || v instanceof Date) return null;
  const o = v as Obj & { errorType?: unknown };
  if (o.type === "Error") {
    if (typeof o.basicValue === "string" && o.basicValue.startsWith("#")) return o.basicValue;
    return (typeof o.errorType === "string" && ERROR_WORDS[o.errorType]) || "#VALUE!";
  }
  if (typeof o.code === "string" && o.code.startsWith("#")) return o.code; // a CustomFunctions.Error-shaped object
  return null;
}

/**
 * A cell as the core reads it. Plain values pass through; an error stays an object (the core reads any object
 * as an error value, hence missing); a data type reads as its display text or basic value.
 */
export function plainCell(v: unknown): unknown {
  if (v === null || typeof v !== "object" || v instanceof Date) return v;
  if (errorOf(v) !== null) return v;
  const o = v as Obj;
  if ((o.type === "Entity" || o.type === "LinkedEntity") && typeof o.text === "string") return o.text;
  if ("basicValue" in o) {
    const b = o.basicValue;
    if (b === null || typeof b === "number" || typeof b === "boolean") return b;
    if (typeof b === "string") return b.startsWith("#") ? { type: "Error", basicValue: b } : b;
  }
  if (typeof o.text === "string") return o.text;
  return { type: "Error", basicValue: "#VALUE!" };
}

const isGrid = (v: unknown): v is Grid => Array.isArray(v) && v.every(Array.isArray);
const isBlankish = (v: unknown): boolean => v === null || v === undefined || v === "" || v === 0;

/** Maps cells, copying a row only when one of its cells changes. */
function mapGrid(g: Grid, f: (v: unknown, r: number, c: number) => unknown): Grid {
  let out: Grid | null = null;
  for (let r = 0; r < g.length; r++) {
    const row = g[r];
    let copy: unknown[] | null = null;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      const w = f(v, r, c);
      if (w !== v) {
        copy ??= row.slice();
        copy[c] = w;
      }
    }
    if (copy) {
      out ??= g.slice();
      out[r] = copy;
    }
  }
  return out ?? g;
}

/** Whether any cell of any range argument is null: then this Excel passes empty cells as null, and zeros are zeros. */
function passesBlanksAsNull(args: readonly unknown[]): boolean {
  for (const a of args) {
    if (!isGrid(a)) continue;
    for (const row of a) for (const v of row) if (v === null || v === undefined) return true;
  }
  return false;
}

// ---------- talking to Excel (the shared runtime's Excel.run) ----------

declare const Excel: { run<T>(batch: (context: ExcelContext) => Promise<T>): Promise<T> } | undefined;
declare const Office: { context?: { platform?: string; requirements?: { isSetSupported(set: string, version?: string): boolean } } } | undefined;

const hasExcel = (): boolean => typeof Excel !== "undefined" && Excel !== undefined && typeof Excel.run === "function";
const platform = (): string | undefined => (typeof Office !== "undefined" ? Office?.context?.platform : undefined);

/** "Sheet1!A1:K401", "'Q1 data'!$A$1:$K$401", "[Book1]Sheet1!A:K" → the sheet and the 0-based rectangle. */
export function parseAddress(address: string): { sheet: string; row: number; col: number; rows: number; cols: number } | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return null;
  let sheet = address.slice(0, bang).replace(/^'(.*)'$/s, "$1").replace(/''/g, "'");
  sheet = sheet.replace(/^\[[^\]]*\]/, "");
  const ref = address.slice(bang + 1).replace(/\$/g, "").toUpperCase();
  const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  let m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(ref);
  if (m) {
    const r1 = Number(m[2]) - 1;
    const c1 = col(m[1]);
    const r2 = m[4] ? Number(m[4]) - 1 : r1;
    const c2 = m[3] ? col(m[3]) : c1;
    return { sheet, row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
  }
  m = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(ref);
  if (m) return { sheet, row: 0, col: Math.min(col(m[1]), col(m[2])), rows: 1048576, cols: Math.abs(col(m[2]) - col(m[1])) + 1 };
  m = /^(\d+):(\d+)$/.exec(ref);
  if (m) return { sheet, row: Math.min(+m[1], +m[2]) - 1, col: 0, rows: Math.abs(+m[2] - +m[1]) + 1, cols: 16384 };
  return null;
}

/** Bytes one response may carry, and a first guess of bytes per cell (a value type is ≤ 12 bytes of JSON). */
const READ_BUDGET = 3_000_000;
const TOO_LARGE = new Set(["ResponsePayloadSizeLimitExceeded", "RequestPayloadSizeLimitExceeded"]);

/**
 * Reads a property ("valueTypes" or "numberFormat") of the given rows of a referenced rectangle, in chunks under
 * the web's response limit. Returns row → cells, or null when Excel cannot be asked.
 */
async function readRowsOf(address: string, rows: number, cols: number, wanted: number[], prop: "valueTypes" | "numberFormat"): Promise<Map<number, string[]> | null> {
  const where = parseAddress(address);
  if (!where || where.rows !== rows || where.cols !== cols || wanted.length === 0 || !hasExcel()) return null;
  return Excel!.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(where.sheet);
    const out = new Map<number, string[]>();
    let perCell = prop === "valueTypes" ? 12 : 24;
    for (let i = 0; i < wanted.length; ) {
      const maxRows = Math.max(1, Math.floor(READ_BUDGET / (cols * perCell)));
      const first = wanted[i];
      let j = i;
      while (j + 1 < wanted.length && wanted[j + 1] - first < maxRows) j++;
      const n = wanted[j] - first + 1;
      const range = sheet.getRangeByIndexes(where.row + first, where.col, n, cols).load(prop);
      try {
        await context.sync();
      } catch (e) {
        const code = (e as { code?: string })?.code;
        if (code && TOO_LARGE.has(code) && n > 1) {
          perCell *= 2;
          continue;
        }
        throw e;
      }
      const grid = (prop === "valueTypes" ? range.valueTypes : range.numberFormat) as string[][];
      if (!Array.isArray(grid) || grid.length !== n) return null;
      for (let k = i; k <= j; k++) out.set(wanted[k], grid[wanted[k] - first]);
      i = j + 1;
    }
    return out;
  });
}

let date1904Cache: Promise<boolean> | null = null;

/** Whether the workbook uses the 1904 date system: DATE(2000,1,1) is 36526 in 1900 and 35064 in 1904. Asked once. */
export function workbookUses1904(): Promise<boolean> {
  if (!hasExcel()) return Promise.resolve(false);
  date1904Cache ??= Excel!
    .run(async (context) => {
      const probe = context.workbook.functions.date(2000, 1, 1).load("value");
      await context.sync();
      return probe.value === 36526 - DAYS_1904;
    })
    .catch(() => {
      date1904Cache = null; // ask again next time
      return false;
    });
  return date1904Cache;
}

/** A number format that shows a date (d, m or y outside quotes and brackets, and not only a time's minutes). */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== "string") return false;
  const f = format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .toLowerCase();
  if (/[dy]/.test(f)) return true;
  return /m/.test(f) && !/[hs]/.test(f);
}

// ---------- the one entry point ----------

/**
 * Whether a function asks Excel for its arguments' addresses: it has an argument where a 0 may be an empty cell
 * that only Excel can tell apart. Excel gives addresses only to functions with a matrix result
 * (requiresParameterAddresses), so such a function with a single-value result answers a 1×1 array.
 */
export function takesAddresses(spec: ExcelSpec): boolean {
  return spec.params.some((p) => p.zero === "cells" || p.zero === "rows" || (p.zero === "omitted" && p.shape === "range"));
}

const DATE_SCALARS = new Set(["as_of"]);
/** Tables whose columns may hold dates (Start Date, Renewal Date, End Date…). */
const DATE_TABLES = new Set(["data", "ownership"]);

/**
 * The arguments of one call made ready for the core: data types read as text, scalar error arguments refused
 * with their reason, blanks that arrived as 0 made blank as the catalog says, 1904 serials moved to 1900.
 * `null` stands for an omitted argument (the caller turns it into undefined).
 */
export async function prepareArgs(spec: ExcelSpec, raw: readonly unknown[], invocation?: { parameterAddresses?: string[] }): Promise<unknown[]> {
  const name = `XSELL.${spec.id}`;
  const addresses = invocation?.parameterAddresses;
  const args: unknown[] = raw.map((a, i) => {
    const p = spec.params[i];
    if (!p) return a;
    if (isGrid(a)) {
      // a 1×1 range given for a single value is that value
      if (p.shape === "value" && a.length === 1 && a[0].length === 1) return scalar(name, p, a[0][0]);
      return mapGrid(a, plainCell);
    }
    return p.shape === "value" ? scalar(name, p, a) : plainCell(a);
  });

  // Blanks: what a 0 means, per parameter.
  const zerosMayBeBlanks = platform() !== "OfficeOnline" && !passesBlanksAsNull(raw);
  const lookups: { index: number; rows: number[] }[] = [];
  spec.params.forEach((p, i) => {
    const a = args[i];
    if (p.zero === "same") return;
    if (p.zero === "omitted") {
      if (a === 0 || (isGrid(a) && a.length === 1 && a[0].length === 1 && a[0][0] === 0)) {
        args[i] = null;
        return;
      }
    }
    if (!isGrid(a)) {
      if (a === 0 && p.zero === "cells" && zerosMayBeBlanks && addresses?.[i]) lookups.push({ index: i, rows: [0] });
      return;
    }
    let g = a;
    if (p.zero === "rows" || p.zero === "omitted") {
      g = mapRows(g, (row) => (row.length >= 2 && row.every(isBlankish) && row.some((v) => v === 0) ? row.map(() => null) : row));
      args[i] = g;
    }
    if (!zerosMayBeBlanks || !addresses?.[i]) return;
    const rows: number[] = [];
    g.forEach((row, r) => {
      if (row.includes(0)) rows.push(r);
    });
    if (rows.length > 0) lookups.push({ index: i, rows });
  });

  for (const { index, rows } of lookups) {
    const a = args[index];
    const grid: Grid = isGrid(a) ? a : [[a]];
    const cols = grid[0]?.length ?? 0;
    let types: Map<number, string[]> | null = null;
    try {
      types = await readRowsOf(addresses![index], grid.length, cols, rows, "valueTypes");
    } catch {
      types = null; // Excel could not be asked: zeros stay zeros
    }
    if (!types) continue;
    const t = types;
    const fixed = mapGrid(grid, (v, r, c) => (v === 0 && t.get(r)?.[c] === "Empty" ? null : v));
    args[index] = isGrid(a) ? fixed : fixed[0][0];
  }

  // 1904 dates: only functions reading dates ask Excel which system the workbook uses.
  const dated = spec.params.some((p) => DATE_SCALARS.has(p.name) || DATE_TABLES.has(p.name));
  if (dated && (await workbookUses1904())) {
    for (let i = 0; i < spec.params.length; i++) {
      const p = spec.params[i];
      const a = args[i];
      if (DATE_SCALARS.has(p.name) && typeof a === "number") args[i] = a + DAYS_1904;
      if (DATE_TABLES.has(p.name) && isGrid(a)) args[i] = await shiftDateCells(a, raw[i], addresses?.[i]);
    }
  }
  return args;
}

function mapRows(g: Grid, f: (row: unknown[]) => unknown[]): Grid {
  let out: Grid | null = null;
  for (let r = 0; r < g.length; r++) {
    const w = f(g[r]);
    if (w !== g[r]) {
      out ??= g.slice();
      out[r] = w;
    }
  }
  return out ?? g;
}

/** A single-value argument: data types read as text; an error is the answer. */
function scalar(name: string, p: ExcelSpec["params"][number], v: unknown): unknown {
  const err = errorOf(v);
  if (err !== null) {
    if (err === "#N/A") throw new ArgError("#N/A", `${name}: ${p.name} is #N/A`);
    throw new ArgError("#VALUE!", `${name}: ${p.name} is the error ${err}`);
  }
  return plainCell(v);
}

/** Moves numbers in date-formatted cells (and date-formatted data types) from the 1904 to the 1900 system. */
async function shiftDateCells(g: Grid, raw: unknown, address: string | undefined): Promise<Grid> {
  const rawGrid = isGrid(raw) ? raw : null;
  // formatted numbers carry their format with them
  let out = mapGrid(g, (v, r, c) => {
    const o = rawGrid?.[r]?.[c] as Obj | undefined;
    return typeof v === "number" && o && typeof o === "object" && o.type === "FormattedNumber" && isDateFormat(o.numberFormat) ? v + DAYS_1904 : v;
  });
  if (!address) return out;
  const rows: number[] = [];
  out.forEach((row, r) => {
    if (row.some((v) => typeof v === "number")) rows.push(r);
  });
  let formats: Map<number, string[]> | null = null;
  try {
    formats = await readRowsOf(address, g.length, g[0]?.length ?? 0, rows, "numberFormat");
  } catch {
    formats = null;
  }
  if (!formats) return out;
  const f = formats;
  out = mapGrid(out, (v, r, c) => {
    const o = rawGrid?.[r]?.[c] as Obj | undefined;
    const alreadyShifted = o && typeof o === "object" && o.type === "FormattedNumber";
    return typeof v === "number" && !alreadyShifted && isDateFormat(f.get(r)?.[c]) ? v + DAYS_1904 : v;
  });
  return out;
}
