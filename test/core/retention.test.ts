import { describe, expect, it } from "vitest";
import { XSELL_EXPANSION_NEEDED, XSELL_GRR, XSELL_MOVEMENT, XSELL_NRR, XSELL_RETENTION } from "../../core/functions";
import { thrown } from "../helpers";
import type { CellValue } from "../../core/values";

/**
 * Alpha flat; Beta upsells CRM 100→150; Gamma keeps CRM and is cross-sold Analytics (0→40); Delta contracts
 * 200→150; Eps churns both products (150); Zeta swaps CRM 100 for Analytics 100 (account flat, product churned
 * and cross-sold); Eta is new (0→80, outside the cohort); Theta is 0→0.
 * Cohort start 750, end 640: NRR 640/750; GRR (100+100+100+150+0+100)/750 = 550/750.
 * Expansion 190 = cross-sell 140 (Gamma 40 + Zeta 100) + upsell 50; contraction 150 (Delta 50 + Zeta's CRM 100); churn 150.
 */
const BY_PRODUCT: CellValue[][] = [
  ["Account", "Product", "Start ARR", "End ARR"],
  ["Alpha", "CRM", 100, 100],
  ["Beta", "CRM", 100, 150],
  ["Gamma", "CRM", 100, 100], ["Gamma", "Analytics", 0, 40],
  ["Delta", "CRM", "$200", "150"],
  ["Eps", "CRM", 100, 0], ["Eps", "Analytics", 50, 0],
  ["Zeta", "CRM", 100, 0], ["Zeta", "Analytics", "", 100],
  ["Eta", "CRM", 0, 80],
  ["Theta", "CRM", 0, 0],
];
const summary = (t: CellValue[][]): Record<string, CellValue> => Object.fromEntries(XSELL_RETENTION(t).slice(1).map((r) => [String(r[0]).trim(), r[1]]));

describe("XSELL_RETENTION by product", () => {
  const s = summary(BY_PRODUCT);
  it("splits expansion into cross-sell and upsell, and counts a swap both ways", () => {
    expect(s["Starting ARR (cohort: ARR > 0 at start)"]).toBe(750);
    expect(s["Expansion ARR"]).toBe(190);
    expect(s["of which cross-sell (products not held at start)"]).toBe(140);
    expect(s["of which upsell (more of products held)"]).toBe(50);
    expect(s["Contraction ARR (incl. products dropped by retained accounts)"]).toBe(150);
    expect(s["Churned ARR (accounts lost)"]).toBe(150);
    expect(s["Ending ARR (cohort)"]).toBe(640);
    expect(s["New ARR (accounts outside the cohort)"]).toBe(80);
    expect(s["Ending ARR (total)"]).toBe(720);
  });
  it("reports NRR, GRR, logo churn and the reconciliation", () => {
    expect(s["NRR"]).toBeCloseTo(640 / 750, 15);
    expect(s["GRR"]).toBeCloseTo(550 / 750, 15);
    expect(s["Logo churn"]).toBeCloseTo(1 / 6, 15);
    expect(s["Accounts at start"]).toBe(6);
    expect(s["Accounts churned"]).toBe(1);
    expect(s["New accounts"]).toBe(1);
    expect(s["Reconciliation: start + expansion − contraction − churn − ending (cohort)"]).toBe(0);
  });
  it("compares GRR of multi-product and single-product accounts", () => {
    expect(s["GRR, accounts with 2+ products at start (1)"]).toBe(0);
    expect(s["GRR, single-product accounts (5)"]).toBeCloseTo(550 / 600, 15);
    expect(s["GRR gap, multi − single (points)"]).toBeCloseTo(-550 / 6, 10);
  });
});

describe("XSELL_RETENTION by account", () => {
  const rows: CellValue[][] = [["Customer", "Starting ARR", "Ending ARR"], ["Alpha", 100, 100], ["Beta", 100, 150], ["Gamma", 100, 140], ["Delta", 200, 150], ["Eps", 150, 0], ["Zeta", 100, 100], ["Eta", 0, 80], ["Beta", 0, 0]];
  const s = summary(rows);
  it("measures expansion per account, leaves the cross-sell split blank, and still balances", () => {
    expect(s["Expansion ARR"]).toBe(90);
    expect(s["of which cross-sell (products not held at start) (needs a Product column)"]).toBe("");
    expect(s["Contraction ARR"]).toBe(50);
    expect(s["NRR"]).toBeCloseTo(640 / 750, 15);
    expect(s["Reconciliation: start + expansion − contraction − churn − ending (cohort)"]).toBe(0);
  });
});

describe("XSELL_NRR, XSELL_GRR, XSELL_MOVEMENT", () => {
  const start = [["Start ARR"], [100], [100], [100], [200], [150], [100], [0], [0]];
  const end = [["End ARR"], [100], [150], [140], [150], [0], [100], [80], [""]];
  it("uses the cohort with starting ARR > 0; new accounts are outside it", () => {
    expect(XSELL_NRR(start, end)).toBeCloseTo(640 / 750, 15);
    expect(XSELL_GRR(start, end)).toBeCloseTo(550 / 750, 15);
    expect(XSELL_NRR([[100], [50]], [[120], [0]])).toBeCloseTo(0.8, 15);
    expect(XSELL_GRR([[100], [50]], [[120], [0]])).toBeCloseTo(100 / 150, 15);
  });
  it("classifies every movement, keeping the header aligned", () => {
    expect(XSELL_MOVEMENT(start, end)).toEqual([["Movement"], ["Flat"], ["Expansion"], ["Expansion"], ["Contraction"], ["Churn"], ["Flat"], ["New"], [""]]);
    expect(XSELL_MOVEMENT([[1, 2, 0]], [[1, 1, 3]])).toEqual([["Flat"], ["Contraction"], ["New"]]);
  });
  it("rejects negative and text ARR, misaligned ranges and empty cohorts clearly", () => {
    expect(thrown(() => XSELL_NRR([[100], [-5]], [[1], [2]])).message).toBe("XSELL_NRR: start_arr row 2: ARR cannot be negative (-5)");
    expect(thrown(() => XSELL_GRR([[100], [5]], [[1], ["lots"]])).message).toBe('XSELL_GRR: end_arr row 2: "lots" is not an ARR amount');
    expect(thrown(() => XSELL_NRR([[1], [2]], [[1]])).message).toBe("XSELL_NRR: start_arr has 2 rows but end_arr has 1; pass aligned ranges, one row per account");
    const empty = thrown(() => XSELL_NRR([[0], [0]], [[5], [6]]));
    expect(empty.code).toBe("#DIV/0!");
    expect(empty.message).toBe("XSELL_NRR: no account has starting ARR above 0, so the cohort is empty");
    expect(thrown(() => XSELL_RETENTION([["Account", "Start ARR", "End ARR"], ["A", 0, 10]])).code).toBe("#DIV/0!");
    expect(thrown(() => XSELL_RETENTION([["Account", "Start ARR", "End ARR"], ["A", -1, 10]])).message).toBe('XSELL_RETENTION: column "Start ARR" row 2: ARR cannot be negative (-1)');
    expect(thrown(() => XSELL_RETENTION([["Account", "ARR"], ["A", 1]])).message).toContain('XSELL_RETENTION: no column "Start ARR"');
  });
});

describe("XSELL_EXPANSION_NEEDED", () => {
  it("seed 003: a $500K pool at 115% NRR needs $75,000 of expansion; expected churn adds to it", () => {
    expect(XSELL_EXPANSION_NEEDED(500000, "115%")).toBe(75000);
    expect(XSELL_EXPANSION_NEEDED(500000, 1.15, 20000)).toBe(95000);
    expect(XSELL_EXPANSION_NEEDED([[200000], [""], [300000]], 1.15)).toBe(75000);
  });
  it("rejects a target written as a bare percentage", () => {
    expect(() => XSELL_EXPANSION_NEEDED(500000, 115)).toThrow("XSELL_EXPANSION_NEEDED: target_nrr must be a number from 0 to 10, got 115; write 115% or 1.15");
  });
});

describe("Retention tab formats come with each metric", () => {
  it("shows the GRR gap in points and every row in the format of its declared kind", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { parseCsv } = await import("../../cli/csv");
    const { buildRetention } = await import("../../core/tabs");
    const { METRIC_FORMATS, retentionMetrics, retentionSummary } = await import("../../core/retention");
    const grid = parseCsv(readFileSync(join(__dirname, "..", "..", "examples", "retention.csv"), "utf8"));
    const metrics = retentionMetrics(retentionSummary("T", grid));
    const spec = buildRetention({ retention: grid, asOf: 0 });
    const formatOf = (row: number): string | undefined => spec.formats.filter((f) => f.range === `B${row}` && f.numberFormat).pop()?.numberFormat;
    metrics.forEach((m, k) => expect({ label: m.label, format: formatOf(k + 2) }).toEqual({ label: m.label, format: METRIC_FORMATS[m.kind] }));
    const gap = metrics.find((m) => m.label.startsWith("GRR gap"))!;
    expect(gap.kind).toBe("points");
    expect(formatOf(metrics.indexOf(gap) + 2)).toBe("0.0"); // 19.1 points, never 1911.1%
    // a share is a fraction, points are hundredths of it: the sample's gap is GRR multi − single, in points
    const multi = metrics.find((m) => m.label.startsWith("GRR, accounts with 2+"))!.value as number;
    const single = metrics.find((m) => m.label.startsWith("GRR, single"))!.value as number;
    expect(gap.value).toBeCloseTo((multi - single) * 100, 10);
  });
});

describe("NRR and GRR by flows from a subscription history (beside the snapshot method)", () => {
  // A pays 100 a month from January 2025 on; B pays 100 from January, leaves on 1 March and returns on 1 May.
  const history = [
    ["Account", "Product", "MRR", "Start Date", "End Date"],
    ["A", "CRM", 100, "2025-01-01", ""],
    ["B", "CRM", 100, "2025-01-01", "2025-03-01"],
    ["B", "CRM", 100, "2025-05-01", ""],
  ];
  it("counts a churn and return inside the window as churn, with the return excluded (ChartMogul): 0.5, where two snapshots say 1.0", async () => {
    const { XSELL_GRR, XSELL_NRR, XSELL_RETENTION, XSELL_FLOWS } = await import("../../core/functions");
    // window February–June 2025: opening 200 on 1 Feb; February loses B (churn 100); April brings B back (reactivation, excluded)
    // NRR = (200 + 0 − 0 − 100) ÷ 200 = 0.5; GRR = (200 − 0 − 100) ÷ 200 = 0.5
    expect(XSELL_NRR(history, undefined, "2025-02-01", "2025-06-01")).toBe(0.5);
    expect(XSELL_GRR(history, undefined, "2025-02-01", "2025-06-01")).toBe(0.5);
    // the snapshot method on the same window's first and last day sees both accounts at 100 both times
    expect(XSELL_NRR([[100], [100]], [[100], [100]])).toBe(1);
    expect(XSELL_RETENTION(history, "2025-02-01", "2025-06-01")).toEqual(XSELL_FLOWS(history, undefined, "2025-02-01", "2025-06-01"));
  });
  it("says which argument does not fit the method", async () => {
    const { XSELL_NRR } = await import("../../core/functions");
    expect(() => XSELL_NRR(history, [[1]])).toThrow("XSELL_NRR: end_arr must be empty when the first argument is a subscription history");
    expect(() => XSELL_NRR([[100]], [[90]], "2025-01-01")).toThrow("XSELL_NRR: from and to apply only to a subscription history");
    expect(() => XSELL_NRR([[100]])).toThrow("XSELL_NRR: end_arr is required with a column of starting ARR");
  });
});

describe("XSELL_MOVEMENT with paid_before", () => {
  it("classes a return as Reactivation, a first purchase as New", async () => {
    const { XSELL_MOVEMENT } = await import("../../core/functions");
    expect(XSELL_MOVEMENT([["Start ARR"], [0], [0], [100], [0]], [["End ARR"], [50], [50], [0], [70]], [["Paid before"], ["Yes"], ["No"], [""], [1200]])).toEqual([["Movement"], ["Reactivation"], ["New"], ["Churn"], ["Reactivation"]]);
  });
});

describe("retentionSummary by product against a dense reference", () => {
  it("gives the same cross-sell, upsell, contraction and products at start on interleaved random rows", async () => {
    const { retentionSummary } = await import("../../core/retention");
    let seed = 7;
    // mulberry32: a small seeded generator whose low bits are not correlated
    const rand = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0;
    };
    const rows: CellValue[][] = [["Account", "Product", "Start ARR", "End ARR"]];
    // accounts' rows interleaved and repeated pairs, fractional amounts: the summing order matters
    for (let i = 0; i < 3000; i++) rows.push([`A${rand(200)}`, `P${rand(9)}`, rand(3) === 0 ? 0 : rand(1000) / 7, rand(4) === 0 ? 0 : rand(1000) / 3]);
    const got = retentionSummary("T", rows);
    // the reference: pairs summed in row order, walked account by account and product by product in order
    const acc = new Map<string, number>();
    const prod = new Map<string, number>();
    for (const r of rows.slice(1)) {
      if (!acc.has(r[0] as string)) acc.set(r[0] as string, acc.size);
      if (!prod.has(r[1] as string)) prod.set(r[1] as string, prod.size);
    }
    const n = acc.size;
    const P = prod.size;
    const ps = new Float64Array(n * P);
    const pe = new Float64Array(n * P);
    const seen = new Uint8Array(n * P);
    const as = new Float64Array(n);
    const ae = new Float64Array(n);
    for (const r of rows.slice(1)) {
      const a = acc.get(r[0] as string)!;
      const k = a * P + prod.get(r[1] as string)!;
      ps[k] += r[2] as number;
      pe[k] += r[3] as number;
      seen[k] = 1;
      as[a] += r[2] as number;
      ae[a] += r[3] as number;
    }
    let crossSell = 0;
    let upsell = 0;
    let contraction = 0;
    const atStart: number[] = [];
    for (let a = 0; a < n; a++) {
      let count = 0;
      for (let k = a * P; k < a * P + P; k++) {
        if (!seen[k]) continue;
        if (ps[k] > 0) count++;
        if (!(as[a] > 0 && ae[a] > 0)) continue;
        if (ps[k] === 0 && pe[k] > 0) crossSell += pe[k];
        else if (pe[k] > ps[k]) upsell += pe[k] - ps[k];
        else if (pe[k] < ps[k]) contraction += ps[k] - pe[k];
      }
      atStart.push(count);
    }
    expect(got.crossSell).toBe(crossSell);
    expect(got.upsell).toBe(upsell);
    expect(got.contraction).toBe(contraction);
    expect(got.accounts.map((a) => a.productsAtStart)).toEqual(atStart);
    expect(crossSell).toBeGreaterThan(0);
    expect(upsell).toBeGreaterThan(0);
  });
});
