#!/usr/bin/env node
/**
 * Bundles bench/index.ts with esbuild (scope-hoisted, as the shipped bundles are) and runs it, so figures reflect
 * production code rather than a per-module loader. Usage: node bench/run.cjs [name ...]
 */
const { buildSync } = require("esbuild");
const { join } = require("node:path");
const { mkdirSync } = require("node:fs");
const { spawnSync } = require("node:child_process");

const outDir = join(__dirname, "..", "out", "bench");
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, "bench.cjs");
buildSync({ entryPoints: [join(__dirname, "index.ts")], bundle: true, platform: "node", format: "cjs", target: "node20", outfile, logLevel: "warning", external: ["exceljs", "playwright-core"] });
const res = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", outfile, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(res.status ?? 1);
