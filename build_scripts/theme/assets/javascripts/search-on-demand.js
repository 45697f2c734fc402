/* The search index loads when the reader turns to search, not with every page.
 *
 * Material's bundle (9.x) asks for the index as soon as a page starts: over http an
 * XMLHttpRequest for search/search_index.json, from file:// a <script> for
 * search/search_index.js appended to <head> (the offline plugin writes both). The index
 * is about 100 KB gzipped, more than the rest of a page, and most visits never search.
 * This script runs before the bundle (it is listed under `extra.polyfills` in
 * mkdocs.yml, after the iframe-worker shim) and holds that one request back until the
 * reader focuses or taps the search box or its icon, or presses one of Material's
 * search keys ("/", "s", "f"); the bundle's own request then goes out unchanged and
 * search works as before. A page opened from a search result (?h=...) asks at once,
 * so the found words are highlighted. Nothing else is touched: every other request and
 * element passes straight through.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.js(on)?$/;
  var KEYS = ["/", "s", "f", "S", "F"];
  var wanted = false;
  var waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  function later(go) {
    if (wanted) go(); else waiting.push(go);
  }

  function isIndex(url) {
    try {
      return INDEX.test(new URL(url, document.baseURI).pathname);
    } catch (e) {
      return false;
    }
  }

  // Over http: Material's request for search_index.json.
  var held = new WeakSet();
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (isIndex(url)) held.add(this); else held.delete(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this;
    var args = arguments;
    if (!held.has(xhr)) return send.apply(xhr, args);
    later(function () { send.apply(xhr, args); });
  };

  // From file://: Material's <script src="search/search_index.js">, appended to <head>.
  var head = document.head;
  var append = head.appendChild;
  head.appendChild = function (node) {
    if (node && node.tagName === "SCRIPT" && node.src && isIndex(node.src)) {
      later(function () { append.call(head, node); });
      return node;
    }
    return append.call(this, node);
  };

  function inSearch(target) {
    return !!(target && target.closest &&
      target.closest('[data-md-component="search"], label[for="__search"], #__search'));
  }

  function typing(target) {
    return !!(target && (target.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)));
  }

  document.addEventListener("focusin", function (e) { if (inSearch(e.target)) want(); }, true);
  document.addEventListener("pointerdown", function (e) { if (inSearch(e.target)) want(); }, true);
  document.addEventListener("change", function (e) { if (inSearch(e.target)) want(); }, true);
  document.addEventListener("keydown", function (e) {
    if (KEYS.indexOf(e.key) >= 0 && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) want();
  }, true);

  if (/[?&](h|q)=/.test(location.search)) want();
})();
