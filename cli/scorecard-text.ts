import { findColumn, type Table } from "../core/table";
import { resolveModel } from "../core/model";
import { band, explainLine, scoreTable } from "../core/score";
import { fmtCount } from "../core/limits";
import { oneLine } from "../core/read/report";
import { toText } from "../core/values";

export interface RankedAccount {
  account: string;
  score: number;
  band: string;
  explanation: string;
}

/** Scores a table and ranks accounts, highest score first (ties keep sheet order). */
export function rankAccounts(table: Table, model: unknown, asOf: number): RankedAccount[] {
  const scored = scoreTable(table, resolveModel("xsell", model), asOf);
  const accountCol = findColumn(table, "Account");
  const idCol = table.fields.get("Account ID");
  const out: RankedAccount[] = [];
  for (let i = 0; i < table.rows.length; i++) {
    if (Number.isNaN(scored.scores[i])) continue;
    const row = table.rows[i];
    // as the Scorecard shows accounts: by name, by ID where the name is blank; rows with neither are left off (and reported)
    const name = accountCol === undefined ? `row ${table.rowNumbers[i]}` : toText(row[accountCol]) || (idCol === undefined ? "" : toText(row[idCol]));
    if (name === "") continue;
    out.push({
      account: name,
      score: scored.scores[i],
      band: band(scored.scores[i]),
      explanation: explainLine(scored, i),
    });
  }
  return out.map((a, i) => ({ a, i })).sort((x, y) => y.a.score - x.a.score || x.i - y.i).map((x) => x.a);
}

/** A fixed-width terminal table. */
export function formatRanking(ranked: RankedAccount[], top: number): string {
  // a quoted field may hold line breaks: each account stays on its line of the table
  const shown = ranked.slice(0, top).map((r) => ({ ...r, account: oneLine(r.account), explanation: oneLine(r.explanation) }));
  const width = Math.min(28, Math.max(7, ...shown.map((r) => r.account.length)));
  const lines = [`${"#".padStart(4)}  ${"Account".padEnd(width)}  Score  Band       Why`];
  shown.forEach((r, i) => {
    const name = r.account.length > width ? `${r.account.slice(0, width - 1)}…` : r.account.padEnd(width);
    lines.push(`${String(i + 1).padStart(4)}  ${name}  ${String(r.score).padStart(5)}  ${r.band.padEnd(9)}  ${r.explanation}`);
  });
  const counts = { High: 0, Qualified: 0, Nurture: 0, Low: 0 } as Record<string, number>;
  for (const r of ranked) counts[r.band]++;
  lines.push("", `${fmtCount(ranked.length)} account${ranked.length === 1 ? "" : "s"} scored: ${fmtCount(counts.High)} High (≥ 70), ${fmtCount(counts.Qualified)} Qualified (> 60), ${fmtCount(counts.Nurture)} Nurture (40–60), ${fmtCount(counts.Low)} Low (< 40)`);
  return lines.join("\n");
}
