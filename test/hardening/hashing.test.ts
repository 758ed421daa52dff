/**
 * Crafted account names cannot make lookups quadratic: 2^15 distinct 60-character names that share one value of
 * the unkeyed FNV-1a hash StringIndex used to use (50 s in XSELL_RETENTION against 36 ms for random names) now
 * cost what random names cost, because the hash is keyed per process. Times are the fastest of several runs, and
 * the bounds are ratios measured in the same run, so a busy machine moves both sides. The CLI (report
 * --retention, 55 s against 7 s before) is held to the same ratio.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main";
import { collidingNames, oldHash, randomNames } from "../../examples/names";
import { XSELL_RETENTION } from "../../core/functions";
import { StringIndex } from "../../core/string-index";
import type { CellValue } from "../../core/values";

const crafted = collidingNames(15);
const random = randomNames(crafted.length, 60);

function retentionTable(names: string[]): CellValue[][] {
  return [["Account", "Start ARR", "End ARR"], ...names.map((n, i) => [n, 1000 + (i % 7), 900 + (i % 11)])];
}

function fastest(f: () => unknown, runs = 5): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe("hash flooding", () => {
  it("the crafted names are real: 32,768 distinct names, 60 characters, one FNV-1a hash", () => {
    expect(new Set(crafted).size).toBe(32768);
    expect(crafted.every((n) => n.length === 60)).toBe(true);
    expect(new Set(crafted.map(oldHash)).size).toBe(1);
  });
  it("StringIndex gives each crafted name its own id, finds it again, and steps over no more slots than for random names", () => {
    const probes = (names: string[]): number => {
      const ix = new StringIndex(16);
      names.forEach((n, i) => expect(ix.add(n)).toBe(i));
      for (let i = 0; i < names.length; i += 101) expect(ix.get(names[i].toUpperCase())).toBe(i);
      expect(ix.size).toBe(names.length);
      return ix.probes;
    };
    const pCrafted = probes(crafted);
    const pRandom = probes(random);
    // under the old hash every crafted name collided with every earlier one: 2^15·(2^15−1)/2 ≈ 537 million steps
    expect(pCrafted).toBeLessThan(2 * pRandom + 1000);
    expect(pCrafted / crafted.length).toBeLessThan(2); // about one step per insert at a load factor ≤ ½
  });
  it("steps per name stay flat as crafted names grow from 2^11 to 2^15 (quadratic would grow 16×)", () => {
    const perName = (names: string[]): number => {
      const ix = new StringIndex(16);
      for (const n of names) ix.add(n);
      return ix.probes / names.length;
    };
    const small = perName(crafted.slice(0, 2048));
    const large = perName(crafted);
    expect(large).toBeLessThan(2);
    expect(large).toBeLessThan(small * 2 + 0.5);
  });
  it("XSELL_RETENTION on 2^15 crafted names takes under 5× what random names take", () => {
    const a = retentionTable(crafted);
    const b = retentionTable(random);
    expect(XSELL_RETENTION(a)).toEqual(XSELL_RETENTION(b)); // same numbers, different names
    // interleaved, fastest of seven each: a busy machine slows both sides alike (the old hash: 1,400×)
    let tCrafted = Infinity;
    let tRandom = Infinity;
    for (let i = 0; i < 7; i++) {
      tCrafted = Math.min(tCrafted, fastest(() => XSELL_RETENTION(a), 1));
      tRandom = Math.min(tRandom, fastest(() => XSELL_RETENTION(b), 1));
    }
    expect(tCrafted / tRandom).toBeLessThan(5);
  });
});

describe("hash flooding through the CLI", () => {
  it("report --retention on 2^15 crafted account names takes under 5× what random names take (was 55 s against 7 s)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xsell-flood-"));
    const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    const files = (tag: string, names: string[]): string[] => {
      const accounts = join(dir, `${tag}-accounts.csv`);
      const retention = join(dir, `${tag}-retention.csv`);
      writeFileSync(accounts, "Account,NPS\n" + names.map((n, i) => `${quote(n)},${i % 100}`).join("\n") + "\n");
      writeFileSync(retention, "Account,Start ARR,End ARR\n" + names.map((n, i) => `${quote(n)},${1000 + (i % 7)},${900 + (i % 11)}`).join("\n") + "\n");
      return ["report", accounts, "--retention", retention, "--tabs", "retention", "--data", "none", "--as-of", "2026-06-30", "--force", "--out", join(dir, `${tag}.xlsx`)];
    };
    const a = files("crafted", crafted);
    const b = files("random", random);
    const spies = [vi.spyOn(console, "log").mockImplementation(() => undefined), vi.spyOn(console, "error").mockImplementation(() => undefined), vi.spyOn(process.stderr, "write").mockImplementation((() => true) as typeof process.stderr.write)];
    try {
      const run = async (args: string[]): Promise<number> => {
        const t = performance.now();
        expect(await main(args)).toBe(0);
        return performance.now() - t;
      };
      await run(b); // warm: loading the CLI's modules is not the names' cost
      let tCrafted = Infinity;
      let tRandom = Infinity;
      for (let i = 0; i < 3; i++) {
        tCrafted = Math.min(tCrafted, await run(a));
        tRandom = Math.min(tRandom, await run(b));
      }
      expect(tCrafted / tRandom).toBeLessThan(5);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  }, 120_000);
});
