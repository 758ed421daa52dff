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

/** Runs a catalog function body and turns any stray exception into a #VALUE! that names the function. */
export function guard<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof XsellError) throw e;
    if (e instanceof RangeError) throw new XsellError("#NUM!", `${fn}: the input is too large to process (${e.message})`);
    const detail = e instanceof Error ? e.message : String(e);
    throw new XsellError("#VALUE!", `${fn}: unexpected input (${detail})`);
  }
}
