/**
 * Blocks whose rows are made when read (core/tabs/spec.ts rowsOf): a large block reads exactly like the plain
 * arrays it stands for, through every way a renderer or test reads cells, and the budget check still sees it.
 */
import { describe, expect, it } from "vitest";
import { rowsOf, SpecBuilder, VIEW_CELLS, wrappedLines, type SpecCell } from "../../core/tabs/spec";

const WIDTH = 4;
const N = Math.floor(VIEW_CELLS / WIDTH) + 1;
const rowAt = (i: number): SpecCell[] => [`acct ${i}`, i * 0.5, i % 3 === 0 ? "owned" : "", { f: `=SUM(B${i + 1}:C${i + 1})` }];
const source = { length: N, row: rowAt };

describe("rowsOf", () => {
  it("gives plain arrays for a small block", () => {
    const cells = rowsOf({ length: 3, row: rowAt }, WIDTH);
    expect(cells).toEqual([rowAt(0), rowAt(1), rowAt(2)]);
    cells[1][0] = "changed";
    expect(cells[1][0]).toBe("changed");
  });

  it("reads a large block like the arrays it stands for", () => {
    const cells = rowsOf(source, WIDTH);
    expect(Array.isArray(cells)).toBe(true);
    expect(cells.length).toBe(N);
    expect(cells[0]).toEqual(["acct 0", 0, "owned", { f: "=SUM(B1:C1)" }]);
    expect(cells[N - 1][1]).toBe((N - 1) * 0.5);
    expect(cells[N]).toBeUndefined();
    expect(0 in cells && N - 1 in cells && !(N in cells)).toBe(true);
    let seen = 0;
    cells.forEach((r, i) => {
      if (r[0] === `acct ${i}`) seen++;
    });
    expect(seen).toBe(N);
    expect(cells.map((r) => r[1]).slice(-2)).toEqual([(N - 2) * 0.5, (N - 1) * 0.5]);
    expect(cells.slice(10, 12)).toEqual([rowAt(10), rowAt(11)]);
    let owned = 0;
    for (const r of cells) if (r[2] === "owned") owned++;
    expect(owned).toBe(Math.ceil(N / 3));
    expect(JSON.stringify(cells.slice(0, 5))).toBe(JSON.stringify([0, 1, 2, 3, 4].map(rowAt)));
    expect(JSON.parse(JSON.stringify(cells)).length).toBe(N);
    expect(() => {
      cells[0] = [];
    }).toThrow(/cannot be changed/);
  });

  it("cuts long text in a large block and notes it, as the check does for plain blocks", () => {
    const long = "x".repeat(40_000);
    const spec = new SpecBuilder("Big").rows(0, 0, WIDTH, { length: N, row: (i) => (i === 7 ? [long, 1, "", ""] : rowAt(i)) }).finish();
    const cell = spec.blocks[0].cells[7][0] as string;
    expect(cell.length).toBe(32_767);
    expect(cell).toMatch(/\[cut: 40,000 characters, a cell holds 32,767\]$/);
    expect(spec.notes.map((n) => n.cell)).toContain("A8");
  });

  it("refuses a non-finite number in a large block", () => {
    const b = new SpecBuilder("Big").rows(0, 0, WIDTH, { length: N, row: (i) => (i === N - 1 ? ["a", Infinity, "", ""] : rowAt(i)) });
    expect(() => b.finish()).toThrow(/Big/);
  });

  it("fits row heights alike over a view and over plain arrays", () => {
    const text = (i: number): SpecCell[] => [i % 1000 === 0 ? "word ".repeat(i % 7000 === 0 ? 40 : 3) : "short", 1, "", ""];
    const build = (view: boolean) => {
      const b = new SpecBuilder("Wrapped");
      if (view) b.rows(0, 0, WIDTH, { length: N, row: text });
      else b.block(0, 0, Array.from({ length: N }, (_, i) => text(i)));
      b.format({ range: `A1:A${N}`, wrap: true });
      b.widths([10]);
      return b.finish();
    };
    const heights = build(true).rowHeights;
    expect(heights).toEqual(build(false).rowHeights);
    // a line of a column 10 × 1.2 = 12 wide holds "word word" (9; a third word makes 14): 3 words take 2 lines, 40 take 20
    expect(heights?.slice(0, 2)).toEqual([{ row: 0, height: 20 * 15 }, { row: 1000, height: 30 }]);
  });
});

describe("wrappedLines", () => {
  it("counts greedy lines, paragraphs and words longer than a line", () => {
    expect(wrappedLines("aaa bbb ccc", 7)).toBe(2);
    expect(wrappedLines("aaa bbb", 7)).toBe(1);
    expect(wrappedLines("a\n\nb", 10)).toBe(3);
    expect(wrappedLines("abcdefghij", 4)).toBe(3);
    expect(wrappedLines("  lead\u00a0and\u3000wide  ", 4)).toBe(3);
    expect(wrappedLines("", 5)).toBe(1);
  });

  it("agrees with splitting into words on random text", () => {
    const reference = (text: string, width: number): number => {
      const per = Math.max(1, Math.floor(width));
      let lines = 0;
      for (const para of text.split("\n")) {
        let used = 0;
        lines++;
        for (const word of para.split(/\s+/).filter(Boolean)) {
          const need = used === 0 ? word.length : used + 1 + word.length;
          if (need <= per) used = need;
          else {
            lines += used === 0 ? 0 : 1;
            used = word.length;
            while (used > per) {
              lines++;
              used -= per;
            }
          }
        }
      }
      return lines;
    };
    const pieces = ["a", "bc", "defgh", " ", "  ", "\n", "\t", "\r", "\u00a0", "\u2028", "\ufeff", "\u200b", "é", "😀"];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let t = 0; t < 20_000; t++) {
      let s = "";
      for (let k = next(25); k > 0; k--) s += pieces[next(pieces.length)];
      const w = next(120) / 10;
      expect(wrappedLines(s, w), JSON.stringify([s, w])).toBe(reference(s, w));
    }
  });
});
