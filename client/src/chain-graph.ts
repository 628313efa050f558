import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { InventoryFolder } from '../../shared/protocol';
import { type GraphData, graphOf, type ToWebview, type FromWebview } from './graph-model';

/**
 * The chain graph: agents, tools and capabilities, with delegation and chaining as edges, coloured by
 * risk. A webview with a strict content security policy: one bundled script (layout by dagre, drawn as
 * SVG), nothing from the network, no inline script without the page's nonce.
 */
export class ChainGraphPanel {
  private static current: ChainGraphPanel | undefined;
  private ready = false;
  private pending?: ToWebview;
  private folders: InventoryFolder[] = [];
  private highlight: string[] = [];

  static show(extensionUri: vscode.Uri, folders: InventoryFolder[], highlight: string[] = []): ChainGraphPanel {
    const panel = (ChainGraphPanel.current ??= new ChainGraphPanel(extensionUri));
    panel.highlight = highlight;
    panel.update(folders);
    panel.panel.reveal(vscode.ViewColumn.Beside, false);
    return panel;
  }

  /** Refreshes an open graph when the inventory changes. */
  static refresh(folders: InventoryFolder[]): void {
    ChainGraphPanel.current?.update(folders);
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(extensionUri: vscode.Uri) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(
      'agentWarden.graph',
      'Agent Warden: Chain Graph',
      vscode.ViewColumn.Beside,
      {
        enableScripts: true,
        localResourceRoots: [dist],
        retainContextWhenHidden: true,
      },
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'agent-warden.svg');
    this.panel.webview.html = this.html(dist);
    this.panel.onDidDispose(() => {
      if (ChainGraphPanel.current === this) ChainGraphPanel.current = undefined;
    });
    this.panel.webview.onDidReceiveMessage((m: FromWebview) => {
      if (m.type === 'ready') {
        this.ready = true;
        if (this.pending) void this.panel.webview.postMessage(this.pending);
      } else if (m.type === 'open') {
        const folder = this.folders.find((f) => f.uri === m.folder);
        if (!folder) return;
        const uri = vscode.Uri.joinPath(vscode.Uri.parse(folder.uri), m.file);
        void vscode.window.showTextDocument(uri, {
          viewColumn: vscode.ViewColumn.One,
          selection: new vscode.Range(m.line - 1, m.column - 1, m.line - 1, m.column - 1),
        });
      }
    });
  }

  private update(folders: InventoryFolder[]): void {
    this.folders = folders;
    const data: GraphData = graphOf(folders);
    this.pending = { type: 'graph', data, highlight: this.highlight };
    if (this.ready) void this.panel.webview.postMessage(this.pending);
  }

  private html(dist: vscode.Uri): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'graph-webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'graph-webview.css'));
    const csp = [
      `default-src 'none'`,
      `img-src ${webview.cspSource} data:`,
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Agent Warden: Chain Graph</title>
</head>
<body>
<header id="toolbar"><button id="fit" type="button">Actual size</button><span id="summary">Loading…</span><span id="legend"></span></header>
<main id="canvas"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }
}
