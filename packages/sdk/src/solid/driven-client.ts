// For unit tests of the Solid adapters (not exported from the package): a multiplexer client without a socket.
import type { ClientMessage, ServerMessage } from '@porthole/protocol';
import type { MuxClient } from '../live/mux-client.ts';
import type { Subscription, SubscriptionChannel } from '../live/subscription.ts';
import {
  createClustersSubscription,
  createWatchOneSubscription,
  createWatchSubscription,
  type WatchOptions,
} from '../live/watch.ts';

/**
 * A MuxClient whose subscriptions are the real ones, fed by the test instead of a socket: `server(id)`
 * delivers a message to the subscription with that id, `sent` records requests and cancels.
 *
 * @example
 * const { client, server } = drivenClient();
 * server({ op: 'sync', id: 1, items: [], resourceVersion: '1' });
 */
export function drivenClient() {
  const subs = new Map<number, Subscription>();
  const sent: ClientMessage[] = [];
  let nextId = 1;
  const channel = (): SubscriptionChannel => {
    const id = nextId++;
    return {
      id,
      send: (m) => sent.push(m),
      sendBytes: () => {},
      release: (cancel) => {
        subs.delete(id);
        if (cancel) sent.push({ op: 'cancel', id });
      },
    };
  };
  const open = <S extends Subscription>(make: (c: SubscriptionChannel) => S): S => {
    const c = channel();
    const sub = make(c);
    subs.set(c.id, sub);
    const request = sub.request(false);
    if (request) sent.push(request);
    return sub;
  };
  const client = {
    watch: (o: WatchOptions) => open((c) => createWatchSubscription(c, o)),
    watchOne: (o: WatchOptions & { name: string }) => open((c) => createWatchOneSubscription(c, o)),
    clusters: () => open((c) => createClustersSubscription(c)),
  } as unknown as MuxClient;
  const server = (message: ServerMessage) => subs.get('id' in message ? message.id : -1)?.receive(message);
  return { client, sent, server, live: () => [...subs.keys()] };
}
