/** The XSELL task pane (shared runtime with the custom functions). */
Office.onReady(() => {
  const status = document.getElementById("status");
  if (status) status.textContent = "XSELL functions are ready: type =XSELL.SCORE(A1:K401) in a cell.";
});
