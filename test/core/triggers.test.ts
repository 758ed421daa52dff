import { describe, expect, it } from "vitest";
import { XSELL_RULES, XSELL_TRIGGERS } from "../../core/functions";
import type { CellValue } from "../../core/values";

const AS_OF = "2026-11-01";
const OWNERSHIP: CellValue[][] = [
  ["Account", "Product"], ["A", "CRM"], ["A", "Analytics"], ["B", "CRM"], ["B", "Analytics"], ["B", "Service"],
  ["C", "CRM"], ["D", "CRM"], ["D", "Service"], ["E", "Service"], ["F", "Analytics"],
];
const DATA: CellValue[][] = [
  ["Account", "Plan Usage", "Usage", "Plan Limit", "Start Date", "Last Purchase Date", "Renewal Date"],
  // day 75 after start, last purchase 153 days ago, renewal far away
  ["C", "80%", "", "", "2026-08-18", "2026-06-01", "2027-06-01"],
  // renewal in 30 days holds the usage trigger
  ["E", 0.9, "", "", "2020-01-01", "2026-01-01", "2026-12-01"],
  // bought 30 days ago: too soon
  ["A", "", "", "", "2020-01-01", "2026-10-02", "2027-06-01"],
  // 70 of 100: below the 75% threshold, nothing fires
  ["Z", "", 70, 100, "", "", ""],
  ["", "", "", "", "", "", ""],
];
const GAP_RULES: CellValue[][] = [["Rule", "Parameter", "Value"], ["gap", "min_owners", 2]];

describe("XSELL_TRIGGERS", () => {
  it("lists what fires, most urgent first, with a header cell", () => {
    expect(XSELL_TRIGGERS(DATA, null, OWNERSHIP, AS_OF, GAP_RULES)).toEqual([
      ["Triggers"],
      ["Usage 80% of plan ≥ 75%; Gap: owns CRM, not Analytics (50% attach); Gap: owns CRM, not Service (50% attach); Success window: day 75 of 60–90; Eligible: last purchase 153 d ago"],
      // E owns Service (3 owners ≥ 2): 2 of them own CRM; A owns CRM and Analytics: best route to Service is CRM's 50%
      ["Hold: renewal in 30 d (held: Usage 90% of plan ≥ 75%; Gap: owns Service, not CRM (67% attach))"],
      ["Too soon: last purchase 30 d ago (held: Gap: owns CRM, not Service (50% attach))"],
      [""],
      [""],
    ]);
  });
  it("needs 5 owners of A for a gap by default (seed 000), so the 4 CRM owners here raise none", () => {
    expect(XSELL_TRIGGERS(DATA, null, OWNERSHIP, AS_OF)[1][0]).toBe("Usage 80% of plan ≥ 75%; Success window: day 75 of 60–90; Eligible: last purchase 153 d ago");
  });
  it("works without ownership and in the fill-down form", () => {
    expect(XSELL_TRIGGERS([DATA[4]], [DATA[0]], null, AS_OF)).toEqual([[""]]);
    expect(XSELL_TRIGGERS([DATA[2]], [DATA[0]], undefined, AS_OF)).toEqual([["Hold: renewal in 30 d (held: Usage 90% of plan ≥ 75%)"]]);
  });
  it("fires on a high readiness score", () => {
    const data = [
      ["Account", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Adjacent Feature Usage", "Renewal Date", "Champion"],
      ["Top", 10, 9, 80, "2020-01-01", "Low", "Yes", "Yes", "2027-12-01", "Dana"],
    ];
    expect(XSELL_TRIGGERS(data, null, null, AS_OF)[1][0]).toBe("Score 100 ≥ 70");
  });
  it("takes edited rules: thresholds and 'off'", () => {
    const rules = [...XSELL_RULES()];
    const at = rules.findIndex((r) => r[0] === "threshold");
    rules[at] = ["threshold", "min_plan_usage", "95%", ""];
    rules.push(["success_window", "from_day", "off", ""]);
    expect(XSELL_TRIGGERS(DATA, null, null, AS_OF, rules)[1][0]).toBe("Eligible: last purchase 153 d ago");
  });
  it("rejects bad rules with the row, and reads an unreadable date as missing", () => {
    expect(() => XSELL_TRIGGERS(DATA, null, null, AS_OF, [["Rule", "Parameter", "Value"], ["gap", "min_lift", 2]])).toThrow('XSELL_TRIGGERS: rules row 2: unknown rule "gap min_lift"');
    expect(() => XSELL_TRIGGERS(DATA, null, null, AS_OF, [["Rule", "Parameter", "Value"], ["gap", "min_owners", "many"]])).toThrow('XSELL_TRIGGERS: rules row 2 (gap min_owners): Value "many" is not a number ≥ 0 or "off"');
    // "soon" holds nothing and fires nothing; a real renewal 30 days out holds the row
    expect(XSELL_TRIGGERS([["Account", "Renewal Date"], ["X", "soon"]], null, null, AS_OF)).toEqual([["Triggers"], [""]]);
    expect(XSELL_TRIGGERS([["Account", "Renewal Date", "Plan Usage"], ["X", "2026-12-01", 0.9]], null, null, AS_OF)[1][0]).toMatch(/^Hold: renewal in 30 d/);
  });
});

describe("XSELL_RULES", () => {
  it("spills seed 000/003 defaults", () => {
    const rules = XSELL_RULES();
    expect(rules[0]).toEqual(["Rule", "Parameter", "Value", "Description"]);
    expect(rules.slice(1).map((r) => `${r[0]}.${r[1]}=${r[2]}`)).toEqual([
      "threshold.min_plan_usage=0.75", "gap.min_attach_rate=0.4", "gap.min_owners=5", "success_window.from_day=60", "success_window.to_day=90",
      "purchase_recency.min_days=90", "renewal.hold_days=90", "high_score.min_score=70",
    ]);
  });
});
