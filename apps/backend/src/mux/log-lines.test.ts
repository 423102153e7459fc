import { describe, expect, it } from 'vitest';
import { createLogLineReader, parseLogTimestamp } from './log-lines.ts';

const t = (fraction: string) => `2024-05-01T10:00:00.${fraction}Z`;
const line = (fraction: string, text: string) => `${t(fraction)} ${text}\n`;

describe('parseLogTimestamp', () => {
  it('reads RFC 3339 with 0 to 9 fraction digits, ordering them by time rather than as text', () => {
    expect(parseLogTimestamp('2024-05-01T10:00:00Z')).toBe(1714557600000000000n);
    expect(parseLogTimestamp('2024-05-01T10:00:00.5Z')).toBe(1714557600500000000n);
    expect(parseLogTimestamp('2024-05-01T10:00:00.000000001Z')).toBe(1714557600000000001n);
    // As text '.1Z' sorts before '.09Z'; by time it is later.
    expect(parseLogTimestamp(t('1'))! > parseLogTimestamp(t('09'))!).toBe(true);
  });

  it('honours a zone offset', () => {
    expect(parseLogTimestamp('2024-05-01T12:00:00.25+02:00')).toBe(parseLogTimestamp(t('25')));
  });

  it('is undefined for anything else', () => {
    expect(parseLogTimestamp('hello')).toBeUndefined();
    expect(parseLogTimestamp('2024-05-01 10:00:00Z')).toBeUndefined();
    expect(parseLogTimestamp('2024-05-01T10:00:00.1234567891Z')).toBeUndefined();
    // The whole text, not a timestamp inside it.
    expect(parseLogTimestamp('x2024-05-01T10:00:00Z')).toBeUndefined();
    expect(parseLogTimestamp('2024-05-01T10:00:00Zjunk')).toBeUndefined();
    // Shaped like one, but no date.
    expect(parseLogTimestamp('2024-13-45T10:00:00Z')).toBeUndefined();
  });
});

describe('createLogLineReader', () => {
  it('gives whole lines only, keeping a partial last line for the next chunk', () => {
    const reader = createLogLineReader({ timestamps: false });
    expect(reader.push(`${line('1', 'one')}${t('2')} t`)).toEqual(['one']);
    expect(reader.push('wo\n')).toEqual(['two']);
    expect(reader.push('')).toEqual([]);
  });

  it('strips the timestamp unless the client asked for timestamps, and keeps spaces in the text', () => {
    const chunk = line('1', 'a  b ');
    expect(createLogLineReader({ timestamps: false }).push(chunk)).toEqual(['a  b ']);
    expect(createLogLineReader({ timestamps: true }).push(chunk)).toEqual([`${t('1')} a  b `]);
    expect(createLogLineReader({ timestamps: false }).push(`${t('1')} \n`)).toEqual(['']);
  });

  it('flushes a partial last line at a clean end', () => {
    const reader = createLogLineReader({ timestamps: false });
    expect(reader.push(`${line('1', 'one')}${t('2')} no newline`)).toEqual(['one']);
    expect(reader.flush()).toEqual(['no newline']);
    expect(reader.flush()).toEqual([]);
  });

  it('remembers the last delivered timestamp and how many lines carry it', () => {
    const reader = createLogLineReader({ timestamps: false });
    expect(reader.position()).toBeUndefined();
    reader.push(`${line('1', 'a')}${line('2', 'b')}${line('2', 'c')}${t('3')} partial`);
    expect(reader.position()).toEqual({ time: t('2'), ns: parseLogTimestamp(t('2')), count: 2 });
  });

  it('after a resume skips everything older than the last delivered line', () => {
    const reader = createLogLineReader({ timestamps: false });
    reader.push(line('1', 'a') + line('2', 'b'));
    reader.resume();
    // The API server truncates sinceTime to the second: the whole second comes again.
    expect(reader.push(line('0', 'before') + line('1', 'a') + line('2', 'b') + line('3', 'c'))).toEqual([
      'c',
    ]);
  });

  it('after a resume skips as many lines at the last timestamp as were delivered, and gives the rest', () => {
    const reader = createLogLineReader({ timestamps: false });
    reader.push(line('1', 'a') + line('5', 'x1') + line('5', 'x2'));
    reader.resume();
    expect(reader.push(line('1', 'a') + line('5', 'x1') + line('5', 'x2') + line('5', 'x3'))).toEqual(['x3']);
    expect(reader.position()?.count).toBe(3);
    // A second drop while at the same timestamp: all three are known now.
    reader.resume();
    expect(reader.push(line('5', 'x1') + line('5', 'x2') + line('5', 'x3') + line('5', 'x4'))).toEqual([
      'x4',
    ]);
  });

  it('after a resume stops skipping at the first newer line, even if lines at the old timestamp follow', () => {
    const reader = createLogLineReader({ timestamps: false });
    reader.push(line('5', 'x1'));
    reader.resume();
    expect(reader.push(line('5', 'x1') + line('6', 'y'))).toEqual(['y']);
    expect(reader.position()).toMatchObject({ time: t('6'), count: 1 });
  });

  it('after a resume gives a newer line even when fewer lines at the old timestamp came again', () => {
    const reader = createLogLineReader({ timestamps: false });
    reader.push(line('5', 'x1') + line('5', 'x2'));
    reader.resume();
    expect(reader.push(line('5', 'x1') + line('6', 'y'))).toEqual(['y']);
  });

  it('passes a line without a timestamp on whole, and places a line that is only a timestamp', () => {
    const reader = createLogLineReader({ timestamps: false });
    expect(reader.push('no timestamp here\n')).toEqual(['no timestamp here']);
    expect(reader.position()).toBeUndefined();
    expect(reader.push(`${t('7')}\n`)).toEqual([t('7')]);
    expect(reader.position()).toMatchObject({ time: t('7'), count: 1 });
  });

  it('drops the partial line at a resume: it comes again whole', () => {
    const reader = createLogLineReader({ timestamps: false });
    expect(reader.push(`${line('1', 'a')}${t('2')} hal`)).toEqual(['a']);
    reader.resume();
    expect(reader.push(line('1', 'a') + line('2', 'half done'))).toEqual(['half done']);
  });

  it('skips a resumed chunk split in the middle of an old line', () => {
    const reader = createLogLineReader({ timestamps: false });
    reader.push(line('1', 'a') + line('2', 'b'));
    reader.resume();
    expect(reader.push(`${t('1')} a\n${t('2')}`)).toEqual([]);
    expect(reader.push(' b\n')).toEqual([]);
    expect(reader.push(line('2', 'b again'))).toEqual(['b again']);
  });

  it('with nothing delivered yet, a resume skips nothing', () => {
    const reader = createLogLineReader({ timestamps: false });
    expect(reader.push(`${t('1')} never finished`)).toEqual([]);
    reader.resume();
    expect(reader.push(line('1', 'never finished'))).toEqual(['never finished']);
  });
});
