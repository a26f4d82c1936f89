// The static site's decision browser: filters, sorts and pages the index of every decision
// (decisions/index.json) in the page, with the controls of the server's form. The filters live in
// the address (#from=1977&to=1977&q=korea), so a filtered view is a link to share. Without
// JavaScript the page keeps its lists: the series page by page, and every year's page.
"use strict";
(function () {
  const root = document.getElementById("filters");
  if (!root) return;
  const PAGE = 50;
  const COLUMNS = ["symbol", "date", "body", "kind", "title", "outcome"];
  const NAMES = ["q", "body", "from", "to", "method", "kind", "topic", "series", "sort"];
  const control = (name) => document.getElementById("f-" + name);
  let index = null;
  let page = 1;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function readAddress() {
    const hash = new URLSearchParams(location.hash.slice(1));
    const fresh = !location.hash;
    NAMES.forEach(function (name) {
      const value = hash.get(name) || (fresh && name === "series" ? root.dataset.series : "") || "";
      control(name).value = value;
    });
    if (!control("sort").value) control("sort").value = "date";
    page = Math.max(1, parseInt(hash.get("page") || "1", 10) || 1);
  }

  function writeAddress() {
    const hash = new URLSearchParams();
    NAMES.forEach(function (name) {
      const value = control(name).value.trim();
      if (value && !(name === "sort" && value === "date")) hash.set(name, value);
    });
    if (!hash.has("series")) hash.set("series", "");
    if (page > 1) hash.set("page", String(page));
    history.replaceState(null, "", "#" + hash.toString());
  }

  function year(name) {
    const box = control(name);
    const text = box.value.trim();
    const value = /^[0-9]{4}$/.test(text) ? parseInt(text, 10) : null;
    box.setAttribute("aria-invalid", text && value === null ? "true" : "false");
    return value;
  }

  function matcher() {
    const col = index.at;
    const words = fold(control("q").value).split(/\s+/).filter(Boolean);
    const equal = ["body", "method", "kind"].map(function (name) {
      return [col[{ method: "adoption_method" }[name] || name], control(name).value];
    }).filter((pair) => pair[1]);
    const tags = [["topics", control("topic").value], ["series", control("series").value]].filter((p) => p[1]);
    const low = year("from");
    const high = year("to");
    return function (row) {
      if (low !== null && !(row[col.year] >= low)) return false;
      if (high !== null && !(row[col.year] <= high)) return false;
      if (!equal.every((pair) => row[pair[0]] === pair[1])) return false;
      if (!tags.every((pair) => (row[col[pair[0]]] || "").split(" ").includes(pair[1]))) return false;
      if (!words.length) return true;
      const text = row.searchable || (row.searchable = fold([col.symbol, col.draft_symbol, col.title].map((i) => row[i] || "").join(" ")));
      return words.every((word) => text.includes(word));
    };
  }

  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  // A date as people write it, kept in ISO form for machines: <time datetime="2014-11-18">.
  function plainDate(iso) {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!parts) return iso || "";
    const time = document.createElement("time");
    time.dateTime = iso;
    time.textContent = +parts[3] + " " + MONTHS[+parts[2] - 1] + " " + parts[1];
    return time;
  }

  // The words of a code (ga, without_vote) as the filter's own list of choices writes them.
  function words(name) {
    const found = {};
    Array.from(control(name).options).forEach(function (option) {
      if (option.value) found[option.value] = option.textContent.replace(/ \(\d+\)$/, "");
    });
    return function (code) {
      return code && found[code] ? found[code] : code;
    };
  }

  function cell(tr, column, content) {
    const td = document.createElement("td");
    td.dataset.column = column;
    if (content instanceof Node) td.appendChild(content);
    else td.textContent = content === null || content === undefined ? "" : String(content);
    tr.appendChild(td);
  }

  function result(row, method) {
    const col = index.at;
    const counts = [row[col.yes_count], row[col.no_count], row[col.abstain_count]];
    const tally = counts.every((n) => n !== null) ? " " + counts.join("-") : "";
    return (row[col.outcome] || method(row[col.adoption_method]) || "") + tally;
  }

  function table(rows) {
    const col = index.at;
    const out = document.createElement("table");
    out.dataset.table = "filtered";
    const head = out.createTHead().insertRow();
    ["Symbol", "Date", "Body", "Kind", "Title", "Result"].forEach(function (label, i) {
      const th = document.createElement("th");
      th.scope = "col";
      th.dataset.column = COLUMNS[i];
      th.textContent = label;
      head.appendChild(th);
    });
    const body = words("body");
    const kind = words("kind");
    const method = words("method");
    const rowsOut = out.createTBody();
    rows.forEach(function (row) {
      const tr = rowsOut.insertRow();
      const link = document.createElement("a");
      link.href = root.dataset.decision.replace("ID", row[col.decision_id]);
      link.textContent = row[col.symbol] || "decision " + row[col.decision_id];
      const cells = [link, plainDate(row[col.date]), body(row[col.body]), kind(row[col.kind]), row[col.title], result(row, method)];
      COLUMNS.forEach((name, i) => cell(tr, name, cells[i]));
    });
    return out;
  }

  function pager(pages) {
    const nav = document.createElement("nav");
    nav.className = "pager";
    nav.setAttribute("aria-label", "Pages of the filtered decisions");
    [["← previous", page - 1], ["next →", page + 1]].forEach(function (pair) {
      if (pair[1] < 1 || pair[1] > pages) return;
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = pair[0];
      button.addEventListener("click", function () {
        page = pair[1];
        show();
      });
      nav.appendChild(button);
    });
    return nav;
  }

  function show() {
    const keep = matcher();
    const rows = index.rows.filter(keep);
    if (control("sort").value === "newest") rows.reverse();
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    page = Math.min(page, pages);
    writeAddress();
    const first = (page - 1) * PAGE;
    const shown = rows.slice(first, first + PAGE);
    const matching = rows.length === 1 ? "1 decision matches" : rows.length + " decisions match";
    control("count").textContent = rows.length
      ? matching + "; " + (first + 1) + "–" + (first + shown.length) + " shown (page " + page + " of " + pages + ")."
      : "No decision matches.";
    const target = control("results");
    target.replaceChildren();
    if (!shown.length) return;
    const scroll = document.createElement("div");
    scroll.className = "scroll";
    scroll.appendChild(table(shown));
    if (pages > 1) target.append(pager(pages), scroll, pager(pages));
    else target.append(scroll);
  }

  function start(data) {
    index = { rows: data.rows, at: {} };
    data.columns.forEach((name, i) => (index.at[name] = i));
    const names = new Set();
    data.rows.forEach((row) => (row[index.at.series] || "").split(" ").filter(Boolean).forEach((s) => names.add(s)));
    Array.from(names).sort().forEach(function (name) {
      const option = document.createElement("option");
      option.textContent = name;
      control("series").appendChild(option);
    });
    readAddress();
    document.querySelectorAll("main > .pager, main > dl.facts, #table-decisions, #table-matches").forEach(function (el) {
      el.hidden = true;
    });
    root.hidden = false;
    NAMES.forEach(function (name) {
      control(name).addEventListener(name === "q" || name === "from" || name === "to" ? "input" : "change", function () {
        page = 1;
        show();
      });
    });
    window.addEventListener("hashchange", function () {
      readAddress();
      show();
    });
    show();
  }

  fetch(root.dataset.index)
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.status))))
    .then(start)
    .catch(function (error) {
      console.warn("the index of decisions could not be read; the lists below still reach every decision", error);
    });
})();
