import { el, fill, api, onPulse, statusCell, header, checkLibraries, throttle } from './common.js';

document.getElementById('top').replaceWith(header('runs'));
checkLibraries('signalR');

const form = document.getElementById('start');
const result = document.getElementById('start-result');
let catalog = { scenarios: [], studies: [] };

function showKind() {
  const kind = form.kind.value;
  fill(document.getElementById('file'), (kind === 'study' ? catalog.studies : catalog.scenarios).map(f => el('option', { value: f }, f)));
  for (const label of form.querySelectorAll('[data-for]')) label.hidden = label.dataset.for !== kind;
}
form.kind.addEventListener('change', showKind);

form.addEventListener('submit', async event => {
  event.preventDefault();
  const models = form.models.value.split(',').map(m => m.trim()).filter(Boolean);
  const number = name => form[name].value === '' ? undefined : Number(form[name].value);
  try {
    const started = form.kind.value === 'study'
      ? await api('/api/studies', { method: 'POST', body: { study: form.file.value, models, agents: number('agents'), rounds: number('rounds'), seed: number('seed') } })
      : [await api('/api/experiments', { method: 'POST', body: { scenario: form.file.value, models, trials: number('trials'), seed: number('seed') } })];
    fill(result, 'Started: ', started.map(r => el('a', { href: runHref(r.id) }, r.id)).flatMap((a, i) => i ? [', ', a] : [a]));
    result.className = 'ok';
    await refresh();
  } catch (e) {
    result.textContent = e.message;
    result.className = 'error';
  }
});

function runHref(id) { return '/run.html?id=' + encodeURIComponent(id); }

const rows = new Map();

function row(run) {
  const progress = el('progress', { max: Math.max(run.total, 1), value: run.done });
  const done = el('td', { class: 'num' }, `${run.done}/${run.total}`);
  const status = el('td', {}, statusCell(run.status, run.fault));
  const act = (verb) => el('button', { type: 'button', onclick: async () => {
    // Cancelling is for good: ask first.
    if (verb === 'cancel' && !confirm(`Cancel ${run.id} for good? What finished is kept; it will not run again.`)) return;
    await api(`/api/runs/${encodeURIComponent(run.id)}/${verb}`, { method: 'POST' });
    await refresh();
  } }, verb);
  const tr = el('tr', { 'data-run': run.id },
    el('td', {}, run.kind), el('td', {}, el('a', { href: runHref(run.id) }, run.id)), el('td', {}, run.title), status,
    el('td', {}, progress), done, el('td', {}, act('pause'), ' ', act('resume'), ' ', act('cancel')));
  rows.set(run.id, { tr, progress, done, status });
  return tr;
}

async function refresh() {
  const runs = await api('/api/runs');
  rows.clear();
  fill(document.querySelector('#runs tbody'), runs.slice().reverse().map(row));
}

const later = throttle(refresh, 1000);
onPulse(pulse => {
  const p = pulse.progress;
  const known = rows.get(p.id);
  if (!known) { later(); return; }
  known.progress.max = Math.max(p.total, 1);
  // A study's bar moves inside a round too.
  known.progress.value = p.roundEpisodes > 0 && p.round > p.done ? p.done + p.roundDone / p.roundEpisodes : p.done;
  known.done.textContent = `${p.done}/${p.total}`;
  fill(known.status, statusCell(p.status, p.fault));
}, later);

catalog = await api('/api/catalog');
showKind();
await refresh();
const silos = await api('/api/silos');
fill(document.getElementById('silos'), silos.map(s => el('li', {}, `${s.name} (${s.address}), ${s.status}, since ${s.started}`)));
