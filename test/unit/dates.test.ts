import { describe, expect, it } from 'vitest';
import { dateKeys, findDates } from '../../src/text/dates.js';
import { TeleworkBot } from '../../src/core/bot.js';

describe('dates in questions', () => {
  it('reads 和暦, 西暦, R5.12.27 and English dates as one unit in both calendars', () => {
    expect(findDates('令和3年10月1日時点').map((d) => d.forms)).toEqual([['令和3年10月1日', '2021年10月1日']]);
    expect(findDates('2023年12月27日の通知')[0]!.forms[0]).toBe('令和5年12月27日');
    expect(findDates('r5.12.27 通知')[0]!.forms[0]).toBe('令和5年12月27日');
    expect(findDates('as of december 2023')[0]!.forms).toEqual(['令和5年12月', '2023年12月']);
    expect(findDates('2024年度の措置')[0]!.forms).toEqual(['令和6年度', '2024年度']);
    expect(findDates('2019年')[0]!.forms).toContain('令和1年');
  });
  it('reads the ways English writes dates and years', () => {
    expect(findDates('as of 1 october 2023')[0]!.forms).toEqual(['令和5年10月1日', '2023年10月1日']);
    expect(findDates('on the 27th of december 2023')[0]!.forms[0]).toBe('令和5年12月27日');
    expect(findDates('from 2022 to 2023').map((d) => d.forms[0])).toEqual(['令和4年', '令和5年']);
    expect(findDates('the 2021 survey')[0]!.precision).toBe('year');
    expect(findDates('in reiwa 6')[0]!.forms[0]).toBe('令和6年');
    expect(findDates('fiscal 2025 and beyond')[0]!.forms[0]).toBe('令和7年度');
  });
  it('keeps figures, times, decimals and addresses that look like years out', () => {
    expect(findDates('1,035 bodies and 2000 staff')).toEqual([]);
    expect(findDates('call 03-5253-5546')).toEqual([]);
    expect(findDates('open 9:00-17:00, rate 2023.5')).toEqual([]);
    expect(findDates('https://www.soumu.go.jp/main_content/000746987.pdf')).toEqual([]);
  });
  it('refuses impossible dates and keeps plain numbers out', () => {
    expect(findDates('令和5年13月1日')).toHaveLength(1); // the year survives, the month does not
    expect(findDates('令和5年13月1日')[0]!.precision).toBe('year');
    expect(findDates('1,102団体')).toEqual([]);
  });
  it('indexes a date at every precision so a coarser question finds it', () => {
    expect(dateKeys(findDates('令和3年10月1日')[0]!)).toEqual(['@2021', '@2021-10', '@2021-10-1']);
  });
  it('finds the passage of a date asked in the other calendar', async () => {
    const bot = await TeleworkBot.create({});
    const a = await bot.ask('2021年10月1日時点でテレワークを導入していた団体はいくつ?');
    expect(a.answer.answer).toContain('916');
  });
});
