import { StatusError } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { isCommandNotFound, looksStarted, shellCandidates, splitCommand } from './shell-command.ts';

describe('splitCommand and shellCandidates', () => {
  it('splits words with quotes and escapes, through no shell', () => {
    expect(splitCommand(`sh -c 'echo "hi there"'`)).toEqual(['sh', '-c', 'echo "hi there"']);
    expect(splitCommand(`printf "a\\"b" c\\ d '' $HOME`)).toEqual(['printf', 'a"b', 'c d', '', '$HOME']);
    expect(splitCommand('   ')).toEqual([]);
  });
  it('tries bash then sh unless a command is given', () => {
    expect(shellCandidates('')).toEqual([['bash'], ['sh']]);
    expect(shellCandidates('python3 -i')).toEqual([['python3', '-i']]);
  });
});

describe('isCommandNotFound', () => {
  it("recognises exit 126/127 and the runtimes' messages", () => {
    expect(isCommandNotFound({ exit: { code: 127 } }, '')).toBe(true);
    expect(isCommandNotFound({ exit: { code: 126 } }, '')).toBe(true);
    expect(isCommandNotFound({ exit: { code: 1 } }, 'exec: "bash": executable file not found in $PATH')).toBe(
      true,
    );
    expect(
      isCommandNotFound(
        {
          error: StatusError.internal(
            new Error('OCI runtime exec failed: exec failed: "bash": executable file not found'),
          ),
        },
        '',
      ),
    ).toBe(true);
  });
  it('does not take a real failure or a lost connection for "not found"', () => {
    expect(isCommandNotFound({ exit: { code: 1 } }, 'bash-5.2$ exit 1')).toBe(false);
    expect(isCommandNotFound({ exit: { code: 0 } }, 'not found')).toBe(false);
    expect(
      isCommandNotFound({ error: StatusError.forbidden(undefined, undefined, 'pods/exec is forbidden') }, ''),
    ).toBe(false);
    expect(
      isCommandNotFound(
        { error: StatusError.serviceUnavailable('the connection to Porthole was lost: no such file') },
        '',
      ),
    ).toBe(false);
  });
  it('sees a started shell in its first output', () => {
    expect(looksStarted('bash-5.2$ ')).toBe(true);
    expect(looksStarted('bash: not found')).toBe(false);
    expect(looksStarted('')).toBe(false);
  });
});
