// The page's address follows what it shows (issue 15): the app writes the query that
// reopens the view (src/app/shell/address.cpp: panel or lesson step, their settings, the
// Train form, the theme; only what is not a default), and this file puts it in the
// address bar with history.replaceState when it changes: no reload, no new history
// entries. An embedded panel's address stays an embed address (?panel=sigmoid&...).
//
// It also does the Copy buttons' clipboard work (the app asks through PageRequests.copy):
//   window.digitlab.address()        the app's query for this view, without '?'
//   window.digitlab.link()           the page's full address for this view
//   window.digitlab.embedCode()      an <iframe> showing this panel alone
//   window.digitlab.copyShare(what)  'link' or 'embed' to the clipboard; resolves to
//                                    {copied, text}. Where the browser refuses (no https,
//                                    an iframe without allow="clipboard-write") the text is
//                                    shown at the top of the page, selected, and the
//                                    notice says so.
'use strict';

(function () {
  const CHECK_MS = 300;
  // The page's own keys (web/digitlab.js reads them; the app neither reads nor writes
  // them): kept in the address as the visitor typed them, left out of a shared link.
  const PAGE_KEYS = ['sw'];

  const box = document.getElementById('share-box');
  const boxLabel = document.getElementById('share-label');
  const boxText = document.getElementById('share-text');
  const boxClose = document.getElementById('share-close');

  function address() {
    return Module.UTF8ToString(Module._digitlab_address());
  }

  function link() {
    const query = address();
    return location.origin + location.pathname + (query ? '?' + query : '');
  }

  function escapeAttribute(text) {
    return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  }

  // The snippet of web/embed-example.html, for this panel (its title without the
  // chapter's number: "3 Sigmoid" is "Digit Lab: Sigmoid"): an embedded panel's address is
  // already an embed address; in the whole interface, the panel shown is embedded.
  function embedCode() {
    const a = window.digitlab.access();
    let src = link();
    if (!a.embedded) {
      const url = new URL(src);
      url.searchParams.delete('embed');
      url.searchParams.delete('lesson');
      url.searchParams.set('panel', a.panel);
      src = url.href;
    }
    return '<iframe src="' + escapeAttribute(src) + '" width="960" height="600" title="' +
           escapeAttribute('Digit Lab: ' + a.title.replace(/^\d+ /, '')) + '"></iframe>';
  }

  function showText(text, what) {
    boxLabel.textContent = what === 'embed' ? 'Embed code: select it and copy' : 'Link: select it and copy';
    boxText.value = text;
    box.hidden = false;
    boxText.focus();
    boxText.select();
  }

  async function copyShare(what) {
    const text = what === 'embed' ? embedCode() : link();
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);   // no navigator.clipboard: a TypeError, caught
      copied = true;
    } catch (error) {
      console.warn('digitlab: clipboard refused:', error && error.message);
    }
    if (copied) box.hidden = true;
    else showText(text, what);
    Module.ccall('digitlab_share_copied', null, ['string', 'number'], [what === 'embed' ? 'embed' : 'link', copied ? 1 : 0]);
    return { copied, text };
  }

  boxClose.addEventListener('click', () => { box.hidden = true; });
  // Keys in the box are the browser's (Ctrl+C, Enter on Close), not the canvas's: SDL's key
  // listener, on the window after this one, would take them for ImGui.
  window.addEventListener('keydown', (event) => {
    if (box.contains(event.target)) event.stopImmediatePropagation();
  }, true);

  // The address for `query`, with the page's own keys kept as they are.
  function pageAddress(query) {
    const kept = new URLSearchParams();
    const now = new URLSearchParams(location.search);
    for (const key of PAGE_KEYS) if (now.has(key)) kept.set(key, now.get(key));
    const search = [query, kept.toString()].filter(Boolean).join('&');
    return location.pathname + (search ? '?' + search : '') + location.hash;
  }

  let written = null;   // the last query checked, so an unchanged one costs a string compare
  function follow() {
    const query = address();
    if (query === written) return;
    written = query;
    const wanted = pageAddress(query);
    if (wanted !== location.pathname + location.search + location.hash) history.replaceState(history.state, '', wanted);
  }

  Object.assign(window.digitlab, { address, link, embedCode, copyShare,
                                   copyLink: () => copyShare('link'), copyEmbedCode: () => copyShare('embed') });
  // After the first frame: the page's own ?query has been applied by then (digitlab.js).
  window.digitlab.started.then(() => {
    follow();
    setInterval(follow, CHECK_MS);
  });
})();
