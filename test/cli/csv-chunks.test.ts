/**
 * The chunked CSV reader copies ASCII chunks as one-byte text and decodes from the first chunk that is not ASCII
 * on: a UTF-8 character split across the 8 MB chunk boundary after ASCII chunks is read whole, and a byte that is
 * not UTF-8 after ASCII chunks still sends the file to Windows-1252.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDelimitedFile } from "../../cli/readers";

const CHUNK = 8 * 2 ** 20;

/** ASCII rows filling `bytes` exactly (header included), each "A<n>,1\n" padded to `width` characters. */
function asciiRows(bytes: number): string {
  const header = "Account,ARR\n";
  let out = header;
  let i = 0;
  while (out.length + 20 <= bytes) out += `A${String(i++).padStart(15, "0")},1\n`; // 20 bytes a row
  return out + "x".repeat(bytes - out.length - 3) + ",1\n";
}

describe("chunked CSV decoding after ASCII chunks", () => {
  it("reads a UTF-8 character split across the chunk boundary", () => {
    const dir = mkdtempSync(join(tmpdir(), "xsell-chunks-"));
    const path = join(dir, "a.csv");
    const head = asciiRows(CHUNK - 4); // then "Caf" ends the first chunk with é's first byte
    writeFileSync(path, Buffer.concat([Buffer.from(head, "latin1"), Buffer.from("Café,2\nZoë,3\n", "utf8")]));
    expect(Buffer.from(head + "Caf", "latin1").length).toBe(CHUNK - 1); // é's first byte is the chunk's last
    const t = readDelimitedFile(path, "a.csv");
    expect(t.rows.at(-2)).toEqual(["Café", "2"]);
    expect(t.rows.at(-1)).toEqual(["Zoë", "3"]);
    expect(t.format).toMatch(/^UTF-8, comma-delimited/);
  }, 60_000);

  it("reads a file whose later chunk is not UTF-8 as Windows-1252", () => {
    const dir = mkdtempSync(join(tmpdir(), "xsell-chunks-"));
    const path = join(dir, "w.csv");
    writeFileSync(path, Buffer.concat([Buffer.from(asciiRows(CHUNK + 100), "latin1"), Buffer.from("Caf\xe9,2\n", "latin1")]));
    const t = readDelimitedFile(path, "w.csv");
    expect(t.rows.at(-1)).toEqual(["Café", "2"]);
    expect(t.format).toMatch(/^Windows-1252/);
  }, 60_000);
});
