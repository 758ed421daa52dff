/** Which field each header of a table is read as: the user's mapping first, then the headers. */
import { arguableReason, fieldOf, type Field } from "../headers";
import type { ReadOptions } from "./columns";

/** Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Which field each header is: the user's mapping first, then the headers; each field is read from one column
 * (the first that names it), and arguable headers are never guessed.
 */
export function assignFields(headers: string[], o: ReadOptions): { fields: (Field | null)[]; notes: string[] } {
  const fields: (Field | null)[] = headers.map((h) => (h === "" ? null : (fieldOf(h) ?? null)));
  const notes: string[] = headers.map((h) => (h === "" ? "" : fieldOf(h) ? "" : arguableReason(h) ? `ignored: ${arguableReason(h)}` : "ignored: not a column XSELL reads"));
  const mapped = new Set<Field>();
  for (const [field, col] of Object.entries(o.columns ?? {}) as [Field, number | null | undefined][]) {
    if (col === undefined) continue;
    for (let i = 0; i < fields.length; i++) {
      if (fields[i] === field && i !== col) {
        fields[i] = null;
        notes[i] = col === null ? `ignored: ${field} is switched off in the mapping` : `ignored: ${field} is mapped to column ${columnLetter(col)}`;
      }
    }
    if (col !== null && col >= 0 && col < fields.length) {
      // a mapping that only repeats what the header says is not news; one that changes it is
      if (fields[col] !== field) notes[col] = "mapped by you";
      fields[col] = field;
    }
    mapped.add(field);
  }
  const first = new Map<Field, number>();
  fields.forEach((f, i) => {
    if (!f) return;
    const prev = first.get(f);
    if (prev === undefined) first.set(f, i);
    else {
      fields[i] = null;
      notes[i] = `ignored: column ${columnLetter(prev)} "${headers[prev]}" is already read as ${f}`;
    }
  });
  return { fields, notes };
}
