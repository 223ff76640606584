import { z } from 'zod';
import { neutralizeBroadcastMentions } from '../safety/mentions.js';
import { DEFAULT_TIMEZONE } from './time.js';

export const MAX_TEXT = 2000;
export const MAX_RECIPIENTS = 50;

/** Slack, Teams and LINE WORKS ids: letters, digits and the punctuation Teams conversation ids use. */
const PlatformId = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .regex(/^[A-Za-z0-9_:@.;=\-]+$/, 'must be a Slack, Teams or LINE WORKS id (letters, digits, : @ . ; = _ -)');

const Platform = z.enum(['slack', 'teams', 'lineworks']);

/** A channel or stored Teams conversation, or people by direct message. */
export const TargetSchema = z.union([
  z.object({ platform: Platform, channelId: PlatformId }).strict(),
  z.object({ platform: Platform, userIds: z.array(PlatformId).min(1).max(MAX_RECIPIENTS) }).strict(),
]);
export type ReminderTarget = z.infer<typeof TargetSchema>;

/** Who asked for a change: a chat user (allowlisted) or the admin API. */
export const ActorSchema = z.object({ platform: z.enum(['slack', 'teams', 'lineworks', 'cli', 'api', 'web']), userId: z.string().trim().min(1).max(100) }).strict();
export type ReminderActor = z.infer<typeof ActorSchema> | { admin: true };

/** The body of POST /api/reminders (CONTRACT.md) plus skipYearEnd, lang and actor. */
export const CreateReminderSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`)
      // Stored already neutralised, so a list or a log never shows a live @channel either.
      .transform((t) => neutralizeBroadcastMentions(t)),
    target: TargetSchema,
    cron: z.string().trim().min(1).max(200).optional(),
    at: z.string().trim().min(1).max(64).optional(),
    timezone: z.string().trim().min(1).max(64).default(DEFAULT_TIMEZONE),
    skipHolidays: z.boolean().default(false),
    skipYearEnd: z.boolean().default(false),
    lang: z.enum(['ja', 'en']).default('ja'),
    actor: ActorSchema.optional(),
  })
  .strict();
export type CreateReminderInput = z.input<typeof CreateReminderSchema>;
export type CreateReminder = z.output<typeof CreateReminderSchema>;

export type ReminderStatus = 'active' | 'paused' | 'done';

export interface Reminder {
  id: string;
  text: string;
  target: ReminderTarget;
  cron?: string;
  at?: string;
  timezone: string;
  skipHolidays: boolean;
  skipYearEnd: boolean;
  lang: 'ja' | 'en';
  status: ReminderStatus;
  /** The run that is scheduled (ISO), null once a one-shot reminder has run or while paused. */
  nextRunAt: string | null;
  lastRunAt: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: ReminderActor;
  /** Bumped on every write; updates are compare-and-set (absent on records of earlier versions). */
  version?: number;
}

export type DeliveryStatus = 'delivered' | 'retrying' | 'failed' | 'missed';

/** One line of a reminder's delivery log. */
export interface DeliveryLogEntry {
  runAt: string;
  at: string;
  status: DeliveryStatus;
  attempt?: number;
  /** How late the delivery was against runAt. */
  lagMs?: number;
  /** Recipients that failed (DM lists), or the error for a channel. */
  error?: string;
  instance?: string;
}

export const ReminderIdSchema = z.string().regex(/^rem_[a-z0-9]{12}$/, 'not a reminder id');
