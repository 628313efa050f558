import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

// `agent-warden-lsp --stdio` for any editor; VS Code's client starts the same file over IPC.
startServer(createConnection(ProposedFeatures.all));
