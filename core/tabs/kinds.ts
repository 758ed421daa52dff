/**
 * The tab registry: every tab XSELL builds, as data. The panes' checkboxes, the Sheets menu and its generated
 * entry points, the CLI's --tabs and defaults, and TabKind all come from this list; the builders are joined to it
 * by kind in core/tabs/index.ts (kept apart so the sidebar's page can read this list without the whole core).
 */

/** A table a tab cannot be built without (the account table is the sheet or selection the user starts from). */
export type TableNeed = "accounts" | "ownership" | "retention" | "subscriptions" | "outcomes";

export interface TabDef {
  readonly kind: string;
  /** The tab's sheet name and its label in the panes. */
  readonly title: string;
  /** What it holds, in a few words, beside its checkbox. */
  readonly summary: string;
  /** The Sheets menu item. */
  readonly menuLabel: string;
  /** Tables it needs, all of them; an inner list is "any of these". An empty list: it can always be built. */
  readonly needs: readonly (TableNeed | readonly TableNeed[])[];
  /** Ticked by default in the panes (when its tables are there). */
  readonly checked: boolean;
}

export const TABS = [
  { kind: "scorecard", title: "Scorecard", summary: "scores, reasons, next product, triggers", menuLabel: "Build scorecard", needs: ["accounts"], checked: true },
  { kind: "whitespace", title: "Whitespace", summary: "accounts × products, gaps ranked", menuLabel: "Build whitespace tab", needs: ["ownership"], checked: true },
  { kind: "adjacency", title: "Adjacency", summary: "which products pull which, honest beside raw", menuLabel: "Build adjacency matrix", needs: ["ownership"], checked: true },
  { kind: "retention", title: "Retention", summary: "NRR, GRR, cross-sell vs upsell", menuLabel: "Build retention tab", needs: [["retention", "subscriptions"]], checked: false },
  { kind: "scenario", title: "Scenario", summary: "live formulas, sensitivity, 3 years", menuLabel: "Build scenario tab", needs: [], checked: true },
  { kind: "timing", title: "Timing", summary: "time to second product, purchase order, do cross-sold products stick", menuLabel: "Build timing tab", needs: ["subscriptions"], checked: true },
  { kind: "validation", title: "Validation", summary: "does the score predict expansion, do next-product picks come true", menuLabel: "Build validation tab", needs: ["accounts", "outcomes"], checked: false },
] as const satisfies readonly TabDef[];

export type TabKind = (typeof TABS)[number]["kind"];

/** What follows from a list of tabs: its kinds and the lookup by kind (a test derives them for a list of its own). */
export function registry<const T extends readonly TabDef[]>(tabs: T): { TABS: T; TAB_KINDS: readonly T[number]["kind"][]; tabDef: (kind: T[number]["kind"]) => TabDef } {
  return { TABS: tabs, TAB_KINDS: tabs.map((t) => t.kind), tabDef: (kind) => tabs.find((t) => t.kind === kind)! };
}

const derived = registry(TABS);
export const TAB_KINDS: readonly TabKind[] = derived.TAB_KINDS;
export const tabDef: (kind: TabKind) => TabDef = derived.tabDef;

/** A tab's title for people ("Scorecard") from its kind; the text itself when it names no tab. */
export const tabTitle = (kind: string): string => TABS.find((t) => t.kind === kind)?.title ?? kind;

/** The Apps Script function a menu item calls: xsellBuildScorecard, … (generated into sheets-addon/src/menu.js). */
export const menuFunction = (t: TabDef): string => `xsellBuild${t.title.replace(/[^A-Za-z0-9]/g, "")}`;

/** Whether a tab can be built from the tables at hand. */
export const canBuild = (t: TabDef, have: Partial<Record<TableNeed, boolean>>): boolean => missingNeeds(t, have).length === 0;

/** The needs not met, each as words: "an ownership table", "a retention or subscriptions table". */
export function missingNeeds(t: TabDef, have: Partial<Record<TableNeed, boolean>>): string[] {
  return t.needs
    .filter((n) => (typeof n === "string" ? !have[n] : !n.some((x) => have[x])))
    .map((n) => (typeof n === "string" ? n : n.join(" or ")))
    .map((words) => `${/^[aeiou]/.test(words) ? "an" : "a"} ${words} table`);
}

/** The first table a tab needs besides the account table (the one a menu build takes from the active sheet). */
export const firstNeed = (t: TabDef): TableNeed | undefined => t.needs.map((n) => (typeof n === "string" ? n : n[0])).find((n) => n !== "accounts");
