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
    const inv = folder.inventory;
    const base = vscode.Uri.parse(folder.uri);
    const uriOf = (file: string) => vscode.Uri.joinPath(base, file);
    const tools = new Map(inv.tools.map((t) => [t.id, t]));
    const agents = new Map(inv.agents.map((a) => [a.id, a]));
    const activeFile = vscode.window.activeTextEditor?.document.uri.toString();
    const inCurrentFile = (file: string) => uriOf(file).toString() === activeFile;
    const hasFindings = (id: string) => (folder.findings[id] ?? 0) > 0;
    const toolShown = (t: Tool) =>
      this.filter === 'currentFile' ? inCurrentFile(t.file) : this.filter === 'findings' ? hasFindings(t.id) : true;
    const agentShown = (a: Agent) => {
      if (this.filter === 'all') return true;
      const own = this.filter === 'currentFile' ? inCurrentFile(a.file) : hasFindings(a.id);
      return own || a.toolIds.some((id) => tools.has(id) && toolShown(tools.get(id)!));
    };
    const open = (file: string, line: number, column = 1): vscode.Command => ({
      title: 'Go to definition',
      command: 'vscode.open',
      arguments: [
        uriOf(file),
        { selection: new vscode.Range(line - 1, column - 1, line - 1, column - 1), preview: true },
      ],
    });
    const register = (id: string, item: InventoryItem) => {
      const key = `${folder.uri}\0${id}`;
      if (!this.byId.has(key)) this.byId.set(key, item);
    };

    const toolItem = (t: Tool, under: InventoryItem | undefined) => {
      const item = new InventoryItem(t.name, under, t.id);
      const findings = folder.findings[t.id] ?? 0;
      item.id = `${folder.uri}\0${under?.entityId ?? ''}\0${t.id}`;
      item.contextValue = 'tool';
      item.iconPath = icon('tools', t.risk);
      item.description = [
        t.owner ?? 'no owner',
        t.scopes.length ? t.scopes.join(' ') : 'no scopes',
        t.risk ?? 'no risk found',
        t.approval ? '✓ approval' : t.risk === 'critical' ? '✗ no approval' : null,
        findings ? `${findings} finding${findings === 1 ? '' : 's'}` : null,
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
      item.command = open(t.file, t.nameLine, t.nameColumn);
      register(t.id, item);
      for (const c of t.capabilities) item.add(capabilityItem(c, item));
      for (const name of t.credentials)
        item.add(
          credentialItem(
            inv.credentials.find((c) => c.name === name),
            name,
            item,
          ),
        );
      if (t.delegatesToId && agents.has(t.delegatesToId))
        item.add(referenceItem(agents.get(t.delegatesToId)!, 'runs agent', item));
      return item;
    };
    const capabilityItem = (c: Capability, under: InventoryItem) => {
      const item = new InventoryItem(c.detail ? `${c.capability} (${c.detail})` : c.capability, under);
      item.contextValue = 'capability';
      item.iconPath = icon('circle-filled', c.tier);
      item.description = `${c.tier} — ${c.reason}`;
      item.tooltip = tooltip(`Capability \`${c.capability}\``, [
        ['Tier', c.tier],
        ['Why', c.reason],
        ...c.trail.map((h): [string, string] => ['via', `${h.message} (${h.file}:${h.line})`]),
      ]);
      const evidence = c.trail[c.trail.length - 1];
      if (evidence) item.command = open(evidence.file, evidence.line, evidence.column);
      return item;
    };
    const credentialItem = (c: Credential | undefined, name: string, under: InventoryItem) => {
      const item = new InventoryItem(name, under);
      item.contextValue = 'credential';
      item.iconPath = icon('key', c?.lifetime === 'hardcoded' ? 'critical' : undefined);
      item.description = c ? `${c.source} · ${c.lifetime}` : undefined;
      const first = c?.locations[0];
      const m = first ? /^(.*):(\d+)$/.exec(first) : null;
      if (m) item.command = open(m[1], Number(m[2]));
      return item;
    };
    const referenceItem = (a: Agent, how: string, under: InventoryItem) => {
      const item = new InventoryItem(`${how} ${a.name}`, under);
      item.contextValue = 'reference';
      item.iconPath = icon('arrow-right', a.risk);
      item.command = open(a.file, a.nameLine, a.nameColumn);
      return item;
    };

    const out: InventoryItem[] = [];
    for (const a of inv.agents) {
      if (!agentShown(a)) continue;
      const item = new InventoryItem(a.name, parent, a.id);
      const findings = folder.findings[a.id] ?? 0;
      item.id = `${folder.uri}\0${a.id}`;
      item.contextValue = 'agent';
      item.iconPath = icon(a.framework === 'mcp' ? 'server' : 'hubot', a.risk);
      const agentTools = a.toolIds.map((id) => tools.get(id)).filter((t): t is Tool => !!t);
      const gated = agentTools.filter((t) => t.approval).length;
      item.description = [
        a.owner ?? 'no owner',
        a.risk ?? 'no risk found',
        `${agentTools.length} tool${agentTools.length === 1 ? '' : 's'}${a.complete ? '' : '+'}`,
        agentTools.length ? `approval ${gated}/${agentTools.length}` : null,
        findings ? `${findings} finding${findings === 1 ? '' : 's'}` : null,
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
      item.command = open(a.file, a.nameLine, a.nameColumn);
      register(a.id, item);
      for (const t of agentTools)
        if (this.filter === 'all' || toolShown(t) || this.filter === 'currentFile') item.add(toolItem(t, item));
      for (const id of a.delegateIds)
        if (agents.has(id)) item.add(referenceItem(agents.get(id)!, 'delegates to', item));
      // Agents open on their tools; tools open on demand.
      item.collapsibleState = item.children.length
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.None;
      out.push(item);
    }
    const standalone = inv.tools.filter((t) => t.agentIds.length === 0 && toolShown(t));
    if (standalone.length) {
      const group = new InventoryItem('Tools not given to any agent', parent);
      group.id = `${folder.uri}\0standalone`;
      group.iconPath = new vscode.ThemeIcon('tools');
      group.description = `${standalone.length}`;
      for (const t of standalone) group.add(toolItem(t, group));
      group.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
      out.push(group);
    }
    if (this.filter === 'all' && inv.credentials.length) {
      const group = new InventoryItem('Credentials', parent);
      group.id = `${folder.uri}\0credentials`;
      group.iconPath = new vscode.ThemeIcon('key');
      group.description = `${inv.credentials.length}`;
      for (const c of inv.credentials) group.add(credentialItem(c, c.name, group));
      group.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
      out.push(group);
    }
    return out;
  }
}

function tooltip(title: string, rows: [string, string][]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`**${title}**\n\n`);
  for (const [k, v] of rows) md.appendMarkdown(`- **${k}:** `).appendText(v).appendMarkdown('\n');
  return md;
}
