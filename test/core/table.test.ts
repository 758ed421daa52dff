import { describe, expect, it } from "vitest";
import { fieldOf, normalizeHeader } from "../../core/headers";
import { findColumn, readTable, requireColumn } from "../../core/table";
import { XsellError } from "../../core/errors";

describe("header matching", () => {
  it("ignores case, spaces, underscores and punctuation", () => {
    expect(normalizeHeader(" Active_Users (#) ")).toBe("activeusers");
    expect(fieldOf("ACTIVE-USERS")).toBe("Active Users");
  });
  it.each([
    ["Account Name", "Account"], ["customer", "Account"], ["Company", "Account"], ["Seats", "Licenses"], ["Licences", "Licenses"],
    ["Active Seats", "Active Users"], ["Net Promoter Score", "NPS"], ["customer_since", "Start Date"], ["Executive Sponsor", "Champion"],
    ["Contract End", "Renewal Date"], ["Feature Usage", "Adjacent Feature Usage"],
  ])("knows %s as %s", (alias, field) => {
    expect(fieldOf(alias)).toBe(field);
  });
  it("leaves unknown columns alone", () => {
    expect(fieldOf("Favourite Colour")).toBeUndefined();
  });
});

describe("readTable", () => {
  it("takes the first row as headers when headers are omitted", () => {
    const t = readTable("XSELL_SCORE", [["Customer", "Seats"], ["Acme", 10]]);
    expect(t.headerInData).toBe(true);
    expect(t.rows).toEqual([["Acme", 10]]);
    expect(findColumn(t, "Licenses")).toBe(1);
    expect(t.rowNumbers).toEqual([2]);
  });
  it("takes a separate header row for fill-down formulas", () => {
    const t = readTable("XSELL_SCORE", [["Acme", 10]], [["Customer", "Seats"]]);
    expect(t.headerInData).toBe(false);
    expect(t.rows.length).toBe(1);
  });
  it("rejects mismatched widths, empty data and empty headers with the function's name", () => {
    expect(() => readTable("XSELL_SCORE", [["Acme", 10, 3]], [["Customer", "Seats"]])).toThrow(/XSELL_SCORE: headers has 2 columns but data has 3/);
    expect(() => readTable("XSELL_SCORE", [])).toThrow(/XSELL_SCORE: data is empty/);
    expect(() => readTable("XSELL_SCORE", [["", ""], [1, 2]])).toThrow(/header row is empty/);
  });
  it("names the missing column and what it found", () => {
    const t = readTable("XSELL_LIFT", [["Customer", "Seats"], ["Acme", 10]]);
    try {
      requireColumn(t, "Product");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(XsellError);
      expect((e as XsellError).code).toBe("#VALUE!");
      expect((e as XsellError).message).toBe('XSELL_LIFT: no column "Product"; found "Customer", "Seats"');
    }
  });
});
