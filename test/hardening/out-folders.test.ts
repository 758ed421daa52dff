/**
 * --out in a folder that cannot hold it: a parent that is a regular file (ENOTDIR), a folder under /proc (where
 * Node's own recursive mkdir never returns) and under /sys (refused even to root). Each is exit 2 and one sentence
 * naming the path, never a raw error code or a stack.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main";

let dir: string;
let err: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "xsell-out-"));
  err = [];
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  vi.spyOn(process.stderr, "write").mockImplementation((() => true) as typeof process.stderr.write);
});
afterEach(() => vi.restoreAllMocks());

describe("--out in a folder that cannot be written", () => {
  const cases: [string, () => string, RegExp][] = [
    ["under a regular file", () => join(dir, "file.txt", "sub", "r.xlsx"), /part of its folder path \(.*file\.txt\) is a file, not a folder/],
    ["under /proc", () => "/proc/xsell-test-out/sub/r.xlsx", /its folder cannot be created there/],
    ["under /sys", () => "/sys/xsell-test-out/r.xlsx", /permission denied|cannot be created there|read-only/],
  ];
  for (const [what, target, reason] of cases)
    it(`${what}: exit 2, one sentence naming the path`, async () => {
      writeFileSync(join(dir, "file.txt"), "x");
      const accounts = join(dir, "a.csv");
      writeFileSync(accounts, "Account,NPS\nAcme,50\n");
      const out = target();
      expect(await main(["report", accounts, "--out", out])).toBe(2);
      const line = err.pop()!;
      expect(line).toContain(`cannot write ${out}:`);
      expect(line).toMatch(reason);
      expect(line).not.toMatch(/E[A-Z]{3,}|\n|    at /);
    }, 60_000);
});
