import { beforeAll, describe, expect, it } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { withoutExcluded } from '../../src/text/excluded.js';

describe('topics a question rules out', () => {
  it('are removed from what is searched, in Japanese and English', () => {
    expect(withoutExcluded('都道府県を除く市区町村の導入率は?').trim()).toBe('市区町村の導入率は?');
    expect(withoutExcluded('指定都市と都道府県を除いた導入率').trim()).toBe('導入率');
    expect(withoutExcluded('What fraction of municipal bodies (excluding prefectures) run telework?')).not.toContain('prefectures');
    expect(withoutExcluded('uptake for towns only? not prefectures, just cities')).not.toContain('prefectures');
    // "not" inside a clause is no exclusion.
    expect(withoutExcluded('Why do towns not adopt telework?')).toContain('adopt telework');
  });

  describe('on the shipped knowledge', () => {
    let bot: TeleworkBot;
    beforeAll(async () => {
      bot = await TeleworkBot.create();
    });
    it("answers the municipalities' figure when prefectures are ruled out", async () => {
      const a = (await bot.ask('Telework uptake for shichouson only? Not prefectures, just cities, towns, villages and wards.')).answer.answer;
      expect(a).toContain('60.1');
    });
  });
});

describe('an asking part that names almost nothing the knowledge knows', () => {
  it('is searched with the message before it', async () => {
    const bot = await TeleworkBot.create();
    const { answer } = await bot.ask(
      "My supervisor mentioned that national civil servants now get a monthly payment when they mostly work from home. What's the yen amount, per the materials you have?",
    );
    expect(answer.answer).toContain('3,000');
    expect(answer.escalate).toBe(false);
  });
});
