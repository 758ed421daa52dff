/**
 * Temporary files a killed run left beside --out. SIGINT and SIGTERM remove a run's own temporary file, but
 * `kill -9` (or a power cut) cannot be caught, so the next run to the same --out removes them: only files named
 * as a run names them (`.<out name>.<pid>.<n>.tmp`), whose process is gone, and untouched for a minute (a run on
 * another machine sharing the folder keeps writing to its file, so its time keeps moving).
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** How long a temporary file must be untouched before it is taken for a killed run's. */
export const STALE_MS = 60_000;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, owned by someone else
    return (e as { code?: string }).code === "EPERM";
  }
}

/** Removes the stale temporary files of earlier runs to `out`; returns their names. Never throws. */
export function removeStaleTemps(out: string, now = Date.now()): string[] {
  const removed: string[] = [];
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(out))}\\.(\\d+)\\.\\d+\\.tmp$`);
  try {
    for (const name of readdirSync(dirname(out))) {
      const m = pattern.exec(name);
      if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
      const path = join(dirname(out), name);
      const st = statSync(path);
      if (!st.isFile() || now - st.mtimeMs < STALE_MS) continue;
      rmSync(path, { force: true });
      removed.push(name);
    }
  } catch {
    // a folder that cannot be listed holds nothing of ours to clean; the write reports its own error
  }
  return removed;
}
