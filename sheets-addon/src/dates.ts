/**
 * Dates between Google Sheets and the core. Sheets hands a date cell to Apps Script as the instant of its local
 * midnight in the spreadsheet's time zone (a 2026-03-01 cell in an Asia/Tokyo spreadsheet arrives as
 * 2026-02-28T15:00:00Z), while the script runs in its own zone (appsscript.json: Etc/UTC). The core reads a Date
 * as its UTC calendar day, so every Date the host passes it becomes the UTC midnight of the day the cell shows in
 * the spreadsheet's zone; time-of-day is dropped, the day is kept. Dates going back to Sheets take the opposite
 * way: a core day becomes the instant of that day's local midnight in the spreadsheet's zone.
 *
 * The zone's calendar comes from Intl.DateTimeFormat (pure V8, no service call per cell); where the runtime has
 * no time-zone data for the zone, Utilities.formatDate (Apps Script's own formatter) answers instead. Each
 * distinct instant is looked up once per call, so a 50,000-row table with a few thousand distinct dates costs a
 * few thousand look-ups.
 */
import { dayFromYmd, ymdFromDay } from "../../core/values";

const DAY_MS = 86_400_000;

/** The spreadsheet's time zone (an IANA name such as "Asia/Tokyo"); readable from custom functions too. */
export function spreadsheetZone(ss: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActive()): string {
  return ss.getSpreadsheetTimeZone();
}

interface WallClock {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
  s: number;
}

type Formatter = (t: number) => WallClock;

function intlFormatter(tz: string): Formatter | null {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    if (fmt.resolvedOptions().timeZone === undefined) return null;
  } catch {
    return null; // RangeError: the runtime has no data for this zone
  }
  return (t) => {
    const parts: Record<string, number> = {};
    for (const p of fmt.formatToParts(new Date(t))) if (p.type !== "literal") parts[p.type] = Number(p.value);
    return { y: parts.year, m: parts.month, d: parts.day, h: parts.hour === 24 ? 0 : parts.hour, min: parts.minute, s: parts.second };
  };
}

function utilitiesFormatter(tz: string): Formatter {
  return (t) => {
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(Utilities.formatDate(new Date(t), tz, "yyyy-MM-dd HH:mm:ss"));
    if (!m) throw new Error(`Utilities.formatDate gave an unexpected date for the time zone ${tz}`);
    return { y: +m[1], m: +m[2], d: +m[3], h: +m[4], min: +m[5], s: +m[6] };
  };
}

/** Calendar arithmetic in one time zone, with a per-instant cache. */
export class SheetsZone {
  private readonly wall: Formatter;
  private readonly days = new Map<number, number>();
  constructor(readonly tz: string) {
    this.wall = intlFormatter(tz) ?? utilitiesFormatter(tz);
  }

  /** The calendar day (days since 1970-01-01) an instant falls on in this zone. */
  dayOf(d: Date): number {
    const t = d.getTime();
    let day = this.days.get(t);
    if (day === undefined) {
      const w = this.wall(t);
      day = dayFromYmd(w.y, w.m, w.d);
      this.days.set(t, day);
    }
    return day;
  }

  /** A Sheets Date as the core reads it: the UTC midnight of the day it shows in this zone. Invalid dates pass through. */
  toCore(d: Date): Date {
    return Number.isNaN(d.getTime()) ? d : new Date(this.dayOf(d) * DAY_MS);
  }

  /** Today in this zone, as a core day number. */
  today(now: Date = new Date()): number {
    return this.dayOf(now);
  }

  /** The instant of local midnight that begins `day` in this zone (the day's first instant where a DST jump skips midnight). */
  midnight(day: number): Date {
    const target = day * DAY_MS;
    const offsetAt = (t: number): number => {
      const w = this.wall(t);
      return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(t / 1000) * 1000;
    };
    const t = target - offsetAt(target - offsetAt(target));
    const w = this.wall(t);
    if (dayFromYmd(w.y, w.m, w.d) === day && w.h === 0 && w.min === 0 && w.s === 0) return new Date(t);
    // midnight does not exist that day: the first second whose local day is `day` (zones span UTC−12 to UTC+14)
    let lo = target - 15 * 3_600_000;
    let hi = target + 13 * 3_600_000;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.dayOf(new Date(mid)) < day) lo = mid;
      else hi = mid;
    }
    return new Date(hi);
  }

  /** A core day as Sheets should receive it from a custom function or setValues: that day's local midnight. */
  toSheets(d: Date): Date {
    return Number.isNaN(d.getTime()) ? d : this.midnight(Math.floor(d.getTime() / DAY_MS));
  }

  /** "2026-11-01" for a core day. */
  static iso(day: number): string {
    const { y, m, d } = ymdFromDay(day);
    return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }
}

/** Converts the Dates in one value or one 2D array; rows without Dates are shared, not copied. */
export function mapDates(v: unknown, f: (d: Date) => Date): unknown {
  if (v instanceof Date) return f(v);
  if (!Array.isArray(v)) return v;
  let out: unknown[] | null = null;
  for (let i = 0; i < v.length; i++) {
    const row = v[i];
    let mapped: unknown = row;
    if (row instanceof Date) mapped = f(row);
    else if (Array.isArray(row)) {
      let copy: unknown[] | null = null;
      for (let j = 0; j < row.length; j++) {
        const c = row[j];
        if (c instanceof Date) {
          copy ??= row.slice();
          copy[j] = f(c);
        }
      }
      if (copy) mapped = copy;
    }
    if (mapped !== row) {
      out ??= v.slice();
      out[i] = mapped;
    }
  }
  return out ?? v;
}
