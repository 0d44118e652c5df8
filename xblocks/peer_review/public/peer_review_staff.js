/* Peer review, trainer view: who is waiting and why, leases, reported reviews, grade override,
   CSV exports. Names and texts are set with textContent only. */
function SiriusPeerReviewStaff(runtime, element, initArgs) {
  'use strict';
  var common = window.SiriusCommon;
  var el = common.el;
  var data = common.initArgs(initArgs);
  var i18n = common.gettext(data.i18n);
  var t = i18n.gettext;
  var fmt = function (msgid, values) { return i18n.interpolate(t(msgid), values); };
  var root = element.querySelector('.sirius-pr-staff');
  var live = root.querySelector('.sirius-pr-staff__live');
  var urls = {
    overview: runtime.handlerUrl(element, 'staff_overview'),
    resolve: runtime.handlerUrl(element, 'resolve_flag'),
    override: runtime.handlerUrl(element, 'override_grade'),
    csv: runtime.handlerUrl(element, 'export_csv')
  };
  var overview = data.overview;

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function when(iso) {
    return iso ? new Date(iso).toLocaleString(data.language, {dateStyle: 'short', timeStyle: 'short'}) : '';
  }
  function post(url, data, button, message) {
    button.disabled = true;
    common.postJSON(url, data).then(function (result) {
      button.disabled = false;
      if (!result.ok) { common.announce(live, result.data.error || t('The connection failed. Please try again.')); return; }
      overview = result.data.overview;
      render();
      common.announce(live, message);
    });
  }

  root.querySelectorAll('.sirius-pr-staff__export').forEach(function (link) {
    link.href = urls.csv + (urls.csv.indexOf('?') < 0 ? '?' : '&') + 'kind=' + link.getAttribute('data-kind');
  });

  function waitingText(row) {
    var parts = row.waiting_for.map(function (reason) {
      if (reason.code === 'needs_reviews') {
        var text = fmt('needs %(count)s more reviews', {count: reason.missing});
        if (reason.relaxes_in_hours > 0) { text += ', ' + fmt('relaxes in %(hours)s h', {hours: reason.relaxes_in_hours}); }
        return text;
      }
      return fmt('must give %(count)s more reviews', {count: reason.missing});
    });
    if (row.offered_to_mentors) { parts.push(t('offered to mentors')); }
    return parts.join('; ');
  }

  function renderFlags() {
    var node = clear(root.querySelector('.sirius-pr-staff__flags .sirius-pr-staff__body'));
    var labels = {open: t('Open'), kept: t('Kept'), hidden: t('Hidden')};
    if (!overview.flags.length) { node.appendChild(el('p', {}, t('No review was reported.'))); }
    overview.flags.forEach(function (flag) {
      var card = el('article', {'class': 'sirius-pr-staff__flag'});
      card.appendChild(el('h4', {}, flag.reviewer + ' → ' + flag.author + ' (' + labels[flag.state] + ')'));
      card.appendChild(el('p', {}, fmt('Flag reason: %(reason)s', {reason: flag.reason})));
      Object.keys(flag.comments).forEach(function (key) { card.appendChild(el('p', {'class': 'sirius-pr-staff__quote'}, flag.comments[key])); });
      if (flag.overall_comment) { card.appendChild(el('p', {'class': 'sirius-pr-staff__quote'}, flag.overall_comment)); }
      ['kept', 'hidden'].forEach(function (decision) {
        var button = el('button', {type: 'button'}, decision === 'kept' ? t('Keep') : t('Hide'));
        button.addEventListener('click', function () {
          post(urls.resolve, {review_id: flag.review_id, decision: decision}, button, t('Decision saved.'));
        });
        card.appendChild(button);
      });
      node.appendChild(card);
    });
  }

  function renderRows() {
    var node = clear(root.querySelector('.sirius-pr-staff__submissions .sirius-pr-staff__body'));
    if (!overview.rows.length) { node.appendChild(el('p', {}, t('Nobody is waiting.'))); return; }
    var table = el('table', {'class': 'sirius-pr-staff__table'});
    var head = el('tr', {});
    [t('Learner'), t('Submitted'), t('Reviews received'), t('Reviews given'), t('In progress'), t('Grade'),
     t('Waiting for'), t('Override')].forEach(function (title) { head.appendChild(el('th', {scope: 'col'}, title)); });
    table.appendChild(el('thead', {})).appendChild(head);
    var rows = el('tbody', {});
    overview.rows.forEach(function (row) {
      var line = el('tr', {});
      line.appendChild(el('th', {scope: 'row'}, row.username));
      line.appendChild(el('td', {}, when(row.submitted_at)));
      line.appendChild(el('td', {}, row.received + ' / ' + row.needed + (row.mentor_received ? ' + ' + row.mentor_received + ' ' + t('mentor') : '')));
      line.appendChild(el('td', {}, String(row.given)));
      line.appendChild(el('td', {}, row.leases.map(function (lease) {
        return lease.expired ? fmt('expired lease (%(who)s)', {who: lease.who}) : fmt('lease until %(time)s (%(who)s)', {time: when(lease.until), who: lease.who});
      }).join('; ')));
      line.appendChild(el('td', {}, row.grade ? row.grade.points + ' / ' + row.grade.max : t('no grade yet')));
      line.appendChild(el('td', {}, waitingText(row)));
      line.appendChild(overrideCell(row));
      rows.appendChild(line);
    });
    table.appendChild(rows);
    node.appendChild(table);
  }

  function overrideCell(row) {
    var cell = el('td', {});
    if (!overview.graded) { return cell; }
    var pointsLabel = el('label', {}, t('Points'));
    var points = el('input', {type: 'number', min: 0, max: overview.max_points, step: 1, inputmode: 'numeric'});
    if (row.override_points !== null) { points.value = row.override_points; }
    pointsLabel.appendChild(points);
    var reasonLabel = el('label', {}, t('Reason (optional)'));
    var reason = el('input', {type: 'text', maxlength: 500});
    reasonLabel.appendChild(reason);
    var save = el('button', {type: 'button'}, t('Save'));
    save.addEventListener('click', function () {
      post(urls.override, {author_id: row.author_id, points: points.value === '' ? null : Number(points.value),
                           reason: reason.value}, save, t('Grade saved.'));
    });
    [pointsLabel, reasonLabel, save].forEach(function (child) { cell.appendChild(child); });
    if (row.override_points !== null) {
      var remove = el('button', {type: 'button'}, t('Remove override'));
      remove.addEventListener('click', function () {
        post(urls.override, {author_id: row.author_id, points: null, reason: ''}, remove, t('Grade saved.'));
      });
      cell.appendChild(remove);
    }
    return cell;
  }

  function render() { renderFlags(); renderRows(); }
  render();
}
