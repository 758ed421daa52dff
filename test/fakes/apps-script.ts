/**
 * In-memory fakes of the Apps Script services the add-on uses: SpreadsheetApp (spreadsheets, sheets, ranges,
 * named ranges, conditional-format rule builders), Ui, HtmlService, PropertiesService and Utilities. Like Sheets,
 * setValues reads a string starting with "=" as a formula and a leading apostrophe as "store the rest as text".
 * Every range handed out is counted, so tests can bound how chatty a render is.
 *
 * No kinder than Apps Script:
 * - The spreadsheet has a time zone (getSpreadsheetTimeZone), and dates are what Sheets hands a script: the instant
 *   of the cell's wall-clock time in that zone (`zonedDate`), computed with Intl from the IANA database. A number in
 *   a cell with a date or time number format reads back as such a Date, as in Sheets.
 * - authMode "NONE" (onOpen before authorization): every service that touches the document throws.
 *   authMode "CUSTOM_FUNCTION": the document is read-only (get* works, set* and inserting sheets throw), the Ui,
 *   HtmlService and PropertiesService throw, as in a custom function.
 * - Utilities.formatDate formats with the zone it is given (Intl), and throws on a zone it does not know or a
 *   pattern letter this fake does not implement.
 * - Named ranges follow Sheets' naming rules (letters, digits, underscores; no dots; not a cell reference).
 */
import { CHART_TYPES, FakeEmbeddedChart, FakeEmbeddedChartBuilder } from "./sheets-charts";

export type SheetsValue = string | number | boolean | Date;

function colIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

function colLetters(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of an instant in an IANA zone (Intl; throws RangeError for an unknown zone). */
export function wallClock(tz: string, t: Date | number): { y: number; m: number; d: number; h: number; min: number; s: number } {
  let fmt = formatters.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(tz, fmt);
  }
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(typeof t === "number" ? t : t.getTime()))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { y: p.year, m: p.month, d: p.day, h: p.hour % 24, min: p.minute, s: p.second };
}

/**
 * The Date Sheets hands Apps Script for a cell showing y-m-d h:min:s in a spreadsheet whose zone is `tz`: the
 * instant of that wall-clock time there (a time skipped by a DST jump moves forward by the jump, as Sheets does).
 */
export function zonedDate(tz: string, y: number, m: number, d: number, h = 0, min = 0, s = 0): Date {
  const want = Date.UTC(y, m - 1, d, h, min, s);
  let t = want;
  for (let i = 0; i < 3; i++) {
    const w = wallClock(tz, t);
    const off = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - t;
    const next = want - off;
    if (next === t) break;
    t = next;
  }
  return new Date(t);
}

/** Apps Script's Utilities.formatDate for the pattern letters the add-on may use (SimpleDateFormat subset). */
export function formatDate(date: Date, tz: string, pattern: string): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new Error("Exception: Invalid argument: date");
  const w = wallClock(tz, date);
  const two = (n: number): string => String(n).padStart(2, "0");
  return pattern.replace(/'([^']*)'|yyyy|MM|dd|HH|mm|ss|[A-Za-z]/g, (tok, lit: string | undefined) => {
    if (lit !== undefined) return lit;
    switch (tok) {
      case "yyyy": return String(w.y).padStart(4, "0");
      case "MM": return two(w.m);
      case "dd": return two(w.d);
      case "HH": return two(w.h);
      case "mm": return two(w.min);
      case "ss": return two(w.s);
      default: throw new Error(`fake Utilities.formatDate: pattern letter "${tok}" is not implemented`);
    }
  });
}

/** Whether a Sheets number format shows a date or time (so the cell's number reads back as a Date). */
export function isDateFormat(f: string): boolean {
  const bare = f.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[ydhs]|am\/pm|a\/p/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** A Sheets serial number (days since 1899-12-30, fraction = time of day) as the Date Sheets hands a script. */
export function serialToZonedDate(tz: string, serial: number): Date {
  const whole = Math.floor(serial);
  const base = new Date(Date.UTC(1899, 11, 30) + whole * 86_400_000);
  const secs = Math.round((serial - whole) * 86_400);
  return zonedDate(tz, base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), Math.floor(secs / 3600), Math.floor((secs % 3600) / 60), secs % 60);
}

function validName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,249}$/.test(name) && !/^(true|false)$/i.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name);
}

export class FakeSheetsSheet {
  values: SheetsValue[][] = [];
  formulas = new Map<string, string>();
  formats: { range: string; prop: string; value: unknown }[] = [];
  conditionalRules: unknown[] = [];
  widths: [number, number, number][] = [];
  frozenRows = 0;
  frozenColumns = 0;
  filter: string | null = null;
  notes: [string, string][] = [];
  /** Number formats by rectangle [r1, c1, r2, c2, format], later ones win. */
  numberFormats: [number, number, number, number, string][] = [];
  maxRows = 1000;
  maxColumns = 26;
  charts: FakeEmbeddedChart[] = [];
  constructor(readonly book: FakeSpreadsheet, public name: string) {}

  newChart(): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(this);
  }
  insertChart(chart: FakeEmbeddedChart): void {
    this.book.app.writable("Sheet.insertChart");
    if (!(chart instanceof FakeEmbeddedChart)) throw new Error("Exception: Invalid argument: chart");
    if (chart.sheetName !== this.name) throw new Error("Exception: The chart was built for another sheet");
    this.charts.push(chart);
  }
  getCharts(): FakeEmbeddedChart[] {
    return [...this.charts];
  }

  getName(): string {
    return this.name;
  }
  getLastRow(): number {
    return this.values.length;
  }
  getLastColumn(): number {
    return this.values.reduce((m, r) => Math.max(m, r.length), 0);
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }
  insertRowsAfter(_after: number, n: number): void {
    this.book.app.writable("Sheet.insertRowsAfter");
    this.maxRows += n;
  }
  insertColumnsAfter(_after: number, n: number): void {
    this.book.app.writable("Sheet.insertColumnsAfter");
    this.maxColumns += n;
  }
  getDataRange(): FakeSheetsRange {
    return this.range(0, 0, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  getRange(a: string | number, col?: number, rows = 1, cols = 1): FakeSheetsRange {
    if (typeof a === "number") return this.range(a - 1, (col as number) - 1, rows, cols);
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a);
    if (!m) throw new Error(`Range not found: ${a}`);
    const r1 = Number(m[2]) - 1;
    const c1 = colIndex(m[1]);
    return this.range(r1, c1, (m[4] ? Number(m[4]) - 1 : r1) - r1 + 1, (m[3] ? colIndex(m[3]) : c1) - c1 + 1, a);
  }
  /** @internal */
  range(r: number, c: number, rows: number, cols: number, a1?: string): FakeSheetsRange {
    this.book.app.rangeCalls++;
    if (r + rows > this.maxRows || c + cols > this.maxColumns) throw new Error(`Exception: Those rows are out of bounds (${r + rows} > ${this.maxRows} or ${c + cols} > ${this.maxColumns}).`);
    return new FakeSheetsRange(this, r, c, rows, cols, a1);
  }
  setColumnWidths(start: number, n: number, width: number): void {
    this.book.app.writable("Sheet.setColumnWidths");
    this.widths.push([start, n, width]);
  }
  /** Row heights in pixels, [first row (1-based), rows, height], as set. */
  rowHeights: [number, number, number][] = [];
  setRowHeights(start: number, n: number, height: number): void {
    this.book.app.writable("Sheet.setRowHeights");
    if (!(Number.isInteger(start) && start >= 1 && Number.isInteger(n) && n >= 1 && start + n - 1 <= this.maxRows)) throw new Error(`Exception: Those rows are out of bounds.`);
    if (!(height > 0)) throw new Error("Exception: Invalid argument: height");
    this.rowHeights.push([start, n, height]);
  }
  setFrozenRows(n: number): void {
    this.book.app.writable("Sheet.setFrozenRows");
    this.frozenRows = n;
  }
  setFrozenColumns(n: number): void {
    this.book.app.writable("Sheet.setFrozenColumns");
    this.frozenColumns = n;
  }
  setConditionalFormatRules(rules: unknown[]): void {
    this.book.app.writable("Sheet.setConditionalFormatRules");
    this.conditionalRules = rules;
  }
  cell(r: number, c: number): SheetsValue {
    return this.values[r]?.[c] ?? "";
  }
  numberFormat(r: number, c: number): string {
    for (let i = this.numberFormats.length - 1; i >= 0; i--) {
      const [r1, c1, r2, c2, f] = this.numberFormats[i];
      if (r >= r1 && r <= r2 && c >= c1 && c <= c2) return f;
    }
    return "General";
  }
  /** What getValues returns for a cell: a number in a date-formatted cell is a Date in the spreadsheet's zone. */
  read(r: number, c: number): SheetsValue {
    const v = this.cell(r, c);
    if (typeof v === "number" && this.numberFormats.length > 0 && isDateFormat(this.numberFormat(r, c))) return serialToZonedDate(this.book.timeZone, v);
    return v;
  }
  formula(r: number, c: number): string | undefined {
    return this.formulas.get(`${r},${c}`);
  }
  serialize(): string {
    return JSON.stringify({ name: this.name, values: this.values, formulas: [...this.formulas], formats: this.formats, rules: this.conditionalRules, widths: this.widths, frozen: [this.frozenRows, this.frozenColumns], filter: this.filter, notes: this.notes, charts: this.charts.map((c) => c.record) });
  }
}

export class FakeSheetsRange {
  constructor(private readonly sheet: FakeSheetsSheet, readonly row: number, readonly col: number, readonly rows: number, readonly cols: number, private readonly a1?: string) {}
  private get address(): string {
    return this.a1 ?? `R${this.row + 1}C${this.col + 1}:${this.rows}x${this.cols}`;
  }
  getSheet(): FakeSheetsSheet {
    return this.sheet;
  }
  getRow(): number {
    return this.row + 1;
  }
  getColumn(): number {
    return this.col + 1;
  }
  getNumRows(): number {
    return this.rows;
  }
  getNumColumns(): number {
    return this.cols;
  }
  getA1Notation(): string {
    const tl = `${colLetters(this.col)}${this.row + 1}`;
    return this.rows === 1 && this.cols === 1 ? tl : `${tl}:${colLetters(this.col + this.cols - 1)}${this.row + this.rows}`;
  }
  /** Like Sheets, 1-based and relative to this range. */
  getCell(row: number, col: number): FakeSheetsRange {
    if (row < 1 || col < 1 || row > this.rows || col > this.cols) throw new Error("Exception: Cell reference out of range");
    return this.sheet.range(this.row + row - 1, this.col + col - 1, 1, 1);
  }
  getValues(): SheetsValue[][] {
    this.sheet.book.app.getValuesCalls++;
    const out: SheetsValue[][] = [];
    for (let i = 0; i < this.rows; i++) {
      const row: SheetsValue[] = [];
      for (let j = 0; j < this.cols; j++) row.push(this.sheet.read(this.row + i, this.col + j));
      out.push(row);
    }
    return out;
  }
  getValue(): SheetsValue {
    return this.sheet.read(this.row, this.col);
  }
  setValue(v: SheetsValue): this {
    this.sheet.book.app.writable("Range.setValue");
    const cells = Array.from({ length: this.rows }, () => Array.from({ length: this.cols }, () => v));
    return this.setValues(cells);
  }
  setValues(v: SheetsValue[][]): this {
    this.sheet.book.app.writable("Range.setValues");
    this.sheet.book.app.setValuesCalls++;
    if (v.length !== this.rows || v.some((r) => r.length !== this.cols)) throw new Error(`The number of rows or columns in the data does not match the range (${v.length}×${v[0]?.length} vs ${this.rows}×${this.cols}).`);
    const s = this.sheet;
    v.forEach((row, i) => {
      const r = this.row + i;
      while (s.values.length <= r) s.values.push([]);
      row.forEach((x, j) => {
        const c = this.col + j;
        while (s.values[r].length < c) s.values[r].push("");
        const key = `${r},${c}`;
        if (typeof x === "string" && x.startsWith("'")) {
          s.values[r][c] = x.slice(1);
          s.formulas.delete(key);
        } else if (typeof x === "string" && x.startsWith("=")) {
          s.formulas.set(key, x);
          s.values[r][c] = "";
        } else {
          s.values[r][c] = x;
          s.formulas.delete(key);
        }
      });
    });
    return this;
  }
  private fmt(prop: string, value: unknown): this {
    this.sheet.book.app.writable(`Range.set${prop[0].toUpperCase()}${prop.slice(1)}`);
    this.sheet.formats.push({ range: this.address, prop, value });
    return this;
  }
  setNumberFormat(f: string): this {
    this.fmt("numberFormat", f);
    this.sheet.numberFormats.push([this.row, this.col, this.row + this.rows - 1, this.col + this.cols - 1, f]);
    return this;
  }
  setFontWeight(w: string): this {
    return this.fmt("fontWeight", w);
  }
  setFontStyle(s: string): this {
    return this.fmt("fontStyle", s);
  }
  setFontColor(c: string): this {
    return this.fmt("fontColor", c);
  }
  setFontSize(n: number): this {
    return this.fmt("fontSize", n);
  }
  setBackground(c: string): this {
    return this.fmt("background", c);
  }
  setWrap(w: boolean): this {
    return this.fmt("wrap", w);
  }
  setHorizontalAlignment(a: string): this {
    return this.fmt("align", a);
  }
  /** Apps Script takes "top", "middle" or "bottom" (not Excel's "center"). */
  setVerticalAlignment(a: string): this {
    if (!["top", "middle", "bottom"].includes(a)) throw new Error(`Exception: Invalid argument: ${a}`);
    return this.fmt("verticalAlignment", a);
  }
  createFilter(): this {
    this.sheet.book.app.writable("Range.createFilter");
    this.sheet.filter = this.address;
    return this;
  }
  setNote(n: string): this {
    this.sheet.book.app.writable("Range.setNote");
    this.sheet.notes.push([this.address, n]);
    return this;
  }
  /** One note per cell of the range ("" for none), as Apps Script's Range.setNotes: the grid must match the range. */
  setNotes(notes: string[][]): this {
    this.sheet.book.app.writable("Range.setNotes");
    if (notes.length !== this.rows || notes.some((r) => r.length !== this.cols)) throw new Error(`Exception: The number of rows or columns in the data does not match the range (${notes.length}×${notes[0]?.length} vs ${this.rows}×${this.cols}).`);
    notes.forEach((r, i) =>
      r.forEach((n, j) => {
        if (typeof n !== "string") throw new Error(`Exception: The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setNotes.`);
        if (n !== "") this.sheet.notes.push([`${colLetters(this.col + j)}${this.row + i + 1}`, n]);
      }),
    );
    return this;
  }
}

export class FakeSpreadsheet {
  sheets: FakeSheetsSheet[] = [];
  active = 0;
  toasts: string[] = [];
  namedRanges = new Map<string, { sheet: FakeSheetsSheet; row: number; col: number; rows: number; cols: number }>();
  /** The spreadsheet's time zone (File → Settings); the script's own zone (appsscript.json) is another matter. */
  timeZone: string;
  /** The spreadsheet's locale (File → Settings), as Sheets names it: "en_US", "de_DE"… */
  locale: string;
  constructor(readonly app: FakeAppsScript, timeZone: string, locale: string) {
    this.timeZone = timeZone;
    this.locale = locale;
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  getSpreadsheetLocale(): string {
    return this.locale;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this.app.writable("Spreadsheet.setSpreadsheetTimeZone");
    wallClock(tz, 0); // RangeError for a zone that does not exist
    this.timeZone = tz;
  }
  getRangeByName(name: string): FakeSheetsRange | null {
    const n = this.namedRanges.get(name);
    return n && this.sheets.includes(n.sheet) ? n.sheet.range(n.row, n.col, n.rows, n.cols) : null;
  }
  setNamedRange(name: string, range: FakeSheetsRange): void {
    this.app.writable("Spreadsheet.setNamedRange");
    if (!validName(name)) throw new Error(`Exception: Invalid name: ${name}. Names can contain only letters, numbers and underscores, and cannot look like a cell reference.`);
    this.namedRanges.set(name, { sheet: range.getSheet(), row: range.row, col: range.col, rows: range.rows, cols: range.cols });
  }
  addSheet(name: string, values: SheetsValue[][] = []): FakeSheetsSheet {
    const s = new FakeSheetsSheet(this, name);
    s.values = values.map((r) => [...r]);
    s.maxRows = Math.max(1000, values.length);
    s.maxColumns = Math.max(26, s.getLastColumn());
    this.sheets.push(s);
    return s;
  }
  getSheets(): FakeSheetsSheet[] {
    return [...this.sheets];
  }
  getNumSheets(): number {
    return this.sheets.length;
  }
  getSheetByName(name: string): FakeSheetsSheet | null {
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  getActiveSheet(): FakeSheetsSheet {
    return this.sheets[this.active];
  }
  setActiveSheet(s: FakeSheetsSheet): FakeSheetsSheet {
    this.app.writable("Spreadsheet.setActiveSheet");
    this.active = this.sheets.indexOf(s);
    return s;
  }
  insertSheet(name: string, index?: number): FakeSheetsSheet {
    this.app.writable("Spreadsheet.insertSheet");
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const s = new FakeSheetsSheet(this, name);
    this.sheets.splice(index ?? this.sheets.length, 0, s);
    this.active = this.sheets.indexOf(s);
    return s;
  }
  toast(msg: string): void {
    this.app.writable("Spreadsheet.toast");
    this.toasts.push(msg);
  }
}

export class FakeAppsScript {
  authMode: "NONE" | "CUSTOM_FUNCTION" | "FULL" = "FULL";
  rangeCalls = 0;
  getValuesCalls = 0;
  setValuesCalls = 0;
  menu: { items: [string, string][]; separators: number; added: boolean } | null = null;
  sidebar: { file: string; title: string } | null = null;
  alerts: string[] = [];
  properties = new Map<string, string>();
  readonly spreadsheet: FakeSpreadsheet;

  /** The spreadsheet's zone and locale (Sheets defaults both from its creator; here New York and en_US unless told). */
  constructor(opts: { timeZone?: string; locale?: string } = {}) {
    if (opts.locale !== undefined && !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(opts.locale)) throw new Error(`fake: "${opts.locale}" is not a locale as Sheets names them (en_US, de_DE…)`);
    this.spreadsheet = new FakeSpreadsheet(this, opts.timeZone ?? "America/New_York", opts.locale ?? "en_US");
    wallClock(this.spreadsheet.timeZone, 0);
  }

  private authorized(what: string): void {
    if (this.authMode === "NONE") throw new Error(`${what}: you do not have permission to call this in AuthMode.NONE`);
  }

  private noCustomFunction(what: string): void {
    if (this.authMode === "CUSTOM_FUNCTION") throw new Error(`Exception: You do not have permission to call ${what}`);
  }

  /** Writes to the document: refused in AuthMode.NONE and in custom functions (read-only there). */
  writable(what: string): void {
    this.authorized(what);
    if (this.authMode === "CUSTOM_FUNCTION") throw new Error(`Exception: You do not have permission to call ${what}`);
  }

  /** Runs `fn` as Sheets runs a custom function: the document read-only, no Ui, no dialogs, no properties. */
  asCustomFunction<T>(fn: () => T): T {
    const before = this.authMode;
    this.authMode = "CUSTOM_FUNCTION";
    try {
      return fn();
    } finally {
      this.authMode = before;
    }
  }

  /** The globals an Apps Script project sees. */
  globals(): Record<string, unknown> {
    const app = this;
    const ui = {
      ButtonSet: { OK: "OK" },
      createAddonMenu() {
        const menu = { items: [] as [string, string][], separators: 0, added: false };
        app.menu = menu;
        const api = {
          addItem: (label: string, fn: string) => (menu.items.push([label, fn]), api),
          addSeparator: () => (menu.separators++, api),
          addToUi: () => void (menu.added = true),
        };
        return api;
      },
      showSidebar(html: { file: string; title: string }) {
        app.authorized("Ui.showSidebar");
        app.sidebar = html;
      },
      alert(_title: string, msg: string) {
        app.alerts.push(msg);
      },
    };
    return {
      SpreadsheetApp: {
        getUi: () => {
          if (app.authMode === "CUSTOM_FUNCTION") throw new Error("Exception: Cannot call SpreadsheetApp.getUi() from this context.");
          return ui;
        },
        getActiveSpreadsheet: () => (app.authorized("SpreadsheetApp.getActiveSpreadsheet"), app.spreadsheet),
        getActive: () => (app.authorized("SpreadsheetApp.getActive"), app.spreadsheet),
        InterpolationType: { PERCENTILE: "PERCENTILE", NUMBER: "NUMBER" },
        newConditionalFormatRule() {
          const rule: Record<string, unknown> = {};
          const b = {
            setRanges: (r: unknown[]) => ((rule.ranges = r.length), b),
            setGradientMinpoint: (c: string) => ((rule.min = c), b),
            setGradientMidpointWithValue: (c: string, t: string, v: string) => ((rule.mid = [c, t, v]), b),
            setGradientMaxpoint: (c: string) => ((rule.max = c), b),
            whenTextEqualTo: (t: string) => ((rule.text = t), b),
            setBackground: (c: string) => ((rule.background = c), b),
            setFontColor: (c: string) => ((rule.fontColor = c), b),
            build: () => ({ ...rule }),
          };
          return b;
        },
      },
      Charts: { ChartType: Object.fromEntries(CHART_TYPES.map((t) => [t, t])) },
      HtmlService: {
        createHtmlOutputFromFile(file: string) {
          app.authorized("HtmlService.createHtmlOutputFromFile");
          app.noCustomFunction("HtmlService.createHtmlOutputFromFile");
          const out = { file, title: "", setTitle: (t: string) => ((out.title = t), out) };
          return out;
        },
      },
      PropertiesService: {
        getDocumentProperties() {
          app.authorized("PropertiesService.getDocumentProperties");
          app.noCustomFunction("PropertiesService.getDocumentProperties");
          return { getProperty: (k: string) => app.properties.get(k) ?? null, setProperty: (k: string, v: string) => void app.properties.set(k, v) };
        },
      },
      Utilities: {
        formatDate: (date: Date, tz: string, pattern: string) => formatDate(date, tz, pattern),
      },
      ScriptApp: { AuthMode: { NONE: "NONE", LIMITED: "LIMITED", CUSTOM_FUNCTION: "CUSTOM_FUNCTION", FULL: "FULL" } },
    };
  }
}
