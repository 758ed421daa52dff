/**
 * The requirement sets both manifests declare are the ones the code needs, read from @types/office-js itself:
 * every member of the Excel surface (excel-addin/excel-surface.ts, the only way the reader, renderer and function
 * helpers reach Excel) is looked up on the real Excel type and its "[Api set: ExcelApi 1.N]" remark collected, as
 * is every Office.js member the task pane and the custom functions touch directly. The highest set used must be
 * the one declared (not lower: Excel would install XSELL where it breaks; not higher: it would refuse hosts that
 * work), except for members the code guards with isSetSupported (notes, ExcelApi 1.18; culture info, 1.11–1.12).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REQUIREMENTS } from "../../excel-addin/manifests";

const ROOT = join(__dirname, "..", "..");
const SOURCES = ["excel-addin/excel-surface.ts", "excel-addin/excel-io.ts", "excel-addin/renderer.ts", "excel-addin/excel-charts.ts", "excel-addin/taskpane/taskpane.ts", "excel-addin/functions/excel-errors.ts", "excel-addin/functions/excel-args.ts", "excel-addin/functions/functions.ts"];

/** Members used only behind an isSetSupported check, with the check that guards them. */
const GUARDED: { member: string; set: string; file: string; check: string }[] = [
  { member: "notes", set: "ExcelApi 1.18", file: "excel-addin/renderer.ts", check: 'isSetSupported("ExcelApi", "1.18")' },
  { member: "cultureInfo", set: "ExcelApi 1.11", file: "excel-addin/taskpane/taskpane.ts", check: 'isSetSupported("ExcelApi", "1.12")' },
  // readCulture's culture.numberFormat / culture.datetimeFormat: reached only through the guarded cultureInfo above
  { member: "culture", set: "ExcelApi 1.12", file: "excel-addin/taskpane/taskpane.ts", check: 'isSetSupported("ExcelApi", "1.12")' },
];
const segments = (where: string): string[] => where.split(/[.()[\]: ]+/);

type Use = { where: string; set: string; version: number[] };

function apiSets(symbol: ts.Symbol): { set: string; version: number[] }[] {
  const text = [...symbol.getJsDocTags().map((t) => ts.displayPartsToString(t.text)), ...(symbol.declarations ?? []).map((d) => d.getFullText())].join("\n");
  const found = new Set([...text.matchAll(/\[Api set: ([A-Za-z]+) (\d+(?:\.\d+)*)/g)].map((m) => `${m[1]} ${m[2]}`));
  return [...found].map((f) => ({ set: f.split(" ")[0], version: f.split(" ")[1].split(".").map(Number) }));
}

function collect(): { uses: Use[]; program: ts.Program } {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram(
    SOURCES.map((f) => join(ROOT, f)),
    config.options,
  );
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  const record = (where: string, symbol: ts.Symbol | undefined) => {
    if (!symbol) return;
    for (const s of apiSets(symbol)) uses.push({ where, ...s });
  };

  // 1. the surface, member by member, against the real types
  const surface = program.getSourceFile(join(ROOT, "excel-addin/excel-surface.ts"))!;
  const realContext = checker.getTypeAtLocation(
    (surface.statements.find((s) => ts.isTypeAliasDeclaration(s) && s.name.text === "RealContextSatisfiesSurface") as ts.TypeAliasDeclaration).type,
  );
  const surfaceContext = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation((surface.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === "ExcelContext") as ts.InterfaceDeclaration).name)!);
  const seen = new Set<ts.Type>();
  /** Surface object types only (interfaces and object literals of excel-surface.ts or picked from office-js). */
  const isSurfaceObject = (t: ts.Type): boolean => {
    if (!(t.flags & ts.TypeFlags.Object) || checker.isArrayType(t)) return false;
    const file = (t.aliasSymbol ?? t.getSymbol())?.declarations?.[0]?.getSourceFile().fileName ?? "";
    return file.endsWith("excel-surface.ts") || /@types\/office-js/.test(file) || /lib\.es5\.d\.ts$/.test(file) === false && t.getProperties().every((p) => (p.declarations?.[0]?.getSourceFile().fileName ?? "").match(/excel-surface\.ts|@types\/office-js/));
  };
  const walk = (mine: ts.Type, real: ts.Type, path: string) => {
    if (seen.has(mine) || !isSurfaceObject(mine)) return;
    seen.add(mine);
    for (const prop of mine.getProperties()) {
      const realProp = real.getProperty(prop.getName());
      const where = `${path}.${prop.getName()}`;
      expect(realProp, `${where} has no counterpart in @types/office-js`).toBeDefined();
      record(where, realProp);
      const mineType = checker.getTypeOfSymbol(prop);
      const realType = checker.getTypeOfSymbol(realProp!);
      const mineSig = mineType.getCallSignatures()[0];
      if (mineSig) {
        const ret = mineSig.getReturnType();
        const realRet = realType.getCallSignatures().map((s) => s.getReturnType()).find((t) => t.getProperties().length > 0);
        if (realRet) walk(ret, realRet, `${where}()`);
      } else if (checker.isArrayType(mineType) && checker.isArrayType(realType)) {
        walk(checker.getTypeArguments(mineType as ts.TypeReference)[0], checker.getTypeArguments(realType as ts.TypeReference)[0], `${where}[]`);
      } else {
        walk(mineType, realType, where);
      }
    }
  };
  walk(surfaceContext, realContext, "ExcelContext");

  // 2. Office.js members the pane and the functions touch directly
  for (const file of SOURCES.slice(1)) {
    const sf = program.getSourceFile(join(ROOT, file))!;
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const decl = symbol?.declarations?.[0]?.getSourceFile().fileName ?? "";
        if (/@types\/(office-js|custom-functions-runtime)/.test(decl)) record(`${file}: ${node.getText()}`, symbol);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { uses, program };
}

const cmp = (a: number[], b: number[]): number => (a[0] - b[0]) * 1000 + ((a[1] ?? 0) - (b[1] ?? 0));

describe("requirement sets", () => {
  const { uses } = collect();
  const declared = new Map(REQUIREMENTS.map((r) => [r.name, r.minVersion.split(".").map(Number)]));

  it("finds the APIs the code uses in @types/office-js (the scan is not empty)", () => {
    expect(uses.length).toBeGreaterThan(40);
    expect(uses.find((u) => u.where.endsWith(".autoFilter.apply"))?.version).toEqual([1, 9]);
    expect(uses.find((u) => u.where.endsWith("getRangeByIndexes"))?.version).toEqual([1, 7]);
    expect(uses.find((u) => u.where.endsWith(".functions.date"))?.version).toEqual([1, 2]);
    expect(uses.some((u) => u.set === "CustomFunctionsRuntime" && u.where.includes("ErrorCode"))).toBe(true);
  });

  it("declares, for each set used, exactly the highest version used outside an isSetSupported guard", () => {
    const guarded = (u: Use) => GUARDED.some((g) => segments(u.where).includes(g.member));
    const highest = new Map<string, Use>();
    for (const u of uses) {
      if (guarded(u)) continue;
      const h = highest.get(u.set);
      if (!h || cmp(u.version, h.version) > 0) highest.set(u.set, u);
    }
    for (const [set, u] of highest) {
      if (set === "CustomFunctionsRuntime" || set === "ExcelApi") {
        expect(declared.get(set), `${set} is used (${u.where}) but not declared`).toBeDefined();
        expect(u.version.join("."), `${set}: highest use ${u.where}`).toBe(declared.get(set)!.join("."));
      }
    }
    // parameterAddresses (CustomFunctionsRuntime 1.3) is read through Excel's invocation object
    expect(readFileSync(join(ROOT, "excel-addin/functions/excel-args.ts"), "utf8")).toContain("parameterAddresses");
    expect(declared.get("SharedRuntime")).toEqual([1, 1]);
  });

  it("guards each member above the declared set with isSetSupported", () => {
    for (const g of GUARDED) {
      const used = uses.filter((u) => segments(u.where).includes(g.member));
      expect(used.length, g.member).toBeGreaterThan(0);
      expect(used.map((u) => `${u.set} ${u.version.join(".")}`)).toContain(g.set);
      expect(readFileSync(join(ROOT, g.file), "utf8")).toContain(g.check);
    }
  });
});
