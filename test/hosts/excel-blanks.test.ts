/**
 * The built dist/excel/functions.js, called as Excel desktop calls it (empty cells as 0) and as Excel on the web
 * does (empty cells as null), with error cells and data types inside ranges and a workbook in the 1904 date
 * system: the answers must be the same, and the ones below are worked out by hand from the readiness model
 * (Seats 20, NPS 15, Tenure 10, Support 10, Growth 10, Features 15, Renewal 10, Champion 10).
 *
 * The fake Excel (test/fakes/excel-host.ts) holds the same table the function receives, so the shared runtime
 * can read the value types at the arguments' addresses, as Excel desktop would let it.
 */
import { describe, expect, it } from "vitest";
import { FakeWorkbook, type FakeValue } from "../fakes/excel-host";
import { loadFunctions, plain, rejection, type CustomFunction } from "./excel-vm";

const serial = (y: number, m: number, d: number): number => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
const AS_OF = serial(2026, 11, 1);
const HEADER = ["Account", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Funding", "Adjacent Feature Usage", "Renewal Date", "Champion"];
/** 100 points: 60% seats, NPS 45, 33 months in, Low support, hiring, features, renewal in 10 months, a champion. */
const ACME = ["Acme", 100, 60, 45, serial(2024, 1, 15), "Low", "Yes", "No", "Yes", serial(2027, 9, 1), "Yes"];
/** 10 points (Support Medium); NPS, Start Date, Renewal Date and Champion are empty cells. */
const GLOBEX = ["Globex", 100, 40, null, null, "Medium", "No", "No", "No", null, null];
const BLANK_ROW = HEADER.map(() => null);

/** The table as the web passes it (null for empty cells). */
const WEB: unknown[][] = [HEADER, ACME, GLOBEX, BLANK_ROW];
/** As Excel desktop passes it (0 for empty cells). */
const DESKTOP: unknown[][] = WEB.map((row) => row.map((v) => (v === null ? 0 : v)));
/** As the sheet holds it ("" for empty cells, as Office.js reads them). */
const SHEET: FakeValue[][] = WEB.map((row) => row.map((v) => (v === null ? "" : (v as FakeValue))));

const GLOBEX_EXPLAINED = "Seats 40% ≤ 50% +0 · NPS missing · Tenure missing · Support Medium is Low/Medium +10 · Growth none +0 · Features no +0 · Renewal missing · Champion missing · coverage 55%";

function desktop(sheets: Record<string, { values: FakeValue[][]; at?: { row: number; col: number } }>, date1904 = false): { fns: Map<string, CustomFunction>; wb: FakeWorkbook } {
  const wb = new FakeWorkbook();
  wb.date1904 = date1904;
  for (const [name, s] of Object.entries(sheets)) wb.addSheet(name, s.values, s.at);
  return { fns: loadFunctions({ workbook: wb, options: { platform: "PC" } }), wb };
}

function web(): { fns: Map<string, CustomFunction>; wb: FakeWorkbook } {
  const wb = new FakeWorkbook();
  return { fns: loadFunctions({ workbook: wb, options: { platform: "OfficeOnline" } }), wb };
}

const call = async (fns: Map<string, CustomFunction>, id: string, ...args: unknown[]): Promise<unknown> => plain(await fns.get(id)!(...args));

describe("blanks: Excel desktop's 0 and the web's null give the same answers", () => {
  it("SCORE and EXPLAIN over a range with empty cells and a trailing blank row", async () => {
    const d = desktop({ "Q1 accounts": { values: SHEET, at: { row: 2, col: 1 } } });
    const w = web();
    const inv = { parameterAddresses: ["'Q1 accounts'!$B$3:$L$6", "", "", ""] };
    const expected = [["Score"], [100], [10], [""]];
    expect(await call(w.fns, "SCORE", WEB, null, null, AS_OF, { parameterAddresses: ["Sheet1!A1:K4", "", "", ""] })).toEqual(expected);
    expect(await call(d.fns, "SCORE", DESKTOP, null, null, AS_OF, inv)).toEqual(expected);
    const explained = (await call(d.fns, "EXPLAIN", DESKTOP, null, null, AS_OF, inv)) as string[][];
    expect(explained[2][0]).toBe(GLOBEX_EXPLAINED);
    expect(explained).toEqual(await call(w.fns, "EXPLAIN", WEB, null, null, AS_OF, {}));
    expect(w.wb.syncs).toBe(1); // the web asks only which date system the workbook uses, once
    expect(d.wb.syncs).toBeGreaterThan(2); // desktop also asked which zeros are empty cells
  });

  it("where Excel cannot be asked (no address: an expression), zeros stay zeros but a blank row is still blank", async () => {
    const d = desktop({});
    const explained = (await call(d.fns, "EXPLAIN", DESKTOP, null, null, AS_OF, { parameterAddresses: ["", "", "", ""] })) as string[][];
    expect(explained[2][0]).toContain("NPS 0 ≤ 40 +0"); // indistinguishable from a real 0
    expect(explained[3]).toEqual([""]); // the trailing blank row is not an account
    expect(await call(d.fns, "SCORE", DESKTOP, null, null, AS_OF, {})).toEqual([["Score"], [100], [10], [""]]);
  });

  it("an empty headers or as_of cell (0 on desktop) is an omitted argument", async () => {
    const d = desktop({});
    const rows = [ACME, GLOBEX];
    const withNull = await call(d.fns, "SCORE", rows, [HEADER], null, null, {});
    expect(await call(d.fns, "SCORE", [HEADER, ...rows], 0, null, 0, {})).toEqual([["Score"], ...(withNull as unknown[][])]);
    expect(await call(d.fns, "SCORE", [HEADER, ...rows], [[0]], null, [[0]], {})).toEqual([["Score"], ...(withNull as unknown[][])]);
  });

  it("WHITESPACE: an empty ARR cell is owned, a 0 ARR is not, on both", async () => {
    const own: FakeValue[][] = [
      ["Account", "Product", "ARR"],
      ["A", "CRM", 100],
      ["A", "BI", ""],
      ["B", "CRM", 100],
      ["B", "BI", 0],
      ["C", "CRM", 5],
    ];
    const webArgs = own.map((r) => r.map((v) => (v === "" ? null : v)));
    const deskArgs = own.map((r) => r.map((v) => (v === "" ? 0 : v)));
    // CRM: A, B, C own it; BI: only A (B's 0 ARR is not ownership): attach CRM → BI = 1/3 for B and C
    const expected = [
      ["Account", "CRM", "BI"],
      ["A", "owned", "owned"],
      ["B", "owned", 1 / 3],
      ["C", "owned", 1 / 3],
    ];
    expect(await call(web().fns, "WHITESPACE", webArgs, null, null, null, null, {})).toEqual(expected);
    const d = desktop({ Ownership: { values: own } });
    expect(await call(d.fns, "WHITESPACE", deskArgs, null, null, null, null, { parameterAddresses: ["Ownership!A1:C6", "", "", "", ""] })).toEqual(expected);
  });

  it("BAND: an empty cell stays blank, a real 0 is Low", async () => {
    const d = desktop({ S: { values: [[75], [""], [0], [12]] } });
    expect(await call(d.fns, "BAND", [[75], [0], [0], [12]], { parameterAddresses: ["S!A1:A4"] })).toEqual([["High"], [""], ["Low"], ["Low"]]);
    expect(await call(web().fns, "BAND", [[75], [null], [0], [12]], {})).toEqual([["High"], [""], ["Low"], ["Low"]]);
  });

  it("SCENARIO: an empty cac_new cell takes the default 1.13; a typed 0 is a real 0", async () => {
    const d = desktop({ Inputs: { values: [[""]] } });
    const row = (r: unknown) => (r as unknown[][]).find((x) => x[0] === "Sales & marketing cost as new logos")![1];
    // 4,200,000 cross-sell ARR × 1.13 = 4,746,000
    expect(row(await call(d.fns, "SCENARIO", 1000, 20000, 12000, 0.35, 24000, 0, null, { parameterAddresses: ["", "", "", "", "", "Inputs!A1", ""] }))).toBe(4_746_000);
    expect(row(await call(web().fns, "SCENARIO", 1000, 20000, 12000, 0.35, 24000, null, null, {}))).toBe(4_746_000);
    expect(row(await call(d.fns, "SCENARIO", 1000, 20000, 12000, 0.35, 24000, 0, null, { parameterAddresses: ["", "", "", "", "", "", ""] }))).toBe(0);
  });

  it("a host that passed a null somewhere passes blanks as null: its zeros are not looked up", async () => {
    const d = desktop({ S: { values: [[75], [""], [0]] } });
    expect(await call(d.fns, "BAND", [[75], [null], [0]], { parameterAddresses: ["S!A1:A3"] })).toEqual([["High"], [""], ["Low"]]);
    expect(d.wb.syncs).toBe(0);
  });
});

describe("error cells and data types inside ranges", () => {
  const NA = { type: "Error", basicValue: "#N/A", errorType: "NotAvailable" };

  it("an error cell reads as missing, exactly like an empty one", async () => {
    const withError = WEB.map((r, i) => (i === 2 ? r.map((v, j) => (j === 3 ? NA : v)) : r));
    const explained = (await call(web().fns, "EXPLAIN", withError, null, null, AS_OF, {})) as string[][];
    expect(explained[2][0]).toBe(GLOBEX_EXPLAINED);
    const d = desktop({ A: { values: SHEET.map((r, i) => (i === 2 ? r.map((v, j) => (j === 3 ? "#N/A" : v)) : r)) } });
    const deskWithError = DESKTOP.map((r, i) => (i === 2 ? r.map((v, j) => (j === 3 ? NA : v)) : r));
    expect(await call(d.fns, "EXPLAIN", deskWithError, null, null, AS_OF, { parameterAddresses: ["A!A1:K4", "", "", ""] })).toEqual(explained);
  });

  it("an error as a single-value argument is the answer, with its reason: #N/A stays #N/A, others become #VALUE!", async () => {
    const fns = web().fns;
    const na = await rejection(fns.get("SCORE")!(WEB, null, null, NA, {}));
    expect([na?.code, na?.message]).toEqual(["#N/A", "XSELL.SCORE: as_of is #N/A"]);
    const ref = await rejection(fns.get("SCORE")!(WEB, null, null, { type: "Error", errorType: "Ref" }, {}));
    expect([ref?.code, ref?.message]).toEqual(["#VALUE!", "XSELL.SCORE: as_of is the error #REF!"]);
  });

  it("linked entities and formatted numbers read as what the cell shows", async () => {
    const entity = { type: "Entity", text: "Acme", properties: { Ticker: { type: "String", basicValue: "ACME" } } };
    const linked = { type: "LinkedEntity", text: "Globex", id: { entityId: "x", domainId: "y", serviceId: 268, culture: "en-US" } };
    const licenses = { type: "FormattedNumber", basicValue: 100, numberFormat: "#,##0" };
    const typed = WEB.map((r, i) => (i === 1 ? [entity, licenses, ...r.slice(2)] : i === 2 ? [linked, ...r.slice(1)] : r));
    const fns = web().fns;
    expect(await call(fns, "SCORE", typed, null, null, AS_OF, {})).toEqual([["Score"], [100], [10], [""]]);
    const own = [["Account", "Product"], [entity, "CRM"], [linked, "CRM"], [linked, "BI"]];
    expect(await call(fns, "WHITESPACE", own, null, null, null, null, {})).toEqual([
      ["Account", "CRM", "BI"],
      ["Acme", "owned", 0.5],
      ["Globex", "owned", "owned"],
    ]);
  });
});

describe("1904 date system", () => {
  it("reads date cells and as_of in a 1904 workbook as the same days as in a 1900 one", async () => {
    const to1904 = (v: unknown) => (typeof v === "number" && v > 40000 ? v - 1462 : v);
    const rows1904 = WEB.map((r, i) => (i === 0 ? r : r.map((v, j) => (j === 4 || j === 9 ? to1904(v) : v))));
    const sheet = rows1904.map((row) => row.map((v) => (v === null ? "" : (v as FakeValue))));
    const d = desktop({ Accounts: { values: sheet } }, true);
    const s = d.wb.sheet("Accounts");
    for (let r = 1; r < 4; r++) for (const c of [4, 9]) (s.numberFormats[r] ??= [])[c] = "yyyy-mm-dd";
    const deskRows = rows1904.map((row) => row.map((v) => (v === null ? 0 : v)));
    const inv = { parameterAddresses: ["Accounts!A1:K4", "", "", ""] };
    // as_of typed as DATE(2026,11,1) in the 1904 workbook is 1462 less than in a 1900 one
    expect(await call(d.fns, "SCORE", deskRows, null, null, AS_OF - 1462, inv)).toEqual([["Score"], [100], [10], [""]]);
    const explained = (await call(d.fns, "EXPLAIN", deskRows, null, null, AS_OF - 1462, inv)) as string[][];
    expect(explained[1][0]).toContain("Renewal in 10 mo > 6 +10"); // read as 1900 serials it would be 2023, long past
    expect(explained[1][0]).toContain("Tenure 33 mo 17 d > 6 +10");
  });

  it("asks once which system the workbook uses, and leaves a 1900 workbook's serials alone", async () => {
    const d = desktop({});
    await call(d.fns, "SCORE", WEB, null, null, AS_OF, {});
    const after = d.wb.syncs;
    expect(after).toBe(1);
    expect(await call(d.fns, "SCORE", WEB, null, null, AS_OF, {})).toEqual([["Score"], [100], [10], [""]]);
    expect(d.wb.syncs).toBe(after);
  });
});
