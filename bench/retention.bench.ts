/** XSELL_RETENTION over 1,000,000 account × product rows. */
import { XSELL_RETENTION } from "../core/functions";
import { retentionRows } from "../examples/scale";
import { measure, type BenchResult } from "./harness";

export function benchRetention(): BenchResult[] {
  const data = retentionRows(1_000_000);
  return [measure("XSELL_RETENTION (by product)", "1,000,000 account × product rows", 1_000_000, () => XSELL_RETENTION(data))];
}
