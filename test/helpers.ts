import { XsellError } from "../core/errors";

/** The XsellError `f` throws; fails the test when it throws nothing or something else. */
export function thrown(f: () => unknown): XsellError {
  try {
    f();
  } catch (e) {
    if (e instanceof XsellError) return e;
    throw new Error(`expected an XsellError, got ${String(e)}`);
  }
  throw new Error("expected an error, got none");
}
