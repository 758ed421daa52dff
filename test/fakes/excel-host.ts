/**
 * An in-memory fake of the part of the Excel JavaScript API that XSELL uses (the surface in
 * excel-addin/excel-surface.ts, which tsc checks against @types/office-js; every fake class below `implements`
 * its interface, so the fake cannot grow a member or a parameter type Office.js lacks).
 *
 * Strict where Office.js is strict:
 *  - every scalar property (a range's rowIndex/values/…, a worksheet's name, a collection's items, a function
 *    result's value) throws Office's "PropertyNotLoaded" error until it was loaded *and* context.sync() ran,
 *    as office-addin-mock does; loading a property the object does not have throws "PropertyNotFound";
 *  - work is queued until sync() and runs in order; a request or a response over 5 MB of UTF-8 JSON is rejected
 *    (Excel on the web's limit) with Office's RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded;
 *  - used ranges start wherever the data starts (a table at C5 has a used range starting at C5), and the used
 *    range of an empty sheet is A1, as Office.js documents;
 *  - a string starting with "=" becomes a formula unless the cell is formatted as Text;
 *  - `workbook.functions.date()` answers in the workbook's date system (1900 or 1904).
 * No Node APIs: the same code runs in vitest and, bundled, as office.js in headless Chromium.
 */
import { jsonBytes, WEB_PAYLOAD_LIMIT_BYTES } from "../../excel-addin/bytes";
import { FakeChartCollection, type FakeChartRecord } from "./excel-charts";
import type { ExcelConditionalFormat, ExcelContext, ExcelFunctionResult, ExcelPageLayout, ExcelRange, ExcelRangeFormat, ExcelWorksheet, ExcelWorksheetCollection } from "../../excel-addin/excel-surface";

export const REQUEST_LIMIT_BYTES = WEB_PAYLOAD_LIMIT_BYTES;

export type FakeValue = string | number | boolean;

const ERROR_TEXT = /^#(N\/A|REF!|VALUE!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BUSY!|CONNECT!|BLOCKED!|UNKNOWN!)$/;

export class FakeSheet {
  values: FakeValue[][] = [];
  formulas = new Map<string, string>();
  numberFormats: (string | undefined)[][] = [];
  formats: { range: string; prop: string; value: unknown }[] = [];
  conditionalFormats: { range: string; type: string; props: Record<string, unknown> }[] = [];
  columnWidths = new Map<number, number>();
  freeze: { rows: number; cols: number } | null = null;
  autoFilter: string | null = null;
  notes: { cell: string; text: string }[] = [];
  /** Row heights in points set through format.rowHeight, by 0-based row. */
  rowHeights = new Map<number, number>();
  /** The page layout as set (orientation, zoom, print area, title rows, gridlines, header and footer). */
  print: FakePrint = {};
  charts: FakeChartRecord[] = [];
  constructor(public name: string) {}

  /** Rows of the grid, counted from row 1 (not the used range). */
  get rowCount(): number {
    return this.values.length;
  }
  get columnCount(): number {
    return this.values.reduce((m, r) => Math.max(m, r.length), 0);
  }
  cell(r: number, c: number): FakeValue {
    return this.values[r]?.[c] ?? "";
  }
  formula(r: number, c: number): string | undefined {
    return this.formulas.get(`${r},${c}`);
  }
  numberFormat(r: number, c: number): string {
    return this.numberFormats[r]?.[c] ?? "General";
  }
  setCell(r: number, c: number, v: FakeValue, asFormula: boolean): void {
    while (this.values.length <= r) this.values.push([]);
    const row = this.values[r];
    while (row.length < c) row.push("");
    const key = `${r},${c}`;
    if (asFormula && typeof v === "string" && v.startsWith("=") && this.numberFormat(r, c) !== "@") {
      this.formulas.set(key, v);
      row[c] = "";
    } else {
      if (this.formulas.size > 0) this.formulas.delete(key);
      row[c] = v;
    }
  }
  /** The smallest rectangle holding every non-empty cell (values or formulas); A1 when the sheet is empty. */
  usedRange(): { row: number; col: number; rows: number; cols: number } {
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    const take = (r: number, c: number) => {
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    };
    this.values.forEach((row, r) => {
      for (let c = 0; c < row.length; c++) if (row[c] !== "") take(r, c);
    });
    for (const key of this.formulas.keys()) {
      const [r, c] = key.split(",").map(Number);
      take(r, c);
    }
    if (r1 < 0) return { row: 0, col: 0, rows: 1, cols: 1 };
    return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
  /** Everything about the sheet, for "byte-identical afterwards" checks. */
  serialize(): string {
    return JSON.stringify({ name: this.name, values: this.values, formulas: [...this.formulas], numberFormats: this.numberFormats, formats: this.formats, conditionalFormats: this.conditionalFormats, widths: [...this.columnWidths], freeze: this.freeze, autoFilter: this.autoFilter, notes: this.notes, rowHeights: [...this.rowHeights], print: this.print, charts: this.charts });
  }
}

export interface FakePrint {
  orientation?: string;
  zoom?: Excel.PageLayoutZoomOptions;
  printGridlines?: boolean;
  centerHorizontally?: boolean;
  printArea?: string;
  printTitleRows?: string;
  leftHeader?: string;
  rightHeader?: string;
  centerFooter?: string;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  activeSheet = 0;
  selection: { sheet: string; row: number; col: number; rows: number; cols: number } | null = null;
  /** Excel's "Use 1904 date system" workbook option. */
  date1904 = false;
  /** The system culture Excel reports (cultureInfo): en-US unless a test says otherwise. */
  culture = { decimalSeparator: ".", shortDatePattern: "M/d/yyyy" };
  syncs = 0;
  largestRequestBytes = 0;
  largestResponseBytes = 0;
  rejectedRequests = 0;
  /** Every accepted request's size, in order. */
  requestSizes: number[] = [];
  /** Every accepted response's size, in order. */
  responseSizes: number[] = [];

  /** Adds a sheet; `at` places the first value elsewhere than A1 (0-based row and column). */
  addSheet(name: string, values: FakeValue[][] = [], at: { row: number; col: number } = { row: 0, col: 0 }): FakeSheet {
    const s = new FakeSheet(name);
    values.forEach((row, r) => row.forEach((v, c) => s.setCell(at.row + r, at.col + c, v, true)));
    this.sheets.push(s);
    return s;
  }
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw fakeError("ItemNotFound", "The requested resource doesn't exist.");
    return s;
  }
}

function fakeError(code: string, message: string): Error & { code: string } {
  const e = new Error(message) as Error & { code: string };
  e.name = "RichApi.Error";
  e.code = code;
  return e;
}

/** Office.js's own wording (excel-*.js, Strings.propertyNotLoaded). */
function notLoaded(prop: string): Error & { code: string } {
  return fakeError("PropertyNotLoaded", `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
}

function colIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}
function colLetter(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

/** "B2:D10", "$B$2", "B:B" (whole columns), "3:5" (whole rows). */
function parseAddress(a1: string): { row: number; col: number; rows: number; cols: number } {
  const a = a1.replace(/\$/g, "").toUpperCase();
  const col = /^([A-Z]+):([A-Z]+)$/.exec(a);
  if (col) return { row: 0, col: colIndex(col[1]), rows: MAX_ROWS, cols: colIndex(col[2]) - colIndex(col[1]) + 1 };
  const rows = /^(\d+):(\d+)$/.exec(a);
  if (rows) return { row: Number(rows[1]) - 1, col: 0, rows: Number(rows[2]) - Number(rows[1]) + 1, cols: MAX_COLS };
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a);
  if (!m) throw fakeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
  const r1 = Number(m[2]) - 1;
  const c1 = colIndex(m[1]);
  return { row: r1, col: c1, rows: (m[4] ? Number(m[4]) - 1 : r1) - r1 + 1, cols: (m[3] ? colIndex(m[3]) : c1) - c1 + 1 };
}

function a1Of(row: number, col: number, rows: number, cols: number): string {
  const start = `${colLetter(col)}${row + 1}`;
  const end = `${colLetter(col + cols - 1)}${row + rows}`;
  return start === end ? start : `${start}:${end}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** One queued piece of work: a write (request bytes) or a load (response bytes, returned when it runs). */
type Action = { kind: "write"; bytes: number; run: () => void } | { kind: "load"; run: () => number };

class FakeContext implements ExcelContext {
  private actions: Action[] = [];
  readonly workbook: FakeWorkbookProxy;
  readonly application: { readonly cultureInfo: { numberFormat: FakeCultureProps; datetimeFormat: FakeCultureProps } };
  constructor(readonly model: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
    this.application = {
      cultureInfo: {
        numberFormat: new FakeCultureProps(this, () => ({ numberDecimalSeparator: model.culture.decimalSeparator })),
        datetimeFormat: new FakeCultureProps(this, () => ({ shortDatePattern: model.culture.shortDatePattern })),
      },
    };
  }
  write(bytes: number, run: () => void): void {
    this.actions.push({ kind: "write", bytes: bytes + 64, run });
  }
  load(run: () => number): void {
    this.actions.push({ kind: "load", run });
  }
  async sync(): Promise<void> {
    const actions = this.actions;
    this.actions = [];
    const requestBytes = actions.reduce((s, a) => s + (a.kind === "write" ? a.bytes : 48), 0);
    if (requestBytes > REQUEST_LIMIT_BYTES) {
      this.model.rejectedRequests++;
      throw fakeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${requestBytes} bytes > ${REQUEST_LIMIT_BYTES}).`);
    }
    let responseBytes = 0;
    for (const a of actions) {
      if (a.kind === "write") a.run();
      else responseBytes += a.run();
    }
    if (responseBytes > REQUEST_LIMIT_BYTES) {
      this.model.rejectedRequests++;
      throw fakeError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${responseBytes} bytes > ${REQUEST_LIMIT_BYTES}).`);
    }
    this.model.syncs++;
    this.model.requestSizes.push(requestBytes);
    this.model.responseSizes.push(responseBytes);
    this.model.largestRequestBytes = Math.max(this.model.largestRequestBytes, requestBytes);
    this.model.largestResponseBytes = Math.max(this.model.largestResponseBytes, responseBytes);
  }
}

/**
 * A client object's loadable scalar properties: `load()` queues a read that runs at sync time; reading a
 * property before that throws PropertyNotLoaded.
 */
abstract class FakeClientObject {
  private readonly loaded = new Map<string, unknown>();
  protected abstract readonly scalarProps: readonly string[];
  constructor(protected readonly ctx: FakeContext) {}
  /** The property's current value in the model, at sync time. */
  protected abstract fetch(prop: string): unknown;

  protected queueLoad(props?: string | string[]): void {
    const wanted = (Array.isArray(props) ? props : String(props ?? "").split(","))
      .map((p) => p.trim())
      .filter(Boolean);
    const list = wanted.length === 0 ? this.scalarProps : wanted;
    for (const p of list) if (!this.scalarProps.includes(p)) throw fakeError("PropertyNotFound", `The property '${p}' does not exist on this object.`);
    this.ctx.load(() => {
      let bytes = 0;
      for (const p of list) {
        const v = this.fetch(p);
        this.loaded.set(p, v);
        bytes += jsonBytes(v) + p.length + 4;
      }
      return bytes;
    });
  }
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as T;
  }
  /** Marks a property as loaded with a value (a collection loading "items/name" fills its items this way). */
  setLoaded(prop: string, v: unknown): void {
    this.loaded.set(prop, v);
  }
}

/** Culture info (number and date formats): loaded like any client object, read from the model's culture. */
class FakeCultureProps extends FakeClientObject {
  protected readonly scalarProps = ["numberDecimalSeparator", "shortDatePattern"] as const;
  constructor(ctx: FakeContext, private readonly values: () => Record<string, string>) {
    super(ctx);
  }
  protected fetch(prop: string): unknown {
    return this.values()[prop];
  }
  load(propertyNames?: string | string[]): this {
    this.queueLoad(propertyNames);
    return this;
  }
  get numberDecimalSeparator(): string {
    return this.read("numberDecimalSeparator");
  }
  get shortDatePattern(): string {
    return this.read("shortDatePattern");
  }
}

class FakeFunctionResult extends FakeClientObject implements ExcelFunctionResult<number> {
  protected readonly scalarProps = ["value", "error"] as const;
  constructor(ctx: FakeContext, private readonly compute: () => number) {
    super(ctx);
  }
  protected fetch(prop: string): unknown {
    return prop === "value" ? this.compute() : null;
  }
  load(propertyNames?: string | string[]): this {
    this.queueLoad(propertyNames);
    return this;
  }
  get value(): number {
    return this.read("value");
  }
  get error(): string {
    return this.read("error");
  }
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly functions: { date(year: number, month: number, day: number): FakeFunctionResult };
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.functions = {
      date: (year: number, month: number, day: number) =>
        new FakeFunctionResult(ctx, () => {
          // DATE() in the workbook's date system: days since 1899-12-30 (1900 system, from March 1900 on) or since 1904-01-01
          const days = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000);
          return ctx.model.date1904 ? days - 1462 : days;
        }),
    };
  }
  getSelectedRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const m = this.ctx.model;
      const sel = m.selection;
      if (!sel) return { sheet: m.sheets[m.activeSheet], row: 0, col: 0, rows: 1, cols: 1 };
      return { sheet: m.sheet(sel.sheet), row: sel.row, col: sel.col, rows: sel.rows, cols: sel.cols };
    });
  }
}

class FakeWorksheetCollection extends FakeClientObject implements ExcelWorksheetCollection {
  protected readonly scalarProps = ["items"] as const;
  constructor(ctx: FakeContext) {
    super(ctx);
  }
  protected fetch(): unknown {
    return null;
  }
  /** Supports "items" (every scalar property of every sheet) and "items/name". */
  load(propertyNames?: string | string[]): this {
    const wanted = (Array.isArray(propertyNames) ? propertyNames : String(propertyNames ?? "").split(",")).map((p) => p.trim()).filter(Boolean);
    for (const p of wanted) if (!/^items(\/(name|position))?$/.test(p)) throw fakeError("PropertyNotFound", `The property '${p}' does not exist on this object.`);
    this.ctx.load(() => {
      const items = this.ctx.model.sheets.map((s, i) => {
        const ws = new FakeWorksheet(this.ctx, s.name);
        ws.setLoaded("name", s.name);
        ws.setLoaded("position", i);
        return ws;
      });
      this.setLoaded("items", items);
      return jsonBytes(items.map((w) => ({ name: w.name })));
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    return this.read("items");
  }
  add(name = "Sheet"): FakeWorksheet {
    this.ctx.write(jsonBytes(name), () => {
      if (this.ctx.model.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw fakeError("ItemAlreadyExists", "The resource already exists.");
      if (name.length > 31 || /[:\\/?*[\]]/.test(name)) throw fakeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
      this.ctx.model.addSheet(name);
    });
    return new FakeWorksheet(this.ctx, name);
  }
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, key);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.sheets[this.ctx.model.activeSheet].name);
  }
}

class FakeWorksheet extends FakeClientObject implements ExcelWorksheet {
  protected readonly scalarProps = ["name", "position"] as const;
  readonly freezePanes;
  readonly autoFilter;
  readonly notes;
  readonly pageLayout: FakePageLayout;
  readonly charts: FakeChartCollection;
  private readonly key: () => string;
  constructor(ctx: FakeContext, key: string | (() => string)) {
    super(ctx);
    this.key = typeof key === "string" ? () => key : key;
    const sheet = () => this.model();
    this.freezePanes = {
      freezeRows: (n = 1) => ctx.write(8, () => void (sheet().freeze = { rows: n, cols: 0 })),
      freezeColumns: (n = 1) => ctx.write(8, () => void (sheet().freeze = { rows: 0, cols: n })),
      freezeAt: (address: string) =>
        ctx.write(jsonBytes(address), () => {
          const r = parseAddress(address);
          sheet().freeze = { rows: r.row + r.rows, cols: r.col + r.cols };
        }),
    };
    this.autoFilter = { apply: (address: string) => ctx.write(jsonBytes(address), () => void (sheet().autoFilter = a1Of(parseAddress(address).row, parseAddress(address).col, parseAddress(address).rows, parseAddress(address).cols))) };
    this.notes = { add: (cell: string, text: string) => ctx.write(jsonBytes([cell, text]), () => void sheet().notes.push({ cell, text })) };
    this.pageLayout = new FakePageLayout(ctx, sheet);
    this.charts = new FakeChartCollection({ write: (bytes, run) => ctx.write(bytes, run), locate: (range) => (range as FakeRange).located(), charts: () => sheet().charts, sheetName: () => sheet().name });
  }
  /** The sheet in the model (ItemNotFound when it does not exist, at sync time as in Office.js). */
  model(): FakeSheet {
    return this.ctx.model.sheet(this.key());
  }
  protected fetch(prop: string): unknown {
    const s = this.model();
    return prop === "name" ? s.name : this.ctx.model.sheets.indexOf(s);
  }
  load(propertyNames?: string | string[]): this {
    this.queueLoad(propertyNames);
    return this;
  }
  get name(): string {
    return this.read("name");
  }
  activate(): void {
    this.ctx.write(8, () => {
      this.ctx.model.activeSheet = this.ctx.model.sheets.indexOf(this.model());
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    if (row < 0 || col < 0 || rows < 1 || cols < 1 || row + rows > MAX_ROWS || col + cols > MAX_COLS) throw fakeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
    return new FakeRange(this.ctx, () => ({ sheet: this.model(), row, col, rows, cols }));
  }
  getRange(address = ""): FakeRange {
    const a = parseAddress(address);
    return new FakeRange(this.ctx, () => ({ sheet: this.model(), ...a }));
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    void valuesOnly;
    return new FakeRange(this.ctx, () => {
      const s = this.model();
      return { sheet: s, ...s.usedRange() };
    });
  }
}

type Where = { sheet: FakeSheet; row: number; col: number; rows: number; cols: number };

const invalid = (): Error => fakeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
/** Excel's limit for each header and footer section (OOXML's 255 characters). */
const HEADER_MAX = 255;

/**
 * Worksheet.pageLayout (ExcelApi 1.9): write-only here, as strict as Excel on what it accepts — orientation only
 * "Portrait"/"Landscape"; zoom either a scale of 10–400 or whole fit-to-pages counts (not both); a print area of A1
 * ranges (comma-separated for several); title rows only as whole rows ("$1:$2"), as the API requires.
 */
class FakePageLayout implements ExcelPageLayout {
  readonly headersFooters: ExcelPageLayout["headersFooters"];
  constructor(private readonly ctx: FakeContext, private readonly sheet: () => FakeSheet) {
    const section = (prop: "leftHeader" | "rightHeader" | "centerFooter") => ({
      set: (v: string) => {
        if (typeof v !== "string" || v.length > HEADER_MAX) throw invalid();
        this.set(prop, v);
      },
      get: (): string => {
        throw notLoaded(prop);
      },
    });
    const page = {};
    for (const prop of ["leftHeader", "rightHeader", "centerFooter"] as const) Object.defineProperty(page, prop, { ...section(prop), enumerable: true });
    this.headersFooters = { defaultForAllPages: page as ExcelPageLayout["headersFooters"]["defaultForAllPages"] };
  }
  private set<K extends keyof FakePrint>(prop: K, v: FakePrint[K]): void {
    this.ctx.write(jsonBytes(v ?? null), () => void (this.sheet().print[prop] = v));
  }
  set orientation(v: Excel.PageOrientation | "Portrait" | "Landscape") {
    if (v !== "Portrait" && v !== "Landscape") throw invalid();
    this.set("orientation", v);
  }
  get orientation(): Excel.PageOrientation | "Portrait" | "Landscape" {
    throw notLoaded("orientation");
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    const whole = (n: number | undefined): boolean => n === undefined || (Number.isInteger(n) && n >= 0);
    const fits = v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined;
    if (!whole(v.horizontalFitToPages) || !whole(v.verticalFitToPages)) throw invalid();
    if (v.scale !== undefined && (fits || !(v.scale >= 10 && v.scale <= 400))) throw invalid();
    if (!fits && v.scale === undefined) throw invalid();
    this.set("zoom", { ...v });
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    throw notLoaded("zoom");
  }
  set printGridlines(v: boolean) {
    this.set("printGridlines", v);
  }
  get printGridlines(): boolean {
    throw notLoaded("printGridlines");
  }
  set centerHorizontally(v: boolean) {
    this.set("centerHorizontally", v);
  }
  get centerHorizontally(): boolean {
    throw notLoaded("centerHorizontally");
  }
  setPrintArea(printArea: string): void {
    for (const part of printArea.split(",")) if (!/^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(part.trim())) throw invalid();
    this.set("printArea", printArea);
  }
  setPrintTitleRows(printTitleRows: string): void {
    const m = /^\$?(\d+):\$?(\d+)$/.exec(printTitleRows);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) throw invalid();
    this.set("printTitleRows", printTitleRows);
  }
}

/** A write-only property, as the format objects' are here: setting queues a write; reading was never loaded. */
type Recorder = (prop: string, value: unknown) => void;
type FontSurface = ExcelRangeFormat["font"];
type FillSurface = ExcelRangeFormat["fill"];

class FakeFont implements FontSurface {
  constructor(private readonly record: Recorder) {}
  set bold(v: boolean) {
    this.record("font.bold", v);
  }
  get bold(): boolean {
    throw notLoaded("bold");
  }
  set italic(v: boolean) {
    this.record("font.italic", v);
  }
  get italic(): boolean {
    throw notLoaded("italic");
  }
  set color(v: string) {
    this.record("font.color", v);
  }
  get color(): string {
    throw notLoaded("color");
  }
  set size(v: number) {
    this.record("font.size", v);
  }
  get size(): number {
    throw notLoaded("size");
  }
}

class FakeFill implements FillSurface {
  constructor(private readonly record: Recorder, private readonly prop = "fill.color") {}
  set color(v: string) {
    this.record(this.prop, v);
  }
  get color(): string {
    throw notLoaded("color");
  }
}

class FakeRangeFormat implements ExcelRangeFormat {
  readonly font: FakeFont;
  readonly fill: FakeFill;
  constructor(private readonly record: Recorder, private readonly setWidth: (w: number) => void, private readonly setHeight: (h: number) => void = () => undefined) {
    this.font = new FakeFont(record);
    this.fill = new FakeFill(record);
  }
  set wrapText(v: boolean) {
    this.record("wrapText", v);
  }
  get wrapText(): boolean {
    throw notLoaded("wrapText");
  }
  set horizontalAlignment(v: Excel.HorizontalAlignment | "General" | "Left" | "Center" | "Right" | "Fill" | "Justify" | "CenterAcrossSelection" | "Distributed") {
    this.record("horizontalAlignment", v);
  }
  get horizontalAlignment(): Excel.HorizontalAlignment | "General" | "Left" | "Center" | "Right" | "Fill" | "Justify" | "CenterAcrossSelection" | "Distributed" {
    throw notLoaded("horizontalAlignment");
  }
  set verticalAlignment(v: Excel.VerticalAlignment | "Top" | "Center" | "Bottom" | "Justify" | "Distributed") {
    this.record("verticalAlignment", v);
  }
  get verticalAlignment(): Excel.VerticalAlignment | "Top" | "Center" | "Bottom" | "Justify" | "Distributed" {
    throw notLoaded("verticalAlignment");
  }
  set columnWidth(v: number) {
    this.setWidth(v);
  }
  /** Excel's row height is 0–409 points; anything else is an invalid argument. */
  set rowHeight(v: number) {
    if (!(typeof v === "number" && v >= 0 && v <= 409)) throw fakeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
    this.setHeight(v);
  }
  get rowHeight(): number {
    throw notLoaded("rowHeight");
  }
  get columnWidth(): number {
    throw notLoaded("columnWidth");
  }
}

/** A conditional format being filled in; its properties land in the model when the queued add runs. */
class FakeConditionalFormat implements ExcelConditionalFormat {
  readonly props: Record<string, unknown> = {};
  readonly colorScale: ExcelConditionalFormat["colorScale"];
  readonly cellValue: ExcelConditionalFormat["cellValue"];
  constructor() {
    const props = this.props;
    this.colorScale = {
      set criteria(v: Excel.ConditionalColorScaleCriteria) {
        props.criteria = v;
      },
      get criteria(): Excel.ConditionalColorScaleCriteria {
        throw notLoaded("criteria");
      },
    };
    const fill = new FakeFill((_p, v) => void (props.fill = v));
    const font = new FakeFill((_p, v) => void (props.fontColor = v));
    this.cellValue = {
      format: { fill, font },
      set rule(v: Excel.ConditionalCellValueRule) {
        props.rule = v;
      },
      get rule(): Excel.ConditionalCellValueRule {
        throw notLoaded("rule");
      },
    };
  }
}

class FakeRange extends FakeClientObject implements ExcelRange {
  protected readonly scalarProps = ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", "values", "valueTypes", "formulas", "numberFormat", "text", "isNullObject"] as const;
  private resolved: Where | null = null;
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: { add(type: "ColorScale" | "CellValue"): FakeConditionalFormat };
  constructor(ctx: FakeContext, private readonly locate: () => Where) {
    super(ctx);
    const record: Recorder = (prop, value) => this.ctx.write(jsonBytes(value ?? null), () => void this.where().sheet.formats.push({ range: this.a1(), prop, value }));
    this.format = new FakeRangeFormat(record, (width) =>
      this.ctx.write(16, () => {
        const w = this.where();
        for (let c = w.col; c < w.col + w.cols; c++) w.sheet.columnWidths.set(c, width);
      }),
      (height) =>
        this.ctx.write(16, () => {
          const w = this.where();
          for (let r = w.row; r < w.row + Math.min(w.rows, MAX_ROWS); r++) w.sheet.rowHeights.set(r, height);
        }),
    );
    this.conditionalFormats = {
      add: (type: "ColorScale" | "CellValue") => {
        const cf = new FakeConditionalFormat();
        this.ctx.write(64, () => void this.where().sheet.conditionalFormats.push({ range: this.a1(), type, props: { ...cf.props } }));
        return cf;
      },
    };
  }

  /** Where the range is, resolved once when the first queued action involving it runs (used ranges, selections). */
  private where(): Where {
    return (this.resolved ??= this.locate());
  }
  private a1(): string {
    const w = this.where();
    return a1Of(w.row, w.col, w.rows, w.cols);
  }
  /** Where the range is (at sync time), for the chart fakes. */
  located(): { sheet: string; a1: string; rows: number; cols: number } {
    const w = this.where();
    return { sheet: w.sheet.name, a1: this.a1(), rows: w.rows, cols: w.cols };
  }
  private grid<T>(cell: (r: number, c: number, s: FakeSheet) => T): T[][] {
    const w = this.where();
    const out: T[][] = new Array(w.rows);
    for (let i = 0; i < w.rows; i++) {
      const row: T[] = new Array(w.cols);
      for (let j = 0; j < w.cols; j++) row[j] = cell(w.row + i, w.col + j, w.sheet);
      out[i] = row;
    }
    return out;
  }
  protected fetch(prop: string): unknown {
    const w = this.where();
    switch (prop) {
      case "address":
        return `${quoteSheet(w.sheet.name)}!${this.a1()}`;
      case "rowIndex":
        return w.row;
      case "columnIndex":
        return w.col;
      case "rowCount":
        return w.rows;
      case "columnCount":
        return w.cols;
      case "values":
        return this.grid((r, c, s) => s.cell(r, c));
      case "text":
        return this.grid((r, c, s) => String(s.cell(r, c)));
      case "formulas":
        return this.grid((r, c, s) => s.formula(r, c) ?? s.cell(r, c));
      case "numberFormat":
        return this.grid((r, c, s) => s.numberFormat(r, c));
      case "valueTypes":
        return this.grid((r, c, s) => {
          const v = s.cell(r, c);
          if (v === "") return s.formula(r, c) === undefined ? "Empty" : "String";
          if (typeof v === "number") return "Double";
          if (typeof v === "boolean") return "Boolean";
          return ERROR_TEXT.test(v) ? "Error" : "String";
        });
      case "isNullObject":
        return false;
      default:
        return undefined;
    }
  }
  load(propertyNames?: string | string[]): this {
    this.queueLoad(propertyNames);
    return this;
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.where().sheet.name);
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get valueTypes(): Excel.RangeValueType[][] {
    return this.read("valueTypes");
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  private checkShape(v: unknown[][], what: string): void {
    const w = this.where();
    if (!Array.isArray(v) || v.length !== w.rows || v.some((r) => !Array.isArray(r) || r.length !== w.cols)) {
      throw fakeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`);
    }
  }
  private writeGrid(v: FakeValue[][], what: string): void {
    this.ctx.write(jsonBytes(v), () => {
      this.checkShape(v, what);
      const w = this.where();
      v.forEach((row, i) => row.forEach((x, j) => w.sheet.setCell(w.row + i, w.col + j, x, true)));
    });
  }
  set values(v: FakeValue[][]) {
    this.writeGrid(v, "values");
  }
  get values(): FakeValue[][] {
    return this.read("values");
  }
  set formulas(v: FakeValue[][]) {
    this.writeGrid(v, "formulas");
  }
  get formulas(): FakeValue[][] {
    return this.read("formulas");
  }
  set numberFormat(v: string[][]) {
    this.ctx.write(jsonBytes(v), () => {
      this.checkShape(v, "numberFormat");
      const w = this.where();
      v.forEach((row, i) => {
        const r = w.row + i;
        while (w.sheet.numberFormats.length <= r) w.sheet.numberFormats.push([]);
        row.forEach((x, j) => void (w.sheet.numberFormats[r][w.col + j] = x));
      });
    });
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
}

export interface FakeOfficeOptions {
  /** Office.context.platform: "OfficeOnline" (the default), "PC", "Mac". */
  platform?: string;
  /** Requirement sets the host reports as supported (default: every set). */
  supports?: (set: string, version: string) => boolean;
}

/** Defines window.Office and window.Excel backed by `model`, as office.js would. */
export function installFakeOffice(target: Record<string, unknown>, model: FakeWorkbook, options: FakeOfficeOptions = {}): void {
  const platform = options.platform ?? "OfficeOnline";
  target.Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" },
    context: { platform, requirements: { isSetSupported: (set: string, version = "1.1") => (options.supports ? options.supports(set, version) : true) } },
    onReady: (cb?: (info: { host: string; platform: string }) => void) => {
      const info = { host: "Excel", platform };
      cb?.(info);
      return Promise.resolve(info);
    },
  };
  target.Excel = {
    run: async <T>(batch: (ctx: unknown) => Promise<T>): Promise<T> => batch(new FakeContext(model)),
  };
}

/** A context for calling the renderer or the reader directly in tests. */
export function fakeContext(model: FakeWorkbook): ExcelContext {
  return new FakeContext(model);
}
