// attache dashboard: hash routes, every view drawn from the /api/... endpoints.
// Plain DOM and hand-drawn SVG: no framework, no chart library, nothing fetched from elsewhere.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const QUAD = { 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict' };
const QUAD_COLOR = { 1: '#2e7d32', 2: '#66bb6a', 3: '#ef8a3c', 4: '#c62828' };
const LEVEL = { 4: 'head of state/gov.', 3: 'minister', 2: 'deputy/ambassador', 1: 'official' };

// Builds an element; children may be strings (inserted as text, never as HTML) or nodes.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}
function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined && v !== false) qs.set(k, v);
  const url = path + (qs.toString() ? '?' + qs : '');
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({ error: res.statusText, status: res.status }));
  if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
  return body;
}

function route() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [pathPart, query] = raw.split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: Object.fromEntries(new URLSearchParams(query || '')) };
}
function go(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined && v !== false) qs.set(k, v);
  location.hash = '#' + path + (qs.toString() ? '?' + qs : '');
}

const app = () => document.getElementById('app');
function show(...nodes) { const m = app(); m.replaceChildren(...nodes.flat().filter(Boolean)); }
function fail(err) { show(h('p', { class: 'error', role: 'alert' }, String(err.message || err))); }

function actorLabel(a) {
  if (!a) return '—';
  const who = [a.role, a.name].filter(Boolean).join(' ');
  return a.code + (a.sector ? ' ' + a.sector : '') + (who ? ' (' + who + ')' : '');
}
function quadChip(q) { return h('span', { class: 'chip q' + q, title: QUAD[q] || '' }, 'Q' + q); }
function eventLink(e) { return h('a', { href: '#/event/' + e.id, 'data-event': e.id }, e.date || '?'); }

// ---------- events: search and filters ----------
async function eventsPage(params) {
  const f = h('form', { class: 'filters', id: 'filters' },
    h('label', {}, 'Actor', h('input', { type: 'text', name: 'actor', value: params.actor || '', placeholder: 'AFG', size: 6 })),
    h('label', {}, 'Dyad', h('input', { type: 'text', name: 'dyad', value: params.dyad || '', placeholder: 'IND,AFG', size: 8 })),
    h('label', {}, 'Type (PLOVER)', h('input', { type: 'text', name: 'type', value: params.type || '', placeholder: 'CONSULT', size: 10 })),
    h('label', {}, 'Since', h('input', { type: 'text', name: 'since', value: params.since || '', placeholder: 'YYYY-MM-DD', size: 10 })),
    h('label', {}, 'Until', h('input', { type: 'text', name: 'until', value: params.until || '', placeholder: 'YYYY-MM-DD', size: 10 })),
    h('label', {}, 'Words in article', h('input', { type: 'text', name: 'q', value: params.q || '', placeholder: 'Taliban', size: 14 })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'include_background', value: 'true', checked: params.include_background === 'true' }), 'include background'),
    h('button', { type: 'submit' }, 'Search'));
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = Object.fromEntries(new FormData(f));
    go('/', p);
  });
  show(h('h1', {}, 'Events'), f, h('p', { class: 'muted' }, 'Loading…'));
  const limit = 50;
  const offset = Number(params.offset || 0);
  const data = await api('/api/events', { ...params, limit, offset });
  const rows = data.items.map((e) => h('tr', { class: e.background ? 'bg' : null },
    h('td', {}, eventLink(e)),
    h('td', {}, h('a', { href: '#/dyad/' + e.source?.code + '/' + e.target?.code }, (e.source?.code || '?') + (e.undirected ? ' ↔ ' : ' → ') + (e.target?.code || '?'))),
    h('td', {}, quadChip(e.quad_class), ' ', e.plover, ' ', h('span', { class: 'muted' }, e.cameo)),
    h('td', {}, actorLabel(e.source)), h('td', {}, actorLabel(e.target)),
    h('td', {}, String(e.num_articles)),
    h('td', { class: 'sentence' }, e.sentence)));
  const pager = h('div', { class: 'pager' },
    offset > 0 ? h('button', { class: 'secondary', onclick: () => go('/', { ...params, offset: Math.max(0, offset - limit) }) }, '← Previous') : null,
    h('span', { class: 'muted', id: 'count' }, `${data.total ? offset + 1 : 0}–${offset + data.items.length} of ${data.total} event(s)`),
    data.next_offset !== null ? h('button', { class: 'secondary', onclick: () => go('/', { ...params, offset: data.next_offset }) }, 'Next →') : null);
  show(h('h1', {}, 'Events'), f, pager,
    h('table', { id: 'events' }, h('thead', {}, h('tr', {}, ['Date', 'Dyad', 'Type', 'Source', 'Target', 'Articles', 'Sentence'].map((t) => h('th', {}, t)))), h('tbody', {}, rows)));
}

// ---------- dyad timeline ----------
function parseDate(d) {
  if (!d) return null;
  const [y, m, day] = d.split('-').map(Number);
  return Date.UTC(y, (m || 7) - 1, day || (m ? 15 : 1));
}
async function dyadPage(parts, params) {
  const a = (parts[1] || 'IND').toUpperCase();
  const b = (parts[2] || 'AFG').toUpperCase();
  const by = params.by === 'quad' ? 'quad' : 'type';
  const form = h('form', { class: 'filters' },
    h('label', {}, 'Actor A', h('input', { type: 'text', name: 'a', value: a, size: 6 })),
    h('label', {}, 'Actor B', h('input', { type: 'text', name: 'b', value: b, size: 6 })),
    h('label', {}, 'Rows', h('select', { name: 'by' }, h('option', { value: 'type', selected: by === 'type' }, 'PLOVER type'), h('option', { value: 'quad', selected: by === 'quad' }, 'QuadClass'))),
    h('label', {}, 'Since', h('input', { type: 'text', name: 'since', value: params.since || '', placeholder: 'YYYY', size: 10 })),
    h('label', {}, 'Until', h('input', { type: 'text', name: 'until', value: params.until || '', placeholder: 'YYYY', size: 10 })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'include_background', value: 'true', checked: params.include_background !== 'false' }), 'include background'),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = Object.fromEntries(new FormData(form));
    go('/dyad/' + encodeURIComponent(p.a) + '/' + encodeURIComponent(p.b), { by: p.by, since: p.since, until: p.until, include_background: p.include_background || 'false' });
  });
  const data = await api(`/api/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}`,
    { since: params.since, until: params.until, include_background: params.include_background === 'false' ? 'false' : 'true' });
  const events = data.events.filter((e) => e.date);
  const title = h('h1', {}, `Dyad ${a} – ${b}`);
  if (!events.length) { show(title, form, h('p', { class: 'muted' }, 'No dated events between these actors.')); return; }
  const rowKey = (e) => by === 'quad' ? 'Q' + e.quad_class + ' ' + QUAD[e.quad_class] : e.plover;
  const rows = [...new Set(events.map(rowKey))].sort();
  const times = events.map((e) => parseDate(e.date));
  let t0 = Math.min(...times); let t1 = Math.max(...times);
  const pad = Math.max((t1 - t0) * 0.05, 86400000 * 15); t0 -= pad; t1 += pad;
  const W = 1100; const left = 190; const right = 30; const top = 56; const rowH = 34;
  const H = top + rows.length * rowH + 40;
  const x = (t) => left + (W - left - right) * (t - t0) / (t1 - t0);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, id: 'timeline', role: 'img', 'aria-label': `Timeline of events between ${a} and ${b}` });
  // ticks: years over a long span, months over a short one
  const ticks = [];
  const y0 = new Date(t0).getUTCFullYear(); const y1 = new Date(t1).getUTCFullYear();
  if (t1 - t0 > 3 * 365 * 86400000) {
    const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 12));
    for (let y = y0; y <= y1 + 1; y += step) ticks.push([Date.UTC(y, 0, 1), String(y)]);
  } else {
    const months = (y1 - y0) * 12 + new Date(t1).getUTCMonth() - new Date(t0).getUTCMonth() + 1;
    const step = Math.max(1, Math.ceil(months / 12));
    for (let i = 0; i <= months; i += step) {
      const t = Date.UTC(y0, new Date(t0).getUTCMonth() + i, 1);
      ticks.push([t, new Date(t).toISOString().slice(0, 7)]);
    }
  }
  for (const [t, label] of ticks) {
    if (t < t0 || t > t1) continue;
    svg.append(s('line', { x1: x(t), x2: x(t), y1: top - 10, y2: H - 30, class: 'grid' }), s('text', { x: x(t) + 2, y: H - 14 }, label));
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH + rowH / 2;
    svg.append(s('line', { x1: left, x2: W - right, y1: y, y2: y, class: 'grid' }), s('text', { x: 8, y: y + 4 }, r));
  });
  // milestones: a dashed line and a flag at each computed or claimed first; labels on the
  // same date are merged, and neighbouring labels are stacked so that they stay legible
  const flags = new Map();
  for (const m of data.milestones) {
    if (!m.event.date) continue;
    const label = 'first ' + m.event.plover.toLowerCase() + (m.level ? ' at level ' + m.level : '');
    const f = flags.get(m.event.date) || { labels: [], id: m.event.id };
    if (!f.labels.includes(label)) f.labels.push(label);
    flags.set(m.event.date, f);
  }
  let lastX = -1e9; let lane = 0;
  for (const [d, f] of [...flags.entries()].sort()) {
    const mx = x(parseDate(d));
    lane = mx - lastX < 260 ? (lane + 1) % 3 : 0; lastX = mx;
    const anchor = mx > W - 260 ? 'end' : 'start';
    svg.append(s('line', { x1: mx, x2: mx, y1: top - 14 - lane * 13, y2: H - 30, class: 'milestone' }),
      s('a', { href: '#/event/' + f.id }, s('text', { x: anchor === 'end' ? mx - 3 : mx + 3, y: top - 16 - lane * 13, 'text-anchor': anchor, class: 'milestone-label', 'data-event': f.id }, '★ ' + d + ': ' + f.labels.join(', '))));
  }
  const slots = new Map(); // events at the same date in the same row sit side by side
  for (const e of events) {
    const row = rows.indexOf(rowKey(e));
    const slot = row + '|' + e.date;
    const k = slots.get(slot) || 0; slots.set(slot, k + 1);
    const cy = top + row * rowH + rowH / 2;
    const r = 5 + Math.min(6, (e.num_articles || 1) - 1);
    const link = s('a', { href: '#/event/' + e.id, class: 'tl-event', 'data-date': e.date, 'data-event': e.id },
      s('circle', { cx: x(parseDate(e.date)) + k * (2 * r + 2), cy, r, fill: QUAD_COLOR[e.quad_class] || '#999', 'fill-opacity': e.background ? 0.35 : 0.9, stroke: '#fff', 'stroke-width': 1 }),
      s('title', {}, `${e.date} ${e.source?.code} ${e.undirected ? '↔' : '→'} ${e.target?.code} ${e.plover} (${e.cameo})${e.background ? ' [background]' : ''}\n${e.sentence}`));
    svg.append(link);
  }
  // A long history squeezes recent events together: offer the last two years.
  const lastYear = new Date(Math.max(...times)).getUTCFullYear();
  const zoom = !params.since && new Date(Math.min(...times)).getUTCFullYear() < lastYear - 3
    ? h('p', {}, h('a', { href: '#/dyad/' + a + '/' + b + '?' + new URLSearchParams({ by, since: String(lastYear - 1), include_background: params.include_background || 'true' }), id: 'zoom' }, `Zoom to ${lastYear - 1}–${lastYear}`), h('span', { class: 'muted' }, ' (the timeline spans ' + new Date(Math.min(...times)).getUTCFullYear() + '–' + lastYear + ')'))
    : null;
  const legend = h('div', { class: 'legend' }, Object.entries(QUAD).map(([q, n]) => h('span', {}, quadChip(q), ' ', n)),
    h('span', {}, '★ milestone (dashed)'), h('span', { class: 'muted' }, 'faded: background (recalled) events; larger: more articles'));
  const table = h('table', { id: 'dyad-events' }, h('thead', {}, h('tr', {}, ['Date', 'Direction', 'Type', 'Level', 'Sentence'].map((t) => h('th', {}, t)))),
    h('tbody', {}, data.events.map((e) => h('tr', { class: e.background ? 'bg' : null }, h('td', {}, eventLink(e)),
      h('td', {}, `${e.source?.code || '?'} ${e.undirected ? '↔' : '→'} ${e.target?.code || '?'}`),
      h('td', {}, quadChip(e.quad_class), ' ', e.plover), h('td', {}, LEVEL[Math.min(e.source_rank || 9, e.target_rank || 9)] || '—'),
      h('td', { class: 'sentence' }, e.sentence)))));
  show(title, form, legend, zoom, svg, h('h2', {}, `${data.events.length} event(s)`), table);
}

// ---------- network ----------
async function networkPage(params) {
  const form = h('form', { class: 'filters' },
    h('label', {}, 'Since', h('input', { type: 'text', name: 'since', value: params.since || '', placeholder: 'YYYY', size: 10 })),
    h('label', {}, 'Until', h('input', { type: 'text', name: 'until', value: params.until || '', placeholder: 'YYYY', size: 10 })),
    h('label', {}, 'Type', h('input', { type: 'text', name: 'type', value: params.type || '', placeholder: 'any', size: 10 })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'include_background', value: 'true', checked: params.include_background === 'true' }), 'include background'),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); go('/network', Object.fromEntries(new FormData(form))); });
  const data = await api('/api/network', params);
  const title = h('h1', {}, 'Who engages whom');
  if (!data.nodes.length) { show(title, form, h('p', { class: 'muted' }, 'No events between two actors in this period.')); return; }
  const W = 720; const H = 720; const cx = W / 2; const cy = H / 2; const R = 280;
  const nodes = [...data.nodes].sort((p, q) => q.events - p.events || p.code.localeCompare(q.code));
  const pos = {};
  nodes.forEach((n, i) => { const t = 2 * Math.PI * i / nodes.length - Math.PI / 2; pos[n.code] = [cx + R * Math.cos(t), cy + R * Math.sin(t), t]; });
  const maxE = Math.max(...data.edges.map((e) => e.events));
  const maxN = Math.max(...nodes.map((n) => n.events));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, id: 'network', role: 'img', 'aria-label': 'Network of actors' });
  for (const e of data.edges) {
    const [x1, y1] = pos[e.a]; const [x2, y2] = pos[e.b];
    const coop = e.cooperation / e.events;
    const colour = coop >= 0.5 ? (coop === 1 ? '#2e7d32' : '#7cb342') : (coop === 0 ? '#c62828' : '#ef8a3c');
    svg.append(s('a', { href: `#/dyad/${e.a}/${e.b}` }, s('line', { x1, y1, x2, y2, stroke: colour, 'stroke-opacity': 0.75, 'stroke-width': 1.5 + 8 * e.events / maxE, 'data-a': e.a, 'data-b': e.b }),
      s('title', {}, `${e.a} – ${e.b}: ${e.events} event(s), ${e.cooperation} cooperation, ${e.conflict} conflict`)));
  }
  for (const n of nodes) {
    const [x, y, t] = pos[n.code];
    const lx = cx + (R + 22) * Math.cos(t); const ly = cy + (R + 22) * Math.sin(t);
    svg.append(s('a', { href: '#/engagement/' + n.code }, s('circle', { cx: x, cy: y, r: 5 + 10 * Math.sqrt(n.events / maxN), fill: '#1f5fbf', stroke: '#fff', 'stroke-width': 1.5 }),
      s('text', { x: lx, y: ly + 4, 'text-anchor': Math.cos(t) < -0.2 ? 'end' : Math.cos(t) > 0.2 ? 'start' : 'middle' }, n.code),
      s('title', {}, `${n.code}: ${n.events} event(s)`)));
  }
  const legend = h('div', { class: 'legend' }, h('span', {}, h('span', { class: 'chip q1' }, '■'), ' all cooperation'), h('span', {}, h('span', { class: 'chip q2' }, '■'), ' mostly cooperation'),
    h('span', {}, h('span', { class: 'chip q3' }, '■'), ' mostly conflict'), h('span', {}, h('span', { class: 'chip q4' }, '■'), ' all conflict'), h('span', { class: 'muted' }, 'edge width = events; click an edge for the dyad, a node for its engagement'));
  show(title, form, legend, svg);
}

// ---------- engagement ladder ----------
async function engagementPage(parts, params) {
  const actor = (parts[1] || 'AFG').toUpperCase();
  const form = h('form', { class: 'filters' },
    h('label', {}, 'Actor', h('input', { type: 'text', name: 'actor', value: actor, size: 6 })),
    h('label', {}, 'Since', h('input', { type: 'text', name: 'since', value: params.since || '', placeholder: '2021-08-15', size: 10 })),
    h('label', {}, 'Until', h('input', { type: 'text', name: 'until', value: params.until || '', placeholder: 'YYYY', size: 10 })),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); const p = Object.fromEntries(new FormData(form)); go('/engagement/' + encodeURIComponent(p.actor), { since: p.since, until: p.until }); });
  const data = await api('/api/engagement/' + encodeURIComponent(actor), { since: params.since, until: params.until });
  const contact = (c) => c ? h('span', {}, h('a', { href: '#/event/' + c.event }, c.date || '?'), ' ', h('span', { class: 'muted' }, c.plover)) : '—';
  const rows = data.counterparts.map((c) => h('tr', {},
    h('td', {}, h('a', { href: `#/dyad/${actor}/${c.counterpart}` }, c.counterpart)),
    h('td', {}, String(c.events)),
    h('td', {}, Object.entries(c.by_type).map(([t, n]) => t + ' ' + n).join(', ')),
    h('td', {}, c.highest ? (LEVEL[c.highest.level] || 'unknown') : '—'),
    h('td', {}, contact(c.highest)), h('td', {}, contact(c.first)), h('td', {}, contact(c.latest)),
    h('td', {}, c.diplomatic.map((d) => h('div', {}, h('a', { href: '#/event/' + d.event }, d.date || '?'), ' ', d.what || '')))));
  show(h('h1', {}, `Engagement ladder of ${actor}`), form,
    data.counterparts.length ? h('table', { id: 'ladder' }, h('thead', {}, h('tr', {}, ['Counterpart', 'Events', 'By type', 'Highest level', 'First at highest', 'First contact', 'Latest', 'Diplomatic status'].map((t) => h('th', {}, t)))), h('tbody', {}, rows))
      : h('p', { class: 'muted' }, 'No events for this actor in this period.'));
}

// ---------- one event, with its sentence highlighted in the article ----------
const enc = new TextEncoder(); const dec = new TextDecoder();
// Offsets from the API are byte offsets into the UTF-8 article text.
function highlighted(text, mention) {
  const bytes = enc.encode(text);
  const cut = (a, b) => dec.decode(bytes.slice(a, b));
  const [s0, s1] = mention.span;
  const spans = [['source', mention.source], ['target', mention.target]]
    .filter(([, a]) => a && a.span && a.span[1] > a.span[0] && a.span[0] >= s0 && a.span[1] <= s1)
    .map(([role, a]) => [a.span[0], a.span[1], role, a])
    .sort((p, q) => p[0] - q[0]);
  const mark = h('mark', { class: 'sentence', id: 'highlight' });
  let at = s0;
  for (const [a, b, role, actor] of spans) {
    if (a < at) continue;
    mark.append(cut(at, a), h('span', { class: 'actor ' + role, title: role + ': ' + actorLabel(actor) }, cut(a, b)));
    at = b;
  }
  mark.append(cut(at, s1));
  return h('div', { class: 'article-text', id: 'article-text' }, cut(0, s0), mark, cut(s1, bytes.length));
}
async function eventPage(parts) {
  const id = parts[1];
  const data = await api('/api/events/' + encodeURIComponent(id));
  const e = data.event;
  const which = data.mentions.find((m) => !m.background) || data.mentions[0];
  const facts = h('dl', { class: 'kv' },
    h('dt', {}, 'Date'), h('dd', {}, (e.date || 'undated') + (e.date_end ? ' – ' + e.date_end : '')),
    h('dt', {}, 'Type'), h('dd', {}, quadChip(e.quad_class), ' ', `${e.plover} · CAMEO ${e.cameo} · Goldstein ${e.goldstein} · ${QUAD[e.quad_class] || ''}`),
    h('dt', {}, 'Source'), h('dd', {}, h('a', { href: '#/engagement/' + (e.source?.code || '') }, actorLabel(e.source))),
    h('dt', {}, 'Target'), h('dd', {}, h('a', { href: '#/engagement/' + (e.target?.code || '') }, actorLabel(e.target))),
    h('dt', {}, 'Dyad'), h('dd', {}, h('a', { href: `#/dyad/${e.source?.code}/${e.target?.code}` }, `${e.source?.code} ${e.undirected ? '↔' : '→'} ${e.target?.code}`)),
    h('dt', {}, 'Modality'), h('dd', {}, e.modality + (e.background ? ' (background: recalled as context)' : '')),
    e.location ? h('dt', {}, 'Location') : null, e.location ? h('dd', {}, e.location + (e.location_code ? ' (' + e.location_code + ')' : '')) : null,
    h('dt', {}, 'Reported by'), h('dd', {}, `${e.num_mentions} mention(s) in ${e.num_articles} article(s) from ${e.num_sources} source(s)`),
    e.milestone ? h('dt', {}, 'Claimed') : null, e.milestone ? h('dd', {}, e.milestone) : null);
  const nodes = [h('h1', {}, `Event ${e.id}: ${e.source?.code || '?'} ${e.plover} ${e.target?.code || '?'}`), h('div', { class: 'card' }, facts)];
  if (which) {
    const art = await api('/api/articles/' + encodeURIComponent(which.article));
    const a = art.article;
    nodes.push(h('h2', {}, 'Reported in: ', a.url ? h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, a.title || a.id) : (a.title || a.id),
      h('span', { class: 'muted' }, ' ' + (a.published || '') + ' · trigger “' + which.trigger + '”')));
    nodes.push(highlighted(a.text, which));
    if (data.mentions.length > 1) {
      nodes.push(h('h2', {}, 'All mentions'), h('table', {}, h('tbody', {}, data.mentions.map((m) => h('tr', { class: m.background ? 'bg' : null },
        h('td', {}, h('a', { href: '#/articles/' + encodeURIComponent(m.article) }, m.article_title || m.article)), h('td', { class: 'sentence' }, m.sentence))))));
    }
  }
  show(nodes);
  document.getElementById('highlight')?.scrollIntoView({ block: 'center' });
}

// ---------- articles: full-text search and one article ----------
function snippet(text) {
  // matches come between U+0002 and U+0003
  const out = [];
  text.split('\u0002').forEach((part, i) => {
    if (i === 0) { out.push(part); return; }
    const [hit, rest] = part.split('\u0003');
    out.push(h('mark', { class: 'snippet' }, hit), rest || '');
  });
  return out;
}
async function articlesPage(parts, params) {
  if (parts[1]) {
    const data = await api('/api/articles/' + encodeURIComponent(parts[1]));
    const a = data.article;
    show(h('h1', {}, a.title || a.id), h('p', { class: 'muted' }, [a.published, a.domain, a.url ? h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, a.url) : null].filter(Boolean).map((x, i) => [i ? ' · ' : '', x])),
      h('h2', {}, `${data.mentions.length} coded mention(s)`),
      h('table', {}, h('tbody', {}, data.mentions.map((m) => h('tr', { class: m.background ? 'bg' : null },
        h('td', {}, m.event_id ? h('a', { href: '#/event/' + m.event_id }, m.date || '?') : (m.date || '?')),
        h('td', {}, `${m.source?.code || '?'} ${m.plover} ${m.target?.code || '?'}`), h('td', { class: 'sentence' }, m.sentence))))),
      h('div', { class: 'article-text' }, a.text));
    return;
  }
  const form = h('form', { class: 'filters' }, h('label', {}, 'Words', h('input', { type: 'text', name: 'q', value: params.q || '', placeholder: 'Taliban', size: 30 })), h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); go('/articles', Object.fromEntries(new FormData(form))); });
  if (!params.q) { show(h('h1', {}, 'Articles'), form); return; }
  const data = await api('/api/articles', { q: params.q, limit: 100 });
  show(h('h1', {}, 'Articles'), form, h('p', { class: 'muted' }, `${data.total} article(s)`),
    data.items.map((a) => h('div', { class: 'card' }, h('a', { href: '#/articles/' + encodeURIComponent(a.id) }, a.title || a.id), ' ', h('span', { class: 'muted' }, a.published || ''), h('div', {}, snippet(a.snippet)))));
}

async function render() {
  const { parts, params } = route();
  const page = parts[0] || 'events';
  for (const a of document.querySelectorAll('nav a[data-nav]')) a.classList.toggle('active', a.dataset.nav === page);
  document.body.dataset.page = page;
  document.body.removeAttribute('data-ready');
  try {
    if (page === 'events') await eventsPage(params);
    else if (page === 'dyad') await dyadPage(parts, params);
    else if (page === 'network') await networkPage(params);
    else if (page === 'engagement') await engagementPage(parts, params);
    else if (page === 'event') await eventPage(parts);
    else if (page === 'articles') await articlesPage(parts, params);
    else show(h('p', { class: 'error' }, 'No such page.'));
  } catch (err) { fail(err); }
  document.body.dataset.ready = page;
}

async function stats() {
  try {
    const st = await api('/api/stats');
    document.getElementById('stats').textContent = `${st.events} events · ${st.articles} articles · ${st.first_date || '?'} – ${st.last_date || '?'}`;
  } catch (err) { /* the page itself shows errors */ }
}

window.addEventListener('hashchange', render);
window.addEventListener('DOMContentLoaded', () => { stats(); render(); });
