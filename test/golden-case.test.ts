/** The golden runner compares before it writes anything, and a mismatch leaves actual.json, never a new expectation. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectGolden, goldenJson } from "./golden-case";

describe("golden cases", () => {
  it("passes and writes nothing when the value matches", () => {
    const dir = mkdtempSync(join(tmpdir(), "golden-"));
    writeFileSync(join(dir, "expected.json"), '[["Score"],[75]]');
    expectGolden(dir, [["Score"], [75]]);
    expect(existsSync(join(dir, "actual.json"))).toBe(false);
  });
  it("fails on a mismatch, writes actual.json one row per line, and leaves expected.json as it was", () => {
    const dir = mkdtempSync(join(tmpdir(), "golden-"));
    writeFileSync(join(dir, "expected.json"), '[["Score"],[75]]');
    expect(() => expectGolden(dir, [["Score"], [80]])).toThrow();
    expect(readFileSync(join(dir, "expected.json"), "utf8")).toBe('[["Score"],[75]]');
    expect(readFileSync(join(dir, "actual.json"), "utf8")).toBe('[\n ["Score"],\n [80]\n]\n');
  });
  it("fails when the expectation is missing, without creating it", () => {
    const dir = mkdtempSync(join(tmpdir(), "golden-"));
    expect(() => expectGolden(dir, { error: { code: "#N/A" } })).toThrow(/expected\.json is missing; read .*actual\.json and accept it/);
    expect(existsSync(join(dir, "expected.json"))).toBe(false);
    expect(goldenJson({ error: { code: "#N/A" } })).toBe('{\n "error": {\n  "code": "#N/A"\n }\n}\n');
  });
});
