import type { RateLimit } from '../../api/types';

/** The windows the dashboard offers; limits with other windows (set through the API) are shown and kept. */
export const WINDOWS: { seconds: number; label: string }[] = [
  { seconds: 1, label: 'per second' },
  { seconds: 60, label: 'per minute' },
  { seconds: 3600, label: 'per hour' },
  { seconds: 86400, label: 'per day' },
];

const count = new Intl.NumberFormat('en');

function windowLabel(seconds: number): string {
  return WINDOWS.find((w) => w.seconds === seconds)?.label ?? `per ${count.format(seconds)} s`;
}

/** "10 per second · 100,000 per day", shortest window first; empty when the key has no limits. */
export function describeLimits(limits: RateLimit[]): string {
  return [...limits].sort((a, b) => a.window_seconds - b.window_seconds)
    .map((l) => `${count.format(l.limit)} ${windowLabel(l.window_seconds)}`).join(' · ');
}

/**
 * The limits a form asks for: one per offered window with a number in its field (an empty field
 * removes that window's limit), plus the key's limits on windows the form does not offer.
 */
export function limitsFromForm(form: FormData, current: RateLimit[] = []): { limit: number; window_seconds: number }[] {
  const offered = new Set(WINDOWS.map((w) => w.seconds));
  const kept = current.filter((l) => !offered.has(l.window_seconds)).map(({ limit, window_seconds }) => ({ limit, window_seconds }));
  const chosen = WINDOWS.flatMap((w) => {
    const value = String(form.get(`limit-${w.seconds}`) ?? '').trim();
    return value === '' ? [] : [{ limit: Number(value), window_seconds: w.seconds }];
  });
  return [...chosen, ...kept].sort((a, b) => a.window_seconds - b.window_seconds);
}
