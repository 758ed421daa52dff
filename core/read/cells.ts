/**
 * Text cells as exports write them: numbers with either decimal separator, currency and percent signs,
 * parenthesised negatives; dates in ISO, numeric (day or month first), month-name and compact forms.
 * Each parser also says what a value *proves* about its column (a part above 12, a separator that can only
 * be decimal), so the column decides its convention from the values and never from one guess.
 */
import { dayFromExcelSerial, dayFromYmd, excelSerialFromDay, MAX_EXCEL_SERIAL } from "../values";

export type Decimal = "." | ",";
export type DateOrder = "mdy" | "dmy";

// ---------- numbers ----------

const SPACES = /[\s\u00a0\u202f\u2009\u2007'’]/g;
const CURRENCY_PREFIX = /^(?:[$€£¥₹₩]|US\$|A\$|C\$|CHF|USD|EUR|GBP|JPY|CAD|AUD|INR|SEK|NOK|DKK|PLN|CZK|Fr\.?|kr\.?)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:[$€£¥₹₩]|CHF|USD|EUR|GBP|JPY|CAD|AUD|INR|SEK|NOK|DKK|PLN|CZK|kr\.?|zł|Kč)$/i;

export interface NumberText {
  /** Digits and separators only, sign and percent taken off. */
  readonly body: string;
  readonly negative: boolean;
  readonly percent: boolean;
}

/** Strips sign, currency, percent and grouping spaces; null when what is left is not digits and separators. */
export function numberText(raw: string): NumberText | null {
  // the common case, plain digits with an optional minus ("12200", "-3"), without a regular expression
  if (raw.length > 0 && raw.length <= 40 && isDigits(raw, raw.charCodeAt(0) === 45 ? 1 : 0)) return raw.charCodeAt(0) === 45 ? { body: raw.slice(1), negative: true, percent: false } : { body: raw, negative: false, percent: false };
  let s = raw.trim();
  if (s === "" || s.length > 40) return null;
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  for (let k = 0; k < 2; k++) {
    const sign = /^[-+\u2212]/.exec(s);
    if (sign) {
      negative = negative !== (sign[0] !== "+");
      s = s.slice(1).trim();
    }
    s = s.replace(CURRENCY_PREFIX, "").replace(CURRENCY_SUFFIX, "").trim();
  }
  if (s.endsWith("-") && /^\d/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  s = s.replace(SPACES, "");
  if (!/^(\d[\d.,]*|[.,]\d+)$/.test(s) || /[.,]{2}/.test(s)) return null;
  return { body: s, negative, percent };
}

const THOUSANDS_DOT = /^\d{1,3}(\.\d{3})+$/;
const THOUSANDS_COMMA = /^\d{1,3}(,\d{3})+$/;

/**
 * Which decimal separator a number's text proves: `","` for `0,66`, `24.328,80`, `1.200.000`; `"."` for `0.66`,
 * `1,234.5`, `1,200,000`; null when it proves nothing (`1200`, or one group of three: `1.200`, `1,200`);
 * "bad" when no convention reads it.
 */
/** Whether `s` from `from` on is one or more ASCII digits. */
function isDigits(s: string, from: number): boolean {
  if (from >= s.length) return false;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function decimalProof(body: string): Decimal | null | "bad" {
  const dot = body.lastIndexOf(".");
  const comma = body.lastIndexOf(",");
  if (dot < 0 && comma < 0) return null;
  if (dot >= 0 && comma >= 0) {
    const [dec, group] = dot > comma ? [".", ","] : [",", "."];
    const intPart = body.slice(0, Math.max(dot, comma));
    if (intPart.includes(dec)) return "bad";
    const grouped = group === "," ? THOUSANDS_COMMA : THOUSANDS_DOT;
    return grouped.test(intPart) ? (dec as Decimal) : "bad";
  }
  const sep = dot >= 0 ? "." : ",";
  const other: Decimal = sep === "." ? "," : ".";
  const parts = body.split(sep);
  if (parts.length > 2) return (sep === "." ? THOUSANDS_DOT : THOUSANDS_COMMA).test(body) ? other : "bad";
  const [int, frac] = parts;
  // one separator followed by exactly three digits after a 1–3 digit, non-zero integer part: either reading works
  if (frac.length === 3 && int.length >= 1 && int.length <= 3 && int !== "0") return null;
  return sep as Decimal;
}

/** The value of a number's text under a decimal convention; null when that convention cannot read it. */
export function parseNumberText(t: NumberText, decimal: Decimal): number | null {
  if (isDigits(t.body, 0)) {
    const n = Number(t.body);
    const signed = t.negative ? -n : n;
    return t.percent ? signed / 100 : signed;
  }
  const proof = decimalProof(t.body);
  if (proof === "bad" || (proof !== null && proof !== decimal)) return null;
  const group = decimal === "." ? /,/g : /\./g;
  const plain = t.body.replace(group, "").replace(",", ".");
  const n = Number(plain);
  if (!Number.isFinite(n)) return null;
  const signed = t.negative ? -n : n;
  return t.percent ? signed / 100 : signed;
}

// ---------- plain text, recognised without allocating ----------

/** Not plain: read through numberText and dateText. */
export const PLAIN_NONE = 0;
/** Digits with an optional leading minus ("12200", "-3"), but not 8 bare digits (perhaps a compact date). */
export const PLAIN_DIGITS = 1;
/** Digits with one "." between digits ("0.18"), an optional leading minus. */
export const PLAIN_POINT = 2;
/** Digits with one "," between digits ("1,5"), an optional leading minus. */
export const PLAIN_COMMA = 3;
/** yyyy-mm-dd naming a real day. */
export const PLAIN_ISO = 4;

/**
 * What a cell's text plainly is, for the bulk of a large export: numbers and ISO dates recognised without a
 * regular expression or an allocation. A plain text reads exactly as numberText/dateText read it (and is neither a
 * yes/no word, nor another kind of date, nor blank or an error), which test/core/read-plain.test.ts checks.
 */
export function plainKind(s: string): number {
  const n = s.length;
  if (n === 0 || n > 40) return PLAIN_NONE;
  if (n === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) return plainIsoDay(s) === null ? PLAIN_NONE : PLAIN_ISO;
  const from = s.charCodeAt(0) === 45 ? 1 : 0;
  if (from >= n) return PLAIN_NONE;
  let sep = -1;
  for (let k = from; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) continue;
    if ((c === 46 || c === 44) && sep < 0 && k > from && k < n - 1) {
      sep = k;
      continue;
    }
    return PLAIN_NONE;
  }
  if (sep < 0) return from === 0 && n === 8 ? PLAIN_NONE : PLAIN_DIGITS;
  return s.charCodeAt(sep) === 46 ? PLAIN_POINT : PLAIN_COMMA;
}

/** The day of a plain yyyy-mm-dd text; null when it is not one (or names no real day). */
export function plainIsoDay(s: string): number | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = digitsAt(s, 0, 4);
  const m = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  return y >= 0 && m >= 0 && d >= 0 ? validDay(y, m, d) : null;
}

/** decimalProof of a PLAIN_POINT or PLAIN_COMMA text (its one separator), without slicing it. */
export function plainProof(s: string, kind: number): Decimal | null {
  const from = s.charCodeAt(0) === 45 ? 1 : 0;
  const sep = s.indexOf(kind === PLAIN_POINT ? "." : ",");
  const intLength = sep - from;
  // one separator followed by exactly three digits after a 1–3 digit, non-zero integer part: either reading works
  if (s.length - sep - 1 === 3 && intLength <= 3 && !(intLength === 1 && s.charCodeAt(from) === 48)) return null;
  return kind === PLAIN_POINT ? "." : ",";
}

/** parseNumberText of a plain number's text (PLAIN_DIGITS, PLAIN_POINT, PLAIN_COMMA) under a decimal convention. */
export function plainNumber(s: string, kind: number, decimal: Decimal): number | null {
  if (kind === PLAIN_DIGITS) return Number(s);
  const proof = plainProof(s, kind);
  if (proof !== null && proof !== decimal) return null;
  const sepChar = kind === PLAIN_POINT ? "." : ",";
  if (sepChar !== decimal) return Number(s.replace(sepChar, "")); // a group of three: 1.200 is 1200 with a decimal comma
  return Number(kind === PLAIN_POINT ? s : s.replace(",", "."));
}

// ---------- dates ----------

const MONTHS: Record<string, number> = (() => {
  const m: Record<string, number> = {};
  const names = [
    ["jan", "january", "januar", "janv", "janvier", "jän", "jänner"],
    ["feb", "february", "februar", "févr", "fevr", "février", "fevrier"],
    ["mar", "march", "mär", "märz", "maerz", "mars"],
    ["apr", "april", "avr", "avril"],
    ["may", "mai"],
    ["jun", "june", "juni", "juin"],
    ["jul", "july", "juli", "juil", "juillet"],
    ["aug", "august", "août", "aout"],
    ["sep", "sept", "september", "septembre"],
    ["oct", "october", "okt", "oktober", "octobre"],
    ["nov", "november", "novembre"],
    ["dec", "december", "dez", "dezember", "déc", "décembre", "decembre"],
  ];
  names.forEach((list, i) => list.forEach((n) => (m[n] = i + 1)));
  return m;
})();

const TIME = String.raw`(?:,?[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})\.?${TIME}$`);
const DAY_MONTH_NAME = new RegExp(String.raw`^(\d{1,2})\.?[ \-]([\p{L}]{3,10})\.?[ \-,]*(\d{4}|\d{2})${TIME}$`, "u");
const MONTH_NAME_DAY = new RegExp(String.raw`^([\p{L}]{3,10})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})${TIME}$`, "u");
const WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+/i;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 9999) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1])) return null;
  return dayFromYmd(y, m, d);
}

/** Digits at `i`..`i + n - 1` of `s` as a number, or -1. */
function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Two-digit years as Excel reads them: 00–29 → 2000s, 30–99 → 1900s. */
const fullYear = (y: string): number => (y.length === 4 ? +y : +y < 30 ? 2000 + +y : 1900 + +y);

export interface DateText {
  /** The day number when the text needs no order decision (ISO, month names, compact). */
  readonly day: number | null;
  /** For a numeric a/b/y date: its two parts and year, read later in the column's order. */
  readonly a: number;
  readonly b: number;
  readonly year: number;
  /** The order this text proves (a part above 12), if any; "bad" when neither order reads it. */
  readonly proves: DateOrder | null | "bad";
  /** The separator of a numeric date ("." dates are day-first by convention). */
  readonly sep: string;
}

/** Recognizes a date's text; null when it is not written as a date. */
export function dateText(raw: string): DateText | null {
  // the common case, an ISO date (2026-11-01) and nothing else, without a regular expression
  if (raw.length === 10 && raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45) {
    const y = digitsAt(raw, 0, 4);
    const m = digitsAt(raw, 5, 2);
    const d = digitsAt(raw, 8, 2);
    if (y >= 0 && m >= 0 && d >= 0) return fixed(validDay(y, m, d));
  }
  const s = raw.trim().replace(WEEKDAY, "");
  if (s.length < 6 || s.length > 40) return null;
  let m = ISO.exec(s);
  if (m) return fixed(validDay(+m[1], +m[2], +m[3]));
  m = NUMERIC.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[3];
    const year = fullYear(m[4]);
    const asMdy = validDay(year, a, b);
    const asDmy = validDay(year, b, a);
    const proves = asMdy !== null && asDmy !== null ? null : asMdy !== null ? "mdy" : asDmy !== null ? "dmy" : "bad";
    return { day: null, a, b, year, proves, sep: m[2] };
  }
  m = DAY_MONTH_NAME.exec(s);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    return month ? fixed(validDay(fullYear(m[3]), month, +m[1])) : null;
  }
  m = MONTH_NAME_DAY.exec(s);
  if (m) {
    const month = MONTHS[m[1].toLowerCase()];
    return month ? fixed(validDay(+m[3], month, +m[2])) : null;
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m && +m[1] >= 1900 && +m[1] < 2200) return fixed(validDay(+m[1], +m[2], +m[3]));
  return null;
}

function fixed(day: number | null): DateText {
  return { day, a: 0, b: 0, year: 0, proves: day === null ? "bad" : null, sep: "" };
}

/** The day a recognized date's text stands for in the column's order; null when that order cannot read it. */
export function dayOfDateText(t: DateText, order: DateOrder): number | null {
  if (t.proves === "bad") return null;
  if (t.day !== null) return t.day;
  return order === "mdy" ? validDay(t.year, t.a, t.b) : validDay(t.year, t.b, t.a);
}

/** A number in a date column: an Excel serial (1900 or 1904 system) or a compact yyyymmdd; null otherwise. */
export function dayOfDateNumber(n: number, date1904: boolean): number | null {
  if (!Number.isFinite(n)) return null;
  if (n >= 1 && n <= MAX_EXCEL_SERIAL) {
    const serial = date1904 ? Math.floor(n) + 1462 : Math.floor(n);
    return serial <= MAX_EXCEL_SERIAL ? dayFromExcelSerial(serial) : null;
  }
  if (Number.isInteger(n) && n >= 19000101 && n <= 21991231) return validDay(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
  return null;
}

/** The canonical form of a date cell after reading: an Excel serial (1900 system), which every reader accepts. */
export const serialOfDay = (day: number): number => excelSerialFromDay(day);
