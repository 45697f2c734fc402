/* Interactive charts, drawn over the static SVG each chart page already shows.
 *
 * Each <figure class="npf-chart"> holds a static image (.npf-chart__static), a button
 * (.npf-chart__explore, hidden until this script shows it) and its Vega-Lite spec with
 * the data inline (<script type="application/json" class="vega-spec">). Vega (vega.js,
 * 900 KB, served by the site beside this script) is not loaded with the page: a reader
 * who presses a chart's button loads it (a <script> element, so it works from file://
 * too), and that chart is drawn with Vega at the width of the page, with tooltips; the
 * static image is hidden only once that has worked, and focus moves to the drawn chart.
 * If anything fails, the static image stays. (A page that loads vega.js itself has
 * every chart drawn at once.) Nothing is fetched by Vega: its loader refuses every
 * request, so the chart works offline, from file:// and in a web archive.
 *
 * Keyboard: the chart is one tab stop; arrow keys (and Home/End) step through the
 * figures and read each one out below the chart (an aria-live region).
 *
 * Maps: a map's spec names its geography (usermeta.boundaries) and leaves the shapes
 * out of its TopoJSON data; they come from the site's own boundaries/<type>.js beside
 * this script (loaded with the map, by a <script> element, so from file:// too), which
 * files them in window.npfBoundaries.
 */
(function () {
  "use strict";

  var LOG_ERRORS_ONLY = 1; // vega.Error

  // vega.js sits beside this script (assets/javascripts/), however deep the page is.
  var HERE = (function () {
    var me = document.currentScript;
    return me && me.src ? me.src.replace(/charts\.js(?:[?#].*)?$/, "") : "";
  })();
  var BUNDLE = HERE ? HERE + "vega.js" : "";
  var loading = null;
  var shapesLoading = {};

  // A script of the site's, loaded once: resolves when ready() holds after it ran.
  function loadScript(src, ready, what) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = function () {
        if (ready()) resolve();
        else reject(new Error("charts.js: " + what + " did not load as expected"));
      };
      script.onerror = function () {
        reject(new Error("charts.js: " + what + " did not load"));
      };
      document.head.appendChild(script);
    });
  }

  function loadVega() {
    if (typeof window.vegaEmbed === "function") return Promise.resolve();
    if (!loading) {
      loading = loadScript(BUNDLE, function () {
        return typeof window.vegaEmbed === "function";
      }, "vega.js").catch(function (error) {
        loading = null; // let the reader try again
        throw error;
      });
    }
    return loading;
  }

  function shapes() {
    window.npfBoundaries = window.npfBoundaries || {};
    return window.npfBoundaries;
  }

  // The geography a map's spec names, or null for other charts.
  function geographyOf(figure) {
    var script = figure.querySelector("script.vega-spec");
    try {
      var spec = JSON.parse(script.textContent);
      return (spec.usermeta && spec.usermeta.boundaries) || null;
    } catch (error) {
      return null;
    }
  }

  function loadShapes(name) {
    if (!name || shapes()[name]) return Promise.resolve();
    if (!shapesLoading[name]) {
      var src = HERE + "boundaries/" + encodeURIComponent(name) + ".js";
      shapesLoading[name] = loadScript(src, function () {
        return Boolean(shapes()[name]);
      }, "the boundaries of " + name).catch(function (error) {
        shapesLoading[name] = null;
        throw error;
      });
    }
    return shapesLoading[name];
  }

  // Each TopoJSON data source of the spec without values gets the shapes.
  function fillShapes(node, topology) {
    if (Array.isArray(node)) {
      node.forEach(function (item) { fillShapes(item, topology); });
    } else if (node && typeof node === "object") {
      if (node.format && node.format.type === "topojson" && !("values" in node)) {
        node.values = topology;
      }
      Object.keys(node).forEach(function (key) {
        if (key !== "values") fillShapes(node[key], topology);
      });
    }
  }

  function refuse() {
    return Promise.reject(new Error("charts.js: charts load no data from elsewhere"));
  }

  // vega-embed takes any object with a "load" method as the loader.
  function offlineLoader() {
    return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
  }

  // One figure read out: its names (series, group, period) each in a <bdi>, so that a
  // right-to-left name cannot reorder the rest of the sentence, then the figure.
  function readOut(readout, row, position) {
    readout.textContent = "";
    var names = [row.series, row.label, row.period].filter(function (name) {
      return name !== undefined;
    });
    names.forEach(function (name, i) {
      if (i) readout.appendChild(document.createTextNode(", "));
      var isolated = document.createElement("bdi");
      isolated.textContent = name;
      readout.appendChild(isolated);
    });
    readout.appendChild(document.createTextNode(": " + row.figure + " (" + position + ")"));
  }

  function accessibleName(fallback) {
    // a chart drawn only in the browser (choice.js) names itself on its placeholder
    if (fallback.hasAttribute("data-name")) return fallback.getAttribute("data-name");
    var img = fallback.querySelector("img[alt]");
    if (img) return img.getAttribute("alt");
    var svg = fallback.querySelector("svg[aria-label]");
    return svg ? svg.getAttribute("aria-label") : "Chart";
  }

  function keyboard(figure, host, rows) {
    var readout = document.createElement("p");
    readout.className = "npf-chart__readout";
    readout.setAttribute("aria-live", "polite");
    host.parentNode.insertBefore(readout, host.nextSibling);
    var index = -1;
    host.addEventListener("keydown", function (event) {
      if (!rows.length) return;
      var next = index;
      if (event.key === "ArrowRight" || event.key === "ArrowDown") next = index + 1;
      else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = index - 1;
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = rows.length - 1;
      else if (event.key === "Escape") { readout.textContent = ""; index = -1; return; }
      else return;
      event.preventDefault();
      index = Math.max(0, Math.min(rows.length - 1, next));
      readOut(readout, rows[index], index + 1 + " of " + rows.length);
    });
  }

  // Vega's tooltip repeats for the pointer what the keyboard readout says; it floats
  // outside the page's landmarks, so it is kept from assistive technology (it is made
  // on the first hover: watched for until then).
  function quietTooltip() {
    function quiet() {
      var tip = document.getElementById("vg-tooltip-element");
      if (tip) tip.setAttribute("aria-hidden", "true");
      return Boolean(tip);
    }
    if (quiet() || !window.MutationObserver) return;
    var watch = new MutationObserver(function () {
      if (quiet()) watch.disconnect();
    });
    watch.observe(document.body, { childList: true });
  }

  function enhance(figure, focus) {
    var script = figure.querySelector("script.vega-spec");
    var fallback = figure.querySelector(".npf-chart__static");
    var button = figure.querySelector(".npf-chart__explore");
    if (!script || !fallback || figure.dataset.chartReady) return;
    var spec;
    try {
      spec = JSON.parse(script.textContent);
    } catch (error) {
      if (button) button.hidden = true;
      return;
    }
    var geography = spec.usermeta && spec.usermeta.boundaries;
    if (geography && !shapes()[geography]) return; // the map's shapes did not load
    figure.dataset.chartReady = "pending";
    if (geography) fillShapes(spec, shapes()[geography]);
    spec.width = "container";

    var host = document.createElement("div");
    host.className = "npf-chart__interactive";
    host.tabIndex = 0;
    host.setAttribute("role", "img");
    host.setAttribute("aria-label", accessibleName(fallback) + " Use the arrow keys to read the figures.");
    var caption = figure.querySelector("figcaption[id]");
    if (caption) host.setAttribute("aria-describedby", caption.id);
    // vega-embed makes its element inline-block; a width is needed for "container".
    host.style.display = "block";
    host.style.width = "100%";
    fallback.parentNode.insertBefore(host, fallback.nextSibling);

    window.vegaEmbed(host, spec, {
      actions: false,
      renderer: "svg",
      tooltip: true,
      loader: offlineLoader(),
      logLevel: LOG_ERRORS_ONLY
    }).then(function () {
      quietTooltip();
      fallback.hidden = true;
      if (button) button.hidden = true;
      figure.dataset.chartReady = "interactive";
      var rows = (spec.data && spec.data.values) || [];
      keyboard(figure, host, rows.filter(function (row) { return row.figure !== undefined; }));
      if (focus) host.focus();
    }).catch(function () {
      host.remove();
      if (button) button.hidden = true;
      figure.dataset.chartReady = "static";
    });
  }

  // The chart's button, shown: pressing it loads Vega (once per page) and draws it.
  function offer(figure) {
    var button = figure.querySelector(".npf-chart__explore");
    if (!button || !figure.querySelector("script.vega-spec")) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (figure.dataset.chartReady) return;
      button.setAttribute("aria-busy", "true");
      Promise.all([loadVega(), loadShapes(geographyOf(figure))]).then(function () {
        button.removeAttribute("aria-busy");
        enhance(figure, true);
      }).catch(function () {
        button.removeAttribute("aria-busy");
      });
    });
  }

  // For choice.js, which copies a chart into the view a reader chooses: offer a copy's
  // button, or load Vega and draw it (without moving focus).
  window.npfCharts = {
    offer: offer,
    draw: function (figure) {
      return loadVega().then(function () { enhance(figure, false); });
    }
  };

  function start() {
    var figures = document.querySelectorAll("figure.npf-chart");
    var drawNow = typeof window.vegaEmbed === "function";
    Array.prototype.forEach.call(figures, function (figure) {
      if (!drawNow) offer(figure);
      else loadShapes(geographyOf(figure)).then(function () {
        enhance(figure, false);
      }, function () { /* the static map stays */ });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
