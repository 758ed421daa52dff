import { BUDGETS, capCellText, fmtCount } from "./limits";

/** Spreadsheet error codes the catalog may return; each maps 1:1 to an Excel ErrorCode. */
export type XsellErrorCode = "#VALUE!" | "#N/A" | "#NUM!" | "#DIV/0!";

/**
 * The only error the core throws on purpose. Hosts turn it into their own error value
 * (CustomFunctions.Error in Excel, a thrown Error in Sheets) with the same message.
 */
export class XsellError extends Error {
  readonly code: XsellErrorCode;
  constructor(code: XsellErrorCode, message: string) {
    super(message);
    this.name = "XsellError";
    this.code = code;
  }
  /** The text a user sees in a cell tooltip, e.g. `#VALUE! XSELL_SCORE: ...`. */
  override toString(): string {
    return `${this.code} ${this.message}`;
  }
}

export const valueError = (fn: string, msg: string): XsellError => new XsellError("#VALUE!", `${fn}: ${msg}`);
export const naError = (fn: string, msg: string): XsellError => new XsellError("#N/A", `${fn}: ${msg}`);
export const numError = (fn: string, msg: string): XsellError => new XsellError("#NUM!", `${fn}: ${msg}`);
export const divError = (fn: string, msg: string): XsellError => new XsellError("#DIV/0!", `${fn}: ${msg}`);

/** The sentence for a result that overflowed (or a 0/0): the same from a function and from a tab. */
export const nonFiniteError = (fn: string, bad: number): XsellError =>
  new XsellError("#NUM!", `${fn}: a result is ${Number.isNaN(bad) ? "not a number" : "too large to represent"}; check for huge or zero inputs`);

/**
 * Checks a result on its way out, in one pass: a NaN or Infinity is an error (never a silent wrong number), text
 * longer than a cell holds is cut with a note at its end, and a result past the output budgets is refused.
 */
function checkResult(fn: string, result: unknown): void {
  if (typeof result === "number") {
    if (!Number.isFinite(result)) throw nonFiniteError(fn, result);
    return;
  }
  if (!Array.isArray(result)) return;
  let cells = 0;
  let chars = 0;
  for (const row of result) {
    if (!Array.isArray(row)) continue;
    cells += row.length;
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (typeof v === "number") {
        if (!Number.isFinite(v)) throw nonFiniteError(fn, v);
      } else if (typeof v === "string") {
        chars += v.length;
        if (v.length > BUDGETS.cellChars) row[j] = capCellText(v);
      }
    }
  }
  if (cells > BUDGETS.outputCells) throw new XsellError("#VALUE!", `${fn}: the result has ${fmtCount(cells)} cells, more than the ${fmtCount(BUDGETS.outputCells)} one result may hold`);
  if (chars > BUDGETS.outputChars) throw new XsellError("#VALUE!", `${fn}: the result holds ${fmtCount(chars)} characters of text, more than the ${fmtCount(BUDGETS.outputChars)} one result may hold`);
}

/**
 * Runs a catalog function body: a stray exception becomes a #VALUE! that names the function, and a result
 * holding NaN or Infinity (inputs near 1e308 overflow) becomes a #NUM! instead of a silent wrong number.
 */
export function guard<T>(fn: string, body: () => T): T {
  try {
    const result = body();
    checkResult(fn, result);
    return result;
  } catch (e) {
    if (e instanceof XsellError) throw e;
    if (e instanceof RangeError) throw new XsellError("#NUM!", `${fn}: the input is too large to process (${e.message})`);
    const detail = e instanceof Error ? e.message : String(e);
    throw new XsellError("#VALUE!", `${fn}: unexpected input (${detail})`);
  }
}
