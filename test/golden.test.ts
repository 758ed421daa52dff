/**
 * Golden files, one folder per case (test/golden/<FUNCTION>/<case>/): input.json holds the arguments and
 * expected.json the exact output. Arguments may be {"csv": "examples/x.csv", "rows": N} (the first N data rows
 * with the header) or {"date": "2026-03-01"} (a JS Date at UTC midnight, the core's form of a date cell).
 * Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` and review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
        const actual = JSON.parse(JSON.stringify(run(fnName, input.args)));
        const expectedPath = join(dir, "expected.json");
        if (process.env.UPDATE_GOLDEN || !existsSync(expectedPath)) {
          if (!process.env.UPDATE_GOLDEN) throw new Error(`${expectedPath} is missing; run with UPDATE_GOLDEN=1 to create it`);
          writeFileSync(expectedPath, `${JSON.stringify(actual, null, 1)}\n`);
        }
        expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, "utf8")));
      });
    }
  });
}
