import { join, relative } from "node:path";
import { retentionSummary } from "../../core/retention";
import type { Command } from "../command";
import { writeReport } from "./report";
import { opportunityText, topOpportunities } from "../../core/tabs";
import { validationHeadline } from "../../core/tabs/validation";
import { flowsOf } from "../../core/history/functions";
import { XSELL_PAIR_FLAGS, XSELL_TIME_TO_SECOND } from "../../core/functions";
import { parseCsv } from "../csv";
import { readFileSync } from "node:fs";
import { fmtCount } from "../../core/limits";

const readTableRows = (path: string): string[][] => parseCsv(readFileSync(path, "utf8"));

export const EXAMPLES_DIR = join(__dirname, "..", "..", "examples");
/** The sample data is generated around this date; reporting "as of" it keeps the demo the same every day. */
export const DEMO_AS_OF = "2026-11-01";
const DEMO_OUT = join(__dirname, "..", "..", "out", "xsell-demo.xlsx");

const money = (n: number): string => `$${Math.round(n).toLocaleString("en-US")}`;
const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

/** `xsell demo`: the full report on the bundled sample data, written to out/xsell-demo.xlsx, and a summary. */
export const demoCommand: Command = {
  name: "demo",
  summary: "The report on the bundled sample data, and a summary of what it found.",
  usage: "",
  flags: [{ name: "out", kind: "value", value: "<file>", default: "out/xsell-demo.xlsx", description: "where to write the workbook" }],
  run: (args) => demo(args.value("out") ?? DEMO_OUT),
};

async function demo(out: string): Promise<number> {
  const ex = (f: string): string => join(EXAMPLES_DIR, f);
  const res = await writeReport({
    accounts: ex("accounts.csv"),
    ownership: ex("ownership.csv"),
    retention: ex("retention.csv"),
    prices: ex("prices.csv"),
    subscriptions: ex("subscriptions.csv"),
    outcomes: ex("outcomes.csv"),
    asOf: DEMO_AS_OF,
    out,
    force: true,
    progress: process.stderr,
  });
  const scorecard = res.tabs.find((t) => t.kind === "scorecard")!.spec!.blocks[0].cells;
  const lines = [
    `XSELL demo: sample data scored as of ${DEMO_AS_OF}`,
    "",
    `Workbook: ${relative(process.cwd(), res.out) || res.out}`,
    `  tabs: ${res.tabs.map((t) => t.sheet).join(", ")}, plus the input data`,
    "",
    `Accounts scored: ${fmtCount(scorecard.length - 1)}`,
    "Top 5 opportunities (by expected ARR of the next best product):",
  ];
  topOpportunities(res.tabs.find((t) => t.kind === "scorecard")!.spec!).forEach((o, k) => lines.push(`  ${k + 1}. ${opportunityText(o)}`));
  if (res.retentionRows) {
    const r = retentionSummary("xsell", res.retentionRows);
    lines.push("", `Retention (cohort with ARR > 0 at the start): NRR ${pct(r.nrr)}, GRR ${pct(r.grr)}`, `  expansion ${money(r.expansion)} = cross-sell ${money(r.crossSell)} + upsell ${money(r.upsell)}; GRR 2+ products ${pct(r.grrMulti)} vs single ${pct(r.grrSingle)}`);
  }
  // the attach rates the Adjacency tab marks as no cross-sell choice
  const flags = XSELL_PAIR_FLAGS(readTableRows(ex("ownership.csv")), readTableRows(ex("prices.csv")), DEMO_AS_OF).slice(1).filter((r) => r[2] !== "None");
  const kinds = new Map<string, number>();
  for (const r of flags) kinds.set(String(r[2]), (kinds.get(String(r[2])) ?? 0) + 1);
  lines.push("", `Attach rates that are no cross-sell choice (marked on the Adjacency tab): ${flags.length === 0 ? "none" : [...kinds].map(([k, n]) => `${n} ${k.toLowerCase()}${n === 1 ? "" : "s"}`).join(", ")}`);
  for (const r of flags.filter((f) => f[2] !== "Pass-through").slice(0, 8)) lines.push(`  ${r[1]} → ${r[0]}: ${String(r[2]).toLowerCase()}, ${r[3]} accounts`);
  const history = readTableRows(ex("subscriptions.csv"));
  const flows = flowsOf("xsell", history, undefined, undefined, undefined, DEMO_AS_OF).flows;
  const [, all] = XSELL_TIME_TO_SECOND(history, DEMO_AS_OF) as (string | number)[][];
  const [, , , , , , median, low, high, within] = all;
  lines.push(
    "",
    `Subscription history, trailing 12 months: NRR by flows ${pct(flows.nrr)}, GRR ${pct(flows.grr)} (churn and return inside the window count as churn)`,
    `  median days to a second product: ${median} (95% CI ${low}–${high}); ${pct(within as number)} buy one within 180 days`,
  );
  const validation = res.tabs.find((t) => t.kind === "validation")?.spec;
  const proof = validation ? validationHeadline(validation) : null;
  if (proof) {
    const [auc, low, high] = proof.auc;
    lines.push("", `Validation against last year's expansion: AUC ${auc.toFixed(3)} (95% CI ${low.toFixed(3)}–${high.toFixed(3)}; 0.5 = chance)`);
    const h = proof.hitRate;
    if (h) lines.push(`  backtest, ${h.label.toLowerCase()} by expected ARR: next product ${pct(h.model)}, popularity ${pct(h.popularity)}, random ${pct(h.random)}`);
  }
  lines.push("", "Open the workbook in Excel or LibreOffice: the Scenario tab's outputs are live formulas.");
  console.log(lines.join("\n"));
  return 0;
}
