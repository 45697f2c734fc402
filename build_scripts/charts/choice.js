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
 *
 * Figures broken down by several types at once (charts/crossed.py) have one radio for
 * each combination of types (data-crossed: its types, their names, the data file of
 * each type it can be charted by, and the slices with a static chart of their own).
 * Choosing it loads the data file of the type it is charted by (a <script>, once, so
 * it works from file://) and shows a select for that type and one for each other
 * type's group, each listing only the groups that have figures with the groups chosen
 * before it, so every combination the data has can be reached and none is empty. A
 * slice with a static chart is shown as any breakdown is; any other is drawn by Vega
 * from the data file, with its table, summary and footer as the build phrased them.
 * Its fragment adds the other types' groups:
 * #chart=<measure>:<type charted by>:<group>,<group>:<type>=<group>,<type>=<group>
 * and an old link naming a static slice (#chart=<measure>:<slice>:<groups>) still works.
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
  function groupsIn(details, layout) {
    var table = details && details.querySelector("table");
    if (!table) return [];
    if (layout === "rows") {
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

  // --- figures broken down by several types at once (the data files of crossed.py) ---

  var loading = {};

  // A data file, loaded once by a <script> (it sets window.npfChoices[its id]).
  function loadData(src) {
    var id = src.split("/").pop().replace(/\.js$/, "");
    var known = window.npfChoices && window.npfChoices[id];
    if (known) return Promise.resolve(known);
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = function () {
          var data = window.npfChoices && window.npfChoices[id];
          if (data) resolve(data); else reject(new Error("no figures in " + src));
        };
        script.onerror = function () {
          delete loading[src];
          reject(new Error("could not load " + src));
        };
        document.head.appendChild(script);
      });
    }
    return loading[src];
  }

  // A row: [period, group of each type..., value, lower, upper, figure, label].
  function cell(data, row, name) {
    var n = data.types.length;
    return row[1 + n + ["value", "lower", "upper", "figure", "label"].indexOf(name)];
  }

  function otherTypes(data) {
    var found = [];
    data.types.forEach(function (t, i) { if (i !== data.along) found.push(i); });
    return found;
  }

  // The slices' keys as numbers (the other types' group indices), once.
  function sliceKeys(data) {
    if (!data.keys) {
      data.keys = Object.keys(data.slices).map(function (key) {
        return key.split(",").map(Number);
      });
    }
    return data.keys;
  }

  // The groups of the k-th other type that have figures with the groups chosen before it.
  function available(data, chosen, k) {
    var seen = {};
    sliceKeys(data).forEach(function (key) {
      for (var j = 0; j < k; j++) if (key[j] !== chosen[j]) return;
      seen[key[k]] = true;
    });
    return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
  }

  // The other types' groups: each the one preferred where it has figures with those
  // before it, else the default slice's, else the first that has.
  function cascade(data, prefer) {
    var fallback = data["default"].split(",").map(Number);
    var chosen = [];
    otherTypes(data).forEach(function (_, k) {
      var options = available(data, chosen, k);
      var pick = [prefer[k], fallback[k]].filter(function (g) {
        return options.indexOf(g) >= 0;
      })[0];
      chosen.push(pick === undefined ? options[0] : pick);
    });
    return chosen;
  }

  function rowsOf(data, fixed) {
    var others = otherTypes(data);
    return data.rows.filter(function (row) {
      return others.every(function (t, k) { return row[1 + t] === fixed[k]; });
    });
  }

  function label(data, type, index) {
    return data.types[type].groups[index];
  }

  // The charted type's groups in a slice, in their order.
  function sliceGroups(data, fixed) {
    var seen = {};
    rowsOf(data, fixed).forEach(function (row) { seen[row[1 + data.along]] = true; });
    return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; })
      .map(function (g) { return label(data, data.along, g); });
  }

  // The rows a slice's chart and table show: every period for lines, the latest for
  // bars (in the bars' order); only the chosen groups.
  function shownRows(data, fixed, groups) {
    var slice = data.slices[fixed.join(",")];
    var keep = {};
    groups.forEach(function (g) { keep[g] = true; });
    var rows = rowsOf(data, fixed).filter(function (row) {
      return keep[label(data, data.along, row[1 + data.along])];
    });
    if (slice[0] !== "bar") {
      return rows.sort(function (a, b) {
        return a[1 + data.along] - b[1 + data.along] || a[0] - b[0];
      });
    }
    var order = slice[6];
    return rows.filter(function (row) { return row[0] === slice[5]; }).sort(function (a, b) {
      return order.indexOf(a[1 + data.along]) - order.indexOf(b[1 + data.along]);
    });
  }

  // A slice's spec: the charted type's spec of its kind with the slice's rows, value
  // axis, footer and summary, its scales cut to the chosen groups.
  function sliceSpec(data, fixed, groups) {
    var slice = data.slices[fixed.join(",")];
    var spec = JSON.parse(JSON.stringify(data.specs[slice[0]]));
    var rows = shownRows(data, fixed, groups);
    var field = slice[0] === "bar" ? "label" : "series";
    spec.data = { values: rows.map(function (row) {
      var value = { value: cell(data, row, "value"), lower: cell(data, row, "lower"),
                    upper: cell(data, row, "upper"), figure: cell(data, row, "figure") };
      value[field] = label(data, data.along, row[1 + data.along]);
      if (field === "label") value.text = cell(data, row, "label");
      else value.period = data.periods[row[0]];
      return value;
    }) };
    if (field === "label") spec.height = spec.height * Math.max(rows.length, 1);
    (function walk(node) {
      if (!node || typeof node !== "object") return;
      if (node.field === "value" && node.scale && field === "series") {
        node.scale = slice[4] ? { zero: false, nice: false, domain: slice[4] } : { zero: true };
      }
      Object.keys(node).forEach(function (key) { if (key !== "data") walk(node[key]); });
    })(spec);
    spec.title.text = slice[3];
    spec.description = slice[2];
    return filterSpec(spec, groups);
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // The chart of a slice with no static chart: a placeholder named by its caption,
  // its summary and its spec, which charts.js draws.
  function sliceFigure(data, fixed, groups, prefix, drawing) {
    var slice = data.slices[fixed.join(",")];
    var figure = element("figure", "npf-chart npf-chart--" + slice[0]);
    figure.id = prefix + "chart";
    var fallback = element("div", "npf-chart__static");
    fallback.setAttribute("data-name", slice[1]);
    fallback.appendChild(element("p", "", drawing));
    var caption = element("figcaption", "", slice[2]);
    caption.id = prefix + "summary";
    var script = element("script", "vega-spec", JSON.stringify(sliceSpec(data, fixed, groups)));
    script.type = "application/json";
    figure.appendChild(fallback);
    figure.appendChild(caption);
    figure.appendChild(script);
    return figure;
  }

  // The table of a slice's chosen figures: a row per period and a column per group
  // (lines), or a row per group (bars).
  function sliceTable(data, fixed, groups, prefix, captionText) {
    var slice = data.slices[fixed.join(",")];
    var rows = shownRows(data, fixed, groups);
    var wrap = element("div", "npf-table-wrap");
    wrap.setAttribute("role", "region");
    wrap.tabIndex = 0;
    var table = element("table", "npf-table");
    var caption = element("caption", "", captionText.replace("{caption}", slice[1]));
    caption.id = prefix + "caption";
    wrap.setAttribute("aria-labelledby", caption.id);
    table.appendChild(caption);
    var head = element("thead");
    var body = element("tbody");
    function headRow(cells) {
      var tr = element("tr");
      cells.forEach(function (text, i) {
        var th = element("th", i ? "npf-num" : "", text);
        th.scope = "col";
        tr.appendChild(th);
      });
      head.appendChild(tr);
    }
    function bodyRow(name, cells) {
      var tr = element("tr");
      var th = element("th", "", name);
      th.scope = "row";
      tr.appendChild(th);
      cells.forEach(function (text) { tr.appendChild(element("td", "npf-num", text)); });
      body.appendChild(tr);
    }
    if (slice[0] === "bar") {
      headRow([data.types[data.along].name, data.words.figure]);
      rows.forEach(function (row) {
        bodyRow(label(data, data.along, row[1 + data.along]), [cell(data, row, "label")]);
      });
    } else {
      var shown = groups.filter(function (g) {
        return rows.some(function (row) { return label(data, data.along, row[1 + data.along]) === g; });
      });
      headRow([data.words.period].concat(shown));
      var periods = {};
      rows.forEach(function (row) { periods[row[0]] = true; });
      Object.keys(periods).map(Number).sort(function (a, b) { return a - b; }).forEach(function (p) {
        bodyRow(data.periods[p], shown.map(function (g) {
          var found = rows.filter(function (row) {
            return row[0] === p && label(data, data.along, row[1 + data.along]) === g;
          })[0];
          return found ? cell(data, found, "label") : "";
        }));
      });
    }
    table.appendChild(head);
    table.appendChild(body);
    wrap.appendChild(table);
    return wrap;
  }

  // "Download what you see" of a slice: its shown rows with every breakdown.
  function sliceCsv(choice, data, fixed, groups) {
    var others = otherTypes(data);
    var columns = ["period", "breakdown", "group"];
    others.forEach(function (_, k) {
      columns.push("breakdown_" + (k + 2), "group_" + (k + 2));
    });
    columns = columns.concat(["value", "lower", "upper", "unit", "source", "licence", "licence_url"]);
    var lines = [columns.join(",")];
    var tail = ["data-unit", "data-source", "data-licence", "data-licence-url"].map(function (name) {
      return choice.getAttribute(name) || "";
    });
    shownRows(data, fixed, groups).forEach(function (row) {
      var cells = [data.periods[row[0]], data.types[data.along].name,
                   label(data, data.along, row[1 + data.along])];
      others.forEach(function (t, k) { cells.push(data.types[t].name, label(data, t, fixed[k])); });
      cells.push(cell(data, row, "value"), cell(data, row, "lower"), cell(data, row, "upper"));
      lines.push(cells.concat(tail).map(csvCell).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function setUp(choice, index) {
    var measure = choice.getAttribute("data-measure");
    var radios = Array.prototype.slice.call(choice.querySelectorAll('input[type="radio"]'));
    var boxes = choice.querySelector(".npf-choice__boxes");
    var status = choice.querySelector(".npf-choice__status");
    var view = choice.querySelector(".npf-choice__view");
    var csvButton = choice.querySelector(".npf-choice__csv");
    var crossedSet = choice.querySelector(".npf-choice__crossed");
    var bySelect = choice.querySelector(".npf-choice__by");
    var fixedBox = choice.querySelector(".npf-choice__fixed");
    var countLine = choice.querySelector(".npf-choice__count");
    radios = radios.filter(function (r) { return detailsOf(r); });
    if (!radios.length || !boxes || !status || !view) return null;
    var prefix = "npf-choice-" + index + "-";
    // the breakdown (a radio) and its groups; for a combination of types (crossed), its
    // data-crossed, the type it is charted by, its data file and the other types' groups
    var state = { radio: radios[0], groups: [], crossed: null };
    var token = 0;

    function crossedInfo(radio) {
      var text = radio.getAttribute("data-crossed");
      if (!text || !crossedSet || !bySelect || !fixedBox) return null;
      try { return JSON.parse(text); } catch (error) { return null; }
    }

    function chosen() {
      return Array.prototype.filter.call(boxes.querySelectorAll("input"), function (b) {
        return b.checked;
      }).map(function (b) { return b.value; });
    }

    function makeBoxes(ticked) {
      boxes.textContent = "";
      var known = (ticked || []).filter(function (g) { return state.groups.indexOf(g) >= 0; });
      state.groups.forEach(function (group, i) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.value = group;
        box.checked = !known.length || known.indexOf(group) >= 0;
        box.id = prefix + i;
        label.htmlFor = box.id;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + group));
        boxes.appendChild(label);
      });
    }

    // The static slice of a combination for its current choice, where it has one.
    function staticSlice() {
      var c = state.crossed;
      if (!c || !c.data) return null;
      var data = c.data;
      var others = otherTypes(data);
      return c.info["static"].filter(function (s) {
        return s.by === c.by && document.getElementById(s.target) &&
          others.every(function (t, k) {
            return s.fixed[data.types[t].type] === label(data, t, c.fixed[k]);
          });
      })[0] || null;
    }

    // Where the view's chart and table are copied from: a breakdown's <details> and
    // its table's layout; null for a slice drawn from its data file.
    function source() {
      var c = state.crossed;
      if (!c) {
        return { details: detailsOf(state.radio), layout: state.radio.getAttribute("data-layout") };
      }
      var s = staticSlice();
      if (s) return { details: document.getElementById(s.target).closest("details"), layout: s.layout };
      if (!c.data) return { details: detailsOf(state.radio), layout: c.info["static"][0].layout };
      return null;
    }

    function currentGroups() {
      var src = source();
      return src ? groupsIn(src.details, src.layout) : sliceGroups(state.crossed.data, state.crossed.fixed);
    }

    function fragment(groups) {
      var c = state.crossed;
      var type = c ? c.by : state.radio.value;
      var text = PREFIX + [measure, type].map(encodeURIComponent).join(":") + ":" +
        groups.map(encodeURIComponent).join(",");
      if (c && c.data) {
        text += ":" + otherTypes(c.data).map(function (t, k) {
          return encodeURIComponent(c.data.types[t].type) + "=" +
            encodeURIComponent(label(c.data, t, c.fixed[k]));
        }).join(",");
      }
      return text;
    }

    // A copy of a breakdown's static chart and table, with the chosen groups.
    function copyView(src, groups, all) {
      var figure = src.details.querySelector("figure.npf-chart");
      var wrap = src.details.querySelector(".npf-table-wrap");
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
        renameIds(chart, prefix);
        view.appendChild(chart);
        if (!all && script && window.npfCharts) {
          subsetNote(chart, groups);
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
        renameIds(table, prefix);
        var caption = table.querySelector("caption");
        if (caption && status.getAttribute("data-caption")) {
          // its own name: the table below has the caption, once opened
          caption.textContent = status.getAttribute("data-caption")
            .replace("{caption}", caption.textContent);
        }
        filterTable(table.querySelector("table"), src.layout, groups);
        view.appendChild(table);
      }
    }

    // the summary is of every group: say which the chart is drawn for
    function subsetNote(chart, groups) {
      var summary = chart.querySelector("figcaption");
      if (summary && status.getAttribute("data-subset")) {
        summary.insertBefore(document.createTextNode(status.getAttribute("data-subset")
          .replace("{groups}", groups.join(", ")).replace("{total}", state.groups.length)
          + " "), summary.firstChild);
      }
    }

    // A slice with no static chart, drawn from its data file, with its table.
    function drawView(groups, all) {
      var c = state.crossed;
      var chart = sliceFigure(c.data, c.fixed, groups, prefix, view.getAttribute("data-drawing") || "");
      if (!all) subsetNote(chart, groups);
      view.appendChild(chart);
      if (window.npfCharts) {
        window.npfCharts.draw(chart).catch(function () { /* the table stays */ });
      }
      view.appendChild(sliceTable(c.data, c.fixed, groups, prefix,
                                  status.getAttribute("data-caption") || "{caption}"));
    }

    function show(remember) {
      var groups = chosen();
      var all = groups.length === state.groups.length;
      var src = source();
      view.textContent = "";
      if (!groups.length) {
        status.textContent = status.getAttribute("data-nothing");
      } else {
        status.textContent = status.getAttribute("data-showing")
          .replace("{shown}", groups.length).replace("{total}", state.groups.length);
        if (src) copyView(src, groups, all); else drawView(groups, all);
      }
      if (csvButton) {
        var drawn = state.crossed ? !!state.crossed.data
          : !!detailsOf(state.radio).querySelector("script.vega-spec");
        csvButton.hidden = !groups.length || !drawn;
      }
      if (remember && window.history && window.history.replaceState) {
        window.history.replaceState(null, "", fragment(groups));
      }
    }

    // Show a breakdown (a radio) with some of its groups ticked (null: all).
    function choose(radio, ticked, remember) {
      token += 1;
      state.radio = radio;
      state.crossed = null;
      radio.checked = true;
      if (crossedSet) crossedSet.hidden = true;
      state.groups = currentGroups();
      makeBoxes(ticked);
      show(remember);
    }

    // The selects of a combination: the type it is charted by, and a group of each
    // other type among those with figures with the groups chosen before it.
    function fillControls() {
      var c = state.crossed;
      var data = c.data;
      var focused = document.activeElement && document.activeElement.id;
      bySelect.textContent = "";
      c.info.types.forEach(function (type, i) {
        var option = new Option(c.info.names[i], type);
        option.selected = type === c.by;
        bySelect.appendChild(option);
      });
      fixedBox.textContent = "";
      otherTypes(data).forEach(function (t, k) {
        var line = element("p");
        var select = element("select", "npf-choice__group");
        select.id = prefix + "fixed-" + k;
        select.setAttribute("data-k", String(k));
        var name = element("label", "", data.types[t].name);
        name.htmlFor = select.id;
        available(data, c.fixed, k).forEach(function (g) {
          var option = new Option(label(data, t, g), String(g));
          option.selected = g === c.fixed[k];
          select.appendChild(option);
        });
        line.appendChild(name);
        line.appendChild(document.createTextNode(" "));
        line.appendChild(select);
        fixedBox.appendChild(line);
      });
      if (countLine) countLine.textContent = data.words.count;
      crossedSet.hidden = false;
      if (focused && fixedBox.querySelector("#" + focused)) document.getElementById(focused).focus();
    }

    // Show a combination charted by type ``by``, with the other types' groups those of
    // ``prefer`` (type: group) where they have figures; resolves once shown.
    function chooseCrossed(radio, by, prefer, ticked, remember) {
      var info = crossedInfo(radio);
      token += 1;
      var mine = token;
      state.radio = radio;
      radio.checked = true;
      if (!info) return choose(radio, ticked, remember);
      if (!info.sources[by]) by = info.along;
      state.crossed = { info: info, by: by, data: null, fixed: [] };
      return loadData(info.sources[by]).then(function (data) {
        if (mine !== token) return;
        state.crossed.data = data;
        var want = otherTypes(data).map(function (t) {
          var wanted = prefer ? prefer[data.types[t].type] : undefined;
          return wanted === undefined ? -1 : data.types[t].groups.indexOf(wanted);
        });
        state.crossed.fixed = cascade(data, want);
        fillControls();
        state.groups = currentGroups();
        makeBoxes(ticked);
        show(remember);
      }, function () {
        if (mine !== token) return;
        // no data file: the combination's static chart, as any breakdown's
        crossedSet.hidden = true;
        state.groups = currentGroups();
        makeBoxes(ticked);
        show(false);
      });
    }

    radios.forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (!radio.checked) return;
        var info = crossedInfo(radio);
        if (info) chooseCrossed(radio, info.along, null, null, true);
        else choose(radio, null, true);
      });
    });
    if (bySelect) {
      bySelect.addEventListener("change", function () {
        var c = state.crossed;
        if (!c || !c.data) return;
        // keep the groups chosen: the other types', and the first shown of the old one
        var prefer = {};
        otherTypes(c.data).forEach(function (t, k) {
          prefer[c.data.types[t].type] = label(c.data, t, c.fixed[k]);
        });
        var shown = chosen();
        if (shown.length) prefer[c.by] = shown[0];
        chooseCrossed(state.radio, bySelect.value, prefer, null, true);
      });
    }
    if (fixedBox) {
      fixedBox.addEventListener("change", function (event) {
        var c = state.crossed;
        var k = Number(event.target.getAttribute("data-k"));
        if (!c || !c.data || isNaN(k)) return;
        var want = c.fixed.slice();
        want[k] = Number(event.target.value);
        c.fixed = cascade(c.data, want);
        fillControls();
        state.groups = currentGroups();
        makeBoxes(null);
        show(true);
      });
    }
    boxes.addEventListener("change", function () { show(true); });
    function tickAll(on) {
      Array.prototype.forEach.call(boxes.querySelectorAll("input"), function (b) {
        b.checked = on;
      });
      show(true);
    }
    if (csvButton) {
      csvButton.addEventListener("click", function () {
        var c = state.crossed;
        var file = choice.getAttribute("data-file") + "-" + (c ? c.by : state.radio.value);
        var csv = c && c.data ? sliceCsv(choice, c.data, c.fixed, chosen())
          : selectionCsv(choice, state.radio, chosen());
        if (c && c.data) file += "-" + c.fixed.join("-");
        if (csv) download(csv, file + ".csv");
      });
    }
    var all = choice.querySelector(".npf-choice__all");
    var none = choice.querySelector(".npf-choice__none");
    if (all) all.addEventListener("click", function () { tickAll(true); });
    if (none) none.addEventListener("click", function () { tickAll(false); });

    choice.hidden = false;
    var first = crossedInfo(radios[0]);
    if (first) chooseCrossed(radios[0], first.along, null, null, false);
    else choose(radios[0], null, false);
    return {
      measure: measure,
      element: choice,
      // Apply a fragment's breakdown, groups and (for a combination) the other types'
      // groups; false when they name nothing here.
      apply: function (type, groups, fixed) {
        var ticked = groups.length ? groups : null;
        if (fixed) {
          var want = [type].concat(Object.keys(fixed)).sort().join("\n");
          var match = radios.filter(function (r) {
            var info = crossedInfo(r);
            return info && info.types.slice().sort().join("\n") === want;
          })[0];
          if (!match) return false;
          chooseCrossed(match, type, fixed, ticked, false);
          return true;
        }
        var radio = radios.filter(function (r) {
          return r.value === type && !crossedInfo(r);
        })[0];
        if (radio) {
          choose(radio, ticked, false);
          return true;
        }
        // an older link: a static chart of a combination, by its own name
        for (var i = 0; i < radios.length; i++) {
          var info = crossedInfo(radios[i]);
          var slice = info && info["static"].filter(function (s) { return s.key === type; })[0];
          if (slice) {
            chooseCrossed(radios[i], slice.by, slice.fixed, ticked, false);
            return true;
          }
        }
        return false;
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
    if (parts.length !== 3 && parts.length !== 4) return;
    var measure = decode(parts[0]);
    var type = decode(parts[1]);
    var groups = parts[2] ? parts[2].split(",").map(decode) : [];
    if (groups.indexOf(null) >= 0) groups = [];
    var fixed = null;
    if (parts.length === 4) {
      fixed = {};
      var pairs = parts[3] ? parts[3].split(",") : [];
      for (var i = 0; i < pairs.length; i++) {
        var pair = pairs[i].split("=");
        var key = decode(pair[0]);
        var value = pair.length === 2 ? decode(pair[1]) : null;
        if (key === null || value === null) return;
        fixed[key] = value;
      }
    }
    var choice = choices.filter(function (c) { return c.measure === measure; })[0];
    if (choice && choice.apply(type, groups, fixed)) choice.element.scrollIntoView();
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
