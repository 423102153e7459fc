import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** Kinds of multiplexer subscriptions, as the `kind` label of `porthole_mux_subscriptions`. */
export type SubscriptionKind = 'watch' | 'logs' | 'exec' | 'clusters' | 'kubeconfig-files' | 'health';

/** A count of zero for every kind. */
export function noSubscriptions(): Record<SubscriptionKind, number> {
  return { watch: 0, logs: 0, exec: 0, clusters: 0, 'kubeconfig-files': 0, health: 0 };
}

/** Live figures the gauges read at scrape time. */
export interface MuxGaugeSources {
  sockets(): number;
  subscriptions(): Record<SubscriptionKind, number>;
  upstreamWatches(): number;
  /** Bytes queued in sockets' send buffers, not yet written to the network. */
  bufferedBytes(): number;
}

/** The multiplexer's counters, and its Prometheus text. */
export interface MuxMetrics {
  /** Watch events received from API servers (once per upstream, however many subscribers). */
  eventsIn(count: number): void;
  /** Watch events sent to sockets (once per subscriber). */
  eventsOut(count: number): void;
  /** A `sync` sent after the first one of a subscription (relist, slow subscriber, resume miss). */
  resync(): void;
  /** `GET /metrics`: the Prometheus text exposition. */
  text(): Promise<string>;
  contentType: string;
}

/**
 * Builds the metrics on a registry of their own (no global one): `porthole_mux_sockets`,
 * `porthole_mux_subscriptions{kind}`, `porthole_mux_upstream_watches`, `porthole_mux_events_in_total`,
 * `porthole_mux_events_out_total`, `porthole_mux_resyncs_total`, `porthole_mux_buffered_bytes`, and
 * prom-client's process and Node.js metrics (memory, heap, event loop lag).
 *
 * @example
 * const metrics = createMuxMetrics({ sockets: () => sessions.size, ... });
 * app.get('/metrics', async (c) => c.body(await metrics.text(), 200, { 'content-type': metrics.contentType }));
 */
export function createMuxMetrics(sources: MuxGaugeSources): MuxMetrics {
  const registry = new Registry();
  const registers = [registry];
  // process_resident_memory_bytes, nodejs_heap_size_used_bytes, event loop lag, ...
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'porthole_mux_sockets',
    help: 'Open multiplexer WebSockets.',
    registers,
    collect() {
      this.set(sources.sockets());
    },
  });
  new Gauge({
    name: 'porthole_mux_subscriptions',
    help: 'Open multiplexer subscriptions by kind.',
    labelNames: ['kind'],
    registers,
    collect() {
      for (const [kind, count] of Object.entries(sources.subscriptions())) this.set({ kind }, count);
    },
  });
  new Gauge({
    name: 'porthole_mux_upstream_watches',
    help: 'Upstream list+watch streams to API servers, each shared by every identical subscription.',
    registers,
    collect() {
      this.set(sources.upstreamWatches());
    },
  });
  new Gauge({
    name: 'porthole_mux_buffered_bytes',
    help: 'Bytes waiting in multiplexer sockets send buffers.',
    registers,
    collect() {
      this.set(sources.bufferedBytes());
    },
  });
  const eventsIn = new Counter({
    name: 'porthole_mux_events_in_total',
    help: 'Watch events received from API servers.',
    registers,
  });
  const eventsOut = new Counter({
    name: 'porthole_mux_events_out_total',
    help: 'Watch events sent to subscribers.',
    registers,
  });
  const resyncs = new Counter({
    name: 'porthole_mux_resyncs_total',
    help: 'Syncs sent after a subscription first synced (relists, slow subscribers, resume misses).',
    registers,
  });
  return {
    eventsIn: (count) => eventsIn.inc(count),
    eventsOut: (count) => eventsOut.inc(count),
    resync: () => resyncs.inc(),
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
