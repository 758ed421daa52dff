/**
 * The XSELL task pane (shares its runtime with the custom functions): find the account table, show the columns
 * it recognized and let the user fix the mapping, pick the other tables and the tabs, then build them with a
 * progress bar. Errors appear in plain words. User strings only ever reach the page as text nodes.
 */
import { XsellError } from "../../core/errors";
import { buildTab, opportunityText, tabTitle, topOpportunities, TAB_KINDS, type SheetSpec, type TabInputs, type TabKind } from "../../core/tabs";
import { MAPPABLE_FIELDS, paneReadOptions, readSource, type Mapping } from "../../core/tabs/mapping";
import { isoFromDay, toDay, today, type CellValue } from "../../core/values";
import { $, appendItem, checkedTabs, fillModelChoice, fillSheetChoice, renderColumnReport, renderMapping, renderTabChoices, showError, updateTabAvailability } from "../../ui/pane";
import { readCulture, readDate1904, readSelection, readSheet, sheetNames, type SheetTable } from "../excel-io";
import type { Conventions } from "../../core/read/locale";
import { renderSpec } from "../renderer";

/** The workbook's reading conventions: its date system and, for unproven text, its region's dates and decimals. */
type Reading = { date1904: boolean } & Conventions;

const state: { source: SheetTable | null; mapping: Mapping; sheets: string[]; reading: Reading } = { source: null, mapping: {}, sheets: [], reading: { date1904: false, dateOrder: "mdy", decimal: "." } };

function setStatus(text: string): void {
  $("status").textContent = text;
}

/** Plain words for whatever went wrong: our own messages as they are, Office's translated. */
export function describeFailure(e: unknown): string {
  if (e instanceof XsellError) return e.message;
  const code = (e as { code?: string })?.code;
  const msg = e instanceof Error ? e.message : String(e);
  if (code === "RequestPayloadSizeLimitExceeded") return "Excel refused a request as too large. Try fewer rows, or build one tab at a time.";
  if (code === "ItemNotFound") return "A sheet XSELL needs was deleted or renamed while it worked. Choose the tables again.";
  if (code === "InvalidOperation" || code === "InvalidOperationInCellEditMode") return "Excel is busy (is a cell being edited?). Press Enter or Esc in the sheet, then try again.";
  return `Excel could not finish: ${msg}`;
}

function guessSheet(pattern: RegExp): string {
  return state.sheets.find((n) => pattern.test(n) && n !== state.source?.sheetName) ?? "";
}

function refreshTabs(): void {
  const chosen = (id: string): boolean => Boolean($<HTMLSelectElement>(id).value);
  updateTabAvailability({ accounts: Boolean(state.source), ownership: chosen("ownership-sheet"), retention: chosen("retention-sheet"), subscriptions: chosen("subscriptions-sheet"), outcomes: chosen("outcomes-sheet") });
}

async function chooseSource(mode: "sheet" | "selection"): Promise<void> {
  showError(null);
  try {
    await Excel.run(async (context) => {
      const table = mode === "sheet" ? await readSheet(context) : await readSelection(context);
      state.sheets = await sheetNames(context);
      // culture info is ExcelApi 1.12: older hosts read unproven text the US way, and the column report says which default
      const culture = await readCulture(context, Office.context.requirements.isSetSupported("ExcelApi", "1.12"));
      state.reading = { date1904: await readDate1904(context), ...culture };
      if (table.values.length < 2) throw new XsellError("#VALUE!", `${mode === "sheet" ? `Sheet "${table.sheetName}"` : "The selection"} has no rows under its header row. Select a table with a header row and at least one account.`);
      state.source = table;
    });
  } catch (e) {
    showError(describeFailure(e));
    return;
  }
  const src = state.source!;
  const rows = src.values.length - 1;
  $("source-info").textContent = `${rows.toLocaleString("en-US")} account row${rows === 1 ? "" : "s"} × ${src.values[0].length} columns from "${src.sheetName}".`;
  let reading;
  try {
    reading = readSource("XSELL", src.values, undefined, state.reading);
  } catch (e) {
    showError(describeFailure(e));
    return;
  }
  state.mapping = reading.mapping;
  renderMapping($("mapping"), MAPPABLE_FIELDS, reading.headers, state.mapping, showColumns);
  renderColumnReport($("columns"), reading.report);
  fillSheetChoice($("ownership-sheet"), state.sheets, guessSheet(/owner|product|holding/i), refreshTabs);
  fillSheetChoice($("prices-sheet"), state.sheets, guessSheet(/price/i), refreshTabs);
  fillModelChoice($("model-choice"), state.sheets, guessSheet(/model|scoring/i) ? `sheet:${guessSheet(/model|scoring/i)}` : "");
  fillSheetChoice($("retention-sheet"), state.sheets, guessSheet(/retention|snapshot|arr/i), refreshTabs);
  fillSheetChoice($("subscriptions-sheet"), state.sheets, guessSheet(/subscription|history|contract/i), refreshTabs);
  fillSheetChoice($("outcomes-sheet"), state.sheets, guessSheet(/outcome|expan|convert/i), refreshTabs);
  for (const id of ["mapping-section", "tables-section", "tabs-section"]) $(id).hidden = false;
  refreshTabs();
}

/** The column report for the current mapping: what each column is read as, redrawn when the mapping changes. */
function showColumns(): void {
  if (!state.source) return;
  showError(null);
  try {
    renderColumnReport($("columns"), readSource("XSELL", state.source.values, state.mapping, state.reading).report);
  } catch (e) {
    showError(describeFailure(e));
  }
}

/** The chosen scoring model: a preset's name, or the model table on the chosen sheet. */
async function readModel(context: Excel.RequestContext): Promise<unknown> {
  const choice = $<HTMLSelectElement>("model-choice").value;
  return choice.startsWith("sheet:") ? (await readSheet(context, choice.slice(6))).values : choice || null;
}

async function readNamed(context: Excel.RequestContext, id: string): Promise<CellValue[][] | undefined> {
  const name = $<HTMLSelectElement>(id).value;
  if (!name) return undefined;
  return (await readSheet(context, name)).values;
}

function showTop(spec: SheetSpec): void {
  const list = $("top");
  list.replaceChildren();
  for (const o of topOpportunities(spec)) appendItem(list, opportunityText(o));
}

async function build(): Promise<void> {
  showError(null);
  const kinds = checkedTabs().filter((k): k is TabKind => TAB_KINDS.includes(k as TabKind));
  if (kinds.length === 0) {
    showError("Choose at least one tab to build.");
    return;
  }
  const asOfText = $<HTMLInputElement>("as-of").value;
  const asOf = asOfText ? toDay(asOfText) : { ok: true as const, value: today() };
  if (!asOf.ok) {
    showError(`"Score as of" is not a date: ${asOfText}`);
    return;
  }
  const button = $<HTMLButtonElement>("build");
  const progress = $<HTMLProgressElement>("progress");
  button.disabled = true;
  progress.hidden = false;
  progress.value = 0;
  const built = $("built");
  built.replaceChildren();
  $("results").hidden = true;
  try {
    await Excel.run(async (context) => {
      setStatus("Reading your tables…");
      // serial dates in a 1904-system workbook (Excel's option, Mac's old default) count from 1904-01-01
      const date1904 = await readDate1904(context);
      state.reading = { ...state.reading, date1904 };
      const inputs: TabInputs = {
        accounts: state.source?.values,
        ownership: await readNamed(context, "ownership-sheet"),
        prices: await readNamed(context, "prices-sheet"),
        model: await readModel(context),
        retention: await readNamed(context, "retention-sheet"),
        subscriptions: await readNamed(context, "subscriptions-sheet"),
        outcomes: await readNamed(context, "outcomes-sheet"),
        asOf: asOf.value,
        readOptions: paneReadOptions(state.mapping, state.reading),
      };
      for (let i = 0; i < kinds.length; i++) {
        const kind = kinds[i];
        setStatus(`Building ${tabTitle(kind)} (${i + 1} of ${kinds.length})…`);
        const spec = buildTab(kind, inputs);
        const stats = await renderSpec(context, spec, {
          onProgress: (done, total) => {
            progress.value = Math.round(((i + done / total) / kinds.length) * 100);
          },
        });
        const line = `${stats.sheetName} — ${spec.rows.toLocaleString("en-US")} rows`;
        appendItem(built, stats.chartNotes.length > 0 ? `${line}. ${stats.chartNotes.join(" ")}` : line);
        if (kind === "scorecard") showTop(spec);
        progress.value = Math.round(((i + 1) / kinds.length) * 100);
      }
    });
    setStatus(`Done: ${kinds.length} tab${kinds.length === 1 ? "" : "s"} built. Your source sheet was not changed.`);
    $("results").hidden = false;
    $("top").closest("div")!.querySelectorAll("h3")[1].hidden = !kinds.includes("scorecard");
  } catch (e) {
    setStatus("");
    showError(describeFailure(e));
  } finally {
    button.disabled = false;
    progress.hidden = true;
  }
}

Office.onReady(() => {
  renderTabChoices($("tab-choices"));
  $<HTMLInputElement>("as-of").value = isoFromDay(today());
  for (const [id, mode] of [["use-sheet", "sheet"], ["use-selection", "selection"]] as const) {
    const b = $<HTMLButtonElement>(id);
    b.disabled = false;
    b.addEventListener("click", () => void chooseSource(mode));
  }
  $("build").addEventListener("click", () => void build());
});
