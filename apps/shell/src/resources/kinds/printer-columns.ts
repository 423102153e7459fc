import type { KubeObject } from '@porthole/sdk';
import type { KindColumn } from '../kind-columns.ts';
import { fieldOf } from '../object-fields.ts';

/** One `additionalPrinterColumns` entry of a CRD version. */
export interface PrinterColumn {
  name: string;
  /** `string`, `integer`, `number`, `boolean` or `date`. */
  type: string;
  jsonPath: string;
  priority?: number;
}

const rec = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/**
 * The printer columns a CRD declares for `version` (`spec.versions[].additionalPrinterColumns`, or the
 * v1beta1 top-level list), leaving out malformed entries and the creation-time column (the list has Age).
 *
 * @example
 * printerColumnsOf(crd, 'v1'); // [{ name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' }]
 */
export function printerColumnsOf(crd: KubeObject, version: string): PrinterColumn[] {
  const versions = fieldOf(crd, 'spec', 'versions');
  const entry = Array.isArray(versions) ? versions.map(rec).find((v) => v?.name === version) : undefined;
  const raw = entry?.additionalPrinterColumns ?? fieldOf(crd, 'spec', 'additionalPrinterColumns');
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((c) => {
    const r = rec(c);
    const name = typeof r?.name === 'string' ? r.name : '';
    const jsonPath =
      typeof r?.jsonPath === 'string' ? r.jsonPath : typeof r?.JSONPath === 'string' ? r.JSONPath : '';
    if (!name || !jsonPath || jsonPath.trim() === '.metadata.creationTimestamp') return [];
    return [
      {
        name,
        type: typeof r?.type === 'string' ? r.type : 'string',
        jsonPath,
        priority: Number(r?.priority ?? 0),
      },
    ];
  });
}

type Step =
  | { key: string }
  | { index: number }
  | { all: true }
  | { filter: { path: string[]; value: string } };

/** Splits a printer-column JSONPath (`.a.b[0]`, `.a['b.c']`, `.a[*].b`, `.a[?(@.type=="Ready")].status`). */
function parse(path: string): Step[] | undefined {
  const steps: Step[] = [];
  let rest = path
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .replace(/^\$/, '');
  const patterns: [RegExp, (m: RegExpMatchArray) => Step][] = [
    [/^\.([A-Za-z0-9_-]+)/, (m) => ({ key: m[1] as string })],
    [/^\[(\d+)\]/, (m) => ({ index: Number(m[1]) })],
    [/^\[\*\]/, () => ({ all: true })],
    [/^\[['"]([^'"]+)['"]\]/, (m) => ({ key: m[1] as string })],
    [
      /^\[\?\(@((?:\.[A-Za-z0-9_-]+)+)\s*==\s*['"]([^'"]*)['"]\)\]/,
      (m) => ({ filter: { path: (m[1] as string).slice(1).split('.'), value: m[2] as string } }),
    ],
  ];
  while (rest.length > 0) {
    const found = patterns.map(([re, step]) => [rest.match(re), step] as const).find(([m]) => m);
    if (!found?.[0]) return undefined;
    steps.push(found[1](found[0]));
    rest = rest.slice(found[0][0].length);
  }
  return steps;
}

/**
 * The values a printer-column JSONPath selects in an object (kubectl's subset: fields, indexes, `[*]`
 * and `[?(@.field=="value")]` filters); empty for a path it can't read or nothing there.
 *
 * @example
 * evalJsonPath(pod, '.status.conditions[?(@.type=="Ready")].status'); // ['True']
 */
export function evalJsonPath(object: unknown, path: string): unknown[] {
  const steps = parse(path);
  if (!steps) return [];
  let values: unknown[] = [object];
  for (const step of steps) {
    values = values.flatMap((v): unknown[] => {
      if ('key' in step)
        return rec(v) && step.key in (rec(v) as object)
          ? [(rec(v) as Record<string, unknown>)[step.key]]
          : [];
      if (!Array.isArray(v)) return [];
      if ('index' in step) return step.index < v.length ? [v[step.index]] : [];
      if ('all' in step) return v;
      return v.filter((item) => {
        let field: unknown = item;
        for (const key of step.filter.path) field = rec(field)?.[key];
        return String(field) === step.filter.value;
      });
    });
  }
  return values.filter((v) => v !== undefined && v !== null);
}

const cell = (value: unknown) => (typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * The list columns of a custom resource from its CRD's printer columns: text as kubectl prints it,
 * `date` columns as ages.
 *
 * @example
 * printerKindColumns(printerColumnsOf(crd, 'v1')).map((c) => c.title); // ['Replicas', 'Phase']
 */
export function printerKindColumns(columns: readonly PrinterColumn[]): KindColumn[] {
  return columns.map((c) => ({
    title: c.name,
    width: c.type === 'string' ? '10rem' : '7rem',
    value: (o, time) => {
      const values = evalJsonPath(o, c.jsonPath);
      if (values.length === 0) return '';
      if (c.type === 'date') return typeof values[0] === 'string' ? time.age(values[0]) : '';
      return values.map(cell).join(',');
    },
  }));
}
