/**
 * Finance's cross-sell scenarios (seeds 002 and 004). Every output here has a spreadsheet-formula twin in the
 * Scenario tab builder; both are defined by the same arithmetic so the tab and XSELL_SCENARIO always agree.
 */
import { clean } from "./values";

/** Seed 002: $1.13 of sales & marketing per new-logo dollar, $0.27 per expansion dollar. */
export const CAC_NEW_PER_DOLLAR = 1.13;
export const CAC_EXPANSION_PER_DOLLAR = 0.27;
/** Seed 002 (Bain): churn near 20% a year with one product, about 8% with two. */
export const CHURN_SINGLE = 0.2;
export const CHURN_MULTI = 0.08;

export interface ScenarioInputs {
  accounts: number;
  baseArr: number;
  addonPrice: number;
  attachRate: number;
  newLogoDeal: number;
  cacNew: number;
  cacExpansion: number;
}

export interface ScenarioResult {
  baseArr: number;
  buyers: number;
  crossSellArr: number;
  lift: number;
  dealsNeeded: number;
  costAsNewLogos: number;
  costAsCrossSell: number;
  costAvoided: number;
}

/**
 * Accounts that buy: a count, so whole (ROUND(accounts × attach rate, 0) on the tab), and every dollar figure is
 * computed from it, so cross-sell ARR = buyers × price is visible as such (130 × $15,000, not 130.4 × $15,000).
 */
export const buyersOf = (accounts: number, attachRate: number): number => Math.round(clean(accounts * attachRate));

export function scenario(i: ScenarioInputs): ScenarioResult {
  const baseArr = clean(i.accounts * i.baseArr);
  const buyers = buyersOf(i.accounts, i.attachRate);
  const crossSellArr = clean(buyers * i.addonPrice);
  const costAsNewLogos = clean(crossSellArr * i.cacNew);
  const costAsCrossSell = clean(crossSellArr * i.cacExpansion);
  return {
    baseArr,
    buyers,
    crossSellArr,
    lift: baseArr === 0 ? NaN : clean(crossSellArr / baseArr),
    // whole deals: the same ARR from new logos needs ROUNDUP(ROUND(ARR ÷ deal size, 6), 0) closed deals,
    // exactly the Scenario tab's formula (the ROUND keeps float noise from adding a deal)
    dealsNeeded: i.newLogoDeal > 0 ? Math.ceil(clean(crossSellArr / i.newLogoDeal, 6)) : NaN,
    costAsNewLogos,
    costAsCrossSell,
    costAvoided: clean(costAsNewLogos - costAsCrossSell),
  };
}

/** XSELL_SCENARIO's measures in order, with the labels the function and the Scenario tab both show. */
export const SCENARIO_LABELS: readonly (readonly [keyof ScenarioResult, string])[] = [
  ["baseArr", "Base ARR"],
  ["buyers", "Accounts that buy the add-on"],
  ["crossSellArr", "Cross-sell ARR"],
  ["lift", "Lift on base ARR"],
  ["dealsNeeded", "New-logo deals needed for the same ARR"],
  ["costAsNewLogos", "Sales & marketing cost as new logos"],
  ["costAsCrossSell", "Sales & marketing cost as cross-sell"],
  ["costAvoided", "Cost avoided by cross-selling"],
];

/** XSELL_PROJECTION's header row and the Scenario tab's projection header: one list. */
export const PROJECTION_HEADERS = ["Year", "Accounts (no cross-sell)", "ARR without cross-sell", "Single-product accounts", "Two-product accounts", "ARR with cross-sell", "NRR without", "NRR with"] as const;

export interface ProjectionYear {
  year: number;
  accountsWithout: number;
  arrWithout: number;
  singleAccounts: number;
  multiAccounts: number;
  arrWith: number;
  nrrWithout: number;
  nrrWith: number;
}

/**
 * Year 0 is today's base. The add-on is bought at the start of year 1 by attach_rate of the accounts (a whole number
 * of them, as the scenario counts them); from then on
 * two-product accounts churn at churn_multi and single-product accounts at churn_single. No new logos (a cohort view).
 */
export function projection(accounts: number, baseArr: number, addonPrice: number, attachRate: number, years: number, churnSingle: number, churnMulti: number): ProjectionYear[] {
  const out: ProjectionYear[] = [];
  let without = accounts;
  let single = accounts;
  let multi = 0;
  for (let y = 0; y <= years; y++) {
    if (y === 1) {
      multi = buyersOf(accounts, attachRate);
      single = accounts - multi;
    }
    if (y >= 1) {
      without *= 1 - churnSingle;
      single *= 1 - churnSingle;
      multi *= 1 - churnMulti;
    }
    const arrWithout = without * baseArr;
    const arrWith = single * baseArr + multi * (baseArr + addonPrice);
    const prev = out[y - 1];
    out.push({
      year: y,
      accountsWithout: clean(without),
      arrWithout: clean(arrWithout),
      singleAccounts: clean(single),
      multiAccounts: clean(multi),
      arrWith: clean(arrWith),
      // no NRR after a year that ended with no ARR (the tab's formula leaves it blank the same way)
      nrrWithout: prev && prev.arrWithout > 0 ? clean(arrWithout / prev.arrWithout) : NaN,
      nrrWith: prev && prev.arrWith > 0 ? clean(arrWith / prev.arrWith) : NaN,
    });
  }
  return out;
}
