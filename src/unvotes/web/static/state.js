// The static site's comparison of a state with any other: the page's table of every state by
// agreement holds each pair's figure; picking a state shows its line, marks its row and links to
// its page. Without JavaScript the table itself is the answer.
"use strict";
(function () {
  const picker = document.getElementById("compare-picker");
  const table = document.querySelector("#table-agreement_ranking table");
  if (!picker || !table) return;
  const choice = document.getElementById("compare-with");
  const answer = document.getElementById("compare-answer");
  const column = {};
  table.querySelectorAll("thead th").forEach((th, i) => (column[th.dataset.column] = i));

  function rowOf(code) {
    return Array.from(table.tBodies[0].rows).find((row) => row.cells[column.country_code].textContent.trim() === code);
  }

  function show() {
    table.querySelectorAll("tr.picked").forEach((row) => row.classList.remove("picked"));
    answer.replaceChildren();
    const code = choice.value;
    history.replaceState(null, "", code ? "#with=" + code : location.pathname);
    if (!code) return;
    const name = choice.options[choice.selectedIndex].textContent;
    const link = document.createElement("a");
    link.href = picker.dataset.country.replace("CODE", code);
    link.textContent = name;
    const row = rowOf(code);
    if (!row) {
      answer.append("No recorded vote of the series in common with ", link, ".");
      return;
    }
    const agreement = row.cells[column.agreement].textContent.trim();
    const common = row.cells[column.common_votes].textContent.trim();
    answer.append("Agreement with ", link, ": " + agreement + " over " + common + " recorded votes in common.");
    row.classList.add("picked");
    const fold = row.closest("details");
    if (fold) fold.open = true;
  }

  picker.hidden = false;
  choice.addEventListener("change", show);
  const asked = new URLSearchParams(location.hash.slice(1)).get("with");
  if (asked && Array.from(choice.options).some((o) => o.value === asked)) {
    choice.value = asked;
    show();
  }
})();
