// Draws every chart of the page with Vega-Embed (specs are in <script type="application/json">
// blocks), and wires its PNG and SVG export buttons. Expressions run on the Vega interpreter, so
// the page needs no 'unsafe-eval' in its Content-Security-Policy.
"use strict";
(function () {
  const views = {};
  window.unvotesCharts = views;

  function save(url, name) {
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // Vega-Lite cannot size concatenated views to their container: give each the room left
  // beside the axis labels (usermeta.labelRoom, set by the server).
  function fitConcat(spec, target) {
    const room = spec.usermeta && spec.usermeta.labelRoom;
    if (!room || !spec.vconcat) return;
    const width = Math.max(240, target.clientWidth - room);
    spec.vconcat.forEach(function (view) {
      if (view.width === "container") view.width = width;
    });
  }

  async function draw(figure) {
    const target = figure.querySelector(".chart-canvas");
    try {
      if (typeof vegaEmbed !== "function" || typeof vegaInterpreter !== "object") {
        throw new Error("the chart libraries are not installed");
      }
      const spec = JSON.parse(document.getElementById(figure.dataset.spec).textContent);
      target.textContent = "";
      fitConcat(spec, target);
      const result = await vegaEmbed(target, spec, {
        renderer: "svg",
        actions: false,
        ast: true,
        expr: vegaInterpreter.expressionInterpreter,
        defaultStyle: false,
        tooltip: { disableDefaultStyle: true },
      });
      views[figure.id] = result.view;
      figure.querySelectorAll("button[data-export]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", async function () {
          const format = button.dataset.export;
          const url = await result.view.toImageURL(format, format === "png" ? 2 : 1);
          save(url, figure.dataset.name + "." + format);
        });
      });
      figure.dataset.state = "ready";
    } catch (error) {
      target.textContent = "The chart could not be drawn (" + error.message + "); the tables hold the same data.";
      figure.dataset.state = "failed";
    }
  }

  document.querySelectorAll("figure.chart[data-spec]").forEach(draw);
})();
