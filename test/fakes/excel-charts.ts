/**
 * Charts in the fake Excel host: worksheet.charts.add, series bound to ranges, axes, legend and position, recorded
 * on the sheet when the queued writes run at sync (as Office.js applies them). Each class implements its surface
 * interface, which tsc checks against @types/office-js, so the fake offers nothing the real API lacks.
 *
 * Strict where Excel is: a series' values and x values must be one row or one column; getItemAt past the series
 * that exist fails at sync with ItemNotFound; properties are write-only here (reading one was never loaded);
 * a chart type outside the surface's list does not compile.
 */
import type { ExcelChart, ExcelChartAxis, ExcelChartSeries, ExcelChartType, ExcelRange } from "../../excel-addin/excel-surface";

export interface FakeSeriesRecord {
  name: string;
  /** "A1:A5" as bound: a range on the chart's own sheet; "Other!A1:A5" on another. */
  values: string | null;
  xValues: string | null;
  fill: string | null;
  fillCleared: boolean;
  line: string | null;
}

export interface FakeAxisRecord {
  numberFormat?: string;
  reversePlotOrder?: boolean;
  position?: string;
  minimum?: number;
  title?: string;
}

export interface FakeChartRecord {
  type: ExcelChartType;
  name?: string;
  title?: string;
  /** "N1" (setPosition's start cell). */
  anchor?: string;
  width?: number;
  height?: number;
  series: FakeSeriesRecord[];
  valueAxis: FakeAxisRecord;
  categoryAxis: FakeAxisRecord;
  legend: { visible?: boolean; position?: string };
}

/** Where a fake range is, resolved when the write runs. */
export interface Located {
  sheet: string;
  a1: string;
  rows: number;
  cols: number;
}

export interface ChartHost {
  /** Queues a write of about `bytes` that runs at sync. */
  write(bytes: number, run: () => void): void;
  locate(range: ExcelRange): Located;
  /** The charts list of the sheet the collection belongs to (resolved at sync). */
  charts(): FakeChartRecord[];
  /** That sheet's name. */
  sheetName(): string;
}

function fakeError(code: string, message: string): Error & { code: string } {
  const e = new Error(message) as Error & { code: string };
  e.name = "RichApi.Error";
  e.code = code;
  return e;
}
const invalid = (): Error => fakeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
const notLoaded = (prop: string): Error =>
  fakeError("PropertyNotLoaded", `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);

const qualified = (l: Located): string => `${/^[A-Za-z_][A-Za-z0-9_.]*$/.test(l.sheet) ? l.sheet : `'${l.sheet.replace(/'/g, "''")}'`}!${l.a1}`;

/** A one-row or one-column range, as a series' values must be. */
function line(host: ChartHost, range: ExcelRange): string {
  const l = host.locate(range);
  if (l.rows !== 1 && l.cols !== 1) throw invalid();
  return ref(host, l);
}

const ref = (host: ChartHost, l: Located): string => (l.sheet === host.sheetName() ? l.a1 : qualified(l));

class FakeChartSeries implements ExcelChartSeries {
  readonly format: ExcelChartSeries["format"];
  constructor(private readonly host: ChartHost, private readonly series: () => FakeSeriesRecord) {
    const set = (fn: (s: FakeSeriesRecord) => void): void => host.write(32, () => fn(this.series()));
    this.format = {
      fill: { setSolidColor: (color: string) => set((s) => void (s.fill = color)), clear: () => set((s) => void (s.fillCleared = true)) },
      line: {
        set color(v: string) {
          set((s) => void (s.line = v));
        },
        get color(): string {
          throw notLoaded("color");
        },
      },
    };
  }
  set name(v: string) {
    this.host.write(v.length + 16, () => void (this.series().name = v));
  }
  get name(): string {
    throw notLoaded("name");
  }
  setValues(sourceData: ExcelRange): void {
    this.host.write(64, () => void (this.series().values = line(this.host, sourceData)));
  }
  setXAxisValues(sourceData: ExcelRange): void {
    this.host.write(64, () => void (this.series().xValues = line(this.host, sourceData)));
  }
}

function axis(host: ChartHost, record: () => FakeAxisRecord): ExcelChartAxis {
  const set = (fn: (a: FakeAxisRecord) => void): void => host.write(32, () => fn(record()));
  return {
    set numberFormat(v: string) {
      set((a) => void (a.numberFormat = v));
    },
    get numberFormat(): string {
      throw notLoaded("numberFormat");
    },
    set reversePlotOrder(v: boolean) {
      set((a) => void (a.reversePlotOrder = v));
    },
    get reversePlotOrder(): boolean {
      throw notLoaded("reversePlotOrder");
    },
    set minimum(v: number) {
      if (!Number.isFinite(v)) throw invalid();
      set((a) => void (a.minimum = v));
    },
    get minimum(): number {
      throw notLoaded("minimum");
    },
    set position(v: ExcelChartAxis["position"]) {
      set((a) => void (a.position = v));
    },
    get position(): ExcelChartAxis["position"] {
      throw notLoaded("position");
    },
    title: {
      set text(v: string) {
        set((a) => void (a.title = v));
      },
      get text(): string {
        throw notLoaded("text");
      },
    },
  };
}

class FakeChart implements ExcelChart {
  readonly title: ExcelChart["title"];
  readonly series: ExcelChart["series"];
  readonly axes: ExcelChart["axes"];
  readonly legend: ExcelChart["legend"];
  constructor(private readonly host: ChartHost, private readonly record: () => FakeChartRecord) {
    const set = (fn: (c: FakeChartRecord) => void): void => host.write(32, () => fn(this.record()));
    this.title = {
      set text(v: string) {
        set((c) => void (c.title = v));
      },
      get text(): string {
        throw notLoaded("text");
      },
    };
    const at = (index: number) => (): FakeSeriesRecord => {
      const s = this.record().series[index];
      if (!s) throw fakeError("ItemNotFound", "The requested resource doesn't exist.");
      return s;
    };
    this.series = {
      getItemAt: (index: number) => new FakeChartSeries(host, at(index)),
      add: (name?: string, index?: number) => {
        let added: FakeSeriesRecord | null = null;
        host.write(32, () => {
          added = { name: name ?? `Series${this.record().series.length + 1}`, values: null, xValues: null, fill: null, fillCleared: false, line: null };
          const list = this.record().series;
          list.splice(index ?? list.length, 0, added);
        });
        return new FakeChartSeries(host, () => {
          if (!added) throw fakeError("ItemNotFound", "The requested resource doesn't exist.");
          return added;
        });
      },
    };
    this.axes = { valueAxis: axis(host, () => this.record().valueAxis), categoryAxis: axis(host, () => this.record().categoryAxis) };
    this.legend = {
      set visible(v: boolean) {
        set((c) => void (c.legend.visible = v));
      },
      get visible(): boolean {
        throw notLoaded("visible");
      },
      set position(v: ExcelChart["legend"]["position"]) {
        set((c) => void (c.legend.position = v));
      },
      get position(): ExcelChart["legend"]["position"] {
        throw notLoaded("position");
      },
    };
  }
  set name(v: string) {
    this.host.write(v.length + 16, () => void (this.record().name = v));
  }
  get name(): string {
    throw notLoaded("name");
  }
  set width(v: number) {
    this.host.write(16, () => void (this.record().width = v));
  }
  get width(): number {
    throw notLoaded("width");
  }
  set height(v: number) {
    this.host.write(16, () => void (this.record().height = v));
  }
  get height(): number {
    throw notLoaded("height");
  }
  setPosition(startCell: ExcelRange | string, endCell?: ExcelRange | string): void {
    if (endCell !== undefined) throw new Error("fake: setPosition with an end cell is not modelled");
    this.host.write(32, () => {
      const cell = typeof startCell === "string" ? startCell : this.host.locate(startCell).a1;
      if (!/^[A-Z]+\d+$/.test(cell)) throw invalid();
      this.record().anchor = cell;
    });
  }
}

/** worksheet.charts: add() creates the chart with one series per column (or row) of the source, as Excel does. */
export class FakeChartCollection {
  constructor(private readonly host: ChartHost) {}
  add(type: ExcelChartType, sourceData: ExcelRange, seriesBy: "Auto" | "Columns" | "Rows" = "Auto"): ExcelChart {
    let record: FakeChartRecord | null = null;
    this.host.write(64, () => {
      const l = this.host.locate(sourceData);
      const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && l.cols > l.rows);
      const n = byRows ? l.rows : l.cols;
      record = { type, series: [], valueAxis: {}, categoryAxis: {}, legend: {} };
      for (let i = 0; i < n; i++) record.series.push({ name: `Series${i + 1}`, values: `${ref(this.host, l)}#${byRows ? "row" : "column"}${i + 1}`, xValues: null, fill: null, fillCleared: false, line: null });
      this.host.charts().push(record);
    });
    return new FakeChart(this.host, () => {
      if (!record) throw fakeError("ItemNotFound", "The requested resource doesn't exist.");
      return record;
    });
  }
}
