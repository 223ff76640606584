import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Both app manifests, with their placeholders filled as an admin would, validate against the
 * platforms' own JSON schemas (vendored in test/schemas, see its README).
 */
const schema = (file: string): Record<string, unknown> => JSON.parse(readFileSync(`test/schemas/${file}`, 'utf8'));
const HOST = 'bot.example.lg.jp';
const APP_ID = '3f9a1c52-7d4e-4b8a-9c61-2e5d8f0a7b13';

function slackManifest(): Record<string, any> {
  return parse(readFileSync('adapters/slack/manifest.yaml', 'utf8').replaceAll('YOUR-HOST', HOST));
}
function teamsManifest(): Record<string, any> {
  return JSON.parse(readFileSync('adapters/teams/manifest.json', 'utf8').replaceAll('${{MICROSOFT_APP_ID}}', APP_ID).replaceAll('YOUR-HOST', HOST));
}

// Slack's schema is draft-07; its manifest without `_metadata` is a version 1 manifest.
const slackAjv = new Ajv({ allErrors: true, strict: false });
addFormats(slackAjv);
const validateSlack = slackAjv.compile(schema('slack-app-manifest.schema.1.0.0.json'));

// Microsoft's Teams schema is draft-04.
const teamsAjv = new AjvDraft04({ allErrors: true, strict: false });
addFormats(teamsAjv);
const teamsSchema = schema('MicrosoftTeams.v1.16.schema.json');
const validateTeams = teamsAjv.compile(teamsSchema);

const errors = (v: { errors?: unknown }): string => JSON.stringify(v.errors ?? [], null, 1);

describe('app manifests against the official schemas', () => {
  it('Slack: adapters/slack/manifest.yaml is a valid app manifest', () => {
    const ok = validateSlack(slackManifest());
    expect(ok, errors(validateSlack)).toBe(true);
  });

  it('Teams: adapters/teams/manifest.json is a valid v1.16 app manifest, for the schema it names', () => {
    const m = teamsManifest();
    expect(m.manifestVersion).toBe((teamsSchema['properties'] as any).manifestVersion.const);
    expect(m.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.16/MicrosoftTeams.schema.json');
    const ok = validateTeams(m);
    expect(ok, errors(validateTeams)).toBe(true);
  });

  it('the check catches broken manifests (the schemas really apply)', () => {
    const slack = slackManifest();
    delete slack['display_information'].name;
    slack['features'].slash_commands[0].command = 'telework';
    expect(validateSlack(slack)).toBe(false);
    expect(errors(validateSlack)).toMatch(/name|command/);

    const teams = teamsManifest();
    teams.bots[0].scopes = ['personal', 'everyone'];
    teams.id = 'not-a-guid';
    expect(validateTeams(teams)).toBe(false);
    expect(errors(validateTeams)).toMatch(/scopes|id/);
  });
});
