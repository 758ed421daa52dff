/**
 * Apps Script stops a custom function after 30 seconds. This measures XSELL_SCORE, XSELL_ADJACENCY and
 * XSELL_WHITESPACE through the built bundle in a Node VM, as Sheets calls them (a Tokyo spreadsheet, so every date
 * cell goes through the time-zone conversion, and the document read-only), at sizes up to what one spreadsheet can
 * hold: Sheets caps a spreadsheet at 10 million cells, and a custom function's input range and its result both live
 * in it. By default it runs the smaller sizes (a few seconds); `XSELL_MEASURE=1` adds the sizes at the cap and
 * prints the table the README quotes. It asserts only the platform's limit, never a speed.
 */
import { describe, expect, it } from "vitest";
import { accountRows, wideOwnership } from "../../examples/scale";
import { FakeAppsScript, zonedDate } from "../fakes/apps-script";
import { loadSheetsBundle } from "./sheets-vm";

const TZ = "Asia/Tokyo";
const FULL = process.env.XSELL_MEASURE === "1";
const LIMIT_MS = 30_000;
const CELL_CAP = 10_000_000;

const app = new FakeAppsScript({ timeZone: TZ });
const gs = loadSheetsBundle(app);
const cf = (name: string, ...args: unknown[]): unknown => app.asCustomFunction(() => gs[name](...args));

/** accountRows with its serial-date columns turned into the Dates a Tokyo spreadsheet hands a script. */
function sheetsAccounts(n: number): unknown[][] {
  const cache = new Map<number, Date>();
  const date = (serial: number): Date => {
    let d = cache.get(serial);
    if (!d) {
      const u = new Date(Date.UTC(1899, 11, 30 + serial));
      d = zonedDate(TZ, u.getUTCFullYear(), u.getUTCMonth() + 1, u.getUTCDate());
      cache.set(serial, d);
    }
    return new Date(d.getTime()); // one Date object per cell, as Sheets passes them
  };
  return accountRows(n).map((r, i) => (i === 0 ? r : r.map((v, j) => (j === 4 || j === 9 ? date(v as number) : v))));
}

const rows: string[] = [];
function measure(label: string, size: string, cells: number, run: () => unknown): number {
  if (global.gc) global.gc();
  const t0 = performance.now();
  run();
  const ms = performance.now() - t0;
  rows.push(`| ${label} | ${size} | ${(cells / 1e6).toFixed(2)} M | ${ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`} |`);
  return ms;
}

describe("custom functions against Apps Script's 30-second limit (Node VM; Sheets' own transfer time not included)", () => {
  const scoreSizes = FULL ? [50_000, 200_000, 400_000, 800_000] : [100_000];
  it.each(scoreSizes)("XSELL_SCORE over %i rows × 11 columns with two date columns", (n) => {
    const data = sheetsAccounts(n);
    const cells = (n + 1) * 12; // the input and its one-column result
    expect(cells).toBeLessThanOrEqual(CELL_CAP);
    const ms = measure("XSELL_SCORE", `${n.toLocaleString("en-US")} rows × 11`, cells, () => {
      const out = cf("XSELL_SCORE", data, undefined, undefined, zonedDate(TZ, 2026, 11, 1)) as unknown[][];
      expect(out.length).toBe(n + 1);
    });
    expect(ms).toBeLessThan(LIMIT_MS);
  }, 120_000);

  const adjacencySizes: [number, number][] = FULL ? [[100_000, 20], [250_000, 20], [450_000, 20]] : [[50_000, 20]];
  it.each(adjacencySizes)("XSELL_ADJACENCY over %i accounts × %i products (wide)", (accounts, products) => {
    const own = wideOwnership(accounts, products);
    const cells = (accounts + 1) * (products + 1) + (products + 1) ** 2;
    expect(cells).toBeLessThanOrEqual(CELL_CAP);
    const ms = measure("XSELL_ADJACENCY", `${accounts.toLocaleString("en-US")} × ${products}`, cells, () => {
      const out = cf("XSELL_ADJACENCY", own) as unknown[][];
      expect(out.length).toBe(products + 1);
    });
    expect(ms).toBeLessThan(LIMIT_MS);
  }, 120_000);

  const whitespaceSizes: [number, number][] = FULL ? [[50_000, 20], [100_000, 20], [230_000, 20]] : [[20_000, 20]];
  it.each(whitespaceSizes)("XSELL_WHITESPACE over %i accounts × %i products (result as large as the input)", (accounts, products) => {
    const own = wideOwnership(accounts, products);
    const cells = 2 * (accounts + 1) * (products + 1);
    expect(cells).toBeLessThanOrEqual(CELL_CAP);
    const ms = measure("XSELL_WHITESPACE", `${accounts.toLocaleString("en-US")} × ${products}`, cells, () => {
      const out = cf("XSELL_WHITESPACE", own) as unknown[][];
      expect(out.length).toBe(accounts + 1);
    });
    expect(ms).toBeLessThan(LIMIT_MS);
  }, 120_000);

  it("prints the measurements", () => {
    console.log(["| function | size | cells (input + result) | time in the VM |", "|---|---|---|---|", ...rows].join("\n"));
  });
});
