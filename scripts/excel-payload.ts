/**
 * Measures what one custom-function call carries on the wire in Excel on the web, per row of its typical input
 * (the sample data in examples/, as Excel passes it: numbers, serial dates, null for empty cells), and how many
 * rows fit under the web's 5 MB payload limit (office-js #4654; whole-column references give #CALC!, #4613).
 * A call carries its arguments one way and its answer the other, so the row count is set by the larger of the two
 * per row. The README's table is this script's output; test/hosts/excel-payload.test.ts re-measures it.
 *   npx tsx scripts/excel-payload.ts          prints the table
 *   npx tsx scripts/excel-payload.ts --write  rewrites it in README.md (between the excel-payload markers)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as core from "../core/functions";
import { jsonBytes, WEB_PAYLOAD_LIMIT_BYTES } from "../excel-addin/bytes";
import { sample } from "../test/hosts/excel-shape";

/** Kept for the request envelope and Excel's own framing: rows are counted against 90% of the limit. */
export const WEB_CALL_BUDGET_BYTES = Math.floor(WEB_PAYLOAD_LIMIT_BYTES * 0.9);
export const README = join(__dirname, "..", "README.md");
export const START = "<!-- excel-payload:start -->";
export const END = "<!-- excel-payload:end -->";

const AS_OF = 46327; // 2026-11-01, the sample's date

export interface Payload {
  readonly id: string;
  readonly input: string;
  /** Rows of the typical input the figures are per. */
  readonly rows: number;
  readonly inPerRow: number;
  readonly outPerRow: number;
  readonly rowsPerCall: number;
}

/** Empty cells as the web passes them. */
const web = (g: unknown[][]): unknown[][] => g.map((r) => r.map((v) => (v === "" ? null : v)));

export function measurePayloads(): Payload[] {
  const accounts = web(sample("accounts.csv"));
  const ownership = web(sample("ownership.csv"));
  const prices = web(sample("prices.csv"));
  const retention = web(sample("retention.csv"));
  const start = retention.map((r) => [r[2]]);
  const end = retention.map((r) => [r[3]]);
  const scores = (core.XSELL_SCORE(accounts, undefined, undefined, AS_OF) as unknown[][]).slice(1);
  const n = (g: unknown[][]) => g.length - 1; // data rows under the header

  const cases: { id: string; input: string; rows: number; args: unknown[]; run: () => unknown }[] = [
    { id: "SCORE", input: "accounts (21 columns)", rows: n(accounts), args: [accounts, null, null, AS_OF], run: () => core.XSELL_SCORE(accounts, undefined, undefined, AS_OF) },
    { id: "EXPLAIN", input: "accounts (21 columns)", rows: n(accounts), args: [accounts, null, null, AS_OF], run: () => core.XSELL_EXPLAIN(accounts, undefined, undefined, AS_OF) },
    { id: "COLUMNS", input: "accounts (21 columns)", rows: n(accounts), args: [accounts, null], run: () => core.XSELL_COLUMNS(accounts) },
    { id: "TRIGGERS", input: "accounts + ownership (per account)", rows: n(accounts), args: [accounts, null, ownership, AS_OF, null, null], run: () => core.XSELL_TRIGGERS(accounts, undefined, ownership, AS_OF) },
    { id: "BAND", input: "a score column", rows: scores.length, args: [scores], run: () => core.XSELL_BAND(scores) },
    { id: "ATTACH_RATE", input: "ownership, long (4 columns)", rows: n(ownership), args: [ownership, "CRM", "Analytics", null, AS_OF], run: () => [[core.XSELL_ATTACH_RATE(ownership, "CRM", "Analytics", undefined, AS_OF)]] },
    { id: "LIFT", input: "ownership, long (4 columns)", rows: n(ownership), args: [ownership, "CRM", "Analytics", null, AS_OF], run: () => [[core.XSELL_LIFT(ownership, "CRM", "Analytics", undefined, AS_OF)]] },
    { id: "ADJACENCY", input: "ownership, long (4 columns)", rows: n(ownership), args: [ownership, null, null, AS_OF], run: () => core.XSELL_ADJACENCY(ownership, undefined, undefined, AS_OF) },
    { id: "WHITESPACE", input: "ownership + prices", rows: n(ownership), args: [ownership, prices, null, AS_OF], run: () => core.XSELL_WHITESPACE(ownership, prices, undefined, AS_OF) },
    { id: "NEXT_PRODUCT", input: "ownership + prices", rows: n(ownership), args: [ownership, prices, null, AS_OF], run: () => core.XSELL_NEXT_PRODUCT(ownership, prices, undefined, AS_OF) },
    { id: "NRR", input: "start and end ARR columns", rows: n(start), args: [start, end], run: () => core.XSELL_NRR(start, end) },
    { id: "GRR", input: "start and end ARR columns", rows: n(start), args: [start, end], run: () => core.XSELL_GRR(start, end) },
    { id: "MOVEMENT", input: "start and end ARR columns", rows: n(start), args: [start, end], run: () => core.XSELL_MOVEMENT(start, end) },
    { id: "RETENTION", input: "retention by product (4 columns)", rows: n(retention), args: [retention], run: () => core.XSELL_RETENTION(retention) },
    { id: "EXPANSION_NEEDED", input: "a start ARR column", rows: n(start), args: [start, 1.15, null], run: () => [[core.XSELL_EXPANSION_NEEDED(start, 1.15)]] },
  ];
  return cases.map((c) => {
    const inPerRow = jsonBytes(c.args) / c.rows;
    const outPerRow = jsonBytes(c.run()) / c.rows;
    const rowsPerCall = Math.floor(WEB_CALL_BUDGET_BYTES / Math.max(inPerRow, outPerRow) / 100) * 100;
    return { id: c.id, input: c.input, rows: c.rows, inPerRow, outPerRow, rowsPerCall };
  });
}

export function payloadTableMarkdown(rows: Payload[] = measurePayloads()): string {
  const fmt = (n: number) => n.toLocaleString("en-US");
  const bytes = (n: number) => (n < 1 ? "< 1" : fmt(Math.round(n)));
  const lines = [
    "| Excel function | typical input (examples/) | bytes in per row | bytes out per row | rows per call on the web |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| \`XSELL.${r.id}\` | ${r.input} | ${bytes(r.inPerRow)} | ${bytes(r.outPerRow)} | about ${fmt(r.rowsPerCall)} |`),
    "| `XSELL.MODEL`, `RULES`, `SCENARIO`, `SENSITIVITY`, `PROJECTION` | single values | — | — | no limit in practice |",
  ];
  return lines.join("\n");
}

/** README.md with the table between the markers replaced. */
export function readmeWithTable(readme: string, table = payloadTableMarkdown()): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} section`);
  return `${readme.slice(0, a + START.length)}\n${table}\n${readme.slice(b)}`;
}

if (require.main === module) {
  const table = payloadTableMarkdown();
  if (process.argv.includes("--write")) {
    writeFileSync(README, readmeWithTable(readFileSync(README, "utf8"), table));
    console.log("README.md: Excel payload table rewritten");
  } else console.log(table);
}
