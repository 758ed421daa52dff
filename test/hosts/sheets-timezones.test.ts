/**
 * Issue 14, "Host truth", the Sheets half: a date cell arrives as the instant of its local midnight in the
 * spreadsheet's time zone, the script runs in Etc/UTC, and the core reads a Date as its UTC day. The built bundle
 * must still put every tenure, renewal and 90-day trigger boundary on the day the cell shows, with the spreadsheet
 * in Asia/Tokyo (UTC+9), Europe/Berlin (UTC+1 in November, +2 in May), America/Los_Angeles (UTC−7/−8; DST ends on
 * 2026-11-01) and Pacific/Kiritimati (UTC+14), and an omitted as_of must be today there. The scenarios run in this
 * process and in child processes whose own TZ is UTC, America/Los_Angeles and Asia/Tokyo.
 *
 * Every expected value below is worked out by hand from the cell dates (see sheets-tz-scenarios.ts):
 * - Readiness score: each account earns 80 points from Seats, NPS, Support, Growth, Features and Champion.
 *   Tenure (+10) needs Start Date < as_of − 6 months; Renewal (+10) needs Renewal Date > as_of + 6 months.
 *   As of 2026-11-01 the cut-offs are 2026-05-01 and 2027-05-01:
 *     Alpha   start 04-30 (+10), renewal 2027-05-02 (+10) → 100
 *     Bravo   start 05-01 (0),   renewal 2027-05-01 (0)   → 80
 *     Charlie start 04-30 (+10), renewal 2027-05-01 (0)   → 90
 *     Delta   start 05-01 (0),   renewal 2027-05-02 (+10) → 90
 *     Echo    start 04-30 23:30 (+10), renewal 2027-05-02 00:30 (+10) → 100 (the days the cells show)
 *   As of 2026-10-31 the cut-offs are 2026-04-30 and 2027-04-30 (EDATE clamps): no start is earlier than
 *   04-30 and every renewal is later than 2027-04-30, so every account scores 80 + 10 = 90.
 * - Triggers (hold 90 d, recency 90 d, success window days 60–90):
 *     as of 11-01: T1 renewal 2027-01-30 is 90 d away → hold; start 09-02 is day 60 (held); last purchase
 *                  08-02 is 91 d ago → eligible (dropped under a hold).
 *                  T2 last purchase 08-03 is 90 d ago → too soon; start 09-03 is day 59.
 *                  T3 start 08-03 is day 90; last purchase 91 d ago → eligible.
 *                  T4 renewal 11-01 is 0 d away → hold; start 08-02 is day 91.
 *     as of 10-31: T1 renewal 91 d away; last purchase 90 d ago → too soon; start day 59.
 *                  T2 last purchase 89 d ago → too soon; start day 58.
 *                  T3 last purchase 90 d ago → too soon, holding start day 89.
 *                  T4 renewal 1 d away → hold, holding start day 90.
 * - Attach rate CRM → Analytics: A1, A2, A3 own CRM; A2 owns Analytics; A1's Analytics ends 2026-11-01, so it
 *   has ended as of 11-01 (1/3) and is still owned as of 10-31 (2/3).
 * - The clock reads 2026-10-31T20:00:00Z: 11-01 05:00 in Tokyo, 11-01 10:00 in Kiritimati, 10-31 21:00 in
 *   Berlin (CET since 10-25), 10-31 13:00 in Los Angeles (PDT). "Set as-of date to today" writes that day as a
 *   serial: 2026-11-01 is 46327 (2026-01-01 is 46023, plus 304 days), 2026-10-31 is 46326; the cell then reads
 *   back as that day's local midnight: 2026-10-31T15:00Z in Tokyo, 2026-10-30T23:00Z in Berlin,
 *   2026-10-31T07:00Z in Los Angeles, 2026-10-31T10:00Z in Kiritimati.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { SheetsZone } from "../../sheets-addon/src/dates";
import { FakeAppsScript, formatDate, zonedDate } from "../fakes/apps-script";
import { runAllZones, ZONES, type ZoneResults } from "./sheets-tz-scenarios";
import { fixedClock, SHEETS_SOURCE } from "./sheets-vm";

const NOV1_SCORES = ["Score", 100, 80, 90, 90, 100];
const OCT31_SCORES = ["Score", 90, 90, 90, 90, 90];
const NOV1_TRIGGERS = [
  "Triggers",
  "Hold: renewal in 90 d (held: Success window: day 60 of 60–90)",
  "Too soon: last purchase 90 d ago",
  "Success window: day 90 of 60–90; Eligible: last purchase 91 d ago",
  "Hold: renewal in 0 d",
];
const OCT31_TRIGGERS = [
  "Triggers",
  "Too soon: last purchase 90 d ago",
  "Too soon: last purchase 89 d ago",
  "Too soon: last purchase 90 d ago (held: Success window: day 89 of 60–90)",
  "Hold: renewal in 1 d (held: Success window: day 90 of 60–90)",
];
const byAccount = (scores: (string | number)[]): Record<string, unknown> => Object.fromEntries(["Alpha", "Bravo", "Charlie", "Delta", "Echo"].map((a, i) => [a, scores[i + 1]]));

/** Today per zone at the fixed clock, and the XSELL_AS_OF cell's read-back instant. */
const TODAY: Record<(typeof ZONES)[number], { iso: string; serial: number; readsAs: string }> = {
  "Asia/Tokyo": { iso: "2026-11-01", serial: 46327, readsAs: "2026-10-31T15:00:00.000Z" },
  "Europe/Berlin": { iso: "2026-10-31", serial: 46326, readsAs: "2026-10-30T23:00:00.000Z" },
  "America/Los_Angeles": { iso: "2026-10-31", serial: 46326, readsAs: "2026-10-31T07:00:00.000Z" },
  "Pacific/Kiritimati": { iso: "2026-11-01", serial: 46327, readsAs: "2026-10-31T10:00:00.000Z" },
};

function expected(tz: (typeof ZONES)[number]): ZoneResults {
  const today = TODAY[tz];
  const nov1 = today.iso === "2026-11-01";
  return {
    scoreDateCell: NOV1_SCORES,
    scoreText: NOV1_SCORES,
    scoreOmitted: nov1 ? NOV1_SCORES : OCT31_SCORES,
    scoreNamedCell: nov1 ? NOV1_SCORES : OCT31_SCORES,
    namedCell: { name: "Settings!B1", cell: "Settings!B1", serial: today.serial, format: "yyyy-mm-dd", readsAs: today.readsAs },
    triggersDateCell: NOV1_TRIGGERS,
    triggersOmitted: nov1 ? NOV1_TRIGGERS : OCT31_TRIGGERS,
    attachDateCell: 1 / 3,
    attachOmitted: nov1 ? 1 / 3 : 2 / 3,
    sidebarAsOf: today.iso,
    sidebarAsOfAfter: today.iso,
    menuScorecard: byAccount(nov1 ? NOV1_SCORES : OCT31_SCORES),
    sidebarScorecard: byAccount(NOV1_SCORES),
  };
}

describe("the fake spreadsheet builds dates as Sheets does", () => {
  it("a date cell is the instant of its local midnight in the spreadsheet's zone", () => {
    expect(zonedDate("Asia/Tokyo", 2026, 3, 1).toISOString()).toBe("2026-02-28T15:00:00.000Z");
    expect(zonedDate("Europe/Berlin", 2026, 5, 1).toISOString()).toBe("2026-04-30T22:00:00.000Z"); // CEST
    expect(zonedDate("Europe/Berlin", 2026, 11, 1).toISOString()).toBe("2026-10-31T23:00:00.000Z"); // CET
    expect(zonedDate("America/Los_Angeles", 2026, 11, 1).toISOString()).toBe("2026-11-01T07:00:00.000Z"); // still PDT at midnight
    expect(zonedDate("America/Los_Angeles", 2026, 11, 2).toISOString()).toBe("2026-11-02T08:00:00.000Z"); // PST
    expect(zonedDate("Pacific/Kiritimati", 2026, 11, 1).toISOString()).toBe("2026-10-31T10:00:00.000Z");
    expect(formatDate(new Date("2026-10-31T15:00:00Z"), "Asia/Tokyo", "yyyy-MM-dd HH:mm:ss")).toBe("2026-11-01 00:00:00");
    expect(() => formatDate(new Date(0), "Asia/Tokyo", "EEE")).toThrow(/not implemented/);
    expect(() => new FakeAppsScript({ timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });

  it("custom functions run read-only: no writes, no Ui, no properties", () => {
    const app = new FakeAppsScript({ timeZone: "Asia/Tokyo" });
    app.spreadsheet.addSheet("A", [["x"]]);
    const g = app.globals() as { SpreadsheetApp: { getActive(): { getSpreadsheetTimeZone(): string }; getUi(): unknown } };
    app.asCustomFunction(() => {
      expect(g.SpreadsheetApp.getActive().getSpreadsheetTimeZone()).toBe("Asia/Tokyo");
      expect(() => g.SpreadsheetApp.getUi()).toThrow("Cannot call SpreadsheetApp.getUi() from this context.");
      expect(() => app.spreadsheet.getSheetByName("A")!.getRange("A1").setValue(1)).toThrow(/permission to call Range.setValue/);
      expect(() => app.spreadsheet.insertSheet("B")).toThrow(/permission/);
    });
    expect(() => app.spreadsheet.setNamedRange("XSELL.AS_OF", app.spreadsheet.getSheetByName("A")!.getRange("A1"))).toThrow(/Invalid name/);
  });
});

let all: Record<string, ZoneResults> | null = null;
describe.each(ZONES)("a spreadsheet in %s, the script in Etc/UTC", (tz) => {
  const results = (all ??= runAllZones())[tz];
  it("scores tenure and renewal on the days the cells show, as of a date cell, a date text, today and XSELL_AS_OF", () => {
    const want = expected(tz);
    expect(results.scoreDateCell).toEqual(want.scoreDateCell);
    expect(results.scoreText).toEqual(want.scoreText);
    expect(results.scoreOmitted).toEqual(want.scoreOmitted);
    expect(results.scoreNamedCell).toEqual(want.scoreNamedCell);
  });
  it("fires the 90-day renewal hold, purchase recency and success window on the right day", () => {
    const want = expected(tz);
    expect(results.triggersDateCell).toEqual(want.triggersDateCell);
    expect(results.triggersOmitted).toEqual(want.triggersOmitted);
  });
  it("ends ownership on its End Date as of that day", () => {
    const want = expected(tz);
    expect(results.attachDateCell).toBeCloseTo(want.attachDateCell as number, 12);
    expect(results.attachOmitted).toBeCloseTo(want.attachOmitted as number, 12);
  });
  it("Set as-of date to today writes today in the spreadsheet's zone into XSELL_AS_OF; the menu and sidebar default to it", () => {
    const want = expected(tz);
    expect(results.namedCell).toEqual(want.namedCell);
    expect(results.sidebarAsOf).toBe(want.sidebarAsOf);
    expect(results.sidebarAsOfAfter).toBe(want.sidebarAsOfAfter);
    expect(results.menuScorecard).toEqual(want.menuScorecard);
    expect(results.sidebarScorecard).toEqual(want.sidebarScorecard);
  });
});

describe("the process's own time zone changes nothing", () => {
  const run = promisify(execFile);
  const script = join(__dirname, "sheets-tz-scenarios.ts");
  it.each(["UTC", "America/Los_Angeles", "Asia/Tokyo"])("with TZ=%s the answers are the hand-worked ones", async (processTz) => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", script], { env: { ...process.env, TZ: processTz }, cwd: join(__dirname, "..", "..") });
    const out = JSON.parse(stdout) as { tz: string; results: Record<string, ZoneResults> };
    expect(out.tz).toBe(processTz);
    for (const tz of ZONES) {
      const got = out.results[tz];
      const want = expected(tz);
      expect({ ...got, attachDateCell: 0, attachOmitted: 0 }, `${tz} in a ${processTz} process`).toEqual({ ...want, attachDateCell: 0, attachOmitted: 0 });
      expect(got.attachDateCell).toBeCloseTo(want.attachDateCell as number, 12);
      expect(got.attachOmitted).toBeCloseTo(want.attachOmitted as number, 12);
    }
  }, 60_000);
});

describe("dates going back to Sheets and runtimes without time-zone data", () => {
  it("a core day goes back as the first instant of that day in the spreadsheet's zone, DST jumps included", () => {
    const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
    expect(new SheetsZone("Asia/Tokyo").toSheets(day(2026, 11, 1)).toISOString()).toBe("2026-10-31T15:00:00.000Z");
    expect(new SheetsZone("Pacific/Kiritimati").toSheets(day(2026, 11, 1)).toISOString()).toBe("2026-10-31T10:00:00.000Z");
    // US DST starts 2026-03-08 at 02:00: midnight exists, in PST
    expect(new SheetsZone("America/Los_Angeles").toSheets(day(2026, 3, 8)).toISOString()).toBe("2026-03-08T08:00:00.000Z");
    // Chile springs forward at midnight on 2026-09-06 (00:00 −04 → 01:00 −03): the day starts at 01:00 −03 = 04:00Z
    expect(new SheetsZone("America/Santiago").toSheets(day(2026, 9, 6)).toISOString()).toBe("2026-09-06T04:00:00.000Z");
    // and falls back at midnight on 2026-04-05 (00:00 −03 → 23:00 −04 on the 4th): the 5th starts at 00:00 −04 = 04:00Z
    expect(new SheetsZone("America/Santiago").toSheets(day(2026, 4, 5)).toISOString()).toBe("2026-04-05T04:00:00.000Z");
    // and a Sheets date read back is the same day
    const la = new SheetsZone("America/Los_Angeles");
    expect(la.toCore(la.toSheets(day(2026, 11, 1))).toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("falls back to Utilities.formatDate when the runtime's Intl has no data for the zone", () => {
    const app = new FakeAppsScript({ timeZone: "Asia/Kolkata" });
    app.spreadsheet.addSheet("Accounts", [["Account"], ["A"]]);
    const globals = app.globals() as Record<string, unknown> & { Utilities: { formatDate(d: Date, tz: string, p: string): string } };
    const real = globals.Utilities.formatDate;
    const patterns: string[] = [];
    const NoZoneIntl = {
      DateTimeFormat: function (_l?: unknown, o?: { timeZone?: string }) {
        if (o?.timeZone) throw new RangeError(`Invalid time zone specified: ${o.timeZone}`);
        return new Intl.DateTimeFormat();
      },
    };
    const ctx = vm.createContext({ ...globals, Utilities: { formatDate: (d: Date, tz: string, p: string) => (patterns.push(p), real(d, tz, p)) }, console, Date: fixedClock(Date.UTC(2026, 9, 31, 19, 0)), Math, JSON, Intl: NoZoneIntl });
    vm.runInContext(SHEETS_SOURCE, ctx);
    // 19:00Z is 00:30 on 2026-11-01 in Kolkata (UTC+5:30)
    expect((ctx as unknown as Record<string, () => { asOf: string }>).xsellSidebarState().asOf).toBe("2026-11-01");
    expect(patterns).toEqual(["yyyy-MM-dd HH:mm:ss"]);
  });
});
