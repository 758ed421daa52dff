/**
 * Runs the built dist/excel/functions.js in a Node VM with a CustomFunctions shim, as Excel's runtime would, and
 * optionally a fake Office/Excel (test/fakes/excel-host.ts) so the shared runtime's Excel.run works.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { installFakeOffice, type FakeOfficeOptions, type FakeWorkbook } from "../fakes/excel-host";

export const DIST = join(__dirname, "..", "..", "dist", "excel");

export class ShimError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

export const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" };

export type CustomFunction = (...args: unknown[]) => Promise<unknown>;

/** Loads a fresh copy of the bundle (its caches, such as the workbook's date system, start empty). */
export function loadFunctions(host?: { workbook: FakeWorkbook; options?: FakeOfficeOptions }): Map<string, CustomFunction> {
  const associated = new Map<string, CustomFunction>();
  const CustomFunctions = { associate: (id: string, fn: CustomFunction) => associated.set(id, fn), Error: ShimError, ErrorCode };
  const sandbox: Record<string, unknown> = { CustomFunctions, console, Date, Math, JSON };
  if (host) installFakeOffice(sandbox, host.workbook, host.options);
  vm.runInNewContext(readFileSync(join(DIST, "functions.js"), "utf8"), sandbox);
  return associated;
}

/** What a call rejected with (or undefined when it resolved). */
export async function rejection(p: Promise<unknown>): Promise<ShimError | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e as ShimError;
  }
}

/** A JSON round trip: what crosses the bridge to Excel. */
export const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
