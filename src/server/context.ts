import type { Logger } from 'pino';
import type { AdapterContext } from '../../adapters/adapter.js';
import { AuditLog } from '../audit/audit-log.js';
import type { Env } from '../config/settings.js';
import type { TeleworkBot } from '../core/bot.js';
import { RecordOnlyEscalations } from '../core/escalation.js';
import { Messengers } from '../core/messenger.js';
import { FeedbackRecorder } from '../feedback/recorder.js';
import type { Store } from '../store/store.js';

/** The one context every adapter and service shares (serve and the test harness build it alike). */
export function buildContext(parts: { bot: TeleworkBot; store: Store; logger: Logger; settings: Env }): AdapterContext {
  const audit = new AuditLog(parts.store, { retentionDays: parts.settings.AUDIT_RETENTION_DAYS });
  const feedback = new FeedbackRecorder(parts.store, { audit, logger: parts.logger });
  return { ...parts, feedback, messengers: new Messengers(), escalations: new RecordOnlyEscalations(feedback), audit };
}
