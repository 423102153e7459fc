import { type Distribution, distributionSchema } from '@porthole/protocol';

/** The extension (on a context or a cluster) that declares a cluster's distribution. */
export const distributionExtension = 'porthole.dev/distribution';

/** The outcome of {@link detectDistribution}: an invalid declaration is reported, not guessed around silently. */
export interface DetectDistributionResult {
  distribution: Distribution;
  error?: string;
}

/**
 * The value of the `porthole.dev/distribution` entry of a kubeconfig `extensions` list, or `undefined`
 * when there is none. Anything that is not a list of `{ name, extension }` is ignored, as kubectl
 * ignores extensions it does not know.
 *
 * @example
 * readDistributionExtension([{ name: 'porthole.dev/distribution', extension: 'eks' }]); // 'eks'
 */
export function readDistributionExtension(extensions: unknown): unknown {
  if (!Array.isArray(extensions)) return undefined;
  for (const entry of extensions) {
    if (
      typeof entry === 'object' &&
      entry !== null &&
      'name' in entry &&
      entry.name === distributionExtension
    )
      return 'extension' in entry ? entry.extension : null;
  }
  return undefined;
}

function pathOf(server: string): string {
  try {
    return new URL(server).pathname;
  } catch {
    return server;
  }
}

/**
 * Which distribution a cluster is: the `porthole.dev/distribution` extension when one is declared
 * (the first of `declared` that is not `undefined`: context first, then cluster), else `rancher` for a
 * server under `/k8s/clusters/`, else `kubernetes`. A declared value that is not a known distribution is
 * reported in `error`, and detection decides.
 *
 * @example
 * detectDistribution('https://rancher.example.com/k8s/clusters/c-m-1234', []).distribution; // 'rancher'
 * detectDistribution('https://10.0.0.1:6443', [undefined, 'eks']).distribution; // 'eks'
 */
export function detectDistribution(server: string, declared: readonly unknown[]): DetectDistributionResult {
  const value = declared.find((d) => d !== undefined);
  const guessed: Distribution = pathOf(server).includes('/k8s/clusters/') ? 'rancher' : 'kubernetes';
  if (value === undefined) return { distribution: guessed };
  const parsed = distributionSchema.safeParse(value);
  if (parsed.success) return { distribution: parsed.data };
  const allowed = distributionSchema.options.join(', ');
  return {
    distribution: guessed,
    error: `${distributionExtension} is ${describeValue(value)}, expected one of ${allowed}`,
  };
}

/** A short, safe rendering of a declared value for an error message. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
