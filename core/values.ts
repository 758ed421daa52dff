/**
 * Cell values as hosts pass them, and the coercions every function shares.
 * Excel passes numbers, strings, booleans, "" or null for blanks, and serial numbers for dates;
 * Sheets passes Date objects and "" for blanks.
 */
export type CellValue = number | string | boolean | Date | null | undefined | { readonly type?: unknown; readonly errorCode?: unknown };
export type Grid = CellValue[][];

/** Why a value could not be read; callers turn it into "missing" or an error depending on the function. */
export type Coerced<T> = { ok: true; value: T } | { ok: false; blank: boolean; reason: string };

const MISSING: Coerced<never> = { ok: false, blank: true, reason: "missing" };

const ERROR_TEXT = /^#(N\/A|REF!|VALUE!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BUSY!|CONNECT!|BLOCKED!|UNKNOWN!|ERROR!?)$/i;

/** An Excel error object (custom functions may receive one for an error cell) or error text like `#N/A`. */
export function isErrorValue(v: CellValue): boolean {
  if (typeof v === "string") return v.length > 1 && v.length < 24 && v.includes("#") && ERROR_TEXT.test(v.trim());
  if (v !== null && typeof v === "object" && !(v instanceof Date)) return true;
  return false;
}

export function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Blank or an error value: both count as "no data" wherever a signal is read. */
export function isMissing(v: CellValue): boolean {
  return isBlank(v) || isErrorValue(v);
}

/** Shows a cell value in a message, truncated so a 10,000-character name cannot flood a tooltip. */
export function showValue(v: CellValue): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "an invalid date" : v.toISOString().slice(0, 10);
  if (typeof v === "string") {
    const s = v.length > 40 ? `${v.slice(0, 40)}…` : v;
    return JSON.stringify(s);
  }
  if (v !== null && typeof v === "object") return "an error value";
  // a host never sends these, a script may: a message must not read "Infinity" as if it were a value
  if (typeof v === "number" && !Number.isFinite(v)) return Number.isNaN(v) ? "a value that is not a number" : "an infinite number";
  return String(v);
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Numbers and numeric text: `"1,200"`, `"$1,200"`, `" 12 "`, `"45%"` → 0.45, `"(300)"` → -300,
 * `"1.2k"` is not accepted (ambiguous). A comma is a thousands separator only in groups of three.
 */
export function toNumber(v: CellValue): Coerced<number> {
  if (typeof v === "number") {
    return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, blank: false, reason: `${v} is not a finite number` };
  }
  if (typeof v === "boolean") return { ok: false, blank: false, reason: `${v ? "TRUE" : "FALSE"} is not a number` };
  if (isMissing(v)) return MISSING;
  if (typeof v !== "string") return { ok: false, blank: false, reason: `${showValue(v)} is not a number` };
  let s = v.trim().replace(/[\u00a0\u202f\u2009 ]/g, "");
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1);
  }
  s = s.replace(/^([+-]?)[$€£¥]/, "$1").replace(/^[$€£¥]([+-]?)/, "$1");
  s = s.replace(/(USD|EUR|GBP)$/i, "").replace(/^(USD|EUR|GBP)/i, "");
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, "");
  if (!NUMERIC.test(s)) return { ok: false, blank: false, reason: `${showValue(v)} is not a number` };
  let n = Number(s);
  if (!Number.isFinite(n)) return { ok: false, blank: false, reason: `${showValue(v)} is too large` };
  if (percent) n /= 100;
  if (negative) n = -n;
  return { ok: true, value: n };
}

const TRUE_WORDS = new Set(["true", "yes", "y", "x", "1", "✓", "✔", "ja", "j", "oui", "wahr", "vrai", "sí", "si"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "-", "none", "nein", "non", "falsch", "faux"]);

/** A yes/no word (Yes, N, TRUE, x, Ja, Oui, …) as a boolean; null for any other text. */
export function yesNoWord(s: string): boolean | null {
  if (s.length > 6) return null;
  const w = s.trim().toLowerCase();
  return TRUE_WORDS.has(w) ? true : FALSE_WORDS.has(w) ? false : null;
}

/** TRUE/FALSE, Yes/No, Y/N, x, 1/0 (as number or text). */
const YES: Coerced<boolean> = { ok: true, value: true };
const NO: Coerced<boolean> = { ok: true, value: false };

export function toBoolean(v: CellValue): Coerced<boolean> {
  if (typeof v === "boolean") return v ? YES : NO;
  if (typeof v === "number") {
    if (v === 1) return YES;
    if (v === 0) return NO;
    return { ok: false, blank: false, reason: `${v} is not a yes/no value` };
  }
  if (isMissing(v)) return MISSING;
  if (typeof v === "string") {
    const w = yesNoWord(v);
    if (w !== null) return w ? YES : NO;
  }
  return { ok: false, blank: false, reason: `${showValue(v)} is not a yes/no value` };
}

/**
 * "Truthy" signals such as Champion or Adjacent Feature Usage: a yes/no value, a number > 0,
 * or any other text (a champion's name). No/N/FALSE/0/-/none are false.
 */
export function toSignal(v: CellValue): Coerced<boolean> {
  if (typeof v === "number") return Number.isFinite(v) ? (v > 0 ? YES : NO) : { ok: false, blank: false, reason: `${v} is not a number` };
  if (typeof v === "string" && v.length > 6 && !v.includes("#")) return YES; // a name, never a yes/no word or error text
  const b = toBoolean(v);
  if (b.ok || b.blank) return b;
  if (typeof v === "string") {
    // a name ("Dana Lee") is a yes; numeric text counts like a number
    const first = v.trimStart().charCodeAt(0);
    if ((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46 || first === 40 || first === 36) {
      const n = toNumber(v);
      if (n.ok) return n.value > 0 ? YES : NO;
    }
    return YES;
  }
  return b;
}

// ---------- dates: an integer count of days since 1970-01-01 (a "day number"), timezone-free ----------

/** Excel serial 25569 is 1970-01-01. Serials below 61 sit before Excel's phantom 1900-02-29. */
const EXCEL_EPOCH_OFFSET = 25569;
export const MAX_EXCEL_SERIAL = 2958465; // 9999-12-31

export function dayFromExcelSerial(serial: number): number {
  const whole = Math.floor(serial);
  return whole < 61 ? whole - EXCEL_EPOCH_OFFSET + 1 : whole - EXCEL_EPOCH_OFFSET;
}

export function excelSerialFromDay(day: number): number {
  const serial = day + EXCEL_EPOCH_OFFSET;
  return serial < 61 ? serial - 1 : serial;
}

export function dayFromYmd(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / 86400000);
}

export function ymdFromDay(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * 86400000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function isoFromDay(day: number): string {
  const { y, m, d } = ymdFromDay(day);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Calendar month arithmetic that clamps to the month's end (Aug 31 − 6 months = Feb 28/29), as EDATE does. */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = ymdFromDay(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return dayFromYmd(ny, nm, Math.min(d, last));
}

/** Whole calendar months from `from` to `to` (negative when `to` is earlier), like DATEDIF "m". */
export function wholeMonthsBetween(from: number, to: number): number {
  if (to < from) return -wholeMonthsBetween(to, from);
  const a = ymdFromDay(from);
  const b = ymdFromDay(to);
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  if (addMonths(from, months) > to) months -= 1;
  return months;
}

const MIN_DAY = dayFromYmd(1900, 1, 1);
const MAX_DAY = dayFromYmd(9999, 12, 31);
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function validYmd(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const day = dayFromYmd(y, m, d);
  const back = ymdFromDay(day);
  return back.y === y && back.m === m && back.d === d ? day : null;
}

/**
 * Dates: Excel serial numbers, JS Dates (Sheets; read in the script's time zone, which Sheets sets to the
 * spreadsheet's), ISO text `2026-03-01` (optionally with a time), `2026/03/01`, `1 Mar 2026`, `Mar 1, 2026`.
 * Slash dates like 03/01/2026 are refused: they mean different days in the US and in Europe.
 */
export function toDay(v: CellValue): Coerced<number> {
  if (isMissing(v)) return MISSING;
  let day: number | null = null;
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 1 || v > MAX_EXCEL_SERIAL) return { ok: false, blank: false, reason: `${v} is not a date (Excel serials run from 1 to ${MAX_EXCEL_SERIAL})` };
    return { ok: true, value: dayFromExcelSerial(v) };
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { ok: false, blank: false, reason: "an invalid date" };
    day = dayOfDate(v);
  } else if (typeof v === "string") {
    const s = v.trim();
    let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
    if (m) day = validYmd(+m[1], +m[2], +m[3]);
    if (day === null && (m = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -,]*(\d{4})$/.exec(s))) {
      const mi = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase());
      if (mi >= 0) day = validYmd(+m[3], mi + 1, +m[1]);
    }
    if (day === null && (m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(s))) {
      const mi = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase());
      if (mi >= 0) day = validYmd(+m[3], mi + 1, +m[2]);
    }
    if (day === null) {
      const n = toNumber(s);
      if (n.ok && /^\d+(\.\d+)?$/.test(s)) return toDay(n.value);
      return { ok: false, blank: false, reason: `${showValue(v)} is not a date (expected e.g. 2026-03-01)` };
    }
  } else {
    return { ok: false, blank: false, reason: `${showValue(v)} is not a date` };
  }
  if (day === null || day < MIN_DAY || day > MAX_DAY) return { ok: false, blank: false, reason: `${showValue(v)} is outside 1900–9999` };
  return { ok: true, value: day };
}

/**
 * The calendar day a Date object stands for. The core's convention: a Date is its UTC calendar day (ExcelJS
 * reads dates as UTC midnights). Hosts whose dates arrive in another zone (Sheets passes the instant of local
 * midnight in the spreadsheet's zone) convert them to that form before calling the core.
 */
export function dayOfDate(v: Date): number {
  return Math.floor(v.getTime() / 86400000);
}

/** Today's day number in the runtime's local time zone (the CLI's; Sheets passes its spreadsheet's day as as_of). */
export function today(): number {
  const now = new Date();
  return dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Text for a cell: numbers and booleans as typed, dates as ISO, error values as "". */
export function toText(v: CellValue): string {
  if (isMissing(v)) return "";
  if (typeof v === "string") return v.trim();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : isoFromDay(dayOfDate(v));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** Rounds away float noise so 0.1 + 0.2 shows as 0.3 in a cell. */
export function clean(n: number, digits = 10): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
