/**
 * What a heartbeat tick decides for one socket: keep it (with how many intervals it has now been
 * silent) or terminate it. A socket that answered is kept. One that didn't is terminated, unless the
 * server itself paused reading it (stdin waiting for a full upstream), in which case its answers are
 * stuck behind that input: it gets `pausedIntervals` intervals before it goes too, so a client that
 * left behind a stuck exec is still released.
 *
 * @example
 * const verdict = heartbeatVerdict({ answered: false, paused: true, silentIntervals: 0, pausedIntervals: 4 });
 * // { terminate: false, silentIntervals: 1 }
 */
export function heartbeatVerdict(socket: {
  answered: boolean;
  paused: boolean;
  silentIntervals: number;
  pausedIntervals: number;
}): { terminate: true } | { terminate: false; silentIntervals: number } {
  if (socket.answered) return { terminate: false, silentIntervals: 0 };
  if (!socket.paused) return { terminate: true };
  const silentIntervals = socket.silentIntervals + 1;
  return silentIntervals > socket.pausedIntervals
    ? { terminate: true }
    : { terminate: false, silentIntervals };
}
