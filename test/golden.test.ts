/**
 * Golden files, one folder per case (test/golden/<FUNCTION>/<case>/): input.json holds the arguments and
 * expected.json the exact output. Arguments may be {"csv": "test/fixtures/frozen-sample/x.csv", "rows": N} (the
 * first N data rows with the header, from a frozen copy of the sample) or {"date": "2026-03-01"} (a JS Date at UTC
 * midnight, the core's form of a date cell). A mismatch writes actual.json beside the case (test/golden-case.ts);
 * accept an intended change with `npm run golden:accept -- <case folder>`, which shows the diff first.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { expectGolden } from "./golden-case";
import * as catalog from "../core/functions";
import { XsellError } from "../core/errors";
import { parseCsv } from "../cli/csv";

const ROOT = join(__dirname, "golden");
const REPO = join(__dirname, "..");

function materialize(arg: unknown): unknown {
  if (arg && typeof arg === "object" && !Array.isArray(arg)) {
    const o = arg as { csv?: string; rows?: number; date?: string };
    if (o.csv) {
      const grid = parseCsv(readFileSync(join(REPO, o.csv), "utf8"));
      return o.rows ? grid.slice(0, o.rows + 1) : grid;
    }
    if (o.date) {
      const [y, m, d] = o.date.split("-").map(Number);
      return new Date(Date.UTC(y, m - 1, d)); // the core's form of a date cell (hosts convert theirs to it)
    }
  }
  return arg;
}

function run(fnName: string, args: unknown[]): unknown {
  const fn = (catalog as Record<string, unknown>)[fnName];
  if (typeof fn !== "function") throw new Error(`golden case names unknown function ${fnName}`);
  try {
    return (fn as (...a: unknown[]) => unknown)(...args.map(materialize));
  } catch (e) {
    if (e instanceof XsellError) return { error: { code: e.code, message: e.message } };
    throw e;
  }
}

for (const fnName of readdirSync(ROOT)) {
  describe(`golden ${fnName}`, () => {
    for (const name of readdirSync(join(ROOT, fnName))) {
      const dir = join(ROOT, fnName, name);
      it(name, () => {
        const input = JSON.parse(readFileSync(join(dir, "input.json"), "utf8")) as { args: unknown[] };
        expectGolden(dir, run(fnName, input.args));
      });
    }
  });
}
