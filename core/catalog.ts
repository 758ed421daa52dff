/**
 * The one source of truth for every catalog function's names, descriptions and parameters. The Excel JSDoc
 * wrappers, the Apps Script wrappers and the README's function table are checked against it by tests.
 */
import { argSummary, ruled, type ParamSpec, type ZeroMeaning } from "./param-spec";
import * as rules from "./params";
import { HISTORY_SPECS, TIMING_SPECS } from "./history/specs";
import { PROOF_SPECS } from "./proof/specs";

export { limitsText, paramHelp, ruled, type ParamSpec, type ZeroMeaning } from "./param-spec";

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

const range = (name: string, description: string, optional = false): ParamSpec => ({ name, description, shape: "range", type: "any", optional, zero: "rows" });
const value = (name: string, description: string, optional = false, type: ParamSpec["type"] = "any"): ParamSpec => ({ name, description, shape: "value", type, optional, zero: "cells" });
/** Marks what a 0 means for a parameter (see ParamSpec.zero). */
const zero = (p: ParamSpec, meaning: ZeroMeaning): ParamSpec => ({ ...p, zero: meaning });

const DATA = range("data", "The account table. With headers omitted, its first row holds the column names.");
const HEADERS = zero(range("headers", "Optional: the header row when data holds only account rows (so the formula can be filled down).", true), "omitted");
const MODEL = zero(value("model", 'Optional: a preset ("readiness-100", "expansion-100") or a model table as XSELL_MODEL spills it.', true), "omitted");
const AS_OF = ruled(rules.AS_OF, "Optional: the date to score as of.");

const START_ARR = range("start_arr", "Starting ARR, one row per account (a header cell on top is skipped), or a subscription history for NRR/GRR by flows.");
const FLOWS_WINDOW_FROM = ruled(rules.FROM, "Optional, with a subscription history: a date in the window's first month (default: twelve months before to).");
const FLOWS_WINDOW_TO = ruled(rules.TO, "Optional, with a subscription history: a date in the window's last month (default: the last month ended by today).");
const END_ARR = zero(range("end_arr", "Ending ARR, aligned row for row with start_arr."), "same");
const OWNERSHIP = range("ownership", "Who owns what: an account column and one column per product (wide), or Account and Product rows (long).");
const MIN_ACCOUNTS = ruled(rules.MIN_ACCOUNTS, "Optional: the fewest owners of the first product for a rate to be shown.");
const OWNED_AS_OF = ruled(rules.AS_OF, "Optional: the date ownership is read as of; End Dates on or before it have ended.");
const EXCLUDE = ruled(rules.EXCLUDE, "Optional: flags drops flagged pairs (with prices, pass-through too); an XSELL_PAIR_FLAGS table drops its rows.", { shape: "range", type: "any", zero: "omitted" });

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
    params: [zero(range("score", "A score or a column of scores (0–100)."), "cells")],
    result: "range",
    example: "=XSELL_BAND(L2:L401)",
    section: "scoring",
  },
  {
    id: "COLUMNS",
    description: "One row per column: the field it is read as (or why it is ignored), how its values were read, a sample and a note.",
    params: [DATA, HEADERS],
    result: "range",
    example: "=XSELL_COLUMNS(Accounts!A1:K401)",
    section: "scoring",
  },
  {
    id: "MODEL",
    description: "Spills a scoring model as an editable table: Criterion, Category, Column or signal, Test, Threshold, Points, Full at.",
    params: [ruled(rules.MODEL_PRESET, "Optional: the preset model to spill.")],
    result: "range",
    example: '=XSELL_MODEL("expansion-100")',
    section: "scoring",
  },
  {
    id: "ATTACH_RATE",
    description: "Share of accounts owning product A that also own product B (#N/A when fewer than min_accounts own A).",
    params: [OWNERSHIP, value("product_a", "The product owned (a name from the ownership table).", false, "string"), value("product_b", "The product attached.", false, "string"), MIN_ACCOUNTS, OWNED_AS_OF, EXCLUDE],
    result: "value",
    example: '=XSELL_ATTACH_RATE(Ownership!A1:C2000, "CRM", "Analytics")',
    section: "cross-sell",
  },
  {
    id: "LIFT",
    description: "Attach rate A → B divided by the share of all accounts owning B: how much owning A raises the odds of B.",
    params: [OWNERSHIP, value("product_a", "The product owned.", false, "string"), value("product_b", "The product attached.", false, "string"), MIN_ACCOUNTS, OWNED_AS_OF],
    result: "value",
    example: '=XSELL_LIFT(Ownership!A1:C2000, "CRM", "Analytics")',
    section: "cross-sell",
  },
  {
    id: "ADJACENCY",
    description: "Product × product matrix (owned down, next across): attach, lift, count, support, ci_low, ci_high or accounts.",
    params: [OWNERSHIP, ruled(rules.ADJACENCY_MEASURE, "Optional: what each cell shows (ci_low and ci_high bound a 95% Wilson interval)."), MIN_ACCOUNTS, OWNED_AS_OF, EXCLUDE],
    result: "range",
    example: '=XSELL_ADJACENCY(Ownership!A1:C2000, "lift", 10)',
    section: "cross-sell",
  },
  {
    id: "WHITESPACE",
    description: 'Accounts × products: "owned", or the propensity to buy (best attach rate from an owned product), or expected ARR with prices.',
    params: [OWNERSHIP, zero(range("prices", "Optional: a Product, Price table; cells then show expected ARR = propensity × price.", true), "omitted"), MIN_ACCOUNTS, OWNED_AS_OF, EXCLUDE],
    result: "range",
    example: "=XSELL_WHITESPACE(Ownership!A1:C2000, Prices!A1:B9)",
    section: "cross-sell",
  },
  {
    id: "NEXT_PRODUCT",
    description: "Per account the rank-th best product it does not own: Account, Product, Propensity, Expected ARR, Reason.",
    params: [OWNERSHIP, zero(range("prices", "Optional: a Product, Price table; products are then ranked by expected ARR.", true), "omitted"), ruled(rules.RANK, "Optional: 1 for the best product, 2 for the second…"), OWNED_AS_OF, EXCLUDE],
    result: "range",
    example: "=XSELL_NEXT_PRODUCT(Ownership!A1:C2000, Prices!A1:B9)",
    section: "cross-sell",
  },
  {
    id: "PAIR_FLAGS",
    description: "Pairs whose attach rate is no cross-sell (forced bundle, prerequisite, subset) and pass-through ownership, with evidence.",
    params: [
      OWNERSHIP,
      zero(range("prices", "Optional: a Product, Price table; account-products paid at or below 20% of list are then flagged as pass-through.", true), "omitted"),
      OWNED_AS_OF,
      zero(range("rules", "Optional: a Rule, Value table changing the thresholds (defaults: 5 owners, 95% own A, 90% same day, 90% later, 20%).", true), "omitted"),
    ],
    result: "range",
    example: "=XSELL_PAIR_FLAGS(Ownership!A1:D2000, Prices!A1:B9)",
    section: "cross-sell",
  },
  {
    id: "TRIGGERS",
    description: "Per account the cross-sell triggers that fire (usage, gap, success window, score, recency); a near renewal holds them.",
    params: [DATA, HEADERS, zero(range("ownership", "Optional: the ownership table, for product-gap triggers.", true), "omitted"), AS_OF, zero(range("rules", "Optional: a rules table as XSELL_RULES spills it, to change thresholds.", true), "omitted"), { ...MODEL, shape: "range", description: "Optional: the model whose score the high-score trigger reads (default readiness-100)." }],
    result: "range",
    example: "=XSELL_TRIGGERS(Accounts!A1:U401, , Ownership!A1:D1500)",
    section: "triggers",
  },
  {
    id: "RULES",
    description: "Spills the trigger rules and their default thresholds (Rule, Parameter, Value, Description), ready to edit.",
    params: [],
    result: "range",
    example: "=XSELL_RULES()",
    section: "triggers",
  },
  {
    id: "NRR",
    description: "Net revenue retention: ending ÷ starting ARR of accounts with ARR > 0 at the start, or by flows from a history.",
    params: [START_ARR, { ...END_ARR, optional: true, description: "Ending ARR, aligned with start_arr; leave empty when start_arr is a subscription history." }, FLOWS_WINDOW_FROM, FLOWS_WINDOW_TO],
    result: "value",
    example: "=XSELL_NRR(B2:B401, C2:C401)",
    section: "retention",
  },
  {
    id: "GRR",
    description: "Gross revenue retention: each account capped at its starting ARR, Σ min(end, start) ÷ Σ start, or by flows.",
    params: [START_ARR, { ...END_ARR, optional: true, description: "Ending ARR, aligned with start_arr; leave empty when start_arr is a subscription history." }, FLOWS_WINDOW_FROM, FLOWS_WINDOW_TO],
    result: "value",
    example: "=XSELL_GRR(B2:B401, C2:C401)",
    section: "retention",
  },
  {
    id: "MOVEMENT",
    description: "One class per account row: New, Reactivation, Expansion, Flat, Contraction or Churn (blank when both are 0).",
    params: [START_ARR, END_ARR, zero(range("paid_before", "Optional: per row, whether the account paid before the start (yes, or an earlier amount): a return is Reactivation.", true), "cells")],
    result: "range",
    example: "=XSELL_MOVEMENT(B1:B401, C1:C401)",
    section: "retention",
  },
  {
    id: "RETENTION",
    description: "Retention summary: expansion split into cross-sell and upsell, NRR, GRR, churn, multi- vs single-product GRR, reconciliation.",
    params: [range("table", "Account, Start ARR, End ARR rows (a Product column splits cross-sell from upsell), or a subscription history."), FLOWS_WINDOW_FROM, FLOWS_WINDOW_TO],
    result: "range",
    example: "=XSELL_RETENTION(Retention!A1:D1500)",
    section: "retention",
  },
  {
    id: "EXPANSION_NEEDED",
    description: "Expansion ARR needed to reach a target NRR: starting ARR × (target − 1) + expected churn.",
    params: [ruled(rules.START_ARR_AMOUNT, "Starting ARR: a number or a range to sum.", { shape: "range", type: "any", zero: "same" }), ruled(rules.TARGET_NRR, "The NRR to reach, e.g. 115% or 1.15."), ruled(rules.EXPECTED_CHURN, "Optional: ARR expected to churn, added to the need.", { zero: "same" })],
    result: "value",
    example: "=XSELL_EXPANSION_NEEDED(500000, 115%)",
    section: "retention",
  },
  {
    id: "SCENARIO",
    description: "Cross-sell ARR, lift on base and the sales & marketing cost against winning the same ARR from new logos.",
    params: [
      ruled(rules.ACCOUNTS, "Number of accounts."),
      ruled(rules.BASE_ARR, "Average ARR per account today."),
      ruled(rules.ADDON_PRICE, "Annual price of the add-on."),
      ruled(rules.ATTACH_RATE, "Share of accounts expected to buy it, e.g. 35%."),
      ruled(rules.NEW_LOGO_DEAL, "Optional: average new-logo deal size.", { zero: "omitted" }),
      ruled(rules.CAC_NEW, "Optional: S&M cost per new-logo dollar; an industry benchmark unless given."),
      ruled(rules.CAC_EXPANSION, "Optional: S&M cost per expansion dollar; an industry benchmark unless given."),
    ],
    result: "range",
    example: "=XSELL_SCENARIO(1000, 20000, 12000, 35%, 24000)",
    section: "scenarios",
  },
  {
    id: "SENSITIVITY",
    description: 'A grid of cross-sell ARR (or lift with measure "lift"): add-on prices across, attach rates down.',
    params: [
      ruled(rules.ACCOUNTS, "Number of accounts."),
      ruled(rules.BASE_ARR, "Average ARR per account today."),
      zero(range("prices", "Add-on prices to compare (a row or column)."), "cells"),
      zero(range("attach_rates", "Attach rates to compare (a row or column)."), "cells"),
      ruled(rules.SENSITIVITY_MEASURE, "Optional: cross-sell ARR, or lift on the base."),
    ],
    result: "range",
    example: "=XSELL_SENSITIVITY(1000, 20000, {8000,12000,16000}, {0.2;0.35;0.5})",
    section: "scenarios",
  },
  {
    id: "PROJECTION",
    description: "Year-by-year ARR with and without the cross-sell, two-product accounts churning less, and NRR per year.",
    params: [
      ruled(rules.ACCOUNTS, "Number of accounts."),
      ruled(rules.BASE_ARR, "Average ARR per account today."),
      ruled(rules.ADDON_PRICE, "Annual price of the add-on."),
      ruled(rules.ATTACH_RATE, "Share of accounts that buy it at the start of year 1."),
      ruled(rules.YEARS, "Optional: years to project."),
      ruled(rules.CHURN_SINGLE_RATE, "Optional: yearly churn of single-product accounts; Bain & Company's figure unless given."),
      ruled(rules.CHURN_MULTI_RATE, "Optional: yearly churn of two-product accounts; Bain & Company's figure unless given."),
    ],
    result: "range",
    example: "=XSELL_PROJECTION(1000, 20000, 12000, 35%)",
    section: "scenarios",
  },
  ...HISTORY_SPECS,
  ...TIMING_SPECS,
  ...PROOF_SPECS,
];

export const EXCEL_NAMESPACE = "XSELL";
export const excelName = (f: FunctionSpec): string => `${EXCEL_NAMESPACE}.${f.id}`;
export const sheetsName = (f: FunctionSpec): string => `${EXCEL_NAMESPACE}_${f.id}`;

/** The README's function table, generated so it cannot drift from the catalog. */
export function functionTableMarkdown(): string {
  const lines = ["| Excel | Google Sheets | Arguments | What it returns | Example |", "|---|---|---|---|---|"];
  for (const f of CATALOG) {
    const args = f.params.map(argSummary).join(", ");
    lines.push(`| \`${excelName(f)}\` | \`${sheetsName(f)}\` | ${args} | ${f.description.replace(/\|/g, "\\|")} | \`${f.example.replace(/\|/g, "\\|")}\` |`);
  }
  return lines.join("\n");
}
