import { parseAsOf, READING_FLAGS, READING_USAGE } from "../inputs";
import { CliError, describeError, parseFlags, terminalText, wantsHelp } from "../io";
import { formatRanking, rankAccounts } from "../scorecard-text";
import { readAccounts } from "./report";

export const SCORE_USAGE = `xsell score <accounts.csv|.xlsx> [options]
  Prints accounts ranked by expansion-readiness score; first, how every column was read (to stderr).
      --model <file or preset>      a model table (as XSELL_MODEL spills it) or readiness-100 / expansion-100
      --as-of <date>                score as of this date (default today), e.g. 2026-11-01
      --top <n>                     how many accounts to print (default 25)
${READING_USAGE}`;

export const SCORE_FLAGS = { model: "value", "as-of": "value", top: "value", ...READING_FLAGS } as const;

/** `xsell score <accounts>`: ranked scorecard in the terminal, read exactly as `xsell report` reads it. */
export async function score(args: string[], log: (text: string) => void = (t) => process.stderr.write(`${terminalText(t)}\n`)): Promise<number> {
  if (wantsHelp(args)) {
    console.log(SCORE_USAGE);
    return 0;
  }
  const { positional, flags, lists } = parseFlags(args, SCORE_FLAGS, "xsell score");
  if (positional.length !== 1) throw new CliError("score needs one accounts file: xsell score <accounts.csv|.xlsx>");
  const top = flags.has("top") ? Number(flags.get("top")) : 25;
  if (!Number.isInteger(top) || top < 1) throw new CliError("--top needs a whole number ≥ 1");
  const str = (k: string): string | undefined => {
    const v = flags.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const asOf = parseAsOf(str("as-of"));
  const { table, model } = await readAccounts({ accounts: positional[0], map: lists.get("map"), dateOrder: str("date-order"), decimal: str("decimal"), model: str("model"), log });
  try {
    console.log(terminalText(formatRanking(rankAccounts(table, model, asOf), top)));
  } catch (e) {
    throw new CliError(describeError(e));
  }
  return 0;
}
