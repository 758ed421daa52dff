/**
 * Delimited text as companies export it: UTF-8 with or without a BOM, UTF-16 LE/BE with a BOM, Windows-1252 when
 * the bytes are not valid UTF-8; `,` `;` tab or `|` as the delimiter (detected); CRLF or LF; RFC 4180 quoting.
 * Every value stays text (the core decides numbers and dates per column). A quote that never closes, or that
 * swallows whole rows, is refused with the line it opened on: never a silently merged account.
 */
import { BUDGETS, fmtCount } from "../core/limits";
import { CliError } from "./io";

export type Delimiter = "," | ";" | "\t" | "|";

export interface DecodedText {
  readonly text: string;
  /** "UTF-8", "UTF-8 with BOM", "UTF-16 LE", "UTF-16 BE" or "Windows-1252". */
  readonly encoding: string;
}

/** Decodes a file's bytes, naming the encoding it found. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "UTF-8 with BOM" };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16 LE" };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "UTF-16 BE" };
  // UTF-16 without a BOM: every other byte of ASCII text is zero
  if (bytes.length >= 4) {
    const n = Math.min(bytes.length & ~1, 2000);
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenZero++;
      if (bytes[i + 1] === 0) oddZero++;
    }
    if (oddZero > n / 4 && evenZero === 0) return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "UTF-16 LE" };
    if (evenZero > n / 4 && oddZero === 0) return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "UTF-16 BE" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "UTF-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "Windows-1252" };
  }
}

/** Windows-1252's 0x80–0x9F (Node's TextDecoder reads the label as Latin-1, where those bytes are controls). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    const codes = new Array<string>(chunk.length);
    for (let j = 0; j < chunk.length; j++) {
      const b = chunk[j];
      codes[j] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    }
    out += codes.join("");
  }
  return out;
}

const CANDIDATES: Delimiter[] = [",", ";", "\t", "|"];

/** The delimiter that splits the first lines (outside quotes) into the same number of fields, most fields first. */
export function detectDelimiter(text: string): Delimiter {
  const lines: string[] = [];
  let line = "";
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < 30; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "\n" || ch === "\r")) {
      if (line.trim() !== "") lines.push(line);
      line = "";
      continue;
    }
    line += quoted && ch !== '"' ? "" : ch;
  }
  if (line.trim() !== "") lines.push(line);
  let best: Delimiter = ",";
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    // rows agreeing with the header's count (footers and title lines may not), weighted by how many fields
    const agreeing = counts.filter((c) => c === header).length;
    const score = agreeing * 1000 + header;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export interface ParsedCsv {
  readonly rows: string[][];
  readonly delimiter: Delimiter;
}

/** Parses delimited text (the delimiter detected unless given); throws CliError naming the line of a broken quote. */
export function parseCsv(input: string, delimiter?: Delimiter, label = "the file"): string[][] {
  return parseDelimited(input, delimiter, label).rows;
}

export function parseDelimited(input: string, delimiter?: Delimiter, label = "the file"): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const d = delimiter ?? detectDelimiter(text);
  const parser = new DelimitedParser(d, label);
  parser.push(text);
  return { rows: parser.end(), delimiter: d };
}

/** Columns whose values repeat (a product, a segment) share one string per distinct value up to this many values. */
const INTERN_LIMIT = 256;

/**
 * RFC 4180 parsing fed in pieces (a file read a chunk at a time): unquoted fields are sliced out whole, a quote
 * opens a field only where the field is still blank, `""` inside quotes is one quote, CRLF, LF or CR end a row.
 * Values that repeat in a column share one string, so a long file's product and status columns cost one string each.
 */
export class DelimitedParser {
  readonly rows: string[][] = [];
  /** The row being read: its first `width` fields. */
  private readonly scratch: string[] = [];
  private width = 0;
  /** Each column's value on the row before (a long table repeats its account row after row). */
  private readonly prev: string[] = [];
  private field = "";
  private quoted = false;
  /** A quote ended the last piece inside a quoted field: the next character says whether it closes it. */
  private quotePending = false;
  /** A CR ended the last piece: an LF starting the next belongs to it. */
  private skipLF = false;
  private quoteLine = 0;
  private quoteBreaks = 0;
  private quoteDelims = 0;
  private line = 1;
  private headerFields = 0;
  private readonly dcode: number;
  private readonly seen: (Map<string, string> | null)[] = [];

  /**
   * `maxDataRows` is the input rows budget (a file, not a sheet: BUDGETS.cliInputRows); tests lower it to reach it
   * without a ten-million-row file.
   */
  constructor(delimiter: Delimiter, private readonly label: string, private readonly maxDataRows: number = BUDGETS.cliInputRows) {
    this.dcode = delimiter.charCodeAt(0);
  }

  private closeQuote(): void {
    this.quoted = false;
    // a quoted field that spans lines holding a header's worth of delimiters is rows swallowed by a stray quote
    if (this.quoteBreaks > 0 && this.headerFields > 1 && this.quoteDelims >= this.headerFields - 1) {
      throw new CliError(`${this.label}: the quoted field that opens on line ${this.quoteLine} runs to line ${this.line} and swallows what look like whole rows; a quote on line ${this.quoteLine} is probably unbalanced`);
    }
  }

  private pushField(): void {
    const col = this.width;
    let v = this.field;
    this.field = "";
    const prev = this.prev[col];
    if (v === prev) v = prev;
    else {
      let seen = this.seen[col];
      if (seen === undefined) seen = this.seen[col] = new Map();
      const hit = seen === null ? undefined : seen.get(v);
      if (hit !== undefined) v = hit;
      else {
        // a long value sliced from the text would keep the whole chunk alive; a copy of its own lets it go
        if (v.length >= 13) v = (" " + v).slice(1);
        if (seen !== null) {
          if (seen.size < INTERN_LIMIT) seen.set(v, v);
          else this.seen[col] = null;
        }
      }
      this.prev[col] = v;
    }
    this.scratch[this.width++] = v;
  }

  private endRow(): void {
    this.pushField();
    // rows sized exactly: an array grown by push holds room for 17 values, four times a long table's four
    // stop at the first row past the budget: a file past it is refused at that row, not parsed whole first
    this.checkRowBudget();
    this.rows.push(this.scratch.slice(0, this.width));
    this.width = 0;
    if (this.rows.length === 1) this.headerFields = this.rows[0].length;
    this.line++;
  }

  push(text: string): void {
    const n = text.length;
    const d = this.dcode;
    let i = 0;
    if (n === 0) return;
    if (this.skipLF) {
      this.skipLF = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    if (this.quotePending) {
      this.quotePending = false;
      if (text.charCodeAt(0) === 34) {
        this.field += '"';
        i = 1;
      } else this.closeQuote();
    }
    while (i < n) {
      if (this.quoted) {
        const q = text.indexOf('"', i);
        const stop = q < 0 ? n : q;
        for (let k = i; k < stop; k++) {
          const c = text.charCodeAt(k);
          if (c === 10) {
            this.line++;
            this.quoteBreaks++;
          } else if (c === d) this.quoteDelims++;
        }
        this.field += text.slice(i, stop);
        if (q < 0) return;
        if (q + 1 >= n) {
          this.quotePending = true;
          return;
        }
        if (text.charCodeAt(q + 1) === 34) {
          this.field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        this.closeQuote();
        continue;
      }
      let j = i;
      let c = 0;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === d || c === 10 || c === 13 || c === 34) break;
        j++;
      }
      if (j > i) this.field = this.field === "" ? text.slice(i, j) : this.field + text.slice(i, j);
      if (j >= n) return;
      if (c === 34) {
        if (this.field.trim() === "") {
          this.quoted = true;
          this.quoteLine = this.line;
          this.quoteBreaks = 0;
          this.quoteDelims = 0;
          this.field = "";
        } else this.field += '"';
        i = j + 1;
      } else if (c === d) {
        this.pushField();
        i = j + 1;
      } else {
        this.endRow();
        if (c === 13) {
          if (j + 1 >= n) {
            this.skipLF = true;
            return;
          }
          i = text.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
        } else i = j + 1;
      }
    }
  }

  private checkRowBudget(): void {
    if (this.rows.length > this.maxDataRows) throw new CliError(`${this.label}: line ${fmtCount(this.line)} is past the rows budget: XSELL reads at most ${fmtCount(this.maxDataRows)} data rows of a file in memory; split or total the file first, or read ownership, retention and subscriptions of any size with --engine duckdb`);
  }

  /** The rows read; throws CliError when a quote never closed. */
  end(): string[][] {
    if (this.quotePending) {
      this.quotePending = false;
      this.closeQuote();
    }
    if (this.quoted) throw strayQuote(this.label, this.quoteLine);
    if (this.field !== "" || this.width > 0) {
      this.pushField();
      this.checkRowBudget();
      this.rows.push(this.scratch.slice(0, this.width));
      this.width = 0;
    }
    return this.rows;
  }
}

function strayQuote(label: string, line: number): CliError {
  return new CliError(`${label}: the quote that opens a field on line ${line} is never closed, so the rest of the file would be read as one value; fix or remove that quote`);
}

export const DELIMITER_NAMES: Record<Delimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };
