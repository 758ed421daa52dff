/**
 * Page headers and footers in Excel's header codes (&L left, &C centre, &R right, &P page, &N pages), shared by
 * the xlsx writer and the Excel renderer so both files print alike. A literal "&" in a title is written "&&".
 */
import type { PrintSetup } from "./spec";

const literal = (text: string): string => text.replace(/&/g, "&&");

export interface PageHeaderFooter {
  /** The tab's title, bold. */
  readonly leftHeader: string;
  /** "As of 2026-11-01", or empty. */
  readonly rightHeader: string;
  /** "Page 2 of 5". */
  readonly centerFooter: string;
}

export function pageHeaderFooter(print: PrintSetup): PageHeaderFooter {
  return {
    leftHeader: `&"-,Bold"${literal(print.title)}`,
    rightHeader: print.asOf ? `As of ${literal(print.asOf)}` : "",
    centerFooter: "Page &P of &N",
  };
}

/** The same header as one OOXML oddHeader string (the xlsx writer's form). */
export function oddHeader(print: PrintSetup): string {
  const h = pageHeaderFooter(print);
  return `&L${h.leftHeader}${h.rightHeader ? `&R${h.rightHeader}` : ""}`;
}

export function oddFooter(print: PrintSetup): string {
  return `&C${pageHeaderFooter(print).centerFooter}`;
}

/** "1:1" → the rows to repeat as Excel addresses them ("$1:$1"), or null when none. */
export function printTitleRows(print: PrintSetup): string | null {
  return print.repeatRows > 0 ? `$1:$${print.repeatRows}` : null;
}
