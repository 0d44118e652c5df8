/* Trainer view of the canvas block: cohort table, one learner's submitted canvas read-only with
   hints, a comment per section, the review status; export links. All text via textContent. */
function SiriusCanvasStaff(runtime, element, initArgs) {
  'use strict';
  var args = window.SiriusCommon.initArgs(initArgs);
  var C = window.SiriusCommon, t = C.gettext(args.i18n), _ = t.gettext, fmt = t.interpolate, el = C.el;
  var urls = {};
  ['cohort', 'learner_canvas', 'set_review_status', 'comment_section', 'export_cohort'].forEach(function (name) {
    urls[name] = runtime.handlerUrl(element, name);
  });
  var root = element.querySelector('.sirius-canvas-staff');
  var q = function (selector) { return root.querySelector(selector); };
  var labels = {};
  args.statuses.forEach(function (s) { labels[s.key] = s.label; });

  function failed(r) { q('.sirius-canvas-staff__alert').textContent = r.data.error || _('The connection failed. Please try again.'); }
  function notice(text) {
    q('.sirius-canvas-staff__alert').textContent = '';  // an earlier failure is over
    C.announce(q('.sirius-canvas-staff__notice'), text);
  }
  function button(label, onClick, attrs) {
    var node = el('button', Object.assign({type: 'button'}, attrs || {}), label);
    node.addEventListener('click', onClick);
    return node;
  }
  function formatDate(iso) {
    if (!iso) { return '—'; }
    try { return new Date(iso).toLocaleString(args.language === 'ar' ? 'ar-u-nu-latn' : args.language); } catch (e) { return iso; }
  }

  function loadCohort() {
    var body = q('tbody');
    body.textContent = '';
    body.appendChild(el('tr', {}, '')).appendChild(el('td', {colspan: 4}, _('Loading…')));
    C.postJSON(urls.cohort, {}).then(function (r) {
      body.textContent = '';
      if (!r.ok) { failed(r); return; }
      q('.sirius-canvas-staff__alert').textContent = '';
      if (!r.data.learners.length) {
        body.appendChild(el('tr')).appendChild(el('td', {colspan: 4}, _('No learner has started this canvas yet.')));
      }
      r.data.learners.forEach(function (learner) {
        var row = el('tr', {'data-learner': learner.anonymous_id});
        row.appendChild(el('th', {scope: 'row'}, learner.learner));
        row.appendChild(el('td', {'class': 'sirius-canvas-staff__status sirius-canvas-staff__status--' + learner.status}, learner.status_label));
        row.appendChild(el('td', {}, formatDate(learner.last_activity)));
        var cell = el('td');
        cell.appendChild(button(_('Open'), function () { openLearner(learner.anonymous_id); }, {'aria-label': _('Open') + ' — ' + learner.learner}));
        row.appendChild(cell);
        body.appendChild(row);
      });
    });
  }

  function openLearner(learner) {
    C.postJSON(urls.learner_canvas, {learner: learner}).then(function (r) {
      if (!r.ok) { failed(r); return; }
      q('.sirius-canvas-staff__alert').textContent = '';
      renderDetail(r.data);
    });
  }

  function renderDetail(data) {
    var detail = q('.sirius-canvas-staff__detail');
    detail.textContent = '';
    detail.hidden = false;
    detail.appendChild(el('h3', {}, fmt(_('Canvas of %(name)s'), {name: data.name || data.learner})));
    detail.appendChild(button(_('Close'), function () {
      detail.hidden = true;
      // Back to the learner's row (the table may have been redrawn since, so look it up again).
      var opener = Array.prototype.filter.call(root.querySelectorAll('tbody tr[data-learner]'), function (row) {
        return row.getAttribute('data-learner') === data.learner;
      })[0];
      if (opener) { opener.querySelector('button').focus(); }
    }));
    var statusLabel = el('label', {}, _('Status'));
    var select = el('select');
    args.statuses.forEach(function (s) { select.appendChild(el('option', {value: s.key, selected: s.key === data.status}, s.label)); });
    statusLabel.appendChild(select);
    var statusBox = el('p', {'class': 'sirius-canvas-staff__status-box'});
    statusBox.appendChild(statusLabel);
    statusBox.appendChild(button(_('Save status'), function () {
      C.postJSON(urls.set_review_status, {learner: data.learner, status: select.value}).then(function (r) {
        if (!r.ok) { failed(r); return; }
        notice(_('Status saved.'));
        loadCohort();
      });
    }));
    detail.appendChild(statusBox);
    if (!data.snapshot) {
      detail.appendChild(el('p', {}, _('Not submitted yet: the draft stays private.')));
    } else {
      detail.appendChild(el('p', {}, fmt(_('Submitted on %(date)s'), {date: formatDate(data.snapshot.submitted_at)})));
      detail.appendChild(el('h4', {}, _('Hints')));
      var hints = el('ul', {'class': 'sirius-canvas-staff__hints'});
      if (!data.hints.length) { hints.appendChild(el('li', {}, _('No hints: your sections fit together so far.'))); }
      data.hints.forEach(function (hint) {
        hints.appendChild(el('li', {}, hint.text + ' ' + fmt(_('Sections: %(sections)s'), {sections: hint.titles.join(', ')})));
      });
      detail.appendChild(hints);
      var grid = el('div', {'class': 'sirius-canvas-staff__grid'});
      data.snapshot.sections.forEach(function (section) { grid.appendChild(sectionBox(data, section)); });
      detail.appendChild(grid);
    }
    detail.focus();
  }

  function sectionBox(data, section) {
    var box = el('section', {'class': 'sirius-canvas-staff__section', 'aria-label': section.title});
    box.appendChild(el('h4', {}, section.title));
    var list = el('ul');
    if (!section.items.length) { list.appendChild(el('li', {'class': 'sirius-canvas-staff__empty'}, _('Empty section'))); }
    section.items.forEach(function (item) {
      list.appendChild(el('li', {dir: 'auto'}, item.text + (item.tag ? ' #' + item.tag : '')));
    });
    box.appendChild(list);
    var label = el('label', {}, _('Comment on this section'));
    var text = el('textarea', {rows: 2, dir: 'auto', maxlength: 1000});
    text.value = data.comments[section.key] || '';
    label.appendChild(text);
    box.appendChild(label);
    box.appendChild(button(_('Save comment'), function () {
      C.postJSON(urls.comment_section, {learner: data.learner, section: section.key, text: text.value}).then(function (r) {
        if (!r.ok) { failed(r); return; }
        notice(_('Comment saved.'));
      });
    }));
    return box;
  }

  Array.prototype.forEach.call(root.querySelectorAll('.sirius-canvas-staff__export'), function (link) {
    link.setAttribute('href', urls.export_cohort + (urls.export_cohort.indexOf('?') < 0 ? '?' : '&') + 'format=' + link.getAttribute('data-format'));
  });
  loadCohort();
}
window.SiriusCanvasStaff = SiriusCanvasStaff;
