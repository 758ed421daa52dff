/** Adjacency on 1,000,000 accounts × 50 products; whitespace and next product on 200,000 × 20. */
import { XSELL_ADJACENCY, XSELL_NEXT_PRODUCT, XSELL_WHITESPACE } from "../core/functions";
import { wideOwnership } from "./data";
import { measure, type BenchResult } from "./harness";

export function benchAdjacency(): BenchResult[] {
  const data = wideOwnership(1_000_000, 50);
  return [measure("XSELL_ADJACENCY (attach)", "1,000,000 accounts × 50 products", 1_000_000, () => XSELL_ADJACENCY(data))];
}

export function benchWhitespace(): BenchResult[] {
  const data = wideOwnership(200_000, 20);
  return [
    measure("XSELL_WHITESPACE", "200,000 accounts × 20 products", 200_000, () => XSELL_WHITESPACE(data)),
    measure("XSELL_NEXT_PRODUCT", "200,000 accounts × 20 products", 200_000, () => XSELL_NEXT_PRODUCT(data)),
  ];
}
