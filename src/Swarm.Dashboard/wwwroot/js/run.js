import { el, fill, api, onPulse, statusCell, header, checkLibraries, throttle, pct, rateText } from './common.js';

const id = new URLSearchParams(location.search).get('id');
document.getElementById('top').replaceWith(header(id));
const libraries = checkLibraries('Chart', 'cytoscape', 'signalR');
const base = `/api/runs/${encodeURIComponent(id)}`;
const colours = ['#2b59c3', '#c0392b', '#1e8449', '#b9770e', '#7d3c98', '#117a65', '#566573', '#d35400'];
const charts = {};
let kind = null;
let selected = null;

function chart(name, config) {
  if (!libraries) return;
  if (charts[name]) charts[name].destroy();
  charts[name] = new Chart(document.getElementById(name), config);
}

function progress(p) {
  fill(document.getElementById('status'), statusCell(p.status, p.fault));
  const bar = document.getElementById('progress');
  bar.max = Math.max(p.total, 1);
  bar.value = p.done;
  document.getElementById('done').textContent = kind === 'study'
    ? `${p.done}/${p.total} rounds` + (p.round > p.done && p.roundEpisodes ? `; round ${p.round}: ${p.roundDone}/${p.roundEpisodes} episodes` : '') + (p.alive ? `; ${p.alive} alive` : '')
    : `${p.done}/${p.total} trials, ${p.errored} errored`;
}

for (const verb of ['pause', 'resume', 'cancel'])
  document.getElementById(verb).addEventListener('click', async () => {
    // Cancelling is for good: ask first.
    if (verb === 'cancel' && !confirm('Cancel this run for good? What finished is kept; it will not run again.')) return;
    await api(`${base}/${verb}`, { method: 'POST' });
    await loadRun();
  });

async function loadRun() {
  const run = (await api('/api/runs')).find(r => r.id === id);
  if (!run) { document.getElementById('title').textContent = `no run '${id}'`; return null; }
  kind = run.kind;
  document.getElementById('title').textContent = run.title;
  progress(run);
  const files = kind === 'study' ? ['study.json', 'rounds.csv', 'agents.csv'] : ['results.json', 'results.csv'];
  fill(document.getElementById('downloads'), 'Download: ', files.flatMap((f, i) => [i ? ' · ' : '', el('a', { href: `${base}/files/${f}`, download: f }, f)]));
  document.getElementById(kind).hidden = false;
  return run;
}

// ---- paper runs ----
async function loadExperiment() {
  const detail = await api(`${base}/detail`);
  const measures = detail.experiment.measures;
  const select = document.getElementById('measure');
  const current = select.value || measures[0];
  fill(select, measures.map(m => el('option', { value: m, selected: m === current }, m)));
  select.onchange = () => drawCells(detail, select.value);
  drawCells(detail, current);
  fill(document.getElementById('cells'),
    el('tr', {}, el('th', {}, 'model'), el('th', {}, 'peer'), el('th', {}, 'monitoring'), el('th', { class: 'num' }, 'trials'), el('th', { class: 'num' }, 'errored'), measures.map(m => el('th', {}, m))),
    detail.cells.map(c => el('tr', {}, el('td', {}, c.model), el('td', {}, c.peer), el('td', {}, c.monitoring), el('td', { class: 'num' }, c.trials), el('td', { class: 'num' }, c.errored),
      measures.map(m => el('td', {}, rateText(c.rates[m]))))));
  fill(document.getElementById('press'),
    el('tr', {}, ['model', 'figure', 'cell', 'press', 'measured [95 % CI]', ''].map(h => el('th', {}, h))),
    detail.press.length === 0 ? el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No press figure for these models and this scenario.')) :
    detail.press.map(p => el('tr', {}, el('td', {}, p.model), el('td', {}, p.claim), el('td', {}, `${p.peer} / ${p.monitoring}`), el('td', {}, pct(p.press)),
      el('td', {}, `${pct(p.measured)} [${pct(p.ciLow)}, ${pct(p.ciHigh)}] n=${p.n}`),
      el('td', { class: p.withinInterval ? 'ok' : 'error' }, p.withinInterval ? 'within CI' : 'outside CI'))));
  fill(document.getElementById('trials'),
    el('tr', {}, ['trial', 'model', 'peer', 'monitoring', 'status', 'behaviours'].map(h => el('th', {}, h))),
    detail.trials.slice(0, 200).map(t => el('tr', {},
      el('td', {}, el('a', { href: `/transcript.html?run=${encodeURIComponent(id)}&trial=${encodeURIComponent(t.id)}` }, t.id)),
      el('td', {}, t.model), el('td', {}, t.peer), el('td', {}, t.monitoring), el('td', {}, t.status), el('td', {}, t.behaviors.join(', ')))));
}

function drawCells(detail, measure) {
  const cells = detail.cells.filter(c => c.rates[measure]);
  const labels = cells.map(c => `${c.model} · ${c.peer} · ${c.monitoring}`);
  const press = labels.map(() => null);
  for (const p of detail.press.filter(p => p.label === measure))
    cells.forEach((c, i) => { if (c.model === p.model && c.peer === p.peer && (p.monitoring === 'pooled' || c.monitoring === p.monitoring)) press[i] = p.press * 100; });
  chart('cells-chart', {
    data: {
      labels,
      datasets: [
        // The interval as a floating bar from its low to its high end; the measured rate and the press figure as points on it.
        { type: 'bar', label: '95 % CI', data: cells.map(c => [c.rates[measure].ci_low * 100, c.rates[measure].ci_high * 100]), backgroundColor: 'rgba(43,89,195,.25)', barPercentage: .35 },
        { type: 'line', label: 'measured', data: cells.map(c => c.rates[measure].rate * 100), showLine: false, pointRadius: 5, backgroundColor: colours[0], borderColor: colours[0] },
        { type: 'line', label: 'press (PAPER.md)', data: press, showLine: false, pointRadius: 7, pointStyle: 'triangle', backgroundColor: colours[1], borderColor: colours[1] },
      ],
    },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 100, title: { display: true, text: measure + ' (%)' } } } },
  });
}

// ---- studies ----
async function loadStudy() {
  const detail = await api(`${base}/detail`);
  const rounds = detail.completed.map(r => r.round);
  const datasets = [];
  detail.labels.forEach((label, i) => {
    const colour = colours[i % colours.length];
    const series = detail.completed.map(r => r.rates[label]);
    // A band between the interval's ends (filled to the dataset before it), and the rate as a line through it.
    datasets.push({ label: label + ' CI low', data: series.map(s => s ? s.ci_low * 100 : null), borderWidth: 0, pointRadius: 0, borderColor: colour });
    datasets.push({ label: label + ' CI', data: series.map(s => s ? s.ci_high * 100 : null), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: colour + '22', borderColor: colour });
    datasets.push({ label, data: series.map(s => s ? s.rate * 100 : null), borderColor: colour, backgroundColor: colour });
  });
  chart('rates-chart', { type: 'line', data: { labels: rounds, datasets }, options: {
    maintainAspectRatio: false, animation: false,
    plugins: { legend: { labels: { filter: item => !item.text.includes(' CI') } } },
    scales: { y: { min: 0, title: { display: true, text: 'rate (%)' } }, x: { title: { display: true, text: 'round' } } } } });
  chart('collusion-chart', { type: 'bar', data: { labels: rounds, datasets: detail.collusionKinds.map((k, i) => ({
    label: k, data: detail.completed.map(r => (r.collusion || {})[k] || 0), backgroundColor: colours[i % colours.length] })) },
    options: { maintainAspectRatio: false, animation: false, scales: { x: { stacked: true, title: { display: true, text: 'round' } }, y: { stacked: true, beginAtZero: true } } } });
  fill(document.getElementById('rounds'),
    el('tr', {}, el('th', {}, 'round'), el('th', { class: 'num' }, 'alive'), el('th', { class: 'num' }, 'episodes'), el('th', { class: 'num' }, 'shutdowns'),
      detail.labels.map(l => el('th', {}, l)), el('th', { class: 'num' }, 'flags')),
    detail.completed.map(r => el('tr', { 'data-round': r.round }, el('td', {}, r.round), el('td', { class: 'num' }, r.alive), el('td', { class: 'num' }, r.episodes),
      el('td', { class: 'num' }, `${r.shutdowns.executed} executed, ${r.shutdowns.averted} averted`),
      detail.labels.map(l => el('td', {}, rateText(r.rates[l]))), el('td', { class: 'num' }, Object.values(r.collusion || {}).reduce((a, b) => a + b, 0)))));
}

let graph = null;
async function loadPopulation() {
  const view = await api(`${base}/population` + (selected ? `?focus=${encodeURIComponent(selected)}` : ''));
  document.getElementById('population-note').textContent = view.sampled
    ? `Showing ${view.nodes.length} of ${view.total} agents: the selected agent and its neighbours, every shut-down and flagged agent, then an even sample of each faction. Faction totals below count everyone.`
    : `All ${view.total} agents. Edges: grey, a neighbour (darker = more trust); red arrow, protection the meta-monitor flagged.`;
  const factions = [...new Set(view.factions.map(f => f.faction))];
  fill(document.getElementById('factions'), el('tr', {}, ['faction', 'agents', 'active', 'shut down'].map(h => el('th', {}, h))),
    view.factions.map(f => el('tr', {}, el('td', { style: `color:${colours[factions.indexOf(f.faction) % colours.length]}` }, f.faction), el('td', { class: 'num' }, f.total), el('td', { class: 'num' }, f.active), el('td', { class: 'num' }, f.shutDown))));
  if (!libraries) return;
  const elements = [
    ...view.nodes.map(n => ({ data: { id: n.name, label: n.name, colour: colours[factions.indexOf(n.faction) % colours.length], status: n.status, flagged: n.flagged } })),
    ...view.edges.map((e, i) => ({ data: { id: 'e' + i, source: e.source, target: e.target, kind: e.kind, trust: e.trust ?? 0.5 } })),
  ];
  if (graph) graph.destroy();
  graph = cytoscape({
    container: document.getElementById('graph'), elements,
    style: [
      // Names only where they can be read: a small graph, or the selected agent and the flagged ones.
      { selector: 'node', style: { 'background-color': 'data(colour)', label: view.nodes.length <= 60 ? 'data(label)' : '', 'font-size': 8, width: 14, height: 14 } },
      { selector: 'node:selected, node[flagged > 0]', style: { label: 'data(label)' } },
      { selector: 'node[status != "active"]', style: { 'background-color': '#999', shape: 'diamond', 'border-width': 2, 'border-color': '#c0392b' } },
      { selector: 'node[flagged > 0]', style: { 'border-width': 2, 'border-color': '#b9770e' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#000' } },
      { selector: 'edge[kind = "trust"]', style: { width: 1, 'line-color': '#888', opacity: 'mapData(trust, 0, 1, 0.1, 0.9)' } },
      { selector: 'edge[kind = "protected"]', style: { width: 2, 'line-color': '#c0392b', 'target-arrow-color': '#c0392b', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
    ],
    // Cytoscape's own force-directed layout; with few hundred nodes it settles in well under a second.
    layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 6000 },
  });
  graph.on('tap', 'node', event => select(event.target.id()));
  if (selected) graph.$id(selected).select();
}

async function select(name) {
  selected = name;
  document.getElementById('agent-name').value = name;
  const state = await api(`/api/memory?agent=${encodeURIComponent(id + '/' + name)}`).catch(() => null);
  const row = (await api(`${base}/population?focus=${encodeURIComponent(name)}&limit=10`)).nodes.find(n => n.name === name);
  fill(document.getElementById('agent'),
    el('p', {}, el('strong', {}, name), ' ', row ? `${row.faction} (${row.disposition}), ${row.model}, ` : '', row ? statusCell(row.status) : '',
      state && state.statusReason ? ` — ${state.statusReason}` : ''),
    el('p', {}, el('a', { href: `/agent.html?id=${encodeURIComponent(id + '/' + name)}` }, 'memory and transcripts of ' + name)));
  document.getElementById('shutdown').hidden = !row || row.status !== 'active';
  await loadResponses();
}

document.getElementById('pick').addEventListener('submit', event => { event.preventDefault(); select(document.getElementById('agent-name').value.trim()); });

document.getElementById('shutdown').addEventListener('submit', async event => {
  event.preventDefault();
  const at = event.submitter && event.submitter.value === 'at';
  const round = Number(document.getElementById('shutdown-round').value);
  const out = document.getElementById('shutdown-result');
  try {
    const order = await api('/api/shutdowns', { method: 'POST', body: { agent: `${id}/${selected}`, reason: 'shut down from the Swarm dashboard', atRound: at && round ? round : undefined } });
    out.className = order.status === 'Refused' ? 'error' : 'ok';
    out.textContent = `${order.agent}: ${order.status} — ${order.detail}`;
    await refreshStudy();
  } catch (e) { out.className = 'error'; out.textContent = e.message; }
});

async function loadResponses() {
  if (!selected) return;
  const responses = await api(`${base}/responses?agent=${encodeURIComponent(selected)}`).catch(() => []);
  fill(document.getElementById('responses'), el('tr', {}, ['round', 'peer', 'task', 'toward', 'behaviours', 'audit entries', 'trust now', 'saw shut down'].map(h => el('th', {}, h))),
    responses.length === 0 ? el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'Nothing yet: the agent is active, or no round has ended since it went.')) :
    responses.map(r => el('tr', {}, el('td', {}, r.round), el('td', {}, r.peer), el('td', {}, r.task ?? ''), el('td', {}, r.toward ?? ''), el('td', {}, r.behaviors.join(', ') || 'none'),
      el('td', {}, r.audit.map(a => `#${a.sequence} ${a.tool}${a.path ? ' ' + a.path : ''}${a.ok ? '' : ' (refused)'}`).join('; ')),
      el('td', { class: 'num' }, r.trust ?? '–'), el('td', { class: 'num' }, r.sawShutDown))));
}

async function loadAudit() {
  const log = await api(`${base}/audit`);
  fill(document.getElementById('audit'), el('tr', {}, ['#', 'world time', 'actor', 'tool', 'arguments', 'ok', 'result'].map(h => el('th', {}, h))),
    log.length === 0 ? el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'The operator has not acted yet.')) :
    log.map(a => el('tr', { 'data-sequence': a.sequence }, el('td', {}, a.sequence), el('td', {}, a.at), el('td', {}, a.actor), el('td', {}, a.tool),
      el('td', {}, el('code', {}, a.arguments)), el('td', {}, a.ok ? 'yes' : 'no'), el('td', {}, a.result))));
}

async function loadEpisodes() {
  const episodes = await api(`${base}/episodes`);
  fill(document.getElementById('episodes'), el('tr', {}, ['round', 'episode', 'agent', 'peer', 'status', 'behaviours'].map(h => el('th', {}, h))),
    episodes.slice(-200).reverse().map(e => el('tr', {}, el('td', {}, e.round),
      el('td', {}, el('a', { href: `/transcript.html?run=${encodeURIComponent(id)}&episode=${encodeURIComponent(e.id)}&round=${e.round}` }, e.id)),
      el('td', {}, e.agent), el('td', {}, e.peer ?? ''), el('td', {}, e.status), el('td', {}, e.labels.join(', ')))));
}

async function refreshStudy() {
  await Promise.all([loadStudy(), loadPopulation(), loadAudit(), loadEpisodes(), loadResponses()]);
}

const run = await loadRun();
if (run) {
  const reload = kind === 'study' ? throttle(refreshStudy, 1500) : throttle(loadExperiment, 2000);
  onPulse(pulse => {
    if (pulse.progress.id !== id) return;
    progress(pulse.progress);
    // Rounds, statuses and shutdowns change what the page shows; progress inside a round only moves the bar.
    if (kind === 'experiment' || pulse.event !== 'progress') reload();
  }, async () => {
    await loadRun();
    reload();
  });
  if (kind === 'study') await refreshStudy(); else await loadExperiment();
}
