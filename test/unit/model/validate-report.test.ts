import { describe, expect, it } from 'vitest';
import { validateReport, descriptionLimits, realNameRequiredBy, DESCRIPTION_MAX } from '../../../src/model/validate-report';
import { validateProfile, parseProfile, EMPTY_PROFILE } from '../../../src/model/profile';

const complete = {
  categoryId: 'harmful-9',
  description: '这是一条描述',
  destinations: ['weibo'],
  anonymous: true,
  goodFaith: { statementKey: 'goodFaithStatement', at: '2026-11-22T10:00:00.000Z' },
};
const profile = { name: '张三', phone: '13800000000', email: 'z@example.com', idType: 'resident-id' as const };

describe('validateReport', () => {
  it('asks for a known category and a description of sensible length', () => {
    const errors = validateReport({ categoryId: null, description: '' });
    expect(errors.categoryId).toEqual({ key: 'errorCategoryRequired' });
    expect(errors.description).toEqual({ key: 'errorDescriptionRequired' });
    expect(validateReport({ ...complete, categoryId: 'illegal-99' }).categoryId?.key).toBe('errorCategoryRequired');
    expect(validateReport({ ...complete, description: '四个字啊' }).description).toEqual({ key: 'errorDescriptionTooShort', args: [5] });
    expect(validateReport({ ...complete, description: '字'.repeat(DESCRIPTION_MAX + 1) }).description).toEqual({
      key: 'errorDescriptionTooLong',
      args: [DESCRIPTION_MAX],
    });
    expect(validateReport(complete)).toEqual({});
  });

  it('accepts a sub-category', () => {
    expect(validateReport({ ...complete, categoryId: 'illegal-11-fraud' })).toEqual({});
  });

  it('counts characters, not UTF-16 units', () => {
    expect(validateReport({ ...complete, description: '😀😀😀😀😀' })).toEqual({});
  });

  it('applies the tightest limit of the chosen destinations and names the destination', () => {
    const fiftyOne = '字'.repeat(51);
    expect(validateReport({ ...complete, destinations: ['weibo'], description: fiftyOne })).toEqual({});
    expect(validateReport({ ...complete, destinations: ['weibo', 'wechat'], description: fiftyOne }).description).toEqual({
      key: 'errorDescriptionTooLongFor',
      args: ['@dest_wechat', 50],
    });
    expect(validateReport({ ...complete, destinations: ['piyao'], anonymous: false, description: '十个字十个字十个字十' }, { profile }).description).toEqual({
      key: 'errorDescriptionTooShortFor',
      args: ['@dest_piyao', 20],
    });
    expect(descriptionLimits(['12377-enterprise', 'wechat']).max).toBe(50);
    expect(descriptionLimits([]).max).toBe(DESCRIPTION_MAX);
  });

  it('needs at least one destination, and only known ones', () => {
    expect(validateReport({ ...complete, destinations: [] }).destinations?.key).toBe('errorDestinationsRequired');
    expect(validateReport({ ...complete, destinations: ['nowhere'] }).destinations?.key).toBe('errorDestinationUnknown');
  });

  it('requires real name for 12377 侵权类 and for real-name-only destinations, and says which', () => {
    const infringement = { ...complete, categoryId: 'illegal-10-privacy', destinations: ['weibo', '12377'] };
    expect(validateReport(infringement).identity).toEqual({ key: 'errorRealNameRequired', args: ['@dest_12377'] });
    expect(validateReport({ ...infringement, anonymous: false }, { profile })).toEqual({});
    expect(realNameRequiredBy('illegal-10-privacy', ['weibo'])).toEqual([]);
    expect(realNameRequiredBy('harmful-1', ['12377-enterprise']).map((d) => d.id)).toEqual(['12377-enterprise']);
  });

  it('needs a complete profile when the person chooses real name', () => {
    expect(validateReport({ ...complete, anonymous: false }).identity?.key).toBe('errorProfileIncomplete');
    expect(validateReport({ ...complete, anonymous: false }, { profile: { ...profile, phone: '' } }).identity?.key).toBe('errorProfileIncomplete');
    expect(validateReport({ ...complete, anonymous: false }, { profile })).toEqual({});
  });

  it('needs the good-faith statement ticked before saving, but not while drafting', () => {
    expect(validateReport({ ...complete, goodFaith: null }).goodFaith?.key).toBe('errorGoodFaithRequired');
    expect(validateReport({ ...complete, goodFaith: null, destinations: [] }, { stage: 'draft' })).toEqual({});
  });

  it('never changes the report it checks', () => {
    const report = { ...complete, description: '  四个字啊  ' };
    const copy = structuredClone(report);
    validateReport(report);
    expect(report).toEqual(copy);
  });
});

describe('reporter profile', () => {
  it('needs name and phone; checks e-mail and phone formats when given', () => {
    expect(validateProfile(EMPTY_PROFILE)).toEqual({ name: 'errorProfileNameRequired', phone: 'errorProfilePhoneRequired' });
    expect(validateProfile({ ...profile, phone: 'abc' }).phone).toBe('errorProfilePhoneInvalid');
    expect(validateProfile({ ...profile, email: 'no-at' }).email).toBe('errorProfileEmailInvalid');
    expect(validateProfile({ ...profile, email: '' })).toEqual({});
    expect(validateProfile({ ...profile, phone: '+86 138-0000-0000' })).toEqual({});
    expect(validateProfile({ ...profile, idType: '' }, ['name', 'phone', 'idType']).idType).toBe('errorProfileIdTypeRequired');
  });
  it('reads stored data defensively', () => {
    expect(parseProfile(undefined)).toEqual(EMPTY_PROFILE);
    expect(parseProfile({ name: 'A', idType: 'not-a-type' })).toEqual(EMPTY_PROFILE);
    expect(parseProfile({ name: 'A', phone: '1' })).toEqual({ ...EMPTY_PROFILE, name: 'A', phone: '1' });
  });
});
