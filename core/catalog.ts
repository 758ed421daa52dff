/**
 * The one source of truth for every catalog function's names, descriptions and parameters. The Excel JSDoc
 * wrappers, the Apps Script wrappers and the README's function table are checked against it by tests.
 */
export interface ParamSpec {
  readonly name: string;
  readonly description: string;
  /** "range": a 2D array (Excel matrix); "value": a single cell or value. */
  readonly shape: "range" | "value";
  /** Excel's metadata type for the parameter. */
  readonly type: "any" | "number" | "string";
  readonly optional: boolean;
}

export interface FunctionSpec {
  /** The name after the namespace: SCORE → XSELL.SCORE in Excel, XSELL_SCORE in Sheets. */
  readonly id: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /** Whether the result spills (a 2D array) or is one value. */
  readonly result: "range" | "value";
  /** A worked call users can paste (Sheets form; Excel uses XSELL.). */
  readonly example: string;
  /** The README section that documents it (Excel's @helpurl anchors there). */
  readonly section: string;
}

const range = (name: string, description: string, optional = false): ParamSpec => ({ name, description, shape: "range", type: "any", optional });
const value = (name: string, description: string, optional = false, type: ParamSpec["type"] = "any"): ParamSpec => ({ name, description, shape: "value", type, optional });

const DATA = range("data", "The account table. With headers omitted, its first row holds the column names.");
const HEADERS = range("headers", "Optional: the header row when data holds only account rows (so the formula can be filled down).", true);
const MODEL = value("model", 'Optional: a preset ("readiness-100", "expansion-100") or a model table as XSELL_MODEL spills it.', true);
const AS_OF = value("as_of", "Optional: the date to score as of (default today).", true);

export const CATALOG: readonly FunctionSpec[] = [
  {
    id: "SCORE",
    description: "Expansion-readiness score 0–100 per account row, from the 100-point readiness model or a preset or edited model.",
    params: [DATA, HEADERS, { ...MODEL, shape: "range" }, AS_OF],
    result: "range",
    example: "=XSELL_SCORE(Accounts!A1:K401)",
    section: "scoring",
  },
  {
    id: "EXPLAIN",
    description: "Per account, the points each criterion earned and why, and the share of inputs present (coverage).",
    params: [DATA, HEADERS, { ...MODEL, shape: "range" }, AS_OF],
    result: "range",
    example: "=XSELL_EXPLAIN(Accounts!A1:K401)",
    section: "scoring",
  },
  {
    id: "BAND",
    description: "High (≥ 70), Qualified (> 60), Nurture (40–60) or Low (< 40) for a score or a column of scores.",
    params: [range("score", "A score or a column of scores (0–100).")],
    result: "range",
    example: "=XSELL_BAND(L2:L401)",
    section: "scoring",
  },
  {
    id: "MODEL",
    description: "Spills a scoring model as an editable table: Criterion, Category, Column or signal, Test, Threshold, Points, Full at.",
    params: [value("preset", 'Optional: "readiness-100" (default) or "expansion-100".', true, "string")],
    result: "range",
    example: '=XSELL_MODEL("expansion-100")',
    section: "scoring",
  },
];

export const EXCEL_NAMESPACE = "XSELL";
export const excelName = (f: FunctionSpec): string => `${EXCEL_NAMESPACE}.${f.id}`;
export const sheetsName = (f: FunctionSpec): string => `${EXCEL_NAMESPACE}_${f.id}`;

/** The README's function table, generated so it cannot drift from the catalog. */
export function functionTableMarkdown(): string {
  const lines = ["| Excel | Google Sheets | Arguments | What it returns | Example |", "|---|---|---|---|---|"];
  for (const f of CATALOG) {
    const args = f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    lines.push(`| \`${excelName(f)}\` | \`${sheetsName(f)}\` | ${args} | ${f.description.replace(/\|/g, "\\|")} | \`${f.example.replace(/\|/g, "\\|")}\` |`);
  }
  return lines.join("\n");
}
