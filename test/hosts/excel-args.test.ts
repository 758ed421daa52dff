/** The pure helpers of excel-addin/functions/excel-args.ts, on hand-picked cases. */
import { describe, expect, it } from "vitest";
import { errorOf, isDateFormat, parseAddress, plainCell } from "../../excel-addin/functions/excel-args";

describe("parseAddress: the addresses Excel gives in invocation.parameterAddresses", () => {
  it.each([
    ["Sheet1!A1:K401", { sheet: "Sheet1", row: 0, col: 0, rows: 401, cols: 11 }],
    ["'Q1 accounts'!$B$3:$L$6", { sheet: "Q1 accounts", row: 2, col: 1, rows: 4, cols: 11 }],
    ["'It''s'!C7", { sheet: "It's", row: 6, col: 2, rows: 1, cols: 1 }],
    ["[Book1.xlsx]Data!A:K", { sheet: "Data", row: 0, col: 0, rows: 1048576, cols: 11 }],
    ["Data!3:5", { sheet: "Data", row: 2, col: 0, rows: 3, cols: 16384 }],
    ["Data!AA10:AB11", { sheet: "Data", row: 9, col: 26, rows: 2, cols: 2 }],
  ])("%s", (address, expected) => expect(parseAddress(address)).toEqual(expected));

  it("refuses what it cannot read: no sheet, several areas, a name", () => {
    for (const a of ["", "A1:B2", "Sheet1!A1:B2,C3", "Sheet1!Prices"]) expect(parseAddress(a), a).toBeNull();
  });
});

describe("isDateFormat", () => {
  it.each(["yyyy-mm-dd", "m/d/yyyy", "d-mmm-yy", "[$-409]mmmm d, yyyy", "dd.mm.yyyy hh:mm", "mmm"])("%s shows a date", (f) => expect(isDateFormat(f)).toBe(true));
  it.each(["General", "0.00", "#,##0", "0%", "h:mm", "[h]:mm:ss", '"day "0', "@", "mm:ss"])("%s does not", (f) => expect(isDateFormat(f)).toBe(false));
});

describe("plainCell and errorOf: cells as Excel passes them with data types and error cells allowed", () => {
  it("reads data types as what the cell shows", () => {
    expect(plainCell({ type: "Entity", text: "Contoso", properties: {} })).toBe("Contoso");
    expect(plainCell({ type: "LinkedEntity", text: "Microsoft Corporation", id: {} })).toBe("Microsoft Corporation");
    expect(plainCell({ type: "FormattedNumber", basicValue: 0.35, numberFormat: "0%" })).toBe(0.35);
    expect(plainCell({ type: "Double", basicValue: 12 })).toBe(12);
    expect(plainCell({ type: "Boolean", basicValue: true })).toBe(true);
    expect(plainCell({ type: "String", basicValue: "CRM" })).toBe("CRM");
    expect(errorOf(plainCell({ type: "WebImage", address: "https://x/y.png", basicValue: "#VALUE!" }))).toBe("#VALUE!");
    for (const v of [1, "a", true, null, ""]) expect(plainCell(v)).toBe(v);
  });

  it("names the error of an error cell, whichever shape it arrives in", () => {
    expect(errorOf({ type: "Error", basicValue: "#N/A", errorType: "NotAvailable" })).toBe("#N/A");
    expect(errorOf({ type: "Error", errorType: "Div0" })).toBe("#DIV/0!");
    expect(errorOf({ code: "#REF!" })).toBe("#REF!");
    expect(errorOf("#N/A")).toBeNull(); // text is text
    expect(errorOf({ type: "Entity", text: "x" })).toBeNull();
  });
});
