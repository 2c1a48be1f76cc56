/* The performance pages' measure charts: draws, with Apache ECharts (SVG renderer), each measure's values per period,
   its target line, the near-target band and the baseline, from the numbers the page carries in script.perf-spec. The
   summaries, values tables and sparklines are the page's own HTML and SVG and need no script. */
(function () {
  'use strict';
  if (!window.echarts) return;
  var VALUE = '#0072B2', TARGET = '#1d1d1b', BAND = 'rgba(230, 159, 0, 0.22)', BASELINE = '#CC79A7';

  function draw(script) {
    var el = document.getElementById(script.getAttribute('data-chart'));
    if (!el) return;
    var s = JSON.parse(script.textContent);
    var locale = s.lang === 'en' ? 'en-US' : 'es-MX';
    var narrow = el.clientWidth < 520;
    function num(v) {
      if (v === null || v === undefined) return '—';
      var a = Math.abs(v);
      return new Intl.NumberFormat(locale, { maximumFractionDigits: a === Math.round(a) ? 0 : a < 10 ? 2 : 1 }).format(v);
    }
    function shortNum(v) { return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(v); }
    var hasBand = s.low.some(function (v, i) { return v !== null && s.high[i] !== null && s.high[i] > v; });
    var hasTarget = s.target.some(function (v) { return v !== null; });
    var series = [];
    if (hasBand) {
      // the band: an invisible base at the low edge, and the band's height stacked on it
      series.push({ name: '_low', type: 'line', stack: 'band', data: s.low, symbol: 'none', lineStyle: { opacity: 0 },
                    silent: true, tooltip: { show: false } });
      series.push({ name: s.bandName, type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 },
                    areaStyle: { color: BAND }, itemStyle: { color: '#E69F00' }, silent: true,
                    data: s.high.map(function (h, i) { return h === null || s.low[i] === null ? null : h - s.low[i]; }) });
    }
    if (hasTarget) {
      series.push({ name: s.targetName, type: 'line', data: s.target, symbol: 'none', step: false,
                    lineStyle: { color: TARGET, type: 'dashed', width: 2 }, itemStyle: { color: TARGET } });
    }
    var value = { name: s.valueName, type: 'line', data: s.values, connectNulls: false, symbol: 'circle', symbolSize: 7,
                  lineStyle: { color: VALUE, width: 3 }, itemStyle: { color: VALUE } };
    if (s.baseline !== undefined) {
      value.markLine = { silent: true, symbol: 'none', lineStyle: { color: BASELINE, type: 'dotted', width: 2 },
                         label: { formatter: s.baselineLabel + ': ' + num(s.baseline), position: 'insideStartTop', color: '#6b2a55' },
                         data: [{ yAxis: s.baseline }] };
    }
    series.push(value);
    var legend = series.filter(function (x) { return x.name !== '_low'; }).map(function (x) { return x.name; });
    var c = echarts.init(el, null, { renderer: 'svg' });
    c.setOption({
      aria: { enabled: false },
      animation: false,
      tooltip: { trigger: 'axis', formatter: function (items) {
        if (!items.length) return '';
        var i = items[0].dataIndex;
        var out = items[0].axisValueLabel + '<br>' + s.valueName + ': ' + num(s.values[i]) + (s.unit ? ' ' + s.unit : '');
        if (s.target[i] !== null) out += '<br>' + s.targetName + ': ' + num(s.target[i]);
        return out + '<br>' + s.status[i];
      } },
      legend: { data: legend, bottom: 0, textStyle: { fontSize: 12 } },
      grid: { left: narrow ? 48 : 64, right: narrow ? 12 : 24, top: 24, bottom: narrow ? 72 : 56 },
      xAxis: { type: 'category', data: s.periods, boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: shortNum } },
      series: series
    });
    window.addEventListener('resize', function () { c.resize(); });
    el.setAttribute('data-drawn', '');
  }

  document.querySelectorAll('script.perf-spec').forEach(draw);
})();
