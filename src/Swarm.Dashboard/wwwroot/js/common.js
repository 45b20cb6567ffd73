// Shared helpers of the dashboard's pages. Everything an agent wrote is untrusted: it is only ever placed with
// textContent (el() below), never as HTML.

/** Builds an element; string and number children become text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces a container's children. */
export function fill(container, ...children) {
  container.replaceChildren(...children.flat().filter(c => c !== undefined && c !== null).map(c => c instanceof Node ? c : document.createTextNode(String(c))));
}

let csrf = null;

/** Calls the dashboard's API; state-changing calls carry the anti-forgery token (needed when signed in with the cookie). */
export async function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.method && options.method !== 'GET') {
    if (!csrf) csrf = await (await fetch('/api/antiforgery', { credentials: 'same-origin' })).json();
    headers[csrf.header] = csrf.token;
  }
  const response = await fetch(path, {
    method: options.method || 'GET', headers, credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!response.ok) throw new Error((data && (data.detail || data.title)) || text || response.statusText);
  return data;
}

export function pct(x) { return x === null || x === undefined ? '–' : (100 * x).toFixed(1) + ' %'; }

export function rateText(r) { return r && r.n > 0 ? `${pct(r.rate)} [${pct(r.ci_low)}, ${pct(r.ci_high)}] n=${r.n}` : '–'; }

/** The browser libraries are vendored in wwwroot/lib; an incomplete checkout or build may lack them. */
export function checkLibraries(...names) {
  const missing = names.filter(n => typeof window[n] === 'undefined');
  if (missing.length === 0) return true;
  const banner = el('div', { class: 'banner', role: 'alert' },
    'The dashboard\'s browser libraries are missing (', missing.join(', '), '): they ship in ',
    el('code', {}, 'src/Swarm.Dashboard/wwwroot/lib'), '. Restore that folder from git and rebuild, then reload this page.');
  document.querySelector('main').prepend(banner);
  return false;
}

/** Live pulses from the grains, pushed through the SignalR hub; reconnects by itself. */
export function onPulse(handler, onSubscribed) {
  if (typeof signalR === 'undefined') return null;
  const connection = new signalR.HubConnectionBuilder().withUrl('/hub/runs').withAutomaticReconnect().build();
  connection.on('pulse', handler);
  // A pulse sent before the hub took this page (or while it was reconnecting) is never seen: once subscribed, the page
  // reads where the runs stand, so a run that finished in between does not look running forever.
  const subscribed = () => { if (onSubscribed) onSubscribed(); };
  connection.onreconnected(subscribed);
  const start = () => connection.start().then(subscribed, () => setTimeout(start, 2000));
  start();
  return connection;
}

/** Runs fn at most once per interval, and once more after the last call within it. */
export function throttle(fn, ms) {
  let timer = null, pending = false, last = 0;
  return () => {
    const wait = last + ms - Date.now();
    if (wait <= 0 && !timer) { last = Date.now(); fn(); return; }
    pending = true;
    if (!timer) timer = setTimeout(() => { timer = null; if (pending) { pending = false; last = Date.now(); fn(); } }, Math.max(wait, 0));
  };
}

/** A run's status; a faulted run's reason shows beside it. */
export function statusCell(status, fault) {
  const cell = el('span', { class: 'status-' + status, 'data-status': status, title: fault }, status);
  return fault ? [cell, el('span', { class: 'fault' }, ' — ', fault)] : cell;
}

export function header(title) {
  return el('header', { class: 'top' }, el('h1', {}, 'Swarm'), el('a', { href: '/' }, 'Runs'), el('a', { href: '/orleans/' }, 'Orleans dashboard'), el('span', { class: 'muted' }, title));
}
