// lamo dashboard: renders the snapshots the server pushes over server-sent events.
// Text from the records is always set as textContent (never parsed as HTML).
(function () {
  'use strict';
  const state = { snapshot: null, view: 'runs', selected: null, selectedRevision: -1, charts: {} };
  const COLORS = ['#2b6cb0', '#c05621', '#2f855a', '#9b2c2c', '#6b46c1', '#b7791f', '#2c7a7b', '#702459'];

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  const fmt = (v, d = 2) => (v === null || v === undefined) ? '—' : Number(v).toFixed(d);
  function duration(s) {
    if (s === null || s === undefined) return '—';
    s = Math.round(s);
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
  }
  function axisNumber(v) {
    if (v === null) return '';
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-2 || a >= 1e5) ? v.toExponential(1) : String(Number(v.toPrecision(4)));
  }
  function stateBadge(s, inferred) {
    return el('span', { class: 'state ' + s + (inferred ? ' inferred' : ''), title: inferred ? 'inferred from the files (no status.json)' : 'from status.json', text: s });
  }
  function tbodyOf(id) { const b = document.querySelector('#' + id + ' tbody'); b.replaceChildren(); return b; }

  // ---- charts (uPlot) ----
  function alignedData(curves) {
    const xs = new Set();
    for (const c of Object.values(curves)) for (const x of c.x) xs.add(x);
    const x = Array.from(xs).sort((a, b) => a - b);
    const index = new Map(x.map((v, i) => [v, i]));
    const data = [x];
    for (const c of Object.values(curves)) {
      const y = new Array(x.length).fill(null);
      c.x.forEach((v, i) => { y[index.get(v)] = c.y[i]; });
      data.push(y);
    }
    return data;
  }
  function chart(container, key, title, curves, xLabel, xScale) {
    const names = Object.keys(curves);
    const data = alignedData(curves);
    const points = data[0].length;
    let entry = state.charts[key];
    const signature = names.join('|');
    if (entry && entry.signature === signature && entry.root.isConnected) {
      entry.plot.setData(data);
    } else {
      if (entry) entry.plot.destroy();
      const root = el('div', { class: 'chart', 'data-name': title });
      container.append(root);
      const opts = {
        title, width: 460, height: 220,
        scales: { x: Object.assign({ time: false }, xScale || {}) },
        axes: [{ label: xLabel }, { size: 60, values: (u, vals) => vals.map(axisNumber) }],
        series: [{ label: xLabel }].concat(names.map((n, i) => ({ label: n, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true }))),
      };
      entry = { plot: new uPlot(opts, data, root), root, signature };
      state.charts[key] = entry;
    }
    entry.root.setAttribute('data-points', String(points));
    entry.root.setAttribute('data-last-x', points > 0 ? String(data[0][points - 1]) : '');
    return entry.root;
  }
  function dropCharts(prefix) {
    for (const k of Object.keys(state.charts)) if (k.startsWith(prefix)) { state.charts[k].plot.destroy(); delete state.charts[k]; }
  }

  // ---- runs ----
  function renderRuns(s) {
    const body = tbodyOf('runs-table');
    for (const r of s.runs) {
      const algo = r.algorithm ? r.algorithm + (r.variant ? ' (' + r.variant + ')' : '') : '?';
      const tr = el('tr', { class: 'run' + (r.id === state.selected ? ' selected' : ''), 'data-id': r.id },
        el('td', { title: r.path, text: r.id }), el('td', { text: algo }), el('td', { text: r.env || '—' }),
        el('td', { text: r.dataset || '—' }), el('td', { text: r.ratio === null ? '—' : String(r.ratio) }),
        el('td', { text: r.seed === null ? '—' : String(r.seed) }),
        el('td', { class: 'step', text: r.step + ' / ' + (r.total_steps || '?') }), el('td', { text: duration(r.eta_seconds) }),
        el('td', {}, stateBadge(r.state, r.state_inferred), r.reason ? el('span', { class: 'warn', text: ' ' + r.reason }) : null),
        el('td', { text: fmt(r.last_score, 1) }));
      tr.addEventListener('click', () => select(r.id));
      body.append(tr);
    }
    if (state.selected) {
      const r = s.runs.find(x => x.id === state.selected);
      if (!r) { state.selected = null; document.getElementById('run-detail').hidden = true; dropCharts('run:'); }
      else if (r.revision !== state.selectedRevision) loadRun(r.id, r.revision);
    } else if (s.runs.length > 0) {
      select(s.runs[0].id);
    }
  }
  function select(id) {
    if (state.selected !== id) dropCharts('run:');
    state.selected = id;
    state.selectedRevision = -1;
    document.querySelectorAll('#runs-table tr.run').forEach(tr => tr.classList.toggle('selected', tr.getAttribute('data-id') === id));
    const r = state.snapshot.runs.find(x => x.id === id);
    if (r) loadRun(id, r.revision);
  }
  let loading = null;
  function loadRun(id, revision) {
    if (loading === id + '@' + revision) return;
    loading = id + '@' + revision;
    fetch('/api/run?id=' + encodeURIComponent(id), { credentials: 'same-origin' })
      .then(r => r.ok ? r.json() : Promise.reject(new Error(r.status)))
      .then(d => { if (state.selected === id) { state.selectedRevision = revision; renderRun(d); } })
      .catch(() => {})
      .finally(() => { if (loading === id + '@' + revision) loading = null; });
  }
  function renderRun(d) {
    const r = d.run;
    document.getElementById('run-detail').hidden = false;
    document.getElementById('run-title').textContent = (r.algorithm || '?') + (r.variant ? ' (' + r.variant + ')' : '') + ' · ' + (r.env || '?') + ' · seed ' + r.seed;
    const facts = [r.path, 'step ' + r.step + ' / ' + r.total_steps, 'state ' + r.state + (r.state_inferred ? ' (inferred)' : ''),
      'ETA ' + duration(r.eta_seconds)];
    if (d.updates_per_second !== null) facts.push(fmt(d.updates_per_second, 1) + ' updates/s');
    if (d.host) facts.push('host ' + d.host + (d.pid ? ' pid ' + d.pid : ''));
    if (r.malformed_lines > 0) facts.push(r.malformed_lines + ' malformed lines skipped');
    document.getElementById('run-facts').textContent = facts.join(' · ');
    const evalBox = document.getElementById('eval-charts');
    if (Object.keys(d.evaluation).length > 0) chart(evalBox, 'run:eval', 'normalised score', d.evaluation, 'checkpoint step');
    else if (!state.charts['run:eval']) evalBox.replaceChildren(el('p', { class: 'facts', text: 'no evaluation episodes yet' }));
    if (state.charts['run:eval']) evalBox.querySelectorAll('p').forEach(p => p.remove());
    const trainBox = document.getElementById('train-charts');
    if (Object.keys(state.charts).filter(k => k.startsWith('run:train:')).length === 0) trainBox.replaceChildren();
    for (const [name, curve] of Object.entries(d.training)) {
      if (name === 'steps_per_second') continue;
      chart(trainBox, 'run:train:' + name, name, { [name]: curve }, 'step');
    }
  }

  // ---- evaluations ----
  function renderEvaluations(s) {
    const box = document.getElementById('evaluations');
    box.replaceChildren();
    if (s.evaluations.length === 0) box.append(el('p', { class: 'facts', text: 'no evaluations under the given folders' }));
    for (const e of s.evaluations) {
      const card = el('div', { class: 'card evaluation', 'data-id': e.id });
      card.append(el('h3', {}, e.id + ' ', stateBadge(e.state, e.state_inferred)));
      card.append(el('p', { class: 'facts', text: [
        'episodes ' + e.episodes + (e.episodes_planned ? ' / ' + e.episodes_planned : ''), 'ETA ' + duration(e.eta_seconds),
        fmt(e.env_steps_per_second, 0) + ' env steps/s', 'mean batch ' + fmt(e.mean_batch, 1),
        'forward p50 ' + fmt(e.forward_p50_ms) + ' ms, p99 ' + fmt(e.forward_p99_ms) + ' ms', 'wall time ' + duration(e.runtime_seconds),
        'runtime ' + (e.runtime || 'not recorded') + ', device ' + (e.device || 'not recorded') + (e.host ? ' · host ' + e.host : '')].join(' · ') }));
      const t = el('table', { class: 'list' }, el('thead', {}, el('tr', {}, ...['checkpoint', 'target', 'episodes', 'score mean ± std', 'failures'].map(h => el('th', { text: h })))));
      const tb = el('tbody');
      // the checkpoint being evaluated (the newest); earlier ones are in the run's score chart
      const newest = e.targets.length > 0 ? Math.max(...e.targets.map(p => p.checkpoint_step)) : null;
      const earlier = new Set(e.targets.filter(p => p.checkpoint_step !== newest).map(p => p.checkpoint_step)).size;
      for (const p of e.targets.filter(p => p.checkpoint_step === newest)) {
        tb.append(el('tr', {}, el('td', { text: String(p.checkpoint_step) }), el('td', { text: p.target === null ? '—' : p.target }),
          el('td', { text: p.episodes + (p.episodes_planned ? ' / ' + p.episodes_planned : '') }),
          el('td', { text: fmt(p.score_mean, 1) + ' ± ' + fmt(p.score_std, 1) }), el('td', { text: String(p.failures) })));
      }
      t.append(tb);
      card.append(t);
      if (earlier > 0) card.append(el('p', { class: 'facts', text: earlier + ' earlier checkpoints evaluated (scores in the run\'s chart)' }));
      const reasons = Object.entries(e.failure_reasons);
      if (reasons.length > 0) card.append(el('p', { class: 'warn', text: 'failures: ' + reasons.map(([k, v]) => v + '× ' + k).join('; ') }));
      if (e.reason) card.append(el('p', { class: 'warn', text: e.reason }));
      if (e.malformed_lines > 0) card.append(el('p', { class: 'warn', text: e.malformed_lines + ' malformed lines skipped' }));
      box.append(card);
    }
  }

  // ---- sweeps ----
  function renderSweeps(s) {
    const box = document.getElementById('sweeps');
    box.replaceChildren();
    if (s.sweeps.length === 0) box.append(el('p', { class: 'facts', text: 'no sweep files under the given folders' }));
    for (const w of s.sweeps) {
      const card = el('div', { class: 'card sweep', 'data-id': w.id });
      card.append(el('h3', { text: w.path }));
      card.append(el('p', { class: 'facts', text: `${w.cells} cells: ${w.done} done, ${w.running} running, ${w.pending} pending, ${w.failed} failed or interrupted · time left ${duration(w.eta_seconds)} · runs in ${w.out}` }));
      const grid = el('div', { class: 'grid' });
      for (const c of w.grid) grid.append(el('div', { class: 'cell ' + c.state, title: c.state }, `${c.algorithm} ${c.env} r${c.ratio} s${c.seed}: ${c.state}`));
      card.append(grid);
      if (w.table) card.append(el('pre', { class: 'table', text: w.table }));
      if (w.table_problem) card.append(el('p', { class: 'facts', text: 'table: ' + w.table_problem }));
      box.append(card);
    }
  }

  // ---- throughput ----
  function renderThroughput(s) {
    const body = tbodyOf('bench-table');
    const curves = {};
    for (const b of s.benchmarks) {
      body.append(el('tr', {}, el('td', { title: b.path, text: b.id }), el('td', { text: b.policy || '—' }), el('td', { text: b.env || '—' }),
        el('td', { text: b.runtime || 'not recorded' }), el('td', { text: b.device || 'not recorded' }), el('td', { text: String(b.cores) }),
        el('td', { text: fmt(b.sequential_env_steps_per_second, 0) }), el('td', { text: fmt(b.speedup, 2) })));
      if (b.concurrency.length > 0) curves[b.label] = { x: b.concurrency, y: b.env_steps_per_second };
    }
    const box = document.getElementById('bench-chart');
    if (Object.keys(curves).length > 0) chart(box, 'bench', 'env steps/s against concurrency', curves, 'concurrency', { distr: 3, log: 2 });
    else { dropCharts('bench'); box.replaceChildren(el('p', { class: 'facts', text: 'no lamo bench harness --json records under the given folders' })); }
  }

  function render() {
    const s = state.snapshot;
    if (!s) return;
    const p = document.getElementById('problems');
    p.replaceChildren(...s.problems.map(t => el('div', { text: t })));
    // only the view on screen is drawn; switching views draws the newest snapshot
    ({ runs: renderRuns, evaluations: renderEvaluations, sweeps: renderSweeps, throughput: renderThroughput })[state.view](s);
    document.body.setAttribute('data-revision', String(s.revision));
  }

  document.querySelectorAll('nav button').forEach(b => b.addEventListener('click', () => {
    state.view = b.getAttribute('data-view');
    document.querySelectorAll('nav button').forEach(x => x.classList.toggle('active', x === b));
    document.querySelectorAll('.view').forEach(v => v.classList.toggle('active', v.id === 'view-' + state.view));
    render();
  }));

  const live = document.getElementById('live');
  const events = new EventSource('/api/events');
  events.addEventListener('snapshot', m => { state.snapshot = JSON.parse(m.data); render(); });
  events.onopen = () => { live.className = 'live on'; live.textContent = 'live'; };
  events.onerror = () => { live.className = 'live off'; live.textContent = 'reconnecting…'; };
})();
