/**
 * The only translation the Excel wrappers do: `null` optional arguments become `undefined`, and an XsellError
 * becomes a CustomFunctions.Error with the matching ErrorCode and the same message. Excel serial dates need no
 * translation: the core reads numbers in date positions as serials.
 */
import { XsellError, type XsellErrorCode } from "../../core/errors";

/** Excel shows at most this much of an error message in the cell's tooltip. */
const MAX_MESSAGE = 255;

const CODES: Record<XsellErrorCode, CustomFunctions.ErrorCode> = {
  "#VALUE!": CustomFunctions.ErrorCode.invalidValue,
  "#N/A": CustomFunctions.ErrorCode.notAvailable,
  "#NUM!": CustomFunctions.ErrorCode.invalidNumber,
  "#DIV/0!": CustomFunctions.ErrorCode.divisionByZero,
};

export function toExcelError(e: unknown): CustomFunctions.Error {
  if (e instanceof XsellError) {
    const msg = e.message.length > MAX_MESSAGE ? `${e.message.slice(0, MAX_MESSAGE - 1)}…` : e.message;
    return new CustomFunctions.Error(CODES[e.code], msg);
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `XSELL: unexpected error (${detail})`.slice(0, MAX_MESSAGE));
}

export function callCore(fn: (...args: unknown[]) => unknown, args: unknown[]): unknown {
  try {
    return fn(...args.map((a) => (a === null ? undefined : a)));
  } catch (e) {
    throw toExcelError(e);
  }
}
