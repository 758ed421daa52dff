/**
 * DOM helpers shared by the Excel task pane and the Sheets sidebar: the same controls, built the same way.
 * No host API here, and user strings only ever become text nodes or option text.
 */
import { missingNeeds, TABS, type TableNeed } from "../core/tabs/kinds";

export const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};

export function option(select: HTMLSelectElement, value: string, label: string): void {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  select.appendChild(o);
}

export function showError(message: string | null): void {
  const el = $("error");
  el.textContent = message ?? "";
  el.hidden = !message;
}

/** One labelled drop-down per signal, preselected from `mapping`, which it updates in place (then calls onChange). */
export function renderMapping(box: HTMLElement, fields: readonly string[], headers: string[], mapping: Record<string, number>, onChange?: () => void): void {
  box.replaceChildren();
  for (const field of fields) {
    const label = document.createElement("label");
    label.className = "field";
    const span = document.createElement("span");
    span.textContent = field;
    const select = document.createElement("select");
    select.dataset.field = field;
    option(select, "-1", "(not in this table)");
    headers.forEach((h, i) => option(select, String(i), h || `Column ${i + 1}`));
    select.value = String(mapping[field] ?? -1);
    select.classList.toggle("missing", Number(select.value) < 0);
    select.addEventListener("change", () => {
      mapping[field] = Number(select.value);
      select.classList.toggle("missing", mapping[field] < 0);
      onChange?.();
    });
    label.append(span, select);
    box.appendChild(label);
  }
}

/** A sheet picker: "(none)" and every sheet, preselecting `chosen`. */
export function fillSheetChoice(select: HTMLSelectElement, sheets: string[], chosen: string, onChange: () => void): void {
  select.replaceChildren();
  option(select, "", "(none)");
  for (const name of sheets) option(select, name, name);
  select.value = chosen;
  select.onchange = onChange;
}

/** The scoring model choices: the two presets, then any sheet holding an edited model table (value "sheet:<name>"). */
export function fillModelChoice(select: HTMLSelectElement, sheets: string[], chosen: string): void {
  select.replaceChildren();
  option(select, "readiness-100", "Readiness, 100 points (default)");
  option(select, "expansion-100", "Expansion: health, buying signals, readiness");
  for (const name of sheets) option(select, `sheet:${name}`, `Model table on "${name}"`);
  select.value = chosen || "readiness-100";
}

/** One checkbox per tab in the registry, with what it holds; ticked as the registry says. */
export function renderTabChoices(box: HTMLElement): void {
  for (const el of Array.from(box.querySelectorAll("label"))) el.remove();
  for (const t of TABS) {
    const label = document.createElement("label");
    label.className = "check";
    const input = document.createElement("input");
    input.type = "checkbox";
    input.value = t.kind;
    input.checked = t.checked;
    const small = document.createElement("small");
    small.textContent = t.summary;
    label.append(input, ` ${t.title} `, small);
    box.appendChild(label);
  }
}

/** Disables (and unticks) the tabs whose tables are missing, saying which. */
export function updateTabAvailability(have: Partial<Record<TableNeed, boolean>>): void {
  for (const input of Array.from(document.querySelectorAll<HTMLInputElement>("#tab-choices input"))) {
    const t = TABS.find((x) => x.kind === input.value);
    const missing = t ? missingNeeds(t, have) : [];
    const ok = missing.length === 0;
    input.disabled = !ok;
    if (!ok) input.checked = false;
    input.closest("label")?.classList.toggle("disabled", !ok);
    input.title = ok ? "" : `Needs ${missing.join(" and ")}`;
  }
}

export function checkedTabs(): string[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>("#tab-choices input:checked")).map((i) => i.value);
}

export function appendItem(list: HTMLElement, text: string): void {
  const li = document.createElement("li");
  li.textContent = text;
  list.appendChild(li);
}

/**
 * The column report (header row first, as XSELL_COLUMNS spills it) as a list readable at 320 px: each column's
 * header, what it is read as and how, and its note beneath; table-level findings last. Text nodes only.
 */
export function renderColumnReport(box: HTMLElement, rows: readonly (readonly unknown[])[]): void {
  box.replaceChildren();
  const list = document.createElement("ul");
  list.className = "column-report";
  for (const r of rows.slice(1)) {
    const [, header, usedAs, readAs, , note] = r.map((v) => String(v ?? ""));
    const li = document.createElement("li");
    if (header === "(table)") {
      li.className = "table-note";
      li.textContent = note;
    } else {
      if (usedAs === "(ignored)") li.className = "ignored";
      const name = document.createElement("b");
      name.textContent = header || "(no header)";
      const what = document.createElement("span");
      what.textContent = usedAs === "(ignored)" ? " — ignored" : ` → ${usedAs} (${readAs})`;
      li.append(name, what);
      if (note && note !== "mapped by you") {
        const small = document.createElement("small");
        small.textContent = usedAs === "(ignored)" ? note.replace(/^ignored: /, "") : note;
        li.append(document.createElement("br"), small);
      }
    }
    list.appendChild(li);
  }
  box.appendChild(list);
}
