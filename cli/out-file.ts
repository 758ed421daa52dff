/**
 * What every command that writes a file checks and says: --out is never one of its inputs, by any path to it, and
 * a write that fails is one sentence naming --out and why (never a raw ENOTDIR/EROFS/EPERM line).
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { CliError } from "./io";

/** Whether two paths are one file (the same device and inode: symlinks and hard links included). */
function sameFile(a: string, b: string): boolean {
  const x = statSync(a);
  const y = statSync(b);
  return x.dev === y.dev && x.ino === y.ino;
}

/**
 * Refuses --out naming an input by the same name, a symlink or a hard link: said before "already exists", which
 * --force would only turn into this sentence. `what`: what to write elsewhere ("the report").
 */
export function refuseInputAsOut(out: string, inputs: readonly (string | undefined)[], what: string): void {
  const target = resolve(out);
  for (const input of inputs) {
    if (!input) continue;
    if (resolve(input) === target || (existsSync(input) && existsSync(target) && sameFile(input, target))) {
      throw new CliError(`--out ${out} is the input ${input}; write ${what} to another file`);
    }
  }
}

/** Why --out could not be written, by the error's code. */
const WRITE_REASONS: Record<string, (path: string | undefined) => string> = {
  EACCES: () => "permission denied",
  EPERM: () => "permission denied",
  ENOTDIR: (p) => `part of its folder path${p ? ` (${p})` : ""} is a file, not a folder`,
  EROFS: () => "its folder is on a read-only file system",
  ENOENT: () => "its folder cannot be created there",
  ENOSPC: () => "the disk is full",
  EDQUOT: () => "the disk quota is used up",
  EISDIR: () => "it is a folder",
  ENAMETOOLONG: () => "the name is too long",
};

/** A failed write of --out as one sentence; `appeared`: what an exclusive creation that found the file says. */
export function writeError(out: string, e: unknown, appeared = `${out} appeared while it was being written; pass --force to replace it`): CliError {
  const { code, path } = e as { code?: string; path?: string };
  if (code === "EEXIST") return new CliError(appeared);
  const reason = code && WRITE_REASONS[code] ? WRITE_REASONS[code](code === "ENOTDIR" ? path : undefined) : e instanceof Error ? e.message.split("\n")[0] : String(e);
  return new CliError(`cannot write ${out}: ${reason}`);
}
