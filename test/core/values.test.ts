import { describe, expect, it } from "vitest";
import { addMonths, dayFromYmd, excelSerialFromDay, isErrorValue, isoFromDay, toBoolean, toDay, toNumber, toSignal, wholeMonthsBetween } from "../../core/values";

describe("toNumber", () => {
  it.each([
    [1200, 1200], ["1,200", 1200], ["$1,200", 1200], [" 12 ", 12], ["45%", 0.45], ["-3.5", -3.5], ["(300)", -300],
    ["1,234,567.89", 1234567.89], ["€99", 99], ["1e3", 1000], [".5", 0.5], ["USD 40", 40], ["12\u00a0000", 12000],
  ])("reads %j as %d", (input, expected) => {
    const r = toNumber(input);
    expect(r.ok && r.value).toBeCloseTo(expected as number, 12);
  });
  it.each([["n/a"], ["1.2k"], ["12,34"], [true], ["abc"], [Infinity], [NaN]])("refuses %j", (input) => {
    const r = toNumber(input as never);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.blank).toBe(false);
  });
  it.each([[""], [null], [undefined], ["  "], ["#N/A"], ["#REF!"], [{ type: "Error", errorCode: "NotAvailable" }]])("treats %j as missing", (input) => {
    const r = toNumber(input as never);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.blank).toBe(true);
  });
});

describe("toBoolean and toSignal", () => {
  it.each([[true, true], [false, false], ["TRUE", true], ["false", false], ["Yes", true], ["no", false], ["Y", true], ["n", false], ["x", true], [1, true], [0, false], ["1", true], ["0", false]])("toBoolean(%j) = %j", (v, b) => {
    const r = toBoolean(v);
    expect(r.ok && r.value).toBe(b);
  });
  it("refuses other numbers and words as yes/no", () => {
    expect(toBoolean(2).ok).toBe(false);
    expect(toBoolean("maybe").ok).toBe(false);
  });
  it.each([["Dana Lee", true], [3, true], [0, false], ["No", false], ["-", false], ["none", false], ["0", false], ["2", true]])("toSignal(%j) = %j", (v, b) => {
    const r = toSignal(v);
    expect(r.ok && r.value).toBe(b);
  });
});

describe("dates", () => {
  const d = (y: number, m: number, day: number) => dayFromYmd(y, m, day);
  it("reads Excel serials, including the 1900 leap-year quirk", () => {
    expect(toDay(46082)).toEqual({ ok: true, value: d(2026, 3, 1) });
    expect(toDay(1)).toEqual({ ok: true, value: d(1900, 1, 1) });
    expect(toDay(60).ok).toBe(true);
    expect(toDay(61)).toEqual({ ok: true, value: d(1900, 3, 1) });
    expect(excelSerialFromDay(d(2026, 3, 1))).toBe(46082);
  });
  it("reads JS Dates by their calendar day, ISO text and month names", () => {
    expect(toDay(new Date(2026, 2, 1, 15, 30))).toEqual({ ok: true, value: d(2026, 3, 1) });
    for (const s of ["2026-03-01", "2026/3/1", "2026-03-01T09:00:00Z", "1 Mar 2026", "Mar 1, 2026", "March 1 2026"]) {
      expect(toDay(s)).toEqual({ ok: true, value: d(2026, 3, 1) });
    }
  });
  it("refuses ambiguous, impossible and out-of-range dates", () => {
    for (const v of ["03/01/2026", "2026-02-30", "yesterday", 0, -5, 3000000, new Date(NaN), "1899-12-31", "10000-01-01"]) {
      expect(toDay(v as never).ok).toBe(false);
    }
    expect(toDay("").ok).toBe(false);
  });
  it("does calendar-month arithmetic like EDATE and DATEDIF", () => {
    expect(isoFromDay(addMonths(d(2026, 8, 31), -6))).toBe("2026-02-28");
    expect(isoFromDay(addMonths(d(2024, 8, 31), -6))).toBe("2024-02-29");
    expect(isoFromDay(addMonths(d(2026, 1, 31), 1))).toBe("2026-02-28");
    expect(wholeMonthsBetween(d(2026, 1, 31), d(2026, 2, 28))).toBe(1);
    expect(wholeMonthsBetween(d(2026, 1, 15), d(2026, 7, 14))).toBe(5);
    expect(wholeMonthsBetween(d(2026, 7, 14), d(2026, 1, 15))).toBe(-5);
  });
});

describe("error values", () => {
  it("recognizes error text and Excel error objects", () => {
    for (const v of ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", " #n/a "]) expect(isErrorValue(v)).toBe(true);
    expect(isErrorValue({ type: "Error" })).toBe(true);
    expect(isErrorValue("#hashtag")).toBe(false);
    expect(isErrorValue(new Date())).toBe(false);
  });
});
