/**
 * An .xlsx checked against the budgets before ExcelJS loads it: ExcelJS inflates every part of the package into
 * memory and materialises every sheet, so a 1.2 MB file holding ten million short rows (deflate packs repeated
 * XML a thousand to one) would be an out-of-memory abort long before a row count could be checked. Here each part
 * is inflated a piece at a time and the sheets' XML is scanned as it arrives, counting the rows and cells that
 * exist; the first row, column or byte past a limit stops the read with one line naming the file, the sheet, the
 * row and the limit. Memory is a few inflated pieces whatever the file declares or implies; time stops at the limit.
 * A package this cannot parse is left to ExcelJS, whose own message then names the problem.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import { createInflateRaw } from "node:zlib";
import { BUDGETS, fmtCount } from "../core/limits";
import { CliError } from "./io";

/** An Excel sheet's last row. */
export const EXCEL_ROWS = 1_048_576;

export interface ScanLimits {
  /** Data rows below the header: the CLI's input rows budget, within an Excel sheet's height. */
  rows: number;
  /** Columns (XFD is 16,384). */
  columns: number;
  /** Cells in the rows that hold values, each row as wide as its last cell (what the reader materialises). */
  cells: number;
  /** Uncompressed bytes of any one part: ExcelJS holds each as one string, which V8 caps near 512 MB. */
  partBytes: number;
}

export const XLSX_LIMITS: ScanLimits = {
  rows: Math.min(BUDGETS.cliInputRows, EXCEL_ROWS - 1),
  columns: BUDGETS.columns,
  cells: 50_000_000,
  partBytes: 500 * 2 ** 20,
};

/** What a scan saw, for tests and benchmarks: the bytes inflated and the rows counted before it stopped. */
export interface ScanFigures {
  inflated: number;
  rows: number;
}

interface Entry {
  name: string;
  method: number;
  compressed: number;
  localOffset: number;
}

/** The package's entries from its central directory, or null when it is not a ZIP this can read. */
function entries(fd: number, size: number): Entry[] | null {
  const tailLength = Math.min(size, 22 + 65_535);
  const tail = Buffer.alloc(tailLength);
  readSync(fd, tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) return null;
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && eocd >= 20 && tail.readUInt32LE(eocd - 20) === 0x07064b50) {
    const rec = Buffer.alloc(56);
    readSync(fd, rec, 0, 56, Number(tail.readBigUInt64LE(eocd - 12)));
    if (rec.readUInt32LE(0) !== 0x06064b50) return null;
    count = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size || cdSize > 64 * 2 ** 20) return null;
  const cd = Buffer.alloc(cdSize);
  readSync(fd, cd, 0, cdSize, cdOffset);
  const out: Entry[] = [];
  let p = 0;
  for (let k = 0; k < count && p + 46 <= cdSize; k++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let compressed = cd.readUInt32LE(p + 20);
    let localOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString("utf8", p + 46, p + 46 + nameLength).replace(/^\//, "");
    // ZIP64: the fields that overflowed are in extra field 0x0001, in this order
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = cd.readUInt16LE(e);
      const len = cd.readUInt16LE(e + 2);
      if (id === 1) {
        let q = e + 4;
        if (cd.readUInt32LE(p + 24) === 0xffffffff) q += 8;
        if (compressed === 0xffffffff) { compressed = Number(cd.readBigUInt64LE(q)); q += 8; }
        if (localOffset === 0xffffffff) localOffset = Number(cd.readBigUInt64LE(q));
      }
      e += 4 + len;
    }
    out.push({ name, method: cd.readUInt16LE(p + 10), compressed, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Inflates one entry a piece at a time, handing each piece to `visit`; a throw from `visit` stops the read. */
async function inflateEntry(path: string, fd: number, entry: Entry, visit: (piece: Buffer) => void): Promise<void> {
  const header = Buffer.alloc(30);
  readSync(fd, header, 0, 30, entry.localOffset);
  if (header.readUInt32LE(0) !== 0x04034b50 || entry.compressed === 0) return;
  const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const source = createReadStream(path, { start, end: start + entry.compressed - 1, highWaterMark: 2 ** 20 });
  const stream = entry.method === 8 ? source.pipe(createInflateRaw({ chunkSize: 2 ** 18 })) : source;
  source.on("error", (e) => stream.destroy(e));
  try {
    for await (const piece of stream) visit(piece as Buffer);
  } finally {
    source.destroy();
    stream.destroy();
  }
}

/** A small part's text (workbook.xml, its relationships), or "" when it is absent or larger than a megabyte. */
async function smallPart(path: string, fd: number, all: Entry[], name: string): Promise<string> {
  const entry = all.find((e) => e.name === name);
  if (!entry || (entry.method !== 0 && entry.method !== 8)) return "";
  const pieces: Buffer[] = [];
  let bytes = 0;
  try {
    await inflateEntry(path, fd, entry, (piece) => {
      bytes += piece.length;
      if (bytes > 2 ** 20) throw new RangeError("too large");
      pieces.push(piece);
    });
  } catch {
    return "";
  }
  return Buffer.concat(pieces).toString("utf8");
}

const unescapeXml = (s: string): string => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);
const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const R_ATTR = /\sr="([^"]*)"/;

/** Sheet names by part ("xl/worksheets/sheet1.xml" → "Accounts"), from the workbook and its relationships. */
async function sheetNames(path: string, fd: number, all: Entry[]): Promise<Map<string, string>> {
  const rels = await smallPart(path, fd, all, "xl/_rels/workbook.xml.rels");
  const workbook = await smallPart(path, fd, all, "xl/workbook.xml");
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
    const name = attr(m[0], "name");
    const id = attr(m[0], "r:id") ?? /\s\w+:id="([^"]*)"/.exec(m[0])?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name !== undefined && part) names.set(part, unescapeXml(name));
  }
  return names;
}

/** The column number of a cell reference's letters ("XFD1" → 16,384), or 0 when it has none. */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i) & ~32; // upper case
    if (k < 65 || k > 90) break;
    c = c * 26 + (k - 64);
  }
  return c;
}

/**
 * Counts a sheet's rows and cells as its XML arrives: a row's number is its r attribute or the one after the last,
 * a cell's column its reference or the one after the last. Tags cut by a piece's end are carried to the next.
 */
class SheetCounter {
  row = 0;
  private column = 0;
  private width = 0;
  private cells = 0;
  private carry = "";

  constructor(private readonly where: string, private readonly limits: ScanLimits) {}

  private refuse(what: string): never {
    throw new CliError(`${this.where}: ${what}; split the sheet, or use the warehouse path`);
  }

  private endRow(): void {
    this.cells += this.width;
    if (this.cells > this.limits.cells) this.refuse(`row ${fmtCount(this.row)} passes ${fmtCount(this.limits.cells)} cells (the rows that hold values, each as wide as its last cell), the most XSELL reads from one sheet`);
    this.width = 0;
  }

  private startRow(tag: string): void {
    this.endRow();
    const r = R_ATTR.exec(tag)?.[1];
    this.row = r !== undefined && /^\d+$/.test(r) ? Number(r) : this.row + 1;
    this.column = 0;
    if (this.row > EXCEL_ROWS) this.refuse(`row ${fmtCount(this.row)} is past an Excel sheet's last row (${fmtCount(EXCEL_ROWS)})`);
    if (this.row > this.limits.rows + 1) this.refuse(`row ${fmtCount(this.row)} is past the rows budget: XSELL reads at most ${fmtCount(this.limits.rows)} data rows below the header`);
  }

  private cell(tag: string): void {
    const r = R_ATTR.exec(tag)?.[1];
    const c = r !== undefined ? columnOf(r) : 0;
    this.column = c > 0 ? c : this.column + 1;
    if (this.column > this.limits.columns) this.refuse(`row ${fmtCount(this.row)} has a cell in column ${fmtCount(this.column)}, past the ${fmtCount(this.limits.columns)} columns XSELL reads (an Excel sheet's width)`);
    if (this.column > this.width) this.width = this.column;
  }

  push(piece: Buffer): void {
    // latin1 keeps one character per byte: tags and their attributes are ASCII
    const text = this.carry + piece.toString("latin1");
    let i = text.indexOf("<");
    let done = 0;
    while (i >= 0) {
      const end = text.indexOf(">", i);
      if (end < 0) break;
      done = end + 1;
      const k = text.charCodeAt(i + 1);
      if (k !== 47 && k !== 63 && k !== 33) { // not an end tag, a declaration or a comment
        let nameStart = i + 1;
        let nameEnd = nameStart;
        while (nameEnd < end) {
          const ch = text.charCodeAt(nameEnd);
          if (ch === 32 || ch === 47 || ch === 9 || ch === 10 || ch === 13) break;
          if (ch === 58) nameStart = nameEnd + 1; // a namespace prefix (x:row)
          nameEnd++;
        }
        const len = nameEnd - nameStart;
        if (len === 1 && text.charCodeAt(nameStart) === 99) this.cell(text.slice(i, end));
        else if (len === 3 && text.startsWith("row", nameStart)) this.startRow(text.slice(i, end));
      }
      i = text.indexOf("<", done);
    }
    this.carry = i >= 0 ? text.slice(i) : "";
    if (this.carry.length > 2 ** 20) this.refuse("a tag runs past a megabyte");
  }

  end(): void {
    this.endRow();
  }
}

/**
 * Refuses the workbook at `path` when any of its sheets passes the rows, columns or cells limit, or any part
 * passes the bytes limit, before anything is materialised. Every sheet is checked: ExcelJS loads them all.
 */
export async function scanXlsx(path: string, limits: ScanLimits = XLSX_LIMITS): Promise<ScanFigures> {
  const figures: ScanFigures = { inflated: 0, rows: 0 };
  const fd = openSync(path, "r");
  try {
    const all = entries(fd, fstatSync(fd).size);
    if (!all) return figures;
    const names = await sheetNames(path, fd, all);
    for (const entry of all) {
      if (entry.name.endsWith("/") || (entry.method !== 0 && entry.method !== 8)) continue;
      const isSheet = /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name);
      const where = `${path} › ${isSheet ? names.get(entry.name) ?? entry.name : entry.name}`;
      const counter = isSheet ? new SheetCounter(where, limits) : null;
      let bytes = 0;
      await inflateEntry(path, fd, entry, (piece) => {
        bytes += piece.length;
        figures.inflated += piece.length;
        if (bytes > limits.partBytes) throw new CliError(`${where}: the part holds more than ${fmtCount(limits.partBytes / 2 ** 20)} MB uncompressed${counter ? ` (at row ${fmtCount(counter.row)})` : ""}, more than XSELL reads from one part of a workbook; split it, or use the warehouse path`);
        counter?.push(piece);
      }).catch((e: unknown) => {
        // a damaged stream is ExcelJS's to report; a budget is ours
        if (e instanceof CliError) throw e;
      });
      counter?.end();
      if (counter) figures.rows = Math.max(figures.rows, counter.row);
    }
  } finally {
    closeSync(fd);
  }
  return figures;
}
