/**
 * The plain fast paths of column reading (core/read/cells.ts plainKind) against the general readers they stand in
 * for: every text plainKind accepts must read exactly as numberText/parseNumberText/decimalProof or dateText read
 * it, and be neither a yes/no word nor blank nor an error. Checked on an exhaustive set of short texts over the
 * characters that matter, and on random longer ones.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateText, dayOfDateText, decimalProof, numberText, parseNumberText, PLAIN_COMMA, PLAIN_DIGITS, PLAIN_ISO, PLAIN_NONE, PLAIN_POINT, plainIsoDay, plainKind, plainNumber, plainProof } from "../../core/read/cells";
import { isBlank, isErrorValue, yesNoWord } from "../../core/values";

function agrees(s: string): void {
  const kind = plainKind(s);
  if (kind === PLAIN_NONE) return;
  expect(isBlank(s) || isErrorValue(s), s).toBe(false);
  if (s !== "0" && s !== "1") expect(yesNoWord(s), s).toBeNull();
  if (kind === PLAIN_ISO) {
    const d = dateText(s);
    expect(d, s).not.toBeNull();
    expect(plainIsoDay(s), s).toBe(dayOfDateText(d!, "mdy"));
    expect(plainIsoDay(s), s).toBe(dayOfDateText(d!, "dmy"));
    expect(numberText(s), s).toBeNull();
    return;
  }
  expect(dateText(s), s).toBeNull();
  const t = numberText(s);
  expect(t, s).not.toBeNull();
  expect(t!.percent).toBe(false);
  if (kind !== PLAIN_DIGITS) expect(plainProof(s, kind), s).toBe(decimalProof(t!.body));
  else expect(decimalProof(t!.body), s).toBeNull();
  for (const d of [".", ","] as const) expect(Object.is(plainNumber(s, kind, d), parseNumberText(t!, d)), `${s} ${d}`).toBe(true);
}

describe("plain numbers and ISO dates read as the general readers read them", () => {
  it("on every text of up to 5 characters over 0 1 9 - . , + and a space", () => {
    const chars = ["0", "1", "9", "-", ".", ",", "+", " "];
    let texts = [""];
    let seen = 0;
    for (let len = 1; len <= 5; len++) {
      texts = texts.flatMap((t) => chars.map((c) => t + c));
      for (const s of texts) {
        agrees(s);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(37_000);
  });
  it("on the forms large exports write, and near misses", () => {
    const cases = ["12200", "-3", "0.18", "-0.5", "1,5", "1.200", "1,200", "0,200", "00.200", "1234.567", "20250403", "-20250403", "2025040", "2021-12-27", "2021-02-29", "2024-02-29", "1899-12-31", "9999-12-31", "2021-13-01", "2021-1-01", " 12", "12 ", "1.2.3", "1..2", ".5", "5.", "-", "--1", "+1", "1e5", "0x10", "1_000", "١٢"];
    for (const s of cases) agrees(s);
    expect(plainKind("12200")).toBe(PLAIN_DIGITS);
    expect(plainKind("0.18")).toBe(PLAIN_POINT);
    expect(plainKind("1,5")).toBe(PLAIN_COMMA);
    expect(plainKind("2021-12-27")).toBe(PLAIN_ISO);
    expect(plainKind("20250403")).toBe(PLAIN_NONE); // a compact date: the general reader decides
    expect(plainKind("2021-02-29")).toBe(PLAIN_NONE); // no such day: the general reader reports it
  });
  it("on random digit strings with separators, signs and dates", () => {
    const piece = fc.constantFrom("0", "1", "2", "5", "9", "12", "123", "-", ".", ",", "2024", "-02-", "-12-", "29", "31");
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (parts) => agrees(parts.join(""))), { numRuns: 5000 });
    fc.assert(fc.property(fc.integer({ min: 1850, max: 10050 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => agrees(`${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`)), { numRuns: 3000 });
  });
});
