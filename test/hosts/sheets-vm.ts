/**
 * Shared by the Sheets host tests: the built dist/sheets/xsell.js loaded in a Node VM with fake Apps Script
 * services (optionally with a fixed clock), and CSV samples shaped as Sheets hands them to a script.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { parseCsv } from "../../cli/csv";
import { toNumber } from "../../core/values";
import { FakeAppsScript, zonedDate, type SheetsValue } from "../fakes/apps-script";

export const SHEETS_DIST = join(__dirname, "..", "..", "dist", "sheets");
export const SHEETS_SOURCE = readFileSync(join(SHEETS_DIST, "xsell.js"), "utf8");

export type Globals = Record<string, (...a: unknown[]) => unknown>;

/**
 * A Date whose clock reads `now` (new Date() and Date.now()); every other form is the real Date, and real Dates
 * pass instanceof, so values built outside the VM still read as dates inside it.
 */
export function fixedClock(now: number): DateConstructor {
  const Real = Date;
  class FixedDate extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now);
      else super(...(args as [number]));
    }
    static override now(): number {
      return now;
    }
    static override [Symbol.hasInstance](x: unknown): boolean {
      return x instanceof Real;
    }
  }
  return FixedDate as unknown as DateConstructor;
}

/** Runs the built bundle as Apps Script would load the project: its services as globals, then the files. */
export function loadSheetsBundle(app: FakeAppsScript, opts: { now?: number } = {}): Globals {
  const ctx = vm.createContext({ ...app.globals(), console, Date: opts.now === undefined ? Date : fixedClock(opts.now), Math, JSON });
  vm.runInContext(SHEETS_SOURCE, ctx);
  return ctx as unknown as Globals;
}

/**
 * CSV text → what Sheets' getValues returns in a spreadsheet whose zone is `tz`: numbers, Dates for dates (the
 * instant of local midnight there), text. With `tz` null, dates are UTC midnights: the core's own form.
 */
export function sheetsShape(file: string, tz: string | null, rows?: number): SheetsValue[][] {
  const grid = parseCsv(readFileSync(join(__dirname, "..", "..", "examples", file), "utf8"));
  return (rows ? grid.slice(0, rows + 1) : grid).map((r) =>
    r.map((v) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (m) return tz ? zonedDate(tz, +m[1], +m[2], +m[3]) : new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      const n = toNumber(v);
      return n.ok && /^[\d.,-]+$/.test(v) ? n.value : v;
    }),
  );
}
