import { describe, expect, it } from 'vitest';
import { describeLimits, limitsFromForm } from './rateLimits';

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  Object.entries(values).forEach(([k, v]) => data.set(k, v));
  return data;
}

describe('rate limits', () => {
  it('are described shortest window first, with grouped numbers and any window the API allows', () => {
    expect(describeLimits([
      { name: '1d', limit: 100000, window_seconds: 86400 },
      { name: '1s', limit: 10, window_seconds: 1 },
      { name: '90s', limit: 50, window_seconds: 90 },
    ])).toBe('10 per second · 50 per 90 s · 100,000 per day');
    expect(describeLimits([])).toBe('');
  });

  it('are read from the offered fields, an empty field removing its limit and other windows kept', () => {
    const current = [
      { name: '1s', limit: 10, window_seconds: 1 },
      { name: '90s', limit: 50, window_seconds: 90 },
    ];
    expect(limitsFromForm(form({ 'limit-1': '', 'limit-60': '', 'limit-3600': '', 'limit-86400': '5000' }), current))
      .toEqual([{ limit: 50, window_seconds: 90 }, { limit: 5000, window_seconds: 86400 }]);
    expect(limitsFromForm(form({ 'limit-60': ' 120 ' }))).toEqual([{ limit: 120, window_seconds: 60 }]);
  });
});
