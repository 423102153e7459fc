import type { Principal } from '../session/principal.ts';
import type { HealthMonitor } from './health-monitor.ts';

/** One health monitor per person: a context's health as seen with their credentials. */
export interface PrincipalHealth {
  /** The monitor of `principal`, created on first use. */
  forPrincipal(principal: Principal): HealthMonitor;
  /** Monitors alive now (tests, metrics). */
  size(): number;
  close(): void;
}

/** Options of {@link createPrincipalHealth}. */
export interface PrincipalHealthOptions {
  /** Builds a monitor whose probes act as `principal`. */
  create(principal: Principal): HealthMonitor;
  /** Monitors kept at most; the least recently used one beyond is closed. Default 1,000. */
  max?: number;
}

/**
 * Health monitors per principal id, so a probe acts for the person who sees it (a context the
 * service account may not use can be fine for a person, and the reverse). The least recently used
 * monitor is closed beyond `max`; a person asking again gets a fresh one.
 *
 * @example
 * const health = createPrincipalHealth({ create: (p) => createHealthMonitor({ registry, probe: probeAs(p) }) });
 * health.forPrincipal(principal).subscribe((list) => send(list));
 */
export function createPrincipalHealth(options: PrincipalHealthOptions): PrincipalHealth {
  const max = options.max ?? 1_000;
  const monitors = new Map<string, HealthMonitor>();
  return {
    forPrincipal(principal) {
      let monitor = monitors.get(principal.id);
      if (monitor) monitors.delete(principal.id);
      else monitor = options.create(principal);
      // Re-inserted last: Map order is least recently used first.
      monitors.set(principal.id, monitor);
      for (const [id, oldest] of monitors) {
        if (monitors.size <= max) break;
        oldest.close();
        monitors.delete(id);
      }
      return monitor;
    },
    size: () => monitors.size,
    close() {
      for (const monitor of monitors.values()) monitor.close();
      monitors.clear();
    },
  };
}
