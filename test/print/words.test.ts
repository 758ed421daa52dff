/**
 * No internal labels reach users: the article numbers the product brief was written from ("seed 001") belong in the
 * README's references, never in a cell, a note, a chart title, the CLI's help, the task pane, the sidebar, the
 * functions' help (Excel's functions.json, the Sheets bundle's JSDoc) or the README's user sections.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, usage } from "../../cli/main";
import { usageOf } from "../../cli/command";
import { buildTab, TAB_KINDS } from "../../core/tabs";
import { dayFromYmd } from "../../core/values";
import { sample } from "../hosts/excel-shape";

const ROOT = join(__dirname, "..", "..");
const INTERNAL = /seed\s*0/i;
const inputs = { accounts: sample("accounts.csv"), ownership: sample("ownership.csv"), prices: sample("prices.csv"), retention: sample("retention.csv"), subscriptions: sample("subscriptions.csv"), outcomes: sample("outcomes.csv"), asOf: dayFromYmd(2026, 11, 1) };

/** The lines of `text` that carry an internal label, for a failure message that shows where. */
const offending = (text: string): string[] => text.split("\n").filter((l) => INTERNAL.test(l)).map((l) => l.trim().slice(0, 160));

describe("no internal labels in what users see", () => {
  it("matches what it must catch", () => {
    expect(offending("a\nassumption (seed 004's example)\nSeed 001\nseed000")).toHaveLength(3);
    expect(offending("a fixed-seed generator; seeds")).toHaveLength(0);
  });

  it.each(TAB_KINDS)("the %s tab built from the sample: cells, notes, chart titles", (kind) => {
    expect(offending(JSON.stringify(buildTab(kind, inputs), null, 1))).toEqual([]);
  });

  it("the CLI's help, for xsell and each command", () => {
    expect(offending([usage(), ...COMMANDS.map(usageOf)].join("\n"))).toEqual([]);
  });

  it.each(["excel/taskpane.html", "excel/taskpane.js", "excel/functions.json", "excel/help.html", "sheets/sidebar.html", "sheets/xsell.js"])("the built dist/%s", (file) => {
    const path = join(ROOT, "dist", file);
    expect(existsSync(path), `${path}: run npx webpack --mode production first`).toBe(true);
    expect(offending(readFileSync(path, "utf8"))).toEqual([]);
  });

  it("the README, outside its references", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const at = readme.indexOf("\n## References");
    expect(at, "the README has a References section naming the sources").toBeGreaterThan(0);
    expect(offending(readme.slice(0, at))).toEqual([]);
  });
});
