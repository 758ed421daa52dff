/**
 * A ZIP file written as it goes, for an .xlsx package too large to hold in memory: each entry is deflated in
 * pieces as text arrives and its header patched in place once its size and CRC are known. Pieces are deflated
 * independently and sync-flushed (byte-aligned, non-final blocks), so concatenated they form one valid stream;
 * a final empty block closes it. Pieces are deflated on zlib's thread pool while the caller goes on making XML
 * (the second core does the deflating), and written in order as they come back; `ready()` lets a caller wait
 * when too many are in flight, `close()` waits for the last. Entries past 4 GiB (ZIP64) are refused: an xlsx
 * part never gets near.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { constants, crc32, deflateRaw, deflateRawSync } from "node:zlib";

/** DOS time and date of 1980-01-01 00:00: the same inputs give the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const LIMIT = 0xffffffff;

interface Entry {
  readonly name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** The text written to an open entry is buffered to about this many bytes before it is deflated. */
const PIECE = 1 << 20;
/** A piece's buffer: room for a piece and the longest text that is not written through a buffer of its own. */
const PIECE_BYTES = PIECE + 4 * 65536;
/** Characters of text gathered before they are encoded (one Buffer.write per row costs more than the row's bytes). */
const GATHER = 1 << 14;
/** Pieces deflating at once before `ready()` makes the caller wait (memory stays a few MB). */
const IN_FLIGHT = 4;

/** What goes to the file next, in order: an entry's local header, a piece (once deflated), the patch that ends an entry. */
type Step =
  | { kind: "piece"; entry: Entry; out: Buffer | null }
  | { kind: "begin"; entry: Entry }
  | { kind: "end"; entry: Entry };

export class ZipWriter {
  private readonly fd: number;
  private position = 0;
  private readonly entries: Entry[] = [];
  private open: Entry | null = null;
  /** Text of the open entry not yet deflated, as UTF-8 bytes. */
  private pending: Buffer = Buffer.allocUnsafeSlow(PIECE_BYTES);
  /** Piece buffers back from zlib, reused: a fresh 1 MB buffer a piece makes V8 count external memory and collect. */
  private readonly spare: Buffer[] = [];
  private pendingLength = 0;
  private gathered = "";
  private readonly level: number;
  private readonly steps: Step[] = [];
  private head = 0;
  private deflating = 0;
  private failure: unknown = null;
  private closed = false;
  private waiters: (() => void)[] = [];

  /**
   * `background`: pieces deflate on zlib's thread pool (the caller awaits `ready()` now and then and `close()`);
   * otherwise each is deflated as it is cut, and a caller that never awaits gets a complete file from `close()`.
   */
  constructor(path: string, level = 1, private readonly background = false) {
    this.fd = openSync(path, "w");
    this.level = level;
  }

  private write(buf: Uint8Array): void {
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done, this.position + done);
    this.position += buf.length;
  }

  /** Writes the steps that are ready, in order, up to the first piece still deflating. */
  private drain(): void {
    try {
      while (this.head < this.steps.length && !this.failure && !this.closed) {
        const step = this.steps[this.head];
        if (step.kind === "piece") {
          if (!step.out) break;
          step.entry.compressed += step.out.length;
          if (step.entry.compressed > LIMIT) throw new Error(`the part ${step.entry.name.toString()} passes 4 GiB, more than an .xlsx part can hold`);
          this.write(step.out);
        } else if (step.kind === "begin") {
          step.entry.offset = this.position;
          this.write(localHeader(step.entry));
        } else {
          const e = step.entry;
          const patch = Buffer.alloc(12);
          patch.writeUInt32LE(e.crc >>> 0, 0);
          patch.writeUInt32LE(e.compressed, 4);
          patch.writeUInt32LE(e.size, 8);
          writeSync(this.fd, patch, 0, 12, e.offset + 14);
        }
        this.steps[this.head++] = undefined as unknown as Step;
      }
      if (this.head === this.steps.length) {
        this.steps.length = 0;
        this.head = 0;
      }
    } catch (e) {
      this.failure = e;
    }
    this.wake();
  }

  private wake(): void {
    if (this.deflating >= IN_FLIGHT && !this.failure) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  /** Resolves when few enough pieces are deflating for more text to be written (at once, if so). */
  ready(): Promise<void> {
    this.check();
    if (this.deflating < IN_FLIGHT) return Promise.resolve();
    return new Promise((done, fail) => this.waiters.push(() => (this.failure ? fail(this.failure) : done())));
  }

  /** Starts an entry; the previous one is finished first. */
  begin(name: string): void {
    if (this.open) this.end();
    const entry: Entry = { name: Buffer.from(name, "utf8"), offset: 0, crc: 0, compressed: 0, size: 0 };
    this.steps.push({ kind: "begin", entry });
    this.open = entry;
  }

  /** Appends text to the open entry: gathered into strings of some 16,000 characters, each written to the buffer in one call. */
  text(s: string): void {
    this.gathered += s;
    if (this.gathered.length >= GATHER) this.settle();
  }

  /** The gathered text to the pending bytes. */
  private settle(): void {
    const s = this.gathered;
    this.gathered = "";
    if (s) this.append(s);
  }

  private append(s: string): void {
    // at most 3 bytes per UTF-16 unit: a piece that might not fit goes after a flush (a long one through a Buffer of its own)
    if (this.pendingLength + s.length * 3 > this.pending.length) {
      this.flush();
      if (s.length * 3 > this.pending.length) {
        this.deflate(Buffer.from(s, "utf8"));
        return;
      }
    }
    this.pendingLength += this.pending.write(s, this.pendingLength, "utf8");
    if (this.pendingLength >= PIECE) this.flush();
  }

  /** Sends one piece to be deflated; it is written when it and every step before it are done. */
  private deflate(raw: Buffer, owner?: Buffer): void {
    this.check();
    const e = this.open!;
    if (raw.length === 0) return;
    e.crc = crc32(raw, e.crc);
    e.size += raw.length;
    if (e.size > LIMIT) throw new Error(`the part ${e.name.toString()} passes 4 GiB, more than an .xlsx part can hold`);
    const step: Step = { kind: "piece", entry: e, out: null };
    this.steps.push(step);
    if (!this.background) {
      step.out = deflateRawSync(raw, { level: this.level, finishFlush: constants.Z_SYNC_FLUSH });
      if (owner) this.spare.push(owner);
      this.drain();
      this.check();
      return;
    }
    this.deflating++;
    // a piece deflates to about a fifth of its size: one output chunk, where the default (16 KB) calls back to this thread for every 16 KB
    deflateRaw(raw, { level: this.level, finishFlush: constants.Z_SYNC_FLUSH, chunkSize: PIECE / 4 }, (err, out) => {
      this.deflating--;
      if (owner && this.spare.length < 2 * IN_FLIGHT) this.spare.push(owner);
      if (err) this.failure ??= err;
      else step.out = out;
      this.drain();
    });
  }

  /** The pending text to a piece of its own (the buffer goes with it: zlib reads it on another thread). */
  private flush(): void {
    this.settle();
    if (this.pendingLength === 0) return;
    const owner = this.pending;
    const raw = owner.subarray(0, this.pendingLength);
    this.pending = this.spare.pop() ?? Buffer.allocUnsafeSlow(PIECE_BYTES);
    this.pendingLength = 0;
    this.deflate(raw, owner);
  }

  /** Finishes the open entry: its data is flushed, a final empty block closes its stream, and its local header is patched with the CRC and sizes. */
  end(): void {
    if (!this.open) return;
    this.flush();
    const e = this.open;
    const last = deflateRawSync(Buffer.alloc(0), { level: this.level });
    this.steps.push({ kind: "piece", entry: e, out: last }, { kind: "end", entry: e });
    this.entries.push(e);
    this.open = null;
    this.drain();
    this.check();
  }

  /** A whole entry at once. */
  file(name: string, content: string): void {
    this.begin(name);
    this.text(content);
    this.end();
  }

  /** Waits for every piece, writes the central directory and closes the file. */
  async close(): Promise<void> {
    this.end();
    while (this.deflating > 0) await new Promise<void>((done) => this.waiters.push(done));
    this.drain();
    this.check();
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
    this.closed = true;
    closeSync(this.fd);
  }

  /** Closes the file without finishing it (the caller removes it); pieces still deflating are dropped. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
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
