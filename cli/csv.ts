/**
 * Delimited text as companies export it: UTF-8 with or without a BOM, UTF-16 LE/BE with a BOM, Windows-1252 when
 * the bytes are not valid UTF-8; `,` `;` tab or `|` as the delimiter (detected); CRLF or LF; RFC 4180 quoting.
 * Every value stays text (the core decides numbers and dates per column). A quote that never closes, or that
 * swallows whole rows, is refused with the line it opened on: never a silently merged account.
 */
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

function decodeWindows1252(bytes: Uint8Array): string {
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
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let quoteLine = 0;
  let quoteBreaks = 0;
  let quoteDelims = 0;
  let line = 1;
  let headerFields = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        // a quoted field that spans lines holding a header's worth of delimiters is rows swallowed by a stray quote
        if (quoteBreaks > 0 && headerFields > 1 && quoteDelims >= headerFields - 1) {
          throw new CliError(`${label}: the quoted field that opens on line ${quoteLine} runs to line ${line} and swallows what look like whole rows; a quote on line ${quoteLine} is probably unbalanced`);
        }
        i++;
        continue;
      }
      if (ch === "\n") {
        line++;
        quoteBreaks++;
      } else if (ch === d) quoteDelims++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      quoted = true;
      quoteLine = line;
      quoteBreaks = 0;
      quoteDelims = 0;
      field = "";
      i++;
    } else if (ch === d) {
      row.push(field);
      field = "";
      i++;
    } else if (ch === "\n" || ch === "\r") {
      row.push(field);
      rows.push(row);
      if (rows.length === 1) headerFields = row.length;
      row = [];
      field = "";
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw strayQuote(label, quoteLine);
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { rows, delimiter: d };
}

function strayQuote(label: string, line: number): CliError {
  return new CliError(`${label}: the quote that opens a field on line ${line} is never closed, so the rest of the file would be read as one value; fix or remove that quote`);
}

export const DELIMITER_NAMES: Record<Delimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };
