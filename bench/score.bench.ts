/** XSELL_SCORE on Excel's row limit (1,048,576 rows). Run: `npx tsx bench/score.bench.ts`. */
import { XSELL_SCORE } from "../core/functions";
import { accountRows } from "../examples/scale";
import { measure, type BenchResult } from "./harness";

export function benchScore(): BenchResult[] {
  const rows = 1_048_576;
  const data = accountRows(rows);
  return [measure("XSELL_SCORE (readiness-100)", `${rows.toLocaleString("en-US")} rows × 11 cols`, rows, () => XSELL_SCORE(data, null, null, 46327))];
}


