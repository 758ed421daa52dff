/** Generated inputs at spreadsheet scale, shaped as Excel passes them (numbers, serial dates, text). */
import { prng } from "./generate";
import type { CellValue } from "../core/values";

/**
 * Strings built by concatenation are V8 "cons strings" that must be flattened on first hash; values from Excel
 * or Sheets arrive through JSON and are flat already. Round-tripping through JSON gives the bench the same input.
 */
export function asHostPasses<T>(rows: T): T {
  return JSON.parse(JSON.stringify(rows)) as T;
}

export const SCORE_HEADERS = ["Account", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Funding", "Adjacent Feature Usage", "Renewal Date", "Champion"];

export function accountRows(n: number, seed = 7): CellValue[][] {
  const rnd = prng(seed);
  const levels = ["Low", "Medium", "High"];
  const rows: CellValue[][] = [SCORE_HEADERS];
  for (let i = 0; i < n; i++) {
    const lic = 10 + Math.floor(rnd() * 500);
    rows.push([
      `Account ${i + 1}`, lic, Math.floor(lic * rnd()), Math.round(rnd() * 200 - 100), 44000 + Math.floor(rnd() * 2300),
      levels[Math.floor(rnd() * 3)], rnd() < 0.3, rnd() < 0.2 ? "Yes" : "No", rnd() < 0.5 ? 1 : 0, 46300 + Math.floor(rnd() * 400), rnd() < 0.5 ? "Dana" : "",
    ]);
  }
  return asHostPasses(rows);
}

/**
 * A wide ownership table (account + one 0/1 column per product), correlated like real portfolios:
 * each account has an entry product and adjacent products are more likely than distant ones.
 */
export function wideOwnership(accounts: number, products: number, seed = 11): CellValue[][] {
  const rnd = prng(seed);
  const header: CellValue[] = ["Account"];
  for (let p = 0; p < products; p++) header.push(`Product ${p + 1}`);
  const rows: CellValue[][] = [header];
  for (let a = 0; a < accounts; a++) {
    const row: CellValue[] = new Array(products + 1);
    row[0] = `Account ${a + 1}`;
    const entry = Math.floor(rnd() * products);
    const appetite = rnd();
    for (let p = 0; p < products; p++) {
      const distance = Math.min(Math.abs(p - entry), products - Math.abs(p - entry));
      row[p + 1] = p === entry || rnd() < appetite * 0.6 * Math.exp(-distance / 3) ? 1 : 0;
    }
    rows.push(row);
  }
  return asHostPasses(rows);
}

/** Account × product retention rows (Account, Product, Start ARR, End ARR): 4 products per account on average. */
export function retentionRows(rows: number, seed = 13): CellValue[][] {
  const rnd = prng(seed);
  const out: CellValue[][] = [["Account", "Product", "Start ARR", "End ARR"]];
  const products = ["CRM", "Analytics", "Service", "CPQ", "Data", "Marketing", "Support", "Billing"];
  let account = 0;
  while (out.length <= rows) {
    account++;
    const n = 1 + Math.floor(rnd() * 7);
    const churned = rnd() < 0.1;
    for (let p = 0; p < n && out.length <= rows; p++) {
      const start = rnd() < 0.15 ? 0 : Math.round(rnd() * 50000);
      const end = churned ? 0 : Math.round(start * (0.7 + rnd() * 0.6));
      out.push([`Account ${account}`, products[p], start, end]);
    }
  }
  return asHostPasses(out);
}
