/** The characters Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** Five random characters of {@link alphabet}. */
export function randomSuffix(
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  return [...random(5)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * The default name of a manual run: `<cronjob>-manual-<5 chars>`, the CronJob's part cut so the whole
 * stays within 63 characters (a Job's name becomes its pods' `job-name` label value, at most 63).
 *
 * @example
 * defaultJobName('backup', 'x7k2q'); // 'backup-manual-x7k2q'
 */
export function defaultJobName(cronJobName: string, suffix: string = randomSuffix()): string {
  const tail = `-manual-${suffix}`;
  return `${cronJobName.slice(0, 63 - tail.length)}${tail}`;
}

/**
 * Why `name` can't name a Job (an RFC 1123 DNS label: at most 63 of a-z, 0-9 and `-`, starting and
 * ending with a letter or digit); `undefined` when it can.
 *
 * @example
 * jobNameProblem('Backup'); // 'use lower case letters, digits and "-" only'
 */
export function jobNameProblem(name: string): string | undefined {
  if (name === '') return 'a name is required';
  if (name.length > 63) return `at most 63 characters (this has ${name.length})`;
  if (/[^a-z0-9-]/.test(name)) return 'use lower case letters, digits and "-" only';
  if (!/^[a-z0-9]/.test(name)) return 'start with a letter or digit';
  if (!/[a-z0-9]$/.test(name)) return 'end with a letter or digit';
  return undefined;
}
