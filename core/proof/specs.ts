/**
 * Catalog entries of the proof functions (core/catalog.ts lists them): does the score predict expansion, does the
 * model deserve its weights, do the next-product picks come true, which triggers and reps convert.
 */
import type { FunctionSpec } from "../catalog";
import { ruled, type ParamSpec, type ZeroMeaning } from "../param-spec";
import * as rules from "../params";

const range = (name: string, description: string, optional = false): ParamSpec => ({ name, description, shape: "range", type: "any", optional, zero: "rows" });
const zero = (p: ParamSpec, meaning: ZeroMeaning): ParamSpec => ({ ...p, zero: meaning });

const SCORES = zero(range("scores", "A column of scores, one per account (a header cell on top is skipped)."), "cells");
const OUTCOMES = zero(range("outcomes", "Whether each account expanded, aligned with scores: TRUE/FALSE, Yes/No, 1/0 or an amount (> 0 = expanded); blanks left out."), "cells");

export const PROOF_SPECS: readonly FunctionSpec[] = [
  {
    id: "AUC",
    description: "Chance that a random account that expanded outranks one that did not (ties count half): 0.5 is chance, 1 perfect.",
    params: [SCORES, OUTCOMES],
    result: "value",
    example: "=XSELL_AUC(L2:L401, M2:M401)",
    section: "proof",
  },
  {
    id: "VALIDATE",
    description: "Does the score predict expansion: AUC with 95% DeLong interval, conversion per band (Wilson), lift per score decile.",
    params: [SCORES, OUTCOMES, zero(range("bands", "Optional: your own band per account, aligned with the scores (default High ≥ 70, Qualified > 60, Nurture 40–60, Low < 40).", true), "omitted")],
    result: "range",
    example: "=XSELL_VALIDATE(L1:L401, M1:M401)",
    section: "proof",
  },
  {
    id: "FIT_MODEL",
    description: "Suggested points per criterion from a logistic regression on your outcomes, checked on held-out accounts; feeds XSELL_SCORE.",
    params: [
      range("data", "The account table with its header row, as XSELL_SCORE reads it."),
      zero(range("outcomes", "Whether each account expanded, aligned with data's rows: TRUE/FALSE, Yes/No, 1/0 or an amount (> 0 = expanded)."), "cells"),
      zero({ ...range("model", 'Optional: the model whose criteria are weighed: a preset or a model table (default "readiness-100").', true) }, "omitted"),
      ruled(rules.AS_OF, "Optional: the date the signals are read as of."),
    ],
    result: "range",
    example: "=XSELL_FIT_MODEL(Accounts!A1:U401, Outcomes!B1:B401)",
    section: "proof",
  },
  {
    id: "BACKTEST",
    description: "Rewinds ownership to as_of and scores top-k next-product picks on later purchases, against popularity and random picks.",
    params: [
      range("subscriptions", "Subscription history: Account, Product, ARR or MRR, Start Date, End Date (blank = active), optional Status."),
      ruled(rules.BACKTEST_AS_OF, "The date to rewind ownership to; picks are scored on purchases after it."),
      ruled(rules.HORIZON_DAYS, "Optional: days after as_of in which a purchase counts."),
      ruled(rules.PICKS, "Optional: picks per account."),
      zero(range("prices", "Optional: a Product, Price table; picks are then ranked by expected ARR, as XSELL_NEXT_PRODUCT ranks them.", true), "omitted"),
    ],
    result: "range",
    example: '=XSELL_BACKTEST(Subscriptions!A1:F3200, "2025-11-01")',
    section: "proof",
  },
  {
    id: "CONVERSION",
    description: "Per trigger, rep, segment or product pairing: opportunities, won, win rate with Wilson interval, median days to close.",
    params: [
      range("opportunities", "Opportunities: Account, Product, Trigger, Rep, Segment, Created, Closed, Won or Stage, Amount (a header row on top)."),
      zero({ name: "by", description: 'Optional: "trigger" (default), "rep", "segment", "product", "pair" (From Product → Product) or a column name.', shape: "value", type: "string", optional: true, zero: "omitted" }, "omitted"),
    ],
    result: "range",
    example: '=XSELL_CONVERSION(Opportunities!A1:I500, "rep")',
    section: "proof",
  },
];
