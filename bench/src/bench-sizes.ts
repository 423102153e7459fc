// What several benchmarks share: the object counts of goal 8 (`BENCH_SIZES`), creating ConfigMaps in
// bulk, the machine's load, and the order statistics every figure is read with.
import { cpus, loadavg } from 'node:os';
import type { KubeClient } from '@porthole/testcluster';

/**
 * The object counts to measure at: `BENCH_SIZES` (comma-separated), else `fallback`.
 *
 * @example
 * benchSizes([10_000]); // BENCH_SIZES=1000,10000,50000 → [1000, 10000, 50000]
 */
export function benchSizes(fallback: readonly number[]): number[] {
  const raw = process.env.BENCH_SIZES;
  if (!raw) return [...fallback];
  const sizes = raw.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error(`BENCH_SIZES=${raw}: positive integers`);
  return sizes.sort((a, b) => a - b);
}

/**
 * Creates ConfigMaps `cm-{from}` … `cm-{to - 1}` in `namespace`, 16 requests at a time.
 *
 * @example
 * await createConfigMaps(admin, 'bench', 0, 10_000, { 'app.properties': 'x'.repeat(200) });
 */
export async function createConfigMaps(
  admin: KubeClient,
  namespace: string,
  from: number,
  to: number,
  data: Record<string, string>,
  labels: Record<string, string> = { bench: 'yes' },
): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < to) {
        const i = next++;
        await admin.must('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `cm-${i}`, labels },
          data,
        });
      }
    }),
  );
}

/** The median of `values` (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The `p`th percentile of `values` (nearest rank; NaN when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** `2 cores, load 1.23 0.98 0.75`: what every figure is printed beside. */
export function machine(): string {
  return `${cpus().length} cores, load ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`;
}
