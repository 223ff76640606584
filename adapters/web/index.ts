import { join } from 'node:path';
import express from 'express';
import { packageRoot } from '../../src/knowledge/paths.js';
import type { AdapterFactory } from '../adapter.js';
import { webTicketRoutes } from './tickets.js';

/** The web chat page (static files; it talks to the core through /api/ask) and its tickets' confirm step and status. */
export const createWebAdapter: AdapterFactory = async (ctx) => ({
  name: 'web',
  mount(app) {
    app.use(webTicketRoutes(ctx));
    app.use('/', express.static(join(packageRoot(), 'adapters', 'web', 'public'), { index: 'index.html', maxAge: '1h' }));
  },
  async stop() {},
});
