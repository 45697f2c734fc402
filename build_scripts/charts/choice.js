/* The chart a reader chooses: one per measure of an indicator page.
 *
 * Each <div class="npf-choice" data-measure="..." hidden> (pages/templates/indicator.md.j2)
 * holds a form: radio buttons for the measure's breakdowns, each naming the id of its
 * <details> below (data-target) and whether its table has a row per group or a column
 * per group (data-layout); check boxes for the groups, made here from that table; and a
 * view, where the chosen breakdown's chart and table are copied. Without JavaScript the
 * div stays hidden and every breakdown is in its own <details>.
 *
 * Every group has a box (all ticked at first) and the status line says how many are
 * shown. With every group ticked the view shows the breakdown's static SVG (and its
 * "Explore this chart" button); with fewer, charts.js loads Vega and draws the
 * breakdown's own spec with only those groups' rows, and the table hides the others.
 * The choice is kept in the URL fragment, #chart=<measure>:<breakdown>:<group>,<group>
 * (each part URI-encoded), so a link or a reload shows the same view; a fragment that
 * names nothing on the page is ignored.
 *
 * "Download these figures (CSV)" writes the chosen breakdown's chosen groups, from the
 * same spec the chart draws, as a CSV made in the browser (a Blob URL, so it works from
 * file:// too): period, breakdown, group, value, unit and source (data-unit and
 * data-source of the div; a bar chart's period is its radio's data-period).
 */
(function () {
  "use strict";

  var PREFIX = "#chart=";

  function text(el) {
    return (el.textContent || "").trim();
  }

  function detailsOf(radio) {
    var target = document.getElementById(radio.getAttribute("data-target"));
    return target ? target.closest("details") : null;
  }

  // The groups of a breakdown, in its table's order: the row headers of a table with a
  // row per group, or the column headers after the first (Period).
  function groupsOf(radio) {
    var details = detailsOf(radio);
    var table = details && details.querySelector("table");
    if (!table) return [];
    if (radio.getAttribute("data-layout") === "rows") {
      return Array.prototype.map.call(table.querySelectorAll("tbody tr > th"), text);
    }
    return Array.prototype.slice.call(table.querySelectorAll("thead th"), 1).map(text);
  }

  // Ids in a copy made unique, and the references to them followed.
  function renameIds(root, prefix) {
    var renamed = {};
    Array.prototype.forEach.call(root.querySelectorAll("[id]"), function (el) {
      renamed[el.id] = prefix + el.id;
      el.id = prefix + el.id;
    });
    if (root.id) { renamed[root.id] = prefix + root.id; root.id = prefix + root.id; }
    ["aria-labelledby", "aria-describedby"].forEach(function (name) {
      var all = Array.prototype.slice.call(root.querySelectorAll("[" + name + "]"));
      if (root.hasAttribute(name)) all.push(root);
      all.forEach(function (el) {
        var ids = el.getAttribute(name).split(/\s+/).map(function (id) {
          return renamed[id] || id;
        });
        el.setAttribute(name, ids.join(" "));
      });
    });
  }

  // The spec with only the chosen groups: their rows, and the scales and sort orders
  // that list groups cut to them (so each group keeps its colour, shape and dash).
  function filterSpec(spec, chosen) {
    var keep = {};
    chosen.forEach(function (g) { keep[g] = true; });
    var rows = (spec.data && spec.data.values) || [];
    var field = rows.length && rows[0].series !== undefined ? "series" : "label";
    var step = rows.length && typeof spec.height === "number" ? spec.height / rows.length : 0;
    spec.data.values = rows.filter(function (row) { return keep[row[field]]; });
    if (field === "label" && step) spec.height = Math.round(step * spec.data.values.length);
    (function walk(node) {
      if (!node || typeof node !== "object") return;
      if (node.field === field) {
        var scale = node.scale;
        if (scale && Array.isArray(scale.domain) && Array.isArray(scale.range)) {
          var domain = [], range = [];
          scale.domain.forEach(function (g, i) {
            if (keep[g]) { domain.push(g); range.push(scale.range[i]); }
          });
          scale.domain = domain;
          scale.range = range;
        }
        if (Array.isArray(node.sort)) node.sort = node.sort.filter(function (g) { return keep[g]; });
      }
      Object.keys(node).forEach(function (key) {
        if (key !== "data") walk(node[key]);
      });
    })(spec);
    return spec;
  }

  // The table with only the chosen groups' rows, or columns.
  function filterTable(table, layout, chosen) {
    var keep = {};
    chosen.forEach(function (g) { keep[g] = true; });
    if (layout === "rows") {
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (tr) {
        var th = tr.querySelector("th");
        tr.hidden = !!th && !keep[text(th)];
      });
      return;
    }
    var heads = table.querySelectorAll("thead th");
    var hide = [];
    for (var i = 1; i < heads.length; i++) hide[i] = !keep[text(heads[i])];
    Array.prototype.forEach.call(table.querySelectorAll("tr"), function (tr) {
      Array.prototype.forEach.call(tr.children, function (cell, i) {
        if (i > 0) cell.hidden = !!hide[i];
      });
    });
  }

  // "Download what you see": a CSV cell, quoted when it holds a comma, quote or line
  // break, and a text cell that a spreadsheet would read as a formula (beginning with
  // = + - @, tab or carriage return) written with a leading ' so it stays text.
  // Numbers are written as they are.
  function csvCell(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return isFinite(value) ? String(value) : "";
    var cell = String(value);
    if (/^[=+\-@\t\r]/.test(cell)) cell = "'" + cell;
    return /[",\r\n]/.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
  }

  // The chosen groups' figures of a breakdown, from the spec its chart draws (the same
  // rows the view shows): period, breakdown, group, value, unit, source, and the
  // licence (its title and address) the figures are republished under.
  function selectionCsv(choice, radio, groups) {
    var details = detailsOf(radio);
    var script = details && details.querySelector("figure.npf-chart script.vega-spec");
    if (!script) return null;
    var rows = (JSON.parse(script.textContent).data || {}).values || [];
    var keep = {};
    groups.forEach(function (g) { keep[g] = true; });
    var name = text(radio.parentNode);
    var unit = choice.getAttribute("data-unit") || "";
    var source = choice.getAttribute("data-source") || "";
    var licence = choice.getAttribute("data-licence") || "";
    var licenceUrl = choice.getAttribute("data-licence-url") || "";
    var columns = ["period", "breakdown", "group", "value", "unit", "source", "licence", "licence_url"];
    var lines = [columns.join(",")];
    rows.forEach(function (row) {
      var group = row.series !== undefined ? row.series : row.label;
      if (!keep[group] || typeof row.value !== "number") return;
      var period = row.period !== undefined ? row.period : radio.getAttribute("data-period");
      lines.push(
        [period, name, group, row.value, unit, source, licence, licenceUrl].map(csvCell).join(",")
      );
    });
    return lines.join("\r\n") + "\r\n";
  }

  function download(csv, file) {
    var url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = file;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function setUp(choice, index) {
    var measure = choice.getAttribute("data-measure");
    var radios = Array.prototype.slice.call(choice.querySelectorAll('input[type="radio"]'));
    var boxes = choice.querySelector(".npf-choice__boxes");
    var status = choice.querySelector(".npf-choice__status");
    var view = choice.querySelector(".npf-choice__view");
    var csvButton = choice.querySelector(".npf-choice__csv");
    radios = radios.filter(function (r) { return detailsOf(r); });
    if (!radios.length || !boxes || !status || !view) return null;
    var state = { radio: radios[0], groups: groupsOf(radios[0]), chosen: null };

    function chosen() {
      return Array.prototype.filter.call(boxes.querySelectorAll("input"), function (b) {
        return b.checked;
      }).map(function (b) { return b.value; });
    }

    function makeBoxes(ticked) {
      boxes.textContent = "";
      state.groups.forEach(function (group, i) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.value = group;
        box.checked = !ticked || ticked.indexOf(group) >= 0;
        box.id = "npf-choice-" + index + "-" + i;
        label.htmlFor = box.id;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + group));
        boxes.appendChild(label);
      });
    }

    function fragment(groups) {
      return PREFIX + [measure, state.radio.value, groups.map(encodeURIComponent).join(",")]
        .map(function (part, i) { return i < 2 ? encodeURIComponent(part) : part; })
        .join(":");
    }

    function show(remember) {
      var groups = chosen();
      var all = groups.length === state.groups.length;
      var details = detailsOf(state.radio);
      view.textContent = "";
      if (!groups.length) {
        status.textContent = status.getAttribute("data-nothing");
      } else {
        status.textContent = status.getAttribute("data-showing")
          .replace("{shown}", groups.length).replace("{total}", state.groups.length);
        var figure = details.querySelector("figure.npf-chart");
        var wrap = details.querySelector(".npf-table-wrap");
        if (figure) {
          var chart = figure.cloneNode(true);
          // a copy of the static chart, even when the reader has drawn the original
          delete chart.dataset.chartReady;
          Array.prototype.forEach.call(
            chart.querySelectorAll(".npf-chart__interactive, .npf-chart__readout"),
            function (el) { el.remove(); });
          var fallback = chart.querySelector(".npf-chart__static");
          if (fallback) fallback.hidden = false;
          var script = chart.querySelector("script.vega-spec");
          renameIds(chart, "npf-choice-" + index + "-");
          view.appendChild(chart);
          if (!all && script && window.npfCharts) {
            var summary = chart.querySelector("figcaption");
            if (summary && status.getAttribute("data-subset")) {
              // the summary is of every group: say which the chart is drawn for
              summary.insertBefore(document.createTextNode(status.getAttribute("data-subset")
                .replace("{groups}", groups.join(", ")).replace("{total}", state.groups.length)
                + " "), summary.firstChild);
            }
            try {
              script.textContent = JSON.stringify(filterSpec(JSON.parse(script.textContent), groups));
              window.npfCharts.draw(chart).catch(function () { /* the static chart stays */ });
            } catch (error) { /* the static chart stays */ }
          } else if (window.npfCharts) {
            window.npfCharts.offer(chart);
          }
        }
        if (wrap) {
          var cue = wrap.previousElementSibling;
          var table = wrap.cloneNode(true);
          if (cue && cue.classList.contains("npf-table-cue")) view.appendChild(cue.cloneNode(true));
          renameIds(table, "npf-choice-" + index + "-");
          var caption = table.querySelector("caption");
          if (caption && status.getAttribute("data-caption")) {
            // its own name: the table below has the caption, once opened
            caption.textContent = status.getAttribute("data-caption")
              .replace("{caption}", caption.textContent);
          }
          filterTable(table.querySelector("table"), state.radio.getAttribute("data-layout"), groups);
          view.appendChild(table);
        }
      }
      if (csvButton) {
        var details = detailsOf(state.radio);
        csvButton.hidden = !groups.length || !details.querySelector("script.vega-spec");
      }
      if (remember && window.history && window.history.replaceState) {
        window.history.replaceState(null, "", fragment(groups));
      }
    }

    // Show a breakdown (a radio) with some of its groups ticked (null: all).
    function choose(radio, ticked, remember) {
      state.radio = radio;
      radio.checked = true;
      state.groups = groupsOf(radio);
      makeBoxes(ticked);
      show(remember);
    }

    radios.forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (radio.checked) choose(radio, null, true);
      });
    });
    boxes.addEventListener("change", function () { show(true); });
    function tickAll(on) {
      Array.prototype.forEach.call(boxes.querySelectorAll("input"), function (b) {
        b.checked = on;
      });
      show(true);
    }
    if (csvButton) {
      csvButton.addEventListener("click", function () {
        var csv = selectionCsv(choice, state.radio, chosen());
        if (csv) download(csv, choice.getAttribute("data-file") + "-" + state.radio.value + ".csv");
      });
    }
    var all = choice.querySelector(".npf-choice__all");
    var none = choice.querySelector(".npf-choice__none");
    if (all) all.addEventListener("click", function () { tickAll(true); });
    if (none) none.addEventListener("click", function () { tickAll(false); });

    choice.hidden = false;
    choose(radios[0], null, false);
    return {
      measure: measure,
      element: choice,
      // Apply a fragment's breakdown and groups; false when they name nothing here.
      apply: function (type, groups) {
        var radio = radios.filter(function (r) { return r.value === type; })[0];
        if (!radio) return false;
        var known = groupsOf(radio);
        var ticked = groups.filter(function (g) { return known.indexOf(g) >= 0; });
        choose(radio, ticked.length ? ticked : null, false);
        return true;
      }
    };
  }

  function decode(part) {
    try { return decodeURIComponent(part); } catch (error) { return null; }
  }

  function restore(choices) {
    var hash = window.location.hash;
    if (hash.indexOf(PREFIX) !== 0) return;
    var parts = hash.slice(PREFIX.length).split(":");
    if (parts.length !== 3) return;
    var measure = decode(parts[0]);
    var type = decode(parts[1]);
    var groups = parts[2] ? parts[2].split(",").map(decode) : [];
    if (groups.indexOf(null) >= 0) groups = [];
    var choice = choices.filter(function (c) { return c.measure === measure; })[0];
    if (choice && choice.apply(type, groups)) choice.element.scrollIntoView();
  }

  function start() {
    var choices = [];
    Array.prototype.forEach.call(document.querySelectorAll(".npf-choice"), function (el, i) {
      var choice = setUp(el, i);
      if (choice) choices.push(choice);
    });
    restore(choices);
    window.addEventListener("hashchange", function () { restore(choices); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
