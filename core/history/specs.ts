/**
 * Catalog entries of the subscription-history functions (core/catalog.ts lists them). Kept apart from the
 * functions so the bundles that run them do not carry their help text.
 */
import type { FunctionSpec } from "../catalog";
import { ruled, type ParamSpec } from "../param-spec";
import * as rules from "../params";

const range = (name: string, description: string, optional = false): ParamSpec => ({ name, description, shape: "range", type: "any", optional, zero: "rows" });

const SUBSCRIPTIONS = range("subscriptions", "Subscription history: Account, Product, ARR or MRR, Start Date, End Date (blank = active), optional Status.");
const PERIOD = ruled(rules.PERIOD, "Optional: the length of each period.");
const FROM = ruled(rules.FROM, "Optional: a date in the first period (default: from the start of the history, opening at 0).");
const TO = ruled(rules.TO, "Optional: a date in the last period (default: the period holding as_of, to date).");
const FLOWS_FROM = ruled(rules.FROM, "Optional: a date in the window's first period (default: 12 months, 4 quarters or 1 year before to).");
const FLOWS_TO = ruled(rules.TO, "Optional: a date in the window's last period (default: the last period ended by as_of).");
const HISTORY_AS_OF = ruled(rules.AS_OF, "Optional: the date the history is known to; the period holding it closes on it.");

export const HISTORY_SPECS: readonly FunctionSpec[] = [
  {
    id: "MOVEMENTS",
    description: "Per period: Opening, New, Reactivation, Expansion, Contraction, Churn, Closing and customer counts; every row bridges.",
    params: [SUBSCRIPTIONS, PERIOD, FROM, TO, HISTORY_AS_OF],
    result: "range",
    example: '=XSELL_MOVEMENTS(Subscriptions!A1:F3009, "quarter")',
    section: "retention",
  },
  {
    id: "FLOWS",
    description: "NRR and GRR by flows over a window: opening, expansion, contraction and churn summed over its periods (new, returns excluded).",
    params: [SUBSCRIPTIONS, PERIOD, FLOWS_FROM, FLOWS_TO, HISTORY_AS_OF],
    result: "range",
    example: '=XSELL_FLOWS(Subscriptions!A1:F3009, "month", "2025-01-01", "2025-12-31")',
    section: "retention",
  },
  {
    id: "COHORTS",
    description: "Cohort triangle: start cohorts down, periods since start across, revenue or logo retention; cohort sizes beside it.",
    params: [SUBSCRIPTIONS, PERIOD, ruled(rules.COHORT_MEASURE, "Optional: revenue (Σ amount ÷ starting amount) or logos (share still paying)."), HISTORY_AS_OF],
    result: "range",
    example: '=XSELL_COHORTS(Subscriptions!A1:F3009, "quarter", "logos")',
    section: "retention",
  },
];

const opt = (name: string, description: string, type: ParamSpec["type"]): ParamSpec => ({ name, description, shape: "value", type, optional: true, zero: "omitted" });

/** Catalog entries for core/catalog.ts (section "retention"). */
export const TIMING_SPECS: readonly FunctionSpec[] = [
  {
    id: "TIME_TO_SECOND",
    description: "Kaplan–Meier days from first to second product: median with 95% CI, share within 180 days, and the curve.",
    params: [
      SUBSCRIPTIONS,
      ruled(rules.AS_OF, "Optional: the date to measure as of; accounts without a second product are censored then or at churn."),
      opt("by", 'Optional: "first product" for one curve per first product, or a column name (a segment) of subscriptions.', "string"),
    ],
    result: "range",
    example: '=XSELL_TIME_TO_SECOND(Subscriptions!A1:F3000, , "first product")',
    section: "retention",
  },
  {
    id: "SEQUENCE",
    description: "Purchase order: of accounts that bought A (row) first, the share that later bought B (column); same-day is not a sequence.",
    params: [
      SUBSCRIPTIONS,
      ruled(rules.WITHIN_DAYS, "Optional: count B only when bought within this many days after A (default: ever)."),
      ruled(rules.SEQUENCE_MEASURE, "Optional: share, count, accounts (who bought A first: the denominator) or median days from A to B."),
    ],
    result: "range",
    example: "=XSELL_SEQUENCE(Subscriptions!A1:F3000, 365)",
    section: "retention",
  },
  {
    id: "PRODUCT_RETENTION",
    description: "Per product, 12-month GRR and logo retention when it was the first product vs cross-sold later, with counts.",
    params: [
      SUBSCRIPTIONS,
      ruled(rules.AS_OF, "Optional: the date to measure as of; only subscriptions that reached the horizon by then count."),
      ruled(rules.HORIZON_MONTHS, "Optional: the horizon in calendar months after each product's first start."),
    ],
    result: "range",
    example: "=XSELL_PRODUCT_RETENTION(Subscriptions!A1:F3000)",
    section: "retention",
  },
];
