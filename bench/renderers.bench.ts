/** The Excel renderer (syncs, largest request) and the Sheets renderer (range calls) on a 200,000 × 20 Whitespace tab. */
import { renderSpec } from "../excel-addin/renderer";
import { renderSpecToSheets } from "../sheets-addon/src/renderer";
import { buildTab } from "../core/tabs";
import { FakeWorkbook, fakeContext } from "../test/fakes/excel-host";
import { FakeAppsScript } from "../test/fakes/apps-script";
import { wideOwnership } from "./data";
import type { BenchResult } from "./harness";

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function benchRenderers(): Promise<BenchResult[]> {
  const own = wideOwnership(200_000, 20);
  const built = await timed(() => buildTab("whitespace", { ownership: own, asOf: 20758 }));
  const spec = built.value;
  const results: BenchResult[] = [
    { operation: "Whitespace tab spec (builder)", size: "200,000 × 20", medianMs: built.ms, rowsPerSecond: 200_000 / (built.ms / 1000), peakMb: process.memoryUsage().rss / 1048576 },
  ];
  const wb = new FakeWorkbook();
  const excel = await timed(() => renderSpec(fakeContext(wb), spec));
  results.push({
    operation: "Excel renderer (fake host)",
    size: "200,000 × 20 Whitespace",
    medianMs: excel.ms,
    rowsPerSecond: 200_000 / (excel.ms / 1000),
    peakMb: process.memoryUsage().rss / 1048576,
    note: `${excel.value.syncs} syncs, largest request ${(wb.largestRequestBytes / 1e6).toFixed(2)} MB (limit 5 MB), ${wb.rejectedRequests} rejected`,
  });
  const app = new FakeAppsScript();
  const ss = app.spreadsheet;
  const g = app.globals() as { SpreadsheetApp: unknown };
  (globalThis as Record<string, unknown>).SpreadsheetApp = g.SpreadsheetApp;
  const sheets = await timed(() => renderSpecToSheets(ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, spec));
  results.push({
    operation: "Sheets renderer (fake SpreadsheetApp)",
    size: "200,000 × 20 Whitespace",
    medianMs: sheets.ms,
    rowsPerSecond: 200_000 / (sheets.ms / 1000),
    peakMb: process.memoryUsage().rss / 1048576,
    note: `${app.rangeCalls} range calls, ${app.setValuesCalls} setValues`,
  });
  return results;
}
