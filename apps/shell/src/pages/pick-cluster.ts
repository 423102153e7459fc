/**
 * Picks the cluster for `/`: the last one used in this browser if it is still usable, else the first
 * usable one, as soon as the live list arrives. With none usable it stays, showing the list and why.
 *
 * @example
 * pickCluster([{ name: 'a', error: 'x' }, { name: 'b' }], 'gone'); // 'b'
 */
export function pickCluster(
  clusters: readonly { name: string; error?: string | undefined }[],
  remembered: string | undefined,
): string | undefined {
  const usable = clusters.filter((c) => !c.error);
  return usable.find((c) => c.name === remembered)?.name ?? usable[0]?.name;
}
