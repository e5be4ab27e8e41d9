/** 待ち時間 as the list writes it: minutes, hours, then business days of the shop's opening hours. */
import { expect } from '@open-wc/testing';
import { interpolate } from '../../../widget/core/i18n/catalogue.ts';
import { teamMessages as teamJa } from '../../../widget/team/team.messages.ts';
import { teamMessagesEn } from '../../../widget/team/team.messages.en.ts';

const teamMessages = { ja: teamJa.ja, en: teamMessagesEn };
import { businessDayMinutes, formatWaiting } from '../../../widget/team/waiting.ts';

const ja = (key: string, params?: Record<string, string | number>) => interpolate((teamMessages.ja as Record<string, string>)[key], params);
const en = (key: string, params?: Record<string, string | number>) => interpolate(teamMessages.en[key as keyof typeof teamMessages.en], params);

describe('待ち時間', () => {
  it('reads 「45分」「3時間」「2日」, a day being the shop\'s business day', () => {
    expect(formatWaiting(45, 540, ja)).to.equal('45分');
    expect(formatWaiting(180, 540, ja)).to.equal('3時間');
    expect(formatWaiting(539, 540, ja)).to.equal('8時間');
    expect(formatWaiting(540, 540, ja)).to.equal('1日');
    expect(formatWaiting(2 * 540 + 10, 540, ja)).to.equal('2日');
    expect(formatWaiting(180, 540, en)).to.equal('3 h');
  });

  it('counts a business day from the opening hours, 9:00–18:00 by default', () => {
    expect(businessDayMinutes(null)).to.equal(540);
    expect(businessDayMinutes({ start: '10:00', end: '17:30' })).to.equal(450);
    expect(businessDayMinutes({ start: '18:00', end: '09:00' })).to.equal(540);
  });
});
