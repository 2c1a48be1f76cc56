/*
 * The SPARQL workbench: when scripts run, the plain form of /sparql becomes YASGUI (served from /static/,
 * see yasgui.LICENSE.txt). Without scripts the form still sends the query and the server shows the results.
 * Example queries open in the editor and run; a result the service cut at its row limit says so.
 */
(function () {
  'use strict';
  var configEl = document.getElementById('sparql-config');
  var host = document.getElementById('yasgui');
  if (!configEl || !host || typeof window.Yasgui !== 'function') return;
  var config = JSON.parse(configEl.textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var pageOnly = ['format', 'output', 'lang'];
  var yasgui;

  // an error the endpoint answers in JSON ({"error": {"message", "line", "column", "text"}}, see README) is shown as its
  // message, in the page's language, and the query's line with a caret under the place; not as raw JSON
  function queryError(error) {
    var body;
    try { body = JSON.parse(error && error.text); } catch (e) { return undefined; }
    var e = body && body.error;
    if (!e || typeof e.message !== 'string') return undefined;
    var box = document.createElement('div');
    box.className = 'zocalo-error';
    box.setAttribute('role', 'alert');
    var p = document.createElement('p');
    p.textContent = e.message;
    box.appendChild(p);
    if (typeof e.text === 'string' && e.column > 0) {
      var number = String(e.line);
      var pad = e.text.slice(0, e.column - 1).replace(/[^\t]/g, ' ');
      var pre = document.createElement('pre');
      pre.textContent = ' ' + number + ' | ' + e.text + '\n ' + number.replace(/./g, ' ') + ' | ' + pad + '^';
      box.appendChild(pre);
    }
    return box;
  }
  var Yasr = window.Yasgui.Yasr;
  if (Yasr && Yasr.defaults) Yasr.defaults.errorRenderers = [queryError].concat(Yasr.defaults.errorRenderers || []);

  try {
    host.hidden = false;
    yasgui = new window.Yasgui(host, {
      requestConfig: { endpoint: endpoint, method: 'POST' },
      copyEndpointOnNewTab: true,
      persistenceId: 'zocalo-sparql',
      autofocus: false,
      // /sparql?query=... opens the editor with that query (and runs it); the page's own parameters stay here
      populateFromUrl: function (tab) {
        var rc = tab.requestConfig || {};
        if (Array.isArray(rc.args)) rc.args = rc.args.filter(function (a) { return pageOnly.indexOf(a.name) < 0; });
        rc.endpoint = rc.endpoint || endpoint;
        return tab;
      },
      yasqe: { value: config.query }
    });
  } catch (e) {
    host.hidden = true;
    if (window.console) console.error('YASGUI could not start; the plain form stays', e);
    return;
  }
  document.documentElement.classList.add('has-yasgui');

  // YASGUI's own markup leaves its editor and endpoint fields without labels and a tab list without tabs; give
  // them names (from the page's own labels) whenever YASGUI redraws
  var spanish = document.documentElement.lang === 'es';
  var editorLabel = spanish ? 'Consulta SPARQL' : 'SPARQL query';
  var endpointLabel = spanish ? 'Punto de consulta SPARQL' : 'SPARQL endpoint';
  function label() {
    host.querySelectorAll('textarea:not([aria-label])').forEach(function (t) { t.setAttribute('aria-label', editorLabel); });
    host.querySelectorAll('input.autocomplete:not([aria-label])').forEach(function (i) { i.setAttribute('aria-label', endpointLabel); });
    // the tab strip's ARIA roles are incomplete: keep it as plain links and buttons
    host.querySelectorAll('.tabsList, .tabsList [role], .tabsList [aria-selected]').forEach(function (l) {
      ['role', 'aria-selected', 'aria-controls', 'aria-expanded'].forEach(function (a) {
        if (l.hasAttribute(a)) l.removeAttribute(a);
      });
    });
  }
  label();
  new MutationObserver(label).observe(host, { childList: true, subtree: true });

  function notice(tab, rows) {
    var panel = host.querySelector('.tabPanel.active') || host;
    var old = host.querySelectorAll('.truncated-notice');
    for (var i = 0; i < old.length; i++) old[i].remove();
    if (!rows) return;
    var p = document.createElement('p');
    p.className = 'notice truncated truncated-notice';
    p.setAttribute('role', 'status');
    p.textContent = config.truncatedText.replace('{n}', rows);
    var yasr = panel.querySelector('.yasr');
    if (yasr && yasr.parentNode) yasr.parentNode.insertBefore(p, yasr); else panel.appendChild(p);
  }

  var watched = [];
  function watch(tab) {
    if (!tab || watched.indexOf(tab) >= 0) return;
    watched.push(tab);
    tab.getYasqe().on('queryResponse', function (_yasqe, response) {
      var headers = response && response.headers;
      var rows = headers && typeof headers.get === 'function' ? headers.get('X-Zocalo-Truncated') : null;
      notice(tab, rows);
    });
  }
  watch(yasgui.getTab());
  yasgui.on('tabSelect', function () { watch(yasgui.getTab()); });
  yasgui.on('tabAdd', function (_y, id) { setTimeout(function () { watch(yasgui.getTab(id)); }, 0); });

  var examples = document.querySelectorAll('a.example[data-query]');
  for (var i = 0; i < examples.length; i++) {
    examples[i].addEventListener('click', function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey || ev.button !== 0) return;
      ev.preventDefault();
      var tab = yasgui.getTab();
      watch(tab);
      tab.setQuery(this.getAttribute('data-query'));
      tab.query().catch(function () {});
      host.scrollIntoView({ block: 'start' });
    });
  }
})();
