/**
 * --out on a read-only file system (EROFS), for a folder that exists and for one that would have to be made:
 * exit 2 and one sentence naming the path, nothing left behind. Where the test may mount (root, as in this
 * repository's CI container), a real read-only tmpfs is mounted; elsewhere that case is skipped and the same
 * EROFS is simulated at the fs layer (openSync and mkdirSync under one folder throw it), so the message is
 * checked everywhere.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** The folder the simulated file system treats as read-only. */
const SIMULATED = join(tmpdir(), "xsell-simulated-read-only");

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const erofs = (path: unknown): void => {
    if (String(path).startsWith(SIMULATED + "/")) throw Object.assign(new Error(`EROFS: read-only file system, open '${String(path)}'`), { code: "EROFS", path: String(path) });
  };
  return {
    ...fs,
    openSync: (path: import("node:fs").PathLike, ...rest: unknown[]) => (erofs(path), (fs.openSync as (...a: unknown[]) => number)(path, ...rest)),
    mkdirSync: (path: import("node:fs").PathLike, ...rest: unknown[]) => (erofs(path), (fs.mkdirSync as (...a: unknown[]) => unknown)(path, ...rest)),
  };
});

const { main } = await import("../../cli/main");

let dir: string;
let err: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "xsell-ro-"));
  err = [];
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  vi.spyOn(process.stderr, "write").mockImplementation((() => true) as typeof process.stderr.write);
});
afterEach(() => vi.restoreAllMocks());

/** Whether a read-only tmpfs can be mounted here (root in a container that allows it). */
function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), "xsell-mount-probe-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", probe], { stdio: "ignore" });
    execFileSync("umount", [probe], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmdirSync(probe);
  }
}

async function refused(out: string): Promise<string> {
  const accounts = join(dir, "a.csv");
  writeFileSync(accounts, "Account,NPS\nAcme,50\n");
  expect(await main(["report", accounts, "--out", out, "--as-of", "2026-06-30"])).toBe(2);
  const line = err.pop()!;
  expect(line).not.toMatch(/E[A-Z]{3,}|\n|    at /);
  return line;
}

describe("--out on a read-only file system", () => {
  it.skipIf(!canMount())("a mounted read-only tmpfs: the folder itself and a folder to be made under it", async () => {
    const ro = join(dir, "ro");
    mkdirSync(ro);
    execFileSync("mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro]);
    try {
      for (const out of [join(ro, "r.xlsx"), join(ro, "sub", "r.xlsx")]) {
        expect(await refused(out)).toBe(`xsell: cannot write ${out}: its folder is on a read-only file system`);
      }
      expect(readdirSync(ro)).toEqual([]);
    } finally {
      execFileSync("umount", [ro]);
    }
  }, 60_000);

  it("simulated at the fs layer (EROFS from open and mkdir): the same sentence", async () => {
    mkdirSync(SIMULATED, { recursive: true });
    for (const out of [join(SIMULATED, "r.xlsx"), join(SIMULATED, "sub", "r.xlsx")]) {
      expect(await refused(out)).toBe(`xsell: cannot write ${out}: its folder is on a read-only file system`);
    }
    expect(readdirSync(SIMULATED)).toEqual([]);
  }, 60_000);
});
