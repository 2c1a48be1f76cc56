/*
 * Zócalo charts: draws the chart a page describes in <script type="application/json" id="chart-spec"> (written by
 * the server from the explorer's answer, see server/README.md) with Apache ECharts, in SVG. The page already says
 * the chart in words and shows its data table; this adds the drawing, tooltips the keyboard reaches (arrow keys on
 * the focused chart), PNG and SVG downloads and the copy button of the <iframe> snippet.
 */
(function () {
  'use strict';
  // Okabe–Ito: told apart with the common colour-vision deficiencies; yellow last (weak on white)
  var PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'];
  var el = document.getElementById('chart');
  var specEl = document.getElementById('chart-spec');
  if (!el || !specEl || !window.echarts) return;
  var spec = JSON.parse(specEl.textContent);
  var lang = spec.lang === 'en' ? 'en' : 'es';
  var locale = lang === 'es' ? 'es-MX' : 'en-US';

  /** A number as the reader says it: $1,234.5 millones / $1.23 billion (as ChartNumbers does on the server). */
  function readable(v, unit) {
    if (v === null || v === undefined || isNaN(v)) return '–';
    var n = Number(v), abs = Math.abs(n), word = null, scaled = n, text;
    if (lang === 'es') {
      if (abs >= 1e12) { scaled = n / 1e12; word = 'billones'; } else if (abs >= 1e6) { scaled = n / 1e6; word = 'millones'; }
    } else {
      var words = [['trillion', 1e12], ['billion', 1e9], ['million', 1e6]];
      for (var i = 0; i < words.length; i++) if (abs >= words[i][1]) { scaled = n / words[i][1]; word = words[i][0]; break; }
    }
    if (word && lang === 'en') text = new Intl.NumberFormat(locale, {maximumSignificantDigits: 3}).format(scaled);
    else text = new Intl.NumberFormat(locale, {maximumFractionDigits: 1}).format(scaled);
    if (word && lang === 'es' && Math.abs(Math.round(scaled * 10) / 10) === 1) word = word === 'millones' ? 'millón' : 'billón';
    var out = word ? text + ' ' + word : text;
    if (unit === 'money') return out.charAt(0) === '-' ? '-$' + out.slice(1) : '$' + out;
    if (unit === 'percent') return out + (lang === 'es' ? ' %' : '%');
    return out;
  }
  var unit = spec.unit;
  function value(v) { return readable(v, unit); }

  var MONTH = new Intl.DateTimeFormat(locale, {month: 'long', year: 'numeric', timeZone: 'UTC'});
  var SHORT_MONTH = new Intl.DateTimeFormat(locale, {month: 'short', year: 'numeric', timeZone: 'UTC'});
  var DAY = new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeZone: 'UTC'});
  function period(key, short) {
    if (key === null || key === undefined) return '';
    var d = new Date(typeof key === 'number' ? key : String(key).slice(0, 10) + 'T00:00:00Z');
    if (isNaN(d)) return String(key);
    if (spec.period === 'year') return String(d.getUTCFullYear());
    if (spec.period === 'month') return (short ? SHORT_MONTH : MONTH).format(d);
    return DAY.format(d);
  }

  function narrow() { return el.clientWidth < 560; }

  /** Everything the arrow keys step through: [name, value] in the drawing's order. */
  var items = [];

  function axisName(text, horizontal) {
    return {name: text, nameLocation: 'middle', nameGap: horizontal ? 28 : 0, nameTextStyle: {color: '#1d1d1b', fontWeight: 600}};
  }

  function option() {
    var t = spec.type, o = {
      color: PALETTE,
      animation: false,
      textStyle: {fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', color: '#1d1d1b'},
      aria: {enabled: true, label: {description: el.getAttribute('aria-label')}},
      tooltip: {confine: true, valueFormatter: value}
    };
    var many = spec.series && spec.series.length > 1;
    if (many || t === 'pie' || t === 'donut') o.aria.decal = {show: true};
    items = [];
    if (t === 'treemap') {
      o.tooltip.formatter = function (p) {
        var path = (p.treePathInfo || []).slice(1).map(function (n) { return n.name; }).join(' › ');
        return echarts.format.encodeHTML(path || p.name) + '<br><b>' + value(p.value) + '</b>';
      };
      var nested = spec.tree.some(function (n) { return n.children; });
      spec.tree.forEach(function (n, i) {
        items.push([n.name, n.value !== undefined ? n.value : sum(n.children)]);
        var colour = PALETTE[i % PALETTE.length], ink = onColour(colour);
        // a part and its inner parts share a colour (white lines between them), so its text stays readable
        [n].concat(n.children || []).forEach(function (m) {
          m.itemStyle = {color: colour};
          m.label = {color: ink};
        });
        // the band over the inner parts, where the part's name is written, is its border: in its colour
        if (n.children) { n.itemStyle.borderColor = colour; n.upperLabel = {color: ink}; }
      });
      var line = function (p) { return p.name + ' · ' + value(p.value); };
      o.series = [{
        type: 'treemap', name: spec.categoryTitle, data: spec.tree, roam: false, nodeClick: nested ? 'zoomToNode' : false,
        left: 0, right: 0, top: 0, bottom: nested ? 36 : 0,
        breadcrumb: {show: nested, bottom: 0, itemStyle: {color: '#5a5a55', textStyle: {color: '#fff'}}, emphasis: {itemStyle: {color: '#1d1d1b'}}},
        label: {show: true, formatter: function (p) { return p.name + '\n' + value(p.value); }, overflow: 'truncate', lineHeight: 17},
        upperLabel: {show: nested, height: 22, formatter: line, overflow: 'truncate'},
        levels: [{itemStyle: {borderColor: '#fff', borderWidth: 0, gapWidth: 3}, upperLabel: {show: false}},
          {itemStyle: nested ? {borderWidth: 2, gapWidth: 1} : {borderColor: '#fff', borderWidth: 1, gapWidth: 1}},
          {itemStyle: {borderColor: '#fff', borderWidth: 1, gapWidth: 0}}]
      }];
      return o;
    }
    if (t === 'pie' || t === 'donut') {
      var data = spec.categories.map(function (c, i) { return {name: c, value: spec.series[0].values[i]}; })
        .filter(function (d) { return d.value !== null && d.value > 0; });
      data.forEach(function (d) { items.push([d.name, d.value]); });
      o.tooltip.trigger = 'item';
      o.tooltip.formatter = function (p) { return echarts.format.encodeHTML(p.name) + '<br><b>' + value(p.value) + '</b> (' + readable(p.percent, 'percent') + ')'; };
      // narrow screens: the shares inside the slices, the names in the legend
      o.legend = {bottom: 0, left: 'center'};
      var small = narrow();
      o.series = [{type: 'pie', radius: t === 'donut' ? (small ? ['30%', '62%'] : ['42%', '68%']) : [0, small ? '62%' : '68%'],
        center: ['50%', small ? '42%' : '46%'], data: data,
        label: small ? {position: 'inside', formatter: function (p) { return readable(p.percent, 'percent'); }, color: '#fff',
          textBorderColor: '#1d1d1b', textBorderWidth: 2}
          : {formatter: function (p) { return p.name + '\n' + readable(p.percent, 'percent'); }, overflow: 'break', width: 160, lineHeight: 16},
        itemStyle: {borderColor: '#fff', borderWidth: 1}}];
      return o;
    }
    if (t === 'scatter') {
      var time = spec.period != null;
      o.tooltip.trigger = 'item';
      o.tooltip.formatter = function (p) {
        var d = p.data;
        return (d[2] ? echarts.format.encodeHTML(d[2]) + '<br>' : '') + echarts.format.encodeHTML(spec.categoryTitle) + ': '
          + (time ? period(d[0]) : readable(d[0])) + '<br>' + echarts.format.encodeHTML(spec.valueTitle) + ': <b>' + value(d[1]) + '</b>';
      };
      spec.points.forEach(function (p) { items.push([(p[2] ? p[2] + ' · ' : '') + (time ? period(p[0]) : readable(p[0])), p[1]]); });
      o.grid = {left: 16, right: 24, top: 36, bottom: 44, containLabel: true};
      o.xAxis = Object.assign({type: time ? 'time' : 'value', scale: true, axisLabel: {formatter: time ? function (v) { return period(v, true); } : readable, hideOverlap: true}}, axisName(spec.categoryTitle, true));
      o.yAxis = {type: 'value', scale: true, name: spec.valueTitle, nameTextStyle: {color: '#1d1d1b', fontWeight: 600, align: 'left'}, axisLabel: {formatter: value}};
      o.series = [{type: 'scatter', data: spec.points, symbolSize: spec.points.length > 1000 ? 4 : 7, large: spec.points.length > 2000,
        itemStyle: {opacity: 0.75}}];
      return o;
    }
    // bars and lines
    var horizontal = t === 'hbar';
    var timeAxis = t === 'line' && spec.period != null;
    var categoryAxis = timeAxis
      ? {type: 'time', axisLabel: {formatter: function (v) { return period(v, true); }, hideOverlap: true}}
      : {type: 'category', data: spec.categories, axisTick: {alignWithLabel: true},
        axisLabel: horizontal ? {width: narrow() ? 90 : 220, overflow: 'truncate'}
          : {interval: 0, rotate: spec.categories.length > 5 ? 35 : 0, width: 110, overflow: 'truncate', hideOverlap: true}};
    if (horizontal) categoryAxis.inverse = true;
    var valueAxis = {type: 'value', axisLabel: {formatter: value, hideOverlap: true}};
    var nameStyle = {color: '#1d1d1b', fontWeight: 600};
    if (horizontal) {
      Object.assign(categoryAxis, {name: spec.categoryTitle, nameLocation: 'start', nameTextStyle: Object.assign({align: 'right'}, nameStyle)});
      Object.assign(valueAxis, {name: spec.valueTitle, nameLocation: 'middle', nameGap: 30, nameTextStyle: nameStyle});
    } else {
      // below the labels, turned ones too (they take about 60 px)
      var turned = !timeAxis && spec.categories.length > 5;
      Object.assign(categoryAxis, {name: spec.categoryTitle, nameLocation: 'middle', nameGap: turned ? 68 : 30, nameTextStyle: nameStyle});
      Object.assign(valueAxis, {name: spec.valueTitle, nameLocation: 'end', nameTextStyle: Object.assign({align: 'left'}, nameStyle)});
    }
    o.xAxis = horizontal ? valueAxis : categoryAxis;
    o.yAxis = horizontal ? categoryAxis : valueAxis;
    o.tooltip.trigger = 'axis';
    o.tooltip.axisPointer = {type: t === 'line' ? 'line' : 'shadow'};
    if (timeAxis) {
      o.tooltip.formatter = function (ps) {
        var out = period(ps[0].value[0]);
        ps.forEach(function (p) { out += '<br>' + p.marker + (p.seriesName && many ? echarts.format.encodeHTML(p.seriesName) + ': ' : '') + '<b>' + value(p.value[1]) + '</b>'; });
        return out;
      };
    }
    var multi = spec.series.length > 1 || spec.series[0].name != null;
    if (multi) o.legend = {type: 'scroll', top: 0, left: 0, right: 0};
    // room on the right for the last value label of horizontal bars ("$1.4 billones")
    o.grid = {left: 12, right: horizontal ? 64 : 28, top: multi ? 64 : 36, bottom: 40, containLabel: true};
    o.series = spec.series.map(function (s) {
      var data = timeAxis ? spec.categories.map(function (c, i) { return [c, s.values[i]]; }) : s.values;
      var ser = {type: t === 'line' ? 'line' : 'bar', name: s.name || spec.valueTitle, data: data};
      if (t === 'stacked') ser.stack = 'total';
      if (t === 'line') { ser.connectNulls = false; ser.showSymbol = spec.categories.length <= 60; ser.symbolSize = 6; ser.lineStyle = {width: 2}; }
      if (t !== 'line') ser.barMaxWidth = 48;
      return ser;
    });
    spec.categories.forEach(function (c, i) {
      var name = timeAxis ? period(c) : c;
      var parts = spec.series.map(function (s) { return (multi ? s.name + ': ' : '') + value(s.values[i]); });
      items.push([name, parts.join('; ')]);
    });
    return o;
  }

  /** Text colour readable on a palette colour (WCAG contrast): white on the dark ones, near-black on the rest. */
  function onColour(c) {
    return ['#0072B2', '#D55E00', '#000000'].indexOf(c) >= 0 ? '#ffffff' : '#1d1d1b';
  }

  function sum(children) {
    return (children || []).reduce(function (a, c) { return a + (c.value || 0); }, 0);
  }

  function height() {
    if (spec.type === 'hbar') return Math.max(320, spec.categories.length * 28 + 80);
    if (spec.type === 'pie' || spec.type === 'donut' || spec.type === 'treemap') return narrow() ? 420 : 480;
    return narrow() ? 360 : 440;
  }

  el.hidden = false; // without script the page shows the summary and the table, not an empty box
  el.style.height = height() + 'px';
  var chart = echarts.init(el, null, {renderer: 'svg', locale: lang.toUpperCase()});
  var opt = option();
  chart.setOption(opt);
  el.setAttribute('data-drawn', 'true');
  // ECharts sets the container's aria-label from its own description; the page's (title and summary) is kept
  el.setAttribute('role', 'img');

  window.addEventListener('resize', function () {
    el.style.height = height() + 'px';
    chart.resize();
  });

  // the keyboard: arrows step through the values, each shown in the tooltip and said by the live region
  var live = document.getElementById('chart-live');
  var current = -1;
  function show(i) {
    if (!items.length) return;
    current = (i + items.length) % items.length;
    var item = items[current];
    var said = item[0] + ': ' + (typeof item[1] === 'number' ? value(item[1]) : item[1]);
    if (live) live.textContent = said;
    var index = current;
    if (spec.type === 'pie' || spec.type === 'donut' || spec.type === 'scatter' || spec.type === 'treemap') {
      chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: spec.type === 'treemap' ? index + 1 : index});
    } else {
      chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: index});
    }
  }
  el.addEventListener('keydown', function (e) {
    var k = e.key;
    if (k === 'ArrowRight' || k === 'ArrowDown') show(current + 1);
    else if (k === 'ArrowLeft' || k === 'ArrowUp') show(current - 1);
    else if (k === 'Home') show(0);
    else if (k === 'End') show(items.length - 1);
    else if (k === 'Escape') { chart.dispatchAction({type: 'hideTip'}); return; }
    else return;
    e.preventDefault();
  });
  el.addEventListener('focus', function () { show(current < 0 ? 0 : current); });
  el.addEventListener('blur', function () { chart.dispatchAction({type: 'hideTip'}); });

  // downloads: SVG from this drawing, PNG drawn again on a canvas; both with the title and the source
  function exportOption() {
    var o = option();
    o.title = {text: spec.title, subtext: spec.source, left: 8, top: 4, textStyle: {fontSize: 16, width: el.clientWidth - 16, overflow: 'break'},
      subtextStyle: {color: '#5a5a55'}};
    if (o.grid) o.grid.top = (o.grid.top || 36) + 56;
    if (o.legend) o.legend.top = 56;
    if (o.series && o.series[0] && (o.series[0].type === 'pie')) o.series[0].center = ['50%', '56%'];
    if (o.series && o.series[0] && (o.series[0].type === 'treemap')) { o.series[0].top = 64; o.series[0].height = '78%'; }
    return o;
  }
  function save(href, ext) {
    var a = document.createElement('a');
    a.href = href;
    a.download = (spec.file || 'chart') + '.' + ext;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  /** Draws the chart again off screen with its title and source, and hands it to {@code use} once fully drawn. */
  function offscreen(renderer, use) {
    var box = document.createElement('div');
    var w = Math.max(el.clientWidth, 640), h = el.clientHeight + 64;
    box.style.cssText = 'position:absolute;left:-10000px;top:0;width:' + w + 'px;height:' + h + 'px';
    document.body.appendChild(box);
    var c = echarts.init(box, null, {renderer: renderer, locale: lang.toUpperCase(), width: w, height: h});
    var done = false;
    var finish = function () {
      if (done) return;
      done = true;
      use(c);
      c.dispose();
      box.remove();
    };
    c.on('finished', finish);
    c.setOption(exportOption());
    setTimeout(finish, 1500);
  }
  var png = document.getElementById('chart-png');
  var svg = document.getElementById('chart-svg');
  if (png) png.addEventListener('click', function () {
    offscreen('canvas', function (c) { save(c.getDataURL({type: 'png', pixelRatio: 2, backgroundColor: '#ffffff'}), 'png'); });
  });
  if (svg) svg.addEventListener('click', function () {
    offscreen('svg', function (c) { save(URL.createObjectURL(new Blob([c.renderToSVGString()], {type: 'image/svg+xml'})), 'svg'); });
  });
  var copy = document.getElementById('chart-copy');
  var code = document.getElementById('chart-embed-code');
  if (copy && code) copy.addEventListener('click', function () {
    var done = function () { copy.textContent = copy.getAttribute('data-done'); };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(code.value).then(done, function () {
      code.select(); document.execCommand('copy'); done();
    });
    else { code.select(); document.execCommand('copy'); done(); }
  });
  document.querySelectorAll('.chart-js').forEach(function (e) { e.hidden = false; });
  window.zocaloChart = chart; // for the page's tests and the curious
})();
