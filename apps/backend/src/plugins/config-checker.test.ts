import { describe, expect, it } from 'vitest';
import { createConfigChecker } from './config-checker.ts';

const greetingSchema = {
  type: 'object',
  properties: {
    greeting: { type: 'string', default: 'Hello', maxLength: 40 },
    links: {
      type: 'array',
      items: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
    },
  },
  additionalProperties: false,
};

// A pattern that backtracks exponentially on a long run of `a` not followed by the end: what a hostile
// (or careless) plugin server could put in its metadata, run on the operator's settings.
const evilSchema = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^(a+)+$' } },
};
const evilValue = { id: `${'a'.repeat(40)}!` };

describe('createConfigChecker', () => {
  it('checks settings in a worker: the defaults filled in, or each bad field named', async () => {
    const checker = createConfigChecker();
    await expect(checker.check(greetingSchema, undefined)).resolves.toEqual({
      ok: true,
      config: { greeting: 'Hello' },
    });
    await expect(checker.check(greetingSchema, { greeting: 7, links: [{}], greting: 'x' })).resolves.toEqual({
      ok: false,
      causes: [
        { field: 'greeting', message: 'Invalid input: expected string, received number' },
        { field: 'links[0].url', message: 'Invalid input: expected string, received undefined' },
        { field: 'greting', message: 'unknown setting' },
      ],
    });
  });

  it('stops a pattern that backtracks without end at the deadline, and the server thread stays free meanwhile', async () => {
    const checker = createConfigChecker({ deadlineMs: 500 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const started = performance.now();
    try {
      const check = await checker.check(evilSchema, evilValue);
      expect(check).toEqual({
        ok: false,
        causes: [
          {
            field: '',
            message:
              "checking it took longer than 500 ms and was stopped: a pattern in the plugin's config schema backtracks too much on these values",
          },
        ],
      });
    } finally {
      clearInterval(ticker);
    }
    // Run in this thread, the pattern would hold it for minutes: no tick at all until it ended.
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(ticks).toBeGreaterThan(5);
    // The same pattern on a value it matches at once is fine.
    await expect(checker.check(evilSchema, { id: 'aaaa' })).resolves.toEqual({
      ok: true,
      config: { id: 'aaaa' },
    });
  });

  it('remembers results by schema and values, so a reload checks only what changed', async () => {
    const checker = createConfigChecker({ remembered: 2 });
    const first = checker.check(greetingSchema, { greeting: 'Hi' });
    expect(checker.check(greetingSchema, { greeting: 'Hi' })).toBe(first);
    expect(checker.check(greetingSchema, { greeting: 'Hey' })).not.toBe(first);
    await first;
    // Past `remembered` results, the oldest is forgotten.
    checker.check(greetingSchema, { greeting: 'Hallo' });
    expect(checker.check(greetingSchema, { greeting: 'Hi' })).not.toBe(first);
  });
});
