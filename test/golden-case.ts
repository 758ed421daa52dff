/**
 * Golden cases as folders (as custom-functions-metadata keeps them): input.json and expected.json side by side.
 * The test compares first and writes nothing then; a mismatch writes actual.json beside the expectation (one row
 * per line, to read and diff) and fails. Accepting a change is a deliberate command that shows the diff first:
 * `npm run golden:accept -- <case folder>…` (scripts/accept-golden.ts). Nothing here ever rewrites expected.json.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

/** JSON with each row of a 2D array on one line: cases read (and diff) row by row. */
export function goldenJson(value: unknown): string {
  const rows = (v: unknown): v is unknown[][] => Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r) && r.every((c) => c === null || typeof c !== "object"));
  const write = (v: unknown, indent: string): string => {
    if (rows(v)) return `[\n${v.map((r) => `${indent} ${JSON.stringify(r)}`).join(",\n")}\n${indent}]`;
    if (Array.isArray(v)) return v.length === 0 ? "[]" : `[\n${v.map((x) => `${indent} ${write(x, `${indent} `)}`).join(",\n")}\n${indent}]`;
    if (v !== null && typeof v === "object") {
      const entries = Object.entries(v as Record<string, unknown>);
      return entries.length === 0 ? "{}" : `{\n${entries.map(([k, x]) => `${indent} ${JSON.stringify(k)}: ${write(x, `${indent} `)}`).join(",\n")}\n${indent}}`;
    }
    return JSON.stringify(v);
  };
  return `${write(value, "")}\n`;
}

/** Compares a case's actual value with its expected.json; on a mismatch, writes actual.json and fails. */
export function expectGolden(dir: string, actual: unknown): void {
  const expectedPath = join(dir, "expected.json");
  const actualPath = join(dir, "actual.json");
  const plain = JSON.parse(JSON.stringify(actual)) as unknown;
  if (!existsSync(expectedPath)) {
    writeFileSync(actualPath, goldenJson(plain));
    throw new Error(`${expectedPath} is missing; read ${actualPath} and accept it with npm run golden:accept -- ${dir}`);
  }
  const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as unknown;
  try {
    expect(plain).toEqual(expected);
    rmSync(actualPath, { force: true });
  } catch (e) {
    writeFileSync(actualPath, goldenJson(plain));
    throw e;
  }
}

/** A text golden (SQL, say): expected.<ext> compared first; a mismatch writes actual.<ext> beside it and fails. */
export function expectGoldenText(dir: string, ext: string, actual: string): void {
  const expectedPath = join(dir, `expected.${ext}`);
  const actualPath = join(dir, `actual.${ext}`);
  if (!existsSync(expectedPath)) {
    writeFileSync(actualPath, actual);
    throw new Error(`${expectedPath} is missing; read ${actualPath} and accept it with npm run golden:accept -- ${dir}`);
  }
  if (readFileSync(expectedPath, "utf8") === actual) {
    rmSync(actualPath, { force: true });
    return;
  }
  writeFileSync(actualPath, actual);
  expect(actual, `${expectedPath} differs; read the diff against ${actualPath}`).toBe(readFileSync(expectedPath, "utf8"));
}
