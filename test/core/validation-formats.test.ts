import { describe, expect, it } from "vitest";
import { formatRuns, validationFormats } from "../../core/tabs/validation-formats";

describe("Validation tab number formats: one per measure", () => {
  it("formats a measure list by each row's label", () => {
    const rect = [
      ["Measure", "Value", "95% low", "95% high", "Note"],
      ["AUC", 0.7892, 0.7411, 0.8372, "DeLong"],
      ["Accounts", 380, null, null, "With a score"],
      ["Expansion rate", 0.6184, 0.5686, 0.6658, "Wilson"],
      ["Hit rate ÷ random", 2.03, 0.47, 1, ""],
      ["Realized ARR of the picks", 1122108, 333048, 487516.2, ""],
      ["Something new", 3.25, null, null, ""],
    ];
    expect(validationFormats(rect)).toEqual([
      [null, "0.000", "0.000", "0.000", null],
      [null, "#,##0", null, null, null],
      [null, "0.0%", "0.0%", "0.0%", null],
      [null, "0.00", "0.00", "0.00", null],
      [null, "$#,##0", "$#,##0", "$#,##0", null],
      // a measure without a rule stays General rather than guessing
      [null, null, null, null, null],
    ]);
  });

  it("formats a table by its column headers, and a measure list beside it by its own labels", () => {
    const rect = [
      ["Band", "Accounts", "Conversion", "95% low", "Lift", "", "Held-out check", "Value", "95% low"],
      ["High", 130, 0.869, 0.8, 1.405, "", "AUC, current points (held out)", 0.786, 0.695],
      ["Low", 105, 0.295, 0.216, 0.477, "", "Difference, suggested − current", -0.011, -0.036],
      ["All", 380, 0.618, 0.568, 1, "", "Held-out accounts", 117, null],
    ];
    expect(validationFormats(rect)).toEqual([
      [null, "#,##0", "0.0%", "0.0%", "0.00", null, null, "0.000", "0.000"],
      [null, "#,##0", "0.0%", "0.0%", "0.00", null, null, "+0.000;-0.000;0.000", "+0.000;-0.000;0.000"],
      [null, "#,##0", "0.0%", "0.0%", "0.00", null, null, "#,##0", null],
    ]);
  });

  it("groups equal formats into column runs, skipping unformatted cells", () => {
    expect(
      formatRuns([
        ["0.0%", null],
        ["0.0%", "#,##0"],
        ["0.000", "#,##0"],
      ]),
    ).toEqual([
      [0, 2, 0, "0.0%"],
      [2, 1, 0, "0.000"],
      [1, 2, 1, "#,##0"],
    ]);
  });
});
