import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  INVENTORY,
  INVENTORY_CHANGED,
  type InventoryResponse,
  REANALYZE_COMMAND,
  REVEAL_IN_INVENTORY_COMMAND,
  RULE_DOCS,
  type ServerStatus,
  SHOW_GRAPH_COMMAND,
  STATUS,
} from '../../shared/protocol';
import { ChainGraphPanel } from './chain-graph';
import { type InventoryFilter, type InventoryItem, InventoryTree } from './inventory-tree';
import { redactingLogChannel } from './redacting-log';

const SOURCE_LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
/** The URI scheme of rule documentation, served by the language server (`agentWarden/ruleDocs`). */
const RULE_DOCS_SCHEME = 'agent-warden-docs';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: vscode.LanguageStatusItem;
const tree = new InventoryTree();
let treeView: vscode.TreeView<InventoryItem>;
let inventory: InventoryResponse = { folders: [] };

/** Asks the server for the inventory (the CLI's `inventory` JSON per folder) and refreshes the tree and graph. */
async function refreshInventory(): Promise<InventoryResponse> {
  if (!client?.isRunning()) return inventory;
  try {
    inventory = await client.sendRequest<InventoryResponse>(INVENTORY, {});
  } catch (e) {
    output.warn(`inventory request failed: ${(e as Error).message}`);
    return inventory;
  }
  tree.update(inventory.folders);
  const { agents, tools } = tree.counts();
  treeView.description =
    tree.filter === 'all'
      ? `${agents} agents · ${tools} tools`
      : tree.filter === 'currentFile'
        ? 'current file'
        : 'with findings';
  ChainGraphPanel.refresh(inventory.folders);
  return inventory;
}

async function setFilter(filter: InventoryFilter): Promise<void> {
  tree.setFilter(filter);
  await vscode.commands.executeCommand('setContext', 'agentWarden.inventoryFilter', filter);
  treeView.message =
    filter === 'currentFile'
      ? 'Showing the agents and tools of the current file.'
      : filter === 'findings'
        ? 'Showing agents and tools with findings.'
        : undefined;
  await refreshInventory();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Agent Warden', { log: true });
  status = vscode.languages.createLanguageStatusItem('agentWarden.status', [
    ...SOURCE_LANGUAGES.map((language) => ({ language })),
    { pattern: '**/agent-warden.json' },
  ]);
  status.name = 'Agent Warden';
  status.text = 'Agent Warden: starting';
  status.command = { title: 'Show output', command: 'agentWarden.showOutput' };
  context.subscriptions.push(output, status);
  treeView = vscode.window.createTreeView('agentWarden.inventory', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(
    treeView,
    vscode.window.onDidChangeActiveTextEditor(() => tree.activeEditorChanged()),
  );
  void vscode.commands.executeCommand('setContext', 'agentWarden.inventoryFilter', 'all');

  context.subscriptions.push(
    vscode.commands.registerCommand('agentWarden.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('agentWarden.reanalyze', async () => {
      await vscode.commands.executeCommand(REANALYZE_COMMAND);
    }),
    // A rule's documentation is a read-only virtual document (nothing to save), shown as a Markdown preview.
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOCS_SCHEME, {
      provideTextDocumentContent: async (uri) =>
        client?.isRunning()
          ? client.sendRequest<string>(RULE_DOCS, { ruleId: path.posix.basename(uri.path, '.md') })
          : 'The Agent Warden language server is not running.',
    }),
    vscode.commands.registerCommand('agentWarden.showRuleDocs', async (ruleId?: string) => {
      const id = ruleId ?? (await vscode.window.showInputBox({ prompt: 'Rule id', placeHolder: 'unscoped-tool' }));
      if (!id || !/^[a-z0-9-]+$/.test(id)) return;
      const uri = vscode.Uri.from({ scheme: RULE_DOCS_SCHEME, path: `/rules/${id}.md` });
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    }),
    vscode.commands.registerCommand('agentWarden.openConfig', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) return void vscode.window.showWarningMessage('Agent Warden: open a folder first.');
      const uri = vscode.Uri.joinPath(folder.uri, 'agent-warden.json');
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        const starter =
          '{\n  // Severity per rule: "off", "info", "warning" or "error".\n  "rules": {},\n  // Owner per glob, for definitions without @owner. The last match wins.\n  "owners": {}\n}\n';
        await vscode.workspace.fs.writeFile(uri, Buffer.from(starter));
      }
      await vscode.window.showTextDocument(uri);
    }),
    vscode.commands.registerCommand('agentWarden.inventory.refresh', () => refreshInventory()),
    vscode.commands.registerCommand('agentWarden.inventory.filterCurrentFile', () => setFilter('currentFile')),
    vscode.commands.registerCommand('agentWarden.inventory.filterFindings', () => setFilter('findings')),
    vscode.commands.registerCommand('agentWarden.inventory.clearFilter', () => setFilter('all')),
    vscode.commands.registerCommand(SHOW_GRAPH_COMMAND, async (args?: { folder?: string; highlight?: string[] }) => {
      const { folders } = await refreshInventory();
      const chain = args?.highlight ?? [];
      // Several folders share one graph, where node ids carry their folder.
      const highlight = folders.length > 1 && args?.folder ? chain.map((id) => `${args.folder}|${id}`) : chain;
      ChainGraphPanel.show(context.extensionUri, folders, highlight);
    }),
    vscode.commands.registerCommand(REVEAL_IN_INVENTORY_COMMAND, async (folder: string, id: string) => {
      if (tree.filter !== 'all') await setFilter('all');
      else if (!tree.find(folder, id)) await refreshInventory();
      const item = tree.find(folder, id);
      if (item) await treeView.reveal(item, { select: true, focus: true, expand: true });
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart(context)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('agentWarden.enable') || e.affectsConfiguration('agentWarden.codeLens'))
        void restart(context);
    }),
  );
  await start(context);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration('agentWarden');
  if (!settings.get<boolean>('enable', true)) {
    status.text = 'Agent Warden: disabled';
    return;
  }
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...SOURCE_LANGUAGES.map((language) => ({ scheme: 'file', language })),
      { scheme: 'file', pattern: '**/agent-warden.json' },
      { scheme: 'file', pattern: '**/.env*' },
      { scheme: 'file', pattern: '**/{mcp.json,claude_desktop_config.json}' },
    ],
    // vscode-languageclient 10+ leaves every pull trigger off unless asked (see shared/notes/vscode-e2e.md).
    diagnosticPullOptions: { onChange: true, onSave: true, onFocus: true, onTabs: false },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher(
        '**/{*.ts,*.tsx,*.js,*.jsx,*.mjs,*.cjs,*.mts,*.cts,agent-warden.json,CODEOWNERS,.env*,*.json}',
      ),
    },
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    // Traces carry whole documents: the client writes through a channel that leaves their text (and keys) out.
    outputChannel: redactingLogChannel(output),
    traceOutputChannel: redactingLogChannel(output),
  };
  client = new LanguageClient('agentWarden', 'Agent Warden', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) status.text = 'Agent Warden: stopped';
  });
  await client.start();
  client.onNotification(STATUS, (s: ServerStatus) => showStatus(s));
  client.onNotification(INVENTORY_CHANGED, () => void refreshInventory());
  void refreshInventory();
  output.appendLine(`Agent Warden started${vscode.workspace.isTrusted ? '' : ' in Restricted Mode: open files only'}.`);
}

function showStatus(s: ServerStatus): void {
  const restricted = vscode.workspace.isTrusted ? '' : ' (restricted)';
  if (s.state === 'indexing')
    status.text = `$(sync~spin) Agent Warden: indexing ${s.indexed?.done ?? 0}/${s.indexed?.total ?? '?'}`;
  else status.text = `Agent Warden: ${s.findings} finding${s.findings === 1 ? '' : 's'}${restricted}`;
  status.detail =
    s.lastAnalysisMs !== undefined ? `last analysis ${s.lastAnalysisMs} ms · ${s.files} files` : `${s.files} files`;
  status.severity = s.configError ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
  const blind = s.blindSpots ?? [];
  if (blind.length && !s.configError) {
    // Never blind without saying so: a framework dependency with no agent found may be a pattern not followed.
    status.severity = vscode.LanguageStatusSeverity.Warning;
    status.detail = `no agent found in ${blind.length === 1 ? blind[0] : `${blind.length} packages`} that depend${blind.length === 1 ? 's' : ''} on an agent framework`;
  }
  if (s.configError) status.detail = `agent-warden.json: ${s.configError}`;
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await client?.stop();
  client = undefined;
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
