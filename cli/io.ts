import { XsellError } from "../core/errors";

/** A user-facing failure: printed as one line, exit code 2, never a stack trace. */
export class CliError extends Error {}

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
