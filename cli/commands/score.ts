import { asOfArg } from "../../core/args";
import { CliError, describeError, parseFlags, readCsvFile } from "../io";
import { formatRanking, rankAccounts } from "../scorecard-text";

/** `xsell score <accounts.csv>`: ranked scorecard in the terminal. */
export async function score(args: string[]): Promise<number> {
  const { positional, flags } = parseFlags(args, { "model": "value", "as-of": "value", "top": "value" });
  if (positional.length !== 1) throw new CliError("score needs one accounts file: xsell score <accounts.csv>");
  const rows = readCsvFile(positional[0]);
  const top = flags.has("top") ? Number(flags.get("top")) : 25;
  if (!Number.isInteger(top) || top < 1) throw new CliError("--top needs a whole number ≥ 1");
  try {
    const asOf = asOfArg("xsell", flags.get("as-of") ?? null);
    console.log(formatRanking(rankAccounts(rows, flags.get("model") ?? null, asOf), top));
  } catch (e) {
    throw new CliError(describeError(e));
  }
  return 0;
}
