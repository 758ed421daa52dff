/** The `xsell` command: parses the command word and hands over to one file per command (cli/commands/). */
import { demo } from "./commands/demo";
import { score } from "./commands/score";
import { CliError } from "./io";

export const USAGE = `xsell: cross-sell decisions from your account sheets, offline.

Usage:
  xsell demo                         score the bundled sample data and print a ranked scorecard
  xsell score <accounts.csv> [--model <preset>] [--as-of <date>] [--top <n>]
                                     print accounts ranked by expansion-readiness score
  xsell --help                       this text

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
