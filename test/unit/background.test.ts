import { describe, expect, it } from 'vitest';
import { describesAsker, inBackground, onlyAsSetting } from '../../src/text/background.js';
import { followedEverywhereBy, withoutContained } from '../../src/text/occurrences.js';

const telework = (clause: string): boolean => /在宅|テレワーク/.test(clause);

describe('a subject named before the clause that asks', () => {
  it('is background when the clause that asks names the subject', () => {
    expect(inBackground('税務課です確定申告の時期で窓口が混むので在宅勤務の導入率は', '確定申告', telework)).toBe(true);
    // Phone text: a space between Japanese words ends a clause.
    expect(inBackground('生活保護の訪問が多い 在宅勤務の導入率は', '生活保護', telework)).toBe(true);
    // A closing clause this short (本当?) asks about the one before it.
    expect(inBackground('確定申告の時期でして、在宅勤務の費用は国が半分持つって聞いたけど本当?', '確定申告', telework)).toBe(true);
  });
  it('is what is asked in the clause that asks, or when that clause is about something else', () => {
    expect(inBackground('確定申告で在宅勤務の電気代を経費にできますか', '確定申告', telework)).toBe(false);
    expect(inBackground('転入届を出したいです。テレワークなので行けますが、何を持っていけばいいですか', '転入届', telework)).toBe(false);
    expect(inBackground('在宅勤務なので確定申告はどうなりますか', '確定申告', telework)).toBe(false);
    // English clauses are not split at spaces.
    expect(inBackground('can i deduct it on my tax return since i telework', 'tax return', telework)).toBe(false);
  });
});

describe('a subject that only says where the asker works or what they return from', () => {
  it('describes the asker', () => {
    expect(describesAsker('住民票の窓口担当ですがテレワークって窓口職場でも導入している団体は', '住民票')).toBe(true);
    expect(describesAsker('生活保護のケースワーカーでも在宅勤務できる自治体って', '生活保護')).toBe(true);
    expect(describesAsker('育休明けで来月復帰します', '育休')).toBe(true);
  });
  it('is the subject when any mention is not about the asker', () => {
    expect(describesAsker('住民票の写しをオンラインで請求したい', '住民票')).toBe(false);
    expect(describesAsker('生活保護の担当です。生活保護の申請は在宅でも受けられますか', '生活保護')).toBe(false);
  });
});

describe('telework named only as the setting of something else', () => {
  const terms = ['テレワーク', '在宅', '在宅勤務', '勤怠管理'];
  it('is the setting when every mention says when or where the asked thing happens', () => {
    expect(onlyAsSetting('テレワーク中の昼休憩に作れるおかずは', terms)).toBe(true);
    expect(onlyAsSetting('在宅勤務してる親でも習い事の送迎は頼めますか', terms)).toBe(true);
    expect(onlyAsSetting('家で仕事しよる時のお昼にいい店', terms, /家で仕事/)).toBe(true);
    expect(onlyAsSetting('家で仕事をしてる日数が多いと控除は変わる?', terms, /家で仕事/)).toBe(true);
    expect(onlyAsSetting('家で仕事してると犬が吠える', terms, /家で仕事/)).toBe(true);
  });
  it('is what is asked when any mention is not a setting, or nothing is named', () => {
    expect(onlyAsSetting('テレワーク中の勤怠管理はどうする', terms)).toBe(false);
    expect(onlyAsSetting('在宅勤務の導入率は', terms)).toBe(false);
    expect(onlyAsSetting('テレワーク中の事故とテレワークの規程', terms)).toBe(false);
    expect(onlyAsSetting('昼休憩のおかず', terms)).toBe(false);
  });
});

describe('occurrences of a term', () => {
  it('is followed everywhere by a pattern only when it occurs and every occurrence is', () => {
    expect(followedEverywhereBy('公務員課で合ってます?公務員課でいい?', '公務員課', /^で(合って|いい)/)).toBe(true);
    expect(followedEverywhereBy('公務員課で合ってます?公務員課の電話は', '公務員課', /^で(合って|いい)/)).toBe(false);
    expect(followedEverywhereBy('電話は', '公務員課', /^で/)).toBe(false);
  });
  it('keeps only the words no other one contains', () => {
    expect(withoutContained(['パソコン', 'ノートパソコン', 'vpn'])).toEqual(['ノートパソコン', 'vpn']);
  });
});
