/**
 * The CLI against hostile files and races (the hardening issue's reproductions, at sizes CI can afford): sparse
 * xlsx dimensions, devices and pipes, --out naming an input, two runs to one --out, prototype names, terminal
 * escapes in cells, and huge cells in error lines. Each ends in one plain line with exit code 2, or in a right answer.
 */
import { execFileSync } from "node:child_process";
import { existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main";
import { writeReport } from "../../cli/commands/report";
import { XSELL_MODEL } from "../../core/functions";

let dir: string;
let out: string[];
let err: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "xsell-hard-"));
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  vi.spyOn(process.stderr, "write").mockImplementation((() => true) as typeof process.stderr.write);
});
afterEach(() => vi.restoreAllMocks());

const csv = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("files that used to kill or hang the CLI", () => {
  it("reads an xlsx with cells at A1, XFD1 and A1048576 as the few cells it holds, fast", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Accounts");
    ws.getCell("A1").value = "Account";
    ws.getCell("B1").value = "NPS";
    ws.getCell("A2").value = "Acme";
    ws.getCell("B2").value = 50;
    ws.getCell("XFD1").value = "far right";
    ws.getCell("A1048576").value = "far down";
    await book.xlsx.writeFile(join(dir, "bomb.xlsx"));
    const t = Date.now();
    expect(await main(["score", join(dir, "bomb.xlsx"), "--as-of", "2026-06-30"])).toBe(0);
    expect(Date.now() - t).toBeLessThan(20_000);
    expect(out.join("\n")).toMatch(/1 {2}Acme +15 /); // NPS 50 > 40
  }, 60_000);
  it("refuses a folder, a FIFO and a device with one line", async () => {
    expect(await main(["score", dir])).toBe(2);
    expect(err.pop()).toMatch(/it is a folder, not a file$/);
    const fifo = join(dir, "pipe.csv");
    execFileSync("mkfifo", [fifo]);
    expect(await main(["score", fifo])).toBe(2);
    expect(err.pop()).toMatch(/it is not a regular file \(a device, a pipe or a socket\)$/);
    symlinkSync("/dev/zero", join(dir, "zero.csv"));
    expect(await main(["score", join(dir, "zero.csv")])).toBe(2);
    expect(err.pop()).toMatch(/it is not a regular file/);
  });
});

describe("--out", () => {
  const accounts = (): string => csv("a.csv", "Account,NPS\nAcme,50\n");
  it("may not be an input, by its name or through a link", async () => {
    const a = accounts();
    const book = join(dir, "book.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Accounts").addRows([["Account", "NPS"], ["Acme", 50]]);
    await wb.xlsx.writeFile(book);
    expect(await main(["report", book, "--out", book, "--force"])).toBe(2);
    expect(err.pop()).toMatch(/is the input .*book\.xlsx; write the report to another file$/);
    symlinkSync(book, join(dir, "alias.xlsx"));
    expect(await main(["report", a, "--ownership", book, "--out", join(dir, "alias.xlsx"), "--force"])).toBe(2);
    expect(err.pop()).toMatch(/is the input .*book\.xlsx/);
  });
  it("is created exclusively without --force: of two runs to one file, one fails and no temporary file is left", async () => {
    const a = accounts();
    const target = join(dir, "r.xlsx");
    const runs = await Promise.allSettled([writeReport({ accounts: a, out: target, asOf: "2026-06-30" }), writeReport({ accounts: a, out: target, asOf: "2026-06-30" })]);
    expect(runs.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = runs.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(String(failed.reason.message)).toMatch(/r\.xlsx (already exists|appeared while the report was being written); pass --force to replace it/);
    expect(existsSync(target)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("names that are not what they seem", () => {
  it("does not take constructor or __proto__ for a preset", async () => {
    const a = csv("a.csv", "Account,NPS\nAcme,50\n");
    for (const name of ["constructor", "__proto__", "toString"]) {
      expect(await main(["score", a, "--model", name])).toBe(2);
      expect(err.pop()).toBe(`xsell: --model: "${name}" is neither a preset (readiness-100, expansion-100) nor a file`);
      expect(() => XSELL_MODEL(name)).toThrow(`XSELL_MODEL: preset must be "readiness-100" or "expansion-100", got "${name}"`);
    }
  });
  it("shows control characters from cells as escapes, never as terminal commands", async () => {
    const a = csv("a.csv", "Account,NPS\n\"\u001b]52;c;cGF5bG9hZA==\u0007Acme\u001b[2J\",50\n");
    expect(await main(["score", a, "--as-of", "2026-06-30"])).toBe(0);
    const text = out.join("\n");
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toContain("\\x1b]52;c;cGF5bG9hZA==\\x07Acme\\x1b[2J");
  });
  it("caps an error line that would echo a huge header", async () => {
    const a = csv("a.csv", `${"H".repeat(100_000)},Colour\nx,y\n`);
    expect(await main(["score", a])).toBe(2);
    expect(err[0].length).toBeLessThanOrEqual(600 + "xsell: ".length);
    expect(err[0]).toMatch(/…$/);
  });
});

describe("more of the same, closed", () => {
  it("--out may not be a hard link to an input (same device and inode)", async () => {
    const a = csv("a.csv", "Account,NPS\nAcme,50\n");
    linkSync(a, join(dir, "hard.xlsx"));
    expect(await main(["report", a, "--out", join(dir, "hard.xlsx"), "--force"])).toBe(2);
    expect(err.pop()).toMatch(/is the input .*a\.csv; write the report to another file$/);
    expect(readFileSync(a, "utf8")).toBe("Account,NPS\nAcme,50\n");
  });
  it("refuses an input over 1 GB from its size alone (a sparse 2 GB file is never read)", async () => {
    const big = join(dir, "big.csv");
    writeFileSync(big, "Account,NPS\n");
    truncateSync(big, 2 * 2 ** 30);
    const t = Date.now();
    expect(await main(["score", big])).toBe(2);
    expect(err.pop()).toMatch(/it is 2048 MB; inputs up to 1024 MB are read/);
    expect(Date.now() - t).toBeLessThan(5000);
  });
  it("escapes control characters in error lines that echo a header", async () => {
    const a = csv("a.csv", "\u001b]0;pwned\u0007Account,\u001b[2JColour\nx,y\n");
    expect(await main(["score", a])).toBe(2);
    expect(err.join("\n")).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});
