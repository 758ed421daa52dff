/**
 * What each catalog parameter accepts, as data: default, range, whole numbers and choices. core/catalog.ts adds
 * the help text (and generates the limits' wording from these); core/args.ts `bindArg` enforces them, so a
 * function never parses a limit of its own. No prose here: the bundles import this file.
 */
import { AS_OF, type ArgRule } from "./args";
import { MEASURES } from "./adjacency";
import { MODEL_PRESET } from "./model";
import { CAC_EXPANSION_PER_DOLLAR, CAC_NEW_PER_DOLLAR, CHURN_MULTI, CHURN_SINGLE } from "./scenario";
import { COHORT_MEASURES } from "./history/cohorts";
import { PERIOD_KINDS } from "./history/movements";
import { SEQUENCE_MEASURES } from "./history/timing";

export { AS_OF, MODEL_PRESET };

const whole = (name: string, min: number, deflt?: number, max?: number): ArgRule => ({ name, read: "number", integer: true, min, ...(max === undefined ? {} : { max }), ...(deflt === undefined ? { optional: true } : { default: deflt }) });
const amount = (name: string): ArgRule => ({ name, read: "number", min: 0 });
const share = (name: string, deflt?: number): ArgRule => ({ name, read: "number", min: 0, max: 1, hint: "write a share such as 35% or 0.35", ...(deflt === undefined ? {} : { default: deflt }) });

// ---------- cross-sell ----------
export const MIN_ACCOUNTS = whole("min_accounts", 0, 1);
export const ADJACENCY_MEASURE = { name: "measure", read: "choice", default: "attach", choices: MEASURES } as const satisfies ArgRule;
export const RANK = whole("rank", 1, 1);
/** The words exclude takes; its third form, a table as XSELL_PAIR_FLAGS spills it, is read apart (core/integrity/honest.ts). */
export const EXCLUDE = { name: "exclude", read: "choice", default: "none", choices: ["none", "flags"], hint: "or pass a table as XSELL_PAIR_FLAGS spills it" } as const satisfies ArgRule;

// ---------- retention ----------
export const FROM: ArgRule = { name: "from", read: "date", optional: true };
export const TO: ArgRule = { name: "to", read: "date", optional: true };
export const START_ARR_AMOUNT = amount("start_arr");
export const TARGET_NRR: ArgRule = { name: "target_nrr", read: "number", min: 0, max: 10, hint: "write 115% or 1.15" };
export const EXPECTED_CHURN: ArgRule = { ...amount("expected_churn"), default: 0 };
export const PERIOD = {
  name: "period",
  read: "choice",
  default: "month",
  choices: PERIOD_KINDS,
  aliases: [["months", "month"], ["monthly", "month"], ["quarters", "quarter"], ["quarterly", "quarter"], ["years", "year"], ["yearly", "year"], ["annual", "year"], ["annually", "year"]],
} as const satisfies ArgRule;
export const COHORT_MEASURE = { name: "measure", read: "choice", default: "revenue", choices: COHORT_MEASURES, aliases: [["logo", "logos"]] } as const satisfies ArgRule;
export const SEQUENCE_MEASURE = { name: "measure", read: "choice", default: "share", choices: SEQUENCE_MEASURES } as const satisfies ArgRule;
export const WITHIN_DAYS = whole("within_days", 1);
export const HORIZON_MONTHS = whole("months", 1, 12, 1200);

// ---------- scenarios ----------
export const ACCOUNTS = amount("accounts");
export const BASE_ARR = amount("base_arr");
export const ADDON_PRICE = amount("addon_price");
export const ATTACH_RATE = share("attach_rate");
export const NEW_LOGO_DEAL: ArgRule = { ...amount("new_logo_deal"), defaultFrom: "base_arr" };
export const CAC_NEW: ArgRule = { ...amount("cac_new"), default: CAC_NEW_PER_DOLLAR };
export const CAC_EXPANSION: ArgRule = { ...amount("cac_expansion"), default: CAC_EXPANSION_PER_DOLLAR };
export const SENSITIVITY_MEASURE = { name: "measure", read: "choice", default: "arr", choices: ["arr", "lift"] } as const satisfies ArgRule;
export const YEARS = whole("years", 1, 3, 50);
export const CHURN_SINGLE_RATE = share("churn_single", CHURN_SINGLE);
export const CHURN_MULTI_RATE = share("churn_multi", CHURN_MULTI);

// ---------- proof ----------
export const BACKTEST_AS_OF: ArgRule = { name: "as_of", read: "date" };
export const HORIZON_DAYS = whole("horizon_days", 1, 365, 36500);
export const PICKS = whole("k", 1, 1, 1000);
