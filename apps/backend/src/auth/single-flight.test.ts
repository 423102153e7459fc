import { describe, expect, it } from 'vitest';
import { createSingleFlight } from './single-flight.ts';

describe('createSingleFlight', () => {
  it('runs once for concurrent callers and gives each the same result', async () => {
    const flight = createSingleFlight<number>();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 10));
      return 42;
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => flight.run(work)));
    expect(runs).toBe(1);
    expect(results).toEqual(Array(20).fill(42));
  });

  it('starts a new run after the previous one settled', async () => {
    const flight = createSingleFlight<number>();
    let runs = 0;
    const work = async () => ++runs;
    expect(await flight.run(work)).toBe(1);
    expect(await flight.run(work)).toBe(2);
    expect(flight.busy).toBe(false);
  });

  it('shares a failure with every waiting caller, then allows a retry', async () => {
    const flight = createSingleFlight<string>();
    let runs = 0;
    const failing = async () => {
      runs += 1;
      throw new Error('boom');
    };
    const outcomes = await Promise.allSettled([flight.run(failing), flight.run(failing)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(runs).toBe(1);
    expect(await flight.run(async () => 'ok')).toBe('ok');
  });

  it('recovers from work that throws synchronously', async () => {
    const flight = createSingleFlight<string>();
    await expect(
      flight.run(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(await flight.run(async () => 'next')).toBe('next');
  });
});
