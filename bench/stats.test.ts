import { describe, expect, it } from 'vitest';
import { median, percentile, spread } from './stats';

describe('percentile', () => {
  it('takes the nearest rank, so p99 of 100 values is the second largest', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
  });

  it('is not moved by one extreme value among many', () => {
    const values = [...Array.from({ length: 199 }, () => 5), 600];
    expect(percentile(values, 99)).toBe(5);
  });

  it('does not sort its input in place, and is NaN for no values', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
    expect(percentile([], 99)).toBeNaN();
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('is not moved by one unlucky pass of three', () => {
    expect(median([4.1, 4.3, 40])).toBe(4.3);
  });
});

describe('spread', () => {
  it('is the smallest and the largest value', () => {
    expect(spread([3, 7, 5])).toEqual({ min: 3, max: 7 });
  });
});
