import type { Store } from './store.js';
/** Placeholder until the ioredis implementation lands. */
export class RedisStore {
  static fromUrl(_url: string, _prefix: string): Store {
    throw new Error('Redis store not available yet');
  }
}
