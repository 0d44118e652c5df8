/* Shared by every Sirius block: translations, JSON posts with CSRF, numbers, announcements.
   Inlined once per page by the server; defined only once even if several blocks include it. */
window.SiriusCommon = window.SiriusCommon || (function () {
  'use strict';

  function gettext(catalog) {
    var strings = catalog || {};
    return {
      gettext: function (msgid) { return Object.prototype.hasOwnProperty.call(strings, msgid) ? strings[msgid] : msgid; },
      interpolate: function (format, values) {
        return format.replace(/%\((\w+)\)s/g, function (match, name) {
          return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
        });
      }
    };
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /* Resolves to {ok, status, data}; never rejects, so callers show the server's translated error
     or their own offline message (status 0). */
  function postJSON(url, data, timeoutMs) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, timeoutMs || 15000) : null;
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrfToken(), 'X-Requested-With': 'XMLHttpRequest'},
      body: JSON.stringify(data || {}),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return {ok: response.ok, status: response.status, data: body};
      });
    }).catch(function () {
      return {ok: false, status: 0, data: {}};
    }).then(function (result) {
      if (timer) { clearTimeout(timer); }
      return result;
    });
  }

  var locales = {en: 'en-GB', fr: 'fr-BE', ar: 'ar-u-nu-latn'};
  function formatNumber(value, language, decimals) {
    var digits = decimals || 0;
    return new Intl.NumberFormat(locales[language] || language, {
      minimumFractionDigits: digits, maximumFractionDigits: digits
    }).format(value);
  }

  /* Screen readers read a polite live region when its text changes. */
  function announce(region, text) {
    if (!region) { return; }
    region.textContent = '';
    setTimeout(function () { region.textContent = text; }, 50);
  }

  /* Builds an element; text always goes in as textContent, never as HTML. */
  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] !== null && attributes[name] !== undefined && attributes[name] !== false) {
        node.setAttribute(name, attributes[name] === true ? '' : attributes[name]);
      }
    });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* The view's arguments: the server sends them as one escaped JSON string (rendering.script_safe_json). */
  function initArgs(raw) {
    return raw && typeof raw.data === 'string' ? JSON.parse(raw.data) : {};
  }

  return {initArgs: initArgs, gettext: gettext, postJSON: postJSON, formatNumber: formatNumber, announce: announce, el: el, csrfToken: csrfToken};
}());
