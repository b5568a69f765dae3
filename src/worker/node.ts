// Entry of dist/worker.js: the analysis worker thread of the desktop (Node) extension host.
import { parentPort } from 'node:worker_threads';
import type { ToWorker } from './protocol';
import { serve } from './serve';

const port = parentPort;
if (!port) throw new Error('dist/worker.js runs as a worker thread of the NewsLens extension');
const handle = serve((message) => port.postMessage(message));
port.on('message', (message: ToWorker) => handle(message));
