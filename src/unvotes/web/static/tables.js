// Sorts a table by a column when its header is pressed: numbers as numbers, words as a reader
// alphabetises them (accents and a leading "The" set aside), empty cells last; pressed again, the
// other way. Without JavaScript a table keeps the order the server gave it.
"use strict";
(function () {
  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  const NUMBER = /^-?\d+(\.\d+)?$/;

  function text(row, index) {
    const cell = row.cells[index];
    return cell ? cell.textContent.trim().replace(/^The /, "") : "";
  }

  function compare(a, b) {
    if (a === "" || b === "") return (a === "") - (b === "");
    if (NUMBER.test(a) && NUMBER.test(b)) return parseFloat(a) - parseFloat(b);
    return collator.compare(a, b);
  }

  function sortBy(table, th, index) {
    const body = table.tBodies[0];
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    const rows = Array.from(body.rows).map(function (row, at) {
      return { row: row, key: text(row, index), at: at };
    });
    rows.sort(function (x, y) {
      const order = compare(x.key, y.key);
      if (x.key === "" || y.key === "") return order || x.at - y.at;
      return (ascending ? order : -order) || x.at - y.at;
    });
    table.querySelectorAll("thead th[aria-sort]").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (item) {
      body.appendChild(item.row);
    });
  }

  function enable(table) {
    if (!table.tHead || !table.tBodies[0] || table.tBodies[0].rows.length < 2) return;
    Array.from(table.tHead.rows[0].cells).forEach(function (th, index) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = "Sort by this column";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(table, th, index);
      });
    });
  }

  document.querySelectorAll("table[data-table]").forEach(enable);
})();
