/** Generated inputs at spreadsheet scale, shaped as Excel passes them (numbers, serial dates, text). */
import { prng } from "../examples/generate";
import type { CellValue } from "../core/values";

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
  return rows;
}
