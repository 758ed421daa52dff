/**
 * In-memory fakes of the Apps Script services the add-on uses: SpreadsheetApp (spreadsheets, sheets, ranges,
 * conditional-format rule builders), Ui, HtmlService and PropertiesService. Like Sheets, setValues reads a string
 * starting with "=" as a formula and a leading apostrophe as "store the rest as text". Every range handed out is
 * counted, so tests can bound how chatty a render is. With authMode "NONE" every authorized service throws.
 */
export type SheetsValue = string | number | boolean | Date;

function colIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
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
  maxRows = 1000;
  maxColumns = 26;
  constructor(readonly book: FakeSpreadsheet, public name: string) {}

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
    this.maxRows += n;
  }
  insertColumnsAfter(_after: number, n: number): void {
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
  private range(r: number, c: number, rows: number, cols: number, a1?: string): FakeSheetsRange {
    this.book.app.rangeCalls++;
    if (r + rows > this.maxRows || c + cols > this.maxColumns) throw new Error(`Exception: Those rows are out of bounds (${r + rows} > ${this.maxRows} or ${c + cols} > ${this.maxColumns}).`);
    return new FakeSheetsRange(this, r, c, rows, cols, a1);
  }
  setColumnWidths(start: number, n: number, width: number): void {
    this.widths.push([start, n, width]);
  }
  setFrozenRows(n: number): void {
    this.frozenRows = n;
  }
  setFrozenColumns(n: number): void {
    this.frozenColumns = n;
  }
  setConditionalFormatRules(rules: unknown[]): void {
    this.conditionalRules = rules;
  }
  cell(r: number, c: number): SheetsValue {
    return this.values[r]?.[c] ?? "";
  }
  formula(r: number, c: number): string | undefined {
    return this.formulas.get(`${r},${c}`);
  }
  serialize(): string {
    return JSON.stringify({ name: this.name, values: this.values, formulas: [...this.formulas], formats: this.formats, rules: this.conditionalRules, widths: this.widths, frozen: [this.frozenRows, this.frozenColumns], filter: this.filter, notes: this.notes });
  }
}

export class FakeSheetsRange {
  constructor(private readonly sheet: FakeSheetsSheet, readonly row: number, readonly col: number, readonly rows: number, readonly cols: number, private readonly a1?: string) {}
  private get address(): string {
    return this.a1 ?? `R${this.row + 1}C${this.col + 1}:${this.rows}x${this.cols}`;
  }
  getValues(): SheetsValue[][] {
    this.sheet.book.app.getValuesCalls++;
    const out: SheetsValue[][] = [];
    for (let i = 0; i < this.rows; i++) {
      const row: SheetsValue[] = [];
      for (let j = 0; j < this.cols; j++) row.push(this.sheet.cell(this.row + i, this.col + j));
      out.push(row);
    }
    return out;
  }
  setValues(v: SheetsValue[][]): this {
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
    this.sheet.formats.push({ range: this.address, prop, value });
    return this;
  }
  setNumberFormat(f: string): this {
    return this.fmt("numberFormat", f);
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
  createFilter(): this {
    this.sheet.filter = this.address;
    return this;
  }
  setNote(n: string): this {
    this.sheet.notes.push([this.address, n]);
    return this;
  }
}

export class FakeSpreadsheet {
  sheets: FakeSheetsSheet[] = [];
  active = 0;
  toasts: string[] = [];
  constructor(readonly app: FakeAppsScript) {}
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
    this.active = this.sheets.indexOf(s);
    return s;
  }
  insertSheet(name: string, index?: number): FakeSheetsSheet {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const s = new FakeSheetsSheet(this, name);
    this.sheets.splice(index ?? this.sheets.length, 0, s);
    this.active = this.sheets.indexOf(s);
    return s;
  }
  toast(msg: string): void {
    this.toasts.push(msg);
  }
}

export class FakeAppsScript {
  authMode: "NONE" | "FULL" = "FULL";
  rangeCalls = 0;
  getValuesCalls = 0;
  setValuesCalls = 0;
  menu: { items: [string, string][]; separators: number; added: boolean } | null = null;
  sidebar: { file: string; title: string } | null = null;
  alerts: string[] = [];
  properties = new Map<string, string>();
  readonly spreadsheet = new FakeSpreadsheet(this);

  private authorized(what: string): void {
    if (this.authMode === "NONE") throw new Error(`${what}: you do not have permission to call this in AuthMode.NONE`);
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
        getUi: () => ui,
        getActiveSpreadsheet: () => (app.authorized("SpreadsheetApp.getActiveSpreadsheet"), app.spreadsheet),
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
      HtmlService: {
        createHtmlOutputFromFile(file: string) {
          app.authorized("HtmlService.createHtmlOutputFromFile");
          const out = { file, title: "", setTitle: (t: string) => ((out.title = t), out) };
          return out;
        },
      },
      PropertiesService: {
        getDocumentProperties() {
          app.authorized("PropertiesService.getDocumentProperties");
          return { getProperty: (k: string) => app.properties.get(k) ?? null, setProperty: (k: string, v: string) => void app.properties.set(k, v) };
        },
      },
      ScriptApp: { AuthMode: { NONE: "NONE", LIMITED: "LIMITED", FULL: "FULL" } },
    };
  }
}
