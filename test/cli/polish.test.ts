/**
 * What a new user of `xsell` met first: --outcomes under --engine duckdb, --out naming an input, a mistyped
 * flag, --version, counts and input names in the messages, an ownership table passed as the accounts.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { copyFileSync, existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closestFlag, type Flag } from "../../cli/command";
import { writeReport, type ReportOptions } from "../../cli/commands/report";
import { COMMANDS, main } from "../../cli/main";

const EX = join(__dirname, "..", "..", "examples");
let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "xsell-polish-"));
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

function hasDuckDb(): boolean {
  try {
    createRequire(__filename).resolve("@duckdb/node-api");
    return true;
  } catch {
    return false;
  }
}
const duckdb = hasDuckDb();
if (!duckdb) console.warn("polish.test.ts: @duckdb/node-api is not installed; the --engine duckdb --outcomes test is skipped");

describe.skipIf(!duckdb)("--outcomes under --engine duckdb", () => {
  const base = (name: string, extra: Partial<ReportOptions> = {}): ReportOptions => ({
    accounts: join(EX, "accounts.csv"),
    ownership: join(EX, "ownership.csv"),
    retention: join(EX, "retention.csv"),
    outcomes: join(EX, "outcomes.csv"),
    asOf: "2026-11-01",
    out: join(dir, name),
    ...extra,
  });
  it("writes the Validation tab, equal to the one built in memory, and says how the outcomes were read", async () => {
    const logged: string[] = [];
    const engine = await writeReport(base("engine.xlsx", { engine: "duckdb", log: (t) => void logged.push(t) }));
    const memory = await writeReport(base("memory.xlsx"));
    const kinds = engine.tabs.map((t) => t.kind);
    expect(kinds).toContain("validation");
    const spec = (r: typeof engine) => r.tabs.find((t) => t.kind === "validation")!.spec!;
    expect(spec(engine).blocks.length).toBeGreaterThan(0);
    expect(spec(engine)).toEqual(spec(memory));
    // the outcomes file has its column report like every other input read in memory
    expect(logged.join("\n")).toMatch(/outcomes\.csv: 400 rows of data; 2 of 2 columns used/);
  });
  it("builds --tabs validation alone from the command line (exit 0)", async () => {
    const o = join(dir, "v.xlsx");
    const args = ["report", join(EX, "accounts.csv"), "--ownership", join(EX, "ownership.csv"), "--outcomes", join(EX, "outcomes.csv"), "--tabs", "validation", "--engine", "duckdb", "--as-of", "2026-11-01", "--out", o];
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await main(args)).toBe(0);
    write.mockRestore();
    expect(out.join("\n")).toMatch(/^Wrote .*v\.xlsx: Validation and the input data/);
  });
});

describe("--out naming an input", () => {
  it("says it is the input, with or without --force, through a hard link too", async () => {
    const book = join(dir, "accounts.csv");
    copyFileSync(join(EX, "accounts.csv"), book);
    const hard = join(dir, "hard.xlsx");
    linkSync(book, hard);
    for (const force of [[], ["--force"]]) {
      err = [];
      expect(await main(["report", book, "--out", hard, ...force])).toBe(2);
      expect(err).toEqual([`xsell: --out ${hard} is the input ${book}; write the report to another file`]);
    }
    expect(readFileSync(hard, "utf8")).toBe(readFileSync(join(EX, "accounts.csv"), "utf8"));
  });
});

describe("a mistyped flag", () => {
  const flags: Flag[] = ["out", "ownership", "retention", "outcomes", "force", "data", "date-order"].map((name) => ({ name, kind: "value", description: "" }));
  it("names the flag it is closest to, by prefix or by a few edits, and none when nothing is close or two are", () => {
    expect(closestFlag("output", flags)).toBe("out");
    expect(closestFlag("own", flags)).toBe("ownership");
    expect(closestFlag("retnetion", flags)).toBe("retention");
    expect(closestFlag("outcome", flags)).toBe("outcomes");
    expect(closestFlag("frce", flags)).toBe("force");
    expect(closestFlag("zebra", flags)).toBeUndefined();
    expect(closestFlag("da", flags)).toBeUndefined(); // data and date-order
    expect(closestFlag("o", flags)).toBeUndefined();
  });
  it("suggests it in the error line of every command", async () => {
    for (const c of COMMANDS) {
      const mistyped = `${c.flags[0].name}x`;
      err = [];
      expect(await main([c.name, "x.csv", `--${mistyped}`, "v"]), c.name).toBe(2);
      expect(err, c.name).toEqual([`xsell: unknown option --${mistyped} (did you mean --${c.flags[0].name}?); run xsell ${c.name} --help`]);
    }
    err = [];
    expect(await main(["report", "a.csv", "--output", "r.xlsx"])).toBe(2);
    expect(err).toEqual(["xsell: unknown option --output (did you mean --out?); run xsell report --help"]);
  });
});

describe("--version", () => {
  it("prints the version in package.json and exits 0; the help lists it", async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-v"]) {
      out = [];
      expect(await main([flag])).toBe(0);
      expect(out).toEqual([`xsell ${version}`]);
    }
    out = [];
    await main(["--help"]);
    expect(out.join("\n")).toContain("xsell --version");
  });
});

describe("counts and input names in what the CLI prints", () => {
  it("writes counts with separators and names each input as typed; an ownership table as the accounts gets one line", async () => {
    const o = join(dir, "own.xlsx");
    const ownership = join(EX, "ownership.csv");
    const retention = join(EX, "retention.csv");
    const stderr: string[] = [];
    const write = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => stderr.push(String(s)) > 0);
    expect(await main(["report", ownership, "--retention", retention, "--tabs", "scorecard", "--as-of", "2026-11-01", "--out", o])).toBe(0);
    write.mockRestore();
    // examples/ownership.csv: 1,074 rows, 400 distinct accounts, so 674 rows repeat one listed above
    expect(out.join("\n")).toMatch(/\(1,074 account rows\)\.$/);
    const text = stderr.join("");
    expect(text).toContain(`${ownership}: 1,074 rows of data`);
    expect(text).toContain(`${retention}: `);
    expect(text).toContain(`${ownership}: 674 of its 1,074 rows repeat an account and it has a Product column: this looks like an ownership table (one row per account and product); pass it with --ownership beside a table of one row per account`);
  });
  it("says nothing of the kind for the account table", async () => {
    const stderr: string[] = [];
    const write = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => stderr.push(String(s)) > 0);
    expect(await main(["score", join(EX, "accounts.csv"), "--as-of", "2026-11-01", "--top", "1"])).toBe(0);
    write.mockRestore();
    expect(stderr.join("")).not.toContain("looks like an ownership table");
    expect(out.join("\n")).toMatch(/^400 accounts scored: \d+ High/m);
  });
});

describe("the xsell command", () => {
  const bin = join(__dirname, "..", "..", "cli", "bin", "xsell.cjs");
  const flags = (JSON.parse(readFileSync(join(__dirname, "..", "..", "cli", "bin", "node-flags.json"), "utf8")) as { flags: string[] }).flags;

  it("runs under its V8 flags: Node started again with them, once, its output and exit code passed through", () => {
    // every Node process of the run notes its flags: the first has none, the one that runs the command has them
    const seen = join(dir, "argv.txt");
    const note = join(dir, "note.cjs");
    writeFileSync(note, `require("node:fs").appendFileSync(${JSON.stringify(seen)}, JSON.stringify([process.argv[1], process.execArgv]) + "\\n");`);
    const env = { ...process.env, NODE_OPTIONS: `--require ${note}` };
    const version = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8", env });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^xsell \d+\.\d+\.\d+\n$/);
    // the processes that ran xsell (a tool it loads may start Node for its own ends: those are not counted)
    const xsellRuns = (): string[][] => readFileSync(seen, "utf8").trim().split("\n").map((l) => JSON.parse(l) as [string, string[]]).filter(([script]) => script === bin).map(([, argv]) => argv);
    expect(xsellRuns(), readFileSync(seen, "utf8")).toEqual([[], flags]);
    const missing = spawnSync(process.execPath, [bin, "report", join(dir, "no-such.csv"), "--out", join(dir, "r.xlsx")], { encoding: "utf8" });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no-such.csv");
    // started with the flags already: run as it is
    const direct = spawnSync(process.execPath, [...flags, bin, "--version"], { encoding: "utf8", env });
    expect(direct.status).toBe(0);
    expect(xsellRuns(), readFileSync(seen, "utf8")).toEqual([[], flags, flags]);
  }, 30_000);
});

describe("a report that fails after its folder is made", () => {
  it("leaves neither the folders it made for --out nor a temporary file; a folder that was there stays", async () => {
    // ownership is read and copied before retention is read: the retention file's broken quote fails the run after --out's folder exists
    const bad = join(dir, "retention.csv");
    writeFileSync(bad, 'Account,Product,Start ARR,End ARR\n"Acme,CRM,1,2\n');
    const logged: string[] = [];
    const run = (o: string): Promise<unknown> => writeReport({ accounts: join(EX, "accounts.csv"), ownership: join(EX, "ownership.csv"), retention: bad, asOf: "2026-11-01", out: o, keepSpecs: false, log: (t) => logged.push(t) });
    await expect(run(join(dir, "new", "deeper", "r.xlsx"))).rejects.toThrow(/retention\.csv: the quote that opens a field on line 2 is never closed/);
    expect(logged).toContain(`made the folder ${join(dir, "new")} and 1 inside it for --out`);
    expect(existsSync(join(dir, "new"))).toBe(false);
    await expect(run(join(dir, "r.xlsx"))).rejects.toThrow(/never closed/);
    expect(readdirSync(dir).sort()).toEqual(["retention.csv"]);
  });
});
