#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npm install` is the only set-up step.
require("tsx/cjs");
const { main } = require("../main.ts");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
