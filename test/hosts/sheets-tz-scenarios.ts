/**
 * Date boundaries through the built Sheets bundle, for one spreadsheet time zone: the tables are built as Sheets
 * hands them to a script (each date cell the instant of its local midnight in that zone, or of a local time of
 * day), the clock is fixed at 2026-10-31T20:00:00Z (already 1 November in Tokyo and Kiritimati, still 31 October
 * in Berlin and Los Angeles), and the results are collected for sheets-timezones.test.ts to compare with values
 * worked out by hand. Run in the test's process and, through `node --import tsx`, in child processes with other
 * TZ settings: the answers must not depend on the process's zone.
 */
import { FakeAppsScript, zonedDate, type SheetsValue } from "../fakes/apps-script";
import { loadSheetsBundle } from "./sheets-vm";

/** 2026-10-31T20:00:00Z. */
export const CLOCK = Date.UTC(2026, 9, 31, 20, 0, 0);
export const ZONES = ["Asia/Tokyo", "Europe/Berlin", "America/Los_Angeles", "Pacific/Kiritimati"] as const;

export interface ZoneResults {
  /** XSELL_SCORE with as_of a date cell showing 2026-11-01. */
  scoreDateCell: unknown[];
  /** … with as_of the text "2026-11-01". */
  scoreText: unknown[];
  /** … with as_of omitted: today in the spreadsheet's zone. */
  scoreOmitted: unknown[];
  /** … with as_of the XSELL_AS_OF cell after "Set as-of date to today". */
  scoreNamedCell: unknown[];
  /** What the menu wrote: the cell, its number and format, the date it reads back as (ISO instant). */
  namedCell: { cell: string; serial: unknown; format: string; readsAs: string; name: string | null };
  /** XSELL_TRIGGERS with as_of a date cell showing 2026-11-01, and omitted. */
  triggersDateCell: unknown[];
  triggersOmitted: unknown[];
  /** XSELL_ATTACH_RATE CRM → Analytics where one Analytics row ends on 2026-11-01: as_of a date cell, and omitted. */
  attachDateCell: unknown;
  attachOmitted: unknown;
  /** The sidebar's default as-of date before and after XSELL_AS_OF exists. */
  sidebarAsOf: string;
  sidebarAsOfAfter: string;
  /** Build scorecard from the menu (as of XSELL_AS_OF): account → score. */
  menuScorecard: Record<string, unknown>;
  /** The sidebar's build with asOf "2026-11-01": account → score. */
  sidebarScorecard: Record<string, unknown>;
}

const ACCOUNT_HEADERS = ["Account", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Funding", "Adjacent Feature Usage", "Renewal Date", "Champion"];

/** Five accounts that earn the same 80 points from everything but Tenure and Renewal, which sit on their boundaries. */
export function accountTable(tz: string): SheetsValue[][] {
  const d = (y: number, m: number, day: number, h = 0, min = 0): Date => zonedDate(tz, y, m, day, h, min);
  const row = (name: string, start: Date, renewal: Date): SheetsValue[] => [name, 100, 80, 50, start, "Low", true, false, true, renewal, "Ana"];
  return [
    ACCOUNT_HEADERS,
    row("Alpha", d(2026, 4, 30), d(2027, 5, 2)),
    row("Bravo", d(2026, 5, 1), d(2027, 5, 1)),
    row("Charlie", d(2026, 4, 30), d(2027, 5, 1)),
    row("Delta", d(2026, 5, 1), d(2027, 5, 2)),
    row("Echo", d(2026, 4, 30, 23, 30), d(2027, 5, 2, 0, 30)), // times of day: the day is the one the cell shows
  ];
}

/** Four accounts on the 90-day renewal hold, 90-day purchase recency and 60–90-day success window boundaries. */
export function triggerTable(tz: string): SheetsValue[][] {
  const d = (y: number, m: number, day: number): Date => zonedDate(tz, y, m, day);
  return [
    ["Account", "Start Date", "Renewal Date", "Last Purchase Date"],
    ["T1", d(2026, 9, 2), d(2027, 1, 30), d(2026, 8, 2)],
    ["T2", d(2026, 9, 3), d(2027, 1, 31), d(2026, 8, 3)],
    ["T3", d(2026, 8, 3), d(2027, 1, 31), d(2026, 8, 2)],
    ["T4", d(2026, 8, 2), d(2026, 11, 1), ""],
  ];
}

/** Long ownership: A1's Analytics ends on 2026-11-01 (ended as of that day, active the day before). */
export function ownershipTable(tz: string): SheetsValue[][] {
  return [
    ["Account", "Product", "End Date"],
    ["A1", "CRM", ""],
    ["A1", "Analytics", zonedDate(tz, 2026, 11, 1)],
    ["A2", "CRM", ""],
    ["A2", "Analytics", ""],
    ["A3", "CRM", ""],
  ];
}

const column = (out: unknown): unknown[] => (out as unknown[][]).map((r) => r[0]);

function scorecardScores(app: FakeAppsScript, sheetName: string): Record<string, unknown> {
  const sheet = app.spreadsheet.getSheetByName(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}; alerts: ${app.alerts.join(" | ")}`);
  const header = sheet.values[0].map(String);
  const a = header.indexOf("Account");
  const s = header.indexOf("Score");
  // rows past the table (the charts' helper cells beside it) have no account
  return Object.fromEntries(sheet.values.slice(1).filter((r) => String(r[a] ?? "") !== "").map((r) => [String(r[a]), r[s]]));
}

export function runZone(tz: string): ZoneResults {
  const app = new FakeAppsScript({ timeZone: tz });
  app.spreadsheet.addSheet("Accounts", accountTable(tz));
  app.spreadsheet.addSheet("Ownership", ownershipTable(tz));
  const gs = loadSheetsBundle(app, { now: CLOCK });
  const cf = (name: string, ...args: unknown[]): unknown => app.asCustomFunction(() => gs[name](...args));
  const accounts = accountTable(tz);
  const triggers = triggerTable(tz);
  const own = ownershipTable(tz);
  const nov1 = zonedDate(tz, 2026, 11, 1);

  const sidebarAsOf = (gs.xsellSidebarState() as { asOf: string }).asOf;
  const sidebarBuilt = gs.xsellBuildTab({ tab: "scorecard", asOf: "2026-11-01" }) as { sheetName: string };
  const sidebarScorecard = scorecardScores(app, sidebarBuilt.sheetName);

  gs.xsellSetAsOfToday();
  const named = app.spreadsheet.getRangeByName("XSELL_AS_OF");
  const namedValue = named ? named.getValue() : null; // what Sheets passes a formula that names the cell
  const namedCell = {
    name: named ? `${named.getSheet().getName()}!${named.getA1Notation()}` : null,
    cell: named ? `${named.getSheet().getName()}!${named.getA1Notation()}` : "",
    serial: named ? named.getSheet().cell(named.row, named.col) : null,
    format: named ? named.getSheet().numberFormat(named.row, named.col) : "",
    readsAs: namedValue instanceof Date ? namedValue.toISOString() : String(namedValue),
  };
  const sidebarAsOfAfter = (gs.xsellSidebarState() as { asOf: string }).asOf;
  app.spreadsheet.setActiveSheet(app.spreadsheet.getSheetByName("Accounts")!);
  gs.xsellBuildScorecard();
  const menuScorecard = scorecardScores(app, "Scorecard (2)");

  return {
    scoreDateCell: column(cf("XSELL_SCORE", accounts, undefined, undefined, nov1)),
    scoreText: column(cf("XSELL_SCORE", accounts, undefined, undefined, "2026-11-01")),
    scoreOmitted: column(cf("XSELL_SCORE", accounts)),
    scoreNamedCell: column(cf("XSELL_SCORE", accounts, undefined, undefined, namedValue)),
    namedCell,
    triggersDateCell: column(cf("XSELL_TRIGGERS", triggers, undefined, undefined, nov1)),
    triggersOmitted: column(cf("XSELL_TRIGGERS", triggers)),
    attachDateCell: cf("XSELL_ATTACH_RATE", own, "CRM", "Analytics", undefined, nov1),
    attachOmitted: cf("XSELL_ATTACH_RATE", own, "CRM", "Analytics"),
    sidebarAsOf,
    sidebarAsOfAfter,
    menuScorecard,
    sidebarScorecard,
  };
}

export function runAllZones(): Record<string, ZoneResults> {
  return Object.fromEntries(ZONES.map((tz) => [tz, runZone(tz)]));
}

// `node --import tsx test/hosts/sheets-tz-scenarios.ts` prints the results as JSON (for a child process with its own TZ)
if (process.argv[1] && /sheets-tz-scenarios\.ts$/.test(process.argv[1])) {
  process.stdout.write(JSON.stringify({ tz: Intl.DateTimeFormat().resolvedOptions().timeZone, offset: new Date(CLOCK).getTimezoneOffset(), results: runAllZones() }));
}
