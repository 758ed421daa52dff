/**
 * A tiny benchmark harness: runs an operation several times, prints the median, rows per second and the
 * peak resident memory seen while it ran. Figures are printed, never asserted.
 */
export interface BenchResult {
  operation: string;
  size: string;
  medianMs: number;
  rowsPerSecond: number;
  peakMb: number;
  note?: string;
}

export function measure(operation: string, size: string, rows: number, fn: () => unknown, runs = 5): BenchResult {
  const times: number[] = [];
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  clearInterval(sampler);
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)];
  return { operation, size, medianMs, rowsPerSecond: rows / (medianMs / 1000), peakMb: peak / 1048576 };
}

export function formatTable(results: BenchResult[]): string {
  const head = ["operation", "size", "median (ms)", "rows/s", "peak RSS (MB)", "note"];
  const fmt = (n: number, f: (x: number) => string): string => (Number.isFinite(n) ? f(n) : "–");
  const rows = results.map((r) => [r.operation, r.size, fmt(r.medianMs, (x) => x.toFixed(1)), fmt(r.rowsPerSecond, (x) => Math.round(x).toLocaleString("en-US")), fmt(r.peakMb, (x) => x.toFixed(0)), r.note ?? ""]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
