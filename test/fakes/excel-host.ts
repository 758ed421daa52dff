/**
 * An in-memory fake of the part of the Excel JavaScript API that XSELL uses: worksheets, ranges, values,
 * formulas, number formats, formats, conditional formats, freeze panes, filters, notes and context.sync().
 * Like Excel it queues work until sync(), rejects a request over 5 MB (Excel on the web's limit), counts syncs,
 * and turns a string starting with "=" into a formula unless the cell is formatted as Text.
 * No Node APIs: the same code runs in vitest and, bundled, as office.js in headless Chromium.
 */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;

export type FakeValue = string | number | boolean;

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
  constructor(public name: string) {}

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
      this.formulas.delete(key);
      row[c] = v;
    }
  }
  /** Everything about the sheet, for "byte-identical afterwards" checks. */
  serialize(): string {
    return JSON.stringify({ name: this.name, values: this.values, formulas: [...this.formulas], numberFormats: this.numberFormats, formats: this.formats, conditionalFormats: this.conditionalFormats, widths: [...this.columnWidths], freeze: this.freeze, autoFilter: this.autoFilter, notes: this.notes });
  }
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  activeSheet = 0;
  selection: { sheet: string; row: number; col: number; rows: number; cols: number } | null = null;
  syncs = 0;
  largestRequestBytes = 0;
  rejectedRequests = 0;
  /** Every accepted request's size, in order. */
  requestSizes: number[] = [];

  addSheet(name: string, values: FakeValue[][] = []): FakeSheet {
    const s = new FakeSheet(name);
    values.forEach((row, r) => row.forEach((v, c) => s.setCell(r, c, v, true)));
    this.sheets.push(s);
    return s;
  }
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw fakeError("ItemNotFound", `The requested worksheet "${name}" does not exist.`);
    return s;
  }
}

function fakeError(code: string, message: string): Error & { code: string } {
  const e = new Error(message) as Error & { code: string };
  e.code = code;
  return e;
}

function colIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}
function colLetter(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "B2:D10", "B2", "B:B" (whole column; 1,048,576 rows). */
function parseAddress(a1: string): { row: number; col: number; rows: number; cols: number } {
  const col = /^([A-Z]+):([A-Z]+)$/.exec(a1);
  if (col) return { row: 0, col: colIndex(col[1]), rows: 1048576, cols: colIndex(col[2]) - colIndex(col[1]) + 1 };
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1);
  if (!m) throw fakeError("InvalidArgument", `The argument is invalid or missing: ${a1}`);
  const r1 = Number(m[2]) - 1;
  const c1 = colIndex(m[1]);
  return { row: r1, col: c1, rows: (m[4] ? Number(m[4]) - 1 : r1) - r1 + 1, cols: (m[3] ? colIndex(m[3]) : c1) - c1 + 1 };
}

type Op = { bytes: number; run: () => void };

class FakeContext {
  private ops: Op[] = [];
  private loads: (() => void)[] = [];
  readonly workbook: FakeWorkbookProxy;
  constructor(readonly model: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
  }
  queue(bytes: number, run: () => void): void {
    this.ops.push({ bytes: bytes + 64, run });
  }
  onSync(load: () => void): void {
    this.loads.push(load);
  }
  async sync(): Promise<void> {
    const ops = this.ops;
    const loads = this.loads;
    this.ops = [];
    this.loads = [];
    const bytes = ops.reduce((s, o) => s + o.bytes, 0);
    if (bytes > REQUEST_LIMIT_BYTES) {
      this.model.rejectedRequests++;
      throw fakeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${bytes} bytes > ${REQUEST_LIMIT_BYTES}).`);
    }
    this.model.syncs++;
    this.model.requestSizes.push(bytes);
    this.model.largestRequestBytes = Math.max(this.model.largestRequestBytes, bytes);
    for (const o of ops) o.run();
    for (const l of loads) l();
  }
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
  }
  getSelectedRange(): FakeRange {
    const sel = this.ctx.model.selection;
    const active = this.ctx.model.sheets[this.ctx.model.activeSheet];
    if (!sel) return new FakeRange(this.ctx, () => active, 0, 0, 1, 1);
    return new FakeRange(this.ctx, () => this.ctx.model.sheet(sel.sheet), sel.row, sel.col, sel.rows, sel.cols);
  }
}

class FakeWorksheetCollection {
  items: FakeWorksheet[] = [];
  constructor(private readonly ctx: FakeContext) {}
  load(_props?: string): this {
    this.ctx.onSync(() => {
      this.items = this.ctx.model.sheets.map((s) => new FakeWorksheet(this.ctx, s.name));
    });
    return this;
  }
  add(name: string): FakeWorksheet {
    this.ctx.queue(name.length, () => {
      if (this.ctx.model.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw fakeError("ItemAlreadyExists", `A worksheet named "${name}" already exists.`);
      if (name.length > 31 || /[:\\/?*[\]]/.test(name)) throw fakeError("InvalidArgument", `"${name}" is not a valid worksheet name.`);
      this.ctx.model.addSheet(name);
    });
    return new FakeWorksheet(this.ctx, name);
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, name);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, this.ctx.model.sheets[this.ctx.model.activeSheet].name);
  }
}

class FakeWorksheet {
  readonly freezePanes;
  readonly autoFilter;
  readonly notes;
  constructor(private readonly ctx: FakeContext, public name: string) {
    const sheet = () => this.ctx.model.sheet(this.name);
    this.freezePanes = {
      freezeRows: (n: number) => ctx.queue(8, () => void (sheet().freeze = { rows: n, cols: 0 })),
      freezeColumns: (n: number) => ctx.queue(8, () => void (sheet().freeze = { rows: 0, cols: n })),
      freezeAt: (r: FakeRange) => ctx.queue(16, () => void (sheet().freeze = { rows: r.rowIndex + r.rowCount, cols: r.columnIndex + r.columnCount })),
    };
    this.autoFilter = { apply: (r: FakeRange) => ctx.queue(16, () => void (sheet().autoFilter = r.address)) };
    this.notes = { add: (cell: string, text: string) => ctx.queue(text.length, () => void sheet().notes.push({ cell, text })) };
  }
  load(_props?: string): this {
    return this;
  }
  activate(): void {
    this.ctx.queue(8, () => {
      this.ctx.model.activeSheet = this.ctx.model.sheets.findIndex((s) => s.name === this.name);
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, () => this.ctx.model.sheet(this.name), row, col, rows, cols);
  }
  getRange(address: string): FakeRange {
    const a = parseAddress(address);
    return new FakeRange(this.ctx, () => this.ctx.model.sheet(this.name), a.row, a.col, a.rows, a.cols, address);
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    void valuesOnly;
    const range = new FakeRange(this.ctx, () => this.ctx.model.sheet(this.name), 0, 0, 1, 1);
    range.usedRangeOf = true;
    return range;
  }
}

class FakeRange {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  usedRangeOf = false;
  private loaded: Record<string, unknown> = {};
  readonly format;
  readonly conditionalFormats;
  constructor(private readonly ctx: FakeContext, private readonly sheet: () => FakeSheet, row: number, col: number, rows: number, cols: number, private readonly a1?: string) {
    this.rowIndex = row;
    this.columnIndex = col;
    this.rowCount = rows;
    this.columnCount = cols;
    const fmt = (prop: string) => (value: unknown) => this.ctx.queue(JSON.stringify(value ?? null).length, () => void this.sheet().formats.push({ range: this.address, prop, value }));
    const setter = <T extends object>(target: T, props: Record<string, (v: unknown) => void>): T => {
      for (const [k, set] of Object.entries(props)) Object.defineProperty(target, k, { set, get: () => undefined, enumerable: true });
      return target;
    };
    this.format = setter(
      {
        font: setter({}, { bold: fmt("font.bold"), italic: fmt("font.italic"), color: fmt("font.color"), size: fmt("font.size") }),
        fill: setter({}, { color: fmt("fill.color") }),
      } as Record<string, unknown>,
      {
        wrapText: fmt("wrapText"),
        horizontalAlignment: fmt("horizontalAlignment"),
        columnWidth: (v: unknown) => this.ctx.queue(16, () => {
          for (let c = this.columnIndex; c < this.columnIndex + this.columnCount; c++) this.sheet().columnWidths.set(c, v as number);
        }),
      },
    ) as { font: Record<string, unknown>; fill: Record<string, unknown>; wrapText?: unknown; horizontalAlignment?: unknown; columnWidth?: unknown };
    this.conditionalFormats = {
      add: (type: string) => {
        const props: Record<string, unknown> = {};
        const record = () => this.ctx.queue(JSON.stringify(props).length, () => void this.sheet().conditionalFormats.push({ range: this.address, type, props: { ...props } }));
        const nested = (prefix: string) => (v: unknown) => void (props[prefix] = v);
        const cf = {
          colorScale: setter({}, { criteria: nested("criteria") }),
          cellValue: {
            format: { fill: setter({}, { color: nested("fill") }), font: setter({}, { color: nested("fontColor") }) },
            rule: undefined as unknown,
          },
        };
        Object.defineProperty(cf.cellValue, "rule", { set: nested("rule") });
        record();
        return cf;
      },
    };
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, this.sheet().name);
  }

  get address(): string {
    if (this.a1) return this.a1;
    const end = `${colLetter(this.columnIndex + this.columnCount - 1)}${this.rowIndex + this.rowCount}`;
    const start = `${colLetter(this.columnIndex)}${this.rowIndex + 1}`;
    return start === end ? start : `${start}:${end}`;
  }

  private checkShape(v: unknown[][], what: string): void {
    if (!Array.isArray(v) || v.length !== this.rowCount || v.some((r) => !Array.isArray(r) || r.length !== this.columnCount)) {
      throw fakeError("InvalidArgument", `The number of rows or columns in the ${what} array doesn't match the size or dimensions of the range.`);
    }
  }

  set values(v: FakeValue[][]) {
    this.checkShape(v, "values");
    this.ctx.queue(JSON.stringify(v).length, () => v.forEach((row, i) => row.forEach((x, j) => this.sheet().setCell(this.rowIndex + i, this.columnIndex + j, x, true))));
  }
  get values(): FakeValue[][] {
    if (!("values" in this.loaded)) throw fakeError("PropertyNotLoaded", "The property 'values' is not available. Load it and call context.sync() first.");
    return this.loaded.values as FakeValue[][];
  }
  set formulas(v: FakeValue[][]) {
    this.checkShape(v, "formulas");
    this.ctx.queue(JSON.stringify(v).length, () => v.forEach((row, i) => row.forEach((x, j) => this.sheet().setCell(this.rowIndex + i, this.columnIndex + j, x, true))));
  }
  set numberFormat(v: string[][]) {
    this.checkShape(v, "numberFormat");
    this.ctx.queue(JSON.stringify(v).length, () => {
      const s = this.sheet();
      v.forEach((row, i) => {
        const r = this.rowIndex + i;
        while (s.numberFormats.length <= r) s.numberFormats.push([]);
        row.forEach((x, j) => void (s.numberFormats[r][this.columnIndex + j] = x));
      });
    });
  }

  load(props?: string | string[]): this {
    const wanted = Array.isArray(props) ? props : String(props ?? "").split(",").map((p) => p.trim());
    this.ctx.onSync(() => {
      const s = this.sheet();
      if (this.usedRangeOf) {
        this.rowIndex = 0;
        this.columnIndex = 0;
        this.rowCount = Math.max(1, s.rowCount);
        this.columnCount = Math.max(1, s.columnCount);
      }
      if (wanted.includes("values")) {
        const out: FakeValue[][] = [];
        for (let i = 0; i < this.rowCount; i++) {
          const row: FakeValue[] = [];
          for (let j = 0; j < this.columnCount; j++) row.push(s.cell(this.rowIndex + i, this.columnIndex + j));
          out.push(row);
        }
        this.loaded.values = out;
      }
    });
    return this;
  }
}

/** Defines window.Office and window.Excel backed by `model`, as office.js would. */
export function installFakeOffice(target: Record<string, unknown>, model: FakeWorkbook): void {
  target.Office = {
    HostType: { Excel: "Excel" },
    context: { requirements: { isSetSupported: () => true } },
    onReady: (cb?: (info: { host: string; platform: string }) => void) => {
      const info = { host: "Excel", platform: "OfficeOnline" };
      cb?.(info);
      return Promise.resolve(info);
    },
  };
  target.Excel = {
    run: async <T>(batch: (ctx: unknown) => Promise<T>): Promise<T> => batch(new FakeContext(model)),
  };
}

/** A context for calling renderSpec directly in tests. */
export function fakeContext(model: FakeWorkbook): Excel.RequestContext {
  return new FakeContext(model) as unknown as Excel.RequestContext;
}
