/* runlift: the progress page's charts, drawn with uPlot (vendored beside this file) from the
   JSON the page embeds in <script id="progress-data">. Every chart also has a table of its
   numbers in the page, so nothing here is the only way to read them. */
(function () {
  "use strict";
  var holder = document.getElementById("progress-data");
  if (!holder || typeof window.uPlot === "undefined") {
    return;
  }
  var uPlot = window.uPlot;
  var data = JSON.parse(holder.textContent);
  var charts = {};
  window.runliftCharts = charts; // for the browser tests and the curious

  var DAY = 86400;
  var COLOURS = ["#0b6e4f", "#1849a9", "#b54708", "#6941c6", "#c11574", "#344054", "#0e9384"];
  var DASHES = [[], [8, 4], [2, 3], [12, 4, 2, 4], [5, 5], [1, 3], [16, 4]];
  var FONT = "12px system-ui, sans-serif";

  function day(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 1000;
  }

  function utc(ts) {
    return uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC");
  }

  function sizeOf(el) {
    var width = Math.max(240, Math.floor(el.clientWidth || 320));
    return { width: width, height: width < 520 ? 220 : 300 };
  }

  function short(v) {
    return Math.abs(v) >= 1000 ? +(v / 1000).toFixed(1) + "k" : String(+v.toFixed(3));
  }

  // A time axis that still spreads a single point out instead of collapsing onto it.
  var timeScale = {
    time: true,
    range: function (u, min, max) {
      // uPlot widens a single point's range by years before asking; use the data's own ends.
      var xs = (u.data && u.data[0]) || [];
      if (xs.length) {
        min = xs[0];
        max = xs[xs.length - 1];
      }
      if (min == null || max == null) {
        return [0, DAY];
      }
      var pad = Math.max((max - min) * 0.04, 3 * DAY);
      return [min - pad, max + pad];
    },
  };

  var dayMonth = uPlot.fmtDate("{D} {MMM}");
  var timeAxis = {
    values: function (u, splits) {
      return splits.map(function (v) { return v == null ? "" : dayMonth(utc(v)); });
    },
  };

  function axis(extra) {
    var base = { font: FONT, stroke: "#5b6575", grid: { stroke: "#eef0f3" }, ticks: { stroke: "#e3e6ea" } };
    for (var key in extra) {
      base[key] = extra[key];
    }
    return base;
  }

  function draw(id, opts, aligned) {
    var el = document.getElementById(id);
    if (!el) {
      return null;
    }
    var size = sizeOf(el);
    opts.width = size.width;
    opts.height = size.height;
    opts.tzDate = utc;
    opts.legend = { live: true };
    opts.cursor = { points: { size: 8 } };
    var chart = new uPlot(opts, aligned, el);
    chart.root.setAttribute("aria-hidden", "true"); // the figure's label and table say it in words
    charts[id.replace("chart-", "")] = chart;
    el.dataset.ready = "1";
    return chart;
  }

  // (a) e1RM per lift: one series each, on the dates of its sessions.
  function e1rmChart() {
    if (!data.lifts.length) {
      return;
    }
    var dates = {};
    data.lifts.forEach(function (lift) {
      lift.e1rm.forEach(function (p) {
        dates[p.date] = true;
      });
    });
    var xs = Object.keys(dates).sort();
    var aligned = [xs.map(day)];
    var series = [{ label: "date" }];
    data.lifts.forEach(function (lift, i) {
      var byDate = {};
      lift.e1rm.forEach(function (p) {
        byDate[p.date] = p.value;
      });
      aligned.push(xs.map(function (d) {
        return d in byDate ? byDate[d] : null;
      }));
      var colour = COLOURS[i % COLOURS.length];
      series.push({
        label: lift.name,
        stroke: colour,
        width: 2,
        dash: DASHES[i % DASHES.length],
        spanGaps: true,
        points: { show: true, size: 7, fill: colour },
        value: function (u, v) {
          return v == null ? "-" : v + " " + data.units;
        },
      });
    });
    draw("chart-e1rm", {
      series: series,
      scales: { x: timeScale },
      axes: [axis(timeAxis), axis({ label: data.units, size: 52, values: function (u, vs) { return vs.map(short); } })],
    }, aligned);
  }

  // (b) weekly run km (bars, left) against strength load (line, right).
  function volumeChart() {
    if (!data.weeks.length) {
      return;
    }
    var xs = data.weeks.map(function (w) { return day(w.week_start) + 3 * DAY; });
    var aligned = [
      xs,
      data.weeks.map(function (w) { return w.run_km; }),
      data.weeks.map(function (w) { return w.strength_load; }),
    ];
    draw("chart-volume", {
      series: [
        { label: "week" },
        {
          label: "run km",
          scale: "km",
          stroke: "#1849a9",
          fill: "rgba(24, 73, 169, 0.35)",
          paths: uPlot.paths.bars({ size: [0.6, 48] }),
          points: { show: false },
          value: function (u, v) { return v == null ? "-" : v + " km"; },
        },
        {
          label: "strength load",
          scale: "load",
          stroke: "#b54708",
          width: 2,
          dash: [8, 4],
          points: { show: true, size: 6, fill: "#b54708" },
          value: function (u, v) { return v == null ? "-" : v.toLocaleString("en"); },
        },
      ],
      scales: { x: timeScale, km: { range: function (u, min, max) { return [0, Math.max(10, max * 1.1)]; } },
                load: { range: function (u, min, max) { return [0, Math.max(100, max * 1.1)]; } } },
      axes: [
        axis(timeAxis),
        axis({ scale: "km", label: "km", size: 44 }),
        axis({ scale: "load", label: "load", side: 1, size: 52, grid: { show: false },
               values: function (u, vs) { return vs.map(short); } }),
      ],
    }, aligned);
  }

  // (c) the running signal, with the reassess warning's weeks shaded and labelled.
  function runningChart() {
    var weeks = data.weeks.filter(function (w) { return w.efficiency != null || w.vdot != null; });
    if (!weeks.length) {
      return;
    }
    var xs = data.weeks.map(function (w) { return day(w.week_start) + 3 * DAY; });
    var flagged = data.warning && data.warning.weeks ? data.warning.weeks.map(day) : [];
    var hasVdot = data.weeks.some(function (w) { return w.vdot != null; });
    var series = [
      { label: "week" },
      {
        label: "pace per heartbeat (easy)",
        scale: "ef",
        stroke: "#0b6e4f",
        width: 2,
        spanGaps: true,
        points: { show: true, size: 6, fill: "#0b6e4f" },
        value: function (u, v) { return v == null ? "-" : v.toFixed(3); },
      },
    ];
    var aligned = [xs, data.weeks.map(function (w) { return w.efficiency; })];
    var axes = [axis(timeAxis), axis({ scale: "ef", label: "m/min per beat", size: 52 })];
    if (hasVdot) { // the dots and their scale only when there is a race or a time trial
      series.push({
        label: "VDOT (races, trials)",
        scale: "vdot",
        stroke: "#6941c6",
        paths: function () { return null; },
        points: { show: true, size: 10, fill: "#fff", width: 3 },
        value: function (u, v) { return v == null ? "-" : v.toFixed(1); },
      });
      aligned.push(data.weeks.map(function (w) { return w.vdot; }));
      axes.push(axis({ scale: "vdot", label: "VDOT", side: 1, size: 44, grid: { show: false } }));
    }
    draw("chart-running", {
      series: series,
      scales: { x: timeScale },
      axes: axes,
      hooks: {
        drawClear: [function (u) {
          if (!flagged.length) {
            return;
          }
          var ctx = u.ctx;
          var top = u.bbox.top;
          var height = u.bbox.height;
          ctx.save();
          flagged.forEach(function (start, i) {
            var left = u.valToPos(start, "x", true);
            var right = u.valToPos(start + 7 * DAY, "x", true);
            ctx.fillStyle = "rgba(217, 45, 32, 0.12)";
            ctx.fillRect(left, top, right - left, height);
            ctx.strokeStyle = "rgba(217, 45, 32, 0.6)";
            ctx.setLineDash([4, 3]);
            ctx.strokeRect(left, top, right - left, height);
            if (i === 0) {
              ctx.fillStyle = "#b42318";
              ctx.font = "bold " + Math.round(11 * devicePixelRatio) + "px system-ui, sans-serif";
              ctx.fillText("! reassess", left + 3 * devicePixelRatio, top + 13 * devicePixelRatio);
            }
          });
          ctx.restore();
        }],
      },
    }, aligned);
    var chart = charts.running;
    if (chart) {
      chart.root.dataset.flagged = (data.warning && data.warning.weeks || []).join(",");
    }
  }

  e1rmChart();
  volumeChart();
  // (d) what the watch files say: critical speed (as a pace, faster up) and drift.
  function pace(v) {
    if (v == null || !(v > 0)) {
      return "";
    }
    var whole = Math.round(1000 / v);
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  function streamChart() {
    var any = data.weeks.some(function (w) { return w.critical_speed_m_s != null || w.drift_pct != null; });
    if (!any || !document.getElementById("chart-stream")) {
      return;
    }
    var xs = data.weeks.map(function (w) { return day(w.week_start) + 3 * DAY; });
    draw("chart-stream", {
      series: [
        { label: "week" },
        {
          label: "critical speed",
          scale: "cs",
          stroke: "#0b6e4f",
          width: 2,
          spanGaps: true,
          points: { show: true, size: 6, fill: "#0b6e4f" },
          value: function (u, v) { return v == null ? "-" : pace(v) + "/km"; },
        },
        {
          label: "drift (steady runs)",
          scale: "drift",
          stroke: "#b54708",
          paths: function () { return null; },
          points: { show: true, size: 9, fill: "#fff", width: 3 },
          value: function (u, v) { return v == null ? "-" : v.toFixed(1) + " %"; },
        },
      ],
      scales: {
        x: timeScale,
        // Around the runner's own speeds (a pace axis from zero would run to infinity).
        cs: { range: function (u, min, max) {
          return min == null ? [3, 4] : [min * 0.92, max * 1.06];
        } },
        drift: { range: function (u, min, max) { return [Math.min(0, min), Math.max(10, max * 1.2)]; } },
      },
      axes: [
        axis(timeAxis),
        axis({ scale: "cs", label: "critical pace (min/km)", size: 56,
               values: function (u, vs) { return vs.map(pace); } }),
        axis({ scale: "drift", label: "drift %", side: 1, size: 44, grid: { show: false } }),
      ],
    }, [xs, data.weeks.map(function (w) { return w.critical_speed_m_s; }),
        data.weeks.map(function (w) { return w.drift_pct; })]);
  }

  runningChart();
  streamChart();

  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      Object.keys(charts).forEach(function (key) {
        var chart = charts[key];
        chart.setSize(sizeOf(chart.root.parentNode));
      });
    }, 150);
  });

  // The reassess warning's one-step answer (and the way back), when the page offers it.
  Array.prototype.forEach.call(document.querySelectorAll("button.lighter-action"), function (button) {
    var answer = button.parentNode.querySelector(".lighter-answer");
    button.addEventListener("click", function () {
      button.disabled = true;
      fetch(button.dataset.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRF-Token": button.dataset.csrf, "Content-Type": "application/json" },
        body: JSON.stringify({ accept: button.dataset.accept !== "false" }),
      }).then(function (response) {
        if (response.ok) {
          window.location.reload();
          return null;
        }
        return response.json().then(function (body) {
          throw new Error(body.error || String(response.status));
        });
      }).catch(function (error) {
        button.disabled = false;
        if (answer) {
          answer.textContent = "Not saved: " + error.message;
        }
      });
    });
  });
})();
