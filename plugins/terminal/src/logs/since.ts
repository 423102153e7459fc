/** The "since" presets of the log views: `''` is the whole log, `custom` a time the user picks. */
export const sincePresets = [
  { value: '', label: 'All' },
  { value: '60', label: 'Last minute' },
  { value: '300', label: 'Last 5 minutes' },
  { value: '900', label: 'Last 15 minutes' },
  { value: '3600', label: 'Last hour' },
  { value: '21600', label: 'Last 6 hours' },
  { value: '86400', label: 'Last day' },
  { value: 'custom', label: 'Since a time…' },
] as const;

/** The tail presets: `''` is every line. */
export const tailPresets = [
  { value: '100', label: 'Last 100 lines' },
  { value: '1000', label: 'Last 1,000 lines' },
  { value: '10000', label: 'Last 10,000 lines' },
  { value: '', label: 'All lines' },
] as const;

/**
 * `sinceSeconds` for a preset or a custom time (`datetime-local`, read in the browser's zone): at least
 * 1, undefined for the whole log or a time not given / in the future.
 *
 * @example
 * sinceSecondsOf('300', '', Date.now()); // 300
 * sinceSecondsOf('custom', '2024-05-01T10:00', Date.parse('2024-05-01T10:05')); // 300
 */
export function sinceSecondsOf(preset: string, time: string, now: number): number | undefined {
  if (preset === '') return undefined;
  if (preset !== 'custom') return Number(preset);
  const at = Date.parse(time);
  if (Number.isNaN(at) || at >= now) return undefined;
  return Math.max(1, Math.ceil((now - at) / 1000));
}
