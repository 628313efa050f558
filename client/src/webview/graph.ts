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

type Layout = InstanceType<typeof dagre.graphlib.Graph>;

function layout(data: GraphData, rankdir: 'LR' | 'TB'): Layout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir, nodesep: 18, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of data.nodes) g.setNode(n.id, { width: widthOf(n), height: NODE_H });
  data.edges.forEach((e, i) => g.setEdge(e.from, e.to, {}, `e${i}`));
  dagre.layout(g);
  return g;
}

interface View {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * What a fitted panel shows of a layout: the chain (with some room around it) when one is highlighted — the hops are
 * what was asked for, and the whole graph fitted beside the code would be too small to read — else the whole graph.
 */
function viewOf(g: Layout, highlight: string[]): View {
  const { width = 0, height = 0 } = g.graph() as { width?: number; height?: number };
  const boxes = highlight
    .map((id) => g.node(id) as { x: number; y: number; width: number; height: number } | undefined)
    .filter((b): b is NonNullable<typeof b> => !!b);
  if (!boxes.length) return { x: 0, y: 0, width, height };
  const left = Math.min(...boxes.map((b) => b.x - b.width / 2)) - CHAIN_MARGIN;
  const top = Math.min(...boxes.map((b) => b.y - b.height / 2)) - CHAIN_MARGIN;
  const right = Math.max(...boxes.map((b) => b.x + b.width / 2)) + CHAIN_MARGIN;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height / 2)) + CHAIN_MARGIN;
  return { x: left, y: top, width: right - left, height: bottom - top };
}
const CHAIN_MARGIN = 30;

/** How much a view must shrink to fit the panel (1: not at all). */
function fitScale(view: View, panel: Element): number {
  return Math.min(1, panel.clientWidth / Math.max(1, view.width), panel.clientHeight / Math.max(1, view.height));
}

/**
 * Left to right, or top to bottom when what is shown fits the panel better that way: a graph beside the code gets a
 * tall, narrow panel, where a chain laid out left to right would be too small to read. At actual size: the whole
 * graph, left to right.
 */
function bestLayout(data: GraphData, panel: Element, highlight: string[]): { g: Layout; view: View } {
  const wide = layout(data, 'LR');
  if (!document.body.classList.contains('fit')) return { g: wide, view: viewOf(wide, []) };
  const tall = layout(data, 'TB');
  const [wideView, tallView] = [viewOf(wide, highlight), viewOf(tall, highlight)];
  return fitScale(tallView, panel) > fitScale(wideView, panel) * 1.1
    ? { g: tall, view: tallView }
    : { g: wide, view: wideView };
}

let drawn: { data: GraphData; highlight: string[] } | undefined;

function draw(data: GraphData, highlight: string[]): void {
  drawn = { data, highlight };
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

  const { g, view } = bestLayout(data, canvas, highlight);
  const size = g.graph() as { width?: number; height?: number };

  const svg = el(
    'svg',
    {
      id: 'graph',
      width: size.width ?? 0,
      height: size.height ?? 0,
      viewBox: `${view.x} ${view.y} ${view.width} ${view.height}`,
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
  if (first && !document.body.classList.contains('fit'))
    (first as SVGGElement).scrollIntoView({ block: 'center', inline: 'center' });
}

/** The legend: each risk's colour and the delegation line, as swatches drawn with the graph's own styles. */
function drawLegend(legend: HTMLElement): void {
  const entry = (swatch: string, text: string) => {
    const item = document.createElement('span');
    const mark = document.createElement('span');
    mark.className = `swatch ${swatch}`;
    item.append(mark, text);
    legend.append(item);
  };
  for (const risk of ['critical', 'high', 'medium', 'low']) entry(`risk-${risk}`, risk);
  entry('delegates', 'delegates / runs agent');
  legend.append('— click a node to open its code');
}
const legend = document.getElementById('legend');
if (legend) drawLegend(legend);

// The graph opens fitted into the panel (and stays fitted as the panel resizes); the button shows it at full size.
const fit = document.getElementById('fit');
document.body.classList.add('fit');
if (fit) fit.textContent = 'Actual size';
fit?.addEventListener('click', () => {
  const fitted = document.body.classList.toggle('fit');
  fit.textContent = fitted ? 'Actual size' : 'Fit to panel';
  if (drawn) draw(drawn.data, drawn.highlight);
});
// The SVG scales itself as the panel resizes; a panel whose shape changed may suit the other direction better.
let resizing: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(
    () => drawn && document.body.classList.contains('fit') && draw(drawn.data, drawn.highlight),
    150,
  );
});

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  if (event.data?.type === 'graph') draw(event.data.data, event.data.highlight);
});
vscode.postMessage({ type: 'ready' });
