/** Column widths from content (core/tabs/widths.ts): every expected width below is worked out by hand. */
import { describe, expect, it } from "vitest";
import { SpecBuilder, type Block, type Format, type SpecCell } from "../../core/tabs/spec";
import { contentWidths, formattedText, sampleRows, wrappedWidth } from "../../core/tabs/widths";

describe("formattedText: a number as its number format prints it", () => {
  it.each([
    [1234567, "$#,##0", "$1,234,567"],
    [-1234.5, "#,##0.0", "-1,234.5"],
    [0.35, "0%", "35%"],
    [0.1234, "0.0%", "12.3%"],
    [3.14159, "0.00", "3.14"],
    [42.4, "0", "42"],
    [46000, "yyyy-mm", "yyyy-mm"],
    [12.5, undefined, "12.5"],
    [1 / 3, undefined, "0.333333333"],
  ])("%s as %s is %s", (x, f, text) => {
    expect(formattedText(x, f)).toBe(text);
  });
});

describe("wrappedWidth: the narrowest column that wraps a header into two lines", () => {
  it("is the longest word when the words split evenly", () => {
    // "Marketing" (9) / "Automation" (10): two lines of 10 characters; bold, 0.9 a width: ceil(10 / 0.9) = 12
    expect(wrappedWidth("Marketing Automation", true)).toBe(12);
  });
  it("widens past the longest word when two lines need it", () => {
    // at 11: "Accounts" / "(no" / "cross-sell)" is three lines; at 12 "Accounts (no" / "cross-sell)" is two:
    // bold ceil(12 / 0.9) = 14, plain 12 (one character a width)
    expect(wrappedWidth("Accounts (no cross-sell)", true)).toBe(14);
    expect(wrappedWidth("Accounts (no cross-sell)", false)).toBe(12);
  });
});

const header: Format = { range: "A1:C1", bold: true };
const money: Format = { range: "B2:B4", numberFormat: "$#,##0" };

describe("contentWidths", () => {
  const table: Block = {
    row: 0,
    col: 0,
    cells: [
      ["Account", "ARR", "Note"],
      ["Acme Corporation", 600000, "from the CRM export, a sentence that spills right"],
      ["Initech", 600000, ""],
      ["Total", { f: "=SUM(B2:B3)" }, ""],
    ],
  };
  it("sizes each column from its header and its formatted values, plus two of padding", () => {
    // A: "Acme Corporation" is 16 plain characters = 16 widths (> bold "Account", ceil(7 / 0.9) = 8) → 18
    // B: the SUM counts as mean 600,000 × 2 cells = "$1,200,000", 10 (> "$600,000", 8) → 12
    // C: only its bold header counts, ceil(4 / 0.9) = 5 → 7; the note ends its row and spills right
    expect(contentWidths([table], [header, money], 3)).toEqual([
      { col: 0, width: 18 },
      { col: 1, width: 12 },
      { col: 2, width: 7 },
    ]);
  });
  it("does not measure titles, lines of text or a row whose only text is its first cell", () => {
    const title: Block = { row: 10, col: 0, cells: [["A title long enough to widen column A to the cap, were it measured"]] };
    const heading: Block = { row: 12, col: 0, cells: [["A section heading over empty cells, just as long as the title", "", ""]] };
    expect(contentWidths([table, title, heading], [header, money], 3)[0]).toEqual({ col: 0, width: 18 });
  });
  it("caps widths, per column where the builder says so, and leaves fixed and empty columns alone", () => {
    const long: Block = { row: 0, col: 0, cells: [["x".repeat(100), "y".repeat(100), "z", ""]] };
    const bold: Format = { range: "A1:C1", bold: true };
    // A: 100 bold → capped at 40; B: its own cap 20; C is fixed by the builder; D is empty (the host's default)
    expect(contentWidths([long], [bold], 4, { min: 6, max: 40, caps: [{ col: 1, max: 20 }] }, new Set([2]))).toEqual([
      { col: 0, width: 40 },
      { col: 1, width: 20 },
    ]);
  });
  it("reads a bounded sample of a 1,000,000-row block: both ends and a stride between", () => {
    expect(sampleRows(10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const rows = sampleRows(1_000_000);
    expect(rows).toHaveLength(600);
    expect(rows.slice(0, 2)).toEqual([0, 1]);
    expect(rows.at(-1)).toBe(999_999);
    let reads = 0;
    const cells = new Proxy([] as SpecCell[][], {
      get(_, key) {
        if (key === "length") return 1_000_001;
        if (typeof key === "string" && /^\d+$/.test(key)) {
          reads++;
          const i = Number(key);
          // the widest value is the last row's: the sample must see it
          return i === 0 ? ["Account", "ARR"] : [`Account ${i}`, i === 1_000_000 ? 123_456_789 : 5];
        }
        return undefined;
      },
    });
    const widths = contentWidths([{ row: 0, col: 0, cells }], [{ range: "B2:B1000001", numberFormat: "$#,##0" }], 2);
    expect(reads).toBeLessThanOrEqual(601);
    // B: "$123,456,789" is 12 → 14; A: "Account 1000000", 15 plain → 17
    expect(widths).toEqual([
      { col: 0, width: 17 },
      { col: 1, width: 14 },
    ]);
  });
});

describe("SpecBuilder: widths from content for every column the builder leaves alone", () => {
  it("fits content, keeps the builder's deliberate widths, and wraps rows to the fitted widths", () => {
    const b = new SpecBuilder("T").block(0, 0, [["Account", "Marketing Automation"], ["Acme Corporation", 0.35]]);
    b.format({ range: "A1:B1", bold: true, wrap: true });
    b.format({ range: "B2", numberFormat: "0%" });
    b.widths([3], 2);
    const spec = b.finish();
    // A: 16 plain → 18; B: the bold header wraps into two lines at 12 → 14; C: the builder's 3
    expect(spec.columnWidths).toEqual([
      { col: 0, width: 18 },
      { col: 1, width: 14 },
      { col: 2, width: 3 },
    ]);
    // the header row gets its two lines: 15 points a line
    expect(spec.rowHeights).toEqual([{ row: 0, height: 30 }]);
  });
});
