/**
 * The add-on's server side: the custom-function dispatcher, the menu (built in AuthMode.NONE without touching
 * authorized services), menu actions that build a tab from the active sheet, and the sidebar's API.
 * Every Date read from Sheets reaches the core as the calendar day it shows in the spreadsheet's time zone, and
 * "today" is today there (see dates.ts).
 */
import * as catalog from "../../core/functions";
import { XsellError } from "../../core/errors";
import { isOmitted } from "../../core/table";
import { buildTab, canBuild, firstNeed, menuFunction, opportunityText, tabDef, TABS, topOpportunities, TAB_KINDS, type TabInputs, type TabKind } from "../../core/tabs";
import { conventionsOfLocale, type Conventions } from "../../core/read/locale";
import { paneReadOptions, readSource, type Mapping, type SourceReading } from "../../core/tabs/mapping";
import { excelSerialFromDay, toDay, type CellValue } from "../../core/values";
import { mapDates, SheetsZone, spreadsheetZone } from "./dates";
import { renderSpecToSheets } from "./renderer";

type CatalogFn = (...args: unknown[]) => unknown;
const DAY_MS = 86_400_000;

/**
 * What Sheets shows after #ERROR! when a custom function throws: one sentence that starts with the function's
 * name, on one line, with no error-code prefix (Sheets has its own code, #ERROR!, and shows no other).
 */
export function sheetsMessage(fn: string, e: unknown): string {
  let msg = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").trim();
  msg = msg.replace(/^(#[A-Z0-9/]+[!?]?\s*)+/, "");
  msg = msg.replace(/\bXSELL\.([A-Z][A-Z0-9_]*)/g, "XSELL_$1");
  if (!msg.startsWith(`${fn}:`)) msg = `${fn}: ${msg}`;
  if (!/[.!?]$/.test(msg)) msg += ".";
  return msg;
}

/**
 * Custom functions: Sheets passes ranges as 2D arrays, single cells as values, omitted arguments as undefined,
 * dates as the instant of their local midnight in the spreadsheet's zone. Dates are turned into the days the
 * cells show, an omitted as_of becomes today in the spreadsheet's zone, and Dates in the result become that
 * zone's midnights again. The zone is asked for only when a date is involved. `asOf` lists the positions of the
 * function's as_of parameters; the generated wrappers (functions.js) pass them from core/catalog.ts, so the
 * bundle does not carry the catalog's text.
 */
export function call(name: string, args: unknown[], asOf: readonly number[] = []): unknown {
  const fn = (catalog as unknown as Record<string, CatalogFn>)[name];
  if (typeof fn !== "function") throw new Error(`XSELL: unknown function ${name}.`);
  try {
    let zone: SheetsZone | null = null;
    const z = (): SheetsZone => (zone ??= new SheetsZone(spreadsheetZone()));
    const coreArgs = args.map((a) => mapDates(a, (d) => z().toCore(d)));
    for (const i of asOf) if (isOmitted(coreArgs[i])) coreArgs[i] = new Date(z().today() * DAY_MS);
    return mapDates(fn(...coreArgs), (d) => z().toSheets(d));
  } catch (e) {
    // Sheets shows any thrown error as #ERROR! with the message in the cell's tooltip
    throw new Error(sheetsMessage(name, e));
  }
}

/** One item per tab in the registry; the functions they call are generated into menu.js from the same list. */
const MENU: [string, string][] = TABS.map((t) => [t.menuLabel, menuFunction(t)]);
/** After a separator: the as-of cell for formulas (custom functions cannot take TODAY()), then the sidebar. */
const MENU_TAIL: [string, string][] = [
  ["Set as-of date to today", "xsellSetAsOfToday"],
  ["Open sidebar", "xsellShowSidebar"],
];

/** The add-on menu. Works in AuthMode.NONE: it only asks the Ui to draw items. */
export function onOpen(_e?: { authMode?: unknown }): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const [label, fn] of MENU) menu.addItem(label, fn);
  menu.addSeparator();
  for (const [label, fn] of MENU_TAIL) menu.addItem(label, fn);
  menu.addToUi();
}

export function onInstall(e?: { authMode?: unknown }): void {
  onOpen(e);
}

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile("sidebar").setTitle("XSELL");
  SpreadsheetApp.getUi().showSidebar(html);
}

const PATTERNS = { ownership: /owner|product|holding/i, prices: /price/i, retention: /retention|snapshot|arr/i, subscriptions: /subscription|history|contract/i, outcomes: /outcome|expan|convert/i } as const;

interface Choices {
  mapping?: Mapping;
  ownership?: string;
  prices?: string;
  retention?: string;
  subscriptions?: string;
  /** A sheet saying whether each account expanded (Account, Expanded), for the Validation tab. */
  outcomes?: string;
  /** "readiness-100", "expansion-100" or "sheet:<name>" (a sheet holding an edited model table). */
  model?: string;
}

const PROPERTY_KEY = "xsell.choices";

function savedChoices(): Choices {
  const raw = PropertiesService.getDocumentProperties().getProperty(PROPERTY_KEY);
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Choices;
  } catch {
    return {};
  }
}

/** A sheet's values as the core reads them: Dates as the days they show in the spreadsheet's zone. */
function values(sheet: GoogleAppsScript.Spreadsheet.Sheet, zone: SheetsZone): CellValue[][] {
  return mapDates(sheet.getDataRange().getValues(), (d) => zone.toCore(d)) as CellValue[][];
}

/** The named cell formulas take as as_of: `=XSELL_SCORE(Accounts!A1:K401,,,XSELL_AS_OF)`. */
export const AS_OF_NAME = "XSELL_AS_OF";
const SETTINGS_SHEET = "Settings";

/**
 * The as-of date the menu and the sidebar use when none is given: the XSELL_AS_OF cell when the spreadsheet has
 * one holding a date (so built tabs agree with the formulas that read it), otherwise today in the spreadsheet's zone.
 */
function defaultAsOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, zone: SheetsZone): { day: number; source: string } {
  const named = ss.getRangeByName(AS_OF_NAME);
  if (named) {
    const raw = named.getCell(1, 1).getValue() as CellValue;
    if (!isOmitted(raw)) {
      const d = toDay((raw instanceof Date ? zone.toCore(raw) : raw) as CellValue);
      if (!d.ok) throw new Error(`${AS_OF_NAME} (${named.getSheet().getName()}!${named.getCell(1, 1).getA1Notation()}) does not hold a date: ${d.reason}. Use Extensions → XSELL → Set as-of date to today, or type a date there.`);
      return { day: d.value, source: `${AS_OF_NAME} (${named.getSheet().getName()}!${named.getCell(1, 1).getA1Notation()})` };
    }
  }
  return { day: zone.today(), source: `today in ${zone.tz}, the spreadsheet's time zone` };
}

/**
 * Menu: writes today's date in the spreadsheet's zone into the XSELL_AS_OF cell, creating a Settings sheet and
 * the named range the first time. The date goes in as a serial number formatted yyyy-mm-dd, so no time zone can
 * move it. Formulas that pass XSELL_AS_OF recalculate because its value changed.
 */
export function setAsOfToday(): { cell: string; date: string } {
  const ss = SpreadsheetApp.getActive();
  const zone = new SheetsZone(spreadsheetZone(ss));
  const active = ss.getActiveSheet();
  let range = ss.getRangeByName(AS_OF_NAME);
  if (range) range = range.getCell(1, 1);
  else {
    const sheet = ss.getSheetByName(SETTINGS_SHEET) ?? ss.insertSheet(SETTINGS_SHEET, ss.getNumSheets());
    const row = sheet.getLastRow() + 1;
    if (row > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), 1);
    sheet.getRange(row, 1).setValue("As of (XSELL_AS_OF)");
    range = sheet.getRange(row, 2);
    ss.setNamedRange(AS_OF_NAME, range);
  }
  const day = zone.today();
  range.setNumberFormat("yyyy-mm-dd").setValue(excelSerialFromDay(day));
  ss.setActiveSheet(active);
  const cell = `${range.getSheet().getName()}!${range.getA1Notation()}`;
  const date = SheetsZone.iso(day);
  ss.toast(`${AS_OF_NAME} (${cell}) is now ${date}, today in ${zone.tz}. Formulas that pass XSELL_AS_OF as as_of recalculate.`, "XSELL", 5);
  return { cell, date };
}

/** The menu item: setAsOfToday with its failure shown as an alert. */
export function setAsOfTodayFromMenu(): void {
  try {
    setAsOfToday();
  } catch (e) {
    SpreadsheetApp.getUi().alert("XSELL", e instanceof Error ? e.message : String(e), SpreadsheetApp.getUi().ButtonSet.OK);
  }
}

function sheetByName(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string | undefined): GoogleAppsScript.Spreadsheet.Sheet | null {
  return name ? ss.getSheetByName(name) : null;
}

function guessSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, kind: keyof typeof PATTERNS, exclude: string): string | undefined {
  return ss.getSheets().map((s) => s.getName()).find((n) => n !== exclude && PATTERNS[kind].test(n));
}

/** What the sidebar shows first: the active sheet's headers, the detected mapping, the sheets to pick from. */
export function sidebarState(): { sheetName: string; rows: number; headers: string[]; mapping: Mapping; columns: CellValue[][]; sheets: string[]; ownership: string; prices: string; retention: string; subscriptions: string; outcomes: string; model: string; asOf: string; asOfSource: string } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const zone = new SheetsZone(spreadsheetZone(ss));
  const sheet = ss.getActiveSheet();
  const asOf = defaultAsOf(ss, zone);
  const saved = savedChoices();
  const name = sheet.getName();
  const pick = (k: keyof typeof PATTERNS): string => saved[k] ?? guessSheet(ss, k, name) ?? "";
  const reading = readActive(saved.mapping);
  return {
    sheetName: name,
    rows: reading.table.rows.length,
    headers: reading.headers,
    mapping: reading.mapping,
    columns: reading.report,
    sheets: ss.getSheets().map((s) => s.getName()),
    ownership: pick("ownership"),
    prices: pick("prices"),
    retention: pick("retention"),
    subscriptions: pick("subscriptions"),
    outcomes: pick("outcomes"),
    model: saved.model ?? "readiness-100",
    asOf: SheetsZone.iso(asOf.day),
    asOfSource: asOf.source,
  };
}

/** How the spreadsheet's locale writes dates and decimals: the default for text whose values prove neither. */
function localeConventions(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Conventions {
  return conventionsOfLocale(ss.getSpreadsheetLocale());
}

/**
 * The active sheet read as the tabs will read it: the saved mapping if it still fits the sheet, else what the
 * headers say. A reading error (a date column in both orders) reaches the sidebar as one sentence.
 */
function readActive(mapping: Mapping | undefined): SourceReading {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const grid = values(ss.getActiveSheet(), new SheetsZone(spreadsheetZone(ss)));
  const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
  const fits = mapping && Object.values(mapping).every((i) => i < width);
  try {
    return readSource("XSELL", grid, fits ? mapping : undefined, localeConventions(ss));
  } catch (e) {
    throw new Error(e instanceof XsellError ? e.message : String(e));
  }
}

/** The sidebar's column report for a mapping the user is editing. */
export function columnReport(mapping: Mapping): CellValue[][] {
  return readActive(mapping).report;
}

export interface BuildRequest extends Choices {
  tab: string;
  asOf?: string;
}

/** Builds one tab from the active sheet and the chosen tables; returns the new sheet's name and row count. */
export function buildTabFromRequest(req: BuildRequest): { sheetName: string; rows: number; rangeCalls: number; top: string[]; chartNotes: string[] } {
  const kind = req.tab as TabKind;
  if (!TAB_KINDS.includes(kind)) throw new Error(`XSELL: unknown tab "${req.tab}"`);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const active = ss.getActiveSheet();
  const zone = new SheetsZone(spreadsheetZone(ss));
  const asOf = req.asOf ? toDay(req.asOf) : { ok: true as const, value: defaultAsOf(ss, zone).day };
  if (!asOf.ok) throw new Error(`"Score as of" is not a date: ${req.asOf}`);
  const read = (name: string | undefined): CellValue[][] | undefined => {
    const s = sheetByName(ss, name);
    if (name && !s) throw new Error(`There is no sheet named "${name}" any more. Choose the tables again.`);
    return s ? values(s, zone) : undefined;
  };
  const source = values(active, zone); // one getValues for the source
  const inputs: TabInputs = {
    accounts: source,
    ownership: read(req.ownership),
    prices: read(req.prices),
    retention: read(req.retention),
    subscriptions: read(req.subscriptions),
    outcomes: read(req.outcomes),
    model: req.model?.startsWith("sheet:") ? read(req.model.slice(6)) : (req.model ?? null),
    asOf: asOf.value,
    readOptions: paneReadOptions(req.mapping, localeConventions(ss)),
  };
  PropertiesService.getDocumentProperties().setProperty(PROPERTY_KEY, JSON.stringify({ mapping: req.mapping, ownership: req.ownership, prices: req.prices, retention: req.retention, subscriptions: req.subscriptions, outcomes: req.outcomes, model: req.model }));
  let spec;
  try {
    spec = buildTab(kind, inputs);
  } catch (e) {
    throw new Error(e instanceof XsellError ? e.message : String(e));
  }
  const stats = renderSpecToSheets(ss, spec);
  const top = kind === "scorecard" ? topOpportunities(spec).map(opportunityText) : [];
  ss.setActiveSheet(active); // back to the user's sheet so the next tab reads the same source
  return { sheetName: stats.sheetName, rows: spec.rows, rangeCalls: stats.rangeCalls, top, chartNotes: stats.chartNotes };
}

/** A menu item: build one tab from the active sheet, using the sidebar's last choices or sheet-name guesses. */
export function buildFromMenu(tab: TabKind): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const active = ss.getActiveSheet().getName();
  const saved = savedChoices();
  const req: BuildRequest = {
    tab,
    mapping: saved.mapping,
    ownership: saved.ownership ?? guessSheet(ss, "ownership", active),
    prices: saved.prices ?? guessSheet(ss, "prices", active),
    retention: saved.retention ?? guessSheet(ss, "retention", active),
    subscriptions: saved.subscriptions ?? guessSheet(ss, "subscriptions", active),
    outcomes: saved.outcomes ?? guessSheet(ss, "outcomes", active),
    model: saved.model,
  };
  // a table the tab needs that nothing names: the active sheet is it (the user ran the menu from there)
  const def = tabDef(tab);
  const need = firstNeed(def);
  if (need && need !== "accounts" && !canBuild(def, { accounts: true, ownership: Boolean(req.ownership), retention: Boolean(req.retention), subscriptions: Boolean(req.subscriptions), outcomes: Boolean(req.outcomes) })) req[need] = active;
  try {
    const res = buildTabFromRequest(req);
    ss.toast(`Built "${res.sheetName}" (${res.rows} rows).`, "XSELL", 5);
  } catch (e) {
    SpreadsheetApp.getUi().alert("XSELL", e instanceof Error ? e.message : String(e), SpreadsheetApp.getUi().ButtonSet.OK);
  }
}
