/**
 * `kill -9` mid-write cannot be caught, so it leaves the run's hidden temporary file beside --out (the issue found
 * a 0-byte one). The next run to the same --out removes such files: named as a run names them, their process
 * gone, untouched for a minute. A live run's file (its process exists) and a fresh one (another machine may be
 * writing it) are kept, and nothing else in the folder is touched.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main";
import { removeStaleTemps, STALE_MS } from "../../cli/stale-temps";
import { writeBigInputs } from "../../examples/big-inputs";

const CHILD = join(__dirname, "..", "..", "bench", "report-child.cjs");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "xsell-stale-"));
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.spyOn(process.stderr, "write").mockImplementation((() => true) as typeof process.stderr.write);
});
afterEach(() => vi.restoreAllMocks());

/** A process id that was just used and is gone. */
const deadPid = (): number => spawnSync("true").pid!;

const aged = (path: string, ms = 2 * STALE_MS): void => {
  const t = (Date.now() - ms) / 1000;
  utimesSync(path, t, t);
};

describe("temporary files a killed run left", () => {
  it("are removed only when theirs: a run's name, a dead process, untouched for a minute", () => {
    const out = join(dir, "r.xlsx");
    const dead = deadPid();
    const files = {
      stale: `.r.xlsx.${dead}.1.tmp`,
      live: ".r.xlsx.1.1.tmp", // pid 1 always exists
      fresh: `.r.xlsx.${dead}.2.tmp`,
      other: `.other.xlsx.${dead}.1.tmp`,
      user: "notes.tmp",
    };
    for (const f of Object.values(files)) writeFileSync(join(dir, f), "");
    for (const f of [files.stale, files.live, files.other, files.user]) aged(join(dir, f));
    expect(removeStaleTemps(out)).toEqual([files.stale]);
    expect(readdirSync(dir).sort()).toEqual([files.live, files.fresh, files.other, files.user].sort());
    expect(removeStaleTemps(join(dir, "missing", "r.xlsx"))).toEqual([]); // a folder that is not there: nothing
  });

  it("the next run to the same --out removes what a killed run left (kill -9 mid-write)", async () => {
    const inputs = writeBigInputs(join(dir, "in"), 60_000);
    const outDir = mkdtempSync(join(dir, "out-"));
    const out = join(outDir, "r.xlsx");
    const child = spawn(process.execPath, [CHILD, "report", inputs.accounts, "--ownership", inputs.ownership, "--as-of", "2026-11-01", "--out", out], { stdio: "ignore" });
    while (!readdirSync(outDir).some((f) => f.endsWith(".tmp"))) await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGKILL");
    await new Promise((done) => child.on("exit", done));
    const left = readdirSync(outDir);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^\\.r\\.xlsx\\.${child.pid}\\.\\d+\\.tmp$`));
    aged(join(outDir, left[0]));
    const small = join(dir, "a.csv");
    writeFileSync(small, "Account,NPS\nAcme,50\n");
    expect(await main(["report", small, "--out", out, "--as-of", "2026-06-30"])).toBe(0);
    expect(readdirSync(outDir)).toEqual(["r.xlsx"]);
    expect(existsSync(join(outDir, left[0]))).toBe(false);
  }, 300_000);
});
