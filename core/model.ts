import { bindArg, type ArgRule } from "./args";
import { valueError } from "./errors";
import { normalizeHeader } from "./headers";
import { asGrid, isOmitted } from "./table";
import { isBlank, showValue, toNumber, toText, type CellValue } from "./values";

/**
 * The tests a model row can use. Numeric ones compare a column (or a ratio "A / B") with the threshold;
 * date ones measure calendar months or days from as_of; relative ones compare with the rows passed in.
 */
export const TESTS = [">", ">=", "<", "<=", "months ago >", "months ahead >", "days ago >", "in", "any true", "true", "top quartile", "above average", "below average"] as const;
export type TestKind = (typeof TESTS)[number];

const NUMERIC_TESTS: ReadonlySet<TestKind> = new Set([">", ">=", "<", "<=", "months ago >", "months ahead >", "days ago >"]);
const RELATIVE_TESTS: ReadonlySet<TestKind> = new Set(["top quartile", "above average", "below average"]);
export const isNumericTest = (t: TestKind): boolean => NUMERIC_TESTS.has(t);
export const isRelativeTest = (t: TestKind): boolean => RELATIVE_TESTS.has(t);

export interface Criterion {
  /** Short label used in explanations ("Seats", "NPS"). */
  readonly name: string;
  readonly category: string;
  /** As typed: "NPS", "Active Users / Licenses", "Hiring, Funding". */
  readonly signal: string;
  /** Columns the signal reads; for a ratio, [numerator, denominator]. */
  readonly columns: string[];
  readonly ratio: boolean;
  readonly test: TestKind;
  /** A number for numeric tests, a list of accepted words for "in" (as typed; compared ignoring case), null otherwise. */
  readonly threshold: number | string[] | null;
  readonly points: number;
  /** Linear partial credit: 0 points at the threshold rising to full points at this value. */
  readonly fullAt: number | null;
}

export interface Model {
  readonly name: string;
  readonly criteria: Criterion[];
}

export const MODEL_HEADERS = ["Criterion", "Category", "Column or signal", "Test", "Threshold", "Points", "Full at"] as const;

type Row = [string, string, string, TestKind, number | string | null, number, number | null];

/** Seed 001's readiness scorecard: 8 criteria, 100 points, > 60 qualified. */
const READINESS_100: Row[] = [
  ["Seats", "Product adoption", "Active Users / Licenses", ">", 0.5, 20, null],
  ["NPS", "Customer health", "NPS", ">", 40, 15, null],
  ["Tenure", "Time in platform", "Start Date", "months ago >", 6, 10, null],
  ["Support", "Support engagement", "Support Level", "in", "Low, Medium", 10, null],
  ["Growth", "Business growth", "Hiring, Funding", "any true", null, 10, null],
  ["Features", "Feature usage", "Adjacent Feature Usage", "true", null, 15, null],
  ["Renewal", "Contract status", "Renewal Date", "months ahead >", 6, 10, null],
  ["Champion", "Executive sponsorship", "Champion", "true", null, 10, null],
];

/** Seed 000's Framework 5: Product health 40, Buying signals 30, Expansion readiness 30. */
const EXPANSION_100: Row[] = [
  ["Usage", "Product health", "Active Users / Licenses", ">", 0.6, 10, null],
  ["Adoption", "Product health", "Feature Adoption", "top quartile", null, 10, null],
  ["Tickets", "Product health", "Support Tickets", "below average", null, 10, null],
  ["NPS", "Product health", "NPS", ">", 0, 10, null],
  ["Budget", "Buying signals", "Funding", "true", null, 8, null],
  ["Hiring", "Buying signals", "Hiring", "true", null, 7, null],
  ["Engagement", "Buying signals", "Engagement Change", ">", 0, 8, null],
  ["Competition", "Buying signals", "Competitor Evaluation", "true", null, 7, null],
  ["Last purchase", "Expansion readiness", "Last Purchase Date", "days ago >", 90, 8, null],
  ["Adjacency", "Expansion readiness", "Adjacent Feature Usage", "true", null, 8, null],
  ["Departments", "Expansion readiness", "Departments", ">", 1, 7, null],
  ["Sponsor", "Expansion readiness", "Champion", "true", null, 7, null],
];

export const PRESETS: Readonly<Record<string, Row[]>> = Object.freeze(Object.assign(Object.create(null) as Record<string, Row[]>, { "readiness-100": READINESS_100, "expansion-100": EXPANSION_100 }));

/** Whether a user's word names a preset: own keys only, so "constructor" or "__proto__" are not presets. */
export const isPreset = (name: string): boolean => Object.prototype.hasOwnProperty.call(PRESETS, name);
export const DEFAULT_PRESET = "readiness-100";

/** XSELL_MODEL's output: the header row and one row per criterion, ready to edit in a sheet. */
export function modelTable(fn: string, preset: unknown): CellValue[][] {
  const name = presetName(fn, preset, MODEL_PRESET);
  return [[...MODEL_HEADERS], ...PRESETS[name].map((r) => r.map((v) => (v === null ? "" : v)) as CellValue[])];
}

/** XSELL_MODEL's preset (core/params.ts lists it with the other argument rules). */
export const MODEL_PRESET = { name: "preset", read: "choice", default: DEFAULT_PRESET, choices: Object.keys(PRESETS) } as const satisfies ArgRule;
/** The model argument of SCORE, EXPLAIN and TRIGGERS when it is a word rather than a table. */
const MODEL_WORD: ArgRule = { ...MODEL_PRESET, name: "model", hint: "or pass a model table as XSELL_MODEL spills it" };

function presetName(fn: string, preset: unknown, rule: ArgRule): string {
  return bindArg(fn, rule, preset) as string;
}

const cache = new Map<string, Model>();

/** The model argument: omitted (the default preset), a preset name, or a table as XSELL_MODEL spills it. */
export function resolveModel(fn: string, arg: unknown): Model {
  const isTable = Array.isArray(arg) && !isOmitted(arg) && (arg.length > 1 || (Array.isArray(arg[0]) && arg[0].length > 1));
  if (!isTable) {
    const name = presetName(fn, arg, MODEL_WORD);
    let m = cache.get(name);
    if (!m) {
      m = parseModel(fn, modelTable(fn, name), name);
      cache.set(name, m);
    }
    return m;
  }
  return parseModel(fn, asGrid(fn, "model", arg), "custom");
}

/** Parses and validates an edited model table; every problem names the model row and what was expected. */
export function parseModel(fn: string, grid: CellValue[][], name: string): Model {
  if (grid.length < 2) throw valueError(fn, "model must have a header row and at least one criterion row");
  const header = grid[0].map((v) => normalizeHeader(toText(v)));
  const col = (label: string, required: boolean): number => {
    const i = header.indexOf(normalizeHeader(label));
    if (i < 0 && required) throw valueError(fn, `model has no "${label}" column; expected the columns ${MODEL_HEADERS.join(", ")} (spill XSELL_MODEL() for a template)`);
    return i;
  };
  const cName = col("Criterion", true);
  const cCat = col("Category", false);
  const cSignal = header.indexOf("columnorsignal") >= 0 ? header.indexOf("columnorsignal") : col("Column", true);
  const cTest = col("Test", true);
  const cThr = col("Threshold", false);
  const cPts = col("Points", true);
  const cFull = col("Full at", false);
  const criteria: Criterion[] = [];
  // only the model's own columns decide whether a row is a criterion: notes beside the table (as XSELL_FIT_MODEL
  // spills its held-out check) may run past the last criterion
  const own = [cName, cCat, cSignal, cTest, cThr, cPts, cFull].filter((c) => c >= 0);
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (own.every((c) => isBlank(row[c]))) continue;
    const at = `model row ${r + 1}`;
    const get = (c: number): CellValue => (c >= 0 ? row[c] : "");
    const label = toText(get(cName));
    if (!label) throw valueError(fn, `${at}: Criterion is blank`);
    const signal = toText(get(cSignal));
    if (!signal) throw valueError(fn, `${at} ("${label}"): Column or signal is blank`);
    const testText = toText(get(cTest)).toLowerCase().replace(/\s+/g, " ");
    const test = TESTS.find((t) => t === testText);
    if (!test) throw valueError(fn, `${at} ("${label}"): test ${showValue(get(cTest))} is not one of ${TESTS.map((t) => `"${t}"`).join(", ")}`);
    const pts = toNumber(get(cPts));
    if (!pts.ok || pts.value < 0) throw valueError(fn, `${at} ("${label}"): Points ${showValue(get(cPts))} is not a number ≥ 0`);
    const ratio = signal.includes("/");
    const columns = (ratio ? signal.split("/") : signal.split(",")).map((s) => s.trim()).filter((s) => s !== "");
    if (ratio && columns.length !== 2) throw valueError(fn, `${at} ("${label}"): a ratio signal needs two columns, like "Active Users / Licenses"`);
    if (!ratio && columns.length > 1 && test !== "any true") throw valueError(fn, `${at} ("${label}"): several columns need the test "any true"`);
    let threshold: number | string[] | null = null;
    const thrCell = get(cThr);
    if (isNumericTest(test)) {
      const t = toNumber(thrCell);
      if (!t.ok) throw valueError(fn, `${at} ("${label}"): test "${test}" needs a number in Threshold, got ${isBlank(thrCell) ? "blank" : showValue(thrCell)}`);
      threshold = t.value;
    } else if (test === "in") {
      const words = toText(thrCell).split(/[,;/]/).map((s) => s.trim()).filter((s) => s);
      if (words.length === 0) throw valueError(fn, `${at} ("${label}"): test "in" needs a list in Threshold, like "Low, Medium"`);
      threshold = words;
    }
    let fullAt: number | null = null;
    const fullCell = get(cFull);
    if (!isBlank(fullCell)) {
      if (!isNumericTest(test) || typeof threshold !== "number") throw valueError(fn, `${at} ("${label}"): Full at applies only to the tests >, >=, <, <=, months ago >, months ahead >, days ago >`);
      const f = toNumber(fullCell);
      if (!f.ok) throw valueError(fn, `${at} ("${label}"): Full at ${showValue(fullCell)} is not a number`);
      const rising = test !== "<" && test !== "<=";
      if (rising ? f.value <= threshold : f.value >= threshold) {
        throw valueError(fn, `${at} ("${label}"): Full at (${f.value}) must be ${rising ? "above" : "below"} the threshold (${threshold})`);
      }
      fullAt = f.value;
    }
    criteria.push({ name: label, category: cCat >= 0 ? toText(row[cCat]) : "", signal, columns, ratio, test, threshold, points: pts.value, fullAt });
  }
  if (criteria.length === 0) throw valueError(fn, "model has no criterion rows");
  const total = criteria.reduce((s, c) => s + c.points, 0);
  if (Math.abs(total - 100) > 1e-9) throw valueError(fn, `model points add up to ${+total.toFixed(6)}; a model's points must total 100`);
  return { name, criteria };
}
