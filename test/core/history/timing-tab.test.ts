/** The Timing tab shows exactly what the three timing functions answer for the same history and date. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../cli/csv";
import { XSELL_PRODUCT_RETENTION, XSELL_SEQUENCE, XSELL_TIME_TO_SECOND } from "../../../core/functions";
import { buildTab } from "../../../core/tabs";
import { dayFromYmd } from "../../../core/values";

const subs = parseCsv(readFileSync(join(__dirname, "..", "..", "..", "examples", "subscriptions.csv"), "utf8"));

describe("Timing tab", () => {
  const spec = buildTab("timing", { subscriptions: subs, asOf: dayFromYmd(2026, 11, 1) });
  const blockAfter = (title: string) => {
    const i = spec.blocks.findIndex((b) => b.cells[0]?.[0] === title);
    expect(i, title).toBeGreaterThanOrEqual(0);
    return spec.blocks[i + 1].cells;
  };
  it("holds the time-to-second summary and curve, the purchase order and product retention as the functions give them", () => {
    // the summary leads the tab and the curve ends it: together (with the blank row between) they are the function's spill
    const tts = XSELL_TIME_TO_SECOND(subs, "2026-11-01");
    const summary = blockAfter("Time to second product");
    expect([...summary, tts[summary.length], ...blockAfter("Time to second product: the curve")]).toEqual(tts);
    expect(tts[summary.length].every((v) => v === "")).toBe(true);
    expect(blockAfter("Which product follows which")).toEqual(XSELL_SEQUENCE(subs));
    expect(blockAfter("Do cross-sold products stick?")).toEqual(XSELL_PRODUCT_RETENTION(subs, "2026-11-01"));
  });
  it("is non-trivial on the sample: most accounts buy a second product, some are censored, cross-sold products are followed", () => {
    const [, all] = XSELL_TIME_TO_SECOND(subs, "2026-11-01");
    const [, accounts, bought, censored] = all as number[];
    expect(accounts).toBeGreaterThan(300);
    expect(bought).toBeGreaterThan(accounts / 2);
    expect(censored).toBeGreaterThan(0);
  });
  it("needs a subscription history, and says so", () => {
    expect(() => buildTab("timing", { asOf: 0 })).toThrow("Timing: needs the subscription history (Account, Product, ARR or MRR, Start Date, End Date)");
  });
});
