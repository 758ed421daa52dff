/** The `xsell` command: parses the command word and hands over to one file per command (cli/commands/). */
import { demo } from "./commands/demo";
import { report } from "./commands/report";
import { score } from "./commands/score";
import { CliError } from "./io";

export const USAGE = `xsell: cross-sell decisions from your account sheets, offline.

Usage:
  xsell report <accounts.csv|.xlsx> --out <report.xlsx> [options]
      Writes the Scorecard, Whitespace, Adjacency, Retention and Scenario tabs (and the input data) to a workbook.
      --ownership <file or sheet>   who owns which product (wide or long); a sheet name reads the accounts workbook
      --retention <file or sheet>   Account[, Product], Start ARR, End ARR
      --prices <file or sheet>      Product, Price (expected ARR instead of propensity)
      --tabs scorecard,whitespace,adjacency,retention,scenario
                                    default: every tab the inputs allow
      --model <file or preset>      a model table (as XSELL_MODEL spills it) or readiness-100 / expansion-100
      --as-of <date>                score as of this date (default today), e.g. 2026-11-01
      --force                       replace --out if it exists
  xsell demo [--out <file>]         the report on the bundled sample data → out/xsell-demo.xlsx, and a summary
  xsell score <accounts.csv> [--model <preset>] [--as-of <date>] [--top <n>]
                                    print accounts ranked by expansion-readiness score
  xsell --help                      this text

Presets: readiness-100 (default, seed 001's scorecard), expansion-100 (seed 000's framework 5).`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "-h":
      case "--help":
      case "help":
        console.log(USAGE);
        return command === undefined ? 1 : 0;
      case "demo":
        return await demo(rest);
      case "score":
        return await score(rest);
      case "report":
        return await report(rest);
      default:
        throw new CliError(`unknown command "${command}"; run xsell --help`);
    }
  } catch (e) {
    if (e instanceof CliError) {
      console.error(`xsell: ${e.message}`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    console.error(`xsell: ${msg}`);
    return 1;
  }
}
