import type { ClientMessage, ExecChannel, ServerMessage } from '@porthole/protocol';

/** What one subscription may do with the client's socket. */
export interface SubscriptionChannel {
  /** The subscription's id: an integer the client never hands out twice. */
  readonly id: number;
  /**
   * Sends a follow-up message (cancel, resize, stdin-close) on the socket the subscription's request went
   * out on; dropped when that socket is gone (the request is then resent by {@link Subscription.request}).
   */
  send(message: ClientMessage): void;
  /** Sends a binary frame, under the same rule as {@link send}. */
  sendBytes(bytes: Uint8Array): void;
  /** Forgets the subscription; with `cancel`, tells the server too. */
  release(cancel: boolean): void;
}

/** One live thing on the socket, as the connection sees it. */
export interface Subscription {
  /**
   * The request to send on a newly opened socket. `resumed` is true when it already went out on an earlier
   * socket that dropped. `undefined`: don't send it (the subscription ended itself, e.g. exec).
   */
  request(resumed: boolean): ClientMessage | undefined;
  receive(message: ServerMessage): void;
  receiveBytes?(channel: ExecChannel, payload: Uint8Array): void;
  /** The socket the request went out on dropped; the request is resent on the next one. */
  disconnected(): void;
  /** The client was closed: nothing more arrives. */
  terminated(): void;
}
