/** What a tab builder is given: the user's tables (header row first, columns already mapped) and options. */
import type { Flows, MovementRow } from "../history/movements";
import type { TabDestination } from "../limits";
import { readOwnership, type Ownership } from "../ownership";
import type { RetentionSummary } from "../retention";
import type { AdjacencyFacts } from "./adjacency-facts";
import type { ReadOptions } from "../read/columns";
import { readTable, type Table } from "../table";
import type { CellValue } from "../values";

export interface TabInputs {
  /** The account table with signals (Account, Licenses, NPS, …). */
  readonly accounts?: CellValue[][];
  /** Ownership, wide or long. */
  readonly ownership?: CellValue[][];
  /** Product, Price. */
  readonly prices?: CellValue[][];
  /** Account (, Product), Start ARR, End ARR. */
  readonly retention?: CellValue[][];
  /** Subscription history: Account, Product, ARR or MRR, Start Date, End Date, Status. */
  readonly subscriptions?: CellValue[][];
  /** Whether each account expanded: Account (or Account ID) and an outcome column (Expanded, Outcome, …). */
  readonly outcomes?: CellValue[][];
  /** Scoring model: omitted, a preset name, or a model table. */
  readonly model?: unknown;
  /** Day number to score and trigger as of. */
  readonly asOf: number;
  /** Fewest owners for an attach rate to count (Adjacency defaults to 5, the others to 1). */
  readonly minAccounts?: number;
  /** How the account table's text is read (date order, decimal separator, 1904 dates, the user's mapping). */
  readonly readOptions?: ReadOptions;
  /** How the other tables' text is read (each file's own conventions); default: readOptions without its mapping. */
  readonly otherOptions?: { readonly ownership?: ReadOptions; readonly retention?: ReadOptions; readonly prices?: ReadOptions; readonly subscriptions?: ReadOptions; readonly outcomes?: ReadOptions };
  /** Aggregates computed where the data lives (DuckDB, a warehouse) in place of the tables they summarise. */
  readonly precomputed?: Precomputed;
  /** Where the tab goes, which decides how large it may be (core/limits.ts): a host's workbook (default) or the CLI's .xlsx. */
  readonly destination?: TabDestination;
}

/**
 * What a tab needs from a table too large to hold, computed elsewhere by the same rules (core/sql): the tab
 * builds from it exactly as from the aggregates it would compute from the table itself.
 */
export interface Precomputed {
  /** The snapshot retention summary (its accounts included). */
  readonly retention?: RetentionSummary;
  /** From a subscription history: the flows over the trailing year (or why there are none) and its monthly bridge. */
  readonly history?: {
    readonly unit: "ARR" | "MRR";
    readonly flows: Flows | string;
    readonly movements: readonly MovementRow[];
    /** Whether the snapshot summary was read from this history (no retention table). */
    readonly snapshotFromIt: boolean;
  };
  /** The Adjacency tab's owner and pair counts, raw and honest, and the pair flags. */
  readonly adjacency?: AdjacencyFacts;
}


const parsed = new WeakMap<CellValue[][], Ownership>();

/**
 * The ownership table read once per grid and as-of date: building several tabs from the same inputs (the pane,
 * the sidebar, `xsell report`) parses it once, not once per tab. Inputs are not mutated while tabs are built.
 */
export function ownershipOf(fn: string, inputs: TabInputs): Ownership {
  const grid = inputs.ownership!;
  let own = parsed.get(grid);
  if (!own || own.asOf !== inputs.asOf) {
    own = readOwnership(fn, grid, inputs.asOf, optionsFor(inputs, "ownership"));
    parsed.set(grid, own);
  }
  return own;
}

const tables = new WeakMap<CellValue[][], { options: ReadOptions | undefined; table: Table }>();

/** The account table read once per grid and options, for every tab built from the same inputs. */
export function accountsOf(fn: string, inputs: TabInputs): Table {
  const grid = inputs.accounts!;
  const hit = tables.get(grid);
  if (hit && hit.options === inputs.readOptions) return hit.table;
  const table = readTable(fn, grid, undefined, inputs.readOptions);
  tables.set(grid, { options: inputs.readOptions, table });
  return table;
}

const others = new WeakMap<CellValue[][], Table>();

/**
 * A caller that has read its tables already (the CLI reads each file once, converting it in place) hands the
 * results over, so no builder reads a grid a second time.
 */
export function rememberRead(read: { accounts?: { grid: CellValue[][]; options: ReadOptions | undefined; table: Table }; ownership?: { grid: CellValue[][]; own: Ownership }; retention?: { grid: CellValue[][]; table: Table } }): void {
  if (read.accounts) tables.set(read.accounts.grid, { options: read.accounts.options, table: read.accounts.table });
  if (read.ownership) parsed.set(read.ownership.grid, read.ownership.own);
  if (read.retention) others.set(read.retention.grid, read.retention.table);
}

/** The retention table as read by the caller, or its grid to be read. */
export function retentionOf(inputs: TabInputs): CellValue[][] | Table | undefined {
  return inputs.retention ? (others.get(inputs.retention) ?? inputs.retention) : undefined;
}

/** Read options for a table other than the accounts: its own, else the account table's conventions (not its mapping). */
export function optionsFor(inputs: TabInputs, table: "ownership" | "retention" | "prices" | "subscriptions" | "outcomes"): ReadOptions {
  const own = inputs.otherOptions?.[table];
  if (own) return own;
  const { dateOrder, decimal, date1904 } = inputs.readOptions ?? {};
  return { dateOrder, decimal, date1904 };
}
