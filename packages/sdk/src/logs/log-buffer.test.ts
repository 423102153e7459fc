import { describe, expect, it } from 'vitest';
import { createLogBuffer } from './log-buffer.ts';

const texts = (buffer: ReturnType<typeof createLogBuffer>) => buffer.toArray().map((l) => l.text);

describe('createLogBuffer', () => {
  it('splits the timestamp off and keeps the source', () => {
    const buffer = createLogBuffer();
    buffer.append(['2024-05-01T10:00:00.123456789Z hello world', 'no stamp'], 'web-1/app');
    expect(buffer.toArray()).toEqual([
      { seq: 0, time: '2024-05-01T10:00:00.123456789', text: 'hello world', source: 'web-1/app' },
      { seq: 1, text: 'no stamp', source: 'web-1/app' },
    ]);
  });
  it('keeps at most cap lines, dropping and counting the oldest', () => {
    const buffer = createLogBuffer(3);
    buffer.append(['1', '2', '3', '4']);
    buffer.append(['5']);
    expect(texts(buffer)).toEqual(['3', '4', '5']);
    expect(buffer.dropped).toBe(2);
    expect(buffer.length).toBe(3);
    expect(buffer.at(0)?.text).toBe('3');
    expect(buffer.at(3)).toBeUndefined();
  });
  it('stays bounded over many appends (the dead prefix is compacted)', () => {
    const buffer = createLogBuffer(1000);
    for (let i = 0; i < 100; i++) buffer.append(Array.from({ length: 500 }, (_, j) => `${i}-${j}`));
    expect(buffer.length).toBe(1000);
    expect(buffer.dropped).toBe(49_000);
    expect(buffer.at(999)?.text).toBe('99-499');
  });
  it('interleaves lines of several sources by time', () => {
    const buffer = createLogBuffer();
    buffer.append(['2024-01-01T00:00:01Z a1', '2024-01-01T00:00:03Z a3'], 'a');
    buffer.append(['2024-01-01T00:00:02Z b2', '2024-01-01T00:00:04Z b4'], 'b');
    buffer.append(['2024-01-01T00:00:03Z b3'], 'b');
    expect(texts(buffer)).toEqual(['a1', 'b2', 'a3', 'b3', 'b4']);
  });
  it('drops a line older than everything kept when full, and refuses a bad cap', () => {
    const buffer = createLogBuffer(2);
    buffer.append(['2024-01-01T00:00:01Z b', '2024-01-01T00:00:00Z a', '2024-01-01T00:00:02Z c']);
    expect(texts(buffer)).toEqual(['b', 'c']);
    expect(buffer.dropped).toBe(1);
    buffer.clear();
    expect(buffer.length).toBe(0);
    expect(buffer.dropped).toBe(0);
    expect(() => createLogBuffer(0)).toThrow(/positive integer/);
  });
});
