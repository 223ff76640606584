import type { Logger } from '../logging/logger.js';

/** A person in a chat platform asking to manage reminders. */
export interface ChatUser {
  platform: 'slack' | 'teams' | 'lineworks';
  userId: string;
}

export interface Allowlist {
  slackUserIds: readonly string[];
  slackUsergroupIds: readonly string[];
  teamsUserIds: readonly string[];
  lineworksUserIds?: readonly string[];
}

/** Members of a Slack user group (usergroups.users.list); provided by the Slack adapter. */
export type GroupMembers = (usergroupId: string) => Promise<string[]>;

const GROUP_CACHE_MS = 60_000;

/**
 * Only HR manages reminders: Slack users and user groups and Teams users named in the settings.
 * Group members are fetched from Slack and cached for a minute; a failed fetch denies (fails closed).
 */
export class ReminderAuthorizer {
  private groupMembers: GroupMembers | null = null;
  private readonly cache = new Map<string, { at: number; members: Set<string> }>();

  constructor(
    private readonly list: Allowlist,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly now: () => number = Date.now,
  ) {}

  static fromSettings(s: { HR_SLACK_USER_IDS: string[]; HR_SLACK_USERGROUP_IDS: string[]; HR_TEAMS_USER_IDS: string[]; HR_LINEWORKS_USER_IDS?: string[] }, logger: Pick<Logger, 'warn'>): ReminderAuthorizer {
    return new ReminderAuthorizer(
      { slackUserIds: s.HR_SLACK_USER_IDS, slackUsergroupIds: s.HR_SLACK_USERGROUP_IDS, teamsUserIds: s.HR_TEAMS_USER_IDS, lineworksUserIds: s.HR_LINEWORKS_USER_IDS ?? [] },
      logger,
    );
  }

  /** The Slack adapter plugs in its group lookup once it has a Web API client. */
  useSlackGroups(lookup: GroupMembers): void {
    this.groupMembers = lookup;
    this.cache.clear();
  }

  /** Like useSlackGroups, but keeps the first lookup (called on every command). */
  useSlackGroupsOnce(lookup: GroupMembers): void {
    if (this.groupMembers === null) this.useSlackGroups(lookup);
  }

  async isAllowed(user: ChatUser): Promise<boolean> {
    if (user.platform === 'teams') return this.list.teamsUserIds.includes(user.userId);
    if (user.platform === 'lineworks') return (this.list.lineworksUserIds ?? []).includes(user.userId);
    if (this.list.slackUserIds.includes(user.userId)) return true;
    for (const group of this.list.slackUsergroupIds) {
      if ((await this.members(group)).has(user.userId)) return true;
    }
    return false;
  }

  private async members(group: string): Promise<Set<string>> {
    const hit = this.cache.get(group);
    if (hit !== undefined && this.now() - hit.at < GROUP_CACHE_MS) return hit.members;
    if (this.groupMembers === null) return new Set();
    try {
      const members = new Set(await this.groupMembers(group));
      this.cache.set(group, { at: this.now(), members });
      return members;
    } catch (err) {
      this.logger.warn({ err, group }, 'could not read a Slack user group; treating its members as not allowed');
      return new Set();
    }
  }
}
