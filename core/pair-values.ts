/**
 * A number per (account, product) pair in typed arrays: a long ownership table of a million accounts holds 3
 * million pairs, which a Map keeps in about 110 MB (half as much again while it grows) and this in about 80 MB,
 * with no object per entry for the collector to trace. Read-only to its users (a ReadonlyMap keyed a × stride + p:
 * get, size and iteration in first-insertion order, as a Map's); filled while a table is read with sum or min,
 * under a stride above any product index (the product count is known only at the end), then rekeyed once to P.
 * An account's pairs hash to neighbouring slots, so a table read account by account touches memory in order.
 */
export class PairValues implements ReadonlyMap<number, number> {
  /** `expected`: about how many pairs will be added (a table's row count), so the arrays never grow. */
  constructor(private stride: number, expected = 8) {
    let cap = 16;
    while (cap < expected) cap *= 2;
    this.keyAt = new Float64Array(cap);
    this.valueAt = new Float64Array(cap);
    this.slots = new Int32Array(cap * 2);
  }

  private keyAt: Float64Array;
  private valueAt: Float64Array;
  /** Open-addressed slots: 1 + the entry's index, 0 when empty. */
  private slots: Int32Array;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** MurmurHash3's finalizer of the account, then the product: an account's pairs sit in neighbouring slots. */
  private static hash(a: number, p: number): number {
    let h = a | 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return ((h ^ (h >>> 16)) << 5) + p;
  }

  /** The entry index of pair (a, p), key k, or -1 - (the empty slot where it would go). */
  private find(a: number, p: number, k: number): number {
    const mask = this.slots.length - 1;
    let s = PairValues.hash(a, p) & mask;
    for (;;) {
      const e = this.slots[s];
      if (e === 0) return -1 - s;
      if (this.keyAt[e - 1] === k) return e - 1;
      s = (s + 1) & mask;
    }
  }

  private insert(slot: number, k: number, v: number): void {
    if (this.count === this.keyAt.length) {
      const keys = new Float64Array(this.count * 2);
      keys.set(this.keyAt);
      this.keyAt = keys;
      const values = new Float64Array(this.count * 2);
      values.set(this.valueAt);
      this.valueAt = values;
    }
    this.keyAt[this.count] = k;
    this.valueAt[this.count] = v;
    this.slots[slot] = ++this.count;
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let i = 0; i < this.count; i++) {
      const k = this.keyAt[i];
      const a = Math.floor(k / this.stride);
      let s = PairValues.hash(a, k - a * this.stride) & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = i + 1;
    }
  }

  /** Adds v to pair (a, p)'s value (a new pair starts from 0, as `(map.get(k) ?? 0) + v` does). */
  sum(a: number, p: number, v: number): void {
    const k = a * this.stride + p;
    const e = this.find(a, p, k);
    if (e >= 0) this.valueAt[e] += v;
    else this.insert(-1 - e, k, 0 + v);
  }

  /** Keeps the smaller of pair (a, p)'s value and v. */
  min(a: number, p: number, v: number): void {
    const k = a * this.stride + p;
    const e = this.find(a, p, k);
    if (e < 0) this.insert(-1 - e, k, v);
    else if (v < this.valueAt[e]) this.valueAt[e] = v;
  }

  /** Turns keys a × stride + p into a × to + p (every p < to), keeping the order and the values (and the slots: they hash a and p). */
  rekey(to: number): this {
    const from = this.stride;
    for (let i = 0; i < this.count; i++) {
      const k = this.keyAt[i];
      const a = Math.floor(k / from);
      this.keyAt[i] = a * to + (k - a * from);
    }
    this.stride = to;
    return this;
  }

  /** The entry index of key k (-1 when absent, or not a pair's key). */
  private entryOf(k: number): number {
    if (!Number.isInteger(k) || k < 0) return -1;
    const a = Math.floor(k / this.stride);
    return this.find(a, k - a * this.stride, k);
  }

  get(k: number): number | undefined {
    const e = this.entryOf(k);
    return e >= 0 ? this.valueAt[e] : undefined;
  }

  has(k: number): boolean {
    return this.entryOf(k) >= 0;
  }

  forEach(f: (value: number, key: number, map: ReadonlyMap<number, number>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.count; i++) f.call(thisArg, this.valueAt[i], this.keyAt[i], this);
  }

  *entries(): MapIterator<[number, number]> {
    for (let i = 0; i < this.count; i++) yield [this.keyAt[i], this.valueAt[i]];
  }

  *keys(): MapIterator<number> {
    for (let i = 0; i < this.count; i++) yield this.keyAt[i];
  }

  *values(): MapIterator<number> {
    for (let i = 0; i < this.count; i++) yield this.valueAt[i];
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }
}
