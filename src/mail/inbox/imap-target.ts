/** Where IMAP_URL points: imap://user:pass@host:143 (STARTTLS when offered) or imaps://user:pass@host:993. */
export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
}

/** IMAP_URL → connection settings (settings.ts has already checked the scheme, user and password). */
export function imapTarget(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port === '' ? (secure ? 993 : 143) : Number(u.port),
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
  };
}

/** The URL without its password, for logs. */
export const safeImapUrl = (t: ImapTarget): string => `${t.secure ? 'imaps' : 'imap'}://${encodeURIComponent(t.user)}@${t.host}:${t.port}`;
