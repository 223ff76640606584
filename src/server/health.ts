import type { Store } from '../store/store.js';
import { storeUnavailableReason } from '../store/unavailable.js';

/** A part of the store a service needs (a Redis Cluster hash slot): a name for people, a key in it. */
export interface KeySpace {
  name: string;
  key: string;
}

export interface HealthReport {
  ok: boolean;
  /** Per key space: "ok" or why it cannot be served. */
  store: Record<string, string>;
  error?: string;
}

const PROBE_TTL_MS = 60_000;
const PROBE_DEADLINE_MS = 2_500;

/**
 * Writes one short-lived key in every key space the services use, the way they write (a store
 * transaction, so replica confirmation counts too). On a Cluster each space is one slot, so a
 * master that is down, a slot moving or a cluster that refuses writes shows up here, where PING
 * to any node would still answer.
 */
export async function probeKeySpaces(store: Store, spaces: KeySpace[]): Promise<HealthReport> {
  // Answering itself needs no store; without services there is still the store as a whole to check.
  const unique = [...new Map((spaces.length > 0 ? spaces : [{ name: 'store', key: 'healthz' }]).map((s) => [s.name, s])).values()];
  const results = await Promise.all(
    unique.map(async (s): Promise<[string, string]> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          store.transaction([{ op: 'set', key: s.key, value: new Date().toISOString(), ttlMs: PROBE_TTL_MS }]),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_DEADLINE_MS} ms`)), PROBE_DEADLINE_MS);
          }),
        ]);
        return [s.name, 'ok'];
      } catch (e) {
        return [s.name, storeUnavailableReason(e) ?? (e as Error).message.split('\n')[0]!.slice(0, 200)];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const report: HealthReport = { ok: results.every(([, r]) => r === 'ok'), store: Object.fromEntries(results) };
  if (!report.ok) {
    report.error = `the store cannot serve ${results
      .filter(([, r]) => r !== 'ok')
      .map(([n, r]) => `${n} (${r})`)
      .join(', ')}`;
  }
  return report;
}
