/**
 * Accepts golden changes deliberately: for each case folder given (or every case holding an actual.json), shows
 * the diff between expected.json and actual.json, then makes actual.json the expectation. Run:
 *   npm run golden:accept -- test/golden/XSELL_SCORE/sample-readiness [more folders]
 *   npm run golden:accept -- --all          (every case a failed run left an actual.json in)
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOTS = ["test/golden", "test/golden-tabs", "test/golden-sql"];
/** The kinds of golden file: JSON values, and text (SQL). */
const EXTS = ["json", "sql"];

function pending(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  if (EXTS.some((e) => existsSync(join(dir, `actual.${e}`)))) return [dir];
  return readdirSync(dir).flatMap((d) => pending(join(dir, d)));
}

const args = process.argv.slice(2);
const cases = args.includes("--all") ? ROOTS.flatMap(pending) : args;
if (cases.length === 0) {
  console.error("golden:accept: name case folders, or --all for every case with an actual.json");
  process.exit(2);
}
let accepted = 0;
for (const dir of cases) {
  const ext = EXTS.find((e) => existsSync(join(dir, `actual.${e}`)));
  if (!ext) {
    console.error(`golden:accept: ${dir} has no actual.json or actual.sql (run the tests first; a passing case writes none)`);
    continue;
  }
  const actual = join(dir, `actual.${ext}`);
  const expected = join(dir, `expected.${ext}`);
  // the diff, word by word, so a changed cell is visible inside a long row
  spawnSync("git", ["--no-pager", "diff", "--no-index", "--word-diff=color", existsSync(expected) ? expected : "/dev/null", actual], { stdio: "inherit" });
  renameSync(actual, expected);
  accepted++;
}
console.log(`golden:accept: ${accepted} case${accepted === 1 ? "" : "s"} accepted; read the diff above before you commit`);
