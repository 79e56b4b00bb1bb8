'use strict';
// The lesson page (ADR 0046): roll call, marks (a student, then a mark), topic and homework of one lesson of today.
// Every entry goes into a queue in IndexedDB first, with an idempotency key and the phone's time, and is shown as
// "не надіслано" until the server confirms it; the queue is sent in order whenever the network is there. The server
// writes an entry once, whatever number of times it arrives. An entry the server refuses stays on the page with the reason.
(function () {
  const parts = location.pathname.replace(/\/+$/, '').split('/');
  const page = parts[parts.length - 1];
  const $ = id => document.getElementById(id);
  const main = $('main');
  const tg = window.Telegram && window.Telegram.WebApp;
  let lesson = null;      // the lesson as the server last said (or as kept on the phone)
  let selected = null;    // the student whose mark the keypad sets
  let draft = null;       // the roll call being marked: a Set of absent ids, or null
  let queue = [];         // this lesson's entries not yet confirmed (pending or refused)
  let offline = false;
  let flushing = false;

  // ---- IndexedDB: the queue and the last copy of each lesson ----
  let dbPromise = null;
  function db() {
    if (!dbPromise) dbPromise = new Promise((resolve, reject) => {
      const open = indexedDB.open('lesson-page', 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('queue', { keyPath: 'key' });
        open.result.createObjectStore('lessons', { keyPath: 'id' });
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    return dbPromise;
  }
  async function store(name, mode, fn) {
    const d = await db();
    return new Promise((resolve, reject) => {
      const tx = d.transaction(name, mode);
      const req = fn(tx.objectStore(name));
      tx.oncomplete = () => resolve(req && req.result);
      tx.onerror = () => reject(tx.error);
    });
  }
  const putEntry = e => store('queue', 'readwrite', s => s.put(e));
  const dropEntry = key => store('queue', 'readwrite', s => s.delete(key));
  const allEntries = () => store('queue', 'readonly', s => s.getAll());
  const keepLesson = l => store('lessons', 'readwrite', s => s.put(l));
  const keptLesson = id => store('lessons', 'readonly', s => s.get(id));

  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  // ---- network ----
  async function api(method, url, body) {
    const res = await fetch(url, {
      method, credentials: 'same-origin', cache: 'no-store',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    let json = null;
    try { json = await res.json(); } catch (_) { json = null; }
    return { status: res.status, json: json || {} };
  }

  function setOffline(value) {
    offline = value;
    $('net').textContent = value ? 'Немає зв’язку: записи зберігаються на телефоні й надішлються, щойно зв’язок повернеться.' : '';
  }

  function toast(text) {
    const t = $('toast');
    t.textContent = text;
    t.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.hidden = true; }, 2500);
  }

  function refuse(title, message) {
    document.title = title;
    $('title').textContent = title;
    $('sub').textContent = '';
    main.className = 'refusal';
    main.innerHTML = '';
    const p = document.createElement('p');
    p.id = 'refusal';
    p.textContent = message;
    main.appendChild(p);
  }

  // Telegram passes its signed launch data in the address's fragment (and as Telegram.WebApp.initData when its script is there).
  function initData() {
    if (tg && tg.initData) return tg.initData;
    const hash = new URLSearchParams(location.hash.slice(1));
    return hash.get('tgWebAppData');
  }

  async function signIn() {
    const data = initData();
    if (!data) return true;
    try {
      const r = await api('POST', '/lesson/api/session', { initData: data });
      if (r.status !== 200) { refuse(r.json.title || 'Немає доступу', r.json.message || 'Сторінка уроку недоступна.'); return false; }
    } catch (_) {
      setOffline(true); // offline: the session of this morning still stands; entries wait in the queue
    }
    return true;
  }

  // ---- the lesson ----
  async function load() {
    try {
      const r = await api('GET', `/lesson/api/${page}`);
      if (r.status !== 200) { refuse(r.json.title || 'Урок недоступний', r.json.message || 'Відкрийте урок з бота.'); return false; }
      setOffline(false);
      lesson = r.json;
      await keepLesson(Object.assign({}, lesson, { id: page }));
    } catch (_) {
      setOffline(true);
      const kept = await keptLesson(page);
      if (!kept) { refuse('Немає зв’язку', 'Цей урок ще не відкривали на цьому телефоні, тож показати його без зв’язку не можна. Спробуйте, коли зв’язок повернеться.'); return false; }
      lesson = kept;
    }
    queue = (await allEntries()).filter(e => e.lesson === page).sort((a, b) => a.seq - b.seq);
    render();
    return true;
  }

  // What the page shows in a student's cell: the server's mark, then the queued marks over it.
  function shownMark(id) {
    let value = (lesson.students.find(s => s.id === id) || {}).mark || null;
    for (const e of queue) if (e.kind === 'mark' && e.student === id && e.state === 'pending') value = e.value || null;
    return value;
  }
  function shownAbsent(id) {
    let absent = !!(lesson.students.find(s => s.id === id) || {}).absence;
    for (const e of queue) if (e.kind === 'rollcall' && e.state === 'pending') absent = e.absent.includes(id);
    return absent;
  }
  const pendingFor = id => queue.some(e => e.state === 'pending' && e.kind === 'mark' && e.student === id);

  function el(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'onclick') n.addEventListener('click', v);
      // A key of the keypad acts on the press itself: the page is redrawn when a confirmation comes, and a tap whose
      // press and release fall on two drawings would otherwise be lost (the keypad never scrolls, so a press is a tap).
      else if (k === 'onpress') {
        n.addEventListener('pointerdown', e => { e.preventDefault(); v(e); });
        // Enter or Space on a focused key (keyboard users) makes a click with no pointer behind it (detail 0); a tap's
        // own click (detail 1) was already acted on at its press, so it is not acted on twice.
        n.addEventListener('click', e => { if (e.detail === 0) v(e); });
      }
      else if (k === 'class') n.className = v;
      else if (v !== null && v !== undefined && v !== false) n.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) n.append(c);
    return n;
  }

  function render() {
    // A key of the keypad that has the keyboard's focus keeps it through the redrawing (keyboard users).
    const active = document.activeElement;
    const focusedKey = active && active.matches && active.matches('#keys button.k') ? active.getAttribute('data-value') : null;
    draw();
    if (focusedKey !== null) {
      const again = document.querySelector(`#keys button.k[data-value="${focusedKey}"]`);
      if (again) again.focus();
    }
  }

  function draw() {
    document.title = lesson.title;
    $('title').textContent = lesson.title;
    $('sub').textContent = `${lesson.date}, урок ${lesson.slot}` + (lesson.number > 0 ? ` (№${lesson.number} у журналі)` : '');
    main.className = '';
    main.innerHTML = '';
    main.append(queueBox());

    // Roll call
    main.append(el('h2', {}, 'Перекличка'));
    if (draft) {
      const list = el('ul', { class: 'list', id: 'rollcall' });
      for (const s of lesson.students) {
        const away = draft.has(s.id);
        list.append(el('li', {}, el('button', { class: 'row' + (away ? ' absent' : ''), 'data-student': s.id, onclick: () => { away ? draft.delete(s.id) : draft.add(s.id); render(); } },
          el('span', { class: 'name' }, s.name + (s.report ? ` — батьки: ${s.report}` : '')), away ? el('span', { class: 'tag' }, 'н') : null)));
      }
      main.append(list);
      main.append(el('button', { class: 'btn primary', id: 'rollcall-save', onclick: saveRollCall }, draft.size === 0 ? 'Усі присутні' : `Записати перекличку (відсутні: ${draft.size})`));
      main.append(el('button', { class: 'btn', onclick: () => { draft = null; render(); } }, 'Скасувати'));
    } else {
      const away = lesson.students.filter(s => shownAbsent(s.id));
      const rollPending = queue.some(e => e.kind === 'rollcall' && e.state === 'pending');
      main.append(el('p', { class: 'muted', id: 'rollcall-state' },
        (lesson.rollCallTaken || rollPending ? (away.length === 0 ? 'Присутні всі.' : `Відсутні (${away.length}): ${away.map(s => s.label).join(', ')}`) : 'Перекличку ще не проведено.')
        + (rollPending ? ' (не надіслано)' : '')));
      main.append(el('button', { class: 'btn', id: 'rollcall-open', onclick: () => { draft = new Set(lesson.students.filter(s => shownAbsent(s.id) || (!lesson.rollCallTaken && s.report)).map(s => s.id)); render(); } },
        lesson.rollCallTaken ? 'Змінити перекличку' : 'Провести перекличку'));
    }

    // Marks
    main.append(el('h2', {}, 'Оцінки'));
    const marks = el('ul', { class: 'list', id: 'marks' });
    for (const s of lesson.students) {
      if (shownAbsent(s.id)) continue;
      const mark = shownMark(s.id);
      marks.append(el('li', {}, el('button', { class: 'row' + (selected === s.id ? ' sel' : ''), 'data-student': s.id, onclick: () => { selected = s.id; render(); } },
        el('span', { class: 'name' }, s.name),
        pendingFor(s.id) ? el('span', { class: 'pending' }, 'не надіслано') : null,
        el('span', { class: 'cell' }, mark || '·'))));
    }
    main.append(marks);

    // Topic and homework
    main.append(el('h2', {}, 'Тема уроку'));
    const topicPending = queue.filter(e => (e.kind === 'topic' || e.kind === 'plan') && e.state === 'pending').pop();
    // The plan's next topic, one tap (written only as this lesson of today's topic).
    if (lesson.planned && !lesson.topic && !topicPending) {
      const p = lesson.planned;
      main.append(el('p', { id: 'planned' }, `За планом (урок № ${p.number}): `, el('b', {}, p.topic), p.section ? ` — розділ «${p.section}»` : ''),
        el('button', { class: 'btn primary', id: 'planned-accept', onclick: () => enqueue({ kind: 'plan', value: String(p.number), text: p.topic }) }, 'Прийняти тему за планом'));
    }
    const topic = el('input', { type: 'text', id: 'topic', maxlength: '500', value: topicPending ? topicPending.text : (lesson.topic || '') });
    main.append(topic, el('button', { class: 'btn', id: 'topic-save', onclick: () => { if (topic.value.trim()) enqueue({ kind: 'topic', text: topic.value.trim() }); } },
      topicPending ? 'Записати тему (не надіслано)' : 'Записати тему'));
    if (lesson.homeworkAllowed) {
      main.append(el('h2', {}, 'Домашнє завдання'));
      const hwPending = queue.filter(e => e.kind === 'homework' && e.state === 'pending').pop();
      const hw = el('textarea', { id: 'homework', rows: '2', maxlength: '1000' });
      hw.value = hwPending ? hwPending.text : (lesson.homework || '');
      main.append(hw, el('button', { class: 'btn', id: 'homework-save', onclick: () => { if (hw.value.trim()) enqueue({ kind: 'homework', text: hw.value.trim() }); } },
        hwPending ? 'Записати д/з (не надіслано)' : 'Записати д/з'));
    }
    main.append(el('h2', {}, ''), el('button', { class: 'btn', id: 'undo', onclick: undo }, 'Скасувати останній запис'));

    // The keypad for the selected student
    const student = lesson.students.find(s => s.id === selected && !shownAbsent(s.id));
    if (student) {
      const grid = el('div', { class: 'grid' });
      for (const k of lesson.keypad) grid.append(el('button', { class: 'k', 'data-value': k.value, onpress: () => mark(student, k.value) }, k.label));
      if (shownMark(student.id)) grid.append(el('button', { class: 'k', 'data-value': '', onpress: () => mark(student, '') }, '✕'));
      main.append(el('div', { class: 'keys', id: 'keys' }, el('p', {}, 'Оцінка для: ', el('b', {}, student.name)), grid));
    }
  }

  function queueBox() {
    const box = el('div', { id: 'queue' });
    const pending = queue.filter(e => e.state === 'pending');
    if (pending.length) box.append(el('p', { id: 'pending-count' }, `Не надіслано: ${pending.length}`));
    for (const e of queue.filter(e => e.state === 'refused')) {
      box.append(el('p', { class: 'refused', 'data-key': e.key }, `Не внесено (${e.label}): ${e.reason} `,
        el('button', { class: 'btn', onclick: async () => { await dropEntry(e.key); queue = queue.filter(x => x.key !== e.key); render(); } }, 'Зрозуміло')));
    }
    return box;
  }

  // ---- entries ----
  let seq = Date.now();
  async function enqueue(entry) {
    const e = Object.assign({ key: newKey(), at: new Date().toISOString(), lesson: page, seq: seq++, state: 'pending' }, entry);
    e.label = label(e);
    await putEntry(e);
    queue.push(e);
    render();
    flush();
  }

  function label(e) {
    const s = e.student && lesson.students.find(x => x.id === e.student);
    switch (e.kind) {
      case 'mark': return `${s ? s.label : 'учень'}: ${e.value || 'очищено'}`;
      case 'rollcall': return 'перекличка';
      case 'topic': return 'тема';
      case 'plan': return 'тема за планом';
      case 'homework': return 'домашнє завдання';
      default: return 'запис';
    }
  }

  function mark(student, value) {
    enqueue({ kind: 'mark', student: student.id, value, was: shownMark(student.id) || '' });
    // On to the next present student without a mark, as in the chat.
    const present = lesson.students.filter(s => !shownAbsent(s.id));
    const i = present.findIndex(s => s.id === student.id);
    const next = present.slice(i + 1).concat(present.slice(0, i)).find(s => !shownMark(s.id));
    selected = next ? next.id : null;
    render();
  }

  function saveRollCall() {
    const absent = Array.from(draft);
    draft = null;
    enqueue({ kind: 'rollcall', absent });
  }

  async function undo() {
    // The last entry not sent yet is simply taken off the phone; a sent one is taken back by the server (within its window).
    const last = queue.filter(e => e.state === 'pending').pop();
    if (last) {
      await dropEntry(last.key);
      queue = queue.filter(e => e.key !== last.key);
      render();
      toast(`Скасовано (не надсилалося): ${last.label}`);
      return;
    }
    if (offline) { toast('Без зв’язку можна скасувати лише ще не надісланий запис.'); return; }
    try {
      const r = await api('POST', `/lesson/api/${page}/entries`, { key: newKey(), at: new Date().toISOString(), kind: 'undo' });
      if (r.json.lesson) lesson = r.json.lesson;
      toast(r.json.message || 'Не вдалося скасувати.');
      render();
    } catch (_) { setOffline(true); toast('Немає зв’язку: спробуйте пізніше.'); }
  }

  // Sends the queue in order, one entry at a time; stops at the first network failure (the rest waits for the network).
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (;;) {
        const e = queue.find(x => x.state === 'pending');
        if (!e) break;
        let r;
        try {
          r = await api('POST', `/lesson/api/${e.lesson}/entries`, { key: e.key, at: e.at, kind: e.kind, student: e.student, value: e.value, was: e.was, absent: e.absent, text: e.text });
        } catch (_) { setOffline(true); break; }
        setOffline(false);
        if (r.status === 200) {
          await dropEntry(e.key);
          queue = queue.filter(x => x.key !== e.key);
          if (r.json.lesson) { lesson = r.json.lesson; await keepLesson(Object.assign({}, lesson, { id: page })); }
          toast(r.json.message || 'Записано');
        } else if (r.status >= 500) {
          break; // the server's trouble, not the entry's: try again later
        } else {
          e.state = 'refused';
          e.reason = r.json.message || 'Запис не прийнято.';
          await putEntry(e);
        }
        render();
      }
    } finally {
      flushing = false;
    }
  }

  async function today() {
    try {
      const r = await api('GET', '/lesson/api/today');
      if (r.status !== 200) { refuse(r.json.title || 'Немає доступу', r.json.message || 'Відкрийте уроки з бота.'); return; }
      $('title').textContent = 'Уроки сьогодні';
      $('sub').textContent = r.json.date;
      main.innerHTML = '';
      if (!r.json.lessons.length) { main.append(el('p', { class: 'muted' }, 'Сьогодні за розкладом у вас уроків немає.')); return; }
      const list = el('ul', { class: 'list', id: 'today' });
      for (const l of r.json.lessons) {
        list.append(el('li', {}, el('button', { class: 'row', onclick: async () => {
          const o = await api('POST', `/lesson/api/today/${l.entryId}`);
          if (o.status === 200) location.href = `/lesson/${o.json.lessonId}`;
          else toast(o.json.message || 'Урок недоступний.');
        } }, el('span', { class: 'name' }, l.label))));
      }
      main.append(list);
    } catch (_) {
      refuse('Немає зв’язку', 'Список уроків відкривається лише зі зв’язком. Уроки, уже відкриті на цьому телефоні, працюють і без нього.');
    }
  }

  async function start() {
    if (tg && tg.ready) tg.ready();
    if ('serviceWorker' in navigator) navigator.serviceWorker.register('/lesson/sw.js', { scope: '/lesson/' }).catch(() => {});
    if (!await signIn()) return;
    if (initData() && history.replaceState) history.replaceState(null, '', location.pathname);
    if (page === 'today') { await today(); return; }
    if (await load()) flush();
    window.addEventListener('online', () => { setOffline(false); flush(); });
    window.addEventListener('offline', () => setOffline(true));
    setInterval(() => { if (queue.some(e => e.state === 'pending')) flush(); }, 15000);
  }

  start();
})();
