// Top-level functions Apps Script can call: triggers, menu items and the sidebar's google.script.run targets.
// Each delegates to the bundled XSELL core (dist/sheets/xsell.js), defined above this text.
/* global XSELL */

/** @param {GoogleAppsScript.Events.SheetsOnOpen} e */
function onOpen(e) {
  XSELL.onOpen(e);
}

/** @param {GoogleAppsScript.Events.AddonOnInstall} e */
function onInstall(e) {
  XSELL.onInstall(e);
}

function xsellShowSidebar() {
  XSELL.showSidebar();
}

/** Sidebar: the active sheet's headers, the detected column mapping and the sheets to choose from. */
function xsellSidebarState() {
  return XSELL.sidebarState();
}

/** Sidebar: how each column of the active sheet is read under the mapping being edited. */
function xsellColumnReport(mapping) {
  return XSELL.columnReport(mapping);
}

/** Sidebar: builds one tab ({tab, mapping, ownership, prices, retention, asOf}); returns its name and size. */
function xsellBuildTab(request) {
  return XSELL.buildTabFromRequest(request);
}

/** Menu: writes today's date (in the spreadsheet's time zone) into the XSELL_AS_OF cell that formulas pass as as_of. */
function xsellSetAsOfToday() {
  XSELL.setAsOfTodayFromMenu();
}
