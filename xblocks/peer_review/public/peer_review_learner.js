/* Peer review, learner and mentor view. The server decides everything (allocation, checks,
   grades); this file renders the state it sends and posts what the learner does.
   Learner text is only ever set with textContent. */
function SiriusPeerReviewLearner(runtime, element, initArgs) {
  'use strict';
  var common = window.SiriusCommon;
  var el = common.el;
  var data = common.initArgs(initArgs);
  var i18n = common.gettext(data.i18n);
  var t = i18n.gettext;
  var fmt = function (msgid, values) { return i18n.interpolate(t(msgid), values); };
  var root = element.querySelector('.sirius-pr');
  var live = root.querySelector('.sirius-pr__live');
  var urls = {};
  ['save_response', 'submit_work', 'next_review', 'save_review_draft', 'submit_review',
   'submit_self_assessment', 'check_example', 'rate_review', 'flag_review', 'accept_contact'].forEach(function (name) {
    urls[name] = runtime.handlerUrl(element, name);
  });
  var unique = 'sirius-pr-' + Math.random().toString(36).slice(2, 9);
  var counter = 0;
  var state = data.state || {};

  function section(name) { return root.querySelector('.sirius-pr__' + name); }
  function body(name) { var s = section(name); return s ? s.querySelector('.sirius-pr__body') : null; }
  function clear(node) { while (node && node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function announce(text) { common.announce(live, text); }
  function when(iso) {
    return iso ? new Date(iso).toLocaleString(data.language, {dateStyle: 'medium', timeStyle: 'short'}) : '';
  }
  function post(name, data, button) {
    if (button) { button.disabled = true; }
    return common.postJSON(urls[name], data).then(function (result) {
      if (button) { button.disabled = false; }
      if (!result.ok) {
        announce(result.data.error || t('The connection failed. Please try again.'));
        return null;
      }
      return result.data;
    });
  }
  /* Autosaves wait for a pause in typing; sending the work or the review cancels the pending
     one, so no late draft lands after it. */
  function debounce(fn, ms) {
    var timer = null;
    var run = function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
    run.cancel = function () { clearTimeout(timer); };
    return run;
  }

  /* A rubric form: one radio group per criterion, a comment box with sentence starters, an
     overall comment. read() returns {scores, comments, overall_comment}. */
  function rubricForm(rubric, draft, onChange, withComments) {
    var form = el('div', {'class': 'sirius-pr__rubric'});
    draft = draft || {};
    var scores = draft.scores || {}, comments = draft.comments || {};
    var prefix = unique + '-' + (counter += 1);
    rubric.forEach(function (criterion) {
      var group = el('fieldset', {'class': 'sirius-pr__criterion'});
      group.appendChild(el('legend', {}, criterion.label));
      if (criterion.prompt) { group.appendChild(el('p', {'class': 'sirius-pr__hint'}, criterion.prompt)); }
      criterion.levels.forEach(function (level) {
        var label = el('label', {'class': 'sirius-pr__level'});
        var input = el('input', {type: 'radio', name: prefix + '-' + criterion.name, value: level.name,
                                 'data-criterion': criterion.name});
        input.checked = scores[criterion.name] === level.name;
        input.addEventListener('change', onChange);
        label.appendChild(input);
        var text = el('span', {});
        text.appendChild(el('strong', {}, level.label + ' (' + fmt('%(points)s of %(max)s points',
          {points: level.points, max: criterion.max_points}) + ')'));
        if (level.description) { text.appendChild(el('span', {'class': 'sirius-pr__hint'}, level.description)); }
        label.appendChild(text);
        group.appendChild(label);
      });
      if (withComments) {
        group.appendChild(commentBox(fmt('Comment on %(criterion)s (optional)', {criterion: criterion.label}),
          comments[criterion.name] || '', data.limits.comment, 'data-comment', criterion.name, onChange));
      }
      form.appendChild(group);
    });
    if (withComments) {
      form.appendChild(commentBox(t('Overall comment'), draft.overall_comment || '', data.limits.overall,
        'data-overall', '1', onChange));
    }
    form.read = function () {
      var result = {scores: {}, comments: {}, overall_comment: ''};
      form.querySelectorAll('input[type=radio]:checked').forEach(function (input) {
        result.scores[input.getAttribute('data-criterion')] = input.value;
      });
      form.querySelectorAll('textarea[data-comment]').forEach(function (area) {
        if (area.value.trim()) { result.comments[area.getAttribute('data-comment')] = area.value; }
      });
      var overall = form.querySelector('textarea[data-overall]');
      result.overall_comment = overall ? overall.value : '';
      return result;
    };
    return form;
  }

  function commentBox(labelText, value, limit, attribute, key, onChange) {
    var wrap = el('div', {'class': 'sirius-pr__comment'});
    var label = el('label', {});
    label.appendChild(el('span', {}, labelText));
    var attributes = {maxlength: limit, rows: 3};
    attributes[attribute] = key;
    var area = el('textarea', attributes);
    area.value = value;
    area.addEventListener('input', onChange);
    label.appendChild(area);
    wrap.appendChild(label);
    var starters = el('div', {'class': 'sirius-pr__starters', role: 'group', 'aria-label': t('Sentence starters')});
    data.starters.forEach(function (starter) {
      var button = el('button', {type: 'button', 'class': 'sirius-pr__chip'}, starter);
      button.addEventListener('click', function () {
        area.value = (area.value ? area.value.replace(/\s*$/, ' ') : '') + starter.replace(/…$/, ' ');
        area.focus();
        onChange();
      });
      starters.appendChild(button);
    });
    wrap.appendChild(starters);
    return wrap;
  }

  function artefactView(artefact) {
    var box = el('div', {'class': 'sirius-pr__artefact'});
    box.appendChild(el('h4', {}, t('Work to review')));
    if (artefact.kind === 'canvas') {
      artefact.sections.forEach(function (part) {
        box.appendChild(el('h5', {}, part.title));
        var list = el('ul', {});
        if (!part.items.length) { list.appendChild(el('li', {}, t('(empty)'))); }
        part.items.forEach(function (item) {
          list.appendChild(el('li', {}, item.tag ? item.text + ' [' + item.tag + ']' : item.text));
        });
        box.appendChild(list);
      });
    } else {
      box.appendChild(el('p', {'class': 'sirius-pr__text'}, artefact.text));
      if (artefact.link) {
        var line = el('p', {}, t('Link given by the author:') + ' ');
        line.appendChild(el('a', {href: artefact.link, rel: 'noopener noreferrer nofollow', target: '_blank'},
          artefact.link));
        box.appendChild(line);
      }
    }
    return box;
  }

  function renderSubmit() {
    var node = clear(body('submit'));
    if (!node) { return; }
    if (state.submitted) {
      node.appendChild(el('p', {'class': 'sirius-pr__done'}, t('Submitted.')));
      return;
    }
    var send = el('button', {type: 'button', 'class': 'sirius-pr__primary'}, t('Submit for review'));
    if (state.source === 'canvas') {
      node.appendChild(el('p', {}, state.canvas_ready ? '' : t('Submit your canvas first, then come back here.')));
      send.disabled = !state.canvas_ready;
      send.addEventListener('click', function () {
        post('submit_work', {}, send).then(function (data) { if (data) { update(data.state, t('Submitted.')); } });
      });
      node.appendChild(send);
      return;
    }
    var draft = state.response_draft || {};
    var status = el('span', {'class': 'sirius-pr__saved', 'aria-live': 'polite'});
    var textLabel = el('label', {}, t('Your answer'));
    var text = el('textarea', {rows: 8, maxlength: data.limits.response});
    text.value = draft.text || '';
    textLabel.appendChild(text);
    var linkLabel = el('label', {}, t('Link (optional)'));
    var link = el('input', {type: 'url', maxlength: 500, placeholder: 'https://'});
    link.value = draft.link || '';
    linkLabel.appendChild(link);
    var save = debounce(function () {
      status.textContent = t('Saving…');
      post('save_response', {text: text.value, link: link.value}).then(function (data) {
        status.textContent = data ? t('Saved') : t('Not saved');
      });
    }, 1500);
    text.addEventListener('input', save);
    link.addEventListener('input', save);
    send.addEventListener('click', function () {
      save.cancel();
      post('submit_work', {text: text.value, link: link.value}, send).then(function (data) {
        if (data) { update(data.state, t('Submitted.')); }
      });
    });
    [textLabel, linkLabel, send, status].forEach(function (child) { node.appendChild(child); });
  }

  function renderCalibration() {
    var part = section('calibration');
    var calibration = state.calibration || {examples: []};
    if (!part) { return; }
    part.hidden = !state.submitted || !calibration.examples.length;
    var node = clear(body('calibration'));
    calibration.examples.forEach(function (example) {
      var box = el('div', {'class': 'sirius-pr__example'});
      box.appendChild(el('h4', {}, fmt('Example %(number)s', {number: example.index + 1})));
      box.appendChild(el('p', {'class': 'sirius-pr__text'}, example.text));
      var form = rubricForm(data.own_rubric, null, function () {}, false);
      box.appendChild(form);
      var check = el('button', {type: 'button'}, t('Check'));
      var outcome = el('ul', {'class': 'sirius-pr__differences'});
      check.addEventListener('click', function () {
        var payload = form.read();
        payload.example = example.index;
        post('check_example', payload, check).then(function (data) {
          if (data) { state.calibration = data.calibration; renderCalibration(); renderReview(); }
        });
      });
      box.appendChild(check);
      if (example.differences) {
        if (!example.differences.length) {
          outcome.appendChild(el('li', {}, t('You scored like the trainer on every criterion.')));
        }
        example.differences.forEach(function (difference) {
          outcome.appendChild(el('li', {}, fmt('The trainer chose “%(expected)s” for %(criterion)s; you chose “%(given)s”.',
            {expected: levelLabel(difference.criterion, difference.expected), criterion: difference.label,
             given: levelLabel(difference.criterion, difference.given)})));
        });
      }
      box.appendChild(outcome);
      node.appendChild(box);
    });
  }

  function levelLabel(criterionName, levelName) {
    var label = t('not chosen');
    data.own_rubric.forEach(function (criterion) {
      if (criterion.name !== criterionName) { return; }
      criterion.levels.forEach(function (level) { if (level.name === levelName) { label = level.label; } });
    });
    return label;
  }

  function renderReview() {
    var node = clear(body('review'));
    if (!node || data.preview) { return; }
    if (!state.mentor) {
      node.appendChild(el('p', {'class': 'sirius-pr__progress'},
        fmt('You have given %(given)s of %(needed)s reviews.', {given: state.given, needed: state.to_give})));
      if (!state.submitted) { return; }
      if (state.calibration && state.calibration.examples.length && !state.calibration.done) { return; }
    }
    if (state.mentor && state.contacts && state.contacts.length) {
      node.appendChild(el('p', {}, t('Learners who accepted your contact request:') + ' ' + state.contacts.join(', ')));
    }
    if (state.current_review) { renderLease(node, state.current_review); } else { node.appendChild(nextReviewButton()); }
  }

  function nextReviewButton() {
    var next = el('button', {type: 'button', 'class': 'sirius-pr__primary'}, t('Review the next piece of work'));
    next.addEventListener('click', function () {
      post('next_review', {}, next).then(function (data) {
        if (!data) { return; }
        if (!data.review) { announce(t('Nothing to review right now. Come back later: new work arrives when other learners submit.')); return; }
        state.current_review = data.review;
        renderReview();
        var heading = body('review').querySelector('h4');
        if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
      });
    });
    return next;
  }

  /* The work leased to this reviewer, the rubric (its draft autosaved) and the send button. */
  function renderLease(node, review) {
    node.appendChild(artefactView(review.artefact));
    node.appendChild(el('p', {'class': 'sirius-pr__hint'}, fmt('Time left for this review: until %(time)s',
      {time: when(review.expires_at)})));
    var status = el('span', {'class': 'sirius-pr__saved', 'aria-live': 'polite'});
    var form;
    var saveDraft = debounce(function () {
      var draft = form.read();
      draft.review_id = review.review_id;
      status.textContent = t('Saving…');
      post('save_review_draft', draft).then(function (data) { status.textContent = data ? t('Saved') : t('Not saved'); });
    }, 1500);
    form = rubricForm(data.rubric, review.draft, saveDraft, true);
    node.appendChild(form);
    var contact = null;
    if (state.mentor && state.contact_enabled) {
      var contactLabel = el('label', {'class': 'sirius-pr__level'});
      contact = el('input', {type: 'checkbox'});
      contactLabel.appendChild(contact);
      contactLabel.appendChild(el('span', {}, t('I would like to contact this learner (they decide).')));
      node.appendChild(contactLabel);
    }
    var send = el('button', {type: 'button', 'class': 'sirius-pr__primary'}, t('Send my review'));
    send.addEventListener('click', function () {
      saveDraft.cancel();
      var assessment = form.read();
      assessment.review_id = review.review_id;
      assessment.contact_request = Boolean(contact && contact.checked);
      post('submit_review', assessment, send).then(function (data) {
        if (data) { update(data.state, t('Review sent. Thank you!')); }
      });
    });
    node.appendChild(send);
    node.appendChild(status);
  }

  function renderSelf() {
    var part = section('self');
    if (!part) { return; }
    var results = state.results;
    part.hidden = !state.submitted;
    var node = clear(body('self'));
    if (!results) { return; }
    if (results.self_assessment) {
      node.appendChild(reviewSummary(results.self_assessment, data.own_rubric));
      return;
    }
    var form = rubricForm(data.own_rubric, null, function () {}, true);
    var send = el('button', {type: 'button'}, t('Send my self-assessment'));
    send.addEventListener('click', function () {
      post('submit_self_assessment', form.read(), send).then(function (data) {
        if (data) { update(data.state, t('Self-assessment saved.')); }
      });
    });
    node.appendChild(form);
    node.appendChild(send);
  }

  function reviewSummary(review, rubric) {
    var list = el('dl', {'class': 'sirius-pr__summary'});
    rubric.forEach(function (criterion) {
      list.appendChild(el('dt', {}, criterion.label));
      list.appendChild(el('dd', {}, levelIn(criterion, review.scores[criterion.name])));
      if (review.comments && review.comments[criterion.name]) {
        list.appendChild(el('dd', {'class': 'sirius-pr__quote'}, review.comments[criterion.name]));
      }
    });
    if (review.overall_comment) {
      list.appendChild(el('dt', {}, t('Overall')));
      list.appendChild(el('dd', {'class': 'sirius-pr__quote'}, review.overall_comment));
    }
    return list;
  }

  function levelIn(criterion, name) {
    var found = criterion.levels.filter(function (level) { return level.name === name; })[0];
    return found ? found.label + ' (' + fmt('%(points)s of %(max)s points', {points: found.points, max: criterion.max_points}) + ')' : t('not chosen');
  }

  function renderResults() {
    var node = clear(body('results'));
    var results = state.results;
    if (!node || !results) { return; }
    if (results.grade) {
      var grade = el('p', {'class': 'sirius-pr__grade'}, fmt('Your grade: %(points)s of %(max)s points',
        {points: results.grade.points, max: results.grade.max}));
      if (results.grade.source === 'override') { grade.appendChild(el('span', {}, ' — ' + t('Given by the trainer'))); }
      node.appendChild(grade);
    }
    node.appendChild(el('p', {}, fmt('Reviews received: %(received)s of %(needed)s needed. %(progress)s in progress.',
      {received: results.received, needed: results.needed, progress: results.in_progress})));
    results.reviews.forEach(function (review) {
      var card = el('article', {'class': 'sirius-pr__received'});
      card.appendChild(el('h4', {}, review.role === 'mentor' ? t('Mentor review') : fmt('Review %(number)s', {number: review.number})));
      if (review.hidden) {
        card.appendChild(el('p', {}, t('This review was hidden by the trainer.')));
        node.appendChild(card);
        return;
      }
      card.appendChild(reviewSummary(review, review.role === 'mentor' ? data.mentor_rubric : data.own_rubric));
      if (review.contact_requested) { card.appendChild(contactControls(review)); }
      card.appendChild(feedbackControls(review));
      node.appendChild(card);
    });
  }

  function contactControls(review) {
    var box = el('div', {'class': 'sirius-pr__contact'});
    if (review.contact_accepted) {
      box.appendChild(el('p', {'class': 'sirius-pr__done'}, t('You accepted. The mentor can now see your username.')));
      return box;
    }
    box.appendChild(el('p', {}, t('This mentor would like to contact you. Accept only if you want to: the mentor will then see your username.')));
    var accept = el('button', {type: 'button'}, t('Accept'));
    accept.addEventListener('click', function () {
      post('accept_contact', {review_id: review.review_id}, accept).then(function (result) {
        if (result) { review.contact_accepted = true; announce(t('You accepted. The mentor can now see your username.')); renderResults(); }
      });
    });
    box.appendChild(accept);
    return box;
  }

  function feedbackControls(review) {
    var box = el('div', {'class': 'sirius-pr__feedback'});
    var label = el('label', {}, t('How helpful was this review?'));
    var select = el('select', {});
    select.appendChild(el('option', {value: ''}, '—'));
    data.helpfulness.forEach(function (choice) {
      var option = el('option', {value: String(choice.value)}, choice.value + ' — ' + choice.label);
      option.selected = review.helpfulness === choice.value;
      select.appendChild(option);
    });
    label.appendChild(select);
    var rate = el('button', {type: 'button'}, t('Rate'));
    rate.addEventListener('click', function () {
      if (!select.value) { return; }
      post('rate_review', {review_id: review.review_id, helpfulness: parseInt(select.value, 10)}, rate)
        .then(function (data) { if (data) { review.helpfulness = data.helpfulness; announce(t('Thank you for your rating.')); } });
    });
    box.appendChild(label);
    box.appendChild(rate);
    var states = {open: 'Reported. The trainer will look at it.', kept: 'The trainer kept this review after your report.',
                  hidden: 'The trainer hid this review after your report.'};
    if (review.flag_state) {
      box.appendChild(el('p', {'class': 'sirius-pr__flagged'}, t(states[review.flag_state])));
      return box;
    }
    var details = el('details', {});
    details.appendChild(el('summary', {}, t('Report this review to the trainer')));
    var reasonLabel = el('label', {}, t('What is wrong with this review?'));
    var reason = el('textarea', {rows: 2, maxlength: data.limits.flag});
    reasonLabel.appendChild(reason);
    var send = el('button', {type: 'button'}, t('Send report'));
    send.addEventListener('click', function () {
      post('flag_review', {review_id: review.review_id, reason: reason.value}, send).then(function (data) {
        if (data) { review.flag_state = data.flag_state; announce(t(states.open)); renderResults(); }
      });
    });
    details.appendChild(reasonLabel);
    details.appendChild(send);
    box.appendChild(details);
    return box;
  }

  function update(newState, message) {
    state = newState;
    render();
    if (message) { announce(state.completed && !state.mentor && message !== t('Step complete.') ? message + ' ' + t('Step complete.') : message); }
  }

  function render() {
    if (state.signed_out || data.preview) { return; }
    renderSubmit();
    renderCalibration();
    renderReview();
    renderSelf();
    renderResults();
  }

  render();
}
