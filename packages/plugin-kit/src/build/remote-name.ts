/**
 * The Module Federation container name of a plugin: `porthole_` and its name with `-` as `_`, since the
 * container name is a JavaScript identifier (the remote's global).
 *
 * @example
 * remoteNameOf('team-billing'); // 'porthole_team_billing'
 */
export function remoteNameOf(name: string): string {
  return `porthole_${name.replaceAll('-', '_')}`;
}
