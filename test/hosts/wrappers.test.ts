/** One source of truth: the committed host wrappers must be exactly what core/catalog.ts generates. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXCEL_WRAPPERS, excelSource, SHEETS_MENU, sheetsMenuSource, SHEETS_WRAPPERS, sheetsSource } from "../../scripts/gen-wrappers";

describe("host wrappers follow core/catalog.ts", () => {
  it("excel-addin/functions/functions.ts is up to date (run `npm run gen` after changing the catalog)", () => {
    expect(readFileSync(EXCEL_WRAPPERS, "utf8")).toBe(excelSource());
  });
  it("sheets-addon/src/functions.js is up to date (run `npm run gen` after changing the catalog)", () => {
    expect(readFileSync(SHEETS_WRAPPERS, "utf8")).toBe(sheetsSource());
  });
  it("sheets-addon/src/menu.js is up to date with the tab registry (run `npm run gen` after adding a tab)", () => {
    expect(readFileSync(SHEETS_MENU, "utf8")).toBe(sheetsMenuSource());
  });
});
