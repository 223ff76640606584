import { join } from 'node:path';
import express from 'express';
import { packageRoot } from '../../src/knowledge/paths.js';
import type { AdapterFactory } from '../adapter.js';

/** The web chat page: static files only; it talks to the core through /api/ask. */
export const createWebAdapter: AdapterFactory = async () => ({
  name: 'web',
  mount(app) {
    app.use('/', express.static(join(packageRoot(), 'adapters', 'web', 'public'), { index: 'index.html', maxAge: '1h' }));
  },
  async stop() {},
});
