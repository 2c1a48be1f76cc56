/* The story page's charts ("where the money goes"): draws, with Apache ECharts (SVG renderer), the numbers the page
   carries in #story-data; the summaries and data tables are the page's own HTML and need no script. */
(function () {
  'use strict';
  var source = document.getElementById('story-data');
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var lang = data.lang === 'en' ? 'en' : 'es';
  var locale = lang === 'es' ? 'es-MX' : 'en-US';
  // Okabe–Ito: told apart with the common colour-vision deficiencies
  var PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#882255'];
  var ABOVE = '#0072B2', BELOW = '#D55E00';

  function fixed(v, digits) {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  }
  /** $1,234.5 millones / $8.12 billones (es); $1.23 billion (en): as the page's summaries write amounts. */
  function money(v) {
    if (v === null || v === undefined) return '—';
    var a = Math.abs(v), sign = v < 0 ? '−' : '';
    if (lang === 'es') {
      if (a >= 1e12) return sign + '$' + fixed(a / 1e12, 2) + ' billones';
      if (a >= 1e6) return sign + '$' + fixed(a / 1e6, 1) + ' millones';
      return sign + '$' + fixed(a, 0);
    }
    if (a >= 1e12) return sign + '$' + fixed(a / 1e12, 2) + ' trillion';
    if (a >= 1e9) return sign + '$' + fixed(a / 1e9, 2) + ' billion';
    if (a >= 1e6) return sign + '$' + fixed(a / 1e6, 1) + ' million';
    return sign + '$' + fixed(a, 0);
  }
  /** Short axis labels: 8.1 bill. / 800 mil mill. */
  function short(v) {
    return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(v);
  }
  function percent(p) {
    return (p > 0 ? '+' : p < 0 ? '−' : '') + fixed(Math.abs(p), 1) + ' %';
  }
  function narrow() { return window.innerWidth < 600; }

  function chart(kind, height) {
    var el = document.getElementById('chart-' + kind);
    if (!el) return null;
    el.style.height = height + 'px';
    el.setAttribute('role', 'img');
    el.setAttribute('aria-labelledby', 'panel-' + kind);
    el.setAttribute('aria-describedby', 'summary-' + kind);
    var c = echarts.init(el, null, { renderer: 'svg' });
    window.addEventListener('resize', function () { c.resize(); });
    return c;
  }

  if (data.share && data.share.length) {
    var tree = data.share.map(function (p, i) {
      var color = PALETTE[i % PALETTE.length];
      return { name: p.name, value: p.value, itemStyle: { color: color }, children: p.children };
    });
    var c1 = chart('share', narrow() ? 420 : 520);
    var total = data.share.reduce(function (s, p) { return s + p.value; }, 0);
    c1 && c1.setOption({
      aria: { enabled: false },
      tooltip: { formatter: function (i) { return i.name + '<br>' + money(i.value) + ' (' + fixed(100 * i.value / total, 1) + ' %)'; } },
      series: [{
        type: 'treemap', name: data.shareName || '', data: tree, leafDepth: 1, roam: false, nodeClick: 'zoomToNode',
        left: 0, right: 0, top: 0, bottom: 36,
        breadcrumb: { show: true, bottom: 0, height: 24, itemStyle: { color: '#333', textStyle: { color: '#fff' } },
                      emphasis: { itemStyle: { color: '#000' } } },
        label: { show: true, formatter: function (i) { return i.name + '\n' + money(i.value); }, color: '#fff',
                 fontSize: 12, lineHeight: 16, overflow: 'break', textBorderColor: 'rgba(0,0,0,0.75)', textBorderWidth: 2 },
        upperLabel: { show: false },
        levels: [
          { itemStyle: { borderColor: '#fff', borderWidth: 3, gapWidth: 3 } },
          { colorSaturation: [0.35, 0.6], itemStyle: { borderColorSaturation: 0.7, gapWidth: 1, borderWidth: 1 } }
        ]
      }]
    });
  }

  if (data.change && data.change.length) {
    var items = data.change.slice().reverse(); // the largest overspend at the top
    var c2 = chart('change', Math.max(320, 22 * items.length + 80));
    c2 && c2.setOption({
      aria: { enabled: false },
      grid: { left: narrow() ? 110 : 260, right: narrow() ? 56 : 90, top: 10, bottom: 40 },
      tooltip: { trigger: 'item', formatter: function (i) {
        var it = items[i.dataIndex];
        return it.name + '<br>' + data.planned + ': ' + money(it.planned) + '<br>' + data.actual + ': ' + money(it.actual)
          + '<br>' + money(it.difference) + (it.percent !== undefined ? ' (' + percent(it.percent) + ')' : '');
      } },
      xAxis: { type: 'value', axisLabel: { formatter: short } },
      yAxis: { type: 'category', data: items.map(function (i) { return i.name; }),
               axisLabel: { width: narrow() ? 100 : 250, overflow: 'truncate', fontSize: 11 }, axisTick: { show: false } },
      series: [{
        type: 'bar', barMaxWidth: 16,
        data: items.map(function (i) { return { value: i.difference, itemStyle: { color: i.difference >= 0 ? ABOVE : BELOW } }; }),
        label: { show: true, fontSize: 10, formatter: function (p) { var it = items[p.dataIndex];
          return it.percent === undefined ? '' : percent(it.percent); },
          position: 'right' }
      }]
    });
  }

  if (data.trend && data.trend.series && data.trend.series.length) {
    var t = data.trend;
    var top = 8;
    var selected = {};
    t.series.forEach(function (s, i) { selected[s.name] = i < top; });
    var c3 = chart('trend', narrow() ? 520 : 480);
    c3 && c3.setOption({
      aria: { enabled: false },
      color: PALETTE,
      tooltip: { trigger: 'axis', valueFormatter: money },
      legend: { type: 'scroll', bottom: 0, selected: selected, textStyle: { fontSize: 11 },
                formatter: function (n) { return n.length > 34 ? n.slice(0, 33) + '…' : n; } },
      grid: { left: 70, right: 20, top: 20, bottom: narrow() ? 120 : 70 },
      xAxis: { type: 'category', data: t.periods, boundaryGap: false },
      yAxis: { type: 'value', axisLabel: { formatter: short } },
      series: t.series.map(function (s, i) {
        return { name: s.name, type: 'line', data: s.values, connectNulls: false, showSymbol: true, symbolSize: 5,
                 lineStyle: { width: 2, type: i < 8 ? 'solid' : (i % 2 ? 'dashed' : 'dotted') } };
      })
    });
  }
})();
