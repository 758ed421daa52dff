/**
 * The demo workbook's charts as LibreOffice imports them: the .xlsx is converted to .ods and the converted
 * document's chart objects are read (chart class, title, the cell ranges each series is bound to, error-bar
 * ranges, and the values LibreOffice computed into the chart), not the DrawingML XSELL wrote. Each chart is then
 * rendered to its own PNG under test/artifacts/ through LibreOffice's UNO API (test/e2e/export-charts.py).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { writeReport } from "../../cli/commands/report";
import { EXAMPLES_DIR, DEMO_AS_OF } from "../../cli/commands/demo";
import { type ChartSpec, type SheetSpec } from "../../core/tabs/spec";
import { ARTIFACTS } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "xsell-charts-"));
const demo = join(dir, "xsell-demo.xlsx");
let specs: Map<string, SheetSpec>;

/** A chart as LibreOffice holds it after import. */
interface ImportedChart {
  klass: string;
  horizontal: boolean;
  title: string;
  categories: string;
  series: { name: string; values: string; label: string; domain: string; errorUpper: string; errorLower: string }[];
  /** The chart's own data table (column-oriented charts): rows of [category, ...values]. */
  table: { rows: (string | number)[][] };
}
const imported = new Map<string, ImportedChart[]>();

function soffice(args: string[]): void {
  execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${join(dir, "profile")}`, ...args], { cwd: dir, stdio: "pipe", timeout: 180_000 });
}

const els = (e: Element | Document, tag: string): Element[] => Array.from(e.getElementsByTagName(tag) as unknown as ArrayLike<Element>);
const text = (e: Element): string => (e.textContent ?? "").trim();

/** Reads every chart object of the converted .ods, by sheet. */
async function readOds(path: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const parse = async (p: string): Promise<Document> => new DOMParser().parseFromString(await zip.file(p)!.async("string"), "text/xml") as unknown as Document;
  const content = await parse("content.xml");
  for (const table of els(content, "table:table")) {
    const name = table.getAttribute("table:name")!;
    const charts: ImportedChart[] = [];
    for (const obj of els(table, "draw:object")) {
      const href = obj.getAttribute("xlink:href")!.replace(/^\.\//, "");
      const doc = await parse(`${href}/content.xml`);
      const chart = els(doc, "chart:chart")[0];
      const styles = new Map(els(doc, "style:style").map((s) => [s.getAttribute("style:name")!, els(s, "style:chart-properties")[0]]));
      const plot = els(doc, "chart:plot-area")[0];
      const local = els(doc, "table:table").find((t) => t.getAttribute("table:name") === "local-table")!;
      const rows = els(local, "table:table-row").map((r) =>
        els(r, "table:table-cell").map((c) => (c.getAttribute("office:value-type") === "float" ? Number(c.getAttribute("office:value")) : text(els(c, "text:p")[0] ?? c))),
      );
      // the chart's data table names each series in a cell that records where its label came from
      const labelAt = new Map(els(local, "table:table-cell").flatMap((c) => els(c, "svg:desc").map((d) => [text(d), text(els(c, "text:p")[0] ?? c)] as const)));
      charts.push({
        klass: chart.getAttribute("chart:class")!,
        horizontal: styles.get(plot.getAttribute("chart:style-name")!)?.getAttribute("chart:vertical") === "true",
        title: text(els(els(chart, "chart:title")[0], "text:p")[0]),
        categories: els(doc, "chart:categories")[0]?.getAttribute("table:cell-range-address") ?? "",
        series: els(doc, "chart:series").map((s) => {
          const props = styles.get(s.getAttribute("chart:style-name")!);
          return {
            name: labelAt.get(s.getAttribute("chart:label-cell-address")!) ?? "",
            values: s.getAttribute("chart:values-cell-range-address")!,
            label: s.getAttribute("chart:label-cell-address")!,
            domain: els(s, "chart:domain")[0]?.getAttribute("table:cell-range-address") ?? "",
            errorUpper: props?.getAttribute("chart:error-upper-range") ?? "",
            errorLower: props?.getAttribute("chart:error-lower-range") ?? "",
          };
        }),
        table: { rows: rows.slice(1) },
      });
    }
    if (charts.length > 0) imported.set(name, charts);
  }
}

/** "B2:B10" on sheet "Scorecard" as LibreOffice writes it: "Scorecard.B2:Scorecard.B10". */
function odfRange(sheet: string, range: string): string {
  const [a, b] = range.split(":");
  return `${sheet}.${a}:${sheet}.${b ?? a}`;
}

beforeAll(async () => {
  const ex = (f: string): string => join(EXAMPLES_DIR, f);
  const res = await writeReport({ accounts: ex("accounts.csv"), ownership: ex("ownership.csv"), retention: ex("retention.csv"), prices: ex("prices.csv"), subscriptions: ex("subscriptions.csv"), outcomes: ex("outcomes.csv"), asOf: DEMO_AS_OF, out: demo, force: true });
  specs = new Map(res.tabs.map((t) => [t.sheet, t.spec!]));
  soffice(["--convert-to", "ods", "--outdir", join(dir, "ods"), demo]);
  await readOds(join(dir, "ods", "xsell-demo.ods"));
}, 240_000);

/** What each tab must show, written out here rather than read from the specs: title, class, series labels. */
const EXPECTED: Record<string, { title: string; klass: string; horizontal?: boolean; series: string[] }[]> = {
  Scorecard: [
    { title: "Accounts per band", klass: "chart:bar", series: ["Accounts"] },
    { title: "Score distribution", klass: "chart:bar", series: ["Accounts"] },
  ],
  Whitespace: [
    { title: "Whitespace by product (expected ARR)", klass: "chart:bar", horizontal: true, series: ["Total"] },
    { title: "Top 10 accounts by whitespace (expected ARR)", klass: "chart:bar", horizontal: true, series: ["Total whitespace (expected ARR)"] },
  ],
  Adjacency: [{ title: "Top product pairs by lift, with 95% intervals", klass: "chart:bar", horizontal: true, series: ["Lift"] }],
  Retention: [
    { title: "ARR bridge: opening to closing", klass: "chart:bar", series: ["Base", "Total", "Increase", "Decrease"] },
    { title: "MRR bridge by flows, trailing 12 months", klass: "chart:bar", series: ["Base", "Total", "Increase", "Decrease"] },
    { title: "NRR and GRR by month (flows)", klass: "chart:line", series: ["NRR", "GRR"] },
  ],
  Scenario: [{ title: "ARR with and without cross-sell", klass: "chart:line", series: ["ARR with cross-sell", "ARR without cross-sell"] }],
  Timing: [{ title: "Time to a second product", klass: "chart:scatter", series: ["Share bought", "Share 95% low", "Share 95% high"] }],
  Validation: [
    { title: "Conversion by band", klass: "chart:bar", series: ["Conversion"] },
    { title: "Lift by score decile", klass: "chart:bar", series: ["Lift"] },
  ],
};

describe("the demo's charts after LibreOffice imports them", () => {
  it("every tab with charts has them, and no chart was lost", () => {
    expect([...imported.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [sheet, spec] of specs) expect(imported.get(sheet)?.length ?? 0, sheet).toBe(spec.charts.length);
  });

  it.each(Object.keys(EXPECTED))("%s: each chart's type, title and series labels, bound to the ranges the spec names", (sheet) => {
    const spec = specs.get(sheet)!;
    const charts = imported.get(sheet)!;
    EXPECTED[sheet].forEach((want, k) => {
      const got = charts[k];
      const c: ChartSpec = spec.charts[k];
      expect(got.title).toBe(want.title);
      expect(got.klass).toBe(want.klass);
      expect(got.horizontal, want.title).toBe(want.horizontal ?? false);
      expect(got.series.map((s) => s.name)).toEqual(want.series);
      expect(got.series.map((s) => s.values)).toEqual(c.series.map((s) => odfRange(sheet, s.values)));
      expect(got.series.map((s) => s.label)).toEqual(c.series.map((s) => odfRange(sheet, s.name)));
      if (c.kind === "scatter") expect(got.series[0].domain).toBe(odfRange(sheet, c.categories));
      else expect(got.categories).toBe(odfRange(sheet, c.categories));
    });
  });

  it("the lift bars carry their intervals as error bars bound to the Below/Above cells", () => {
    const [lift] = imported.get("Adjacency")!;
    const [s] = specs.get("Adjacency")!.charts[0].series;
    expect(lift.series[0].errorUpper).toBe(odfRange("Adjacency", s.errorBars!.plus));
    expect(lift.series[0].errorLower).toBe(odfRange("Adjacency", s.errorBars!.minus));
    // the bars are ordered by lift, highest first
    const lifts = lift.table.rows.map((r) => r[1] as number);
    expect(lifts).toEqual([...lifts].sort((a, b) => b - a));
  });

  it("the Scorecard's helper counts, as LibreOffice computed them into the charts, count the Score and Band columns", () => {
    const spec = specs.get("Scorecard")!;
    const rows = spec.blocks[0].cells.slice(1);
    const head = spec.blocks[0].cells[0];
    const bands = rows.map((r) => r[head.indexOf("Band")] as string);
    const scores = rows.map((r) => r[head.indexOf("Score")] as number);
    const [perBand, histogram] = imported.get("Scorecard")!;
    expect(perBand.table.rows).toEqual(["High", "Qualified", "Nurture", "Low"].map((b) => [b, bands.filter((x) => x === b).length]));
    expect(histogram.table.rows.map((r) => r[1])).toEqual(Array.from({ length: 10 }, (_, i) => scores.filter((s) => s >= i * 10 && (i === 9 ? s <= 100 : s < i * 10 + 10)).length));
    expect(histogram.table.rows.reduce((s, r) => s + (r[1] as number), 0)).toBe(rows.length);
  });

  it("the ARR bridge walks from opening to closing: base + bar of each step meets the next step's level", () => {
    const [bridge] = imported.get("Retention")!;
    expect(bridge.table.rows.map((r) => r[0])).toEqual(["Opening ARR", "New", "Cross-sell", "Upsell", "Contraction", "Churn", "Closing ARR"]);
    const summary = new Map(specs.get("Retention")!.blocks[0].cells.map((r) => [String(r[0]), r[1] as number]));
    const [open, , , , , , close] = bridge.table.rows;
    expect(open[2]).toBe(summary.get("Starting ARR (cohort: ARR > 0 at start)"));
    expect(close[2]).toBe(summary.get("Ending ARR (total)"));
    let level = open[2] as number;
    for (const [label, base, total, up, down] of bridge.table.rows.slice(1, -1) as [string, number, number, number, number][]) {
      expect(total, label).toBe(0);
      if (up > 0) expect(base, label).toBeCloseTo(level, 6);
      level += up - down;
      if (down > 0) expect(base, label).toBeCloseTo(level, 6);
    }
    expect(level).toBeCloseTo(close[2] as number, 6);
  });

  it("renders every chart to its own PNG under test/artifacts/", () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const out = execFileSync("/usr/bin/python3", [join(__dirname, "export-charts.py"), demo, ARTIFACTS, join(dir, "uno-profile")], { encoding: "utf8", timeout: 180_000 });
    const pngs = out.trim().split("\n").map((l) => l.split("\t"));
    expect(pngs.length).toBe([...specs.values()].reduce((n, s) => n + s.charts.length, 0));
    for (const [sheet, , path] of pngs) {
      expect(existsSync(path), sheet).toBe(true);
      const png = readFileSync(path);
      // the IHDR says how big the picture is: about the chart's size in pixels
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      const chart = specs.get(sheet)!.charts[0];
      expect(Math.abs(w - chart.width)).toBeLessThan(20);
      expect(Math.abs(h - chart.height)).toBeLessThan(20);
    }
  }, 240_000);
});
