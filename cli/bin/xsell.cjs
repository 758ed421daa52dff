#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npm install` is the only set-up step.
const { flags } = require("./node-flags.json");

// V8 sizes its heap when Node starts, so the flags cannot be set from inside: Node is started again with them
// (unless they were given), signals are passed on to it, and its exit is this process's exit.
const missing = flags.filter((f) => {
  const name = f.split("=")[0];
  return !process.execArgv.some((a) => a.split("=")[0] === name) && !(process.env.NODE_OPTIONS ?? "").includes(name);
});
if (missing.length > 0) {
  const { spawn } = require("node:child_process");
  const child = spawn(process.execPath, [...process.execArgv, ...missing, __filename, ...process.argv.slice(2)], { stdio: "inherit" });
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  const pass = (signal) => child.kill(signal);
  for (const s of signals) process.on(s, pass);
  child.on("error", (e) => {
    process.stderr.write(`xsell: cannot start Node: ${e.message}\n`);
    process.exitCode = 1;
  });
  child.on("exit", (code, signal) => {
    for (const s of signals) process.off(s, pass);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
} else {
  require("tsx/cjs");
  const { main } = require("../main.ts");
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
