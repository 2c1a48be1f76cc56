/*
 * Zócalo maps (/dataset/{slug}/map), drawn with Apache ECharts (served by the portal, no network needed):
 *  - points: the rows of the row API's GeoJSON (the page's filters), over the boundaries of the places
 *    (/api/places/{estado,municipio}.geojson), grouped on a pixel grid when dense (a group shows its count and splits
 *    as you zoom; a click on it zooms in), each point opening its record;
 *  - choropleth: the places coloured by the class the server gave each (legend, summary and table are in the page).
 * Numbers are written with Intl for the page's language. Optional tiles (--tile-url) are drawn under the boundaries
 * in Web Mercator.
 */
(function () {
  'use strict';
  var el = document.getElementById('map');
  var cfgEl = document.getElementById('map-config');
  if (!el || !cfgEl || typeof echarts === 'undefined') return;
  var cfg = JSON.parse(cfgEl.textContent);
  var msg = cfg.messages || {};
  var statusEl = document.getElementById('map-status');
  var nf = new Intl.NumberFormat(cfg.lang);
  var NO_DATA = '#d9d9d9';
  var STRIPES = { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4, color: 'rgba(0,0,0,0.35)' };

  function fill(t, o) {
    return String(t || '').replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; });
  }
  function say(t) { if (statusEl) statusEl.textContent = t; }
  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/geo+json, application/json' } }).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.json().then(function (body) { return { body: body, total: Number(r.headers.get('X-Total-Count')) }; });
    });
  }
  /** A record's page: IRIs under the portal's base open here, whatever host serves it. */
  function local(iri) {
    if (cfg.base && iri && iri.indexOf(cfg.base) === 0) return '/' + iri.substring(cfg.base.length);
    return iri;
  }
  function shapes() {
    return Promise.all(cfg.shapes.map(function (u) { return getJson(u); })).then(function (all) {
      var features = [];
      all.forEach(function (a) { features = features.concat(a.body.features || []); });
      echarts.registerMap('zocalo', { type: 'FeatureCollection', features: features });
      return features;
    });
  }

  /** [west, south, east, north] of GeoJSON features. */
  function bboxOf(features) {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    function walk(c) {
      if (typeof c[0] === 'number') {
        b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]); b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
      } else c.forEach(walk);
    }
    features.forEach(function (f) { if (f.geometry) walk(f.geometry.coordinates); });
    return b;
  }
  var ASPECT_SCALE = 0.9;
  var box = null; // the area shown: [west, south, east, north]
  /**
   * The map's place in its box, keeping its shape: the box's height follows the area's shape (between 260 and 720
   * pixels, at most 80% of the window), and the map is centred in it.
   */
  function layout() {
    if (!box) return {};
    var w = box[2] - box[0];
    var h = cfg.tiles && cfg.mode === 'points' ? mercator(box[3]) - mercator(box[1]) : (box[3] - box[1]);
    var aspect = (w * (cfg.tiles && cfg.mode === 'points' ? 1 : ASPECT_SCALE)) / Math.max(1e-9, h);
    var W = el.clientWidth;
    var H = Math.round(Math.max(260, Math.min(720, window.innerHeight * 0.8, (W - 16) / aspect + 16)));
    if (Math.abs(el.clientHeight - H) > 1) { el.style.height = H + 'px'; chart.resize(); }
    var mw = W - 16, mh = mw / aspect;
    if (mh > H - 16) { mh = H - 16; mw = mh * aspect; }
    return { left: Math.round((W - mw) / 2), top: Math.round((H - mh) / 2), width: Math.round(mw), height: Math.round(mh) };
  }

  var chart = echarts.init(el, null, { renderer: 'svg' });
  window.addEventListener('resize', function () {
    chart.resize();
    var patch = {};
    patch[roamKey] = [layout()];
    chart.setOption(patch);
    if (recluster) recluster();
  });
  var recluster = null;
  var home = null; // the initial view: {center, zoom}
  var roamKey = cfg.mode === 'points' ? 'geo' : 'series';

  function view() {
    var o = chart.getOption()[roamKey][0];
    return { center: o.center, zoom: o.zoom || 1 };
  }
  function setView(center, zoom) {
    var patch = {};
    patch[roamKey] = [{ center: center, zoom: zoom }];
    chart.setOption(patch);
    if (recluster) recluster();
  }
  document.querySelectorAll('.map-controls button').forEach(function (b) {
    b.addEventListener('click', function () {
      var v = view();
      var what = b.getAttribute('data-zoom');
      if (what === 'reset') setView(home ? home.center : null, home ? home.zoom : 1);
      else setView(v.center, Math.max(0.5, Math.min(200, v.zoom * (what === 'in' ? 2 : 0.5))));
    });
  });

  function choropleth() {
    say(msg.loading);
    shapes().then(function (features) {
      box = bboxOf(features);
      var place = layout();
      var data = cfg.areas.map(function (a) {
        return {
          name: a.code, value: a.value, place: a.name, text: a.text, href: a.href,
          itemStyle: a.cls < 0 ? { areaColor: NO_DATA, decal: STRIPES } : { areaColor: a.colour },
          emphasis: { itemStyle: { areaColor: a.cls < 0 ? NO_DATA : a.colour, borderColor: '#000', borderWidth: 2 } }
        };
      });
      chart.setOption({
        tooltip: {
          trigger: 'item', confine: true,
          formatter: function (p) {
            var d = p.data || {};
            return echarts.format.encodeHTML((d.place || p.name) + ': ' + (d.value == null ? msg.noData : nf.format(d.value)));
          }
        },
        series: [{
          type: 'map', map: 'zocalo', nameProperty: 'code', roam: true, selectedMode: false, aspectScale: ASPECT_SCALE,
          left: place.left, top: place.top, width: place.width, height: place.height,
          
          label: { show: false }, emphasis: { label: { show: false } },
          itemStyle: { areaColor: NO_DATA, borderColor: '#ffffff', borderWidth: 0.8 },
          data: data
        }]
      });
      home = view();
      say('');
      chart.on('click', function (p) { if (p.data && p.data.href) window.location.href = p.data.href; });
    }).catch(function (e) { say(msg.failed); if (window.console) console.error(e); });
  }

  function points() {
    say(msg.loading);
    var pts = [];
    var without = 0;
    var total = 0;
    function page(offset) {
      var url = cfg.data + (cfg.data.indexOf('?') < 0 ? '?' : '&') + '$offset=' + offset;
      return getJson(url).then(function (a) {
        total = a.total || 0;
        var fs = a.body.features || [];
        fs.forEach(function (f) {
          var p = f.properties || {};
          if (!f.geometry || !f.geometry.coordinates) { without++; return; }
          var c = f.geometry.coordinates;
          pts.push({ lon: c[0], lat: c[1], name: p.label || p[':id'], iri: p[':id'] });
        });
        var next = offset + fs.length;
        if (fs.length > 0 && next < total && next < cfg.maxPoints) return page(next);
        return null;
      });
    }
    Promise.all([shapes(), page(0)]).then(function (r) {
      var features = r[0];
      var states = {};
      features.forEach(function (f) { if (String(f.properties.code).length <= 2) states[f.properties.code] = true; });
      var regions = features.map(function (f) {
        var st = states[f.properties.code];
        return { name: f.properties.code, itemStyle: { borderColor: st ? '#555555' : '#b0b0b0', borderWidth: st ? 1.2 : 0.6 } };
      });
      var geo = {
        map: 'zocalo', nameProperty: 'code', roam: true, silent: true, aspectScale: ASPECT_SCALE, 
        itemStyle: { areaColor: '#f3f1ea', borderColor: '#b0b0b0', borderWidth: 0.6 }, regions: regions
      };
      if (cfg.tiles) {
        // Web Mercator, so that square tiles line up with the boundaries; the regions let the tiles show through
        geo.projection = {
          project: function (p) { return [p[0], -mercator(p[1])]; },
          unproject: function (p) { return [p[0], inverseMercator(-p[1])]; }
        };
        geo.itemStyle.areaColor = 'rgba(255,255,255,0.15)';
      }
      if (pts.length) {
        var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
        pts.forEach(function (p) {
          minX = Math.min(minX, p.lon); maxX = Math.max(maxX, p.lon); minY = Math.min(minY, p.lat); maxY = Math.max(maxY, p.lat);
        });
        var pad = Math.max(0.05, (maxX - minX) * 0.05, (maxY - minY) * 0.05);
        geo.boundingCoords = [[minX - pad, maxY + pad], [maxX + pad, minY - pad]];
        box = [minX - pad, minY - pad, maxX + pad, maxY + pad];
      } else {
        box = bboxOf(features);
      }
      var place = layout();
      geo.left = place.left; geo.top = place.top; geo.width = place.width; geo.height = place.height;
      chart.setOption({
        animation: false,
        tooltip: {
          trigger: 'item', confine: true,
          formatter: function (p) {
            var d = p.data || {};
            return echarts.format.encodeHTML(d.n ? fill(msg.cluster, { n: nf.format(d.n) }) : (d.name || ''));
          }
        },
        geo: geo,
        series: [
          { id: 'points', type: 'scatter', coordinateSystem: 'geo', symbolSize: 8, z: 3,
            itemStyle: { color: '#440154', borderColor: '#ffffff', borderWidth: 1 }, data: [] },
          { id: 'clusters', type: 'scatter', coordinateSystem: 'geo', z: 4,
            symbolSize: function (v) { return Math.min(38, 20 + 1.5 * Math.sqrt(v[2])); },
            itemStyle: { color: '#21918c', borderColor: '#ffffff', borderWidth: 1.5, opacity: 0.92 },
            label: { show: true, color: '#ffffff', fontWeight: 'bold', fontSize: 11,
              formatter: function (p) { return nf.format(p.data.n); } },
            data: [] }
        ]
      });
      home = view();
      var cell = 50;
      recluster = function () {
        var bins = {};
        pts.forEach(function (p, i) {
          var px = chart.convertToPixel({ geoIndex: 0 }, [p.lon, p.lat]);
          if (!px) return;
          var k = Math.floor(px[0] / cell) + ':' + Math.floor(px[1] / cell);
          (bins[k] = bins[k] || []).push(i);
        });
        var singles = [], groups = [];
        Object.keys(bins).forEach(function (k) {
          var b = bins[k];
          if (b.length === 1) {
            var p = pts[b[0]];
            singles.push({ value: [p.lon, p.lat], name: p.name, iri: p.iri });
          } else {
            var x = 0, y = 0;
            b.forEach(function (i) { x += pts[i].lon; y += pts[i].lat; });
            groups.push({ value: [x / b.length, y / b.length, b.length], n: b.length });
          }
        });
        chart.setOption({ series: [{ id: 'points', data: singles }, { id: 'clusters', data: groups }] });
        el.setAttribute('data-points', String(singles.length));
        el.setAttribute('data-clusters', String(groups.length));
      };
      var pending = false;
      chart.on('georoam', function () {
        if (pending) return;
        pending = true;
        setTimeout(function () { pending = false; recluster(); }, 60);
      });
      chart.on('click', function (p) {
        var d = p.data || {};
        if (d.n) {
          var v = view();
          setView([d.value[0], d.value[1]], Math.min(200, v.zoom * 2.5));
        } else if (d.iri) {
          window.location.href = local(d.iri);
        }
      });
      recluster();
      if (cfg.tiles) {
        var drawTiles = tiles();
        var inner = recluster;
        recluster = function () { inner(); drawTiles(); };
        drawTiles();
      }
      var capped = total > pts.length + without;
      var text = capped ? fill(msg.statusCapped, { n: nf.format(pts.length), total: nf.format(total) })
        : fill(msg.status, { n: nf.format(pts.length) });
      if (without) text += ' ' + fill(msg.withoutPoint, { n: nf.format(without) });
      say(text);
      el.setAttribute('data-loaded', String(pts.length));
      pointTable(pts);
    }).catch(function (e) { say(msg.failed); if (window.console) console.error(e); });
  }

  function mercator(lat) {
    var r = Math.max(-85.05, Math.min(85.05, lat)) * Math.PI / 180;
    return Math.log(Math.tan(Math.PI / 4 + r / 2)) * 180 / Math.PI;
  }
  function inverseMercator(y) {
    return (2 * Math.atan(Math.exp(y * Math.PI / 180)) - Math.PI / 2) * 180 / Math.PI;
  }

  /**
   * Tiles of cfg.tiles ({z}/{x}/{y}) under the geo component: the zoom whose tiles are about 256 pixels wide, the tiles
   * covering the view (at most 64), each placed by the pixels of its corners; drawn again after every move.
   */
  function tiles() {
    return function () {
      var w = chart.getWidth(), h = chart.getHeight();
      var west = chart.convertToPixel({ geoIndex: 0 }, [-180, 0]);
      var east = chart.convertToPixel({ geoIndex: 0 }, [180, 0]);
      if (!west || !east) return;
      var z = Math.max(0, Math.min(19, Math.round(Math.log2(Math.abs(east[0] - west[0]) / 256))));
      var n = Math.pow(2, z);
      var tl = chart.convertFromPixel({ geoIndex: 0 }, [0, 0]);
      var br = chart.convertFromPixel({ geoIndex: 0 }, [w, h]);
      function tx(lon) { return Math.floor((lon + 180) / 360 * n); }
      function ty(lat) { return Math.floor((1 - mercator(lat) / 180) / 2 * n); }
      function lon(x) { return x / n * 360 - 180; }
      function lat(y) { return inverseMercator(180 * (1 - 2 * y / n)); }
      var x0 = Math.max(0, tx(tl[0])), x1 = Math.min(n - 1, tx(br[0]));
      var y0 = Math.max(0, ty(tl[1])), y1 = Math.min(n - 1, ty(br[1]));
      var images = [];
      for (var x = x0; x <= x1 && images.length < 64; x++) {
        for (var y = y0; y <= y1 && images.length < 64; y++) {
          var a = chart.convertToPixel({ geoIndex: 0 }, [lon(x), lat(y)]);
          var b = chart.convertToPixel({ geoIndex: 0 }, [lon(x + 1), lat(y + 1)]);
          images.push({ type: 'image', silent: true, z: -10, style: {
            image: cfg.tiles.replace('{z}', z).replace('{x}', x).replace('{y}', y),
            x: a[0], y: a[1], width: b[0] - a[0], height: b[1] - a[1] } });
        }
      }
      chart.setOption({ graphic: [{ id: 'tiles', type: 'group', z: -10, children: images }] }, { replaceMerge: ['graphic'] });
      el.setAttribute('data-tiles', String(images.length));
    };
  }

  /** The points as a table, built when it is first opened. */
  function pointTable(pts) {
    var details = document.getElementById('map-points');
    var body = document.getElementById('points-body');
    if (!details || !body) return;
    var built = false;
    function build() {
      if (built) return;
      built = true;
      var frag = document.createDocumentFragment();
      var f6 = new Intl.NumberFormat(cfg.lang, { minimumFractionDigits: 5, maximumFractionDigits: 5 });
      pts.forEach(function (p) {
        var tr = document.createElement('tr');
        var th = document.createElement('th');
        th.scope = 'row';
        var a = document.createElement('a');
        a.href = local(p.iri);
        a.textContent = p.name || p.iri;
        th.appendChild(a);
        tr.appendChild(th);
        [p.lat, p.lon].forEach(function (v) {
          var td = document.createElement('td');
          td.className = 'number';
          td.textContent = f6.format(v);
          tr.appendChild(td);
        });
        frag.appendChild(tr);
      });
      body.appendChild(frag);
    }
    if (details.open) build();
    details.addEventListener('toggle', function () { if (details.open) build(); });
  }

  if (cfg.mode === 'choropleth') choropleth();
  else points();
})();
