import { describe, expect, it } from 'vitest';
import { isRecord, messageOf } from './untyped';

describe('messageOf', () => {
  it('takes an error’s message, and writes out anything else thrown', () => {
    expect(messageOf(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
    expect(messageOf('offline')).toBe('offline');
    expect(messageOf(404)).toBe('404');
    expect(messageOf(undefined)).toBe('undefined');
  });
});

describe('isRecord', () => {
  it('takes plain objects only', () => {
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord({})).toBe(true);
    expect(isRecord(null)).toBe(false);
    expect(isRecord([1])).toBe(false);
    expect(isRecord('text')).toBe(false);
  });
});
