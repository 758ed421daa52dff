/**
 * Commands as objects: `xsell` dispatches from the command list, and every command's --help, synopsis and parsing
 * come from its flag table, so adding a flag (or a command) changes the help with no other edit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flagHelp, parseFlags, synopsisOf, usageOf, type Command, type Flag } from "../../cli/command";
import { COMMANDS, main, usage } from "../../cli/main";
import { REPORT_FLAGS } from "../../cli/commands/report";
import { TAB_KINDS } from "../../core/tabs";

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

/** A command built in the test: it records what it was given. */
function echo(flags: readonly Flag[]): Command & { seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    name: "echo",
    summary: "Repeats its arguments.",
    usage: "<word>",
    flags,
    seen,
    async run(args) {
      seen.push({ positional: args.positional, loud: args.on("loud"), times: args.value("times"), tag: args.list("tag") });
      return 0;
    },
  };
}

describe("the help is derived from the flag tables", () => {
  it("prints each command's usage, made from its table, for `xsell <command> --help`", async () => {
    for (const c of COMMANDS) {
      out = [];
      expect(await main([c.name, "--help"])).toBe(0);
      expect(out.join("\n")).toBe(usageOf(c));
      for (const f of c.flags) expect(out.join("\n"), `${c.name} --${f.name}`).toContain(`--${f.name}`);
    }
    expect(await main(["--help"])).toBe(0);
    expect(out.join("\n")).toContain(usage());
  });

  it("changes when a flag is added to a table, and the new flag parses", async () => {
    const before = echo([{ name: "loud", kind: "switch", description: "shout" }]);
    const after = echo([...before.flags, { name: "times", kind: "value", value: "<n>", default: "1", description: "how many times to say it" }]);
    expect(usageOf(before)).not.toContain("--times");
    expect(usageOf(after)).toContain("      --times <n>                   how many times to say it (default: 1)");
    expect(usage([after])).toContain("xsell echo <word> [options]");
    expect(await main(["echo", "hi", "--times", "3", "--loud"], [after])).toBe(0);
    expect(after.seen).toEqual([{ positional: ["hi"], loud: true, times: "3", tag: [] }]);
    // the same words to the table without --times: one line naming the flag, exit 2
    expect(await main(["echo", "hi", "--times", "3"], [before])).toBe(2);
    expect(err).toEqual(["xsell: unknown option --times; run xsell echo --help"]);
  });

  it("puts required flags in the synopsis and refuses their absence in one line", async () => {
    const c = echo([{ name: "out", kind: "value", value: "<file>", required: true, description: "where" }]);
    expect(synopsisOf(c)).toBe("xsell echo <word> --out <file>");
    expect(await main(["echo", "hi"], [c])).toBe(2);
    expect(err).toEqual(["xsell: echo needs --out <file>"]);
    expect(synopsisOf(COMMANDS.find((x) => x.name === "report")!)).toBe("xsell report <accounts.csv|.xlsx> --out <report.xlsx> [options]");
  });

  it("lists every tab of the registry for report --tabs", () => {
    const tabs = REPORT_FLAGS.find((f) => f.name === "tabs")!;
    expect(flagHelp(tabs)).toContain(TAB_KINDS.join(","));
  });

  it("wraps long descriptions under the description column", () => {
    const text = flagHelp({ name: "x", kind: "switch", description: "word ".repeat(40).trim() });
    const lines = text.split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(112);
    for (const l of lines.slice(1)) expect(l.startsWith(" ".repeat(36) + "word")).toBe(true);
  });
});

describe("parsing", () => {
  const flags: Flag[] = [
    { name: "loud", kind: "switch", description: "" },
    { name: "times", kind: "value", description: "" },
    { name: "tag", kind: "list", description: "" },
  ];
  it("reads values, --flag=value, switches and repeated lists", () => {
    const a = parseFlags(["w", "--times=2", "--tag", "a", "--loud", "--tag", "b"], flags);
    expect([a.positional, a.value("times"), a.on("loud"), a.list("tag")]).toEqual([["w"], "2", true, ["a", "b"]]);
    expect([a.value("nope"), a.on("nope"), a.list("nope")]).toEqual([undefined, false, []]);
  });
  it("refuses unknown flags, missing values and values on switches, each in one line (exit 2 from main)", async () => {
    expect(() => parseFlags(["--times"], flags)).toThrow("--times needs a value");
    expect(() => parseFlags(["--times", "--loud"], flags)).toThrow("--times needs a value");
    expect(() => parseFlags(["--loud=yes"], flags)).toThrow("--loud takes no value");
    expect(() => parseFlags(["--constructor", "x"], flags)).toThrow("unknown option --constructor");
    for (const c of COMMANDS) {
      err = [];
      expect(await main([c.name, "x.csv", "--no-such-flag"]), c.name).toBe(2);
      expect(err, c.name).toEqual([`xsell: unknown option --no-such-flag; run xsell ${c.name} --help`]);
    }
    err = [];
    expect(await main(["nosuch"])).toBe(2);
    expect(err).toEqual(['xsell: unknown command "nosuch"; run xsell --help']);
  });
});
