/**
 * Cell styles for the streaming xlsx writer: the spec's formats (number format, font, fill, alignment) folded per
 * cell into one style record, each distinct record written once to styles.xml and referred to by index.
 */
import type { Format } from "../core/tabs/spec";
import { escapeXml } from "./xlsx-xml";

/** What one cell's style says; formats applied later override earlier ones, attribute by attribute. */
export interface CellStyle {
  numFmt?: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  fill?: string;
  wrap?: boolean;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "center" | "bottom";
}

/** Folds a spec format into a style (ExcelJS's order: number format set, font merged, fill set, alignment merged). */
export function applyFormat(style: CellStyle, f: Format): CellStyle {
  const s = { ...style };
  if (f.numberFormat) s.numFmt = f.numberFormat;
  if (f.bold !== undefined) s.bold = f.bold;
  if (f.italic !== undefined) s.italic = f.italic;
  if (f.fontColor) s.color = f.fontColor;
  if (f.fontSize) s.size = f.fontSize;
  if (f.fill) s.fill = f.fill;
  if (f.wrap !== undefined) s.wrap = f.wrap;
  if (f.horizontalAlignment) s.horizontal = f.horizontalAlignment.toLowerCase() as CellStyle["horizontal"];
  if (f.verticalAlignment) s.vertical = f.verticalAlignment.toLowerCase() as CellStyle["vertical"];
  return s;
}

const argb = (hex: string): string => `FF${hex.replace("#", "").toUpperCase()}`;

/** Excel's built-in number formats that need no <numFmt> entry. */
const BUILT_IN: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10 };

/** A differential style for a conditional format's expression rule (fill and font colour). */
export interface Dxf {
  fill: string;
  fontColor: string;
}

export class StyleRegistry {
  private readonly xfs = new Map<string, number>();
  private readonly xfList: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly fonts = new Map<string, number>([['<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>', 0]]);
  private readonly fills = new Map<string, number>([['<fill><patternFill patternType="none"/></fill>', 0], ['<fill><patternFill patternType="gray125"/></fill>', 1]]);
  private readonly numFmts = new Map<string, number>();
  private readonly dxfs: string[] = [];

  constructor() {
    this.xfs.set("{}", 0);
  }

  /** The cellXfs index of a style (0: the default). */
  id(style: CellStyle): number {
    const key = JSON.stringify(style);
    const hit = this.xfs.get(key);
    if (hit !== undefined) return hit;
    const numFmtId = style.numFmt === undefined ? 0 : this.numFmtId(style.numFmt);
    const fontId = this.fontId(style);
    const fillId = style.fill ? this.intern(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${argb(style.fill)}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const align = style.wrap !== undefined || style.horizontal || style.vertical ? `<alignment${style.horizontal ? ` horizontal="${style.horizontal}"` : ""}${style.vertical ? ` vertical="${style.vertical}"` : ""}${style.wrap ? ' wrapText="1"' : ""}/>` : "";
    const attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}${align ? ' applyAlignment="1"' : ""}`;
    const id = this.xfList.length;
    this.xfList.push(align ? `<xf ${attrs}>${align}</xf>` : `<xf ${attrs}/>`);
    this.xfs.set(key, id);
    return id;
  }

  /** A differential style's index (for conditional formats). */
  dxf(d: Dxf): number {
    this.dxfs.push(`<dxf><font><color rgb="${argb(d.fontColor)}"/></font><fill><patternFill patternType="solid"><bgColor rgb="${argb(d.fill)}"/></patternFill></fill></dxf>`);
    return this.dxfs.length - 1;
  }

  private intern(map: Map<string, number>, xml: string): number {
    let id = map.get(xml);
    if (id === undefined) {
      id = map.size;
      map.set(xml, id);
    }
    return id;
  }

  private numFmtId(code: string): number {
    if (code in BUILT_IN) return BUILT_IN[code];
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  private fontId(s: CellStyle): number {
    if (!s.bold && !s.italic && !s.color && !s.size) return 0;
    const xml = `<font>${s.bold ? "<b/>" : ""}${s.italic ? "<i/>" : ""}<sz val="${s.size ?? 11}"/>${s.color ? `<color rgb="${argb(s.color)}"/>` : '<color theme="1"/>'}<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
    return this.intern(this.fonts, xml);
  }

  xml(): string {
    const list = (tag: string, items: Iterable<string>, extra = ""): string => {
      const xs = [...items];
      return `<${tag} count="${xs.length}"${extra}>${xs.join("")}</${tag}>`;
    };
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? list("numFmts", numFmts) : "") +
      list("fonts", this.fonts.keys()) +
      list("fills", this.fills.keys()) +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.xfList) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      list("dxfs", this.dxfs) +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
    );
  }
}

/**
 * Each cell's style from the formats covering it. Formats cover rectangles, so rows fall into runs covered by the
 * same formats; the styles of a run's columns are worked out once and shared by every row in it.
 */
export class FormatSegments {
  private readonly starts: number[];
  private readonly cache = new Map<string, number[] | null>();
  private segment = -1;
  private current: number[] | null = null;

  constructor(private readonly formats: readonly Format[], private readonly bounds: { row: number; col: number; rows: number; cols: number }[], private readonly cols: number, private readonly registry: StyleRegistry) {
    const edges = new Set<number>([0]);
    for (const b of bounds) {
      edges.add(b.row);
      edges.add(b.row + b.rows);
    }
    this.starts = [...edges].sort((a, b) => a - b);
  }

  /** Style ids per column for row `r` (null: all default); rows must be asked in increasing order. */
  at(r: number): number[] | null {
    if (this.segment + 1 < this.starts.length && r >= this.starts[this.segment + 1]) {
      while (this.segment + 1 < this.starts.length && r >= this.starts[this.segment + 1]) this.segment++;
      const covering: number[] = [];
      this.bounds.forEach((b, i) => {
        if (r >= b.row && r < b.row + b.rows) covering.push(i);
      });
      const key = covering.join(",");
      let ids = this.cache.get(key);
      if (ids === undefined) {
        ids = covering.length ? this.styleIds(covering) : null;
        this.cache.set(key, ids);
      }
      this.current = ids;
    }
    return this.current;
  }

  private styleIds(covering: number[]): number[] {
    const ids = new Array<number>(this.cols).fill(0);
    for (let c = 0; c < this.cols; c++) {
      let style: CellStyle = {};
      let any = false;
      for (const i of covering) {
        const b = this.bounds[i];
        if (c >= b.col && c < b.col + b.cols) {
          style = applyFormat(style, this.formats[i]);
          any = true;
        }
      }
      if (any) ids[c] = this.registry.id(style);
    }
    return ids;
  }
}
