/**
 * The Sheets sidebar: the same flow as the Excel task pane, talking to the server through google.script.run.
 * One server call per tab, so the progress bar moves as tabs land. User strings only reach the page as text.
 */
interface State {
  sheetName: string;
  rows: number;
  headers: string[];
  mapping: Record<string, number>;
  sheets: string[];
  ownership: string;
  prices: string;
  retention: string;
}
interface Built {
  sheetName: string;
  rows: number;
  top: string[];
}
interface ScriptRun {
  withSuccessHandler(fn: (v: unknown) => void): ScriptRun;
  withFailureHandler(fn: (e: Error) => void): ScriptRun;
  [server: string]: unknown;
}
declare const google: { script: { run: ScriptRun } };

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const NEEDS: Record<string, "ownership" | "retention" | null> = { scorecard: null, whitespace: "ownership", adjacency: "ownership", retention: "retention", scenario: null };
let state: State | null = null;

function server<T>(name: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const run = google.script.run.withSuccessHandler((v) => resolve(v as T)).withFailureHandler(reject);
    (run[name] as (...a: unknown[]) => void)(...args);
  });
}

function showError(msg: string | null): void {
  const el = $("error");
  el.textContent = msg ?? "";
  el.hidden = !msg;
}

function option(select: HTMLSelectElement, value: string, label: string): void {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  select.appendChild(o);
}

function fillSheets(id: string, chosen: string): void {
  const select = $<HTMLSelectElement>(id);
  select.replaceChildren();
  option(select, "", "(none)");
  for (const name of state!.sheets) option(select, name, name);
  select.value = chosen;
  select.onchange = updateTabs;
}

function updateTabs(): void {
  const have: Record<string, boolean> = { ownership: Boolean($<HTMLSelectElement>("ownership-sheet").value), retention: Boolean($<HTMLSelectElement>("retention-sheet").value) };
  for (const input of Array.from(document.querySelectorAll<HTMLInputElement>("#tab-choices input"))) {
    const need = NEEDS[input.value];
    const ok = need === null || have[need];
    input.disabled = !ok;
    if (!ok) input.checked = false;
    input.closest("label")?.classList.toggle("disabled", !ok);
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
  const box = $("mapping");
  box.replaceChildren();
  for (const field of Object.keys(state.mapping)) {
    const label = document.createElement("label");
    label.className = "field";
    const span = document.createElement("span");
    span.textContent = field;
    const select = document.createElement("select");
    select.dataset.field = field;
    option(select, "-1", "(not in this table)");
    state.headers.forEach((h, i) => option(select, String(i), h || `Column ${i + 1}`));
    select.value = String(state.mapping[field]);
    select.classList.toggle("missing", state.mapping[field] < 0);
    select.onchange = () => {
      state!.mapping[field] = Number(select.value);
      select.classList.toggle("missing", state!.mapping[field] < 0);
    };
    label.append(span, select);
    box.appendChild(label);
  }
  fillSheets("ownership-sheet", state.ownership);
  fillSheets("prices-sheet", state.prices);
  fillSheets("retention-sheet", state.retention);
  for (const id of ["mapping-section", "tables-section", "tabs-section"]) $(id).hidden = false;
  updateTabs();
}

async function build(): Promise<void> {
  showError(null);
  const tabs = Array.from(document.querySelectorAll<HTMLInputElement>("#tab-choices input:checked")).map((i) => i.value);
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
      $("status").textContent = `Building ${tabs[i]} (${i + 1} of ${tabs.length})…`;
      const res = await server<Built>("xsellBuildTab", {
        tab: tabs[i],
        mapping: state.mapping,
        ownership: $<HTMLSelectElement>("ownership-sheet").value || undefined,
        prices: $<HTMLSelectElement>("prices-sheet").value || undefined,
        retention: $<HTMLSelectElement>("retention-sheet").value || undefined,
        asOf: $<HTMLInputElement>("as-of").value || undefined,
      });
      const li = document.createElement("li");
      li.textContent = `${res.sheetName} — ${res.rows.toLocaleString("en-US")} rows`;
      built.appendChild(li);
      if (res.top.length) {
        const top = $("top");
        top.replaceChildren();
        for (const t of res.top) {
          const item = document.createElement("li");
          item.textContent = t;
          top.appendChild(item);
        }
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

const now = new Date();
$<HTMLInputElement>("as-of").value = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
$("refresh").addEventListener("click", () => void load());
$("build").addEventListener("click", () => void build());
void load();
