/**
 * A ZIP file written as it goes, for an .xlsx package too large to hold in memory: each entry is deflated in
 * pieces as text arrives and its header patched in place once its size and CRC are known. Pieces are deflated
 * independently and sync-flushed (byte-aligned, non-final blocks), so concatenated they form one valid stream;
 * a final empty block closes it. Entries past 4 GiB (ZIP64) are refused: an xlsx part never gets near.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { constants, crc32, deflateRawSync } from "node:zlib";

/** DOS time and date of 1980-01-01 00:00: the same inputs give the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const LIMIT = 0xffffffff;

interface Entry {
  readonly name: Buffer;
  readonly offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** The text written to an open entry is buffered to about this many bytes before it is deflated. */
const PIECE = 1 << 20;

export class ZipWriter {
  private readonly fd: number;
  private position = 0;
  private readonly entries: Entry[] = [];
  private open: Entry | null = null;
  /** Text of the open entry not yet deflated, as UTF-8 bytes written straight into one reused buffer. */
  private readonly pending = Buffer.allocUnsafe(PIECE + 4 * 65536);
  private pendingLength = 0;
  private readonly level: number;

  constructor(path: string, level = 1) {
    this.fd = openSync(path, "w");
    this.level = level;
  }

  private write(buf: Uint8Array): void {
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done, this.position + done);
    this.position += buf.length;
  }

  /** Starts an entry; the previous one is finished first. */
  begin(name: string): void {
    if (this.open) this.end();
    const nameBytes = Buffer.from(name, "utf8");
    const entry: Entry = { name: nameBytes, offset: this.position, crc: 0, compressed: 0, size: 0 };
    this.write(localHeader(entry));
    this.open = entry;
  }

  /** Appends text to the open entry. */
  text(s: string): void {
    // at most 3 bytes per UTF-16 unit: a piece that might not fit goes after a flush (a long one through a Buffer of its own)
    if (this.pendingLength + s.length * 3 > this.pending.length) {
      this.flush(false);
      if (s.length * 3 > this.pending.length) {
        this.deflate(Buffer.from(s, "utf8"));
        return;
      }
    }
    this.pendingLength += this.pending.write(s, this.pendingLength, "utf8");
    if (this.pendingLength >= PIECE) this.flush(false);
  }

  private deflate(raw: Buffer): void {
    const e = this.open!;
    if (raw.length === 0) return;
    e.crc = crc32(raw, e.crc);
    e.size += raw.length;
    const out = deflateRawSync(raw, { level: this.level, finishFlush: constants.Z_SYNC_FLUSH });
    e.compressed += out.length;
    this.write(out);
  }

  private flush(final: boolean): void {
    const e = this.open!;
    this.deflate(this.pending.subarray(0, this.pendingLength));
    this.pendingLength = 0;
    if (final) {
      const last = deflateRawSync(Buffer.alloc(0), { level: this.level });
      e.compressed += last.length;
      this.write(last);
    }
    if (e.size > LIMIT || e.compressed > LIMIT) throw new Error(`the part ${e.name.toString()} passes 4 GiB, more than an .xlsx part can hold`);
  }

  /** Finishes the open entry: its data is flushed and its local header patched with the CRC and sizes. */
  end(): void {
    if (!this.open) return;
    this.flush(true);
    const e = this.open;
    const patch = Buffer.alloc(12);
    patch.writeUInt32LE(e.crc >>> 0, 0);
    patch.writeUInt32LE(e.compressed, 4);
    patch.writeUInt32LE(e.size, 8);
    writeSync(this.fd, patch, 0, 12, e.offset + 14);
    this.entries.push(e);
    this.open = null;
  }

  /** A whole entry at once. */
  file(name: string, content: string): void {
    this.begin(name);
    this.text(content);
    this.end();
  }

  /** Writes the central directory and closes the file. */
  close(): void {
    this.end();
    if (this.position > LIMIT) throw new Error("the workbook passes 4 GiB, more than a ZIP without ZIP64 can address");
    const start = this.position;
    for (const e of this.entries) this.write(centralHeader(e));
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(this.entries.length, 8);
    eocd.writeUInt16LE(this.entries.length, 10);
    eocd.writeUInt32LE(this.position - start, 12);
    eocd.writeUInt32LE(start, 16);
    this.write(eocd);
    closeSync(this.fd);
  }

  /** Closes the file without finishing it (the caller removes it). */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

function localHeader(e: Entry): Buffer {
  const b = Buffer.alloc(30 + e.name.length);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  b.writeUInt16LE(1 << 11, 6); // UTF-8 names
  b.writeUInt16LE(8, 8); // deflate
  b.writeUInt16LE(DOS_TIME, 10);
  b.writeUInt16LE(DOS_DATE, 12);
  // CRC and sizes at 14..25 are patched when the entry ends
  b.writeUInt16LE(e.name.length, 26);
  e.name.copy(b, 30);
  return b;
}

function centralHeader(e: Entry): Buffer {
  const b = Buffer.alloc(46 + e.name.length);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(20, 4);
  b.writeUInt16LE(20, 6);
  b.writeUInt16LE(1 << 11, 8);
  b.writeUInt16LE(8, 10);
  b.writeUInt16LE(DOS_TIME, 12);
  b.writeUInt16LE(DOS_DATE, 14);
  b.writeUInt32LE(e.crc >>> 0, 16);
  b.writeUInt32LE(e.compressed, 20);
  b.writeUInt32LE(e.size, 24);
  b.writeUInt16LE(e.name.length, 28);
  b.writeUInt32LE(e.offset, 42);
  e.name.copy(b, 46);
  return b;
}
