/**
 * Loads the built dist/sheets/xsell.js in a Node VM with fake Apps Script services and checks the add-on as
 * Sheets would run it: top-level custom functions with parameters and JSDoc, answers equal to the core's for
 * the same calendar days (the spreadsheet here is in Asia/Tokyo, so every date cell arrives as the instant of
 * its Tokyo midnight, a day early in UTC), custom functions run read-only as Sheets runs them, errors that read
 * well after #ERROR!, onOpen in AuthMode.NONE, every menu action building its tab in a bounded number of range
 * calls, the XSELL_AS_OF cell, the sidebar's server functions, user text kept as text, and XSELL_SCORE on 50,000
 * rows far inside the 30-second limit. Time-zone boundaries by hand: sheets-timezones.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { beforeEach, describe, expect, it } from "vitest";
import * as core from "../../core/functions";
import { CATALOG, sheetsName } from "../../core/catalog";
import { accountRows } from "../../examples/scale";
import { FakeAppsScript, wallClock, zonedDate } from "../fakes/apps-script";
import { loadSheetsBundle, SHEETS_SOURCE as SOURCE, sheetsShape, type Globals } from "./sheets-vm";

const DIST = join(__dirname, "..", "..", "dist", "sheets");
const TZ = "Asia/Tokyo";

let app: FakeAppsScript;
let gs: Globals;
/** A custom function call as Sheets makes it: the document read-only, no Ui. */
const cf = (name: string, ...args: unknown[]): unknown => app.asCustomFunction(() => gs[name](...args));
const accounts = sheetsShape("accounts.csv", TZ);
const ownership = sheetsShape("ownership.csv", TZ);
const prices = sheetsShape("prices.csv", TZ);
const retention = sheetsShape("retention.csv", TZ);
/** The same tables as the core reads them: a date is its UTC midnight. */
const subscriptions = sheetsShape("subscriptions.csv", TZ, 600);
const core_ = { accounts: sheetsShape("accounts.csv", null), ownership: sheetsShape("ownership.csv", null), prices: sheetsShape("prices.csv", null), retention: sheetsShape("retention.csv", null), subscriptions: sheetsShape("subscriptions.csv", null, 600) };

beforeEach(() => {
  app = new FakeAppsScript({ timeZone: TZ });
  app.spreadsheet.addSheet("Accounts", accounts);
  app.spreadsheet.addSheet("Ownership", ownership);
  app.spreadsheet.addSheet("Prices", prices);
  app.spreadsheet.addSheet("Retention data", retention);
  gs = loadSheetsBundle(app);
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

  it("each wrapper passes XSELL.call the positions of its as_of parameters, as the catalog lists them", () => {
    for (const f of CATALOG) {
      const m = new RegExp(`function ${sheetsName(f)}\\([^)]*\\) \\{\\n  return XSELL\\.call\\("${sheetsName(f)}", \\[[^\\]]*\\](?:, \\[([\\d, ]+)\\])?\\);`).exec(SOURCE);
      expect(m, sheetsName(f)).not.toBeNull();
      const positions = f.params.flatMap((p, i) => (p.name === "as_of" && p.default === "today" ? [i] : []));
      expect(m![1] ? m![1].split(",").map(Number) : [], sheetsName(f)).toEqual(positions);
    }
    expect(SOURCE).toContain("@param {XSELL_AS_OF} as_of Optional: the date to score as of. Default today. Sheets does not allow TODAY() here: pass XSELL_AS_OF");
  });

  // the same calls in both shapes: Sheets' (Tokyo instants) for the add-on, the core's (UTC midnights) for the core
  type Shape = typeof core_ & { asOf: Date };
  const callsFor = ({ accounts, ownership, prices, retention, subscriptions, asOf: AS_OF }: Shape): Record<string, unknown[][]> => {
  const start = retention.slice(0, 200).map((r) => [r[2]]);
  const end = retention.slice(0, 200).map((r) => [r[3]]);
  return {
    SCORE: [[accounts.slice(0, 80), undefined, undefined, AS_OF], [accounts.slice(0, 80), undefined, "expansion-100", AS_OF]],
    EXPLAIN: [[accounts.slice(0, 40), undefined, undefined, AS_OF]],
    COLUMNS: [[accounts.slice(0, 40)]],
    BAND: [[75], [[[75], [""], [30]]]],
    MODEL: [[], ["expansion-100"]],
    ATTACH_RATE: [[ownership, "CRM", "Analytics"]],
    LIFT: [[ownership, "CRM", "Analytics", 5]],
    ADJACENCY: [[ownership], [ownership, "count"], [ownership, "attach", 5, AS_OF, "flags"]],
    PAIR_FLAGS: [[ownership, prices, AS_OF]],
    WHITESPACE: [[ownership.slice(0, 300), prices]],
    NEXT_PRODUCT: [[ownership.slice(0, 300), prices, 2], [ownership.slice(0, 300), prices, 1, AS_OF, "flags"]],
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
    MOVEMENTS: [[subscriptions, undefined, undefined, undefined, AS_OF], [subscriptions, "quarter", undefined, undefined, AS_OF]],
    FLOWS: [[subscriptions, undefined, undefined, undefined, AS_OF]],
    COHORTS: [[subscriptions, "quarter", undefined, AS_OF], [subscriptions, "year", "logos", AS_OF]],
    TIME_TO_SECOND: [[subscriptions, AS_OF], [subscriptions, AS_OF, "first product"]],
    SEQUENCE: [[subscriptions], [subscriptions, 365, "count"]],
    PRODUCT_RETENTION: [[subscriptions, AS_OF]],
    AUC: [[[["Score"], [90], [70], [70], [30]], [["Expanded"], [1], [true], ["No"], [0]]]],
    VALIDATE: [[[[90], [70], [70], [30], [""]], [[1], [true], ["No"], [0], [1]]]],
    FIT_MODEL: [[accounts.slice(0, 80), accounts.slice(0, 80).map((_, i) => [i === 0 ? "Expanded" : i % 3 === 0 ? 1 : 0]), undefined, AS_OF]],
    BACKTEST: [[subscriptions, "2025-11-01"], [subscriptions, "2025-11-01", 180, 2, prices]],
    CONVERSION: [[[["Account", "Product", "Trigger", "Rep", "Created", "Close Date", "Stage"], ["A", "X", "Gap", "Ana", "2026-01-01", "2026-01-20", "Closed Won"], ["B", "X", "Usage", "Bo", "2026-01-01", "", "Proposal"]]], [[["Account", "Product", "Trigger", "Rep", "Created", "Close Date", "Stage"], ["A", "X", "Gap", "Ana", "2026-01-01", "2026-01-20", "Closed Won"], ["B", "X", "Usage", "Bo", "2026-01-01", "", "Proposal"]], "rep"]],
  };
  };
  const SHEETS_CALLS = callsFor({ accounts, ownership, prices, retention, subscriptions, asOf: zonedDate(TZ, 2026, 11, 1) });
  const CORE_CALLS = callsFor({ ...core_, asOf: new Date(Date.UTC(2026, 10, 1)) });
  for (const f of CATALOG) {
    it(`${sheetsName(f)} answers what the core answers for the same days, with Sheets-shaped values from a Tokyo spreadsheet`, () => {
      const impl = (core as Record<string, (...a: unknown[]) => unknown>)[sheetsName(f)];
      const asOfAt = f.params.flatMap((p, i) => (p.name === "as_of" && p.default === "today" ? [i] : []));
      expect(SHEETS_CALLS[f.id], `no sample call for ${f.id}`).toBeDefined();
      SHEETS_CALLS[f.id].forEach((args, k) => {
        const coreArgs = [...CORE_CALLS[f.id][k]];
        // an omitted as_of is today in the spreadsheet's zone (Tokyo), whatever the process's zone
        const w = wallClock(TZ, new Date());
        for (const i of asOfAt) if (coreArgs[i] === undefined) coreArgs[i] = new Date(Date.UTC(w.y, w.m - 1, w.d));
        expect(JSON.parse(JSON.stringify(cf(sheetsName(f), ...args)))).toEqual(JSON.parse(JSON.stringify(impl(...coreArgs))));
      });
    });
  }

  it("throws one sentence that names the function and reads well after #ERROR!", () => {
    expect(() => cf("XSELL_SCORE", accounts.slice(0, 5), undefined, "gold")).toThrow(new Error('XSELL_SCORE: model must be "readiness-100" or "expansion-100", got "gold"; or pass a model table as XSELL_MODEL spills it.'));
    expect(() => cf("XSELL_NRR", [[0]], [[1]])).toThrow(new Error("XSELL_NRR: no account has starting ARR above 0, so the cohort is empty."));
    expect(() => cf("XSELL_SCORE", accounts.slice(0, 5), undefined, undefined, "03/01/2026")).toThrow(new Error('XSELL_SCORE: as_of: "03/01/2026" could be either day or month first; write it as 2026-03-01 or 2026-01-03.'));
  });

  it("every error a user can provoke reads as one line, starts with the function's name, carries no error code and ends a sentence", () => {
    const provoked: [string, unknown[]][] = [
      ["XSELL_SCORE", [[["x"]]]],
      ["XSELL_SCORE", [accounts.slice(0, 5), undefined, "gold"]],
      ["XSELL_SCORE", [accounts.slice(0, 5), undefined, undefined, "soon"]],
      ["XSELL_EXPLAIN", [accounts.slice(0, 5), [["a", "b"]]]],
      ["XSELL_BAND", [[["high"]]]],
      ["XSELL_MODEL", ["gold"]],
      ["XSELL_ATTACH_RATE", [ownership, "CRM", "Nope"]],
      ["XSELL_ATTACH_RATE", [ownership, "CRM", "Analytics", 100000]],
      ["XSELL_LIFT", [ownership, "CRM", "Analytics", -1]],
      ["XSELL_ADJACENCY", [ownership, "best"]],
      ["XSELL_WHITESPACE", [[["nothing"]]]],
      ["XSELL_NEXT_PRODUCT", [ownership, prices, 0]],
      ["XSELL_TRIGGERS", [accounts.slice(0, 5), undefined, undefined, undefined, [["Rule", "Parameter", "Value"], ["nope", "x", 1]]]],
      ["XSELL_NRR", [[[0]], [[1]]]],
      ["XSELL_GRR", [[[100], [-5]], [[1], [1]]]],
      ["XSELL_MOVEMENT", [[[1], [2]], [[1]]]],
      ["XSELL_RETENTION", [[["a"]]]],
      ["XSELL_EXPANSION_NEEDED", ["lots", 1.1]],
      ["XSELL_SCENARIO", [1000, 20000, 12000, 2]],
      ["XSELL_SENSITIVITY", [1000, 20000, [["x"]], [[0.3]]]],
      ["XSELL_PROJECTION", [1000, 20000, 12000, 0.35, 0]],
    ];
    for (const [name, args] of provoked) {
      let message = "";
      try {
        cf(name, ...args);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message, `${name} did not throw`).not.toBe("");
      expect(message, message).toMatch(new RegExp(`^${name}: [^#\\s]`));
      expect(message, message).not.toMatch(/\n|#(VALUE!|N\/A|NUM!|DIV\/0!)\s/);
      expect(message, message).toMatch(/[.!?]$/);
    }
  });

  it("scores 50,000 rows far inside Apps Script's 30-second custom-function limit", () => {
    const toTokyo = (serial: number): Date => {
      const d = new Date(Date.UTC(1899, 11, 30 + serial));
      return zonedDate(TZ, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    };
    const rows = accountRows(50_000).map((r, i) => (i === 0 ? r : r.map((v, j) => (j === 4 || j === 9 ? toTokyo(v as number) : v))));
    const t0 = performance.now();
    const out = cf("XSELL_SCORE", rows, undefined, undefined, zonedDate(TZ, 2026, 11, 1)) as unknown[][];
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
        ["Build retention tab", "xsellBuildRetention"], ["Build scenario tab", "xsellBuildScenario"], ["Build timing tab", "xsellBuildTiming"], ["Build validation tab", "xsellBuildValidation"],
        ["Set as-of date to today", "xsellSetAsOfToday"], ["Open sidebar", "xsellShowSidebar"],
      ],
      separators: 1,
      added: true,
    });
    // every item calls a top-level function the bundle defines (menu.js is generated from the same tab registry)
    for (const [, fn] of app.menu!.items) expect(typeof gs[fn], fn).toBe("function");
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
    // notes on four headers (Band, Propensity, Expected ARR, Coverage) and two wrap formats: 33 measured
    ["xsellBuildScorecard", "Scorecard", 36],
    // the products-by-whitespace helper table the bar chart reads (its title, header, cells and number format): 34 measured
    ["xsellBuildWhitespace", "Whitespace", 35],
    // honest and raw matrices, counts, the flags' legend and the lift chart: a fixed number, however many flags
    // (+ headers aligned like their numbers: one range per run of number columns in each matrix, 7 here)
    ["xsellBuildAdjacency", "Adjacency", 54],
    // the ARR bridge adds a helper table (3 formats) and a chart reading 2 ranges
    ["xsellBuildRetention", "Retention", 48],
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

  it("notes on built tabs name functions as Sheets spells them", () => {
    gs.xsellBuildAdjacency();
    const notes = app.spreadsheet.getSheetByName("Adjacency")!.notes.map((n) => n[1]).join("\n");
    expect(notes).toContain("=XSELL_ADJACENCY(ownership");
    expect(notes).not.toContain("XSELL.");
  });

  it("Set as-of date to today keeps one XSELL_AS_OF cell: created once, rewritten after, beside what a Settings sheet holds", () => {
    const settings = app.spreadsheet.addSheet("Settings", [["Region", "EMEA"], ["Owner", "Dana"]]);
    app.spreadsheet.setActiveSheet(app.spreadsheet.getSheetByName("Accounts")!);
    gs.xsellSetAsOfToday();
    expect(app.alerts).toEqual([]);
    const named = app.spreadsheet.getRangeByName("XSELL_AS_OF")!;
    expect(`${named.getSheet().getName()}!${named.getA1Notation()}`).toBe("Settings!B3");
    expect(settings.values.slice(0, 2)).toEqual([["Region", "EMEA"], ["Owner", "Dana"]]);
    expect(settings.cell(2, 0)).toBe("As of (XSELL_AS_OF)");
    expect(app.spreadsheet.getActiveSheet().getName()).toBe("Accounts");
    expect(app.spreadsheet.toasts[0]).toMatch(/^XSELL_AS_OF \(Settings!B3\) is now \d{4}-\d{2}-\d{2}, today in Asia\/Tokyo\./);
    // the user types another date over it; the menu item rewrites the same cell
    settings.values[2][1] = 40000;
    gs.xsellSetAsOfToday();
    expect(app.spreadsheet.namedRanges.size).toBe(1);
    expect(settings.cell(2, 1)).not.toBe(40000);
    expect(app.spreadsheet.getSheets().filter((x) => x.getName() === "Settings")).toHaveLength(1);
    // custom functions cannot write: the menu item is the only writer
    expect(() => app.asCustomFunction(() => gs.xsellSetAsOfToday())).toThrow();
  });

  it("a menu build as of an XSELL_AS_OF cell that holds no date says so", () => {
    const settings = app.spreadsheet.addSheet("Settings", [["As of (XSELL_AS_OF)", "soon"]]);
    app.spreadsheet.namedRanges.set("XSELL_AS_OF", { sheet: settings, row: 0, col: 1, rows: 1, cols: 1 });
    app.spreadsheet.setActiveSheet(app.spreadsheet.getSheetByName("Accounts")!);
    gs.xsellBuildScorecard();
    expect(app.alerts).toHaveLength(1);
    expect(app.alerts[0]).toMatch(/^XSELL_AS_OF \(Settings!B1\) does not hold a date: "soon" .*\. Use Extensions → XSELL → Set as-of date to today, or type a date there\.$/);
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
    // header, 400 accounts, totals; a blank row and the product economics: title, owners, pass-through, ARR per
    // owner, realized price, share owning, and the last four years' share and realized price
    expect(res).toMatchObject({ sheetName: "Whitespace", rows: 402 + 1 + 14 });
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

  it("the sidebar's Content-Security-Policy is present, parses, comes first, and allows exactly what HtmlService's bridge and the page need", () => {
    const html = readFileSync(join(DIST, "sidebar.html"), "utf8");
    const metas = [...html.matchAll(/<meta\s[^>]*http-equiv=("?)Content-Security-Policy\1[^>]*>/gi)];
    expect(metas).toHaveLength(1);
    const at = metas[0].index!;
    // a <meta> policy governs only what comes after it: it must precede every script and style, inside <head>
    expect(at).toBeLessThan(html.search(/<script/i));
    expect(at).toBeLessThan(html.search(/<style/i));
    expect(at).toBeLessThan(html.search(/<\/head>/i));
    const content = /\scontent="([^"]*)"/.exec(metas[0][0])![1];
    // CSP3 grammar: directives split on ";", a lower-case name, then whitespace-separated source expressions
    const directives = new Map<string, string[]>();
    for (const part of content.split(";").map((d) => d.trim()).filter(Boolean)) {
      const [name, ...sources] = part.split(/\s+/);
      expect(name).toMatch(/^[a-z-]+$/);
      expect(directives.has(name), `${name} twice`).toBe(false);
      directives.set(name, sources);
    }
    // frame-ancestors, report-uri and sandbox are ignored in a <meta> policy: none may be relied on
    const META_DIRECTIVES = ["default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "media-src", "object-src", "frame-src", "child-src", "worker-src", "manifest-src", "base-uri", "form-action"];
    const SOURCE = /^('none'|'self'|'unsafe-inline'|'unsafe-eval'|'strict-dynamic'|'nonce-[A-Za-z0-9+/_=-]+'|'sha(256|384|512)-[A-Za-z0-9+/_=-]+'|data:|blob:|https:\/\/[a-z0-9.-]+)$/;
    for (const [name, sources] of directives) {
      expect(META_DIRECTIVES, name).toContain(name);
      expect(sources.length, name).toBeGreaterThan(0);
      for (const src of sources) expect(src, `${name} ${src}`).toMatch(SOURCE);
      if (sources.includes("'none'")) expect(sources, name).toEqual(["'none'"]);
    }
    expect(directives.get("default-src")).toEqual(["'none'"]);
    // our inlined code; the sandbox origin and Google's static host, which serve HtmlService's client; no eval
    expect(directives.get("script-src")).toEqual(["'unsafe-inline'", "'self'", "https://ssl.gstatic.com"]);
    expect(directives.get("style-src")).toEqual(["'unsafe-inline'"]);
    // google.script.run reaches the server by postMessage through HtmlService's frame: this page connects nowhere
    expect(directives.get("connect-src")).toEqual(["'none'"]);
    for (const d of ["object-src", "base-uri", "form-action"]) expect(directives.get(d), d).toEqual(["'none'"]);

    // the page needs nothing the policy forbids
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0][1]).not.toMatch(/\bsrc=/);
    const js = scripts[0][2];
    expect(() => new vm.Script(js)).not.toThrow(); // the inlined script survived inlining intact
    expect(js).not.toMatch(/\beval\(|\bFunction\(|set(Timeout|Interval)\(\s*["'`]/); // 'unsafe-eval' is not granted
    const markup = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, "");
    expect(markup).not.toMatch(/<(link|iframe|object|embed|base|form)\b/i);
    expect(markup).not.toMatch(/\son[a-z]+=/i); // no inline handlers
    expect(markup).not.toMatch(/(src|href)=["']?(?!#)[^\s>"']+/i); // nothing loaded by URL
    const css = [...html.matchAll(/<style>([\s\S]*?)<\/style>/gi)].map((m) => m[1]).join("");
    for (const u of css.matchAll(/url\(([^)]*)\)/g)) expect(u[1], "CSS url()").toMatch(/^["']?data:/);
    // every server function the page calls through google.script.run is a top-level function of the project
    expect(js).toContain("google.script.run");
    for (const fn of ["xsellSidebarState", "xsellBuildTab"]) {
      expect(js).toContain(fn);
      expect(SOURCE_HAS(fn), fn).toBe(true);
    }
  });
});

const SOURCE_HAS = (fn: string): boolean => new RegExp(`\\nfunction ${fn}\\(`).test(SOURCE);
