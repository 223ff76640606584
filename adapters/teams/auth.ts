import { type Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';
import { type Env, SettingsError } from '../../src/config/settings.js';
import type { Logger } from '../../src/logging/logger.js';

export type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** The audience of outgoing calls in the public cloud (Bot Connector). */
export const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';

export interface TeamsAuth {
  authentication: ConfigurationBotFrameworkAuthentication;
  /** '' when unauthenticated: botbuilder then neither checks incoming tokens nor sends any. */
  appId: string;
  authenticated: boolean;
}

/**
 * Bot Framework authentication from the settings. Without MICROSOFT_APP_ID botbuilder accepts
 * any request (any token or none), which is only acceptable on a developer's machine.
 */
export function teamsAuth(settings: Env, log: Logger): TeamsAuth {
  const appId = settings.MICROSOFT_APP_ID;
  if (appId === undefined) {
    log.warn(
      'TEAMS_ENABLED=1 without MICROSOFT_APP_ID: POST /api/messages runs UNAUTHENTICATED and accepts any caller. ' +
        'Use this for local testing only (loopback service URLs); set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD in production.',
    );
    return { authentication: new ConfigurationBotFrameworkAuthentication({}), appId: '', authenticated: false };
  }
  const appType = settings.MICROSOFT_APP_TYPE ?? 'MultiTenant';
  // botbuilder would only fail at the first outgoing call; say it at start-up (exit code 2).
  if (appType !== 'MultiTenant' && settings.MICROSOFT_APP_TENANT_ID === undefined) {
    throw new SettingsError('MICROSOFT_APP_TENANT_ID', `is required when MICROSOFT_APP_TYPE is ${appType}`);
  }
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppType: appType,
    ...(settings.MICROSOFT_APP_PASSWORD !== undefined ? { MicrosoftAppPassword: settings.MICROSOFT_APP_PASSWORD } : {}),
    ...(settings.MICROSOFT_APP_TENANT_ID !== undefined ? { MicrosoftAppTenantId: settings.MICROSOFT_APP_TENANT_ID } : {}),
  });
  return { authentication, appId, authenticated: true };
}

/**
 * CloudAdapter with authentication and the turn as separate steps, so the route decides the
 * HTTP answer itself (JSON errors, 401 on any authentication failure) instead of process()'s
 * plain-text bodies and console output.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  constructor(private readonly auth: ConfigurationBotFrameworkAuthentication) {
    super(auth);
  }

  authenticate(activity: Activity, authHeader: string): Promise<AuthResult> {
    return this.auth.authenticateRequest(activity, authHeader);
  }

  runTurn(auth: AuthResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
