/**
 * Loads the built dist/excel/functions.js in a Node VM with a CustomFunctions shim, as Excel's runtime would:
 * every id in functions.json must be associated; each function, called with Excel-shaped ranges (serial dates,
 * "" blanks, null for omitted optionals), must answer exactly what the core answers (a single value that asks for
 * parameter addresses as a 1×1 array); errors must arrive as CustomFunctions.Error with the code Excel can show a
 * message on and the core's message naming the function as typed in Excel.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as core from "../../core/functions";
import { CATALOG, paramHelp, sheetsName } from "../../core/catalog";
import { XsellError } from "../../core/errors";
import { takesAddresses } from "../../excel-addin/functions/excel-args";
import { sample } from "./excel-shape";
import { DIST, loadFunctions, plain, rejection, ShimError, type CustomFunction } from "./excel-vm";

interface Metadata {
  allowCustomDataForDataTypeAny?: boolean;
  allowErrorForDataTypeAny?: boolean;
  functions: { id: string; name: string; options?: { requiresParameterAddresses?: boolean }; parameters: { name: string; type: string; dimensionality?: string; optional?: boolean; description: string }[]; result: { dimensionality?: string }; helpUrl: string; description: string }[];
}
let metadata: Metadata;
let associated: Map<string, CustomFunction>;

beforeAll(() => {
  associated = loadFunctions();
  metadata = JSON.parse(readFileSync(join(DIST, "functions.json"), "utf8")) as Metadata;
});

const AS_OF = 46327; // 2026-11-01 as an Excel serial
const accounts = sample("accounts.csv", 60);
const ownership = sample("ownership.csv", 200);
const prices = sample("prices.csv");
const retention = sample("retention.csv", 300);
const subscriptions = sample("subscriptions.csv", 600);
const startCol = retention.map((r) => [r[2]]);
const endCol = retention.map((r) => [r[3]]);

/** Excel-shaped arguments per function; null marks an omitted optional argument, as Excel passes it. */
const CALLS: Record<string, unknown[][]> = {
  SCORE: [[accounts, null, null, AS_OF], [accounts, null, [["expansion-100"]], AS_OF], [accounts.slice(1, 2), [accounts[0]], null, AS_OF]],
  EXPLAIN: [[accounts, null, null, AS_OF]],
  COLUMNS: [[accounts, null], [accounts.slice(1, 2), [accounts[0]]]],
  BAND: [[[[75], [61], [""], [12]]], [[[40]]]],
  MODEL: [[null], ["expansion-100"]],
  ATTACH_RATE: [[ownership, "CRM", "Analytics", null], [ownership, "CRM", "Analytics", 10], [ownership, "CRM", "Analytics", null, AS_OF, "flags"]],
  LIFT: [[ownership, "CRM", "Analytics", null]],
  ADJACENCY: [[ownership, null, null], [ownership, "lift", 10], [ownership, "ci_low", 5], [ownership, null, 5, AS_OF, "flags"]],
  PAIR_FLAGS: [[ownership, prices, AS_OF, null], [ownership, null, null, [["Rule", "Value"], ["Owners of B who own A", 0.9]]]],
  WHITESPACE: [[ownership, null, null], [ownership, prices, 3]],
  NEXT_PRODUCT: [[ownership, prices, null], [ownership, null, 2], [ownership, prices, null, AS_OF, "flags"]],
  TRIGGERS: [[accounts, null, ownership, AS_OF, null]],
  RULES: [[]],
  NRR: [[startCol, endCol]],
  GRR: [[startCol, endCol]],
  MOVEMENT: [[startCol, endCol]],
  RETENTION: [[retention]],
  EXPANSION_NEEDED: [[[[500000]], 1.15, null], [[[500000]], 1.15, 20000]],
  SCENARIO: [[1000, 20000, 12000, 0.35, 24000, null, null], [1000, 20000, 12000, 0.35, null, null, null]],
  SENSITIVITY: [[1000, 20000, [[8000, 12000, 16000]], [[0.2], [0.35], [0.5]], null], [1000, 20000, [[12000]], [[0.35]], "lift"]],
  PROJECTION: [[1000, 20000, 12000, 0.35, null, null, null], [1000, 20000, 12000, 0.35, 5, 0.25, 0.1]],
  MOVEMENTS: [[subscriptions, null, null, null, AS_OF], [subscriptions, "quarter", null, null, AS_OF]],
  FLOWS: [[subscriptions, null, null, null, AS_OF]],
  COHORTS: [[subscriptions, "quarter", null, AS_OF], [subscriptions, "year", "logos", AS_OF]],
  TIME_TO_SECOND: [[subscriptions, AS_OF, null], [subscriptions, AS_OF, "first product"]],
  SEQUENCE: [[subscriptions, null, null], [subscriptions, 365, "count"]],
  PRODUCT_RETENTION: [[subscriptions, AS_OF, null]],
  AUC: [[[["Score"], [90], [70], [70], [30]], [["Expanded"], [1], [true], ["No"], [0]]]],
  VALIDATE: [[[[90], [70], [70], [30], [""]], [[1], [true], ["No"], [0], [1]], null]],
  FIT_MODEL: [[accounts, accounts.map((_, i) => [i === 0 ? "Expanded" : i % 3 === 0 ? 1 : 0]), null, AS_OF]],
  BACKTEST: [[subscriptions, 46000, null, null, null], [subscriptions, 46000, 180, 2, prices]],
  CONVERSION: [[[["Account", "Product", "Trigger", "Rep", "Created", "Close Date", "Stage"], ["A", "X", "Gap", "Ana", "2026-01-01", "2026-01-20", "Closed Won"], ["B", "X", "Usage", "Bo", "2026-01-01", "", "Proposal"]], null], [[["Account", "Product", "Trigger", "Rep", "Created", "Close Date", "Stage"], ["A", "X", "Gap", "Ana", "2026-01-01", "2026-01-20", "Closed Won"], ["B", "X", "Usage", "Bo", "2026-01-01", "", "Proposal"]], "rep"]],
};

describe("dist/excel/functions.js in a CustomFunctions runtime", () => {
  it("associates every id in functions.json, and functions.json lists the whole catalog", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(CATALOG.map((f) => f.id).sort());
    expect([...associated.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
  });

  it("lets `any` parameters receive error cells and data types (allowErrorForDataTypeAny, allowCustomDataForDataTypeAny)", () => {
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
    expect(Object.keys(metadata).slice(0, 2).sort()).toEqual(["allowCustomDataForDataTypeAny", "allowErrorForDataTypeAny"]);
  });

  it("declares each function's parameters as the catalog does: names, types, dimensionality, optional, addresses", () => {
    for (const spec of CATALOG) {
      const meta = metadata.functions.find((f) => f.id === spec.id)!;
      expect(meta.description).toBe(spec.description);
      expect(meta.helpUrl).toBe(`https://localhost:3000/help.html#${spec.section}`);
      // a function that asks for its arguments' addresses must return a matrix (Excel's rule), a 1×1 one for a single value
      const addresses = takesAddresses(spec);
      expect(Boolean(meta.options?.requiresParameterAddresses), spec.id).toBe(addresses);
      expect(meta.result.dimensionality ?? "scalar", spec.id).toBe(spec.result === "range" || addresses ? "matrix" : "scalar");
      expect(meta.parameters.map((p) => p.name)).toEqual(spec.params.map((p) => p.name));
      spec.params.forEach((p, i) => {
        const m = meta.parameters[i];
        expect(m.dimensionality ?? "scalar", `${spec.id}.${p.name}`).toBe(p.shape === "range" ? "matrix" : "scalar");
        expect(m.type, `${spec.id}.${p.name}`).toBe(p.type);
        expect(Boolean(m.optional), `${spec.id}.${p.name}`).toBe(p.optional);
        expect(m.description).toBe(paramHelp(p, { choices: false }));
      });
    }
    // every function that reads a table asks for addresses (NRR/GRR/MOVEMENT too: they may be given a subscription
    // history, whose blank End Dates must not arrive as 0); only the two that take no range do not
    expect(CATALOG.filter(takesAddresses).map((f) => f.id)).toEqual(expect.arrayContaining(["SCORE", "EXPLAIN", "TRIGGERS", "ATTACH_RATE", "WHITESPACE", "RETENTION", "BAND", "SCENARIO", "NRR", "MOVEMENTS"]));
    expect(CATALOG.filter((f) => !takesAddresses(f)).map((f) => f.id)).toEqual(["MODEL", "RULES"]);
  });

  for (const spec of CATALOG) {
    it(`XSELL.${spec.id} answers what the core answers`, async () => {
      const fn = associated.get(spec.id)!;
      const impl = (core as Record<string, (...a: unknown[]) => unknown>)[sheetsName(spec)];
      expect(CALLS[spec.id], `no test call for ${spec.id}`).toBeDefined();
      for (const args of CALLS[spec.id]) {
        const value = plain(impl(...args.map((a) => (a === null ? undefined : a))));
        const expected = spec.result === "value" && takesAddresses(spec) ? [[value]] : value;
        expect(plain(await fn(...args))).toEqual(expected);
      }
    });
  }

  it("turns XsellError into CustomFunctions.Error: #VALUE! and #N/A as they are, #NUM! as #VALUE!, #DIV/0! as #N/A, with the core's reason", async () => {
    const cases: [string, unknown[], string, string][] = [
      ["SCORE", [accounts, null, [["gold"]], AS_OF], "#VALUE!", "#VALUE!"],
      ["ATTACH_RATE", [ownership, "ERP", "CRM", null], "#N/A", "#N/A"],
      ["NRR", [[[0]], [[5]]], "#DIV/0!", "#N/A"],
      ["BAND", [[[150]]], "#NUM!", "#VALUE!"],
    ];
    for (const [id, args, coreCode, excelCode] of cases) {
      const thrown = await rejection(associated.get(id)!(...args));
      expect(thrown, id).toBeInstanceOf(ShimError);
      const impl = (core as Record<string, (...a: unknown[]) => unknown>)[`XSELL_${id}`];
      let coreError: XsellError | undefined;
      try {
        impl(...args.map((a) => (a === null ? undefined : a)));
      } catch (e) {
        coreError = e as XsellError;
      }
      expect(coreError!.code).toBe(coreCode);
      expect(thrown!.code).toBe(excelCode);
      // the reason survives, naming the function as typed in Excel
      expect(coreError!.message.startsWith(`XSELL_${id}: `)).toBe(true);
      expect(thrown!.message).toBe(`XSELL.${id}: ${coreError!.message.slice(`XSELL_${id}: `.length)}`);
    }
  });

  it("keeps error messages within Excel's 255 characters", async () => {
    const huge = [["Account", "x".repeat(600)], ["A", 1]];
    const thrown = await rejection(associated.get("ATTACH_RATE")!(huge, "y".repeat(400), "CRM", null));
    expect(thrown).toBeInstanceOf(ShimError);
    expect(thrown!.message.length).toBeLessThanOrEqual(255);
    expect(thrown!.message.endsWith("…")).toBe(true);
  });
});
