/**
 * The hardening issue's ten reproductions, each mapped to the tests that hold it with its limit or expected
 * message. This file checks the map: every named file exists and still holds a test of that name, so renaming
 * or deleting one of them fails here rather than silently unmapping a reproduction.
 *
 *  1. A 1.7 KB xlsx (A1, XFD1, A1048576)         cli-files: "reads an xlsx with cells at A1, XFD1 and A1048576…";
 *                                                 xlsx-budgets: "still reads: … the sparse A1/XFD1/A1048576 book…"
 *     A 1.2 MB xlsx with 10 million short rows    xlsx-budgets: "a ten-million-row file of about a megabyte…" (child
 *                                                 processes, CPU and peak memory at 1,048,676 and 10,000,000 rows)
 *     A plain 300k-account CSV                    test/cli/scale.test.ts: "writes a plain 300,000-account CSV inside a
 *                                                 768 MB heap…" and "grows linearly…" (15k → 60k accounts); the CSV
 *                                                 rows budget: streaming-budgets
 *  2. Memory as rows × distinct products          budgets: "4× the distinct products costs about 4× the bytes…",
 *                                                 "XSELL_ATTACH_RATE answers on them…", "refuses more than 100,000…"
 *  3. 10,000 products hang                        budgets: "XSELL_ADJACENCY refuses a 10,000 × 10,000 matrix…",
 *                                                 "XSELL_WHITESPACE for 20 accounts × 10,000 products…", "report --tabs
 *                                                 whitespace on 16,383 products…"; bundle-guard (the guard past 3,162)
 *  4. Crafted names, quadratic lookups            hashing: "XSELL_RETENTION on 2^15 crafted names…", "report --retention
 *                                                 on 2^15 crafted account names…"
 *  5. Silently wrong numbers                      keys (C, C++, C#; Plan 1.0 vs Plan 10); tabs-nonfinite (Retention tab,
 *                                                 EXPLAIN); budgets: "report --retention with two Start ARR of 1e308…"
 *  6. Terminal escapes                            cli-files: "shows control characters from cells as escapes…",
 *                                                 "escapes control characters in error lines…"
 *  7. Device files and FIFOs                      cli-files: "refuses a folder, a FIFO and a device with one line"
 *  8. --out overwriting an input                  cli-files: "may not be an input…", "--out may not be a hard link…"
 *  9. Two runs to one --out                       cli-files: "is created exclusively without --force…"
 * 10. Leaks and limits                            cli-files: "does not take constructor or __proto__…", "caps an error
 *                                                 line…"; budgets and streaming-budgets (text past 32,767 characters);
 *                                                 out-folders and read-only-out (EPERM, EROFS); stale-temps (kill -9)
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");

/** Reproduction → [test file, a test's title (its start)] that hold it. */
const MAP: Record<number, [string, string][]> = {
  1: [
    ["test/hardening/cli-files.test.ts", "reads an xlsx with cells at A1, XFD1 and A1048576"],
    ["test/hardening/xlsx-budgets.test.ts", "a ten-million-row file of about a megabyte is refused in the same time and memory"],
    ["test/hardening/xlsx-budgets.test.ts", "still reads: the generated book's rows, and the sparse A1/XFD1/A1048576 book"],
    ["test/cli/scale.test.ts", "writes a plain 300,000-account CSV inside a 768 MB heap"],
    ["test/cli/scale.test.ts", "grows linearly"],
    ["test/hardening/streaming-budgets.test.ts", "stops reading a file of budget+1 rows"],
  ],
  2: [
    ["test/hardening/budgets.test.ts", "4× the distinct products costs about 4× the bytes"],
    ["test/hardening/budgets.test.ts", "XSELL_ATTACH_RATE answers on them in well under a second"],
    ["test/hardening/budgets.test.ts", "refuses more than 100,000 distinct products"],
  ],
  3: [
    ["test/hardening/budgets.test.ts", "XSELL_ADJACENCY refuses a 10,000 × 10,000 matrix up front"],
    ["test/hardening/budgets.test.ts", "XSELL_WHITESPACE for 20 accounts × 10,000 products is fast"],
    ["test/hardening/budgets.test.ts", "report --tabs whitespace on 16,383 products says the sheet is too narrow"],
    ["test/hardening/bundle-guard.test.ts", "hold back a bundle's other half among 10,000 products"],
  ],
  4: [
    ["test/hardening/hashing.test.ts", "XSELL_RETENTION on 2^15 crafted names takes under 5×"],
    ["test/hardening/hashing.test.ts", "report --retention on 2^15 crafted account names takes under 5×"],
  ],
  5: [
    ["test/hardening/keys.test.ts", "ownership: C, C++ and C# are three products"],
    ["test/hardening/keys.test.ts", "ownership: each product gets its own price"],
    ["test/hardening/tabs-nonfinite.test.ts", "the Retention tab with two Start ARR of 1e308 refuses"],
    ["test/hardening/tabs-nonfinite.test.ts", "huge, infinite and NaN inputs are shown as numbers"],
    ["test/hardening/budgets.test.ts", "report --retention with two Start ARR of 1e308"],
  ],
  6: [
    ["test/hardening/cli-files.test.ts", "shows control characters from cells as escapes"],
    ["test/hardening/cli-files.test.ts", "escapes control characters in error lines"],
  ],
  7: [["test/hardening/cli-files.test.ts", "refuses a folder, a FIFO and a device with one line"]],
  8: [
    ["test/hardening/cli-files.test.ts", "may not be an input, by its name or through a link"],
    ["test/hardening/cli-files.test.ts", "--out may not be a hard link to an input"],
  ],
  9: [["test/hardening/cli-files.test.ts", "is created exclusively without --force"]],
  10: [
    ["test/hardening/cli-files.test.ts", "does not take constructor or __proto__ for a preset"],
    ["test/hardening/cli-files.test.ts", "caps an error line that would echo a huge header"],
    ["test/hardening/budgets.test.ts", "a 40,000-character account name is cut in function results and in tabs"],
    ["test/hardening/streaming-budgets.test.ts", "cuts a Data sheet's long text to 32,767 characters"],
    ["test/hardening/out-folders.test.ts", "--out in a folder that cannot be written"],
    ["test/hardening/read-only-out.test.ts", "a mounted read-only tmpfs"],
    ["test/hardening/read-only-out.test.ts", "simulated at the fs layer"],
    ["test/hardening/stale-temps.test.ts", "the next run to the same --out removes what a killed run left"],
  ],
};

describe("every reproduction of the hardening issue has its tests", () => {
  it("covers the ten reproductions", () => {
    expect(Object.keys(MAP).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
  for (const [n, tests] of Object.entries(MAP)) {
    it(`reproduction ${n}: each mapped test exists`, () => {
      for (const [file, title] of tests) {
        const path = join(ROOT, file);
        expect(existsSync(path), file).toBe(true);
        expect(readFileSync(path, "utf8"), `${file}: "${title}"`).toContain(title);
      }
    });
  }
});
