/** The built Sheets sidebar in headless Chromium with a fake google.script.run: build tabs, escape hostile names. */
import type { Server } from "node:http";
import { join } from "node:path";
import { buildSync } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wallClock } from "../fakes/apps-script";
import { sample } from "../hosts/excel-shape";
import { artifact, cspViolations, guardNetwork, launch, ROOT, serve, watchCsp } from "./harness";

const HOSTILE = "<img src=x onerror=alert(1)>";
let browser: Browser;
let server: Server;
let origin: string;
let fakeServer: string;

beforeAll(async () => {
  ({ server, origin } = await serve(join(ROOT, "dist", "sheets")));
  browser = await launch();
  fakeServer = buildSync({ entryPoints: [join(__dirname, "sheets-fake-entry.ts")], bundle: true, format: "iife", platform: "browser", target: "es2020", write: false }).outputFiles[0].text;
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe("Sheets sidebar (built) in Chromium", () => {
  it("shows the mapping, builds tabs through google.script.run, and renders hostile names as text", async () => {
    const accounts = sample("accounts.csv");
    accounts[accounts.findIndex((r) => r[0] === "Soylent Robotics")][0] = HOSTILE;
    accounts[0][2] = `${HOSTILE} Owner`;
    const page = await browser.newPage({ viewport: { width: 300, height: 1000 } });
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const outside = await guardNetwork(page, origin);
    await watchCsp(page);
    await page.addInitScript((seed) => {
      (window as unknown as Record<string, unknown>).__XSELL_SHEETS_SEED__ = seed;
    }, { timeZone: "Pacific/Kiritimati", sheets: [{ name: "Accounts", values: accounts }, { name: "Ownership", values: sample("ownership.csv").map((r) => (r[0] === "Soylent Robotics" ? [HOSTILE, ...r.slice(1)] : r)) }, { name: "Prices", values: sample("prices.csv") }, { name: HOSTILE, values: [["x"]] }] });
    await page.addInitScript({ content: fakeServer });
    await page.goto(`${origin}/sidebar.html`);
    await page.waitForSelector("#mapping-section:not([hidden])");
    expect(await page.textContent("#source-info")).toBe('400 account rows × 21 columns from "Accounts".');
    const ownerOptions = await page.$$eval("#ownership-sheet option", (os) => os.map((o) => o.textContent));
    expect(ownerOptions).toContain(HOSTILE);
    expect(await page.$eval("#ownership-sheet", (s) => (s as HTMLSelectElement).value)).toBe("Ownership");
    // "Score as of" defaults to today in the spreadsheet's zone (UTC+14 here), not the browser's
    const w = wallClock("Pacific/Kiritimati", new Date());
    const today = `${w.y}-${String(w.m).padStart(2, "0")}-${String(w.d).padStart(2, "0")}`;
    expect(await page.$eval("#as-of", (i) => (i as HTMLInputElement).value)).toBe(today);
    expect(await page.textContent("#as-of-hint")).toBe("Default: today in Pacific/Kiritimati, the spreadsheet's time zone.");
    await page.fill("#as-of", "2026-11-01");
    await page.click("#build");
    await page.waitForSelector("#results:not([hidden])", { timeout: 60_000 });
    expect(await page.textContent("#error")).toBe("");
    const built = await page.$$eval("#built li", (lis) => lis.map((l) => l.textContent));
    // Whitespace: header, 400 accounts, totals; a blank row and the 14 rows of product economics (as in test/hosts/sheets-addon.test.ts); Adjacency: its rule, legend and lift sentences are cut into rows as wide as the printed matrix, so it is 39 rows
    expect(built).toEqual([
      "Scorecard — 401 rows",
      "Whitespace — 417 rows",
      'Adjacency — 39 rows. The chart "Top product pairs by lift, with 95% intervals" has no error bars in Sheets (its charts cannot read them from cells); the intervals are in the table it charts.',
      "Scenario — 37 rows",
    ]);
    const top = await page.$$eval("#top li", (lis) => lis.map((l) => l.textContent));
    // the first opportunity by expected ARR of its next product (the sample's largest)
    expect(top[0]).toBe(`${HOSTILE}: 100 (High) → Data Warehouse (35% propensity, $10,398 expected ARR)`);
    expect(await page.$$eval("img", (imgs) => imgs.length)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    const sheets = await page.evaluate(() => (window as unknown as { __XSELL_SHEETS_APP__: { spreadsheet: { sheets: { name: string }[] } } }).__XSELL_SHEETS_APP__.spreadsheet.sheets.map((s) => s.name));
    expect(sheets).toEqual(["Accounts", "Ownership", "Prices", HOSTILE, "Scorecard", "Whitespace", "Adjacency", "Scenario"]);
    await page.screenshot({ path: artifact("sheets-sidebar.png"), fullPage: true });
    expect(await cspViolations(page)).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  }, 120_000);
});
