/**
 * Work that follows owned pairs, not accounts × products: the whitespace economics over a sparse long table, and
 * product lookups by name over one ownership table. Each is timed beside reading the same table (a floor measured
 * in the same run), so the ratio survives a loaded machine.
 */
import { describe, expect, it } from "vitest";
import { productByName, readOwnership } from "../../core/ownership";
import { productEconomics } from "../../core/whitespace";
import type { CellValue } from "../../core/values";

const ACCOUNTS = 40_000;
const PRODUCTS = 2_000;
const AS_OF = Date.UTC(2026, 10, 1) / 86_400_000;

function sparseLong(): CellValue[][] {
  const rows: CellValue[][] = [["Account", "Product", "ARR"]];
  // each account owns two products: 80,000 owned pairs among 80 million (account, product) cells
  for (let a = 0; a < ACCOUNTS; a++) for (const p of [a % PRODUCTS, (a * 7 + 3) % PRODUCTS]) rows.push([`A${a}`, `P${p}`, 100]);
  return rows;
}

describe("loops over owned pairs", () => {
  it("productEconomics over 40,000 accounts × 2,000 products owning two each costs less than reading the table", () => {
    const rows = sparseLong();
    let t = performance.now();
    const own = readOwnership("T", rows, AS_OF);
    const readMs = performance.now() - t;
    t = performance.now();
    const e = productEconomics(own, null, 0.2);
    const econMs = performance.now() - t;
    // worked by hand: product 3 is owned by a ≡ 3 (mod 2,000) (20 accounts) and by 7a + 3 ≡ 3, i.e. a ≡ 0 (mod 2,000)
    // since 7 is invertible mod 2,000 (20 more): 40 owners, none twice, each at $100
    const p3 = productByName(own, "p3");
    expect(e.owners[p3]).toBe(40);
    expect(e.arrPerOwner[p3]).toBe(100);
    expect(econMs).toBeLessThan(readMs);
  }, 120_000);

  it("looks up every product by name in time proportional to the products, not their square", () => {
    const rows = sparseLong();
    const own = readOwnership("T", rows, AS_OF);
    const t = performance.now();
    let found = 0;
    for (let p = 0; p < PRODUCTS; p++) if (productByName(own, `P${p}`) >= 0) found++;
    const lookupMs = performance.now() - t;
    expect(found).toBe(PRODUCTS);
    expect(productByName(own, "nothing")).toBe(-1);
    // 2,000 lookups rebuilding a 2,000-name index each time hash 4 million names; once, 4,000
    const t2 = performance.now();
    readOwnership("T", rows.slice(0, 4_001), AS_OF);
    const floorMs = performance.now() - t2;
    expect(lookupMs).toBeLessThan(Math.max(floorMs, 5) * 4);
  }, 120_000);
});
