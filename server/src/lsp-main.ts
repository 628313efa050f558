import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { serveIndexTasks } from './lsp/index-worker';
import { startServer } from './lsp/server';

// `agent-warden-lsp --stdio` for any editor; VS Code's client starts the same file over IPC. The same bundle, started
// as a worker thread by the server, is its index thread.
if (!serveIndexTasks()) startServer(createConnection(ProposedFeatures.all), { indexWorker: __filename });
