import { describe, expect, it } from "vitest";
import { XSELL_CONVERSION } from "../../../core/functions";
import { wilson } from "../../../core/adjacency";
import { stageOutcome } from "../../../core/proof/conversion";
import { thrown } from "../../helpers";
import type { CellValue } from "../../../core/values";

/**
 * Seven cross-sell opportunities. Won: Acme (30 days), Globex (80), Stark (40), Wayne (closed before it was
 * created: a data error, left out of the days). Lost: Initech, Umbrella. Open: Hooli.
 */
const OPPS: CellValue[][] = [
  ["Account", "Product", "From Product", "Trigger", "Rep", "Segment", "Created", "Close Date", "Stage", "Amount"],
  ["Acme", "Analytics", "CRM", "Usage threshold", "Ana", "SMB", "2026-01-01", "2026-01-31", "Closed Won", 12000],
  ["Globex", "Analytics", "CRM", "Usage threshold", "Ana", "SMB", "2026-01-10", "2026-03-31", "Closed Won", 10000],
  ["Initech", "CPQ", "CRM", "Usage threshold", "Bo", "Enterprise", "2026-02-01", "2026-03-01", "Closed Lost", 5000],
  ["Hooli", "Knowledge Base", "Service Desk", "Gap", "Bo", "SMB", "2026-02-01", "", "Negotiation", 6000],
  ["Stark", "Knowledge Base", "Service Desk", "Gap", "Ana", "Enterprise", "2026-01-05", "2026-02-14", "Won", 6000],
  ["Wayne", "Analytics", "CRM", "Milestone", "Bo", "SMB", "2026-03-01", "2026-02-01", "Closed Won", 9000],
  ["Umbrella", "CPQ", "CRM", "Gap", "Ana", "SMB", "2026-01-01", "2026-04-01", "Closed Lost", ""],
];

const [lo23, hi23] = wilson(2, 3);
const [lo12, hi12] = wilson(1, 2);

describe("XSELL_CONVERSION", () => {
  it("groups by trigger by default: count, open, closed, won, win rate with Wilson interval, median days, within 60 days", () => {
    const g = XSELL_CONVERSION(OPPS);
    expect(g[0]).toEqual(["Trigger", "Opportunities", "Open", "Closed", "Won", "Win rate", "95% low", "95% high", "Median days to close (won)", "Won within 60 days", "Won amount"]);
    expect(g[1]).toEqual(["Gap", 3, 1, 2, 1, 0.5, lo12, hi12, 40, 1, 6000]);
    expect(g[2]).toEqual(["Usage threshold", 3, 0, 3, 2, 2 / 3, lo23, hi23, 55, 0.5, 22000]);
    expect(g[3]).toEqual(["Milestone", 1, 0, 1, 1, 1, wilson(1, 1)[0], 1, "", "", 9000]);
    expect(g[4].slice(0, 6)).toEqual(["All", 7, 1, 6, 4, 4 / 6]);
    expect(g[4].slice(8)).toEqual([40, 2 / 3, 37000]);
    expect(g[5][0]).toBe("1 won row closed before created, left out of the days (row 7)");
  });

  it("groups by rep, segment, product, a pairing of the product owned and the product sold, or any column", () => {
    expect(XSELL_CONVERSION(OPPS, "rep").slice(1, 3).map((r) => r.slice(0, 6).concat(r[8]))).toEqual([["Ana", 4, 0, 4, 3, 0.75, 40], ["Bo", 3, 1, 2, 1, 0.5, ""]]);
    expect(XSELL_CONVERSION(OPPS, "segment").slice(1, 3).map((r) => r.slice(0, 5))).toEqual([["SMB", 5, 1, 4, 3], ["Enterprise", 2, 0, 2, 1]]);
    expect(XSELL_CONVERSION(OPPS, "pair").slice(0, 4).map((r) => r.slice(0, 5))).toEqual([
      ["Pairing", "Opportunities", "Open", "Closed", "Won"],
      ["CRM → Analytics", 3, 0, 3, 3],
      ["CRM → CPQ", 2, 0, 2, 0],
      ["Service Desk → Knowledge Base", 2, 1, 1, 1],
    ]);
    expect(XSELL_CONVERSION(OPPS, "Account").length).toBe(1 + 7 + 1 + 1);
  });

  it("reads a Won column (yes/no) where there is one", () => {
    const won: CellValue[][] = [["Account", "Product", "Trigger", "Created", "Closed", "Won"], ["A", "X", "Gap", "2026-01-01", "2026-01-11", "Yes"], ["B", "X", "Gap", "2026-01-01", "2026-02-01", "No"], ["C", "X", "Gap", "2026-01-01", "", "No"]];
    expect(XSELL_CONVERSION(won)[1].slice(0, 6).concat(XSELL_CONVERSION(won)[1][8])).toEqual(["Gap", 3, 1, 2, 1, 0.5, 10]);
  });

  it("reads CRM stage words", () => {
    expect(["Closed Won", "won", "Closed Lost", "Lost", "No Decision", "Disqualified", "Proposal", "Closed - No"].map(stageOutcome)).toEqual(["won", "won", "lost", "lost", "lost", "lost", "open", "lost"]);
  });

  it("says what is missing in one sentence", () => {
    expect(thrown(() => XSELL_CONVERSION([["Account", "Product", "Trigger"], ["A", "X", "Gap"]])).message).toMatch(/^XSELL_CONVERSION: opportunities need a Won column \(yes\/no\) or a Stage column/);
    expect(thrown(() => XSELL_CONVERSION(OPPS.map((r) => r.filter((_, i) => i !== 2)), "pair")).message).toBe(
      'XSELL_CONVERSION: by: "pair" needs the product the account already owned, in a column such as "From Product" or "Owned Product"',
    );
    expect(thrown(() => XSELL_CONVERSION(OPPS, "colour")).message).toBe('XSELL_CONVERSION: by: "colour" is not trigger, rep, segment, product, pair or a column of opportunities');
    const bad = OPPS.map((r, i) => (i === 2 ? r.map((v, c) => (c === 7 ? "someday" : v)) : r));
    expect(thrown(() => XSELL_CONVERSION(bad)).message).toBe('XSELL_CONVERSION: opportunities row 3, Close Date: "someday" is not a date (expected e.g. 2026-03-01)');
  });
});
