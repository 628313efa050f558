import * as vscode from 'vscode';
import type { InventoryFolder, InventoryJson } from '../../shared/protocol';

type Agent = InventoryJson['agents'][number];
type Tool = InventoryJson['tools'][number];
type Capability = Tool['capabilities'][number];
type Credential = InventoryJson['credentials'][number];

export type InventoryFilter = 'all' | 'currentFile' | 'findings';

/** Risk tiers as colours the user's theme defines (so they read well in light, dark and high contrast). */
const TIER_COLOUR: Record<string, string> = {
  critical: 'charts.red',
  high: 'charts.orange',
  medium: 'charts.yellow',
  low: 'charts.green',
};
const icon = (id: string, tier?: string | null) =>
  new vscode.ThemeIcon(id, tier && TIER_COLOUR[tier] ? new vscode.ThemeColor(TIER_COLOUR[tier]) : undefined);

/** One row of the tree. Rows know their parent, so a CodeLens click can reveal them. */
export class InventoryItem extends vscode.TreeItem {
  children: InventoryItem[] = [];
  constructor(
    label: string,
    readonly parent: InventoryItem | undefined,
    readonly entityId?: string,
  ) {
    super(label, vscode.TreeItemCollapsibleState.None);
  }
  add(child: InventoryItem): InventoryItem {
    this.children.push(child);
    this.collapsibleState = this.parent
      ? vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.Expanded;
    return child;
  }
}

/**
 * The agent inventory as a tree: agents → tools → capabilities and credentials, with owner, scopes,
 * risk and approval. Built from exactly what `agent-warden inventory --format json` prints (the server's
 * `agentWarden/inventory` answer), so the editor and the CLI cannot disagree.
 */
export class InventoryTree implements vscode.TreeDataProvider<InventoryItem> {
  private readonly emitter = new vscode.EventEmitter<InventoryItem | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private folders: InventoryFolder[] = [];
  private roots: InventoryItem[] = [];
  private byId = new Map<string, InventoryItem>();
  filter: InventoryFilter = 'all';

  update(folders: InventoryFolder[]): void {
    this.folders = folders;
    this.rebuild();
  }

  setFilter(filter: InventoryFilter): void {
    this.filter = filter;
    this.rebuild();
  }

  /** Re-applies the current-file filter when the active editor changes. */
  activeEditorChanged(): void {
    if (this.filter === 'currentFile') this.rebuild();
  }

  getTreeItem(item: InventoryItem): vscode.TreeItem {
    return item;
  }

  getChildren(item?: InventoryItem): InventoryItem[] {
    return item ? item.children : this.roots;
  }

  getParent(item: InventoryItem): InventoryItem | undefined {
    return item.parent;
  }

  /** The row of an agent or tool, for `TreeView.reveal`. */
  find(folderUri: string, id: string): InventoryItem | undefined {
    return this.byId.get(`${folderUri}\0${id}`);
  }

  /** Counts for the view's badge and the tests: what the tree shows now. */
  counts(): { agents: number; tools: number } {
    let agents = 0;
    let tools = 0;
    const visit = (items: InventoryItem[]) => {
      for (const i of items) {
        if (i.contextValue === 'agent') agents++;
        if (i.contextValue === 'tool') tools++;
        visit(i.children);
      }
    };
    visit(this.roots);
    return { agents, tools };
  }

  private rebuild(): void {
    this.byId.clear();
    const multi = this.folders.length > 1;
    this.roots = [];
    for (const folder of this.folders) {
      const top = multi ? new InventoryItem(folder.name, undefined) : undefined;
      const items = this.folderItems(folder, top);
      if (top) {
        for (const i of items) top.add(i);
        top.iconPath = new vscode.ThemeIcon('root-folder');
        if (items.length) this.roots.push(top);
      } else this.roots.push(...items);
    }
    this.emitter.fire(undefined);
  }

  private folderItems(folder: InventoryFolder, parent: InventoryItem | undefined): InventoryItem[] {
    const register = (id: string, item: InventoryItem) => {
      const key = `${folder.uri}\0${id}`;
      if (!this.byId.has(key)) this.byId.set(key, item);
    };
    return new FolderRows(folder, this.filter, register).rows(parent);
  }
}

/** Groups start closed (adding rows opens a top-level row). */
const collapsed = (item: InventoryItem) => {
  item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
  return item;
};

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The rows of one workspace folder's inventory under the current filter. */
class FolderRows {
  private readonly inv: InventoryFolder['inventory'];
  private readonly base: vscode.Uri;
  private readonly tools: Map<string, Tool>;
  private readonly agents: Map<string, Agent>;
  private readonly activeFile = vscode.window.activeTextEditor?.document.uri.toString();

  constructor(
    private readonly folder: InventoryFolder,
    private readonly filter: InventoryFilter,
    private readonly register: (id: string, item: InventoryItem) => void,
  ) {
    this.inv = folder.inventory;
    this.base = vscode.Uri.parse(folder.uri);
    this.tools = new Map(this.inv.tools.map((t) => [t.id, t]));
    this.agents = new Map(this.inv.agents.map((a) => [a.id, a]));
  }

  rows(parent: InventoryItem | undefined): InventoryItem[] {
    const out = this.inv.agents.filter((a) => this.agentShown(a)).map((a) => this.agentItem(a, parent));
    const standalone = this.inv.tools.filter((t) => t.agentIds.length === 0 && this.toolShown(t));
    if (standalone.length) {
      const group = this.group('Tools not given to any agent', 'standalone', 'tools', standalone.length, parent);
      for (const t of standalone) group.add(this.toolItem(t, group));
      out.push(collapsed(group));
    }
    if (this.filter === 'all' && this.inv.credentials.length) {
      const group = this.group('Credentials', 'credentials', 'key', this.inv.credentials.length, parent);
      for (const c of this.inv.credentials) group.add(this.credentialItem(c, c.name, group));
      out.push(collapsed(group));
    }
    return out;
  }

  private uriOf(file: string): vscode.Uri {
    return vscode.Uri.joinPath(this.base, file);
  }

  private findingsOf(id: string): number {
    return this.folder.findings[id] ?? 0;
  }

  private inCurrentFile(file: string): boolean {
    return this.uriOf(file).toString() === this.activeFile;
  }

  private toolShown(t: Tool): boolean {
    if (this.filter === 'currentFile') return this.inCurrentFile(t.file);
    return this.filter === 'findings' ? this.findingsOf(t.id) > 0 : true;
  }

  private agentShown(a: Agent): boolean {
    if (this.filter === 'all') return true;
    const own = this.filter === 'currentFile' ? this.inCurrentFile(a.file) : this.findingsOf(a.id) > 0;
    return own || a.toolIds.some((id) => this.tools.has(id) && this.toolShown(this.tools.get(id)!));
  }

  private open(file: string, line: number, column = 1): vscode.Command {
    return {
      title: 'Go to definition',
      command: 'vscode.open',
      arguments: [
        this.uriOf(file),
        { selection: new vscode.Range(line - 1, column - 1, line - 1, column - 1), preview: true },
      ],
    };
  }

  private group(label: string, key: string, iconId: string, size: number, parent: InventoryItem | undefined) {
    const group = new InventoryItem(label, parent);
    group.id = `${this.folder.uri}\0${key}`;
    group.iconPath = new vscode.ThemeIcon(iconId);
    group.description = `${size}`;
    return group;
  }

  private agentItem(a: Agent, parent: InventoryItem | undefined): InventoryItem {
    const item = new InventoryItem(a.name, parent, a.id);
    const findings = this.findingsOf(a.id);
    item.id = `${this.folder.uri}\0${a.id}`;
    item.contextValue = 'agent';
    item.iconPath = icon(a.framework === 'mcp' ? 'server' : 'hubot', a.risk);
    const agentTools = a.toolIds.map((id) => this.tools.get(id)).filter((t): t is Tool => !!t);
    const gated = agentTools.filter((t) => t.approval).length;
    // Risk first: what the narrow default sidebar shows of a row should be what decides how it is governed.
    item.description = [
      a.risk ?? 'no risk found',
      a.owner ?? 'no owner',
      `${count(agentTools.length, 'tool')}${a.complete ? '' : '+'}`,
      agentTools.length ? `approval ${gated}/${agentTools.length}` : null,
      findings ? count(findings, 'finding') : null,
    ]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = tooltip(`${a.framework === 'mcp' ? 'MCP server' : 'Agent'} \`${a.name}\``, [
      ['Owner', a.owner ? `${a.owner} (from ${a.ownerSource})` : 'none'],
      ['Revocation', a.revocation ?? 'none'],
      ['Risk', a.risk ?? 'none found'],
      ['Framework', `${a.framework} · ${a.kind}`],
      ['Defined at', `${a.file}:${a.nameLine}`],
    ]);
    item.command = this.open(a.file, a.nameLine, a.nameColumn);
    this.register(a.id, item);
    for (const t of agentTools)
      if (this.filter === 'all' || this.toolShown(t) || this.filter === 'currentFile') item.add(this.toolItem(t, item));
    for (const id of a.delegateIds)
      if (this.agents.has(id)) item.add(this.referenceItem(this.agents.get(id)!, 'delegates to', item));
    // Agents open on their tools; tools open on demand.
    item.collapsibleState = item.children.length
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.None;
    return item;
  }

  private toolItem(t: Tool, under: InventoryItem | undefined): InventoryItem {
    const item = new InventoryItem(t.name, under, t.id);
    const findings = this.findingsOf(t.id);
    item.id = `${this.folder.uri}\0${under?.entityId ?? ''}\0${t.id}`;
    item.contextValue = 'tool';
    item.iconPath = icon('tools', t.risk);
    item.description = [
      t.risk ?? 'no risk found',
      t.owner ?? 'no owner',
      t.scopes.length ? t.scopes.join(' ') : 'no scopes',
      t.approval ? '✓ approval' : t.risk === 'critical' ? '✗ no approval' : null,
      findings ? count(findings, 'finding') : null,
    ]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = tooltip(`Tool \`${t.name}\``, [
      ['Owner', t.owner ?? 'none'],
      ['Scopes', t.scopes.join(', ') || 'none declared'],
      ['Risk', t.risk ?? 'none found'],
      ['Approval', t.approval ?? 'no human gate'],
      ['Credentials', t.credentials.join(', ') || 'none read here'],
      ['Defined at', `${t.file}:${t.nameLine}`],
    ]);
    item.command = this.open(t.file, t.nameLine, t.nameColumn);
    this.register(t.id, item);
    for (const c of t.capabilities) item.add(this.capabilityItem(c, item));
    for (const name of t.credentials) {
      const credential = this.inv.credentials.find((c) => c.name === name);
      item.add(this.credentialItem(credential, name, item));
    }
    const wrapped = t.delegatesToId ? this.agents.get(t.delegatesToId) : undefined;
    if (wrapped) item.add(this.referenceItem(wrapped, 'runs agent', item));
    return item;
  }

  private capabilityItem(c: Capability, under: InventoryItem): InventoryItem {
    // The label stays short enough for the default sidebar width: what it touches goes in the description.
    const item = new InventoryItem(c.capability, under);
    item.contextValue = 'capability';
    item.iconPath = icon('circle-filled', c.tier);
    item.description = `${c.tier} · ${c.detail ?? c.reason}`;
    item.tooltip = tooltip(`Capability \`${c.capability}\``, [
      ['Tier', c.tier],
      ['Why', c.reason],
      ...c.trail.map((h): [string, string] => ['via', `${h.message} (${h.file}:${h.line})`]),
    ]);
    const evidence = c.trail[c.trail.length - 1];
    if (evidence) item.command = this.open(evidence.file, evidence.line, evidence.column);
    return item;
  }

  private credentialItem(c: Credential | undefined, name: string, under: InventoryItem): InventoryItem {
    const item = new InventoryItem(name, under);
    item.contextValue = 'credential';
    item.iconPath = icon('key', c?.lifetime === 'hardcoded' ? 'critical' : undefined);
    item.description = c ? `${c.source} · ${c.lifetime}` : undefined;
    const first = c?.locations[0];
    const m = first ? /^(.*):(\d+)$/.exec(first) : null;
    if (m) item.command = this.open(m[1]!, Number(m[2]));
    return item;
  }

  private referenceItem(a: Agent, how: string, under: InventoryItem): InventoryItem {
    const item = new InventoryItem(`${how} ${a.name}`, under);
    item.contextValue = 'reference';
    item.iconPath = icon('arrow-right', a.risk);
    item.command = this.open(a.file, a.nameLine, a.nameColumn);
    return item;
  }
}

function tooltip(title: string, rows: [string, string][]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`**${title}**\n\n`);
  for (const [k, v] of rows) md.appendMarkdown(`- **${k}:** `).appendText(v).appendMarkdown('\n');
  return md;
}
