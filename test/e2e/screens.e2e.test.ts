/**
 * Screenshots of the Excel task pane and the Sheets sidebar in each state a user meets: the column mapping, a build
 * in progress, done, and an error in plain words (test/artifacts/{excel-pane,sheets-sidebar}-<state>.png). The
 * fakes answer at once, so the progress shots slow them down (each Excel sync, each google.script.run call).
 */
import type { Server } from "node:http";
import { join } from "node:path";
import { buildSync } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sample } from "../hosts/excel-shape";
import { artifact, guardNetwork, launch, ROOT, serve } from "./harness";

let browser: Browser;
const servers: Server[] = [];
let excelOrigin: string;
let sheetsOrigin: string;
let fakeSheets: string;

beforeAll(async () => {
  const excel = await serve(join(ROOT, "dist", "excel"));
  const sheets = await serve(join(ROOT, "dist", "sheets"));
  servers.push(excel.server, sheets.server);
  excelOrigin = excel.origin;
  sheetsOrigin = sheets.origin;
  browser = await launch();
  fakeSheets = buildSync({ entryPoints: [join(__dirname, "sheets-fake-entry.ts")], bundle: true, format: "iife", platform: "browser", target: "es2020", write: false }).outputFiles[0].text;
});
afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: artifact(name), fullPage: true });
const progressValue = (page: Page): Promise<number> => page.$eval("#progress", (p) => ((p as HTMLProgressElement).hidden ? -1 : (p as HTMLProgressElement).value));

async function excelPane(): Promise<{ page: Page; outside: string[] }> {
  const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
  const outside = await guardNetwork(page, excelOrigin);
  await page.addInitScript((seed) => {
    (window as unknown as Record<string, unknown>).__XSELL_FAKE_DATA__ = seed;
  }, { sheets: [{ name: "Accounts", values: sample("accounts.csv") }, { name: "Ownership", values: sample("ownership.csv") }, { name: "Prices", values: sample("prices.csv") }] });
  await page.goto(`${excelOrigin}/taskpane.html`);
  await page.click("#use-sheet");
  await page.waitForSelector("#mapping-section:not([hidden])");
  await page.fill("#as-of", "2026-11-01");
  return { page, outside };
}

describe("Excel task pane screenshots", () => {
  it("mapping, progress and done", async () => {
    const { page, outside } = await excelPane();
    expect(await page.textContent("#source-info")).toContain("400 account rows");
    await shot(page, "excel-pane-mapping.png");
    // every Excel sync waits 150 ms, so the build is still running when the shot is taken
    await page.evaluate(() => {
      const excel = (window as unknown as { Excel: { run: (fn: (ctx: { sync: () => Promise<void> }) => Promise<unknown>) => Promise<unknown> } }).Excel;
      const run = excel.run.bind(excel);
      excel.run = (fn) =>
        run((ctx) => {
          const sync = ctx.sync.bind(ctx);
          ctx.sync = () => new Promise((resolve) => setTimeout(resolve, 150)).then(sync);
          return fn(ctx);
        });
    });
    await page.click("#build");
    await page.waitForFunction(() => {
      const p = document.getElementById("progress") as HTMLProgressElement;
      return !p.hidden && p.value > 0 && p.value < 100;
    }, undefined, { timeout: 60_000 });
    expect(await progressValue(page)).toBeGreaterThan(0);
    // the tab by its title, as the checkbox names it
    expect(await page.textContent("#status")).toMatch(/^Building (Scorecard|Whitespace|Adjacency|Scenario) \(\d of \d\)/);
    await shot(page, "excel-pane-progress.png");
    await page.waitForSelector("#results:not([hidden])", { timeout: 120_000 });
    expect(await page.textContent("#error")).toBe("");
    expect((await page.$$eval("#built li", (lis) => lis.length))).toBeGreaterThan(2);
    await shot(page, "excel-pane-done.png");
    expect(outside).toEqual([]);
    await page.close();
  }, 180_000);

  it("an error in plain words", async () => {
    const { page } = await excelPane();
    await page.selectOption('select[data-field="Account"]', "-1");
    await page.click("#build");
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error")).toContain('no column "Account"');
    await shot(page, "excel-pane-error.png");
    await page.close();
  }, 60_000);
});

async function sidebar(delayMs: number): Promise<{ page: Page; outside: string[] }> {
  const page = await browser.newPage({ viewport: { width: 300, height: 1000 } });
  const outside = await guardNetwork(page, sheetsOrigin);
  await page.addInitScript((seed) => {
    const w = window as unknown as Record<string, unknown>;
    w.__XSELL_SHEETS_SEED__ = seed.data;
    w.__XSELL_SHEETS_DELAY_MS__ = seed.delayMs;
  }, { data: { timeZone: "America/New_York", sheets: [{ name: "Accounts", values: sample("accounts.csv") }, { name: "Ownership", values: sample("ownership.csv") }, { name: "Prices", values: sample("prices.csv") }] }, delayMs });
  await page.addInitScript({ content: fakeSheets });
  await page.goto(`${sheetsOrigin}/sidebar.html`);
  await page.waitForSelector("#mapping-section:not([hidden])");
  await page.fill("#as-of", "2026-11-01");
  return { page, outside };
}

describe("Sheets sidebar screenshots", () => {
  it("mapping, progress and done", async () => {
    const { page, outside } = await sidebar(700);
    expect(await page.textContent("#source-info")).toContain("400 account rows");
    await shot(page, "sheets-sidebar-mapping.png");
    await page.click("#build");
    await page.waitForFunction(() => /\(2 of \d+\)/.test(document.getElementById("status")?.textContent ?? ""), undefined, { timeout: 60_000 });
    expect(await progressValue(page)).toBeGreaterThan(0);
    expect(await page.textContent("#status")).toMatch(/^Building Whitespace \(2 of \d\)/);
    await shot(page, "sheets-sidebar-progress.png");
    await page.waitForSelector("#results:not([hidden])", { timeout: 120_000 });
    expect(await page.textContent("#status")).toMatch(/^Done: \d+ tabs built/);
    await shot(page, "sheets-sidebar-done.png");
    expect(outside).toEqual([]);
    await page.close();
  }, 180_000);

  it("an error in plain words: a chosen table's sheet was deleted meanwhile", async () => {
    const { page } = await sidebar(5);
    await page.evaluate(() => {
      const app = (window as unknown as { __XSELL_SHEETS_APP__: { spreadsheet: { sheets: { name: string }[] } } }).__XSELL_SHEETS_APP__;
      app.spreadsheet.sheets = app.spreadsheet.sheets.filter((s) => s.name !== "Ownership");
    });
    await page.click("#build");
    await page.waitForSelector("#error:not([hidden])", { timeout: 60_000 });
    expect(await page.textContent("#error")).toContain('There is no sheet named "Ownership" any more');
    await shot(page, "sheets-sidebar-error.png");
    await page.close();
  }, 60_000);
});
