/**
 * Account names for the hash-flooding test and bench: 2^k distinct 4k-character names that all share one value of
 * the unkeyed 32-bit FNV-1a hash StringIndex used before it was keyed (a Joux multicollision: at each of k stages,
 * two 4-character blocks that take the same hash state to the same next state), and random names of the same
 * length for comparison.
 */
import { prng } from "./generate";

/** FNV-1a over code units, from state h (the unkeyed hash XSELL used on lower-case text). */
function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

export const FNV_OFFSET = 0x811c9dc5 | 0;

/** The old hash of a name (these names hold no capitals or spaces: case folding and trimming change nothing). */
export const oldHash = (s: string): number => fnv(FNV_OFFSET, s);

/** Characters that case folding, trimming and CSV quoting leave alone and that start no formula. */
const ALPHABET = [...Array(94)].map((_, i) => String.fromCharCode(33 + i)).filter((c) => !/[A-Z"',;=+\-@\\]/.test(c));

/**
 * Two 4-character blocks taking `state` to one next state. FNV-1a's last step, (s ^ c) × prime, is a bijection,
 * so two 3-character prefixes whose states differ only in the low 7 bits (birthday over the high 25) collide
 * when the fourth characters differ by the same bits.
 */
function collidingBlocks(state: number, rnd: () => number): [string, string, number] {
  const A = ALPHABET.length;
  const byHigh = new Map<number, string>();
  for (;;) {
    const prefix = ALPHABET[Math.floor(rnd() * A)] + ALPHABET[Math.floor(rnd() * A)] + ALPHABET[Math.floor(rnd() * A)];
    const h = fnv(state, prefix);
    const other = byHigh.get(h >>> 7);
    if (other === undefined || other === prefix) {
      byHigh.set(h >>> 7, prefix);
      continue;
    }
    const d = (h ^ fnv(state, other)) & 0x7f;
    for (const c of ALPHABET) {
      const c2 = String.fromCharCode(c.charCodeAt(0) ^ d);
      if (!ALPHABET.includes(c2)) continue;
      const x = other + c;
      const y = prefix + c2;
      if (fnv(state, x) === fnv(state, y)) return [x, y, fnv(state, x)];
    }
  }
}

/** 2^stages distinct names of 4·stages characters sharing one FNV-1a hash. */
export function collidingNames(stages: number, seed = 1): string[] {
  const rnd = prng(seed);
  let state = FNV_OFFSET;
  const pairs: [string, string][] = [];
  for (let k = 0; k < stages; k++) {
    const [x, y, next] = collidingBlocks(state, rnd);
    pairs.push([x, y]);
    state = next;
  }
  let names = [""];
  for (const [x, y] of pairs) names = names.flatMap((n) => [n + x, n + y]);
  return names;
}

/** `count` distinct random names of `length` characters from the crafted names' alphabet (so only the hash differs). */
export function randomNames(count: number, length: number, seed = 2): string[] {
  const rnd = prng(seed);
  const out = new Set<string>();
  while (out.size < count) {
    let s = "";
    for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
    out.add(s);
  }
  return [...out];
}
