/**
 * The Sheets sidebar: the same flow as the Excel task pane, talking to the server through google.script.run.
 * One server call per tab, so the progress bar moves as tabs land. User strings only reach the page as text.
 */
import { tabTitle } from "../../core/tabs/kinds";
import { $, appendItem, checkedTabs, fillModelChoice, fillSheetChoice, renderColumnReport, renderMapping, renderTabChoices, showError, updateTabAvailability } from "../../ui/pane";

interface State {
  sheetName: string;
  rows: number;
  headers: string[];
  mapping: Record<string, number>;
  /** The column report rows (header first), as XSELL_COLUMNS spills them. */
  columns: unknown[][];
  sheets: string[];
  ownership: string;
  prices: string;
  retention: string;
  subscriptions: string;
  /** A sheet saying whether each account expanded, for the Validation tab ("" when none is named). */
  outcomes: string;
  /** The scoring model: "readiness-100", "expansion-100" or "sheet:<name>". */
  model: string;
  /** The default as-of date (ISO): the XSELL_AS_OF cell, or today in the spreadsheet's time zone. */
  asOf: string;
  /** Where asOf came from, in words. */
  asOfSource: string;
}
interface Built {
  sheetName: string;
  rows: number;
  top: string[];
  /** What the charts could not show in Sheets. */
  chartNotes: string[];
}
interface ScriptRun {
  withSuccessHandler(fn: (v: unknown) => void): ScriptRun;
  withFailureHandler(fn: (e: Error) => void): ScriptRun;
  [server: string]: unknown;
}
declare const google: { script: { run: ScriptRun } };

let state: State | null = null;
/** The as-of value the sidebar filled in itself; a date the user typed is kept across refreshes. */
let filledAsOf = "";

function server<T>(name: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const run = google.script.run.withSuccessHandler((v) => resolve(v as T)).withFailureHandler(reject);
    (run[name] as (...a: unknown[]) => void)(...args);
  });
}

function refreshTabs(): void {
  const chosen = (id: string): boolean => Boolean($<HTMLSelectElement>(id).value);
  updateTabAvailability({ accounts: true, ownership: chosen("ownership-sheet"), retention: chosen("retention-sheet"), subscriptions: chosen("subscriptions-sheet"), outcomes: chosen("outcomes-sheet") });
}

/** Redraws the column report after the user changes the mapping. */
async function refreshColumns(): Promise<void> {
  if (!state) return;
  showError(null);
  try {
    renderColumnReport($("columns"), await server<unknown[][]>("xsellColumnReport", state.mapping));
  } catch (e) {
    showError((e as Error).message);
  }
}

async function load(): Promise<void> {
  showError(null);
  try {
    state = await server<State>("xsellSidebarState");
  } catch (e) {
    showError((e as Error).message);
    return;
  }
  $("source-info").textContent = `${state.rows.toLocaleString("en-US")} account rows × ${state.headers.length} columns from "${state.sheetName}".`;
  renderMapping($("mapping"), Object.keys(state.mapping), state.headers, state.mapping, () => void refreshColumns());
  renderColumnReport($("columns"), state.columns);
  fillSheetChoice($("ownership-sheet"), state.sheets, state.ownership, refreshTabs);
  fillSheetChoice($("prices-sheet"), state.sheets, state.prices, refreshTabs);
  fillModelChoice($("model-choice"), state.sheets, state.model);
  fillSheetChoice($("retention-sheet"), state.sheets, state.retention, refreshTabs);
  fillSheetChoice($("subscriptions-sheet"), state.sheets, state.subscriptions, refreshTabs);
  fillSheetChoice($("outcomes-sheet"), state.sheets, state.outcomes, refreshTabs);
  const asOf = $<HTMLInputElement>("as-of");
  if (asOf.value === "" || asOf.value === filledAsOf) asOf.value = filledAsOf = state.asOf;
  $("as-of-hint").textContent = `Default: ${state.asOfSource}.`;
  for (const id of ["mapping-section", "tables-section", "tabs-section"]) $(id).hidden = false;
  refreshTabs();
}

async function build(): Promise<void> {
  showError(null);
  const tabs = checkedTabs();
  if (!state || tabs.length === 0) {
    showError("Choose at least one tab to build.");
    return;
  }
  const button = $<HTMLButtonElement>("build");
  const progress = $<HTMLProgressElement>("progress");
  const built = $("built");
  built.replaceChildren();
  $("results").hidden = true;
  button.disabled = true;
  progress.hidden = false;
  progress.value = 0;
  try {
    for (let i = 0; i < tabs.length; i++) {
      $("status").textContent = `Building ${tabTitle(tabs[i])} (${i + 1} of ${tabs.length})…`;
      const res = await server<Built>("xsellBuildTab", {
        tab: tabs[i],
        mapping: state.mapping,
        ownership: $<HTMLSelectElement>("ownership-sheet").value || undefined,
        prices: $<HTMLSelectElement>("prices-sheet").value || undefined,
        model: $<HTMLSelectElement>("model-choice").value || undefined,
        retention: $<HTMLSelectElement>("retention-sheet").value || undefined,
        subscriptions: $<HTMLSelectElement>("subscriptions-sheet").value || undefined,
        outcomes: $<HTMLSelectElement>("outcomes-sheet").value || undefined,
        asOf: $<HTMLInputElement>("as-of").value || undefined,
      });
      const line = `${res.sheetName} — ${res.rows.toLocaleString("en-US")} rows`;
      appendItem(built, res.chartNotes.length > 0 ? `${line}. ${res.chartNotes.join(" ")}` : line);
      if (res.top.length) {
        const top = $("top");
        top.replaceChildren();
        for (const t of res.top) appendItem(top, t);
      }
      progress.value = Math.round(((i + 1) / tabs.length) * 100);
    }
    $("status").textContent = `Done: ${tabs.length} tab${tabs.length === 1 ? "" : "s"} built. Your source sheet was not changed.`;
    $("results").hidden = false;
  } catch (e) {
    $("status").textContent = "";
    showError((e as Error).message);
  } finally {
    button.disabled = false;
    progress.hidden = true;
  }
}

// the default as-of date comes from the server: today in the spreadsheet's time zone (not the browser's), or XSELL_AS_OF
$("refresh").addEventListener("click", () => void load());
$("build").addEventListener("click", () => void build());
renderTabChoices($("tab-choices"));
void load();
