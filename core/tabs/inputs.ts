import { readOwnership, type Ownership } from "../ownership";

/** What a tab builder is given: the user's tables (header row first, columns already mapped) and options. */
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
  /** Scoring model: omitted, a preset name, or a model table. */
  readonly model?: unknown;
  /** Day number to score and trigger as of. */
  readonly asOf: number;
  /** Fewest owners for an attach rate to count (Adjacency defaults to 5, the others to 1). */
  readonly minAccounts?: number;
}

export type TabKind = "scorecard" | "whitespace" | "adjacency" | "retention" | "scenario";
export const TAB_KINDS: readonly TabKind[] = ["scorecard", "whitespace", "adjacency", "retention", "scenario"];

const parsed = new WeakMap<CellValue[][], Ownership>();

/**
 * The ownership table read once per grid: building several tabs from the same inputs (the pane, the sidebar,
 * `xsell report`) parses it once, not once per tab. Inputs are not mutated while tabs are built.
 */
export function ownershipOf(fn: string, grid: CellValue[][]): Ownership {
  let own = parsed.get(grid);
  if (!own) {
    own = readOwnership(fn, grid);
    parsed.set(grid, own);
  }
  return own;
}
