/** XML text for xlsx parts: escaping that keeps a cell's text exactly as it was, whatever characters it holds. */

/** Escapes &, <, > and " for element text and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

const NEEDS_CELL_ESCAPE = /[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]|_x[0-9A-Fa-f]{4}_/;

/**
 * A cell's text as OOXML wants it: characters XML cannot hold (controls, lone surrogates) as `_xHHHH_`, and a
 * literal `_xHHHH_` in the text escaped as `_x005F_xHHHH_` so a reader does not decode it.
 */
export function cellText(s: string): string {
  if (!NEEDS_CELL_ESCAPE.test(s)) return s;
  return s
    .replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_")
    .replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"))
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** Column letters: 0 → A, 26 → AA; cached, since every cell names its column. */
const LETTERS: string[] = [];
export function colName(col: number): string {
  let s = LETTERS[col];
  if (s === undefined) {
    s = "";
    let n = col + 1;
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    LETTERS[col] = s;
  }
  return s;
}

/** An absolute reference to a range of a sheet: 'Sheet'!$A$1:$B$2. */
export function absoluteRef(sheet: string, range: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
}
