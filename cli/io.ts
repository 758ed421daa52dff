import { XsellError } from "../core/errors";

/** A user-facing failure: printed as one line, exit code 2, never a stack trace. */
export class CliError extends Error {}

export type FlagKind = "value" | "switch" | "list";

/**
 * Parses `--flag value` (or `--flag=value`) pairs and positional arguments; unknown flags are errors. A "list"
 * flag may be repeated and keeps every value, in order.
 */
export function parseFlags(args: string[], known: Readonly<Record<string, FlagKind>>, command = "xsell"): { positional: string[]; flags: Map<string, string | true>; lists: Map<string, string[]> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
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
    const kind = known[name];
    if (!kind) throw new CliError(`unknown option --${name}; run ${command} --help`);
    if (kind === "switch") flags.set(name, true);
    else {
      const v = inline ?? args[++i];
      if (v === undefined || v.startsWith("--")) throw new CliError(`--${name} needs a value`);
      if (kind === "list") lists.set(name, [...(lists.get(name) ?? []), v]);
      else flags.set(name, v);
    }
  }
  return { positional, flags, lists };
}

/** Whether the arguments ask for help (`--help`, `-h` or `help`). */
export const wantsHelp = (args: string[]): boolean => args.some((a) => a === "--help" || a === "-h") || args[0] === "help";

/** Turns a core error into the CLI's one-line message: a plain sentence, without a cell's error code. */
export function describeError(e: unknown): string {
  if (e instanceof XsellError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Text from cells made safe for a terminal: control characters (ESC, BEL, CR, OSC sequences that set titles or
 * write the clipboard) are shown as \xNN instead of acting; line breaks are kept where the output has them.
 */
export function terminalText(text: string): string {
  return text.replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** One error line: safe for a terminal and capped, so a 50 MB header cannot become a 50 MB message. */
export function errorLine(text: string, max = 600): string {
  const one = terminalText(text.replace(/\r?\n/g, " "));
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
