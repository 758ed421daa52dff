/**
 * The one body of the Excel task pane and the Sheets sidebar, written into both pages at build time
 * (webpack.config.js: HtmlWebpackPlugin for taskpane.html, AppsScriptPlugin for the inlined sidebar.html) in
 * place of `<!--XSELL:PANE-->`. The element ids are the ones ui/pane.ts, excel-addin/taskpane/taskpane.ts and
 * sheets-addon/src/sidebar.ts look up; only what truly differs between the hosts is a parameter, and every
 * parameter is escaped. Tab checkboxes are not here: ui/pane.ts renderTabChoices draws them from core/tabs/kinds.ts.
 */
import { escapeHtml } from "../core/html";

export interface PaneHost {
  /** what the user's file is called in this host, for "Nothing leaves this …" */
  file: string;
  /** the brand icon beside the title; none in the sidebar, which Apps Script serves as one file without images */
  icon?: string;
  /** the buttons that choose the account table, each an id the host's script listens on */
  sources: { id: string; label: string; disabled?: boolean }[];
  /** what the source line says before a table is read */
  sourceHint: string;
  /** whether the host explains where the default as-of date comes from (Sheets: the spreadsheet's time zone) */
  asOfHint: boolean;
}

/** Excel: the pane waits for Office.js, then the user picks the active sheet or a selection. */
export const EXCEL_PANE: PaneHost = {
  file: "workbook",
  icon: "assets/icon-32.png",
  sources: [
    { id: "use-sheet", label: "Use active sheet", disabled: true },
    { id: "use-selection", label: "Use selection", disabled: true },
  ],
  sourceHint: "Open your account sheet (one row per account, headers in the first row), then choose.",
  asOfHint: false,
};

/** Sheets: the sidebar reads the active sheet as it opens; the button reads it again after the user switches. */
export const SHEETS_PANE: PaneHost = {
  file: "spreadsheet",
  sources: [{ id: "refresh", label: "Use active sheet" }],
  sourceHint: "Reading the active sheet…",
  asOfHint: true,
};

/** The other tables a build may use, in the order the pane offers them. */
const TABLE_CHOICES: [id: string, label: string][] = [
  ["ownership-sheet", "Ownership (who owns which product)"],
  ["prices-sheet", "Prices (Product, Price)"],
  ["model-choice", "Scoring model"],
  ["retention-sheet", "Retention (Start ARR, End ARR)"],
  ["subscriptions-sheet", "Subscription history (Start/End Date per product)"],
  ["outcomes-sheet", "Outcomes (Account, Expanded), for the Validation tab"],
];

const attr = (name: string, value: string): string => ` ${name}="${escapeHtml(value)}"`;

export function paneBody(host: PaneHost): string {
  const icon = host.icon ? `\n    <img${attr("src", host.icon)} alt="" width="24" height="24">` : "";
  const buttons = host.sources.map((b) => `<button${attr("id", b.id)} type="button"${b.disabled ? " disabled" : ""}>${escapeHtml(b.label)}</button>`);
  const asOf = host.asOfHint
    ? `<label class="field"><span>Score as of</span><input id="as-of" type="date" aria-describedby="as-of-hint"></label>
      <p id="as-of-hint" class="hint"></p>`
    : `<label class="field"><span>Score as of</span><input id="as-of" type="date"></label>`;
  return `<header class="brand">${icon}
    <div>
      <h1>XSELL</h1>
      <p>Cross-sell tabs from your account table. Nothing leaves this ${escapeHtml(host.file)}.</p>
    </div>
  </header>
  <main>
    <section aria-labelledby="h-source">
      <h2 id="h-source"><span class="step">1</span> Account table</h2>
      <div class="buttons">
        ${buttons.join("\n        ")}
      </div>
      <p id="source-info" class="hint" aria-live="polite">${escapeHtml(host.sourceHint)}</p>
    </section>

    <section id="mapping-section" aria-labelledby="h-mapping" hidden>
      <h2 id="h-mapping"><span class="step">2</span> Columns</h2>
      <p class="hint">XSELL recognized these columns. Fix any that are wrong; unused signals earn no points.</p>
      <div id="mapping" class="fields"></div>
      <details id="columns-details" open>
        <summary>How each column was read</summary>
        <div id="columns" class="columns"></div>
      </details>
    </section>

    <section id="tables-section" aria-labelledby="h-tables" hidden>
      <h2 id="h-tables"><span class="step">3</span> Other tables</h2>
      ${TABLE_CHOICES.map(([id, label]) => `<label class="field"><span>${escapeHtml(label)}</span><select${attr("id", id)}></select></label>`).join("\n      ")}
    </section>

    <section id="tabs-section" aria-labelledby="h-tabs" hidden>
      <h2 id="h-tabs"><span class="step">4</span> Tabs to build</h2>
      <fieldset id="tab-choices">
        <legend class="sr-only">Tabs</legend>
      </fieldset>
      ${asOf}
      <button id="build" type="button" class="primary">Build tabs</button>
      <progress id="progress" max="100" value="0" hidden></progress>
      <p id="status" class="status" role="status" aria-live="polite"></p>
      <div id="results" hidden>
        <h3>Built</h3>
        <ul id="built"></ul>
        <h3>Top opportunities</h3>
        <ol id="top"></ol>
      </div>
    </section>
    <p id="error" class="error" role="alert" hidden></p>
  </main>`;
}
