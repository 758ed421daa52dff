import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { parseCsv } from "./csv";
import { XsellError } from "../core/errors";

/** A user-facing failure: printed as one line, exit code 2, never a stack trace. */
export class CliError extends Error {}

/** Reads a CSV file into rows of text. */
export function readCsvFile(path: string): string[][] {
  if (!existsSync(path)) throw new CliError(`cannot read ${path}: no such file`);
  if (extname(path).toLowerCase() !== ".csv") throw new CliError(`cannot read ${path}: expected a .csv file`);
  const rows = parseCsv(readFileSync(path, "utf8"));
  if (rows.length === 0) throw new CliError(`${path} is empty`);
  return rows;
}

/** Parses `--flag value` pairs and positional arguments; unknown flags are errors. */
export function parseFlags(args: string[], known: Readonly<Record<string, "value" | "switch">>): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split("=", 2);
    const kind = known[name];
    if (!kind) throw new CliError(`unknown option --${name}; run xsell --help`);
    if (kind === "switch") flags.set(name, true);
    else {
      const v = inline ?? args[++i];
      if (v === undefined || v.startsWith("--")) throw new CliError(`--${name} needs a value`);
      flags.set(name, v);
    }
  }
  return { positional, flags };
}

/** Turns a core error into the CLI's one-line message. */
export function describeError(e: unknown): string {
  if (e instanceof XsellError) return `${e.code} ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
