/**
 * The function catalog: every spreadsheet function under its Sheets name. Each takes values exactly as a host
 * passes them and returns a scalar or a 2D array; failures throw XsellError. Hosts only wrap these.
 */
import { asOfArg } from "./args";
import { guard, valueError, numError } from "./errors";
import { modelTable, resolveModel } from "./model";
import { band, explainLine, scoreTable } from "./score";
import { asGrid, isOmitted, readTable } from "./table";
import { isBlank, showValue, toNumber, type CellValue } from "./values";

export type Result = CellValue[][] | number | string;

/** Scores each account row 0–100 with the default readiness model, a preset, or an edited model table. */
export function XSELL_SCORE(data: unknown, headers?: unknown, model?: unknown, as_of?: unknown): CellValue[][] {
  const fn = "XSELL_SCORE";
  return guard(fn, () => {
    const table = readTable(fn, data, headers);
    const scored = scoreTable(table, resolveModel(fn, model), asOfArg(fn, as_of));
    const out: CellValue[][] = table.headerInData ? [["Score"]] : [];
    for (let i = 0; i < scored.scores.length; i++) out.push([Number.isNaN(scored.scores[i]) ? "" : scored.scores[i]]);
    return out;
  });
}

/** One line per account explaining each criterion's points and the coverage of present inputs. */
export function XSELL_EXPLAIN(data: unknown, headers?: unknown, model?: unknown, as_of?: unknown): CellValue[][] {
  const fn = "XSELL_EXPLAIN";
  return guard(fn, () => {
    const table = readTable(fn, data, headers);
    const scored = scoreTable(table, resolveModel(fn, model), asOfArg(fn, as_of));
    const out: CellValue[][] = table.headerInData ? [["Explanation"]] : [];
    for (let i = 0; i < table.rows.length; i++) out.push([explainLine(scored, i)]);
    return out;
  });
}

/** High (≥ 70), Qualified (> 60), Nurture (40–60) or Low (< 40) for one score or a column of scores. */
export function XSELL_BAND(score: unknown): CellValue[][] | string {
  const fn = "XSELL_BAND";
  return guard(fn, () => {
    const one = (v: CellValue, where: string): CellValue => {
      if (isBlank(v)) return "";
      if (typeof v === "string" && v.trim().toLowerCase() === "score") return "Band";
      const n = toNumber(v);
      if (!n.ok) throw valueError(fn, `${where}: ${showValue(v)} is not a score`);
      if (n.value < 0 || n.value > 100) throw numError(fn, `${where}: ${n.value} is outside 0–100`);
      return band(n.value);
    };
    if (!Array.isArray(score)) {
      if (isOmitted(score)) throw valueError(fn, "score is required");
      return one(score as CellValue, "score") as string;
    }
    const grid = asGrid(fn, "score", score);
    return grid.map((row, r) => row.map((v, c) => one(v, grid.length > 1 && row.length > 1 ? `row ${r + 1} column ${c + 1}` : `row ${r + 1}`)));
  });
}

/** Spills the scoring model as an editable table: the default readiness model or a named preset. */
export function XSELL_MODEL(preset?: unknown): CellValue[][] {
  const fn = "XSELL_MODEL";
  return guard(fn, () => modelTable(fn, preset));
}
