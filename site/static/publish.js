// The metadata-quality score of /publish, updated as the fields are filled: the form is sent (with its CSRF field)
// to the page's score URL, which answers the score as the catalog would compute it.
(function () {
  'use strict';
  var form = document.querySelector('form[data-score-url]');
  if (!form) return;
  var timer = null;
  function update() {
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute('data-score-url'), {
      method: 'POST', body: body, credentials: 'same-origin',
      headers: { 'Accept': 'application/json' }
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (s) {
      if (!s || s.error) return;
      document.getElementById('score-points').textContent = s.total;
      document.getElementById('score-rating').textContent = s.rating;
      var meter = document.getElementById('score-meter');
      meter.value = s.total;
      meter.textContent = s.percent + '%';
      var list = document.getElementById('score-missing');
      while (list.firstChild) list.removeChild(list.firstChild);
      s.missing.forEach(function (m) {
        var li = document.createElement('li');
        li.textContent = m;
        list.appendChild(li);
      });
      form.setAttribute('data-score', s.total);
    }).catch(function () { /* the score is a help; the form works without it */ });
  }
  function later() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, 300);
  }
  form.addEventListener('input', later);
  form.addEventListener('change', later);
})();
