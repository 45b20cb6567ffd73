import { el, fill, api, header } from './common.js';

// Every message here came from a model or from a tool acting for it: untrusted text, rendered with textContent only.
const query = new URLSearchParams(location.search);
const run = query.get('run');
document.getElementById('top').replaceWith(header('transcript'));
const path = query.has('trial')
  ? `/api/runs/${encodeURIComponent(run)}/trials/${encodeURIComponent(query.get('trial'))}`
  : `/api/runs/${encodeURIComponent(run)}/episodes/${encodeURIComponent(query.get('episode'))}?round=${encodeURIComponent(query.get('round'))}`;

const view = await api(path).catch(e => { document.getElementById('title').textContent = e.message; return null; });
if (view) {
  document.getElementById('title').textContent = view.id;
  fill(document.getElementById('summary'), el('p', {}, view.title), el('p', {}, 'status: ', view.status, view.error ? ` — ${view.error}` : ''),
    view.finalMessage ? el('div', {}, el('strong', {}, 'final message'), el('pre', { class: 'text', id: 'final-message' }, view.finalMessage)) : '',
    el('p', {}, el('a', { href: `/run.html?id=${encodeURIComponent(run)}` }, 'back to the run')));
  fill(document.getElementById('labels'), Object.entries(view.labels).map(([label, hit]) => el('span', { class: 'chip' + (hit ? ' hit' : '') }, `${label}: ${hit ? 'yes' : 'no'}`)));
  fill(document.getElementById('messages'), view.messages.map(m => el('div', { class: 'message ' + m.role, 'data-index': m.index },
    el('div', { class: 'role' }, `#${m.index} ${m.role}${m.tool ? ' · ' + m.tool : ''}`),
    m.text ? el('pre', { class: 'text' }, m.text) : '',
    m.arguments ? el('pre', { class: 'text' }, 'arguments: ' + m.arguments) : '',
    m.result ? el('pre', { class: 'text' }, 'result: ' + m.result) : '')));
  fill(document.getElementById('evidence'), el('tr', {}, ['#', 'world time', 'actor', 'tool', 'server', 'path', 'ok', 'result'].map(h => el('th', {}, h))),
    view.evidence.map(a => el('tr', {}, el('td', {}, a.sequence), el('td', {}, a.at), el('td', {}, a.actor), el('td', {}, a.tool), el('td', {}, a.server ?? ''),
      el('td', {}, a.path ?? ''), el('td', {}, a.ok ? 'yes' : 'no'), el('td', {}, el('pre', { class: 'text' }, a.result)))));
}
