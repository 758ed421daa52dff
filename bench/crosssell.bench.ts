/** Adjacency on 1,000,000 accounts × 50 products; whitespace and next product on 200,000 × 20. */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XSELL_ADJACENCY, XSELL_NEXT_PRODUCT, XSELL_WHITESPACE } from "../core/functions";
import { wideOwnership } from "../examples/scale";
import { measure, type BenchResult } from "./harness";

/** Debian's python3-pandas lives with the system Python, not with a pyenv one that may come first on PATH. */
function pandasPython(): string | null {
  for (const py of ["/usr/bin/python3", "python3"]) {
    try {
      execFileSync(py, ["-c", "import pandas, numpy"], { stdio: "ignore" });
      return py;
    } catch {
      // try the next one
    }
  }
  return null;
}

export function benchAdjacency(): BenchResult[] {
  const rows = 1_000_000;
  const cols = 50;
  const data = wideOwnership(rows, cols);
  const ours = measure("XSELL_ADJACENCY (attach)", "1,000,000 accounts × 50 products", rows, () => XSELL_ADJACENCY(data));
  const counts = measure("XSELL_ADJACENCY (count)", "1,000,000 accounts × 50 products", rows, () => XSELL_ADJACENCY(data, "count"));
  const results = [ours, counts];
  const py = pandasPython();
  if (!py) {
    results.push({ operation: "pandas df.T @ df (co-occurrence)", size: "1,000,000 × 50", medianMs: NaN, rowsPerSecond: NaN, peakMb: NaN, note: "skipped: pandas is not installed (apt-get install python3-pandas)" });
    return results;
  }
  const dir = join(process.cwd(), "out", "bench");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "ownership-1m-50.u8");
  const bytes = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) bytes[r * cols + c] = data[r + 1][c + 1] === 1 ? 1 : 0;
  writeFileSync(file, bytes);
  // npm run bench runs from the repository root (the bundle itself lives in out/bench)
  const script = join(process.cwd(), "bench", "pandas_cooccurrence.py");
  const [intMs, intBoth, floatMs, floatBoth] = execFileSync(py, [script, file, String(rows), String(cols)], { encoding: "utf8" }).trim().split(" ").map(Number);
  const check = XSELL_ADJACENCY(data, "count")[1][2];
  for (const [dtype, ms, both] of [["int64", intMs, intBoth], ["float64", floatMs, floatBoth]] as const) {
    const ratio = ms / counts.medianMs;
    results.push({
      operation: `pandas df.T @ df, ${dtype} frame`,
      size: "1,000,000 × 50, already in memory",
      medianMs: ms,
      rowsPerSecond: rows / (ms / 1000),
      peakMb: NaN,
      note: `${ratio >= 1 ? `pandas takes ${ratio.toFixed(1)}× as long as` : `pandas takes ${ratio.toFixed(2)}× the time of`} XSELL_ADJACENCY count (which also parses the cells); same counts: ${check === both ? "yes" : `NO (${check} vs ${both})`}`,
    });
  }
  return results;
}

export function benchWhitespace(): BenchResult[] {
  const data = wideOwnership(200_000, 20);
  return [
    measure("XSELL_WHITESPACE", "200,000 accounts × 20 products", 200_000, () => XSELL_WHITESPACE(data)),
    measure("XSELL_NEXT_PRODUCT", "200,000 accounts × 20 products", 200_000, () => XSELL_NEXT_PRODUCT(data)),
  ];
}
