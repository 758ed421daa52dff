/**
 * Expressions every query shares, written once: how a name becomes a join key (as core/string-index.ts compares
 * names), how a status word is read (core/read/status.ts's word lists), dates, numbers, and a WITH query's layout.
 */
import { STATUS_WORDS, type Standing } from "../read/status";
import { isoFromDay } from "../values";
import { literal, type Dialect } from "./dialect";

/** A cell's text as the core reads it: the value as text, trimmed. */
export const textOf = (d: Dialect, x: string): string => `TRIM(CAST(${x} AS ${d.text}))`;

/** Whether a cell holds something (not NULL, not blank text). */
export const present = (d: Dialect, x: string): string => `(${x} IS NOT NULL AND ${textOf(d, x)} <> '')`;

/** A name as it is compared: trimmed, runs of spaces as one, lower case (Unicode forms are not folded in SQL). */
export const keyOf = (d: Dialect, x: string): string => `LOWER(${d.collapse(textOf(d, x), false)})`;

export const asDouble = (d: Dialect, x: string): string => `CAST(${x} AS ${d.double})`;
export const asDate = (x: string): string => `CAST(${x} AS DATE)`;
export const dateLiteral = (day: number): string => `DATE '${isoFromDay(day)}'`;

/** A float literal that reads back as the same double. */
export function num(x: number): string {
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

const inList = (d: Dialect, x: string, words: readonly string[]): string => `${x} IN (${words.map((w) => literal(d, w)).join(", ")})`;

/**
 * A status cell's standing: 'none' when blank, else 'active', 'trial', 'ended', 'pending', or 'unknown' for a word
 * that is not a status. As standingOf: the word lower-cased with runs of spaces and underscores as one space,
 * then, if not found, with hyphens as spaces.
 */
export function standing(d: Dialect, status: string): string {
  const w = d.collapse(`LOWER(${textOf(d, status)})`, true);
  const kinds = Object.keys(STATUS_WORDS) as Standing[];
  const arms = [w, `REPLACE(${w}, '-', ' ')`].flatMap((x) => kinds.map((k) => `WHEN ${inList(d, x, STATUS_WORDS[k])} THEN '${k}'`));
  return `CASE WHEN NOT ${present(d, status)} THEN 'none' ${arms.join(" ")} ELSE 'unknown' END`;
}

/** `WITH a AS (…), b AS (…) SELECT …`, laid out one common table expression per block. */
export function withQuery(ctes: readonly (readonly [string, string])[], select: string): string {
  const indent = (s: string): string => s.split("\n").map((l) => `  ${l}`).join("\n");
  if (ctes.length === 0) return `${select};\n`;
  return `WITH\n${ctes.map(([name, body]) => `${name} AS (\n${indent(body)}\n)`).join(",\n")}\n${select};\n`;
}

/** Lines joined, each a clause. */
export const lines = (...parts: (string | false | undefined)[]): string => parts.filter((p): p is string => typeof p === "string").join("\n");
