import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildTab } from "../../../core/tabs";
import { XSELL_AUC, XSELL_SCORE } from "../../../core/functions";
import { parseCsv } from "../../../cli/csv";
import { dayFromYmd, type CellValue } from "../../../core/values";
import { thrown } from "../../helpers";

const FROZEN = join(__dirname, "..", "..", "fixtures", "frozen-sample");
const csv = (f: string): CellValue[][] => parseCsv(readFileSync(join(FROZEN, f), "utf8"));
const accounts = csv("accounts.csv");
const outcomes = csv("outcomes.csv");
const AS_OF = dayFromYmd(2026, 11, 1);
const cells = (spec: ReturnType<typeof buildTab>): CellValue[][] => spec.blocks.flatMap((b) => b.cells) as CellValue[][];

describe("Validation tab", () => {
  it("shows the AUC XSELL_AUC gives for the same scores and outcomes joined by account", () => {
    const spec = buildTab("validation", { accounts, outcomes, asOf: AS_OF });
    const auc = cells(spec).find((r) => r[0] === "AUC")![1];
    // the same, independently: scores from XSELL_SCORE, outcomes looked up by account name
    const scores = XSELL_SCORE(accounts, undefined, undefined, "2026-11-01").slice(1).map((r) => r[0]);
    const byName = new Map(outcomes.slice(1).map((r) => [String(r[0]), r[1]]));
    const outcome = accounts.slice(1).map((r) => byName.get(String(r[0])) ?? "");
    expect(auc as number).toBeCloseTo(XSELL_AUC(scores.map((s) => [s]), outcome.map((o) => [o])), 14);
    expect(auc as number).toBeGreaterThan(0.7);
  });

  it("reads an Expanded column of the account table when no outcomes table is given", () => {
    const byName = new Map(outcomes.slice(1).map((r) => [String(r[0]), r[1]]));
    const withColumn = accounts.map((r, i) => [...r, i === 0 ? "Expanded" : (byName.get(String(r[0])) ?? "")]);
    const a = cells(buildTab("validation", { accounts: withColumn, asOf: AS_OF })).find((r) => r[0] === "AUC");
    const b = cells(buildTab("validation", { accounts, outcomes, asOf: AS_OF })).find((r) => r[0] === "AUC");
    expect(a).toEqual(b);
  });

  it("adds the backtest of the year before the as-of date when given a subscription history", () => {
    const spec = buildTab("validation", { accounts, outcomes, subscriptions: csv("subscriptions.csv"), asOf: AS_OF });
    const titles = spec.blocks.map((b) => b.cells[0][0]);
    expect(titles).toContain("Do next-product picks come true?");
    expect(titles).toContain("Suggested points beside the current ones");
    const hit = cells(spec).find((r) => r[0] === "Hit rate@1")!;
    expect(hit.slice(1, 4)).toEqual([0.16111111111111112, 0.11944444444444445, 0.06424603174603173]);
  });

  it("wraps the held-out check's sentences in a capped Value column, inside the print area rather than past its edge", () => {
    const spec = buildTab("validation", { accounts, outcomes, asOf: AS_OF });
    const block = spec.blocks.find((b) => b.cells[0].includes("Held-out check"))!;
    const col = block.col + block.cells[0].indexOf("Held-out check") + 1;
    const letter = String.fromCharCode(65 + col);
    const sentences = block.cells.map((r, i) => ({ text: r[col - block.col], row: block.row + i + 1 })).filter((x, i) => i > 0 && typeof x.text === "string" && x.text.length > 20);
    // the verdict and the method are sentences
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    for (const s of sentences) expect(spec.formats.some((f) => f.range === `${letter}${s.row}` && f.wrap === true)).toBe(true);
    const width = spec.columnWidths.find((w) => w.col === col)!.width;
    expect(width).toBe(28);
    // each wrapped row is tall enough for its lines (about a width of text a line)
    for (const s of sentences) expect(spec.rowHeights!.find((h) => h.row === s.row - 1)?.height ?? 15).toBeGreaterThanOrEqual(15 * Math.ceil(String(s.text).length / 28 / 1.3));
    // the column is inside the print area
    const area = spec.print!.area.split(",").pop()!;
    expect(area.split(":")[1].replace(/\d+/, "") >= letter).toBe(true);
  });

  it("says what it needs without outcomes", () => {
    expect(thrown(() => buildTab("validation", { accounts, asOf: AS_OF })).message).toBe(
      'Validation: needs outcomes: a column such as "Expanded", "Outcome", "Expansion" in the account table, or an outcomes table (Account, Expanded), e.g. xsell report --outcomes outcomes.csv',
    );
  });
});
