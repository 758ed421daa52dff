/** Properties that must hold for every input, checked on random ones with fast-check. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { XSELL_ADJACENCY, XSELL_GRR, XSELL_NRR, XSELL_RETENTION } from "../../core/functions";
import { resolveModel } from "../../core/model";
import { scoreTable } from "../../core/score";
import { readTable } from "../../core/table";
import { wilson } from "../../core/adjacency";
import { dayFromYmd, isoFromDay, type CellValue } from "../../core/values";

const AS_OF = dayFromYmd(2026, 11, 1);
const RUNS = { numRuns: 200 };

const cell = fc.oneof(
  fc.constant(""),
  fc.constant(null),
  fc.integer({ min: -200, max: 5000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom("Yes", "No", "x", "n/a", "#N/A", "Low", "Medium", "High", "45%", "$1,200", "Dana Lee", "-"),
  fc.integer({ min: dayFromYmd(2015, 1, 1), max: dayFromYmd(2030, 12, 31) }).map((d) => isoFromDay(d)),
  fc.boolean(),
);
const HEAD = ["Account", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Funding", "Adjacent Feature Usage", "Renewal Date", "Champion", "Feature Adoption", "Support Tickets", "Engagement Change", "Competitor Evaluation", "Last Purchase Date", "Departments"];
const accountRows = fc
  .array(fc.array(cell, { minLength: HEAD.length - 1, maxLength: HEAD.length - 1 }), { minLength: 1, maxLength: 30 })
  .map((rows) => rows.map((r, i) => [`A${i}`, ...r] as CellValue[]));

/** A random 0/1 ownership matrix, wide, with 2–6 products. */
const ownership = fc.integer({ min: 2, max: 6 }).chain((P) =>
  fc.array(fc.array(fc.boolean(), { minLength: P, maxLength: P }), { minLength: 1, maxLength: 60 }).map((rows) => [
    ["Account", ...Array.from({ length: P }, (_, p) => `P${p}`)],
    ...rows.map((r, i) => [`Acct ${i}`, ...r.map((b) => (b ? 1 : ""))]),
  ] as CellValue[][]),
);

const arrPairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 })), { minLength: 1, maxLength: 80 }).filter((ps) => ps.some(([s]) => s > 0));

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe("scores", () => {
  for (const preset of ["readiness-100", "expansion-100"]) {
    it(`${preset}: every score is within 0–100 and equals the sum of its criterion points`, () => {
      fc.assert(
        fc.property(accountRows, (rows) => {
          const scored = scoreTable(readTable("T", [HEAD, ...rows]), resolveModel("T", preset), AS_OF);
          for (let i = 0; i < rows.length; i++) {
            const s = scored.scores[i];
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(100);
            const sum = scored.points.reduce((t, p) => t + p[i], 0);
            expect(s).toBeCloseTo(sum, 9);
          }
        }),
        RUNS,
      );
    });
  }
});

describe("attach rates and adjacency", () => {
  it("attach, support and Wilson bounds lie in 0–1 with low ≤ rate ≤ high; count is symmetric", () => {
    fc.assert(
      fc.property(ownership, (own) => {
        const attach = XSELL_ADJACENCY(own, "attach");
        const low = XSELL_ADJACENCY(own, "ci_low");
        const high = XSELL_ADJACENCY(own, "ci_high");
        const support = XSELL_ADJACENCY(own, "support");
        const count = XSELL_ADJACENCY(own, "count");
        for (let a = 1; a < attach.length; a++) {
          for (let b = 1; b < attach.length; b++) {
            expect(count[a][b]).toBe(count[b][a]);
            expect(support[a][b]).toBe(support[b][a]);
            if (support[a][b] !== "") expect((support[a][b] as number) >= 0 && (support[a][b] as number) <= 1).toBe(true);
            const r = attach[a][b];
            if (r === "") continue;
            const [l, h] = [low[a][b] as number, high[a][b] as number];
            for (const v of [r as number, l, h]) {
              expect(v).toBeGreaterThanOrEqual(0);
              expect(v).toBeLessThanOrEqual(1);
            }
            expect(l).toBeLessThanOrEqual((r as number) + 1e-12);
            expect(h).toBeGreaterThanOrEqual((r as number) - 1e-12);
          }
        }
      }),
      RUNS,
    );
  });
  it("Wilson bounds bracket k/n for any k ≤ n", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), ([k, n]) => {
        const [l, h] = wilson(k, n);
        expect(0 <= l && l <= k / n + 1e-12 && k / n <= h + 1e-12 && h <= 1).toBe(true);
      }),
      RUNS,
    );
  });
  it("shuffling account rows changes no count", () => {
    fc.assert(
      fc.property(ownership, fc.integer(), (own, seed) => {
        const shuffled = [own[0], ...shuffle(own.slice(1), seed)];
        expect(XSELL_ADJACENCY(shuffled, "count")).toEqual(XSELL_ADJACENCY(own, "count"));
        expect(XSELL_ADJACENCY(shuffled, "attach")).toEqual(XSELL_ADJACENCY(own, "attach"));
      }),
      RUNS,
    );
  });
});

describe("retention", () => {
  it("GRR ≤ 1 and GRR ≤ NRR, unchanged by shuffling", () => {
    fc.assert(
      fc.property(arrPairs, fc.integer(), (pairs, seed) => {
        const start = pairs.map(([s]) => [s]);
        const end = pairs.map(([, e]) => [e]);
        const nrr = XSELL_NRR(start, end);
        const grr = XSELL_GRR(start, end);
        expect(grr).toBeLessThanOrEqual(1 + 1e-12);
        expect(grr).toBeLessThanOrEqual(nrr + 1e-12);
        const mixed = shuffle(pairs, seed);
        expect(XSELL_NRR(mixed.map(([s]) => [s]), mixed.map(([, e]) => [e]))).toBeCloseTo(nrr, 12);
        expect(XSELL_GRR(mixed.map(([s]) => [s]), mixed.map(([, e]) => [e]))).toBeCloseTo(grr, 12);
      }),
      RUNS,
    );
  });

  const productRows = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom("CRM", "BI", "ERP"), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 })), { minLength: 1, maxLength: 60 })
    .filter((rows) => rows.some(([, , s]) => s > 0))
    .map((rows) => rows.map(([a, p, s, e]) => [`Acct ${a}`, p, s, e] as CellValue[]));

  it("the reconciliation always balances, cross-sell + upsell = expansion, and shuffling changes nothing", () => {
    fc.assert(
      fc.property(productRows, fc.integer(), (rows, seed) => {
        const head = ["Account", "Product", "Start ARR", "End ARR"];
        const summary = XSELL_RETENTION([head, ...rows]);
        const get = (prefix: string) => summary.find((r) => String(r[0]).trim().startsWith(prefix))![1] as number;
        expect(get("Reconciliation")).toBe(0);
        expect(get("of which cross-sell") + get("of which upsell")).toBeCloseTo(get("Expansion ARR"), 6);
        expect(get("GRR")).toBeLessThanOrEqual(get("NRR") + 1e-12);
        const again = XSELL_RETENTION([head, ...shuffle(rows, seed)]);
        const byLabel = (t: CellValue[][]) => Object.fromEntries(t.map((r) => [String(r[0]).replace(/\(\d+\)/, ""), typeof r[1] === "number" ? Math.round(r[1] * 1e6) / 1e6 : r[1]]));
        expect(byLabel(again)).toEqual(byLabel(summary));
      }),
      RUNS,
    );
  });
});
