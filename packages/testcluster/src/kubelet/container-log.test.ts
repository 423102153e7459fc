import { describe, expect, it } from 'vitest';
import { createContainerLog, type LogQuery } from './container-log.ts';

async function read(
  log: ReturnType<typeof createContainerLog>,
  query: Partial<LogQuery>,
  signal = new AbortController().signal,
) {
  let out = '';
  await log.stream(
    { follow: false, timestamps: false, ...query },
    async (c) => {
      out += c.toString('utf8');
    },
    signal,
  );
  return out;
}

describe('createContainerLog', () => {
  it('returns every line, or the last tailLines of them', async () => {
    const log = createContainerLog();
    for (const l of ['a', 'b', 'c']) log.append(l);
    expect(await read(log, {})).toBe('a\nb\nc\n');
    expect(await read(log, { tailLines: 2 })).toBe('b\nc\n');
    expect(await read(log, { tailLines: 0 })).toBe('');
  });

  it('prefixes RFC 3339 timestamps with nanoseconds, strictly increasing', async () => {
    const log = createContainerLog();
    log.append('x');
    log.append('y');
    const lines = (await read(log, { timestamps: true })).trim().split('\n');
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z x$/);
    expect(lines[0]!.split(' ')[0]! < lines[1]!.split(' ')[0]!).toBe(true);
  });

  it('cuts the output at limitBytes', async () => {
    const log = createContainerLog();
    log.append('hello world');
    expect(await read(log, { limitBytes: 5 })).toBe('hello');
  });

  it('keeps only lines at or after sinceTime', async () => {
    const log = createContainerLog();
    log.append('old');
    await new Promise((r) => setTimeout(r, 20));
    const since = new Date();
    await new Promise((r) => setTimeout(r, 5));
    log.append('new');
    expect(await read(log, { sinceTime: since })).toBe('new\n');
  });

  it('follows new lines until the run ends', async () => {
    const log = createContainerLog();
    log.append('first');
    const reading = read(log, { follow: true });
    log.append('second');
    setTimeout(() => {
      log.append('third');
      log.close();
    }, 10);
    expect(await reading).toBe('first\nsecond\nthird\n');
  });

  it('waits for a slow reader instead of dropping lines', async () => {
    const log = createContainerLog();
    for (let i = 0; i < 5; i++) log.append(`line ${i}`);
    let out = '';
    const reading = log.stream(
      { follow: true, timestamps: false },
      async (c) => {
        await new Promise((r) => setTimeout(r, 5));
        out += c.toString('utf8');
      },
      new AbortController().signal,
    );
    for (let i = 5; i < 10; i++) log.append(`line ${i}`);
    log.close();
    await reading;
    expect(out).toBe(Array.from({ length: 10 }, (_, i) => `line ${i}\n`).join(''));
  });

  it('stops following when the reader aborts', async () => {
    const log = createContainerLog();
    const abort = new AbortController();
    const reading = read(log, { follow: true }, abort.signal);
    log.append('one');
    abort.abort();
    expect(await reading).toBe('one\n');
  });
});
