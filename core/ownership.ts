/**
 * Ownership tables in either shape, read into one bitset per product (bit i = account i owns it), so
 * co-ownership counts are popcounts of ANDed words: linear in accounts and free of per-cell objects.
 *  - wide: first column the account, one column per product; a cell is owned when it holds a positive number,
 *    TRUE, or text other than blank/0/No/N/FALSE/-.
 *  - long: one row per account and product (Account, Product, optional ARR, Start Date, End Date); duplicates merge.
 */
import { naError, valueError } from "./errors";
import { fieldOf, normalizeHeader } from "./headers";
import { StringIndex } from "./string-index";
import { asGrid } from "./table";
import { isMissing, showValue, toDay, toNumber, toText, today, type CellValue } from "./values";

export interface Ownership {
  readonly shape: "wide" | "long";
  /** Account names as first written. */
  readonly accounts: string[];
  readonly products: string[];
  /** One bitset per product over accounts: (words[i >>> 5] >>> (i & 31)) & 1. */
  readonly owners: Uint32Array[];
  /** Accounts owning each product. */
  readonly ownerCounts: Int32Array;
  readonly words: number;
  /** Summed ARR per (account, product) from a long table's ARR column; empty otherwise. */
  readonly arr: Map<number, number>;
  /** Account name → index, ignoring case and surrounding spaces. */
  readonly index: StringIndex;
}

const NOT_OWNED = new Set(["", "0", "no", "n", "false", "-", "none", "0%"]);

export function ownsCell(v: CellValue): boolean {
  if (typeof v === "number") return v > 0 && Number.isFinite(v);
  if (typeof v === "boolean") return v;
  if (isMissing(v)) return false;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (NOT_OWNED.has(s)) return false;
    const n = toNumber(s);
    return n.ok ? n.value > 0 : true;
  }
  return v instanceof Date;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function readOwnership(fn: string, arg: unknown): Ownership {
  const grid = asGrid(fn, "ownership", arg);
  if (grid.length < 1 || grid[0].length < 2) throw valueError(fn, "ownership must have a header row and at least two columns (an account column and products, or Account and Product)");
  const header = grid[0].map((v) => toText(v));
  const fields = header.map((h) => fieldOf(h));
  const accountCol = fields.indexOf("Account");
  const productCol = fields.indexOf("Product");
  if (accountCol >= 0 && productCol >= 0) return readLong(fn, grid, fields, accountCol, productCol);
  return readWide(fn, grid, header);
}

function readWide(fn: string, grid: CellValue[][], header: string[]): Ownership {
  const productCols: number[] = [];
  const products: string[] = [];
  const seen = new Map<string, number>();
  for (let c = 1; c < header.length; c++) {
    if (header[c] === "") continue;
    const key = normalizeHeader(header[c]);
    if (seen.has(key)) throw valueError(fn, `ownership has the product column "${header[c]}" twice (columns ${seen.get(key)! + 1} and ${c + 1})`);
    seen.set(key, c);
    productCols.push(c);
    products.push(header[c]);
  }
  if (products.length === 0) throw valueError(fn, "ownership has no product columns; expected the account in the first column and one column per product");
  // One pass over the rows (each row object is touched once: at a million rows, memory traffic is the cost).
  // Bitsets are sized for one account per row, an upper bound; duplicate account rows merge into one bit.
  const index = new StringIndex(grid.length);
  const accounts = index.keys;
  const capacityWords = (grid.length + 31) >>> 5;
  const owners = products.map(() => new Uint32Array(capacityWords));
  const P = productCols.length;
  const contiguous = productCols.every((c, i) => c === i + 1);
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    const name = toText(row[0]);
    if (name === "") {
      if (productCols.some((c) => ownsCell(row[c]))) throw valueError(fn, `ownership row ${r + 1}: products are marked but the account cell is blank`);
      continue;
    }
    const a = index.add(name);
    const w = a >>> 5;
    const bit = 1 << (a & 31);
    for (let p = 0; p < P; p++) {
      const v = row[contiguous ? p + 1 : productCols[p]];
      // inline fast paths for the common cell types; text goes through ownsCell
      if (typeof v === "number" ? v > 0 && v !== Infinity : typeof v === "boolean" ? v : ownsCell(v)) owners[p][w] |= bit;
    }
  }
  const words = (accounts.length + 31) >>> 5;
  return finish("wide", index, products, owners, words, new Map());
}

function readLong(fn: string, grid: CellValue[][], fields: (string | undefined)[], accountCol: number, productCol: number): Ownership {
  const arrCol = fields.indexOf("ARR");
  const endCol = fields.indexOf("End Date");
  const now = today();
  const accIndex = new StringIndex(grid.length);
  const accounts = accIndex.keys;
  const prodIndex = new Map<string, number>();
  const products: string[] = [];
  const pairs: number[] = []; // account, product, account, product, …
  const arr = new Map<number, number>();
  const arrSeen: { a: number; p: number; v: number }[] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    const name = toText(row[accountCol]);
    const product = toText(row[productCol]);
    if (name === "") {
      if (product !== "") throw valueError(fn, `ownership row ${r + 1}: product "${product}" has a blank Account`);
      continue;
    }
    const a = accIndex.add(name);
    if (product === "") continue; // an account with no products still counts in denominators
    const pkey = normalizeHeader(product) || product;
    let p = prodIndex.get(pkey);
    if (p === undefined) {
      p = products.length;
      prodIndex.set(pkey, p);
      products.push(product);
    }
    if (endCol >= 0 && !isMissing(row[endCol])) {
      const end = toDay(row[endCol]);
      if (!end.ok) throw valueError(fn, `ownership column "End Date" row ${r + 1}: ${end.reason}`);
      if (end.value <= now) continue; // ended: no longer owned
    }
    let value = NaN;
    if (arrCol >= 0 && !isMissing(row[arrCol])) {
      const n = toNumber(row[arrCol]);
      if (!n.ok) throw valueError(fn, `ownership column "ARR" row ${r + 1}: ${showValue(row[arrCol])} is not a number`);
      if (n.value < 0) throw valueError(fn, `ownership column "ARR" row ${r + 1}: ARR cannot be negative (${n.value})`);
      value = n.value;
      arrSeen.push({ a, p, v: value });
    }
    pairs.push(a, p);
  }
  if (products.length === 0) throw naError(fn, "ownership lists no products");
  for (const { a, p, v } of arrSeen) {
    const k = a * products.length + p;
    arr.set(k, (arr.get(k) ?? 0) + v);
  }
  const words = (accounts.length + 31) >>> 5;
  const owners = products.map(() => new Uint32Array(words));
  for (let i = 0; i < pairs.length; i += 2) {
    const a = pairs[i];
    const p = pairs[i + 1];
    // a row whose summed ARR is 0 is a product on the books at no value: not owned
    if (arrCol >= 0 && arr.has(a * products.length + p) && arr.get(a * products.length + p)! <= 0) continue;
    owners[p][a >>> 5] |= 1 << (a & 31);
  }
  return finish("long", accIndex, products, owners, words, arr);
}

function finish(shape: "wide" | "long", index: StringIndex, products: string[], owners: Uint32Array[], words: number, arr: Map<number, number>): Ownership {
  const ownerCounts = new Int32Array(products.length);
  for (let p = 0; p < products.length; p++) {
    let n = 0;
    const bits = owners[p];
    for (let w = 0; w < words; w++) n += popcount(bits[w]);
    ownerCounts[p] = n;
  }
  return { shape, accounts: index.keys, products, owners, ownerCounts, words, arr, index };
}

/** Finds a product by name (ignoring case and punctuation); unknown names list what was found. */
export function productIndex(fn: string, own: Ownership, arg: string, name: unknown): number {
  const text = toText(name as CellValue);
  if (text === "") throw valueError(fn, `${arg} is required`);
  const key = normalizeHeader(text);
  const i = own.products.findIndex((p) => normalizeHeader(p) === key);
  if (i >= 0) return i;
  const list = own.products.slice(0, 20).map((p) => `"${p}"`).join(", ");
  throw naError(fn, `${arg} ${showValue(text)} is not in ownership; products found: ${list}${own.products.length > 20 ? ", …" : ""}`);
}
