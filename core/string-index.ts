/**
 * Assigns dense ids to distinct names, ignoring case, surrounding and repeated spaces and Unicode form
 * ("Acme  Corp " = "acme corp", composed = decomposed "é") but never punctuation ("Plan A" ≠ "Plan A+"), and
 * keeps the first spelling seen. A V8 Map keyed by lower-cased copies spends most of a second at a million accounts
 * (a new string per row, then hashing and growth); this hashes the original text in place over case-folded
 * characters, in open-addressed typed arrays that keep each slot's hash so collisions compare integers.
 * The hash is HalfSipHash-1-3 keyed with a random key per process: names crafted to collide (2^15 account names
 * sharing one unkeyed FNV-1a hash made lookups quadratic, 50 s against 36 ms) cannot be crafted without the key.
 */
const foldCache = new Map<number, number>();

/** Lower-case code unit: ASCII inline, anything else through toLowerCase once per distinct character. */
function fold(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  let f = foldCache.get(c);
  if (f === undefined) {
    f = String.fromCharCode(c).toLowerCase().charCodeAt(0);
    foldCache.set(c, f);
  }
  return f;
}

const isSpace = (c: number): boolean => c <= 32 || c === 160 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;

function bounds(s: string): [number, number] {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return [a, b];
}

function foldedEquals(x: string, y: string): boolean {
  if (x === y) return true;
  const [xa, xb] = bounds(x);
  const [ya, yb] = bounds(y);
  if (xb - xa !== yb - ya) return false;
  for (let i = 0; i < xb - xa; i++) if (fold(x.charCodeAt(xa + i)) !== fold(y.charCodeAt(ya + i))) return false;
  return true;
}

/** The per-process key: Math.random is seeded per isolate and never shown, which is all a hash key needs. */
const K0 = (Math.random() * 0x100000000) | 0;
const K1 = (Math.random() * 0x100000000) | 0;

/** HalfSipHash-1-3 (Aumasson & Bernstein's SipHash on 32-bit words) over case-folded UTF-16 code units, two per word. */
function foldedHash(s: string): number {
  const [a, b] = bounds(s);
  let v0 = K0;
  let v1 = K1;
  let v2 = 0x6c796765 ^ K0;
  let v3 = 0x74656462 ^ K1;
  let i = a;
  for (; i + 1 < b; i += 2) {
    const m = fold(s.charCodeAt(i)) | (fold(s.charCodeAt(i + 1)) << 16);
    v3 ^= m;
    v0 = (v0 + v1) | 0; v1 = (v1 << 5) | (v1 >>> 27); v1 ^= v0; v0 = (v0 << 16) | (v0 >>> 16);
    v2 = (v2 + v3) | 0; v3 = (v3 << 8) | (v3 >>> 24); v3 ^= v2;
    v0 = (v0 + v3) | 0; v3 = (v3 << 7) | (v3 >>> 25); v3 ^= v0;
    v2 = (v2 + v1) | 0; v1 = (v1 << 13) | (v1 >>> 19); v1 ^= v2; v2 = (v2 << 16) | (v2 >>> 16);
    v0 ^= m;
  }
  // the last word: an odd code unit, if any, and the length (so "a" and "a\0" differ)
  const m = (i < b ? fold(s.charCodeAt(i)) : 0) | (((b - a) & 0xff) << 24);
  v3 ^= m;
  v0 = (v0 + v1) | 0; v1 = (v1 << 5) | (v1 >>> 27); v1 ^= v0; v0 = (v0 << 16) | (v0 >>> 16);
  v2 = (v2 + v3) | 0; v3 = (v3 << 8) | (v3 >>> 24); v3 ^= v2;
  v0 = (v0 + v3) | 0; v3 = (v3 << 7) | (v3 >>> 25); v3 ^= v0;
  v2 = (v2 + v1) | 0; v1 = (v1 << 13) | (v1 >>> 19); v1 ^= v2; v2 = (v2 << 16) | (v2 >>> 16);
  v0 ^= m;
  v2 ^= 0xff;
  for (let r = 0; r < 3; r++) {
    v0 = (v0 + v1) | 0; v1 = (v1 << 5) | (v1 >>> 27); v1 ^= v0; v0 = (v0 << 16) | (v0 >>> 16);
    v2 = (v2 + v3) | 0; v3 = (v3 << 8) | (v3 >>> 24); v3 ^= v2;
    v0 = (v0 + v3) | 0; v3 = (v3 << 7) | (v3 >>> 25); v3 ^= v0;
    v2 = (v2 + v1) | 0; v1 = (v1 << 13) | (v1 >>> 19); v1 ^= v2; v2 = (v2 << 16) | (v2 >>> 16);
  }
  return v1 ^ v3;
}

/**
 * The form two names are compared in: NFKC with runs of spaces as one. Plain ASCII with single spaces, the
 * common case, is returned as it is without allocating.
 */
export function joinKey(s: string): string {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 126 || c < 32 || (c === 32 && s.charCodeAt(i + 1) === 32)) {
      plain = false;
      break;
    }
  }
  return plain ? s : s.normalize("NFKC").replace(/[\s\u00a0\u202f\u3000]+/g, " ");
}

export class StringIndex {
  private ids: Int32Array;
  private hashes: Int32Array;
  private mask: number;
  /** Names by id, as first written. */
  readonly keys: string[] = [];
  /** Names by id in compared form (joinKey). */
  private readonly canon: string[] = [];
  /** Occupied slots stepped over by lookups so far: near the number of lookups unless names collide (tests read it). */
  probes = 0;

  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap <<= 1;
    this.ids = new Int32Array(cap).fill(-1);
    this.hashes = new Int32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The slot holding `name`, or the empty slot where it would go. */
  private slotOf(name: string, h: number): number {
    const { ids, hashes, mask } = this;
    let i = h & mask;
    let steps = 0;
    while (ids[i] >= 0 && !(hashes[i] === h && foldedEquals(this.canon[ids[i]], name))) {
      i = (i + 1) & mask;
      steps++;
    }
    this.probes += steps;
    return i;
  }

  /** The id of `name`, or -1. */
  get(name: string): number {
    const key = joinKey(name);
    return this.ids[this.slotOf(key, foldedHash(key))];
  }

  /** The id of `name`, adding it if new (an id equal to size-1 afterwards means it was new). */
  add(name: string): number {
    const key = joinKey(name);
    const h = foldedHash(key);
    const i = this.slotOf(key, h);
    if (this.ids[i] >= 0) return this.ids[i];
    const id = this.keys.length;
    this.keys.push(name);
    this.canon.push(key);
    this.ids[i] = id;
    this.hashes[i] = h;
    if (this.keys.length * 2 > this.ids.length) this.grow();
    return id;
  }

  private grow(): void {
    const oldIds = this.ids;
    const oldHashes = this.hashes;
    const cap = oldIds.length * 2;
    this.ids = new Int32Array(cap).fill(-1);
    this.hashes = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < oldIds.length; j++) {
      if (oldIds[j] < 0) continue;
      let i = oldHashes[j] & this.mask;
      while (this.ids[i] >= 0) i = (i + 1) & this.mask;
      this.ids[i] = oldIds[j];
      this.hashes[i] = oldHashes[j];
    }
  }
}
