/**
 * XSELL_MOVEMENTS over 1,000,000 subscription rows and 36 months, beside its floor: one pass over the same cells
 * (every cell of every row read once, as the cheapest reader of this table would), so the ratio is what the issue
 * bounds (within 10×). Also printed: a pass that only touches the cells (nothing keyed or parsed), the reader
 * alone, and XSELL_FLOWS and XSELL_COHORTS on the same rows.
 */
import { prng } from "../examples/generate";
import { StringIndex } from "../core/string-index";
import { isMissing, toDay, toNumber, toText, type CellValue } from "../core/values";
import { XSELL_COHORTS, XSELL_FLOWS, XSELL_MOVEMENTS } from "../core/history/functions";
import { readHistory } from "../core/history/read";
import { asHostPasses } from "../examples/scale";
import { measure, type BenchResult } from "./harness";

const SERIAL_2023_01_01 = 44927;
const DAYS = 1096; // 2023-01-01 … 2025-12-31: 36 months

/**
 * Subscription rows shaped as Excel passes them (serial dates, "" for a blank End Date): per account 1–3 products,
 * each a chain of rows (a price change starts a new row the day the last ends), some chains broken by a churn and
 * a return, the last row of a chain often still open.
 */
export function subscriptionRows(rows: number, seed = 17): CellValue[][] {
  const rnd = prng(seed);
  const products = ["CRM", "Analytics", "Service", "CPQ", "Data", "Marketing"];
  const out: CellValue[][] = [["Account", "Product", "MRR", "Start Date", "End Date", "Status"]];
  let account = 0;
  while (out.length <= rows) {
    account++;
    const np = 1 + Math.floor(rnd() * 3);
    for (let p = 0; p < np && out.length <= rows; p++) {
      let day = Math.floor(rnd() * DAYS * 0.8);
      let amount = 50 + Math.round(rnd() * 2000);
      while (day < DAYS && out.length <= rows) {
        const len = 30 + Math.floor(rnd() * 330);
        const end = day + len;
        const open = end >= DAYS && rnd() < 0.9;
        out.push([`Account ${account}`, products[(p + account) % products.length], amount, SERIAL_2023_01_01 + day, open ? "" : SERIAL_2023_01_01 + end, open ? "Active" : ""]);
        if (open) break;
        const r = rnd();
        if (r < 0.08) break; // churned for good
        day = r < 0.18 ? end + 30 + Math.floor(rnd() * 200) : end; // a return after a gap, or the next price
        amount = Math.max(10, Math.round(amount * (0.8 + rnd() * 0.5)));
      }
    }
  }
  return asHostPasses(out);
}

/**
 * The floor: one pass over the same cells, each read once as any reader of this table must: the account and
 * product keyed in a string index, the amount and both dates read as numbers and days.
 */
function onePass(data: CellValue[][]): number {
  const keys = new StringIndex(1024);
  let acc = 0;
  for (let r = 1; r < data.length; r++) {
    const row = data[r];
    keys.add(toText(row[0]));
    keys.add(toText(row[1]));
    const amount = toNumber(row[2]);
    const start = toDay(row[3]);
    const end = isMissing(row[4]) ? null : toDay(row[4]);
    acc += (amount.ok ? amount.value : 0) + (start.ok ? start.value : 0) + (end?.ok ? end.value : 0) + toText(row[5]).length;
  }
  return acc + keys.size;
}

/** A lower bound still: every cell touched once and nothing interpreted (a number's value, a string's length). */
function touchPass(data: CellValue[][]): number {
  let acc = 0;
  for (let r = 1; r < data.length; r++) {
    const row = data[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      acc += typeof v === "number" ? v : typeof v === "string" ? v.length : 0;
    }
  }
  return acc;
}

export function benchHistory(): BenchResult[] {
  const rows = 1_000_000;
  const data = subscriptionRows(rows);
  const size = "1,000,000 subscription rows × 6 cols, 36 months";
  const asOf = SERIAL_2023_01_01 + DAYS - 1;
  const touch = measure("every cell touched, none read", size, rows, () => touchPass(data));
  const floor = measure("one pass over the cells (floor)", size, rows, () => onePass(data));
  floor.note = "each cell read once: account and product keyed, amount and dates read";
  const read = measure("readHistory (reading the table alone)", size, rows, () => readHistory("bench", data));
  const moves = measure("XSELL_MOVEMENTS (month)", size, rows, () => XSELL_MOVEMENTS(data, "month", null, null, asOf));
  const x = (r: BenchResult): string => `${(r.medianMs / floor.medianMs).toFixed(1)}×`;
  moves.note = `${x(moves)} the floor (the issue asks ≤ 10×); reading the table is ${((read.medianMs / moves.medianMs) * 100).toFixed(0)}% of it`;
  read.note = `${x(read)} the floor (column detection, statuses, notes)`;
  touch.note = `${(touch.medianMs / floor.medianMs).toFixed(2)}× the floor`;
  const flows = measure("XSELL_FLOWS (month, 36-month window)", size, rows, () => XSELL_FLOWS(data, "month", SERIAL_2023_01_01, null, asOf));
  const cohorts = measure("XSELL_COHORTS (month)", size, rows, () => XSELL_COHORTS(data, "month", null, asOf));
  flows.note = `${x(flows)} the floor`;
  cohorts.note = `${x(cohorts)} the floor`;
  return [touch, floor, read, moves, flows, cohorts];
}
