/**
 * Headers aligned like their numbers (core/tabs/alignment.ts), worked out by hand on small tables: a number
 * column's header goes right, a number column followed by text is centered (header and numbers) so the two keep a
 * gap on paper, and a builder's own alignment wins.
 */
import { describe, expect, it } from "vitest";
import { headerAlignments } from "../../core/tabs/alignment";
import { SpecBuilder, buildTab, type Format } from "../../core/tabs";
import { dayFromYmd } from "../../core/values";
import { sample } from "../hosts/excel-shape";

const table = [
  ["Account", "Score", "Band", "Propensity", "Expected ARR"],
  ["Acme", 100, "High", 0.4, { f: "=B2*100" }],
  ["Initech", 90, "", 0.35, { f: "=B3*100" }],
];

/** The alignment the last format covering `cell` gives it (as renderers apply formats in order). */
function alignment(formats: readonly Format[], cell: string): string | undefined {
  let h: string | undefined;
  for (const f of formats) {
    const [from, to = from] = f.range.split(":");
    const col = (a: string) => a.replace(/\d+/, "");
    const row = (a: string) => Number(a.replace(/[A-Z]+/, ""));
    if (col(cell) >= col(from) && col(cell) <= col(to) && row(cell) >= row(from) && row(cell) <= row(to) && f.horizontalAlignment) h = f.horizontalAlignment;
  }
  return h;
}

describe("header alignments", () => {
  it("centers a number column before a text column, right-aligns the header of one that ends the row or precedes numbers", () => {
    const formats = headerAlignments([{ row: 0, col: 0, cells: table }], [{ range: "E2:E3", numberFormat: "$#,##0" }]);
    // Score (B) is followed by Band, text: centered, header and values
    expect(formats).toContainEqual({ range: "B1:B3", horizontalAlignment: "Center" });
    // Propensity (D) is followed by a number column; Expected ARR (E) holds formulas under a number format
    // side by side, one range (each range is a host call)
    expect(formats).toContainEqual({ range: "D1:E1", horizontalAlignment: "Right" });
    // text columns keep the host's left alignment
    expect(formats.some((f) => f.range.startsWith("A") || f.range.startsWith("C"))).toBe(false);
    expect(formats).toHaveLength(2);
  });

  it("leaves formulas without a number format (they may be text) and a builder's own alignment alone", () => {
    const formats = headerAlignments([{ row: 0, col: 0, cells: table }], [{ range: "B2:B3", horizontalAlignment: "Left" }, { range: "D2:D3", horizontalAlignment: "Center" }]);
    expect(formats).toEqual([{ range: "D1", horizontalAlignment: "Center" }]);
  });

  it("reads a block below a title as its own table, and finish() puts the builder's formats last so they win", () => {
    const b = new SpecBuilder("T").block(0, 0, [["Title"]]).block(2, 1, table);
    b.format({ range: "C3", horizontalAlignment: "Left" });
    b.format({ range: "F4:F5", numberFormat: "$#,##0" });
    const spec = b.finish();
    expect(alignment(spec.formats, "C3")).toBe("Left");
    expect(alignment(spec.formats, "C4")).toBe("Center");
    expect(alignment(spec.formats, "E3")).toBe("Right");
    expect(alignment(spec.formats, "F3")).toBe("Right");
  });

  it("the Scorecard: Score and Expected ARR (each before text) centered, Propensity and Coverage headers right", () => {
    const spec = buildTab("scorecard", { accounts: sample("accounts.csv"), ownership: sample("ownership.csv"), prices: sample("prices.csv"), asOf: dayFromYmd(2026, 11, 1) });
    const head = spec.blocks[0].cells[0];
    const at = (name: string, row: number): string | undefined => alignment(spec.formats, `${String.fromCharCode(65 + head.indexOf(name))}${row}`);
    expect([at("Score", 1), at("Score", 2), at("Band", 1)]).toEqual(["Center", "Center", undefined]);
    expect([at("Expected ARR", 1), at("Expected ARR", 2), at("Triggers", 1)]).toEqual(["Center", "Center", undefined]);
    expect([at("Propensity", 1), at("Coverage", 1)]).toEqual(["Right", "Right"]);
  });
});
