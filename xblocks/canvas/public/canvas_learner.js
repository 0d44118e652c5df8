/* Learner view of the business-model canvas: renders notes, autosaves (debounced, versioned,
   with an offline copy in localStorage), submits, shows history, imports and exports JSON.
   Rules and merges are computed on the server; this file renders and posts. */
function SiriusCanvasLearner(runtime, element, initArgs) {
  'use strict';
  var args = window.SiriusCommon.initArgs(initArgs);
  var C = window.SiriusCommon, t = C.gettext(args.i18n), _ = t.gettext, fmt = t.interpolate, el = C.el;
  var urls = {};
  ['save_draft', 'submit', 'history', 'view_submission', 'restore', 'import_json'].forEach(function (name) {
    urls[name] = runtime.handlerUrl(element, name);
  });
  var root = element.querySelector('.sirius-canvas');
  var q = function (selector) { return root.querySelector(selector); };
  var sections = args.sections, titles = {};
  sections.forEach(function (section) { titles[section.key] = section.title; });
  var state = {canvas: args.canvas, base: clone(args.canvas), version: args.version, dirty: false};
  var saving = null, again = false, timer = null, retryTimer = null, current = 0, pendingConflict = null;

  function clone(value) { return JSON.parse(JSON.stringify(value)); }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function newId() { return 'n' + Date.now().toString(36) + Math.random().toString(36).slice(2, 7); }

  /* ---- offline copy: written synchronously on every change, so closing the tab loses nothing;
     removed once the server has everything (a shared phone keeps no canvas it does not need) ---- */
  function keepLocal() {
    if (!args.storage_key) { return; }  // Studio preview or anonymous: nothing is kept
    try {
      if (!state.dirty) { window.localStorage.removeItem(args.storage_key); return; }
      window.localStorage.setItem(args.storage_key, JSON.stringify(
        {canvas: state.canvas, base: state.base, version: state.version, dirty: state.dirty}));
    } catch (error) { /* storage full or disabled: the server copy still works */ }
  }
  function readLocal() {
    if (!args.storage_key) { return null; }
    try { return JSON.parse(window.localStorage.getItem(args.storage_key) || 'null'); } catch (error) { return null; }
  }

  function showSave(kind) {
    var texts = {saved: _('Saved'), saving: _('Saving…'), offline: _('Offline — kept on this device'), error: _('Not saved')};
    var node = q('.sirius-canvas__save');
    if (node.getAttribute('data-state') === kind && node.textContent === texts[kind]) { return; }  // no chatter
    node.textContent = texts[kind];
    node.setAttribute('data-state', kind);
  }
  function alertText(text) { q('.sirius-canvas__alert').textContent = text || ''; }

  /* ---- saving ---- */
  function changed() {
    state.dirty = true;
    keepLocal();
    showSave('saving');
    updateCounts();
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  }

  function save() {
    clearTimeout(timer);
    if (!args.can_submit) { return Promise.resolve(false); }
    if (saving) { again = true; return saving; }
    if (!state.dirty) { return Promise.resolve(true); }
    if (navigator.onLine === false) {
      // Known offline: keep the copy on the device and send it when the 'online' event comes.
      showSave('offline');
      return Promise.resolve(false);
    }
    var sent = clone(state.canvas);
    showSave('saving');
    saving = C.postJSON(urls.save_draft, {version: state.version, canvas: sent, base: state.base}).then(function (r) {
      saving = null;
      if (r.ok) {
        state.version = r.data.version;
        state.base = sent;
        state.dirty = !same(state.canvas, sent);
        keepLocal();
        renderHints(r.data.hints);
        alertText('');
        showSave(state.dirty ? 'saving' : 'saved');
      } else if (r.status === 409 && r.data.stale) {
        // Typed more while this write was refused: ask again, so the merge includes the new text.
        if (!same(state.canvas, sent)) { return save(); }
        return resolveStale(r.data);
      } else if (r.status === 0) {
        showSave('offline');
        clearTimeout(retryTimer);
        retryTimer = setTimeout(save, 10000);
        return false;
      } else {
        showSave('error');
        alertText(r.data.error || _('The connection failed. Please try again.'));
        return false;
      }
      if (state.dirty || again) { again = false; return save(); }
      return true;
    });
    return saving;
  }

  function adopt(canvas, data) {
    state.canvas = canvas;
    state.base = data.server;
    state.version = data.version;
    state.dirty = true;
    keepLocal();
    renderAll();
  }

  /* The server refused a stale write and proposes item-by-item merges; ask only on real conflicts. */
  function resolveStale(data) {
    if (!data.conflicts) {
      adopt(data.merged, data);
      C.announce(q('.sirius-canvas__save'), _('Merged with changes from another window.'));
      return save();
    }
    pendingConflict = data;
    var box = q('.sirius-canvas__conflict');
    q('.sirius-canvas__conflict-text').textContent = fmt(
      _('Your canvas was also changed elsewhere. Notes that differ: %(count)s. Which version do you keep for them?'),
      {count: data.conflicts});
    box.hidden = false;
    q('.sirius-canvas__keep-mine').focus();
    showSave('error');
    return false;
  }
  function chooseVersion(mine) {
    var data = pendingConflict;
    pendingConflict = null;
    q('.sirius-canvas__conflict').hidden = true;
    adopt(mine ? data.merged : data.merged_theirs, data);
    save();
  }

  /* ---- rendering ---- */
  function sectionNode(key) { return root.querySelector('.sirius-canvas__section[data-section="' + key + '"]'); }

  function noteNode(key, item, index) {
    var colour = args.colours.filter(function (c) { return c.key === item.colour; })[0];
    var li = el('li', {'class': 'sirius-canvas__note' + (item.colour ? ' sirius-canvas__note--' + item.colour : ''), 'data-id': item.id});
    // Every note has the same tools; their names say which note they act on (screen readers list them).
    var noteName = fmt(_('Note %(number)s in %(section)s'), {number: index + 1, section: titles[key]});
    var text = el('textarea', {'class': 'sirius-canvas__note-text', rows: 2, dir: 'auto', maxlength: args.limits.chars,
      'aria-label': noteName});
    text.value = item.text;
    var printed = el('p', {'class': 'sirius-canvas__note-print', dir: 'auto'}, item.text);
    text.addEventListener('input', function () { item.text = text.value; printed.textContent = text.value; changed(); });
    text.addEventListener('keydown', function (event) {
      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        event.preventDefault();
        moveWithin(key, item.id, event.key === 'ArrowUp' ? -1 : 1);
      }
    });
    li.appendChild(text);
    li.appendChild(printed);
    var meta = el('p', {'class': 'sirius-canvas__note-meta'});
    if (item.tag) { meta.appendChild(el('span', {'class': 'sirius-canvas__tag', dir: 'auto'}, '#' + item.tag)); }
    if (colour) { meta.appendChild(el('span', {'class': 'sirius-canvas__colour-name'}, colour.label)); }
    li.appendChild(meta);
    var toggle = el('button', {type: 'button', 'class': 'sirius-canvas__note-options', 'aria-expanded': 'false',
      'aria-label': _('Options') + ' — ' + noteName}, _('Options'));
    var tools = el('div', {'class': 'sirius-canvas__note-tools', hidden: true, role: 'group', 'aria-label': noteName});
    toggle.addEventListener('click', function () {
      tools.hidden = !tools.hidden;
      toggle.setAttribute('aria-expanded', String(!tools.hidden));
    });
    li.appendChild(toggle);
    var tagLabel = el('label', {}, _('Tag (optional)'));
    var tag = el('input', {type: 'text', dir: 'auto', maxlength: args.limits.tag});
    tag.value = item.tag;
    tag.addEventListener('input', function () { item.tag = tag.value; changed(); });
    tag.addEventListener('change', function () { renderSection(key, {id: item.id, part: 'input[type=text]'}); });
    tagLabel.appendChild(tag);
    var colourLabel = el('label', {}, _('Colour'));
    var select = el('select');
    select.appendChild(el('option', {value: ''}, _('No colour')));
    args.colours.forEach(function (c) { select.appendChild(el('option', {value: c.key, selected: c.key === item.colour}, c.label)); });
    select.addEventListener('change', function () { item.colour = select.value; changed(); renderSection(key, {id: item.id, part: 'select'}); });
    colourLabel.appendChild(select);
    var moveLabel = el('label', {}, _('Move to another section'));
    var target = el('select');
    sections.forEach(function (s) { if (s.key !== key) { target.appendChild(el('option', {value: s.key}, s.title)); } });
    moveLabel.appendChild(target);
    var buttons = [
      [_('Move up'), function () { moveWithin(key, item.id, -1); }],
      [_('Move down'), function () { moveWithin(key, item.id, 1); }],
      [_('Move'), function () { moveTo(key, item.id, target.value); }],
      [_('Delete note'), function () { removeNote(key, item.id); }]
    ];
    [tagLabel, colourLabel].forEach(function (node) { tools.appendChild(node); });
    buttons.slice(0, 2).forEach(function (b) { tools.appendChild(button(b[0], b[1], noteName)); });
    tools.appendChild(moveLabel);
    buttons.slice(2).forEach(function (b) { tools.appendChild(button(b[0], b[1], noteName)); });
    li.appendChild(tools);
    return li;
  }
  function button(label, onClick, context) {
    var node = el('button', {type: 'button', 'aria-label': context ? label + ' — ' + context : null}, label);
    node.addEventListener('click', onClick);
    return node;
  }

  /* Re-render one section's notes; focus goes back to the same control of the given note. */
  function renderSection(key, focus) {
    var list = sectionNode(key).querySelector('.sirius-canvas__notes');
    list.textContent = '';
    state.canvas.sections[key].forEach(function (item, index) { list.appendChild(noteNode(key, item, index)); });
    if (focus) {
      var li = list.querySelector('[data-id="' + focus.id + '"]');
      if (li) {
        if (focus.part !== 'textarea') { li.querySelector('.sirius-canvas__note-tools').hidden = false; }
        li.querySelector(focus.part || 'textarea').focus();
      }
    }
    updateCounts();
  }
  function renderAll() { sections.forEach(function (s) { renderSection(s.key); }); }

  function addNote(key) {
    var notes = state.canvas.sections[key];
    if (notes.length >= args.limits.items) {
      alertText(fmt(_('A section can hold at most %(limit)s notes.'), {limit: args.limits.items}));
      return;
    }
    var item = {id: newId(), text: '', colour: '', tag: ''};
    notes.push(item);
    changed();
    renderSection(key, {id: item.id, part: 'textarea'});
  }
  function moveWithin(key, id, step) {
    var notes = state.canvas.sections[key], index = notes.map(function (n) { return n.id; }).indexOf(id), to = index + step;
    if (index < 0 || to < 0 || to >= notes.length) { return; }
    notes.splice(to, 0, notes.splice(index, 1)[0]);
    changed();
    renderSection(key, {id: id, part: 'textarea'});
  }
  function moveTo(key, id, targetKey) {
    var notes = state.canvas.sections[key], target = state.canvas.sections[targetKey];
    if (!target) { return; }
    if (target.length >= args.limits.items) {
      alertText(fmt(_('A section can hold at most %(limit)s notes.'), {limit: args.limits.items}));
      return;
    }
    var index = notes.map(function (n) { return n.id; }).indexOf(id);
    target.push(notes.splice(index, 1)[0]);
    changed();
    renderSection(key);
    renderSection(targetKey);
    show(sections.map(function (s) { return s.key; }).indexOf(targetKey));
    sectionNode(targetKey).querySelector('[data-id="' + id + '"] textarea').focus();
    C.announce(q('.sirius-canvas__save'), fmt(_('Note moved to %(section)s.'), {section: titles[targetKey]}));
  }
  function removeNote(key, id) {
    state.canvas.sections[key] = state.canvas.sections[key].filter(function (n) { return n.id !== id; });
    changed();
    renderSection(key);
    sectionNode(key).querySelector('.sirius-canvas__add').focus();
    C.announce(q('.sirius-canvas__save'), _('Note deleted.'));
  }

  function updateCounts() {
    Array.prototype.forEach.call(root.querySelectorAll('.sirius-canvas__count'), function (node) {
      var count = state.canvas.sections[node.getAttribute('data-section')].filter(function (n) { return n.text; }).length;
      node.textContent = '(' + fmt(_('Notes: %(count)s'), {count: count}) + ')';
    });
  }

  function renderHints(hints) {
    var list = q('.sirius-canvas__hint-list');
    list.textContent = '';
    if (!hints.length) { list.appendChild(el('li', {}, _('No hints: your sections fit together so far.'))); }
    hints.forEach(function (hint) {
      var li = el('li', {}, hint.text + ' ');
      li.appendChild(el('span', {'class': 'sirius-canvas__hint-sections'}, fmt(_('Sections: %(sections)s'), {sections: hint.titles.join(', ')})));
      list.appendChild(li);
    });
  }

  /* ---- phone: one section per screen, with an overview ---- */
  function show(index) {
    current = Math.max(0, Math.min(sections.length - 1, index));
    sections.forEach(function (s, i) { sectionNode(s.key).classList.toggle('is-current', i === current); });
    q('.sirius-canvas__position').textContent = fmt(_('Section %(number)s of %(total)s'), {number: current + 1, total: sections.length});
    q('.sirius-canvas__prev').disabled = current === 0;
    q('.sirius-canvas__next').disabled = current === sections.length - 1;
  }
  function overview(open) {
    q('.sirius-canvas__overview').hidden = !open;
    root.classList.toggle('is-overview', open);
    q('.sirius-canvas__overview-toggle').setAttribute('aria-expanded', String(open));
  }
  function go(index) {
    overview(false);
    show(index);
    sectionNode(sections[current].key).querySelector('.sirius-canvas__section-title').focus();
  }

  /* ---- submit, history, export, import ---- */
  function afterSave(action) {
    return save().then(function (ok) {
      if (!ok || state.dirty) { alertText(_('The connection failed. Please try again.')); return null; }
      return action();
    });
  }
  function submit() {
    // One click, one submission (the server would refuse the second). aria-disabled, not disabled:
    // a disabled button would drop the keyboard focus.
    var submitButton = q('.sirius-canvas__submit');
    if (submitButton.getAttribute('aria-disabled') === 'true') { return; }
    submitButton.setAttribute('aria-disabled', 'true');
    afterSave(function () {
      return C.postJSON(urls.submit, {version: state.version}).then(function (r) {
        if (!r.ok) { alertText(r.data.error || _('The connection failed. Please try again.')); return; }
        alertText('');
        C.announce(q('.sirius-canvas__save'), _('Submitted. You can keep improving your canvas.'));
        q('.sirius-canvas__save').textContent = _('Submitted. You can keep improving your canvas.');
        // A new submission waits for a new review: the trainer's earlier status no longer applies.
        var badge = q('.sirius-canvas__status');
        badge.className = 'sirius-canvas__status sirius-canvas__status--' + r.data.status;
        badge.querySelector('strong').textContent = r.data.status_label;
        badge.hidden = false;
        if (!q('.sirius-canvas__history').hidden) { renderHistory(r.data.history); }
      });
    }).then(function () { submitButton.removeAttribute('aria-disabled'); });
  }
  function formatDate(iso) {
    try { return new Date(iso).toLocaleString(args.language === 'ar' ? 'ar-u-nu-latn' : args.language); } catch (e) { return iso; }
  }
  function renderHistory(entries) {
    var list = q('.sirius-canvas__history-list');
    list.textContent = '';
    if (!entries.length) { list.appendChild(el('li', {}, _('No submitted version yet.'))); }
    entries.forEach(function (entry) {
      var li = el('li', {}, fmt(_('Version %(number)s — %(date)s — notes: %(count)s'),
        {number: entry.attempt, date: formatDate(entry.submitted_at), count: entry.notes}) + ' ');
      li.appendChild(button(_('View'), function () { viewVersion(entry); }));
      li.appendChild(button(_('Restore as draft'), function () { restoreVersion(entry); }));
      list.appendChild(li);
    });
  }
  function toggleHistory() {
    var panel = q('.sirius-canvas__history'), toggle = q('.sirius-canvas__history-toggle');
    panel.hidden = !panel.hidden;
    toggle.setAttribute('aria-expanded', String(!panel.hidden));
    if (panel.hidden) { return; }
    C.postJSON(urls.history, {}).then(function (r) {
      if (r.ok) { renderHistory(r.data.history); } else { alertText(r.data.error || _('The connection failed. Please try again.')); }
    });
  }
  function viewVersion(entry) {
    C.postJSON(urls.view_submission, {uuid: entry.uuid}).then(function (r) {
      if (!r.ok) { alertText(r.data.error || _('The connection failed. Please try again.')); return; }
      var view = q('.sirius-canvas__history-view');
      view.textContent = '';
      view.appendChild(el('h4', {tabindex: '-1'}, fmt(_('Submitted version of %(date)s'), {date: formatDate(entry.submitted_at)})));
      r.data.snapshot.sections.forEach(function (section) {
        if (!section.items.length) { return; }
        view.appendChild(el('h5', {}, section.title));
        var ul = el('ul');
        section.items.forEach(function (item) { ul.appendChild(el('li', {dir: 'auto'}, item.text + (item.tag ? ' #' + item.tag : ''))); });
        view.appendChild(ul);
      });
      view.querySelector('h4').focus();
    });
  }
  function replaceDraft(data, message) {
    state.canvas = data.canvas;
    state.base = clone(data.canvas);
    state.version = data.version;
    state.dirty = false;
    keepLocal();
    renderAll();
    renderHints(data.hints);
    showSave('saved');
    C.announce(q('.sirius-canvas__save'), message);
  }
  function restoreVersion(entry) {
    if (!window.confirm(_('Restoring replaces your current draft. Continue?'))) { return; }
    afterSave(function () {
      return C.postJSON(urls.restore, {uuid: entry.uuid, version: state.version}).then(function (r) {
        if (r.ok) { replaceDraft(r.data, _('Version restored.')); } else { alertText(r.data.error || _('The connection failed. Please try again.')); }
      });
    });
  }
  function exportJSON() {
    var data = {format: 'sirius_canvas', version: 1, template: args.template, title: args.title,
      sections: sections.map(function (s) { return {key: s.key, title: s.title, items: state.canvas.sections[s.key]}; })};
    var link = el('a', {href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], {type: 'application/json'})),
      download: 'canvas.json'});
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
  }
  function importJSON(input) {
    var file = input.files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      input.value = '';
      var data;
      try { data = JSON.parse(reader.result); } catch (error) { alertText(_('This file could not be read.')); return; }
      if (!window.confirm(_('Importing replaces your current draft. Continue?'))) { return; }
      afterSave(function () {
        return C.postJSON(urls.import_json, {version: state.version, data: data}).then(function (r) {
          if (r.ok) { replaceDraft(r.data, _('Canvas imported.')); } else { alertText(r.data.error || _('The connection failed. Please try again.')); }
        });
      });
    };
    reader.readAsText(file);
  }

  /* ---- wiring ---- */
  sections.forEach(function (s) {
    sectionNode(s.key).querySelector('.sirius-canvas__add').addEventListener('click', function () { addNote(s.key); });
  });
  q('.sirius-canvas__prev').addEventListener('click', function () { go(current - 1); });
  q('.sirius-canvas__next').addEventListener('click', function () { go(current + 1); });
  q('.sirius-canvas__overview-toggle').addEventListener('click', function () { overview(q('.sirius-canvas__overview').hidden); });
  Array.prototype.forEach.call(root.querySelectorAll('.sirius-canvas__jump'), function (jump) {
    jump.addEventListener('click', function () {
      go(sections.map(function (s) { return s.key; }).indexOf(jump.getAttribute('data-section')));
    });
  });
  q('.sirius-canvas__keep-mine').addEventListener('click', function () { chooseVersion(true); });
  q('.sirius-canvas__keep-theirs').addEventListener('click', function () { chooseVersion(false); });
  q('.sirius-canvas__submit').addEventListener('click', submit);
  q('.sirius-canvas__history-toggle').addEventListener('click', toggleHistory);
  q('.sirius-canvas__export').addEventListener('click', exportJSON);
  q('.sirius-canvas__import input').addEventListener('change', function (event) { importJSON(event.target); });
  q('.sirius-canvas__print').addEventListener('click', function () { window.print(); });
  window.addEventListener('online', function () { save(); });
  if (!args.can_submit) {
    Array.prototype.forEach.call(root.querySelectorAll('.sirius-canvas__actions button, .sirius-canvas__actions input'),
      function (node) { node.disabled = true; });
  }

  var local = readLocal();
  if (local && local.dirty && local.canvas && local.canvas.sections) {
    // Unsent edits from an earlier visit (perhaps offline): keep them and send them now.
    var kept = {sections: {}};
    sections.forEach(function (s) { kept.sections[s.key] = local.canvas.sections[s.key] || []; });
    state.canvas = kept;
    state.base = local.base;
    state.version = local.version;
    state.dirty = true;
  }
  renderAll();
  renderHints(args.hints);
  show(0);
  if (state.dirty) { save(); } else { showSave('saved'); }
}
window.SiriusCanvasLearner = SiriusCanvasLearner;
