/** Rewrites the README's generated function table from core/catalog.ts. Run: `npm run docs`. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { functionTableMarkdown } from "../core/catalog";

const path = join(__dirname, "..", "README.md");
const readme = readFileSync(path, "utf8");
const start = "<!-- functions:start -->";
const end = "<!-- functions:end -->";
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < 0) throw new Error("README.md has no functions:start/end markers");
writeFileSync(path, `${readme.slice(0, a + start.length)}\n${functionTableMarkdown()}\n${readme.slice(b)}`);
console.log("README.md function table updated");
