/**
 * A table-driven corpus of bad and odd inputs against every catalog function. Each case must either return
 * values (no NaN or Infinity anywhere) or throw an XsellError whose message starts with the function's name and
 * says what is wrong; anything else (a TypeError, a RangeError, a hang) is a defect.
 */
import { describe, expect, it } from "vitest";
import * as catalog from "../../core/functions";
import { CATALOG, sheetsName } from "../../core/catalog";
import { XsellError } from "../../core/errors";
import type { CellValue } from "../../core/values";

type Fn = (...args: unknown[]) => unknown;
const fns = catalog as unknown as Record<string, Fn>;

const ACCOUNTS: CellValue[][] = [
  ["Account", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Funding", "Adjacent Feature Usage", "Renewal Date", "Champion", "Plan Usage", "Last Purchase Date"],
  ["Acme", 100, 80, 50, "2020-01-01", "Low", "Yes", "No", "Yes", "2028-01-01", "Dana", "80%", "2026-01-01"],
  ["Globex", 10, 2, 10, "2026-10-01", "High", "No", "No", "No", "2026-12-01", "", 0.2, "2026-10-20"],
];
const OWNERSHIP: CellValue[][] = [["Account", "CRM", "BI", "ERP"], ["Acme", 1, 1, ""], ["Globex", 1, "", 1], ["Initech", "", 1, ""], ["Hooli", 1, 1, 1], ["Umbrella", 1, "", ""], ["Stark", 1, 1, ""]];
const PRICES: CellValue[][] = [["Product", "Price"], ["CRM", 100], ["BI", 50], ["ERP", 80]];
const START: CellValue[][] = [[100], [50], [0]];
const END: CellValue[][] = [[120], [0], [30]];
const SUBSCRIPTIONS: CellValue[][] = [["Account", "Product", "MRR", "Start Date", "End Date"], ["Acme", "CRM", 100, "2024-01-01", ""], ["Acme", "BI", 50, "2024-06-01", ""], ["Globex", "CRM", 80, "2024-02-01", "2025-02-01"], ["Initech", "BI", 60, "2024-03-01", ""], ["Initech", "CRM", 90, "2024-09-01", ""]];
const RETENTION: CellValue[][] = [["Account", "Product", "Start ARR", "End ARR"], ["Acme", "CRM", 100, 120], ["Acme", "BI", 0, 30], ["Globex", "CRM", 50, 0]];

/** A valid call per function; the corpus replaces one argument at a time. */
const BASE: Record<string, unknown[]> = {
  SCORE: [ACCOUNTS, undefined, undefined, "2026-11-01"],
  EXPLAIN: [ACCOUNTS, undefined, undefined, "2026-11-01"],
  BAND: [[[75], [20]]],
  COLUMNS: [ACCOUNTS, undefined],
  MODEL: ["expansion-100"],
  ATTACH_RATE: [OWNERSHIP, "CRM", "BI", 1, "2026-11-01"],
  LIFT: [OWNERSHIP, "CRM", "BI", 1, "2026-11-01"],
  ADJACENCY: [OWNERSHIP, "lift", 1, "2026-11-01"],
  WHITESPACE: [OWNERSHIP, PRICES, 1, "2026-11-01"],
  NEXT_PRODUCT: [OWNERSHIP, PRICES, 1, "2026-11-01"],
  PAIR_FLAGS: [OWNERSHIP, PRICES, "2026-11-01", undefined],
  TRIGGERS: [ACCOUNTS, undefined, OWNERSHIP, "2026-11-01", undefined, undefined],
  RULES: [],
  NRR: [START, END],
  GRR: [START, END],
  MOVEMENT: [START, END],
  RETENTION: [RETENTION],
  EXPANSION_NEEDED: [500000, 1.15, 10000],
  SCENARIO: [1000, 20000, 12000, 0.35, 24000, 1.13, 0.27],
  SENSITIVITY: [1000, 20000, [[10000, 12000]], [[0.3], [0.4]], "arr"],
  PROJECTION: [1000, 20000, 12000, 0.35, 3, 0.2, 0.08],
  MOVEMENTS: [SUBSCRIPTIONS, "month", undefined, undefined, "2026-11-01"],
  FLOWS: [SUBSCRIPTIONS, "month", undefined, undefined, "2026-11-01"],
  COHORTS: [SUBSCRIPTIONS, "quarter", "revenue", "2026-11-01"],
  TIME_TO_SECOND: [SUBSCRIPTIONS, "2026-11-01", undefined],
  SEQUENCE: [SUBSCRIPTIONS, undefined, undefined],
  PRODUCT_RETENTION: [SUBSCRIPTIONS, "2026-11-01", undefined],
  AUC: [[[90], [70], [50], [30]], [[1], [0], [1], [0]]],
  VALIDATE: [[[90], [70], [50], [30]], [[1], [0], [1], [0]], [["A"], ["A"], ["B"], ["B"]]],
  FIT_MODEL: [ACCOUNTS, ACCOUNTS.map((_, i) => [i % 2]), undefined, "2026-11-01"],
  BACKTEST: [SUBSCRIPTIONS, "2024-07-01", 365, 1, PRICES],
  CONVERSION: [[["Account", "Product", "Trigger", "Rep", "Created", "Close Date", "Stage"], ["A", "X", "Gap", "Ana", "2026-01-01", "2026-01-20", "Closed Won"], ["B", "X", "Usage", "Bo", "2026-01-01", "", "Proposal"]], "trigger"],
};

const LONG_NAME = "Å".repeat(5000);
/** Values that replace each argument in turn: wrong types, blanks, errors, extremes, odd shapes. */
const ODD: [string, unknown][] = [
  ["undefined", undefined],
  ["null", null],
  ["empty text", ""],
  ["text", "banana"],
  ["zero", 0],
  ["negative", -1],
  ["huge", 1e308],
  ["NaN", NaN],
  ["Infinity", -Infinity],
  ["boolean", true],
  ["invalid Date", new Date(NaN)],
  ["Date before 1900", new Date(1800, 0, 1)],
  ["Excel error object", { type: "Error", errorCode: "#REF!" }],
  ["#N/A text", "#N/A"],
  ["empty range", []],
  ["empty row", [[]]],
  ["1×1 blank", [[""]]],
  ["header only", [["Account", "CRM", "NPS", "Start ARR", "End ARR", "Product"]]],
  ["error-filled range", [["#N/A", "#REF!"], ["#VALUE!", { type: "Error" }]]],
  ["ragged range", [["Account", "CRM"], ["A"], ["B", 1, 2, 3]]],
  ["locale numbers", [["Account", "CRM"], ["1.234,56", "1 234,56"], ["1'234.56", "١٢٣"]]],
  ["very long unicode", [[LONG_NAME, "CRM"], [LONG_NAME, 1]]],
  ["huge ARR", [[1e308], [-1e308]]],
  ["far dates", [["Account", "Start Date", "Renewal Date"], ["A", "0999-01-01", "10000-01-01"], ["B", -5, 3e6]]],
  ["nested object", { a: 1 }],
];

function check(name: string, run: () => unknown): void {
  let result: unknown;
  try {
    result = run();
  } catch (e) {
    expect(e, `${name} threw a ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`).toBeInstanceOf(XsellError);
    const msg = (e as XsellError).message;
    expect(msg.startsWith(`${name}: `), msg).toBe(true);
    expect(msg.length, msg).toBeGreaterThan(name.length + 8);
    expect(["#VALUE!", "#N/A", "#NUM!", "#DIV/0!"]).toContain((e as XsellError).code);
    return;
  }
  const cells = Array.isArray(result) ? (result as unknown[][]).flat() : [result];
  for (const c of cells) {
    if (typeof c === "number") expect(Number.isFinite(c), `${name} returned ${c}`).toBe(true);
    else expect(["string", "boolean"].includes(typeof c), `${name} returned ${typeof c}`).toBe(true);
  }
  if (Array.isArray(result)) {
    const width = (result as unknown[][])[0]?.length;
    for (const row of result as unknown[][]) expect(row.length, `${name} returned a ragged range`).toBe(width);
  }
}

const cases: [string, string, string, unknown[]][] = [];
for (const f of CATALOG) {
  const base = BASE[f.id];
  cases.push([sheetsName(f), "baseline", "valid arguments", base]);
  for (let i = 0; i < Math.max(1, base.length); i++) {
    for (const [label, value] of ODD) {
      const args = [...base];
      args[i] = value;
      cases.push([sheetsName(f), f.params[i]?.name ?? "extra", label, args]);
    }
  }
}

describe("every catalog function on odd and hostile input", () => {
  it("has a corpus of at least 200 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });
  it.each(cases)("%s(%s ← %s)", (name, _param, _label, args) => {
    check(name, () => fns[name](...args));
  });
});

describe("odd tables", () => {
  const tables: [string, CellValue[][]][] = [
    ["duplicate headers", [["Account", "NPS", "NPS"], ["A", 50, 10]]],
    ["duplicate accounts", [["Account", "NPS"], ["A", 50], ["a ", 10], ["A", ""]]],
    ["all blank rows", [["Account", "NPS"], ["", ""], [null, undefined]]],
    ["numbers as headers", [[1, 2, 3], [4, 5, 6]]],
    ["unicode names", [["Account", "NPS", "Start Date"], ["Société Générale ✓", "45", "2020-02-29"], ["株式会社", "٥٠", "2019-02-29"]]],
    ["dates out of range", [["Account", "Start Date", "Renewal Date"], ["A", "1899-12-31", "9999-12-31"], ["B", 0, 2958466]]],
    ["percent and currency text", [["Account", "Licenses", "Active Users", "Plan Usage"], ["A", "$1,000", "55%", "75 %"]]],
  ];
  for (const fname of ["XSELL_SCORE", "XSELL_EXPLAIN", "XSELL_TRIGGERS"]) {
    it.each(tables)(`${fname} on %s`, (_label, table) => check(fname, () => fns[fname](table, undefined, undefined, "2026-11-01")));
  }
  it.each(tables)("XSELL_ADJACENCY and XSELL_WHITESPACE on %s", (_label, table) => {
    check("XSELL_ADJACENCY", () => fns.XSELL_ADJACENCY(table));
    check("XSELL_WHITESPACE", () => fns.XSELL_WHITESPACE(table));
  });
  it("duplicate product columns and different-size ranges are refused with the reason", () => {
    expect(() => fns.XSELL_ADJACENCY([["Account", "CRM", "crm"], ["A", 1, 1]])).toThrow('XSELL_ADJACENCY: ownership has the product column "crm" twice');
    expect(() => fns.XSELL_NRR([[1], [2]], [[1], [2], [3]])).toThrow("XSELL_NRR: start_arr has 2 rows but end_arr has 3");
    expect(() => fns.XSELL_SCORE([["A", 1, 2]], [["Account", "NPS"]])).toThrow("XSELL_SCORE: headers has 2 columns but data has 3");
  });
  it("negative and text ARR are errors that name the row, never a number", () => {
    expect(() => fns.XSELL_GRR([[100], [-5]], [[1], [1]])).toThrow("XSELL_GRR: start_arr row 2: ARR cannot be negative (-5)");
    expect(() => fns.XSELL_RETENTION([["Account", "Start ARR", "End ARR"], ["A", "lots", 1]])).toThrow('XSELL_RETENTION: column "Start ARR" row 2: "lots" is not an ARR amount');
  });
});

describe("1,048,576-row inputs (Excel's row limit)", () => {
  const N = 1_048_576;
  it("XSELL_SCORE, XSELL_NRR, XSELL_MOVEMENT and XSELL_ADJACENCY answer at full height", () => {
    const data: CellValue[][] = [["Account", "NPS", "Licenses", "Active Users"]];
    const own: CellValue[][] = [["Account", "CRM", "BI"]];
    const start: CellValue[][] = [];
    const end: CellValue[][] = [];
    for (let i = 0; i < N - 1; i++) {
      data.push([`A${i}`, i % 100, 10, i % 11]);
      own.push([`A${i}`, i % 2, i % 3 === 0]);
    }
    for (let i = 0; i < N; i++) {
      start.push([i % 5 === 0 ? 0 : 100]);
      end.push([i % 7 === 0 ? 0 : 110]);
    }
    const scores = fns.XSELL_SCORE(data, undefined, undefined, "2026-11-01") as unknown[][];
    expect(scores.length).toBe(N);
    expect(scores[N - 1][0]).toBeTypeOf("number");
    const nrr = fns.XSELL_NRR(start, end) as number;
    expect(nrr).toBeGreaterThan(0.9);
    expect((fns.XSELL_MOVEMENT(start, end) as unknown[][]).length).toBe(N);
    const adj = fns.XSELL_ADJACENCY(own, "count") as unknown[][];
    // both: i odd and divisible by 3, i.e. i ≡ 3 (mod 6), for i in 0 … N − 2
    expect(adj[1][2]).toBe(Math.floor((N - 2 - 3) / 6) + 1);
  }, 60_000);
});
