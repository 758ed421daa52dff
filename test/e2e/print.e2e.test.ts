/**
 * The demo workbook printed by LibreOffice (PDF export, as File → Print would lay it out): at most 20 pages (15
 * today: the long lists print their top accounts, the whole lists stay on screen), and
 * no tab split across pages sideways — every page of a tab whose header row repeats shows that header's first and
 * last cells, so the page holds the whole width. Pages are told apart by their page header (the tab's title).
 * Every tab's charts print (their titles are on a page of the tab, each once). The first two printed pages of each tab are kept as PNGs (test/artifacts/print-<tab>-<n>.png).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { artifact } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "xsell-print-"));
const demo = join(dir, "xsell-demo.xlsx");
const pdf = join(dir, "xsell-demo.pdf");
/** The page budget the README states (the demo prints in 15; the issue's ceiling is 30). */
export const DEMO_MAX_PAGES = 20;
let pages: string[] = [];

beforeAll(async () => {
  expect(await main(["demo", "--out", demo])).toBe(0);
  execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${join(dir, "profile")}`, "--convert-to", "pdf", "--outdir", dir, demo], { cwd: dir, stdio: "pipe", timeout: 180_000 });
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
  pages = Array.from({ length: count }, (_, i) => execFileSync("pdftotext", ["-layout", "-f", String(i + 1), "-l", String(i + 1), pdf, "-"], { encoding: "utf8" }));
}, 240_000);

/** The tab a page belongs to: the first word of its page header. */
const tabOf = (page: string): string => page.trimStart().split(/\s+/)[0];

/** Each tab's chart titles (core/tabs/tab-charts.ts, validation.ts): a chart prints its text as text, so pdftotext reads it. */
const CHART_TITLES: Record<string, readonly string[]> = {
  Scorecard: ["Accounts per band", "Score distribution"],
  Whitespace: ["Whitespace by product", "Top 10 accounts by whitespace"],
  Adjacency: ["Top product pairs by lift"],
  Retention: ["ARR bridge: opening to closing", "bridge by flows, trailing 12 months", "NRR and GRR by month"],
  Timing: ["Time to a second product"],
  Scenario: ["ARR with and without cross-sell"],
  // its sections carry the charts' titles, so the axis titles (drawn only with the charts) tell them apart
  Validation: ["Share that expanded", "Score decile (1 = top)"],
};
const isChartPage = (page: string): boolean => (CHART_TITLES[tabOf(page)] ?? []).some((t) => page.includes(t));

describe("the demo workbook in print", () => {
  it(`prints in at most ${DEMO_MAX_PAGES} pages, the report tabs only (the input data sheets are hidden)`, () => {
    const perTab = new Map<string, number>();
    for (const p of pages) perTab.set(tabOf(p), (perTab.get(tabOf(p)) ?? 0) + 1);
    console.log(`demo PDF: ${pages.length} pages (${[...perTab].map(([t, n]) => `${t} ${n}`).join(", ")})`);
    expect(pages.length).toBeLessThanOrEqual(DEMO_MAX_PAGES);
    expect([...perTab.keys()].sort()).toEqual(["Adjacency", "Retention", "Scenario", "Scorecard", "Timing", "Validation", "Whitespace"]);
  });

  it("heads every page with its tab's title, the as-of date and the page number", () => {
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toContain("As of 2026-11-01");
      expect(p, `page ${i + 1}`).toMatch(/Page \d+ of \d+/);
    });
  });

  it.each(Object.entries(CHART_TITLES))("prints every %s chart: its title (drawn with the chart) on exactly one of the tab's pages", (tab, titles) => {
    for (const title of titles) {
      const on = pages.filter((p) => tabOf(p) === tab && p.includes(title));
      expect(on, title).toHaveLength(1);
    }
  });

  it.each([
    ["Scorecard", "Account", "Coverage"],
    ["Whitespace", "Account", "(expected ARR)"],
  ])("keeps every %s page one page wide: the repeated header's first and last cells on each", (tab, first, last) => {
    const mine = pages.filter((p) => tabOf(p) === tab && !isChartPage(p));
    expect(mine.length).toBeGreaterThan(0);
    for (const p of mine) {
      expect(p).toContain(first);
      expect(p).toContain(last);
    }
  });

  it.each(["Scorecard", "Whitespace"])("says on every %s page that it prints the top 30 of the demo's 400 accounts", (tab) => {
    const mine = pages.filter((p) => tabOf(p) === tab);
    expect(mine.length).toBeGreaterThan(1);
    for (const p of mine) expect(p).toContain(`${tab} — all 400 accounts charted; the top 30`);
  });

  it("prints the Adjacency tab as its honest matrix, legend and top pairs, none of the raw or count matrices", () => {
    const mine = pages.filter((p) => tabOf(p) === "Adjacency").join("\n");
    expect(mine).toContain("Honest: owned");
    expect(mine).toContain("Top pairs by lift");
    expect(mine).not.toContain("Raw: owned");
    expect(mine).not.toContain("Accounts owning both");
  });

  it("renders the first two printed pages of each tab to PNG", () => {
    const seen = new Map<string, number>();
    pages.forEach((p, i) => {
      const tab = tabOf(p);
      const n = (seen.get(tab) ?? 0) + 1;
      seen.set(tab, n);
      if (n > 2) return;
      const prefix = join(dir, `page-${i + 1}`);
      execFileSync("pdftoppm", ["-png", "-r", "60", "-f", String(i + 1), "-l", String(i + 1), pdf, prefix]);
      const png = readdirSync(dir).find((f) => f.startsWith(`page-${i + 1}-`) && f.endsWith(".png"))!;
      const out = artifact(`print-${tab.toLowerCase()}-${n}.png`);
      renameSync(join(dir, png), out);
      expect(existsSync(out)).toBe(true);
    });
    expect(seen.get("Scorecard")).toBeGreaterThan(1);
  });
});
