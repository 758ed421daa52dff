/** Every benchmark, one table. `npm run bench` (all) or `npm run bench -- score` (by name). */
import { benchScore } from "./score.bench";
import { benchAdjacency, benchWhitespace } from "./crosssell.bench";
import { benchRetention } from "./retention.bench";
import { benchRenderers } from "./renderers.bench";
import { benchHistory } from "./history.bench";
import { benchIntegrity } from "./integrity.bench";
import { benchReport } from "./report.bench";
import { benchHardening } from "./hardening.bench";
import { formatTable, type BenchResult } from "./harness";
import { bundleSizes, formatSizes } from "./bundles.bench";
import { cpus, totalmem } from "node:os";

const suites: Record<string, () => BenchResult[] | Promise<BenchResult[]>> = {
  score: benchScore,
  adjacency: benchAdjacency,
  whitespace: benchWhitespace,
  retention: benchRetention,
  renderers: benchRenderers,
  history: benchHistory,
  integrity: benchIntegrity,
  report: benchReport,
  hardening: benchHardening,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = (wanted.length ? wanted : Object.keys(suites)).filter((n) => n !== "bundles");
  const results: BenchResult[] = [];
  for (const name of names) {
    const suite = suites[name];
    if (!suite) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(suites).join(", ")}`);
    results.push(...(await suite()));
    (globalThis as { gc?: () => void }).gc?.();
  }
  console.log(`XSELL benchmarks — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n`);
  if (results.length) console.log(formatTable(results));
  if (!wanted.length || wanted.includes("bundles")) console.log(`\n${formatSizes(bundleSizes())}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
