import { join } from "node:path";
import { asOfArg } from "../../core/args";
import { readCsvFile } from "../io";
import { formatRanking, rankAccounts } from "../scorecard-text";

export const EXAMPLES_DIR = join(__dirname, "..", "..", "examples");
/** The sample data is generated around this date; scoring "as of" it keeps the demo the same every day. */
export const DEMO_AS_OF = "2026-11-01";

/** `xsell demo`: scores the bundled sample accounts and prints the top of the ranking. */
export async function demo(_args: string[]): Promise<number> {
  const rows = readCsvFile(join(EXAMPLES_DIR, "accounts.csv"));
  console.log(`XSELL demo: examples/accounts.csv scored with the readiness-100 model as of ${DEMO_AS_OF}\n`);
  console.log(formatRanking(rankAccounts(rows, null, asOfArg("xsell", DEMO_AS_OF)), 20));
  return 0;
}
