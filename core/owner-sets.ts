/**
 * Who owns what, in memory proportional to owned pairs: per product a sorted list of owner indexes (one flat
 * Int32Array, product-major), plus a bitset over accounts for the products dense enough that the bitset is
 * smaller than the list (more than one account in 32 owns it) — a hybrid in the manner of roaring bitmaps.
 * A SKU column with a million distinct values costs a million list entries, not a million bitsets of a million bits.
 * Co-ownership counts: bitset AND + popcount when both are dense, bit tests when one is, else a merge (galloping
 * when one list is much shorter).
 */

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** (account, product) pairs as read, in two growable typed arrays (no object or boxed number per pair). */
export class PairBuffer {
  accounts: Int32Array = new Int32Array(1024);
  products: Int32Array = new Int32Array(1024);
  length = 0;
  push(a: number, p: number): void {
    if (this.length === this.accounts.length) {
      const grow = (x: Int32Array): Int32Array => {
        const y = new Int32Array(x.length * 2);
        y.set(x);
        return y;
      };
      this.accounts = grow(this.accounts);
      this.products = grow(this.products);
    }
    this.accounts[this.length] = a;
    this.products[this.length++] = p;
  }
}

/** Lower bound of `x` in sorted `list` within [lo, hi). */
function lowerBound(list: Int32Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class OwnerSets {
  /** Owners of product p, ascending: list[start[p] .. start[p+1]). */
  private readonly list: Int32Array;
  private readonly start: Int32Array;
  /** Bitset over accounts for dense products: (bits[i >>> 5] >>> (i & 31)) & 1; undefined for sparse ones. */
  private readonly bits: (Uint32Array | undefined)[];
  private readonly words: number;
  private byAccount?: { list: Int32Array; start: Int32Array };

  /** `keep` filters pairs (a long table's zero-ARR rows); duplicates merge. */
  constructor(pairs: PairBuffer, readonly productCount: number, readonly accountCount: number, keep?: (a: number, p: number) => boolean) {
    const P = productCount;
    const n = pairs.length;
    const counts = new Int32Array(P + 1);
    for (let i = 0; i < n; i++) if (!keep || keep(pairs.accounts[i], pairs.products[i])) counts[pairs.products[i] + 1]++;
    for (let p = 0; p < P; p++) counts[p + 1] += counts[p];
    const tmp = new Int32Array(counts[P]);
    const fill = counts.slice(0, P);
    for (let i = 0; i < n; i++) if (!keep || keep(pairs.accounts[i], pairs.products[i])) tmp[fill[pairs.products[i]]++] = pairs.accounts[i];
    // sort each product's owners (already ascending when rows come in account order) and drop repeats
    const start = new Int32Array(P + 1);
    let w = 0;
    for (let p = 0; p < P; p++) {
      const lo = counts[p];
      const hi = counts[p + 1];
      let sorted = true;
      for (let i = lo + 1; i < hi; i++) if (tmp[i] <= tmp[i - 1]) {
        sorted = false;
        break;
      }
      if (!sorted) tmp.subarray(lo, hi).sort();
      start[p] = w;
      for (let i = lo; i < hi; i++) if (i === lo || tmp[i] !== tmp[i - 1]) tmp[w++] = tmp[i];
    }
    start[P] = w;
    this.list = w === tmp.length ? tmp : tmp.slice(0, w);
    this.start = start;
    this.words = (accountCount + 31) >>> 5;
    this.bits = new Array(P);
    for (let p = 0; p < P; p++) {
      const c = start[p + 1] - start[p];
      if (c * 32 <= accountCount) continue;
      const b = new Uint32Array(this.words);
      for (let i = start[p]; i < start[p + 1]; i++) b[this.list[i] >>> 5] |= 1 << (this.list[i] & 31);
      this.bits[p] = b;
    }
  }

  /** Accounts owning product p. */
  count(p: number): number {
    return this.start[p + 1] - this.start[p];
  }

  /** Whether account i owns product p. */
  owns(p: number, i: number): boolean {
    const b = this.bits[p];
    if (b) return ((b[i >>> 5] >>> (i & 31)) & 1) === 1;
    const hi = this.start[p + 1];
    const k = lowerBound(this.list, i, this.start[p], hi);
    return k < hi && this.list[k] === i;
  }

  /** Owners of product p, ascending (a view: do not modify). */
  ownersOf(p: number): Int32Array {
    return this.list.subarray(this.start[p], this.start[p + 1]);
  }

  /** Accounts owning both products a and b. */
  coCount(a: number, b: number): number {
    const A = this.bits[a];
    const B = this.bits[b];
    if (A && B) {
      let n = 0;
      for (let w = 0; w < this.words; w++) {
        const x = A[w] & B[w];
        if (x !== 0) n += popcount(x);
      }
      return n;
    }
    if (A || B) {
      const bits = (A ?? B)!;
      const other = A ? b : a;
      let n = 0;
      for (let i = this.start[other], end = this.start[other + 1]; i < end; i++) n += (bits[this.list[i] >>> 5] >>> (this.list[i] & 31)) & 1;
      return n;
    }
    let [x, xe, y, ye] = [this.start[a], this.start[a + 1], this.start[b], this.start[b + 1]];
    if (xe - x > ye - y) [x, xe, y, ye] = [y, ye, x, xe];
    const L = this.list;
    let n = 0;
    if ((ye - y) > 16 * (xe - x)) {
      // galloping: each of the short list's owners by binary search in what is left of the long one
      for (; x < xe && y < ye; x++) {
        y = lowerBound(L, L[x], y, ye);
        if (y < ye && L[y] === L[x]) n++;
      }
      return n;
    }
    while (x < xe && y < ye) {
      const u = L[x];
      const v = L[y];
      if (u === v) {
        n++;
        x++;
        y++;
      } else if (u < v) x++;
      else y++;
    }
    return n;
  }

  /** Products account i owns, ascending (account-major lists, built on first use: again one entry per pair). */
  productsOf(i: number): Int32Array {
    const t = this.accountMajor();
    return t.list.subarray(t.start[i], t.start[i + 1]);
  }

  /** The same sets less the listed (account, product) pairs (pass-through ownership left out). */
  without(pairs: readonly (readonly [number, number])[]): OwnerSets {
    const drop = new Set(pairs.map(([a, p]) => a * this.productCount + p));
    const buf = new PairBuffer();
    for (let p = 0; p < this.productCount; p++) for (let i = this.start[p]; i < this.start[p + 1]; i++) if (!drop.has(this.list[i] * this.productCount + p)) buf.push(this.list[i], p);
    return new OwnerSets(buf, this.productCount, this.accountCount);
  }

  /** Owned pairs in all. */
  get pairs(): number {
    return this.list.length;
  }

  /** Σ over accounts of (products owned)²: the work of counting co-ownership account by account. */
  accountMajorWork(): number {
    const { start } = this.accountMajor();
    let s = 0;
    for (let i = 0; i < this.accountCount; i++) {
      const k = start[i + 1] - start[i];
      s += k * k;
    }
    return s / 2;
  }

  /** Rough cost of counting every product pair one pair at a time (see coCount). */
  pairwiseWork(): number {
    let dense = 0;
    let sparsePairs = 0;
    for (let p = 0; p < this.productCount; p++) {
      if (this.bits[p]) dense++;
      else sparsePairs += this.count(p);
    }
    return (dense * dense * this.words) / 2 + sparsePairs * this.productCount + (this.productCount * this.productCount) / 2;
  }

  /** Bytes held: lists, offsets and bitsets (for the benchmark's bytes per owned pair). */
  bytes(): number {
    let b = this.list.byteLength + this.start.byteLength;
    for (const x of this.bits) if (x) b += x.byteLength;
    if (this.byAccount) b += this.byAccount.list.byteLength + this.byAccount.start.byteLength;
    return b;
  }

  private accountMajor(): { list: Int32Array; start: Int32Array } {
    if (this.byAccount) return this.byAccount;
    const N = this.accountCount;
    const start = new Int32Array(N + 1);
    for (let i = 0; i < this.list.length; i++) start[this.list[i] + 1]++;
    for (let i = 0; i < N; i++) start[i + 1] += start[i];
    const fill = start.slice(0, N);
    const list = new Int32Array(this.list.length);
    // products in ascending order, so each account's list comes out sorted
    for (let p = 0; p < this.productCount; p++) for (let i = this.start[p]; i < this.start[p + 1]; i++) list[fill[this.list[i]]++] = p;
    this.byAccount = { list, start };
    return this.byAccount;
  }
}
