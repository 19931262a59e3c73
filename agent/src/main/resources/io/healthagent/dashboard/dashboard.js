// The dashboard: reads /health, /health/detailed, /health/alerts and /health/history, and draws them with
// uPlot. Nothing here computes a figure the agent does not serve; the page only arranges them.
(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('config').textContent);
  var TOKEN_KEY = 'health-agent-token';
  var WINDOWS = { '1h': [3600, cfg.refresh_seconds], '24h': [86400, 300], '7d': [604800, 3600] };
  var SEVERITY_COLORS = ['#9a6700', '#cf222e', '#82071e'];
  var LEVELS = ['warning', 'critical', 'emergency'];
  // One chart per row of the history store; thresholds are the agent's own (threshold.METRIC.SEVERITY).
  var CHARTS = [
    { id: 'cpu', title: 'CPU %', metrics: [['cpu', 'CPU']], thresholds: 'cpu', range: [0, 100] },
    { id: 'memory', title: 'Memory %', metrics: [['memory', 'memory']], thresholds: 'memory', range: [0, 100] },
    { id: 'disk', title: 'Disk %', metrics: [['disk', 'disk']], thresholds: 'disk', range: [0, 100], forecast: true },
    { id: 'latency', title: 'Time to first byte (ms)', metrics: [['p50', 'p50'], ['p95', 'p95'], ['p99', 'p99']],
      thresholds: 'response_time', asinh: true },
    { id: 'error_rate', title: 'Error rate % (last minute)', metrics: [['error_rate', 'error rate']], thresholds: 'error_rate' },
    { id: 'requests', title: 'Requests per second', metrics: [['requests', 'requests/s']], perSecond: true },
    { id: 'websocket', title: 'WebSocket connections', metrics: [['websocket', 'open']] },
    { id: 'score', title: 'Health score', metrics: [['score', 'score']], range: [0, 100] }
  ];
  var STROKES = ['#0969da', '#8250df', '#bf3989'];

  var state = { window: '1h', charts: {}, fetched: {}, routes: [], sort: { key: 'route', dir: 1 }, refreshes: 0,
    failedSince: null, busy: false };
  // For tests and the curious: the uPlot instances, the history each was drawn from, how many refreshes completed.
  window.healthAgent = state;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function token() { return sessionStorage.getItem(TOKEN_KEY); }
  function api(path) {
    var headers = {};
    if (token()) headers.Authorization = 'Bearer ' + token();
    // An agent that takes the connection and never answers counts as not answering.
    var limit = Math.max(5, 3 * cfg.refresh_seconds) * 1000;
    return fetch(path, { headers: headers, cache: 'no-store',
      signal: window.AbortSignal && AbortSignal.timeout ? AbortSignal.timeout(limit) : undefined });
  }
  function clock(seconds) { return new Date(seconds * 1000).toLocaleString(); }
  function duration(seconds) {
    var d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60);
    return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + m + 'm';
  }
  function number(v, digits) { return v === null || v === undefined ? '–' : Number(v).toFixed(digits); }

  // ---- the banner: /health, open to all

  function banner(health) {
    $('banner').className = 'banner status-' + health.status;
    $('status-word').textContent = health.status;
    $('service').textContent = health.service;
    $('version').textContent = health.version;
    $('uptime').textContent = duration(health.uptime_seconds);
  }

  function stale(on) {
    if (on) {
      if (!state.failedSince) state.failedSince = new Date();
      $('stale').textContent = 'The agent stopped answering at ' + state.failedSince.toLocaleTimeString() + '; retrying every '
        + cfg.refresh_seconds + ' s. The figures below are from before.';
      $('stale').hidden = false;
    } else {
      state.failedSince = null;
      $('stale').hidden = true;
    }
  }

  // ---- what needs the details

  function checks(report) {
    var list = $('checks');
    list.replaceChildren();
    Object.keys(report.checks).sort().forEach(function (name) {
      var c = report.checks[name];
      var li = el('li', 'check ' + c.status);
      li.dataset.check = name;
      var head = el('div');
      head.appendChild(el('span', 'icon ' + c.status, c.status === 'pass' ? '✓' : c.status === 'warn' ? '!' : '✗'));
      head.appendChild(el('span', 'name', name));
      head.appendChild(el('span', 'muted', ' ' + c.status));
      li.appendChild(head);
      li.appendChild(el('div', 'message', c.message));
      li.appendChild(el('div', 'figures', number(c.duration_ms, 0) + ' ms · failures ' + c.failure_count
        + (c.last_success ? ' · last success ' + clock(c.last_success) : '')));
      list.appendChild(li);
    });
  }

  function alerts(body) {
    var list = $('alerts');
    list.replaceChildren();
    var active = body.alerts.filter(function (a) { return !a.resolved; });
    if (!active.length) list.appendChild(el('li', 'none', 'No active alert.'));
    active.forEach(function (a) {
      var li = el('li', 'alert');
      li.dataset.alert = a.id;
      var head = el('div');
      head.appendChild(el('span', 'severity ' + a.severity, a.severity));
      head.appendChild(el('span', 'name', a.id));
      li.appendChild(head);
      li.appendChild(el('div', 'message', a.message));
      var steps = (a.transitions || []).map(function (t) {
        return (t.from || 'new') + ' → ' + t.to + ' ' + new Date(t.at * 1000).toLocaleTimeString();
      });
      li.appendChild(el('div', 'figures', 'since ' + clock(a.timestamp) + ' · ' + steps.length + ' transition'
        + (steps.length === 1 ? '' : 's') + (steps.length ? ': ' + steps.join(', ') : '')));
      list.appendChild(li);
    });
  }

  function routes(report) {
    state.routes = report.routes.map(function (r) {
      return { route: r.route, requests_total: r.requests_total, errors_total: r.errors_total,
        p95: r.time_to_first_byte.p95_ms, in_flight: r.in_flight };
    });
    drawRoutes();
  }

  function drawRoutes() {
    var key = state.sort.key, dir = state.sort.dir;
    var rows = state.routes.slice().sort(function (a, b) {
      var x = a[key], y = b[key];
      return (typeof x === 'string' ? x.localeCompare(y) : x - y) * dir;
    });
    var body = document.querySelector('#routes tbody');
    body.replaceChildren();
    rows.forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('td', null, r.route));
      tr.appendChild(el('td', null, r.requests_total));
      tr.appendChild(el('td', null, r.errors_total));
      tr.appendChild(el('td', null, number(r.p95, 1)));
      tr.appendChild(el('td', null, r.in_flight));
      body.appendChild(tr);
    });
    document.querySelectorAll('#routes th').forEach(function (th) {
      th.setAttribute('aria-sort', th.dataset.key === key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    });
  }

  // ---- charts, from /health/history

  function history(metric, win) {
    var since = Math.floor(Date.now() / 1000) - WINDOWS[win][0];
    var url = '/health/history?metric=' + metric + '&since=' + since + '&step=' + WINDOWS[win][1];
    return api(url).then(function (r) {
      if (!r.ok) throw new Error('history ' + metric + ': ' + r.status);
      state.fetched[metric] = url;
      return r.json();
    });
  }

  function chartData(def, bodies, report) {
    var xs = [];
    var seen = {};
    bodies.forEach(function (b) { b.points.forEach(function (p) { if (!seen[p[0]]) { seen[p[0]] = true; xs.push(p[0]); } }); });
    var note = '';
    var forecastX = null, forecastY = null;
    var f = def.forecast && report.analysis && report.analysis.disk_forecast;
    if (f && f.hours_to_full !== null && f.hours_to_full !== undefined && xs.length) {
      // The disk-full forecast: from now to the limit, or to a quarter-window past now at the same rate.
      var now = Math.floor(Date.now() / 1000);
      var reach = WINDOWS[state.window][0] / 4;
      var toFull = f.hours_to_full * 3600;
      forecastX = now + Math.min(toFull, reach);
      forecastY = toFull <= reach ? 100 : f.usage_percent + (100 - f.usage_percent) * reach / toFull;
      note = 'full in ' + number(f.hours_to_full, 1) + ' h at the recent rate';
      xs.push(now);
      xs.push(forecastX);
    }
    xs = Array.from(new Set(xs)).sort(function (a, b) { return a - b; });
    // Where the agent was not running, a gap rather than a line across it.
    var step = bodies.length ? bodies[0].step_seconds : 1;
    var gaps = [];
    for (var g = 1; g < xs.length; g++) if (xs[g] - xs[g - 1] > 2.5 * step) gaps.push(xs[g - 1] + step);
    xs = xs.concat(gaps).sort(function (a, b) { return a - b; });
    var index = {};
    xs.forEach(function (x, i) { index[x] = i; });
    var data = [xs];
    bodies.forEach(function (b) {
      var ys = xs.map(function () { return null; });
      b.points.forEach(function (p) { ys[index[p[0]]] = def.perSecond ? p[1] / b.step_seconds : p[1]; });
      data.push(ys);
    });
    if (forecastX !== null) {
      var fs = xs.map(function () { return null; });
      fs[index[Math.floor(Date.now() / 1000)]] = f.usage_percent;
      fs[index[forecastX]] = forecastY;
      data.push(fs);
    }
    var levels = def.thresholds ? cfg.thresholds[def.thresholds] : [];
    levels.forEach(function (v) { data.push(xs.map(function () { return v; })); });
    return { data: data, note: note, forecast: forecastX !== null };
  }

  function chartOptions(def, width, forecast) {
    var series = [{}];
    def.metrics.forEach(function (m, i) {
      series.push({ label: m[1], stroke: STROKES[i], width: 1.5, spanGaps: false, points: { show: false } });
    });
    if (forecast) series.push({ label: 'forecast', stroke: '#cf222e', width: 1.5, dash: [2, 4], spanGaps: true });
    (def.thresholds ? cfg.thresholds[def.thresholds] : []).forEach(function (v, i) {
      series.push({ label: LEVELS[i] + ' ' + v, stroke: SEVERITY_COLORS[i], width: 1, dash: [6, 4], points: { show: false } });
    });
    var y = def.asinh ? { distr: 4, asinh: 1 } : {};
    if (def.range) y.range = def.range;
    else y.range = function (u, min, max) { return [0, Math.max(max, 1) * (def.asinh ? 2 : 1.1)]; };
    return { title: def.title, width: width, height: 200, series: series, scales: { x: { time: true }, y: y },
      axes: [{}, { size: 60 }], legend: { live: false } };
  }

  function chartWidth(box) { return Math.max(240, box.clientWidth - 16); }

  function drawCharts(report) {
    var win = state.window;
    return Promise.all(CHARTS.map(function (def) {
      return Promise.all(def.metrics.map(function (m) { return history(m[0], win); })).then(function (bodies) {
        if (win !== state.window) return;
        var made = chartData(def, bodies, report);
        var c = state.charts[def.id];
        var box = $('chart-' + def.id);
        box.querySelector('.note').textContent = made.note;
        if (!c || c.forecast !== made.forecast || c.u.series.length !== made.data.length) {
          if (c) c.u.destroy();
          var u = new uPlot(chartOptions(def, chartWidth(box), made.forecast), made.data, box.querySelector('.plot'));
          c = state.charts[def.id] = { u: u, forecast: made.forecast, metrics: def.metrics.map(function (m) { return m[0]; }) };
        } else {
          c.u.setData(made.data);
        }
      });
    }));
  }

  // ---- the loop

  // One refresh at a time: on a slow link the next tick waits for this one rather than racing it.
  function refresh() {
    if (state.busy) return Promise.resolve();
    state.busy = true;
    return api('/health').then(function (r) { return r.json(); }).then(function (health) {
      stale(false);
      banner(health);
      if (cfg.details === 'never') {
        $('status-only').hidden = false;
        return;
      }
      if (cfg.token_required && !token()) {
        showForm(null);
        return;
      }
      return api('/health/detailed').then(function (r) {
        if (r.status === 401) {
          sessionStorage.removeItem(TOKEN_KEY);
          showForm('That token was refused.');
          return;
        }
        return r.json().then(function (report) {
          $('token-form').hidden = true;
          $('details').hidden = false;
          $('score').textContent = number(report.health_score, 1);
          checks(report);
          routes(report);
          return Promise.all([
            api('/health/alerts?limit=100').then(function (a) { return a.json(); }).then(alerts),
            drawCharts(report)
          ]);
        });
      });
    }).then(function () {
      state.busy = false;
      state.refreshes++;
      $('last-refresh').textContent = new Date().toLocaleTimeString();
    }, function () {
      state.busy = false;
      stale(true);
    });
  }

  function showForm(error) {
    $('details').hidden = true;
    $('score').textContent = '–';
    $('token-form').hidden = false;
    $('token-error').hidden = !error;
    $('token-error').textContent = error || '';
  }

  $('token-form').addEventListener('submit', function (e) {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
    $('token-input').value = '';
    refresh();
  });
  document.querySelectorAll('.window button').forEach(function (b) {
    b.addEventListener('click', function () {
      state.window = b.dataset.window;
      document.querySelectorAll('.window button').forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
      refresh();
    });
  });
  document.querySelectorAll('#routes th').forEach(function (th) {
    th.addEventListener('click', function () {
      state.sort = { key: th.dataset.key, dir: state.sort.key === th.dataset.key ? -state.sort.dir : (th.dataset.type === 'text' ? 1 : -1) };
      drawRoutes();
    });
  });
  window.addEventListener('resize', function () {
    Object.keys(state.charts).forEach(function (id) {
      state.charts[id].u.setSize({ width: chartWidth($('chart-' + id)), height: 200 });
    });
  });
  CHARTS.forEach(function (def) { // in this order, whichever history answers first
    var box = el('div', 'chart');
    box.id = 'chart-' + def.id;
    box.appendChild(el('div', 'plot'));
    box.appendChild(el('div', 'note'));
    $('charts').appendChild(box);
  });
  $('refresh').textContent = cfg.refresh_seconds;
  refresh();
  setInterval(refresh, cfg.refresh_seconds * 1000);
})();
