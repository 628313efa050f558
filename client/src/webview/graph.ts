// The chain graph's webview script: lays the graph out with dagre and draws it as SVG.
// Runs in the webview only (bundled for the browser); talks to the extension by messages.
import dagre from '@dagrejs/dagre';
import type { FromWebview, GraphData, GraphNode, ToWebview } from '../graph-model';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void };
const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';

const NODE_H = 44;
const charWidth = 7.2;
const widthOf = (n: GraphNode) =>
  Math.max(120, Math.min(320, Math.max(n.label.length, n.detail.length * 0.85) * charWidth + 28));

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

function draw(data: GraphData, highlight: string[]): void {
  const canvas = document.getElementById('canvas')!;
  canvas.textContent = '';
  const summary = document.getElementById('summary')!;
  const count = (k: GraphNode['kind']) => data.nodes.filter((n) => n.kind === k).length;
  summary.textContent = `${count('agent')} agents · ${count('tool')} tools · ${count('capability')} capabilities${highlight.length ? ' · chain highlighted' : ''}`;
  if (!data.nodes.length) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'No agents or tools found in this workspace yet.';
    canvas.appendChild(p);
    return;
  }

  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of data.nodes) g.setNode(n.id, { width: widthOf(n), height: NODE_H });
  data.edges.forEach((e, i) => g.setEdge(e.from, e.to, {}, `e${i}`));
  dagre.layout(g);
  const size = g.graph() as { width?: number; height?: number };

  const svg = el(
    'svg',
    {
      id: 'graph',
      width: size.width ?? 0,
      height: size.height ?? 0,
      viewBox: `0 0 ${size.width ?? 0} ${size.height ?? 0}`,
      role: 'img',
      'aria-label': 'Agent chain graph',
    },
    canvas,
  );
  const defs = el('defs', {}, svg);
  const marker = el(
    'marker',
    {
      id: 'arrow',
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 7,
      markerHeight: 7,
      orient: 'auto-start-reverse',
    },
    defs,
  );
  el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }, marker);

  // A chain is highlighted hop by hop: its nodes, and the edges between consecutive ones.
  const lit = new Set(highlight);
  const litEdge = new Set<string>();
  for (let i = 0; i + 1 < highlight.length; i++) litEdge.add(`${highlight[i]}\0${highlight[i + 1]}`);
  if (lit.size) svg.classList.add('has-highlight');

  const edgeLayer = el('g', { class: 'edges' }, svg);
  data.edges.forEach((e, i) => {
    const points = (g.edge(e.from, e.to, `e${i}`) as { points: { x: number; y: number }[] }).points;
    const d = points.map((p, k) => `${k ? 'L' : 'M'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
    const path = el(
      'path',
      {
        d,
        class: `edge ${e.kind}${litEdge.has(`${e.from}\0${e.to}`) ? ' highlight' : ''}`,
        'marker-end': 'url(#arrow)',
        'data-from': e.from,
        'data-to': e.to,
      },
      edgeLayer,
    );
    el('title', {}, path).textContent = e.kind.replace('-', ' ');
  });

  const nodeLayer = el('g', { class: 'nodes' }, svg);
  for (const n of data.nodes) {
    const box = g.node(n.id) as { x: number; y: number; width: number; height: number };
    const group = el(
      'g',
      {
        class: `node ${n.kind} risk-${n.risk ?? 'none'}${lit.has(n.id) ? ' highlight' : ''}`,
        'data-id': n.id,
        transform: `translate(${box.x - box.width / 2}, ${box.y - box.height / 2})`,
        tabindex: 0,
        role: 'button',
      },
      nodeLayer,
    );
    el('rect', { width: box.width, height: box.height, rx: n.kind === 'capability' ? 22 : 6 }, group);
    const label = el('text', { x: 12, y: 18, class: 'label' }, group);
    label.textContent = n.label;
    const detail = el('text', { x: 12, y: 34, class: 'detail' }, group);
    detail.textContent = n.detail.length > 48 ? `${n.detail.slice(0, 47)}…` : n.detail;
    el('title', {}, group).textContent =
      `${n.label}\n${n.detail}${n.risk ? `\nrisk: ${n.risk}` : ''}${n.file ? `\n${n.file}:${n.line}` : ''}`;
    const open = () => {
      for (const s of nodeLayer.querySelectorAll('.node.selected')) s.classList.remove('selected');
      group.classList.add('selected');
      if (n.file && n.line)
        vscode.postMessage({ type: 'open', folder: n.folder, file: n.file, line: n.line, column: n.column ?? 1 });
    };
    group.addEventListener('click', open);
    group.addEventListener('keydown', (ev) => {
      if ((ev as KeyboardEvent).key === 'Enter') open();
    });
  }
  const first = nodeLayer.querySelector('.node.highlight');
  if (first) (first as SVGGElement).scrollIntoView({ block: 'center', inline: 'center' });
}

const legend = document.getElementById('legend');
if (legend) legend.textContent = 'risk: critical · high · medium · low — click a node to open its code';

// Fit the whole graph into the panel, or back to full size (scrolling).
const fit = document.getElementById('fit');
fit?.addEventListener('click', () => {
  const fitted = document.body.classList.toggle('fit');
  fit.textContent = fitted ? 'Actual size' : 'Fit to panel';
});

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  if (event.data?.type === 'graph') draw(event.data.data, event.data.highlight);
});
vscode.postMessage({ type: 'ready' });
