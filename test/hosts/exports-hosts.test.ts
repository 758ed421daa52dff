/**
 * The export fixtures (test/fixtures/exports/) through the two panes, with the same scores as the CLI gives
 * (the cases' expected.json, which test/cli/exports.test.ts holds the CLI to). Each file is put in a sheet as the
 * host would hold it (text as text; real date cells as serials in Excel and as local-midnight Dates in Sheets),
 * read back through the host's own reading code (excel-io.ts on the strict fake Excel host; the built Apps Script
 * bundle on the fake services), and built into a Scorecard. Text whose values prove no convention follows the
 * workbook's regional settings, as it does in the panes: a European file sits in a European workbook.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCulture, readSheet } from "../../excel-addin/excel-io";
import { buildTab } from "../../core/tabs";
import { paneReadOptions, readSource, type Mapping } from "../../core/tabs/mapping";
import { dayOfDate, excelSerialFromDay, ymdFromDay, type CellValue } from "../../core/values";
import { readTableFile } from "../../cli/readers";
import { parseFlags } from "../../cli/command";
import { REPORT_FLAGS } from "../../cli/commands/report";
import { FakeAppsScript, zonedDate, type SheetsValue } from "../fakes/apps-script";
import { FakeWorkbook, fakeContext, type FakeValue } from "../fakes/excel-host";
import { dayOf, EXPORTS, exportCases, type ExportCase } from "../cli/export-cases";
import { loadSheetsBundle } from "./sheets-vm";

const TZ = "Europe/Berlin";

/** The scores on a built Scorecard, by account name. */
function scorecardScores(cells: readonly (readonly unknown[])[]): Record<string, number> {
  const [head, ...rows] = cells;
  const a = head.indexOf("Account");
  const s = head.indexOf("Score");
  return Object.fromEntries(rows.map((r) => [String(r[a]), r[s] as number]));
}

/** The user's mapping in a pane for a case's --map flags: the drop-down set to that column. */
function paneMapping(c: ExportCase, detected: Mapping, headers: string[]): Mapping {
  const lists = new Map([["map", parseFlags(c.args ?? [], REPORT_FLAGS).list("map")]]);
  const mapping = { ...detected };
  for (const m of lists.get("map") ?? []) {
    const [header, field] = m.split("=");
    mapping[field] = headers.indexOf(header);
  }
  return mapping;
}

/** Cases a pane can be given: accounts tables whose CLI flags a pane has a control for (the mapping). */
const paneCases = exportCases().filter(([, c]) => c.kind === "accounts" && c.scores && !(c.args ?? []).includes("--date-order"));

async function loaded(name: string, c: ExportCase) {
  const file = await readTableFile(join(EXPORTS, name, c.input));
  const european = file.conventions.decimal === ",";
  return { rows: file.rows, european };
}

describe("the Excel task pane reads the export fixtures as the CLI does", () => {
  for (const [name, c] of paneCases) {
    it(name, async () => {
      const { rows, european } = await loaded(name, c);
      // Excel holds a real date cell as its serial number
      const cells: FakeValue[][] = rows.map((r) => r.map((v): FakeValue => (v instanceof Date ? excelSerialFromDay(dayOfDate(v)) : v === null || v === undefined ? "" : (v as FakeValue))));
      const wb = new FakeWorkbook();
      if (european) wb.culture = { decimalSeparator: ",", shortDatePattern: "dd.MM.yyyy" };
      wb.addSheet("Accounts", cells);
      const ctx = fakeContext(wb);
      const source = await readSheet(ctx, "Accounts");
      const culture = await readCulture(ctx, true);
      const detected = readSource("XSELL", source.values, undefined, culture);
      const mapping = paneMapping(c, detected.mapping, detected.headers);
      const spec = buildTab("scorecard", { accounts: source.values, asOf: dayOf(c.asOf), readOptions: paneReadOptions(mapping, culture) });
      const scores = scorecardScores(spec.blocks[0].cells);
      for (const [account, score] of Object.entries(c.scores!)) expect({ account, score: scores[account] }).toEqual({ account, score });
    });
  }
});

describe("the Sheets sidebar reads the export fixtures as the CLI does", () => {
  for (const [name, c] of paneCases) {
    it(name, async () => {
      const { rows, european } = await loaded(name, c);
      const app = new FakeAppsScript({ timeZone: TZ, locale: european ? "de_DE" : "en_US" });
      // Sheets holds a real date cell as the instant of its local midnight in the spreadsheet's zone
      const cells: SheetsValue[][] = rows.map((r) =>
        r.map((v): SheetsValue => {
          if (v instanceof Date) {
            const { y, m, d } = ymdFromDay(dayOfDate(v));
            return zonedDate(TZ, y, m, d);
          }
          return v === null || v === undefined ? "" : (v as SheetsValue);
        }),
      );
      const sheet = app.spreadsheet.addSheet("Accounts", cells);
      app.spreadsheet.setActiveSheet(sheet);
      const gs = loadSheetsBundle(app);
      const state = gs.xsellSidebarState() as { mapping: Mapping; headers: string[]; columns: CellValue[][] };
      expect(state.columns[0]).toEqual(["Column", "Header", "Used as", "Read as", "Sample", "Note"]);
      const mapping = paneMapping(c, state.mapping, state.headers);
      gs.xsellBuildTab({ tab: "scorecard", mapping, asOf: c.asOf });
      const built = app.spreadsheet.getSheetByName("Scorecard")!;
      const scores = scorecardScores(built.values);
      for (const [account, score] of Object.entries(c.scores!)) expect({ account, score: scores[account] }).toEqual({ account, score });
    });
  }
});

/** Owned products per account on a built Whitespace tab ("owned" cells). */
function ownedOnWhitespace(cells: readonly (readonly unknown[])[]): Record<string, string[]> {
  const [head, ...rows] = cells;
  const out: Record<string, string[]> = {};
  for (const r of rows) {
    if (r[0] === "Total") break; // the product economics follow the totals
    out[String(r[0])] = head.slice(1, -1).filter((_, p) => r[p + 1] === "owned").map(String);
  }
  return out;
}

/** Products in the order a case lists them, so two lists compare as sets. */
const sorted = (m: Record<string, string[]>): Record<string, string[]> => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [...v].sort()]));

describe("both panes read the ownership fixtures as the CLI does (status, as-of, product names)", () => {
  for (const [name, c] of exportCases().filter(([, k]) => k.kind === "ownership")) {
    it(`${name}: Excel task pane`, async () => {
      const { rows } = await loaded(name, c);
      const wb = new FakeWorkbook();
      wb.addSheet("Ownership", rows.map((r) => r.map((v): FakeValue => (v instanceof Date ? excelSerialFromDay(dayOfDate(v)) : v === null || v === undefined ? "" : (v as FakeValue)))));
      const source = await readSheet(fakeContext(wb), "Ownership");
      const spec = buildTab("whitespace", { ownership: source.values, asOf: dayOf(c.asOf) });
      expect(sorted(ownedOnWhitespace(spec.blocks[0].cells))).toEqual(sorted(c.owned!));
    });
    it(`${name}: Sheets sidebar`, async () => {
      const { rows } = await loaded(name, c);
      const app = new FakeAppsScript({ timeZone: TZ });
      app.spreadsheet.addSheet("Accounts", [["Account", "NPS"], ["Nobody", 50]]);
      app.spreadsheet.addSheet("Ownership", rows.map((r) => r.map((v): SheetsValue => (v === null || v === undefined ? "" : (v as SheetsValue)))));
      app.spreadsheet.setActiveSheet(app.spreadsheet.getSheetByName("Accounts")!);
      const gs = loadSheetsBundle(app);
      gs.xsellBuildTab({ tab: "whitespace", ownership: "Ownership", asOf: c.asOf });
      expect(sorted(ownedOnWhitespace(app.spreadsheet.getSheetByName("Whitespace")!.values))).toEqual(sorted(c.owned!));
    });
  }
});
