import { describe, expect, it } from 'vitest';
import { heartbeatVerdict } from './heartbeat.ts';

describe('heartbeatVerdict', () => {
  it('keeps a socket that answered and forgets its silence', () => {
    expect(
      heartbeatVerdict({ answered: true, paused: true, silentIntervals: 3, pausedIntervals: 4 }),
    ).toEqual({
      terminate: false,
      silentIntervals: 0,
    });
  });

  it('terminates a silent socket at once when nothing keeps it from answering', () => {
    expect(
      heartbeatVerdict({ answered: false, paused: false, silentIntervals: 0, pausedIntervals: 4 }),
    ).toEqual({
      terminate: true,
    });
  });

  it('gives a socket the server paused a few intervals, then terminates it', () => {
    let silentIntervals = 0;
    const verdicts: boolean[] = [];
    for (let tick = 0; tick < 6; tick++) {
      const verdict = heartbeatVerdict({
        answered: false,
        paused: true,
        silentIntervals,
        pausedIntervals: 4,
      });
      verdicts.push(verdict.terminate);
      if (!verdict.terminate) silentIntervals = verdict.silentIntervals;
    }
    expect(verdicts).toEqual([false, false, false, false, true, true]);
  });
});
