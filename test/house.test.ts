/**
 * House rules the compiler does not check: no export that nothing names, no module imported twice by one file,
 * no tab built on another tab, no test that needs the benchmarks. Each reads the sources as they are checked in.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
const tracked = (...patterns: string[]): string[] => execFileSync("git", ["ls-files", ...patterns], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
const text = (f: string): string => readFileSync(join(ROOT, f), "utf8");
const SOURCES = tracked("core/*.ts", "ui/*.ts", "cli/*.ts", "excel-addin/*.ts", "sheets-addon/*.ts", "scripts/*.ts", "examples/*.ts", "bench/*.ts");
/** Generated files are written whole by scripts; their exports are the hosts' entry points. */
const GENERATED = new Set(["excel-addin/functions/functions.ts"]);

const parse = (f: string): ts.SourceFile => ts.createSourceFile(f, text(f), ts.ScriptTarget.Latest, true);
const imports = (src: ts.SourceFile): string[] => src.statements.filter(ts.isImportDeclaration).map((d) => (d.moduleSpecifier as ts.StringLiteral).text);

/** Names a file exports as values (functions, classes, constants), not types. */
function exportedValues(src: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const n of src.statements) {
    const exported = ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(n)) for (const d of n.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name) names.push(n.name.text);
  }
  return names;
}

describe("the house", () => {
  it("exports no value that nothing names, not even its own file", () => {
    const everything = tracked("*.ts", "*.js", "*.cjs", "*.mts", "*.html").map((f) => [f, text(f)] as const);
    const dead: string[] = [];
    for (const f of SOURCES.filter((x) => !GENERATED.has(x))) {
      for (const name of exportedValues(parse(f))) {
        const word = new RegExp(`(^|[^\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
        const uses = everything.reduce((n, [g, t]) => n + (t.match(word)?.length ?? 0) - (g === f ? 1 : 0), 0);
        if (uses === 0) dead.push(`${f}: ${name}`);
      }
    }
    expect(dead).toEqual([]);
  });

  it("imports each module once per file", () => {
    for (const f of [...SOURCES, ...tracked("test/*.ts")]) {
      const seen = imports(parse(f)).filter((m, i, all) => all.indexOf(m) !== i);
      expect(seen, f).toEqual([]);
    }
  });

  it("builds no tab on another tab: a tab's builder imports no other tab's module", () => {
    const tabFiles = [...text("core/tabs/builders.ts").matchAll(/from "\.\/(\w[\w-]*)"/g)].map((m) => m[1]).filter((m) => m !== "inputs" && m !== "kinds" && m !== "spec");
    expect(tabFiles.length).toBeGreaterThanOrEqual(6);
    for (const tab of tabFiles) {
      const siblings = imports(parse(`core/tabs/${tab}.ts`)).filter((m) => tabFiles.some((t) => m === `./${t}`));
      expect(siblings, tab).toEqual([]);
    }
  });

  it("describes every folder of the tree in the README's layout table, and no folder that is not there", () => {
    const readme = text("README.md");
    const table = readme.slice(readme.indexOf("| folder | what it holds | entry |"));
    const rows = table.slice(0, table.indexOf("\n\n")).split("\n").slice(2);
    const listed = rows.map((r) => /^\| `([^`]+)\/`/.exec(r)?.[1]).filter(Boolean).sort();
    const files = tracked();
    const folders = [...new Set(files.filter((f) => f.includes("/")).map((f) => f.split("/")[0]))].sort();
    expect(listed).toEqual(folders);
    // each folder of core/ and test/ is named in its row
    for (const top of ["core", "test"]) {
      const row = rows.find((r) => r.startsWith(`| \`${top}/\``))!;
      const subs = [...new Set(files.filter((f) => f.startsWith(`${top}/`) && f.split("/").length > 2).map((f) => f.split("/")[1]))];
      for (const sub of subs) expect(row, `${top}/${sub}`).toContain(`\`${sub}/\``);
    }
  });

  it("keeps the tests free of the benchmarks (shared generators live in examples/)", () => {
    for (const f of tracked("test/*.ts")) expect(imports(parse(f)).filter((m) => /(^|\/)bench\//.test(m)), f).toEqual([]);
  });
});
