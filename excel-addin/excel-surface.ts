/**
 * The part of the Excel JavaScript API that XSELL's reader, renderer and custom-function helpers use, as types.
 * Production code is written against these interfaces; `Excel.RequestContext` is checked below to satisfy them
 * (so nothing here can drift from @types/office-js), and test/fakes/excel-host.ts implements them (so the fake
 * cannot offer a member, a parameter or a property type that Office.js does not have). Members are `Pick`ed from
 * the real types wherever the type itself carries no Excel class.
 */

export interface ExcelFunctionResult<T> extends Pick<Excel.FunctionResult<T>, "value" | "error"> {
  load(propertyNames?: string | string[]): ExcelFunctionResult<T>;
}

export interface ExcelRangeFormat extends Pick<Excel.RangeFormat, "wrapText" | "horizontalAlignment" | "verticalAlignment" | "columnWidth" | "rowHeight"> {
  readonly font: Pick<Excel.RangeFont, "bold" | "italic" | "color" | "size">;
  readonly fill: Pick<Excel.RangeFill, "color">;
}

export interface ExcelConditionalFormat {
  readonly colorScale: Pick<Excel.ColorScaleConditionalFormat, "criteria">;
  readonly cellValue: {
    readonly format: { readonly fill: Pick<Excel.ConditionalRangeFill, "color">; readonly font: Pick<Excel.ConditionalRangeFont, "color"> };
    rule: Excel.ConditionalCellValueRule;
  };
}

export interface ExcelRange extends Pick<Excel.Range, "rowIndex" | "columnIndex" | "rowCount" | "columnCount" | "address" | "values" | "valueTypes" | "formulas" | "numberFormat" | "isNullObject"> {
  load(propertyNames?: string | string[]): ExcelRange;
  readonly worksheet: ExcelWorksheet;
  readonly format: ExcelRangeFormat;
  readonly conditionalFormats: { add(type: "ColorScale" | "CellValue"): ExcelConditionalFormat };
}

/** A chart series: values and x values bound to ranges (ExcelApi 1.7); its name is text (Office.js cannot bind it). */
export interface ExcelChartSeries extends Pick<Excel.ChartSeries, "name"> {
  setValues(sourceData: ExcelRange): void;
  setXAxisValues(sourceData: ExcelRange): void;
  readonly format: { readonly fill: { setSolidColor(color: string): void; clear(): void }; readonly line: Pick<Excel.ChartLineFormat, "color"> };
}

export interface ExcelChartAxis extends Pick<Excel.ChartAxis, "numberFormat" | "reversePlotOrder" | "position" | "minimum"> {
  readonly title: Pick<Excel.ChartAxisTitle, "text">;
}

export interface ExcelChart extends Pick<Excel.Chart, "name" | "width" | "height"> {
  readonly title: Pick<Excel.ChartTitle, "text">;
  readonly series: { add(name?: string, index?: number): ExcelChartSeries; getItemAt(index: number): ExcelChartSeries };
  readonly axes: { readonly valueAxis: ExcelChartAxis; readonly categoryAxis: ExcelChartAxis };
  readonly legend: Pick<Excel.ChartLegend, "visible" | "position">;
  setPosition(startCell: ExcelRange | string, endCell?: ExcelRange | string): void;
}

/** The chart types XSELL draws (a bridge is stacked columns on an invisible base). */
export type ExcelChartType = "ColumnClustered" | "ColumnStacked" | "BarClustered" | "LineMarkers" | "XYScatterLinesNoMarkers";

export interface ExcelWorksheet extends Pick<Excel.Worksheet, "name" | "activate"> {
  readonly charts: { add(type: ExcelChartType, sourceData: ExcelRange, seriesBy?: "Auto" | "Columns" | "Rows"): ExcelChart };
  load(propertyNames?: string | string[]): ExcelWorksheet;
  getRange(address?: string): ExcelRange;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): ExcelRange;
  getUsedRange(valuesOnly?: boolean): ExcelRange;
  readonly freezePanes: { freezeAt(frozenRange: string): void; freezeRows(count?: number): void; freezeColumns(count?: number): void };
  readonly autoFilter: { apply(range: string): void };
  readonly notes: { add(cellAddress: string, content: string): unknown };
  readonly pageLayout: ExcelPageLayout;
}

/** Print setup (ExcelApi 1.9, the manifest's minimum). */
export interface ExcelPageLayout extends Pick<Excel.PageLayout, "orientation" | "printGridlines" | "zoom" | "centerHorizontally"> {
  setPrintArea(printArea: string): void;
  setPrintTitleRows(printTitleRows: string): void;
  readonly headersFooters: { readonly defaultForAllPages: Pick<Excel.HeaderFooter, "leftHeader" | "rightHeader" | "centerFooter"> };
}

export interface ExcelWorksheetCollection {
  load(propertyNames?: string | string[]): ExcelWorksheetCollection;
  readonly items: ExcelWorksheet[];
  add(name?: string): ExcelWorksheet;
  getItem(key: string): ExcelWorksheet;
  getActiveWorksheet(): ExcelWorksheet;
}

/** The workbook's regional settings (ExcelApi 1.11/1.12: read only where isSetSupported says so). */
export interface ExcelCultureInfo {
  readonly numberFormat: Pick<Excel.NumberFormatInfo, "numberDecimalSeparator"> & { load(propertyNames?: string | string[]): unknown };
  readonly datetimeFormat: Pick<Excel.DatetimeFormatInfo, "shortDatePattern"> & { load(propertyNames?: string | string[]): unknown };
}

export interface ExcelContext {
  readonly application: { readonly cultureInfo: ExcelCultureInfo };
  readonly workbook: {
    readonly worksheets: ExcelWorksheetCollection;
    getSelectedRange(): ExcelRange;
    readonly functions: { date(year: number, month: number, day: number): ExcelFunctionResult<number> };
  };
  sync(): Promise<void>;
}

/** Compile-time proof that the real API satisfies the surface: tsc fails here if @types/office-js disagrees. */
type Satisfies<T extends U, U> = T;
export type RealContextSatisfiesSurface = Satisfies<Excel.RequestContext, ExcelContext>;
