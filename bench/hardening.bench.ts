/**
 * The hardening figures: bytes per owned pair in ownership's owner sets (a SKU per row, a portfolio of 20
 * products, a catalog of 10,000), and the time of name lookups on 2^15 names crafted to collide under the old
 * unkeyed hash against random names of the same length and alphabet (the old hash: 1,400×), the forced-bundle
 * guard at 4× the products and owned pairs (it used to count every pair, and stopped at 3,162 products), and
 * `xsell score` refusing an xlsx just past Excel's last row against one of ten million rows (child processes:
 * CPU and peak memory should match).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XSELL_RETENTION } from "../core/functions";
import { forcedBundles } from "../core/integrity/bundles";
import { DEFAULT_PAIR_RULES } from "../core/integrity/rules";
import { shortRow, writeRowsBook } from "../examples/xlsx-rows";
import { readOwnership } from "../core/ownership";
import { StringIndex } from "../core/string-index";
import type { CellValue } from "../core/values";
import { wideOwnership } from "../examples/scale";
import { measure, type BenchResult } from "./harness";
import { collidingNames, randomNames } from "../examples/names";
// the flags xsell itself runs under (cli/bin/xsell.cjs), so a child is measured as a user runs it
import nodeFlags from "../cli/bin/node-flags.json";

function ownershipMemory(label: string, grid: CellValue[][]): BenchResult {
  const r = measure("ownership bytes per owned pair", label, grid.length - 1, () => readOwnership("bench", grid, 20000));
  const own = readOwnership("bench", grid, 20000);
  own.owners.productsOf(0); // the account-major lists too, as whitespace builds them
  const pairs = own.owners.pairs;
  const perPair = own.owners.bytes() / Math.max(1, pairs);
  const bitsets = (own.products.length * Math.ceil(own.accounts.length / 32) * 4) / Math.max(1, pairs);
  return { ...r, note: `${pairs.toLocaleString("en-US")} pairs: ${perPair.toFixed(1)} bytes per pair (a bitset per product would be ${bitsets.toFixed(1)})` };
}

export function benchHardening(): BenchResult[] {
  const sku: CellValue[][] = [["Account", "Product"]];
  for (let i = 0; i < 90_000; i++) sku.push([`Account ${i % 30_000}`, `SKU-${i}`]);
  const results = [
    ownershipMemory("90,000 rows, every Product distinct (long)", sku),
    ownershipMemory("200,000 accounts × 20 products (wide)", wideOwnership(200_000, 20)),
    ownershipMemory("200 accounts × 10,000 products (wide)", wideOwnership(200, 10_000)),
  ];
  const crafted = collidingNames(15);
  const random = randomNames(crafted.length, 60);
  const index = (names: string[]) => () => {
    const ix = new StringIndex(16);
    for (const n of names) ix.add(n);
  };
  const a = measure("StringIndex, 2^15 crafted names", "32,768 × 60 characters", crafted.length, index(crafted), 7);
  const b = measure("StringIndex, 2^15 random names", "32,768 × 60 characters", random.length, index(random), 7);
  results.push(a, { ...b, note: `crafted ÷ random = ${(a.medianMs / b.medianMs).toFixed(2)}× (unkeyed FNV-1a: about 1,400×)` });
  const table = (names: string[]): CellValue[][] => [["Account", "Start ARR", "End ARR"], ...names.map((n, i) => [n, 1000 + (i % 7), 900 + (i % 11)])];
  const c = measure("XSELL_RETENTION, crafted names", "32,768 accounts", crafted.length, () => XSELL_RETENTION(table(crafted)), 7);
  const d = measure("XSELL_RETENTION, random names", "32,768 accounts", random.length, () => XSELL_RETENTION(table(random)), 7);
  results.push(c, { ...d, note: `crafted ÷ random = ${(c.medianMs / d.medianMs).toFixed(2)}×` });
  results.push(...bundleGuard(), ...xlsxRefusal());
  return results;
}

/** The forced-bundle guard over n products, two per account beside a shared one per eight: 4× n is 4× the pairs. */
function bundleGuard(): BenchResult[] {
  const run = (n: number): BenchResult => {
    const t: CellValue[][] = [["Account", "Product", "ARR", "Start Date"]];
    for (let i = 0; i < n; i++) t.push([`A${i >> 1}`, `P${i}`, 100, "2024-01-01"], [`A${i >> 1}`, `Q${i >> 3}`, 100, "2024-01-01"]);
    const own = readOwnership("bench", t, 20000);
    return measure("forced-bundle guard (co-owned pairs)", `${own.products.length.toLocaleString("en-US")} products`, own.owners.pairs, () => forcedBundles(own, DEFAULT_PAIR_RULES, "bench"));
  };
  const a = run(5_000);
  const b = run(20_000);
  return [a, { ...b, note: `4× the products and pairs: ${(b.medianMs / a.medianMs).toFixed(1)}× the time (P × P would be 16×, and past 3,162 products it was skipped)` }];
}

/** `xsell score` on an xlsx just past Excel's last row and on one of ten million rows, each in a child process. */
function xlsxRefusal(): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), "xsell-bench-xlsx-"));
  const child = join(process.cwd(), "bench", "report-child.cjs");
  try {
    return [1_048_676, 10_000_000].map((rows) => {
      const path = join(dir, `${rows}.xlsx`);
      writeRowsBook(path, rows, shortRow, 9);
      const res = spawnSync(process.execPath, [...nodeFlags.flags, child, "score", path], { encoding: "utf8" });
      const f = JSON.parse(res.stdout.trim().split("\n").pop() ?? "{}") as { code: number; cpuMs: number; maxRssMb: number };
      return { operation: "xsell score, xlsx past the rows limit (refused)", size: `${rows.toLocaleString("en-US")} rows, ${(statSync(path).size / 2 ** 20).toFixed(2)} MB file`, medianMs: f.cpuMs, rowsPerSecond: rows / (f.cpuMs / 1000), peakMb: f.maxRssMb, note: `exit ${f.code}; CPU time and peak memory of the whole process` };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
