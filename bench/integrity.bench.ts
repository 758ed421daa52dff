/**
 * XSELL_PAIR_FLAGS on a long ownership table with ARR and Start Dates, beside a floor measured in the same run:
 * XSELL_ADJACENCY "count" on the same table (the same read and co-ownership counts, without the start-order pass
 * over each account's products that tells a bundle from a path).
 */
import { XSELL_ADJACENCY, XSELL_PAIR_FLAGS } from "../core/functions";
import { asHostPasses, wideOwnership } from "../examples/scale";
import { measure, type BenchResult } from "./harness";
import type { CellValue } from "../core/values";

/** The wide table as Account, Product, ARR, Start Date rows (serial dates), as a CRM export gives them. */
function longOwnership(accounts: number, products: number): CellValue[][] {
  const wide = wideOwnership(accounts, products);
  const rows: CellValue[][] = [["Account", "Product", "ARR", "Start Date"]];
  for (let r = 1; r < wide.length; r++) {
    const first = 44000 + (r % 900);
    for (let p = 1; p <= products; p++) if (wide[r][p] === 1) rows.push([wide[r][0], wide[0][p], 1000 + ((r * 7 + p * 13) % 9000), first + ((r + p) % 5 === 0 ? 0 : (r * p) % 700)]);
  }
  return asHostPasses(rows);
}

export function benchIntegrity(): BenchResult[] {
  const data = longOwnership(200_000, 20);
  const prices: CellValue[][] = [["Product", "Price"], ...Array.from({ length: 20 }, (_, p) => [`Product ${p + 1}`, 6000])];
  const size = `200,000 accounts × 20 products (${(data.length - 1).toLocaleString("en-US")} rows)`;
  const floor = measure("XSELL_ADJACENCY count (floor: same read and counts)", size, data.length - 1, () => XSELL_ADJACENCY(data, "count", 1, 46000));
  const flags = measure("XSELL_PAIR_FLAGS with prices", size, data.length - 1, () => XSELL_PAIR_FLAGS(data, prices, 46000));
  flags.note = `${(flags.medianMs / floor.medianMs).toFixed(2)}× the floor`;
  return [floor, flags];
}
