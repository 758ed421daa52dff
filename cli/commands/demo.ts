import { join, relative } from "node:path";
import { retentionSummary } from "../../core/retention";
import { toText, type CellValue } from "../../core/values";
import { parseFlags } from "../io";
import { writeReport } from "./report";

export const EXAMPLES_DIR = join(__dirname, "..", "..", "examples");
/** The sample data is generated around this date; reporting "as of" it keeps the demo the same every day. */
export const DEMO_AS_OF = "2026-11-01";
export const DEMO_OUT = join(__dirname, "..", "..", "out", "xsell-demo.xlsx");

const money = (n: number): string => `$${Math.round(n).toLocaleString("en-US")}`;
const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

/** `xsell demo`: the full report on the bundled sample data, written to out/xsell-demo.xlsx, and a summary. */
export async function demo(args: string[]): Promise<number> {
  const { flags } = parseFlags(args, { out: "value" });
  const out = typeof flags.get("out") === "string" ? (flags.get("out") as string) : DEMO_OUT;
  const ex = (f: string): string => join(EXAMPLES_DIR, f);
  const res = await writeReport({
    accounts: ex("accounts.csv"),
    ownership: ex("ownership.csv"),
    retention: ex("retention.csv"),
    prices: ex("prices.csv"),
    asOf: DEMO_AS_OF,
    out,
    force: true,
    progress: process.stderr,
  });
  const scorecard = res.tabs.find((t) => t.kind === "scorecard")!.spec.blocks[0].cells;
  const lines = [
    `XSELL demo: sample data scored as of ${DEMO_AS_OF}`,
    "",
    `Workbook: ${relative(process.cwd(), res.out) || res.out}`,
    `  tabs: ${res.tabs.map((t) => t.sheet).join(", ")}, plus the input data`,
    "",
    `Accounts scored: ${scorecard.length - 1}`,
    "Top 5 opportunities:",
  ];
  scorecard.slice(1, 6).forEach((r, i) => {
    const [account, score, band, , next, propensity, expected] = r as CellValue[];
    const nextText = next ? ` → ${toText(next)} (${Math.round((propensity as number) * 100)}% propensity${typeof expected === "number" ? `, ${money(expected)} expected ARR` : ""})` : "";
    lines.push(`  ${i + 1}. ${toText(account)}: ${score} (${band})${nextText}`);
  });
  if (res.retentionRows) {
    const r = retentionSummary("xsell", res.retentionRows);
    lines.push("", `Retention (cohort with ARR > 0 at the start): NRR ${pct(r.nrr)}, GRR ${pct(r.grr)}`, `  expansion ${money(r.expansion)} = cross-sell ${money(r.crossSell)} + upsell ${money(r.upsell)}; GRR 2+ products ${pct(r.grrMulti)} vs single ${pct(r.grrSingle)}`);
  }
  lines.push("", "Open the workbook in Excel or LibreOffice: the Scenario tab's outputs are live formulas.");
  console.log(lines.join("\n"));
  return 0;
}
