/** The Excel renderer (syncs, largest request) and the Sheets renderer (range calls) on a 200,000 × 20 Whitespace tab. */
import { renderSpec } from "../excel-addin/renderer";
import { renderSpecToSheets } from "../sheets-addon/src/renderer";
import { buildTab } from "../core/tabs";
import { FakeWorkbook, fakeContext } from "../test/fakes/excel-host";
import { FakeAppsScript } from "../test/fakes/apps-script";
import { wideOwnership } from "../examples/scale";
import type { BenchResult } from "./harness";

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

function row(operation: string, size: string, ms: number, note?: string): BenchResult {
  return { operation, size, medianMs: ms, rowsPerSecond: 200_000 / (ms / 1000), peakMb: process.memoryUsage().rss / 1048576, note };
}

/** One run each: a render of 4 million cells is the measurement, and its sync and call counts do not vary. */
export async function benchRenderers(): Promise<BenchResult[]> {
  const own = wideOwnership(200_000, 20);
  const built = await timed(() => buildTab("whitespace", { ownership: own, asOf: 20758 }));
  const spec = built.value;
  const results: BenchResult[] = [row("Whitespace tab spec (builder)", "200,000 × 20", built.ms)];
  const wb = new FakeWorkbook();
  const excel = await timed(() => renderSpec(fakeContext(wb), spec));
  results.push(row("Excel renderer (fake host)", "200,000 × 20 Whitespace", excel.ms, `${excel.value.syncs} syncs, largest request ${(wb.largestRequestBytes / 1e6).toFixed(2)} MB (limit 5 MB), ${wb.rejectedRequests} rejected`));
  const app = new FakeAppsScript();
  (globalThis as Record<string, unknown>).SpreadsheetApp = app.globals().SpreadsheetApp;
  const sheets = await timed(() => renderSpecToSheets(app.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, spec));
  results.push(row("Sheets renderer (fake SpreadsheetApp)", "200,000 × 20 Whitespace", sheets.ms, `${app.rangeCalls} range calls, ${app.setValuesCalls} setValues`));
  return results;
}
