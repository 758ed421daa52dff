/**
 * A host's regional settings as reading defaults: text cells whose values prove no convention (`04/05/2026`,
 * `1.200`) are read the way the workbook's own region writes them. Excel gives its culture's decimal separator
 * and short date pattern; Sheets gives the spreadsheet's locale (`de_DE`).
 */
import type { DateOrder, Decimal } from "./cells";

export interface Conventions {
  readonly dateOrder: DateOrder;
  readonly decimal: Decimal;
}

/** Languages whose numbers use a decimal comma (their regions mostly write dates day first too). */
const DECIMAL_COMMA = new Set(["de", "fr", "es", "it", "nl", "pt", "ru", "pl", "cs", "sk", "sv", "da", "nb", "no", "nn", "fi", "tr", "el", "hu", "ro", "bg", "hr", "sl", "sr", "uk", "lt", "lv", "et", "id", "vi", "ca", "eu", "gl", "is", "af", "az", "be", "ka", "kk", "mk", "sq", "uz"]);
/** Regions that write the month first (M/D/Y). */
const MONTH_FIRST = new Set(["US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI", "BZ"]);

/** Conventions of a locale tag such as `en_US`, `de-DE`, `fr`, `en_GB`; the US defaults when it says nothing. */
export function conventionsOfLocale(locale: string | null | undefined): Conventions {
  const [lang = "", region = ""] = String(locale ?? "").replace("-", "_").split("_");
  const l = lang.toLowerCase();
  const r = region.toUpperCase();
  if (l === "") return { dateOrder: "mdy", decimal: "." };
  const decimal: Decimal = DECIMAL_COMMA.has(l) || (l === "en" && r === "ZA") ? "," : ".";
  // English without a region, or a month-first region, writes M/D; East Asian locales write Y/M/D (no order question)
  const dateOrder: DateOrder = (l === "en" && (r === "" || MONTH_FIRST.has(r))) || MONTH_FIRST.has(r) || ["ja", "zh", "ko"].includes(l) ? "mdy" : "dmy";
  return { dateOrder, decimal };
}

/** Conventions of Excel's culture: its decimal separator and short date pattern (`M/d/yyyy`, `dd.MM.yyyy`). */
export function conventionsOfCulture(decimalSeparator: string | undefined, shortDatePattern: string | undefined): Conventions {
  const p = (shortDatePattern ?? "").replace(/[^dMy]/g, "");
  const dateOrder: DateOrder = p.indexOf("d") >= 0 && p.indexOf("M") >= 0 && p.indexOf("d") < p.indexOf("M") ? "dmy" : "mdy";
  return { dateOrder, decimal: decimalSeparator === "," ? "," : "." };
}
