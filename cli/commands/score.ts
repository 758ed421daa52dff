import type { Command } from "../command";
import { AS_OF_FLAG, MODEL_FLAG, parseAsOf, READING_FLAGS } from "../inputs";
import { CliError, describeError, terminalText } from "../io";
import { formatRanking, rankAccounts } from "../scorecard-text";
import { readAccounts } from "../report-inputs";

/** `xsell score <accounts>`: ranked scorecard in the terminal, read exactly as `xsell report` reads it. */
export const scoreCommand: Command = {
  name: "score",
  summary: "Prints accounts ranked by expansion-readiness score; first, how every column was read (to stderr).",
  usage: "<accounts.csv|.xlsx>",
  flags: [MODEL_FLAG, { ...AS_OF_FLAG, description: "score as of this date, e.g. 2026-11-01" }, { name: "top", kind: "value", value: "<n>", default: "25", description: "how many accounts to print" }, ...READING_FLAGS],
  async run(args) {
    if (args.positional.length !== 1) throw new CliError("score needs one accounts file: xsell score <accounts.csv|.xlsx>");
    const top = args.value("top") === undefined ? 25 : Number(args.value("top"));
    if (!Number.isInteger(top) || top < 1) throw new CliError("--top needs a whole number ≥ 1");
    const asOf = parseAsOf(args.value("as-of"));
    const log = (t: string): void => void process.stderr.write(`${terminalText(t)}\n`);
    const { table, model } = await readAccounts({ accounts: args.positional[0], map: args.list("map"), dateOrder: args.value("date-order"), decimal: args.value("decimal"), model: args.value("model"), log });
    try {
      console.log(terminalText(formatRanking(rankAccounts(table, model, asOf), top)));
    } catch (e) {
      throw new CliError(describeError(e));
    }
    return 0;
  },
};
