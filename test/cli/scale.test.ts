/**
 * `xsell report` at size, run as a user runs it (a child process, measured from its start): CPU time and peak
 * memory grow linearly with the accounts (15k → 60k: 4× the data, well under 16×), a plain 300k-account CSV is
 * written inside a 768 MB heap (it used to die out of memory in ExcelJS's in-memory write), and Ctrl-C during
 * the write leaves no temporary file. Inputs are generated deterministically into a temporary folder.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { writeBigInputs, type BigInputs } from "../../examples/big-inputs";

const CHILD = join(__dirname, "..", "..", "bench", "report-child.cjs");

interface Figures {
  code: number;
  ms: number;
  cpuMs: number;
  maxRssMb: number;
}

function run(args: string[], node: string[] = []): Figures {
  const res = spawnSync(process.execPath, [...node, CHILD, ...args], { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const last = res.stdout.trim().split("\n").pop() ?? "";
  if (!last.startsWith("{")) throw new Error(`the report did not finish (status ${res.status}, signal ${res.signal}): ${res.stderr.slice(-2000)}`);
  return JSON.parse(last) as Figures;
}

const reportArgs = (i: BigInputs, out: string): string[] => ["report", i.accounts, "--ownership", i.ownership, "--retention", i.retention, "--as-of", "2026-11-01", "--out", out, "--force"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xsell-scale-"));
});

describe("report at size", () => {
  it("grows linearly: 4× the accounts takes well under 16× the CPU time and memory", () => {
    const small = writeBigInputs(join(dir, "15k"), 15_000);
    const large = writeBigInputs(join(dir, "60k"), 60_000);
    const a = run(reportArgs(small, join(dir, "15k.xlsx")));
    const b = run(reportArgs(large, join(dir, "60k.xlsx")));
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    // linear work plus a fixed start (loading the code): the ratio stays near 4 or below; quadratic work would be 16
    expect(b.cpuMs / a.cpuMs).toBeLessThan(7);
    expect(b.maxRssMb / a.maxRssMb).toBeLessThan(5);
  }, 600_000);

  it("writes a plain 300,000-account CSV inside a 768 MB heap, every account on the Scorecard", async () => {
    const inputs = writeBigInputs(join(dir, "300k"), 300_000);
    const out = join(dir, "300k.xlsx");
    const f = run(["report", inputs.accounts, "--as-of", "2026-11-01", "--out", out, "--data", "none"], ["--max-old-space-size=768"]);
    expect(f.code).toBe(0);
    // the Scorecard's used range ends on row 300,001: a header and every account
    const zip = await JSZip.loadAsync(readFileSync(out));
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(/<dimension ref="A1:[A-Z]+(\d+)"\/>/.exec(sheet)?.[1]).toBe("300001");
    expect(sheet).toContain('<row r="300001">');
  }, 600_000);

  it("leaves no temporary file when interrupted while writing: Ctrl-C, kill, or a closed terminal, each with the shell's exit code", async () => {
    const inputs = writeBigInputs(join(dir, "int"), 60_000);
    // 128 + the signal's number, as a shell reports a process a signal ended
    for (const [signal, exit] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
      const outDir = mkdtempSync(join(dir, "out-"));
      const child = spawn(process.execPath, [CHILD, ...reportArgs(inputs, join(outDir, "r.xlsx"))], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
      // interrupt once the temporary file exists: the write is under way
      while (!readdirSync(outDir).some((f) => f.endsWith(".tmp"))) await new Promise((r) => setTimeout(r, 50));
      child.kill(signal);
      // "close": after the exit and its stderr, all read
      const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
      expect(code, signal).toBe(exit);
      expect(stderr, signal).toContain(`\nxsell: interrupted (${signal}); nothing was written to ${join(outDir, "r.xlsx")}\n`);
      expect(readdirSync(outDir), signal).toEqual([]);
    }
  }, 600_000);
});
