// The server of one benchmark configuration (see serveConfiguration for what selects it).
import { serveConfiguration } from '../../http/bench/child.mjs';
import { expressApp } from './app.mjs';

await serveConfiguration(expressApp);
