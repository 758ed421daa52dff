/**
 * Embedded charts in the fake Sheets services: sheet.newChart() → an EmbeddedChartBuilder that records its type,
 * ranges, headers, options and position; build() → a chart that sheet.insertChart() places on the sheet. Every
 * method's parameters are the real ones from @types/google-apps-script (Parameters<…> of the real builder), and
 * only members the real builder has are offered.
 *
 * No kinder than Sheets: the chart type must be one of Charts.ChartType; setPosition takes 1-based anchors inside
 * the sheet; a chart without ranges cannot be built; a chart built for one sheet cannot be inserted in another;
 * ranges must be on the chart's sheet.
 */
type RealBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type Args<K extends keyof RealBuilder> = RealBuilder[K] extends (...a: infer P) => unknown ? P : never;

/** The members offered here: tsc fails if the real builder lacks one. */
const MEMBERS = ["addRange", "setChartType", "setNumHeaders", "setTransposeRowsAndColumns", "setOption", "setPosition", "build", "getRanges", "getChartType"] as const satisfies readonly (keyof RealBuilder)[];
void MEMBERS;

/** Charts.ChartType as Apps Script names it (@types/google-apps-script's enum). */
export const CHART_TYPES = ["TIMELINE", "AREA", "BAR", "BUBBLE", "CANDLESTICK", "COLUMN", "COMBO", "GAUGE", "GEO", "HISTOGRAM", "RADAR", "LINE", "ORG", "PIE", "SCATTER", "SPARKLINE", "STEPPED_AREA", "TABLE", "TREEMAP", "WATERFALL"] as const satisfies readonly (keyof typeof GoogleAppsScript.Charts.ChartType)[];

export interface FakeSheetsChartRecord {
  type: string;
  /** A1 ranges in the order added. */
  ranges: string[];
  numHeaders: number;
  transpose: boolean;
  options: Record<string, unknown>;
  /** 1-based row and column of the anchor cell, and the offsets in pixels. */
  position: [number, number, number, number];
}

/** What the builder needs of a range and of its sheet (the fake range and sheet have these). */
interface RangeLike {
  getA1Notation(): string;
  getSheet(): { getName(): string };
}
interface SheetLike {
  getName(): string;
  getMaxRows(): number;
  getMaxColumns(): number;
}

export class FakeEmbeddedChart {
  constructor(readonly sheetName: string, readonly record: FakeSheetsChartRecord) {}
  getOptions(): { get(option: string): unknown } {
    return { get: (option: string) => this.record.options[option] ?? null };
  }
}

export class FakeEmbeddedChartBuilder {
  private readonly record: FakeSheetsChartRecord = { type: "", ranges: [], numHeaders: -1, transpose: false, options: {}, position: [1, 1, 0, 0] };
  constructor(private readonly sheet: SheetLike) {}

  setChartType(...[type]: Args<"setChartType">): this {
    if (!(CHART_TYPES as readonly string[]).includes(String(type))) throw new Error(`Exception: Invalid argument: type (${String(type)})`);
    this.record.type = String(type);
    return this;
  }
  getChartType(): string {
    return this.record.type;
  }
  addRange(...[range]: Args<"addRange">): this {
    const r = range as unknown as RangeLike;
    if (r.getSheet().getName() !== this.sheet.getName()) throw new Error("Exception: The range is not on the chart's sheet");
    this.record.ranges.push(r.getA1Notation());
    return this;
  }
  getRanges(): string[] {
    return [...this.record.ranges];
  }
  setNumHeaders(...[headers]: Args<"setNumHeaders">): this {
    if (!Number.isInteger(headers) || headers < 0) throw new Error("Exception: Invalid argument: headers");
    this.record.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(...[transpose]: Args<"setTransposeRowsAndColumns">): this {
    this.record.transpose = transpose;
    return this;
  }
  setOption(...[option, value]: Args<"setOption">): this {
    if (typeof option !== "string" || option === "") throw new Error("Exception: Invalid argument: option");
    this.record.options[option] = JSON.parse(JSON.stringify(value));
    return this;
  }
  setPosition(...[row, col, x, y]: Args<"setPosition">): this {
    for (const n of [row, col, x, y]) if (!Number.isInteger(n)) throw new Error("Exception: Invalid argument: position");
    if (row < 1 || col < 1 || row > this.sheet.getMaxRows() || col > this.sheet.getMaxColumns()) throw new Error(`Exception: Those rows or columns are out of bounds (${row}, ${col}).`);
    this.record.position = [row, col, x, y];
    return this;
  }
  build(): FakeEmbeddedChart {
    if (!this.record.type) throw new Error("Exception: The chart type is not set.");
    if (this.record.ranges.length === 0) throw new Error("Exception: The chart has no data ranges.");
    return new FakeEmbeddedChart(this.sheet.getName(), JSON.parse(JSON.stringify(this.record)) as FakeSheetsChartRecord);
  }
}
