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

/** A number that overflowed (or a 0/0) must never reach a cell: find the first, if any. */
function firstNonFinite(result: unknown): number | null {
  if (typeof result === "number") return Number.isFinite(result) ? null : result;
  if (!Array.isArray(result)) return null;
  for (const row of result) {
    if (!Array.isArray(row)) continue;
    for (const v of row) if (typeof v === "number" && !Number.isFinite(v)) return v;
  }
  return null;
}

/**
 * Runs a catalog function body: a stray exception becomes a #VALUE! that names the function, and a result
 * holding NaN or Infinity (inputs near 1e308 overflow) becomes a #NUM! instead of a silent wrong number.
 */
export function guard<T>(fn: string, body: () => T): T {
  try {
    const result = body();
    const bad = firstNonFinite(result);
    if (bad !== null) throw new XsellError("#NUM!", `${fn}: a result is ${Number.isNaN(bad) ? "not a number" : "too large to represent"}; check for huge or zero inputs`);
    return result;
  } catch (e) {
    if (e instanceof XsellError) throw e;
    if (e instanceof RangeError) throw new XsellError("#NUM!", `${fn}: the input is too large to process (${e.message})`);
    const detail = e instanceof Error ? e.message : String(e);
    throw new XsellError("#VALUE!", `${fn}: unexpected input (${detail})`);
  }
}
