/**
 * Reading a table's columns: which field each header is, and how its values are written. Each column decides
 * its own conventions from the values that prove them (a date part above 12, a separator that can only be
 * decimal), falls back to a stated default when nothing proves them, and converts its text cells once into
 * the canonical forms every reader accepts (numbers, and dates as Excel serials). Unreadable cells are left
 * as they are, counted, and read as missing downstream.
 */
import { valueError } from "../errors";
import { fieldType, type Field, type FieldType } from "../headers";
import { assignFields } from "./fields";

export { assignFields, columnLetter } from "./fields";
import * as values from "../values";
import * as cells from "./cells";

// What the per-cell loops call, bound once: run through tsx (the CLI), another module's export is a getter called
// on every use, about a second over the 23 million cells of a million-account report
const { isBlank, isErrorValue, showValue, toText, yesNoWord } = values;
const { dateText, dayOfDateNumber, dayOfDateText, decimalProof, numberText, parseNumberText, plainIsoDay, plainKind, plainNumber, plainProof, serialOfDay, PLAIN_DIGITS, PLAIN_ISO, PLAIN_NONE } = cells;
type CellValue = values.CellValue;
type DateOrder = cells.DateOrder;
type DateText = cells.DateText;
type Decimal = cells.Decimal;
type NumberText = cells.NumberText;

export interface ReadOptions {
  /** Day/month order for slash or dash dates that prove neither (default month first; dotted dates are day first). */
  readonly dateOrder?: DateOrder;
  /** Decimal separator for numbers that prove neither (`1.200`, `1,200`); default ".". */
  readonly decimal?: Decimal;
  /** Serial numbers in date columns count from 1904-01-01 (Excel's 1904 date system). */
  readonly date1904?: boolean;
  /** Field → column index, or null for "not in this table": the user's mapping, over what headers say. */
  readonly columns?: Partial<Record<Field, number | null>>;
  /**
   * The caller hands its row arrays over (rows it parsed itself, never a host's range): converted cells are written
   * into them instead of into copies, so a large file is held once.
   */
  readonly inPlace?: boolean;
  /** Data rows this read may hold: a sheet's height for a host's range (default), BUDGETS.cliInputRows for a file. */
  readonly maxRows?: number;
}

export type ReadAs = "text" | "numbers" | "numbers, decimal comma" | "dates" | "dates, month first" | "dates, day first" | "yes/no" | "empty";

export interface ColumnReport {
  /** 0-based position in the range. */
  readonly index: number;
  readonly header: string;
  /** The field it is read as; null when ignored. */
  readonly field: Field | null;
  readonly readAs: ReadAs;
  /** The first non-blank value, as text. */
  readonly sample: string;
  /** Cells that could not be read as the column's kind (counted as missing). */
  readonly unreadable: number;
  /** Ignored and why, conventions chosen by default, unreadable cells: one or more sentences. */
  readonly note: string;
}

interface Kinded {
  readAs: ReadAs;
  unreadable: number;
  notes: string[];
}

const YES_NO = 1;
const OTHER = 2;

/** Writes a converted cell (the caller copies a row before its first write, so users' arrays stay as given). */
type Put = (row: number, col: number, value: CellValue) => void;

const YES_NO_TYPES: ReadonlySet<FieldType> = new Set(["yesno"]);

/** Where a cell is, for messages: `row 7 "13/04/2026"`. */
const at = (rowNumber: number, v: CellValue): string => `row ${rowNumber} ${showValue(v)}`;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/**
 * Decides a column's kind and rewrites its cells in `rows` (a copy the caller owns) into canonical values.
 * `rowNumbers` give each row's number in the user's range, for messages.
 */
function readColumn(fn: string, header: string, field: Field | null, col: number, rows: CellValue[][], rowNumbers: number[], o: ReadOptions, put: Put): Kinded {
  const type: FieldType | null = field ? fieldType(field) : null;
  if (field === "Support Level") return readLevels(col, rows, put);
  if (type === "id" || type === "text") return { readAs: "text", unreadable: 0, notes: [] };
  let blanks = 0;
  let errors = 0;
  let numbers = 0;
  let dateObjects = 0;
  let bools = 0;
  let yesNoText = 0;
  let binaryText = 0;
  let textNumbers = 0;
  let textDates = 0;
  let numericDates = 0;
  let dottedDates = 0;
  let other = 0;
  let proofDmy = -1;
  let proofMdy = -1;
  let proofComma = -1;
  let proofDot = -1;
  let binaryNumbers = 0;
  /** Whether any text cell holds a "." or ",", for the note on numbers whose separator nothing proves. */
  let separators = false;
  const plainWords = new Map<string, number>();
  const n = rows.length;
  for (let r = 0; r < n; r++) {
    const v = rows[r][col];
    if (typeof v === "number") {
      numbers++;
      if (v === 0 || v === 1) binaryNumbers++;
      continue;
    }
    if (typeof v === "string") {
      if (!separators && (v.indexOf(".") >= 0 || v.indexOf(",") >= 0)) separators = true;
      // most cells of a large export are plain numbers or ISO dates: classified without allocating
      const kind = plainKind(v);
      if (kind !== PLAIN_NONE) {
        if (kind === PLAIN_ISO) textDates++;
        else if (kind === PLAIN_DIGITS) {
          if (v === "0" || v === "1") binaryText++; // a number and a yes/no at once: the rest of the column decides
          else textNumbers++;
        } else {
          textNumbers++;
          const p = plainProof(v, kind);
          if (p === "," && proofComma < 0) proofComma = r;
          if (p === "." && proofDot < 0) proofDot = r;
        }
        continue;
      }
    }
    if (isBlank(v)) {
      blanks++;
      continue;
    }
    if (isErrorValue(v)) {
      errors++;
      continue;
    }
    if (v instanceof Date) {
      dateObjects++;
      continue;
    }
    if (typeof v === "boolean") {
      bools++;
      continue;
    }
    const s = v as string;
    // repeated words ("Yes", "Low", a champion's name) are classified once per column
    const known = plainWords.get(s);
    if (known !== undefined) {
      if (known === YES_NO) yesNoText++;
      else other++;
      continue;
    }
    const trimmed = s.trim();
    if (trimmed === "0" || trimmed === "1") {
      binaryText++; // a number and a yes/no at once: the rest of the column decides
      continue;
    }
    if (yesNoWord(s) !== null) {
      yesNoText++;
      if (plainWords.size < 256) plainWords.set(s, YES_NO);
      continue;
    }
    const d = dateText(s);
    if (d) {
      textDates++;
      if (d.day === null) {
        numericDates++;
        if (d.sep === ".") dottedDates++;
        if (d.proves === "dmy" && proofDmy < 0) proofDmy = r;
        if (d.proves === "mdy" && proofMdy < 0) proofMdy = r;
      }
      continue;
    }
    const t = numberText(s);
    if (t) {
      textNumbers++;
      const p = decimalProof(t.body);
      if (p === "," && proofComma < 0) proofComma = r;
      if (p === "." && proofDot < 0) proofDot = r;
      continue;
    }
    other++;
    if (plainWords.size < 256) plainWords.set(s, OTHER);
  }
  const filled = n - blanks - errors;
  const notes: string[] = [];
  if (errors > 0) notes.push(`${plural(errors, "error cell")} counted as missing`);
  if (filled === 0) return { readAs: "empty", unreadable: 0, notes: [...notes, "no values"] };

  const asDates = type === "date" || (type === null && dateObjects + textDates >= 0.9 * filled && dateObjects + textDates > 0);
  const asYesNo = !asDates && (type === "yesno" || ((type === "signal" || type === null) && bools + yesNoText + binaryText + binaryNumbers === filled && bools + yesNoText > 0));
  const asNumbers = !asDates && !asYesNo && (type === "number" || ((type === null || type === "signal") && numbers + textNumbers + binaryText >= 0.9 * filled));
  if (asYesNo) {
    const bad = YES_NO_TYPES.has(type as FieldType) ? filled - bools - yesNoText - binaryText - binaryNumbers : 0;
    return finish({ readAs: "yes/no", unreadable: Math.max(0, bad), notes }, rows, col, rowNumbers, (v) => typeof v === "boolean" || typeof v === "number" || (typeof v === "string" && yesNoWord(v) !== null));
  }
  if (asDates) {
    if (proofDmy >= 0 && proofMdy >= 0) {
      throw valueError(fn, `column "${header}" has dates in both orders: ${at(rowNumbers[proofDmy], rows[proofDmy][col])} can only be day first, ${at(rowNumbers[proofMdy], rows[proofMdy][col])} only month first; fix one of them`);
    }
    let order: DateOrder;
    if (proofDmy >= 0) order = "dmy";
    else if (proofMdy >= 0) order = "mdy";
    else {
      order = dottedDates > 0 && dottedDates === numericDates ? "dmy" : (o.dateOrder ?? "mdy");
      if (numericDates > 0) notes.push(`no value shows the day/month order (no part above 12): read ${order === "dmy" ? "day first" : "month first"}, the ${dottedDates === numericDates ? "convention for dotted dates" : "default for this table"}`);
    }
    if (proofDmy >= 0 || proofMdy >= 0) {
      const r = proofDmy >= 0 ? proofDmy : proofMdy;
      notes.push(`${order === "dmy" ? "day" : "month"} first, as ${at(rowNumbers[r], rows[r][col])} shows`);
    }
    const readAs: ReadAs = numericDates > 0 ? (order === "dmy" ? "dates, day first" : "dates, month first") : "dates";
    let unreadable = 0;
    for (let r = 0; r < n; r++) {
      const v = rows[r][col];
      if (v instanceof Date || isBlank(v) || isErrorValue(v)) continue;
      let day: number | null = null;
      if (typeof v === "number") {
        // a 1900-system serial is already the canonical form: leave the row alone (no copy at a million rows)
        if (!o.date1904 && v >= 1 && v <= 2958465) continue;
        day = dayOfDateNumber(v, o.date1904 === true);
      }
      else if (typeof v === "string") {
        const plain = plainIsoDay(v);
        if (plain !== null) {
          put(r, col, serialOfDay(plain));
          continue;
        }
        const d: DateText | null = dateText(v);
        if (d) day = dayOfDateText(d, order);
        else if (/^\s*\d+(\.\d+)?\s*$/.test(v)) day = dayOfDateNumber(Number(v), o.date1904 === true); // a serial or yyyymmdd written as text
      }
      if (day === null) unreadable++;
      else put(r, col, serialOfDay(day));
    }
    return finish({ readAs, unreadable, notes }, rows, col, rowNumbers, (v) => typeof v === "number" || v instanceof Date);
  }
  if (asNumbers) {
    let decimal: Decimal;
    if (proofComma >= 0 && proofDot >= 0) {
      decimal = countProofs(rows, col, ",") >= countProofs(rows, col, ".") ? "," : ".";
      const r = decimal === "," ? proofDot : proofComma;
      notes.push(`mixed decimal separators: read with a decimal ${decimal === "," ? "comma" : "point"}; cells written the other way, such as ${at(rowNumbers[r], rows[r][col])}, are unreadable`);
    } else if (proofComma >= 0) decimal = ",";
    else if (proofDot >= 0) decimal = ".";
    else {
      decimal = o.decimal ?? ".";
      if (textNumbers > 0 && separators) notes.push(`no value shows the decimal separator: read with a decimal ${decimal === "," ? "comma (1.200 is 1200)" : "point (1,200 is 1200)"}, the default for this table`);
    }
    let unreadable = 0;
    for (let r = 0; r < n; r++) {
      const v = rows[r][col];
      if (typeof v !== "string") continue;
      const kind = plainKind(v);
      if (kind !== PLAIN_NONE && kind !== PLAIN_ISO) {
        const value = plainNumber(v, kind, decimal);
        if (value === null) unreadable++;
        else put(r, col, value);
        continue;
      }
      if (isBlank(v) || isErrorValue(v)) continue;
      const t: NumberText | null = numberText(v);
      // an NPS written "45%" means 45 points, not 0.45 (NPS runs from −100 to 100)
      const value = t ? parseNumberText(field === "NPS" && t.percent ? { ...t, percent: false } : t, decimal) : null;
      if (value === null) unreadable++;
      else put(r, col, value);
    }
    for (let r = 0; r < n; r++) {
      const v = rows[r][col];
      if (typeof v === "boolean" || v instanceof Date) unreadable++;
    }
    const readAs: ReadAs = textNumbers > 0 && decimal === "," ? "numbers, decimal comma" : "numbers";
    return finish({ readAs, unreadable, notes }, rows, col, rowNumbers, (v) => typeof v === "number");
  }
  return { readAs: "text", unreadable: 0, notes };
}

/** Low/Medium/High as exports write them in other languages or short: read as the words the models test. */
const LEVELS: Record<string, string> = {
  low: "Low", l: "Low", lo: "Low", niedrig: "Low", gering: "Low", faible: "Low", bas: "Low", bajo: "Low", basso: "Low", laag: "Low",
  medium: "Medium", med: "Medium", m: "Medium", mid: "Medium", moderate: "Medium", mittel: "Medium", moyen: "Medium", moyenne: "Medium", medio: "Medium", gemiddeld: "Medium",
  high: "High", h: "High", hi: "High", hoch: "High", "élevé": "High", eleve: "High", "élevée": "High", haut: "High", alto: "High", hoog: "High",
};

function readLevels(col: number, rows: CellValue[][], put: Put): Kinded {
  let renamed = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r][col];
    if (typeof v !== "string") continue;
    const word = v.trim().toLowerCase();
    const level = LEVELS[word];
    // the English words stay as written (the models compare ignoring case); others read as their English word
    if (level && word !== level.toLowerCase()) {
      put(r, col, level);
      renamed++;
    }
  }
  return { readAs: "text", unreadable: 0, notes: renamed > 0 ? [`${plural(renamed, "value")} read as Low/Medium/High (e.g. Niedrig = Low, Mittel = Medium)`] : [] };
}

function countProofs(rows: CellValue[][], col: number, d: Decimal): number {
  let k = 0;
  for (const row of rows) {
    const v = row[col];
    if (typeof v !== "string") continue;
    const t = numberText(v);
    if (t && decimalProof(t.body) === d) k++;
  }
  return k;
}

/** Adds the unreadable-cells note, naming the first few. */
function finish(k: Kinded, rows: CellValue[][], col: number, rowNumbers: number[], readable: (v: CellValue) => boolean): Kinded {
  if (k.unreadable === 0) return k;
  const shown: string[] = [];
  for (let r = 0; r < rows.length && shown.length < 3; r++) {
    const v = rows[r][col];
    if (isBlank(v) || isErrorValue(v) || readable(v)) continue;
    shown.push(at(rowNumbers[r], v));
  }
  k.notes.push(`${plural(k.unreadable, "unreadable cell")} counted as missing (${shown.join(", ")}${k.unreadable > shown.length ? ", …" : ""})`);
  return k;
}

/**
 * Reads every column of `rows` and reports each. Converted cells are written into copies of their rows:
 * `rows` (an array the caller owns) then holds those copies, while the user's row arrays stay untouched (unless
 * `o.inPlace`: then into the rows themselves).
 */
export function readColumns(fn: string, headers: string[], rows: CellValue[][], rowNumbers: number[], o: ReadOptions): { fields: (Field | null)[]; report: ColumnReport[] } {
  const { fields, notes } = assignFields(headers, o);
  const copied = o.inPlace ? null : new Uint8Array(rows.length);
  const put: Put = o.inPlace
    ? (r, c, v) => {
        rows[r][c] = v;
      }
    : (r, c, v) => {
        if (!copied![r]) {
          rows[r] = rows[r].slice();
          copied![r] = 1;
        }
        rows[r][c] = v;
      };
  const report: ColumnReport[] = headers.map((header, i) => {
    let sample = "";
    for (const row of rows) {
      const v = row[i];
      if (!isBlank(v) && !isErrorValue(v)) {
        sample = typeof v === "string" ? v.trim() : toText(v);
        break;
      }
    }
    if (sample.length > 40) sample = `${sample.slice(0, 39)}…`;
    const k = readColumn(fn, header, fields[i], i, rows, rowNumbers, o, put);
    const note = [notes[i], ...k.notes].filter(Boolean).join("; ");
    return { index: i, header, field: fields[i], readAs: k.readAs, sample, unreadable: k.unreadable, note };
  });
  return { fields, report };
}
