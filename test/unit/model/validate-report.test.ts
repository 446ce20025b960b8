import { describe, expect, it } from 'vitest';
import { validateReport, DESCRIPTION_MAX } from '../../../src/model/validate-report';

describe('validateReport', () => {
  it('asks for a known category and a description of sensible length', () => {
    expect(validateReport({ categoryId: null, description: '' })).toEqual({
      categoryId: 'errorCategoryRequired',
      description: 'errorDescriptionRequired',
    });
    expect(validateReport({ categoryId: 'illegal-99', description: '   短  ' }).categoryId).toBe('errorCategoryRequired');
    expect(validateReport({ categoryId: 'illegal-1', description: '四个字啊' }).description).toBe('errorDescriptionTooShort');
    expect(validateReport({ categoryId: 'illegal-1', description: '字'.repeat(DESCRIPTION_MAX + 1) }).description).toBe(
      'errorDescriptionTooLong',
    );
    expect(validateReport({ categoryId: 'harmful-9', description: '这是一条描述' })).toEqual({});
  });
  it('counts characters, not UTF-16 units', () => {
    expect(validateReport({ categoryId: 'illegal-1', description: '😀😀😀😀😀' })).toEqual({});
  });
});
