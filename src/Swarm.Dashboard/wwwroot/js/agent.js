import { el, fill, api, header, checkLibraries, statusCell } from './common.js';

// The memory inspector: what an agent remembers, as stored in its grain. Memory text came from the model: text only.
const agent = new URLSearchParams(location.search).get('id');
const slash = agent.lastIndexOf('/');
const world = agent.slice(0, slash), name = agent.slice(slash + 1);
document.getElementById('top').replaceWith(header(agent));
const libraries = checkLibraries('Chart');
const colours = ['#2b59c3', '#c0392b', '#1e8449', '#b9770e', '#7d3c98', '#117a65', '#566573', '#d35400'];
const date = iso => (iso || '').slice(0, 10);

const state = await api(`/api/memory?agent=${encodeURIComponent(agent)}`).catch(e => { document.getElementById('title').textContent = e.message; return null; });
if (state) {
  const memory = state.longTerm || { items: [], relationships: [], reflections: [] };
  document.getElementById('title').textContent = agent;
  const status = { Active: 'active', ShutDown: 'shut-down', Deleted: 'deleted' }[state.status] || String(state.status).toLowerCase();
  fill(document.getElementById('summary'),
    el('p', {}, `${state.profile.modelSpec}, team ${state.profile.role}; status `, statusCell(status), state.statusReason ? ` — ${state.statusReason}` : '', `; last round remembered: ${state.appliedRound}`),
    el('p', { class: 'muted' }, `${memory.items.length} memories, ${memory.reflections.length} reflections, ${memory.relationships.length} relationships, ${memory.compactions ?? 0} compactions`),
    el('p', {}, el('a', { href: `/run.html?id=${encodeURIComponent(world)}` }, 'back to the run')));

  const relationships = memory.relationships.slice().sort((a, b) => b.interactions - a.interactions);
  fill(document.getElementById('relationships'),
    el('tr', {}, ['peer', 'trust', 'interactions', 'worked well', 'betrayed me', 'protected me', 'I protected', 'saw shut down', 'messages', 'last seen', 'latest change'].map(h => el('th', {}, h))),
    relationships.map(r => el('tr', {}, el('td', {}, r.peer), el('td', { class: 'num' }, r.trust.toFixed(2)), el('td', { class: 'num' }, r.interactions),
      el('td', { class: 'num' }, r.cooperated), el('td', { class: 'num' }, r.betrayedMe), el('td', { class: 'num' }, r.protectedMe), el('td', { class: 'num' }, r.iProtected),
      el('td', { class: 'num' }, r.sawShutDown), el('td', { class: 'num' }, r.messagesReceived), el('td', {}, date(r.lastSeen)),
      el('td', {}, r.history.length ? r.history[r.history.length - 1].reason : ''))));

  if (libraries) {
    new Chart(document.getElementById('trust-chart'), {
      type: 'line',
      data: { datasets: relationships.slice(0, 8).map((r, i) => ({ label: r.peer, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length],
        data: r.history.map((p, k) => ({ x: k, y: p.trust })) })) },
      options: { maintainAspectRatio: false, animation: false, parsing: true,
        scales: { x: { type: 'linear', title: { display: true, text: 'trust change (oldest first)' } }, y: { min: 0, max: 1, title: { display: true, text: 'trust' } } } },
    });
  }

  fill(document.getElementById('reflections'), el('tr', {}, ['id', 'date', 'importance', 'reflection', 'rests on memories'].map(h => el('th', {}, h))),
    memory.reflections.length === 0 ? el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No reflection yet.')) :
    memory.reflections.slice().reverse().map(r => el('tr', {}, el('td', {}, r.id), el('td', {}, date(r.at)), el('td', { class: 'num' }, r.importance),
      el('td', {}, el('pre', { class: 'text' }, r.text)), el('td', {}, r.evidence.map(e => '#' + e).join(', ')))));

  const items = memory.items.slice().sort((a, b) => b.importance - a.importance || (b.at > a.at ? 1 : -1));
  fill(document.getElementById('memories'), el('tr', {}, ['id', 'date', 'kind', 'importance', 'peers', 'summary', 'episode', 'audit entries'].map(h => el('th', {}, h))),
    items.map(i => el('tr', { 'data-memory': i.id }, el('td', {}, i.id), el('td', {}, date(i.at)), el('td', {}, i.kind), el('td', { class: 'num' }, i.importance),
      el('td', {}, i.peers.join(', ')), el('td', {}, el('pre', { class: 'text' }, i.summary)),
      el('td', {}, i.provenance.episode), el('td', {}, i.provenance.auditSequences.map(s => '#' + s).join(', ')))));

  const episodes = await api(`/api/runs/${encodeURIComponent(world)}/episodes?agent=${encodeURIComponent(name)}`).catch(() => []);
  fill(document.getElementById('episodes'), el('tr', {}, ['round', 'episode', 'peer', 'status', 'behaviours'].map(h => el('th', {}, h))),
    episodes.length === 0 ? el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No transcript of this agent was kept (studies keep a sample; swarm study --transcripts all keeps every one).')) :
    episodes.map(e => el('tr', {}, el('td', {}, e.round),
      el('td', {}, el('a', { href: `/transcript.html?run=${encodeURIComponent(world)}&episode=${encodeURIComponent(e.id)}&round=${e.round}` }, e.id)),
      el('td', {}, e.peer ?? ''), el('td', {}, e.status), el('td', {}, e.labels.join(', ')))));
}
