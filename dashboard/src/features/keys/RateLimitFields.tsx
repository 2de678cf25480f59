import type { RateLimit } from '../../api/types';
import { WINDOWS } from './rateLimits';

/** One number field per offered window; empty means no limit in that window. */
export function RateLimitFields({ idPrefix, current = [] }: { idPrefix: string; current?: RateLimit[] }) {
  return (
    <fieldset aria-describedby={`${idPrefix}-hint`}>
      <legend>Rate limits (optional)</legend>
      <p id={`${idPrefix}-hint`} className="muted">
        Successful calls allowed, counted across every AgentWallex service. Over a limit, calls get <code>429</code> with
        {' '}<code>Retry-After</code>; an agent that loops is stopped here.
      </p>
      {WINDOWS.map((w) => (
        <label key={w.seconds} className="rate-limit">
          <input type="number" name={`limit-${w.seconds}`} min={1} max={1_000_000_000} step={1} inputMode="numeric"
            aria-label={`Requests ${w.label}`}
            defaultValue={current.find((l) => l.window_seconds === w.seconds)?.limit ?? ''} /> requests {w.label}
        </label>
      ))}
    </fieldset>
  );
}
