import { describe, expect, it } from 'vitest';
import { defaultJobName, jobNameProblem, randomSuffix } from './job-name.ts';

describe('defaultJobName', () => {
  it('is <cronjob>-manual-<5 chars>', () => {
    expect(defaultJobName('backup', 'x7k2q')).toBe('backup-manual-x7k2q');
    expect(defaultJobName('backup')).toMatch(/^backup-manual-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
  it('cuts the CronJob part so the name stays within 63 characters and keeps its suffix', () => {
    const name = defaultJobName('a'.repeat(60), 'x7k2q');
    expect(name).toHaveLength(63);
    expect(name.endsWith('-manual-x7k2q')).toBe(true);
    expect(jobNameProblem(name)).toBeUndefined();
  });
});

describe('randomSuffix', () => {
  it('maps random bytes onto the alphabet', () => {
    expect(randomSuffix(() => new Uint8Array([0, 1, 26, 27, 255]))).toBe('bc9bq');
  });
});

describe('jobNameProblem', () => {
  it('accepts a DNS label', () => {
    expect(jobNameProblem('backup-manual-x7k2q')).toBeUndefined();
    expect(jobNameProblem('0')).toBeUndefined();
  });
  it.each([
    ['', 'a name is required'],
    ['a'.repeat(64), 'at most 63 characters (this has 64)'],
    ['Backup', 'use lower case letters, digits and "-" only'],
    ['back_up', 'use lower case letters, digits and "-" only'],
    ['back.up', 'use lower case letters, digits and "-" only'],
    ['../etc', 'use lower case letters, digits and "-" only'],
    ['-backup', 'start with a letter or digit'],
    ['backup-', 'end with a letter or digit'],
  ])('refuses %j: %s', (name, problem) => {
    expect(jobNameProblem(name)).toBe(problem);
  });
});
