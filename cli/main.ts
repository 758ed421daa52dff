/** The `xsell` command: finds the command object (cli/commands/) by its name, parses its flags and runs it. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { commandArgs, usageOf, wantsHelp, type Command } from "./command";
import { demoCommand } from "./commands/demo";
import { reportCommand } from "./commands/report";
import { scoreCommand } from "./commands/score";
import { sqlCommand } from "./commands/sql";
import { CliError, errorLine } from "./io";
import { MODEL_PRESET } from "../core/model";

/** Every command, in the order the help lists them; adding one is adding it here. */
export const COMMANDS: readonly Command[] = [reportCommand, scoreCommand, sqlCommand, demoCommand];

/** The version in package.json, the one place it is written. */
export function version(): string {
  return (JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { version: string }).version;
}

/** `xsell --help`: each command's synopsis and summary, from the command objects. */
export function usage(commands: readonly Command[] = COMMANDS): string {
  return [
    "xsell: cross-sell decisions from your account sheets, offline.",
    "",
    "Usage:",
    ...commands.flatMap((c) => [usageOf(c), ""]),
    "  xsell <command> --help            one command's options",
    "  xsell --help                      this text",
    "  xsell --version                   the version of xsell",
    "",
    `Presets for --model: ${MODEL_PRESET.choices.join(", ")} (default ${MODEL_PRESET.default}). readiness-100 is the 100-point`,
    "cross-sell readiness scorecard; expansion-100 weighs product health 40, buying signals 30, expansion readiness 30.",
  ].join("\n");
}

export async function main(argv: string[], commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === "-h" || name === "--help" || name === "help") {
      console.log(usage(commands));
      return name === undefined ? 1 : 0;
    }
    if (name === "--version" || name === "-v" || name === "-V" || name === "version") {
      console.log(`xsell ${version()}`);
      return 0;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) throw new CliError(`unknown command "${name}"; run xsell --help`);
    if (wantsHelp(rest)) {
      console.log(usageOf(command));
      return 0;
    }
    return await command.run(commandArgs(command, rest));
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
