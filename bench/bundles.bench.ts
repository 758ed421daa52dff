/** Sizes of the shipped bundles (built by `npm run build`), against the targets in the README. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface SizeResult {
  bundle: string;
  bytes: number;
  gzip: number;
  target: string;
  ok: boolean | null;
}

const DIST = join(process.cwd(), "dist");

export function bundleSizes(): SizeResult[] {
  const entries: [string, number | null][] = [
    ["excel/functions.js", 160 * 1024],
    ["excel/taskpane.js", null],
    ["excel/taskpane.html", null],
    ["sheets/xsell.js", 240 * 1024],
    ["sheets/sidebar.html", null],
  ];
  return entries
    .filter(([file]) => existsSync(join(DIST, file)))
    .map(([file, target]) => {
      const bytes = statSync(join(DIST, file)).size;
      return {
        bundle: file,
        bytes,
        gzip: gzipSync(readFileSync(join(DIST, file))).length,
        target: target === null ? "" : `< ${target / 1024} KB`,
        ok: target === null ? null : bytes < target,
      };
    });
}

export function formatSizes(sizes: SizeResult[]): string {
  if (sizes.length === 0) return "bundle sizes: dist/ is missing; run `npm run build` first";
  const rows = sizes.map((s) => `| ${s.bundle} | ${(s.bytes / 1024).toFixed(1)} KB | ${(s.gzip / 1024).toFixed(1)} KB | ${s.target} ${s.ok === null ? "" : s.ok ? "✓" : "✗ over target"} |`);
  return ["| bundle (minified) | size | gzip | target |", "|---|---|---|---|", ...rows].join("\n");
}
