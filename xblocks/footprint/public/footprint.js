/* Learner view of the digital-footprint calculator. The server computes; this file collects the
   answers, posts them, and renders the results with textContent only. Several blocks per page work:
   everything is looked up inside `element` and state stays in this closure. */
window.SiriusFootprint = function (runtime, element, initArgs) {
  'use strict';
  var C = window.SiriusCommon;
  var args = C.initArgs(initArgs);
  var lang = args.language || 'en';
  var t = C.gettext(args.i18n);
  var urls = {};
  ['keep_answers', 'compute', 'save_result', 'history', 'analyse_website', 'publish_browser_event'].forEach(function (name) {
    urls[name] = runtime.handlerUrl(element, name);
  });
  var root = element.querySelector('.sirius-fp');
  var form = root.querySelector('.sirius-fp-form');
  var steps = Array.prototype.slice.call(root.querySelectorAll('.sirius-fp-step'));
  var q = function (selector) { return root.querySelector(selector); };
  var state = {answers: JSON.parse(JSON.stringify(args.answers || {})), scenarios: (args.active_scenarios || []).slice(),
    step: 0, results: null, timer: null, sourcesSeen: false};

  function fmt(value, decimals) { return C.formatNumber(value, lang, decimals === undefined ? (value < 10 ? 1 : 0) : decimals); }
  function say(format, values) { return t.interpolate(t.gettext(format), values).replace(/%%/g, '%'); }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function event(verb, data) { C.postJSON(urls.publish_browser_event, {verb: verb, data: data || {}}); }

  function readField(input) {
    if (input.type === 'checkbox') { return input.checked; }
    if (input.type === 'number') {
      var text = input.value.trim().replace(',', '.');
      return text !== '' && isFinite(Number(text)) ? Number(text) : input.value;
    }
    return input.value;
  }
  function collect() {
    var answers = JSON.parse(JSON.stringify(state.answers));
    Array.prototype.forEach.call(form.querySelectorAll('[name]'), function (input) {
      if (input.name === 'analyser_url') { return; }
      var path = input.name.split('.');
      var target = answers;
      for (var i = 0; i < path.length - 1; i += 1) {
        if (typeof target[path[i]] !== 'object' || target[path[i]] === null) { target[path[i]] = {}; }
        target = target[path[i]];
      }
      target[path[path.length - 1]] = readField(input);
    });
    return answers;
  }

  function showStep(index) {
    state.step = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach(function (step, i) { step.classList.toggle('is-current', i === state.step); });
    q('.sirius-fp-progress').textContent = say('Step %(current)s of %(count)s', {current: state.step + 1, count: steps.length});
  }
  function moveTo(index) {
    showStep(index);
    var first = steps[state.step].querySelector('input, select');
    if (first) { first.focus(); }
    event('step_viewed', {step: state.step + 1});
  }

  function clearErrors() {
    q('.sirius-fp-error').textContent = '';
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (input) { input.removeAttribute('aria-invalid'); });
  }
  function showError(result) {
    var message = (result.data && result.data.error) || t.gettext('No connection. Your answers are kept on this page; try again.');
    q('.sirius-fp-error').textContent = result.status ? say('Please correct: %(message)s', {message: message}) : message;
    var input = result.data && result.data.field ? form.querySelector('[name="' + CSS.escape(result.data.field) + '"]') : null;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      var step = steps.indexOf(input.closest('.sirius-fp-step'));
      if (step >= 0) { showStep(step); }
      input.focus();
    }
  }

  function keep() {
    clearTimeout(state.timer);
    state.timer = setTimeout(function () {
      C.postJSON(urls.keep_answers, {answers: collect()}).then(function (result) {
        if (result.ok) { state.answers = collect(); }
      });
    }, 800);
  }

  function renderChart(categories, labels) {
    var chart = q('.sirius-fp-chart');
    clear(chart);
    var largest = categories.length ? categories[0].kg : 0;
    categories.forEach(function (category) {
      var item = C.el('li', {'class': 'sirius-fp-bar-row'});
      item.appendChild(C.el('span', {'class': 'sirius-fp-bar-label'}, labels[category.key] || category.key));
      var track = C.el('span', {'class': 'sirius-fp-bar-track', 'aria-hidden': 'true'});
      var bar = C.el('span', {'class': 'sirius-fp-bar'});
      bar.style.inlineSize = (largest > 0 ? Math.max(0.5, 100 * category.kg / largest) : 0) + '%';
      track.appendChild(bar);
      item.appendChild(track);
      item.appendChild(C.el('span', {'class': 'sirius-fp-bar-value'},
        say('%(value)s kg (%(share)s %%)', {value: fmt(category.kg), share: fmt(100 * category.share, 0)})));
      chart.appendChild(item);
    });
  }

  function renderScenarios(results) {
    var list = q('.sirius-fp-scenarios');
    clear(list);
    results.scenarios.forEach(function (scenario) {
      var item = C.el('li');
      var label = C.el('label', {'class': 'sirius-fp-check'});
      var box = C.el('input', {type: 'checkbox', value: scenario.key});
      box.checked = results.active_scenarios.indexOf(scenario.key) >= 0;
      box.addEventListener('change', function () {
        state.scenarios = Array.prototype.filter.call(list.querySelectorAll('input:checked'), function () { return true; })
          .map(function (input) { return input.value; });
        event('scenario_toggled', {scenario: scenario.key, on: box.checked});
        compute(false);
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + (args.scenarios[scenario.key] || scenario.key) + ' — ' +
        say('Saves %(saved)s kg a year: new total %(total)s kg', {saved: fmt(scenario.saved_kg), total: fmt(scenario.new_total_kg)})));
      item.appendChild(label);
      list.appendChild(item);
    });
  }

  function render(results, rebuildScenarios) {
    state.results = results;
    var section = q('.sirius-fp-results');
    section.hidden = false;
    q('.sirius-fp-total').textContent = say('%(value)s kg CO2e per year', {value: fmt(results.total_kg)});
    q('.sirius-fp-range').textContent = say('Between %(low)s and %(high)s kg', {low: fmt(results.low_kg), high: fmt(results.high_kg)});
    renderChart(results.categories, args.categories);
    q('.sirius-fp-biggest').textContent = results.biggest_sentence || '';
    var site = results.website;
    q('.sirius-fp-website').textContent = site ? say('Your web page: %(grams)s g CO2e per visit, rating %(rating)s, %(kg)s kg a year',
      {grams: fmt(site.grams_per_view, 2), rating: site.rating, kg: fmt(site.kg_per_year)}) : '';
    if (rebuildScenarios || !q('.sirius-fp-scenarios').firstChild) { renderScenarios(results); }
    q('.sirius-fp-combined').textContent = results.active_scenarios.length ?
      say('With the changes you chose: %(total)s kg CO2e per year', {total: fmt(results.total_with_scenarios_kg)}) : '';
    var equivalents = q('.sirius-fp-equivalents');
    clear(equivalents);
    equivalents.appendChild(C.el('li', null, say('About %(value)s km by car', {value: fmt(results.equivalents.car_km, 0)})));
    equivalents.appendChild(C.el('li', null, say('About %(value)s phone charges', {value: fmt(results.equivalents.phone_charges, 0)})));
  }

  function compute(moveFocus) {
    clearErrors();
    var answers = collect();
    return C.postJSON(urls.compute, {answers: answers, scenarios: state.scenarios}).then(function (result) {
      if (!result.ok) { showError(result); return; }
      state.answers = answers;
      render(result.data, moveFocus);
      C.announce(q('.sirius-fp-live'), say('Your footprint is %(value)s kg CO2e per year.', {value: fmt(result.data.total_kg)}));
      if (moveFocus) { q('.sirius-fp-results h3').focus(); }
    });
  }

  function renderHistory(entries) {
    var list = q('.sirius-fp-history-list');
    clear(list);
    if (!entries.length) { list.appendChild(C.el('li', null, t.gettext('No saved result yet.'))); return; }
    var dates = new Intl.DateTimeFormat({en: 'en-GB', fr: 'fr-BE', ar: 'ar-u-nu-latn'}[lang] || lang, {dateStyle: 'medium', timeStyle: 'short'});
    entries.forEach(function (entry) {
      list.appendChild(C.el('li', null, say('%(date)s: %(value)s kg CO2e per year',
        {date: dates.format(new Date(entry.saved_at)), value: fmt(entry.total_kg)})));
    });
  }

  function save() {
    clearErrors();
    var status = q('.sirius-fp-status');
    C.postJSON(urls.save_result, {answers: collect(), scenarios: state.scenarios}).then(function (result) {
      if (!result.ok) { status.textContent = ''; showError(result); return; }
      render(result.data, true);
      renderHistory(result.data.history || []);
      status.textContent = t.gettext('Result saved.');
    });
  }

  function analyse() {
    var input = form.querySelector('[name="analyser_url"]');
    var status = q('.sirius-fp-status');
    clearErrors();
    C.postJSON(urls.analyse_website, {url: input.value}, 30000).then(function (result) {
      if (!result.ok) { showError({status: result.status, data: {error: result.data.error, field: result.status ? 'analyser_url' : null}}); return; }
      form.querySelector('[name="business.page_mb"]').value = Math.round(result.data.megabytes * 100) / 100;
      C.announce(q('.sirius-fp-live'), say('Page weight: %(mb)s MB, %(requests)s requests. We filled in the page weight.',
        {mb: fmt(result.data.megabytes, 2), requests: result.data.requests}));
      keep();
    });
  }

  form.addEventListener('submit', function (submitEvent) { submitEvent.preventDefault(); compute(true); });
  form.addEventListener('change', keep);
  root.addEventListener('click', function (click) {
    var target = click.target;
    if (target.closest('.sirius-fp-next')) { moveTo(state.step + 1); }
    else if (target.closest('.sirius-fp-back')) { moveTo(state.step - 1); }
    else if (target.closest('.sirius-fp-save')) { save(); }
    else if (target.closest('.sirius-fp-analyse')) { analyse(); }
    else if (target.closest('.sirius-fp-print')) { event('report_printed'); window.print(); }
  });
  /* The printed report carries its sources: a closed <details> would print only its summary. */
  window.addEventListener('beforeprint', function () { q('.sirius-fp-sources').open = true; });
  q('.sirius-fp-sources').addEventListener('toggle', function () {
    if (!state.sourcesSeen) { state.sourcesSeen = true; event('sources_opened'); }
  });
  showStep(0);
  if (args.has_saved) {
    C.postJSON(urls.history, {}).then(function (result) { if (result.ok) { renderHistory(result.data.history || []); } });
    compute(false);
  } else {
    renderHistory([]);
  }
  if (window.SiriusFootprintStaff && root.querySelector('.sirius-fp-staff')) {
    window.SiriusFootprintStaff(runtime, element, t, lang);
  }
};
