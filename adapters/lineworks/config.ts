import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { type Env, SettingsError, lineworksMissing } from '../../src/config/settings.js';
import { parsePrivateKey } from './token.js';

export interface LineWorksConfig {
  botId: string;
  botSecret: string;
  botName: string;
  clientId: string;
  clientSecret: string;
  serviceAccount: string;
  privateKey: KeyObject;
  apiUrl: string;
  authUrl: string;
}

/**
 * The adapter's settings, complete and checked at start-up: a missing value or a key that cannot
 * be read or parsed stops the start (SettingsError: exit code 2 naming the variable).
 */
export function lineworksConfig(s: Env): LineWorksConfig {
  const missing = lineworksMissing(s);
  if (missing !== null) throw new SettingsError(missing, 'is required for LINE WORKS (set every LINEWORKS_* setting, or none)');
  const variable = s.LINEWORKS_PRIVATE_KEY !== undefined ? 'LINEWORKS_PRIVATE_KEY' : 'LINEWORKS_PRIVATE_KEY_FILE';
  let pem: string;
  if (s.LINEWORKS_PRIVATE_KEY !== undefined) pem = s.LINEWORKS_PRIVATE_KEY;
  else {
    try {
      pem = readFileSync(s.LINEWORKS_PRIVATE_KEY_FILE!, 'utf8');
    } catch (e) {
      throw new SettingsError(variable, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  let privateKey: KeyObject;
  try {
    privateKey = parsePrivateKey(pem);
  } catch (e) {
    const reason = (e as Error).message.startsWith('is a ') ? (e as Error).message : 'is not a PEM private key';
    throw new SettingsError(variable, reason);
  }
  return {
    botId: s.LINEWORKS_BOT_ID!,
    botSecret: s.LINEWORKS_BOT_SECRET!,
    botName: s.LINEWORKS_BOT_NAME,
    clientId: s.LINEWORKS_CLIENT_ID!,
    clientSecret: s.LINEWORKS_CLIENT_SECRET!,
    serviceAccount: s.LINEWORKS_SERVICE_ACCOUNT!,
    privateKey,
    apiUrl: s.LINEWORKS_API_URL,
    authUrl: s.LINEWORKS_AUTH_URL,
  };
}
