/* Trainer's part of the footprint block: anonymous cohort statistics and the CSV link. */
window.SiriusFootprintStaff = function (runtime, element, t, lang) {
  'use strict';
  var C = window.SiriusCommon;
  var section = element.querySelector('.sirius-fp-staff');
  var output = section.querySelector('.sirius-fp-staff-output');
  var statsUrl = runtime.handlerUrl(element, 'cohort_statistics');
  section.querySelector('.sirius-fp-staff-csv').setAttribute('href', runtime.handlerUrl(element, 'cohort_csv'));
  function fmt(value) { return value === null || value === undefined ? '' : C.formatNumber(value, lang, value < 10 ? 1 : 0); }
  function row(table, cells, header) {
    var tr = C.el('tr');
    cells.forEach(function (cell, i) { tr.appendChild(C.el(header || i === 0 ? 'th' : 'td', header ? {scope: 'col'} : (i === 0 ? {scope: 'row'} : null), cell)); });
    table.appendChild(tr);
  }
  section.querySelector('.sirius-fp-staff-load').addEventListener('click', function () {
    C.postJSON(statsUrl, {}).then(function (result) {
      while (output.firstChild) { output.removeChild(output.firstChild); }
      if (!result.ok) { output.appendChild(C.el('p', {role: 'alert'}, result.data.error || '')); return; }
      var stats = result.data;
      output.appendChild(C.el('p', null, t.interpolate(t.gettext('Learners who saved a result: %(count)s'), {count: stats.learners})));
      if (stats.too_few) {
        output.appendChild(C.el('p', null, t.interpolate(t.gettext("The group's results appear once %(count)s learners have saved one, so that nobody can be recognised."), {count: stats.minimum})));
        return;
      }
      var table = C.el('table', {'class': 'sirius-fp-staff-table'});
      row(table, [t.gettext('Category'), t.gettext('First quartile'), t.gettext('Median'), t.gettext('Third quartile')], true);
      row(table, [t.gettext('Total'), fmt(stats.total.q1), fmt(stats.total.median), fmt(stats.total.q3)]);
      Object.keys(stats.categories).forEach(function (key) {
        var c = stats.categories[key];
        row(table, [stats.category_labels[key] || key, fmt(c.q1), fmt(c.median), fmt(c.q3)]);
      });
      output.appendChild(table);
      var list = C.el('ul');
      stats.reductions.forEach(function (reduction) {
        list.appendChild(C.el('li', null, t.interpolate(t.gettext('%(reduction)s: %(count)s learners'),
          {reduction: stats.scenario_labels[reduction.key] || reduction.key, count: reduction.learners})));
      });
      output.appendChild(C.el('h4', null, t.gettext('Reductions chosen most often')));
      output.appendChild(list);
    });
  });
};
