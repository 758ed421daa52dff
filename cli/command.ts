/**
 * CLI commands as objects (as clasp's are): each command is its name, a one-line summary, its positional
 * arguments, a table of flags and a run function. Parsing, `--help` and the usage text are all derived from the
 * flag table, so adding a flag is one entry in it.
 */
import { linesOf } from "../core/tabs/spec";
import { CliError } from "./io";

/** "value": `--flag <v>` once; "list": may repeat, every value kept in order; "switch": no value. */
export type FlagKind = "value" | "switch" | "list";

export interface Flag {
  readonly name: string;
  readonly kind: FlagKind;
  /** What the value looks like in the help, e.g. "<date>" or "mdy|dmy". */
  readonly value?: string;
  /** What leaving the flag out means, shown in the help as "(default: …)". */
  readonly default?: string;
  /** One sentence; longer ones wrap in the help. */
  readonly description: string;
  /** A flag the command cannot run without: shown in the synopsis, and its absence is a one-line error. */
  readonly required?: boolean;
}

export interface ParsedArgs {
  readonly positional: string[];
  /** A "value" flag's text, undefined when not given. */
  value(name: string): string | undefined;
  /** Whether a "switch" flag was given. */
  on(name: string): boolean;
  /** Every value of a "list" flag, in order. */
  list(name: string): string[];
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** The positional arguments, as the synopsis shows them ("<accounts.csv|.xlsx>"); the flags follow from the table. */
  readonly usage: string;
  readonly flags: readonly Flag[];
  run(args: ParsedArgs): Promise<number>;
}

/**
 * Parses `--flag value` (or `--flag=value`) pairs and positional arguments against a flag table; an unknown
 * flag, or a value flag without its value, is a one-line error (exit 2). Required flags: commandArgs.
 */
export function parseFlags(args: readonly string[], known: readonly Flag[], command = "xsell"): ParsedArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const inline = eq < 0 ? undefined : a.slice(eq + 1);
    const flag = known.find((f) => f.name === name);
    if (!flag) {
      const near = closestFlag(name, known);
      throw new CliError(`unknown option --${name}${near ? ` (did you mean --${near}?)` : ""}; run ${command} --help`);
    }
    if (flag.kind === "switch") {
      if (inline !== undefined) throw new CliError(`--${name} takes no value`);
      switches.add(name);
      continue;
    }
    const v = inline ?? args[++i];
    if (v === undefined || v.startsWith("--")) throw new CliError(`--${name} needs a value`);
    if (flag.kind === "list") lists.set(name, [...(lists.get(name) ?? []), v]);
    else values.set(name, v);
  }
  return { positional, value: (n) => values.get(n), on: (n) => switches.has(n), list: (n) => lists.get(n) ?? [] };
}

/** Levenshtein distance between two short strings (flag names). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}

/**
 * The known flag an unknown one was probably meant to be: the one it abbreviates (--own for --ownership), else the
 * nearest within a third of its length in edits (--retnetion), else the longest one it starts with (--out for
 * --output); undefined when none is close or two are equally close.
 */
export function closestFlag(name: string, known: readonly Flag[]): string | undefined {
  const typed = name.toLowerCase();
  if (typed.length < 2) return undefined;
  const abbreviated = known.filter((f) => f.name.startsWith(typed));
  if (abbreviated.length > 0) return abbreviated.length === 1 ? abbreviated[0].name : undefined;
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best = limit + 1;
  let names: string[] = [];
  for (const f of known) {
    const d = editDistance(typed, f.name);
    if (d < best) [best, names] = [d, [f.name]];
    else if (d === best) names.push(f.name);
  }
  if (names.length > 0) return names.length === 1 ? names[0] : undefined;
  const extended = known.filter((f) => f.name.length >= 3 && typed.startsWith(f.name)).sort((a, b) => b.name.length - a.name.length);
  return extended[0]?.name;
}

/** A command's arguments parsed against its flag table, its required flags present. */
export function commandArgs(c: Command, argv: readonly string[]): ParsedArgs {
  const name = `xsell ${c.name}`;
  const args = parseFlags(argv, c.flags, name);
  for (const f of c.flags) {
    if (!f.required || args.value(f.name) !== undefined || args.list(f.name).length > 0) continue;
    const flag = `--${f.name}${f.value ? ` ${f.value}` : ""}`;
    // nothing given at all: name the file it takes too, with the whole synopsis, not only the flag
    if (c.usage && args.positional.length === 0) throw new CliError(`${c.name} needs ${c.usage} and ${flag}: ${synopsisOf(c)}`);
    throw new CliError(`${c.name} needs ${flag}`);
  }
  return args;
}

/** Whether the arguments ask for help (`--help`, `-h` or `help`). */
export const wantsHelp = (args: readonly string[]): boolean => args.some((a) => a === "--help" || a === "-h") || args[0] === "help";

const FLAG_COLUMN = 36;
const WIDTH = 112;

/** One flag's help: `--name <value>`, then its description and default from the column, wrapped. */
export function flagHelp(f: Flag): string {
  const head = `      --${f.name}${f.value ? ` ${f.value}` : ""}`;
  const text = `${f.description}${f.default ? ` (default: ${f.default})` : ""}`;
  const body = linesOf(text, WIDTH - FLAG_COLUMN);
  const pad = " ".repeat(FLAG_COLUMN);
  const first = head.length < FLAG_COLUMN ? `${head.padEnd(FLAG_COLUMN)}${body[0] ?? ""}` : `${head}\n${pad}${body[0] ?? ""}`;
  return [first, ...body.slice(1).map((l) => `${pad}${l}`)].join("\n");
}

/** The synopsis: `xsell report <accounts.csv|.xlsx> --out <report.xlsx> [options]`. */
export function synopsisOf(c: Command): string {
  const required = c.flags.filter((f) => f.required).map((f) => `--${f.name}${f.value ? ` ${f.value}` : ""}`);
  const optional = c.flags.some((f) => !f.required) ? ["[options]"] : [];
  return ["xsell", c.name, c.usage, ...required, ...optional].filter(Boolean).join(" ");
}

/** A command's usage: the synopsis, the summary, then every flag from its table. */
export function usageOf(c: Command): string {
  return [synopsisOf(c), ...linesOf(c.summary, WIDTH - 2).map((l) => `  ${l}`), ...c.flags.map(flagHelp)].join("\n");
}
