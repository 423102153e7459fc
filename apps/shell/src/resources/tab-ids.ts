/**
 * The URL ids of a resource page's tabs (`?tab=<id>`): the label in lower case, runs of anything but
 * letters and digits turned into `-` (`Logs` → `logs`, `Edit YAML` → `edit-yaml`); a second tab with the
 * same id gets `-2`, a third `-3`, in the order given. This is the contract other plugins link by:
 * `/c/{cluster}/r/core/v1/pods/{namespace}/{name}?tab=logs` opens a Pod's `Logs` tab.
 *
 * @example
 * tabIds(['Overview', 'YAML', 'Logs', 'Logs']); // ['overview', 'yaml', 'logs', 'logs-2']
 */
export function tabIds(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const base =
      label
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-+|-+$/g, '') || 'tab';
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}
