/** The `xsell` command: parses the command word and hands over to one file per command (cli/commands/). */
import { demo, DEMO_USAGE } from "./commands/demo";
import { report, REPORT_USAGE } from "./commands/report";
import { score, SCORE_USAGE } from "./commands/score";
import { CliError, errorLine } from "./io";

export const USAGE = `xsell: cross-sell decisions from your account sheets, offline.

Usage:
${REPORT_USAGE}

${SCORE_USAGE}

${DEMO_USAGE}

  xsell <command> --help            one command's options
  xsell --help                      this text

Presets: readiness-100 (default: the 100-point cross-sell readiness scorecard), expansion-100 (product health 40,
buying signals 30, expansion readiness 30).`;

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
      console.error(`xsell: ${errorLine(e.message)}`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    console.error(`xsell: ${errorLine(msg)}`);
    return 1;
  }
}
