'use strict';
// The lesson page's service worker (ADR 0046): the page's shell and files are kept so the page reloads without network;
// the lesson itself is kept by the page (IndexedDB), and entries are queued there, never here.
const CACHE = 'lesson-page-v1';
const SHELL = ['/lesson/shell', '/lesson/app.js', '/lesson/app.css'];
self.addEventListener('install', e => { e.waitUntil(caches.open(CACHE).then(c => c.addAll(SHELL)).then(() => self.skipWaiting())); });
self.addEventListener('activate', e => {
  e.waitUntil(caches.keys().then(keys => Promise.all(keys.filter(k => k !== CACHE).map(k => caches.delete(k)))).then(() => self.clients.claim()));
});
self.addEventListener('fetch', e => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith('/lesson/') || url.pathname.startsWith('/lesson/api/')) return;
  if (req.mode === 'navigate') {
    // A page of the lesson: the network's answer (a Viber link sets the session there), else the kept shell.
    e.respondWith(fetch(req).catch(() => caches.match('/lesson/shell')));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    e.respondWith(fetch(req).then(res => {
      if (res.ok) { const copy = res.clone(); caches.open(CACHE).then(c => c.put(req, copy)); }
      return res;
    }).catch(() => caches.match(req)));
  }
});
