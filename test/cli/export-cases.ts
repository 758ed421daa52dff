/** The export fixtures' cases, and what the CLI's reading makes of each: shared by the CLI and host tests. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { OwnerSets } from "../../core/owner-sets";
import { readOwnership } from "../../core/ownership";
import { resolveModel } from "../../core/model";
import { scoreTable } from "../../core/score";
import { dayFromYmd, toText } from "../../core/values";
import { optionsOf, parseDateOrder } from "../../cli/inputs";
import { parseFlags } from "../../cli/command";
import { readTableFile } from "../../cli/readers";
import { REPORT_FLAGS } from "../../cli/commands/report";
import { readAccounts } from "../../cli/report-inputs";

export const EXPORTS = join(__dirname, "..", "fixtures", "exports");

export interface ExportCase {
  description: string;
  kind: "accounts" | "ownership" | "refused";
  input: string;
  args?: string[];
  asOf: string;
  columns?: { header: string; usedAs: string | null; readAs?: string }[];
  scores?: Record<string, number>;
  coverage?: Record<string, number>;
  duplicates?: { count: number; rows: number[] };
  blankNames?: { count: number; rows: number[] };
  owned?: Record<string, string[]>;
  trial?: Record<string, string[]>;
  products?: string[];
  error?: { contains: string[] };
}

export const exportCases = (): [string, ExportCase][] =>
  readdirSync(EXPORTS)
    .filter((d) => existsSync(join(EXPORTS, d, "expected.json")))
    .map((d) => [d, JSON.parse(readFileSync(join(EXPORTS, d, "expected.json"), "utf8")) as ExportCase]);

export const dayOf = (iso: string): number => dayFromYmd(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));

/** What the CLI makes of an accounts case: the column report, and score and coverage per account name. */
export async function readAccountsCase(name: string, c: ExportCase) {
  const args = parseFlags(c.args ?? [], REPORT_FLAGS);
  const { table } = await readAccounts({ accounts: join(EXPORTS, name, c.input), map: args.list("map"), dateOrder: args.value("date-order") });
  const scored = scoreTable(table, resolveModel("test", null), dayOf(c.asOf));
  const nameCol = table.fields.get("Account")!;
  const scores: Record<string, number> = {};
  const coverage: Record<string, number> = {};
  table.rows.forEach((row, i) => {
    const account = toText(row[nameCol]);
    if (account === "" || Number.isNaN(scored.scores[i])) return;
    scores[account] = scored.scores[i];
    coverage[account] = Math.round(scored.coverage[i] * 100) / 100;
  });
  return {
    columns: table.report.columns.map((col) => ({ header: col.header, usedAs: col.field, readAs: col.readAs })),
    scores,
    coverage,
    duplicates: table.report.duplicates,
    blankNames: table.report.blankNames,
  };
}

/** What the CLI makes of an ownership case: owned and trial products per account as of the case's date. */
export async function readOwnershipCase(name: string, c: ExportCase) {
  const loaded = await readTableFile(join(EXPORTS, name, c.input));
  const args = parseFlags(c.args ?? [], REPORT_FLAGS);
  const own = readOwnership("test", loaded.rows, dayOf(c.asOf), optionsOf(loaded, parseDateOrder(args.value("date-order"))));
  const listed = (sets: OwnerSets) => {
    const out: Record<string, string[]> = {};
    own.accounts.forEach((acc, a) => {
      const ps = own.products.filter((_, p) => sets.owns(p, a));
      if (ps.length > 0 || sets === own.owners) out[acc] = [...(out[acc] ?? []), ...ps];
    });
    return out;
  };
  return { owned: listed(own.owners), trial: listed(own.trials), products: own.products };
}

