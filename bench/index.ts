/** Every benchmark, one table. `npm run bench` (all) or `npm run bench -- score` (by name). */
import { benchScore } from "./score.bench";
import { benchAdjacency, benchWhitespace } from "./crosssell.bench";
import { benchRetention } from "./retention.bench";
import { formatTable, type BenchResult } from "./harness";
import { cpus, totalmem } from "node:os";

const suites: Record<string, () => BenchResult[] | Promise<BenchResult[]>> = {
  score: benchScore,
  adjacency: benchAdjacency,
  whitespace: benchWhitespace,
  retention: benchRetention,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(suites);
  const results: BenchResult[] = [];
  for (const name of names) {
    const suite = suites[name];
    if (!suite) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(suites).join(", ")}`);
    results.push(...(await suite()));
    (globalThis as { gc?: () => void }).gc?.();
  }
  console.log(`XSELL benchmarks — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n`);
  console.log(formatTable(results));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
