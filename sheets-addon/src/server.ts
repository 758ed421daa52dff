/**
 * The add-on's server side: the custom-function dispatcher, the menu (built in AuthMode.NONE without touching
 * authorized services), menu actions that build a tab from the active sheet, and the sidebar's API.
 */
import * as catalog from "../../core/functions";
import { XsellError } from "../../core/errors";
import { buildTab, TAB_KINDS, type TabInputs, type TabKind } from "../../core/tabs";
import { applyMapping, detectMapping, type Mapping } from "../../core/tabs/mapping";
import { today, toDay, toText, type CellValue } from "../../core/values";
import { renderSpecToSheets } from "./renderer";

type CatalogFn = (...args: unknown[]) => unknown;

/** Custom functions: Sheets passes ranges as 2D arrays, single cells as values, omitted arguments as undefined. */
export function call(name: string, args: unknown[]): unknown {
  const fn = (catalog as unknown as Record<string, CatalogFn>)[name];
  if (typeof fn !== "function") throw new Error(`XSELL: unknown function ${name}`);
  try {
    return fn(...args);
  } catch (e) {
    // Sheets shows a thrown Error's message in the cell's tooltip: the same words as Excel shows
    if (e instanceof XsellError) throw new Error(e.message);
    throw e;
  }
}

const MENU: [string, string][] = [
  ["Build scorecard", "xsellBuildScorecard"],
  ["Build whitespace tab", "xsellBuildWhitespace"],
  ["Build adjacency matrix", "xsellBuildAdjacency"],
  ["Build retention tab", "xsellBuildRetention"],
  ["Build scenario tab", "xsellBuildScenario"],
];

/** The add-on menu. Works in AuthMode.NONE: it only asks the Ui to draw items. */
export function onOpen(_e?: { authMode?: unknown }): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const [label, fn] of MENU) menu.addItem(label, fn);
  menu.addSeparator().addItem("Open sidebar", "xsellShowSidebar").addToUi();
}

export function onInstall(e?: { authMode?: unknown }): void {
  onOpen(e);
}

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile("sidebar").setTitle("XSELL");
  SpreadsheetApp.getUi().showSidebar(html);
}

const PATTERNS = { ownership: /owner|product|holding/i, prices: /price/i, retention: /retention|snapshot|arr/i } as const;

interface Choices {
  mapping?: Mapping;
  ownership?: string;
  prices?: string;
  retention?: string;
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

function values(sheet: GoogleAppsScript.Spreadsheet.Sheet): CellValue[][] {
  return sheet.getDataRange().getValues() as CellValue[][];
}

function sheetByName(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string | undefined): GoogleAppsScript.Spreadsheet.Sheet | null {
  return name ? ss.getSheetByName(name) : null;
}

function guessSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, kind: keyof typeof PATTERNS, exclude: string): string | undefined {
  return ss.getSheets().map((s) => s.getName()).find((n) => n !== exclude && PATTERNS[kind].test(n));
}

/** What the sidebar shows first: the active sheet's headers, the detected mapping, the sheets to pick from. */
export function sidebarState(): { sheetName: string; rows: number; headers: string[]; mapping: Mapping; sheets: string[]; ownership: string; prices: string; retention: string } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getActiveSheet();
  const lastCol = Math.max(1, sheet.getLastColumn());
  const headers = (sheet.getRange(1, 1, 1, lastCol).getValues()[0] as CellValue[]).map((h) => toText(h));
  const saved = savedChoices();
  const name = sheet.getName();
  const pick = (k: keyof typeof PATTERNS): string => saved[k] ?? guessSheet(ss, k, name) ?? "";
  return {
    sheetName: name,
    rows: Math.max(0, sheet.getLastRow() - 1),
    headers,
    mapping: saved.mapping && Object.values(saved.mapping).every((i) => i < headers.length) ? saved.mapping : detectMapping(headers),
    sheets: ss.getSheets().map((s) => s.getName()),
    ownership: pick("ownership"),
    prices: pick("prices"),
    retention: pick("retention"),
  };
}

export interface BuildRequest extends Choices {
  tab: string;
  asOf?: string;
}

/** Builds one tab from the active sheet and the chosen tables; returns the new sheet's name and row count. */
export function buildTabFromRequest(req: BuildRequest): { sheetName: string; rows: number; rangeCalls: number; top: string[] } {
  const kind = req.tab as TabKind;
  if (!TAB_KINDS.includes(kind)) throw new Error(`XSELL: unknown tab "${req.tab}"`);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const active = ss.getActiveSheet();
  const asOf = req.asOf ? toDay(req.asOf) : { ok: true as const, value: today() };
  if (!asOf.ok) throw new Error(`"Score as of" is not a date: ${req.asOf}`);
  const read = (name: string | undefined): CellValue[][] | undefined => {
    const s = sheetByName(ss, name);
    if (name && !s) throw new Error(`There is no sheet named "${name}" any more. Choose the tables again.`);
    return s ? values(s) : undefined;
  };
  const source = values(active); // one getValues for the source
  const inputs: TabInputs = {
    accounts: applyMapping(source, req.mapping ?? detectMapping(source[0] ?? [])),
    ownership: read(req.ownership),
    prices: read(req.prices),
    retention: read(req.retention),
    asOf: asOf.value,
  };
  PropertiesService.getDocumentProperties().setProperty(PROPERTY_KEY, JSON.stringify({ mapping: req.mapping, ownership: req.ownership, prices: req.prices, retention: req.retention }));
  let spec;
  try {
    spec = buildTab(kind, inputs);
  } catch (e) {
    throw new Error(e instanceof XsellError ? e.message : String(e));
  }
  const stats = renderSpecToSheets(ss, spec);
  const top = kind === "scorecard" ? (spec.blocks[0]?.cells.slice(1, 6) ?? []).map((r) => `${toText(r[0] as CellValue)}: ${toText(r[1] as CellValue)} (${toText(r[2] as CellValue)})`) : [];
  ss.setActiveSheet(active); // back to the user's sheet so the next tab reads the same source
  return { sheetName: stats.sheetName, rows: spec.rows, rangeCalls: stats.rangeCalls, top };
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
  };
  if ((tab === "whitespace" || tab === "adjacency") && !req.ownership) req.ownership = active;
  if (tab === "retention" && !req.retention) req.retention = active;
  try {
    const res = buildTabFromRequest(req);
    ss.toast(`Built "${res.sheetName}" (${res.rows} rows).`, "XSELL", 5);
  } catch (e) {
    SpreadsheetApp.getUi().alert("XSELL", e instanceof Error ? e.message : String(e), SpreadsheetApp.getUi().ButtonSet.OK);
  }
}
