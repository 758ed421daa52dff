#!/usr/bin/env node
/**
 * Runs one `xsell report` (or, with --floor, one pass over CSV files) in this process and prints, as the last line
 * of stdout, JSON with its wall time since the process started, its CPU time and its peak resident memory, so a
 * parent can measure a run as a user's shell would see it. Usage: node bench/report-child.cjs [--floor] <args…>
 */
const { closeSync, openSync, readSync } = require("node:fs");

function report(code) {
  const ru = process.resourceUsage();
  const figures = { code, ms: performance.now(), cpuMs: (ru.userCPUTime + ru.systemCPUTime) / 1000, maxRssMb: ru.maxRSS / 1024 };
  process.stdout.write(`\n${JSON.stringify(figures)}\n`);
  process.exitCode = code;
}

/** The floor: every byte of the files read, decoded as UTF-8 and scanned once for line ends. */
function floor(paths) {
  let lines = 0;
  const buf = Buffer.alloc(8 * 2 ** 20);
  for (const path of paths) {
    const fd = openSync(path, "r");
    const decoder = new TextDecoder("utf-8");
    let n;
    while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) {
      const text = decoder.decode(buf.subarray(0, n), { stream: true });
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
    }
    closeSync(fd);
  }
  return lines;
}

const args = process.argv.slice(2);
if (args[0] === "--floor") {
  floor(args.slice(1));
  report(0);
} else {
  require("tsx/cjs");
  const { main } = require("../cli/main.ts");
  main(args).then(report);
}
