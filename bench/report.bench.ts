/**
 * `xsell report` end to end at 60,000 and 1,000,000 accounts × 20 products (about 3 long ownership rows and 3
 * retention rows per account), each run in a child process measured as a shell sees it: wall time from process
 * start, CPU time and peak resident memory. Beside it, the floor measured in the same run: one pass over the
 * same CSV bytes (read, decoded, scanned for line ends). Inputs are generated deterministically into a temporary
 * folder, removed afterwards. XSELL_BENCH_REPORT_RUNS sets the runs per row (default 3; the median is shown),
 * XSELL_BENCH_REPORT_SIZES the account counts (default 60000,1000000).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeBigInputs, type BigInputs } from "../examples/big-inputs";
import type { BenchResult } from "./harness";
// the flags xsell itself runs under (cli/bin/xsell.cjs), so a child is measured as a user runs it
import nodeFlags from "../cli/bin/node-flags.json";

interface Figures {
  code: number;
  ms: number;
  cpuMs: number;
  maxRssMb: number;
}

/** npm run bench runs from the repository root (the bundle itself lives in out/bench). */
const CHILD = join(process.cwd(), "bench", "report-child.cjs");

function child(args: string[]): Figures {
  const res = spawnSync(process.execPath, [...nodeFlags.flags, CHILD, ...args], { encoding: "utf8", maxBuffer: 256 * 2 ** 20 });
  const last = res.stdout.trim().split("\n").pop() ?? "";
  if (!last.startsWith("{")) throw new Error(`bench child failed (status ${res.status}, signal ${res.signal}): ${res.stderr.slice(-1500)}`);
  const f = JSON.parse(last) as Figures;
  if (f.code !== 0) throw new Error(`xsell ${args.join(" ")} exited ${f.code}: ${res.stderr.slice(-1500)}`);
  return f;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measureRuns(args: string[], runs: number): Figures {
  const all = Array.from({ length: runs }, () => child(args));
  return { code: 0, ms: median(all.map((f) => f.ms)), cpuMs: median(all.map((f) => f.cpuMs)), maxRssMb: Math.max(...all.map((f) => f.maxRssMb)) };
}

/** The issue's targets: 60,000 accounts in 5 s; a million in 60 s within 2 GB (wall time, as a user waits for it). */
function targetNote(accounts: number, f: Figures): string {
  const target = accounts <= 60_000 ? { ms: 5_000, mb: Infinity } : accounts <= 1_000_000 ? { ms: 60_000, mb: 2048 } : null;
  if (!target) return "no target at this size";
  const met = f.ms <= target.ms && f.maxRssMb <= target.mb;
  return `target ≤ ${target.ms / 1000} s${Number.isFinite(target.mb) ? ` and ≤ ${target.mb / 1024} GB` : ""}: ${met ? "met" : "not met"}`;
}

function benchSize(dir: string, accounts: number, runs: number): BenchResult[] {
  const inputs: BigInputs = writeBigInputs(join(dir, String(accounts)), accounts);
  const size = `${accounts.toLocaleString("en-US")} accounts × 20 products, ${inputs.ownershipRows.toLocaleString("en-US")} ownership + retention rows (${(inputs.bytes / 2 ** 20).toFixed(0)} MB CSV)`;
  const rows = accounts + 2 * inputs.ownershipRows;
  const floor = measureRuns(["--floor", inputs.accounts, inputs.ownership, inputs.retention], runs);
  const out = join(dir, `report-${accounts}.xlsx`);
  const report = (data: "copy" | "none"): string[] => ["report", inputs.accounts, "--ownership", inputs.ownership, "--retention", inputs.retention, "--as-of", "2026-11-01", "--data", data, "--out", out, "--force"];
  const results: BenchResult[] = [{ operation: "floor: one pass over the CSV bytes", size, medianMs: floor.ms, rowsPerSecond: rows / (floor.ms / 1000), peakMb: floor.maxRssMb, note: `CPU ${(floor.cpuMs / 1000).toFixed(1)} s` }];
  for (const data of ["copy", "none"] as const) {
    const f = measureRuns(report(data), runs);
    results.push({
      operation: `xsell report, 5 tabs, --data ${data}`,
      size,
      medianMs: f.ms,
      rowsPerSecond: rows / (f.ms / 1000),
      peakMb: f.maxRssMb,
      note: `${(f.ms / floor.ms).toFixed(1)}× the floor's time, ${(f.maxRssMb / floor.maxRssMb).toFixed(1)}× its memory; CPU ${(f.cpuMs / 1000).toFixed(1)} s; ${runs} run${runs === 1 ? "" : "s"}; ${targetNote(accounts, f)}`,
    });
  }
  return results;
}

export function benchReport(): BenchResult[] {
  const runs = Math.max(1, Number(process.env.XSELL_BENCH_REPORT_RUNS ?? 3));
  const dir = mkdtempSync(join(tmpdir(), "xsell-bench-report-"));
  try {
    const sizes = (process.env.XSELL_BENCH_REPORT_SIZES ?? "60000,1000000").split(",").map(Number).filter((n) => n > 0);
    return sizes.flatMap((n) => benchSize(dir, n, runs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
