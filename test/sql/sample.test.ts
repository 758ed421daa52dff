/** The warehouse SQL on DuckDB equals the core on the bundled sample: ownership, prices, retention, subscriptions. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readHistory } from "../../core/history/read";
import { readOwnership } from "../../core/ownership";
import { readPrices } from "../../core/whitespace";
import { dayFromYmd } from "../../core/values";
import { DuckDb, fileSource } from "../../cli/duckdb";
import { readTableFile } from "../../cli/readers";
import { compareMovements, comparePairs, compareRetention, compareWhitespace } from "./compare";

const AS_OF = dayFromYmd(2026, 11, 1);
const file = (name: string): string => `examples/${name}.csv`;
let db: DuckDb;

beforeAll(async () => {
  db = await DuckDb.open();
});
afterAll(() => db.dispose());

describe("warehouse SQL on the sample, against the core", () => {
  it("adjacency: every pair's attach, lift, count, support and Wilson interval, at min 5 and min 1", async () => {
    const grid = (await readTableFile(file("ownership"))).rows;
    const own = readOwnership("t", grid, AS_OF);
    const src = await fileSource(db, "ownership", file("ownership"));
    expect(await comparePairs(db, src, own, 5)).toBe(own.products.length * (own.products.length - 1) * 7);
    await comparePairs(db, src, own, 1);
    await comparePairs(db, src, own, 60);
  });

  it("whitespace and next product, by propensity and by expected ARR", async () => {
    const grid = (await readTableFile(file("ownership"))).rows;
    const own = readOwnership("t", grid, AS_OF);
    const src = await fileSource(db, "ownership", file("ownership"));
    const n = await compareWhitespace(db, src, own);
    expect(n).toBeGreaterThan(own.accounts.length);
    const prices = { source: await fileSource(db, "prices", file("prices")), values: readPrices("t", (await readTableFile(file("prices"))).rows, own) };
    await compareWhitespace(db, src, own, prices);
  });

  it("snapshot retention: summary and each account's movement", async () => {
    const grid = (await readTableFile(file("retention"))).rows;
    const n = await compareRetention(db, await fileSource(db, "retention", file("retention")), grid);
    expect(n).toBeGreaterThan(400);
  });

  it("monthly and quarterly movements with reactivation, and NRR/GRR by flows", async () => {
    const grid = (await readTableFile(file("subscriptions"))).rows;
    const h = readHistory("t", grid);
    const src = await fileSource(db, "subscriptions", file("subscriptions"));
    for (const kind of ["month", "quarter", "year"] as const) await compareMovements(db, src, h, kind, AS_OF);
  });
});
