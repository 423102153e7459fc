import type { ExecExit } from '@porthole/sdk';

/** The commands a shell session tries in order: a custom one alone, else `bash` then `sh`. */
export function shellCandidates(custom: string): string[][] {
  const words = splitCommand(custom);
  return words.length > 0 ? [words] : [['bash'], ['sh']];
}

/**
 * Splits a command line into words: spaces separate, single and double quotes group, a backslash
 * escapes the next character. No variables or globs: the words go to exec as they are, through no shell.
 *
 * @example
 * splitCommand(`sh -c 'echo "hi there"'`); // ['sh', '-c', 'echo "hi there"']
 */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const notFoundText = /not found|no such file|executable file|cannot find|failed to exec|exec failed/i;

/**
 * Whether a first attempt (`bash`) failed because the command is not in the container, so the next
 * one (`sh`) should be tried without showing the failure: exit 126/127, or an exec error saying so
 * (runtimes report a missing binary either way), or output that says so before an early exit.
 *
 * @example
 * isCommandNotFound({ exit: { code: 127 } }, ''); // true
 * isCommandNotFound({ error: new Error('executable file not found in $PATH') }, ''); // true
 */
export function isCommandNotFound(outcome: { exit: ExecExit } | { error: unknown }, output: string): boolean {
  if ('exit' in outcome) {
    return (
      outcome.exit.code === 127 ||
      outcome.exit.code === 126 ||
      (outcome.exit.code !== 0 && notFoundText.test(output))
    );
  }
  const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  return notFoundText.test(message) && !/connection to Porthole was lost/.test(message);
}

/** True when `output` of a first attempt is more than a "not found" message: the command is running. */
export function looksStarted(output: string): boolean {
  return output.trim() !== '' && !notFoundText.test(output);
}
