/**
 * The Excel wrappers' one door into the core: callCore prepares the arguments (excel-args.ts: data types, error
 * cells, blanks that arrived as 0, 1904 dates), calls the catalog function and turns failures into
 * CustomFunctions.Error values whose reason Excel can show.
 *
 * Excel shows a custom message only on #VALUE! and #N/A (CustomFunctionsRuntime 1.3), so the core's other two
 * codes are mapped by meaning, keeping the message:
 *  - #NUM!   → #VALUE!  the input is out of range or too large (a score above 100, a sum that overflows);
 *  - #DIV/0! → #N/A     the answer does not exist for this data (an empty cohort, a product nobody owns), the
 *                       same code as a too-thin attach rate, so IFNA() handles all three.
 * Messages name the function as the user typed it (XSELL.NRR, not the Sheets name) and are cut to 255 characters.
 * A single-value function that asks for its arguments' addresses answers a 1×1 array (see takesAddresses).
 */
import { XsellError, type XsellErrorCode } from "../../core/errors";
import { ArgError, prepareArgs, takesAddresses, type ExcelSpec } from "./excel-args";

/** Excel shows at most this much of an error message in the cell's tooltip. */
const MAX_MESSAGE = 255;

/** What Excel shows for each core code: only #VALUE! and #N/A carry a message. */
export const EXCEL_CODE: Record<XsellErrorCode, "#VALUE!" | "#N/A"> = {
  "#VALUE!": "#VALUE!",
  "#N/A": "#N/A",
  "#NUM!": "#VALUE!",
  "#DIV/0!": "#N/A",
};

function excelMessage(message: string): string {
  const m = message.replace(/^XSELL_([A-Z][A-Z0-9_]*):/, "XSELL.$1:");
  return m.length > MAX_MESSAGE ? `${m.slice(0, MAX_MESSAGE - 1)}…` : m;
}

function excelError(code: "#VALUE!" | "#N/A", message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(code === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue, excelMessage(message));
}

export function toExcelError(e: unknown): CustomFunctions.Error {
  if (e instanceof XsellError) return excelError(EXCEL_CODE[e.code], e.message);
  if (e instanceof ArgError) return excelError(e.code, e.message);
  if (e instanceof CustomFunctions.Error) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return excelError("#VALUE!", `XSELL: unexpected error (${detail})`);
}

/** Calls a catalog function (its spec as the generated wrapper carries it) with Excel's arguments; rejects with a CustomFunctions.Error. */
export async function callCore(spec: ExcelSpec, fn: (...args: unknown[]) => unknown, args: unknown[], invocation?: CustomFunctions.Invocation): Promise<unknown> {
  try {
    const ready = await prepareArgs(spec, args, invocation);
    const result = fn(...ready.map((a) => (a === null ? undefined : a)));
    return spec.result === "value" && takesAddresses(spec) ? [[result]] : result;
  } catch (e) {
    throw toExcelError(e);
  }
}
