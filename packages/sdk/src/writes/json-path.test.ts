import { describe, expect, it } from 'vitest';
import { formatPath, itemSegment, keySegment, valueAt } from './json-path.ts';

const portItem = (value: string | number) => [
  keySegment('ports'),
  itemSegment('ports', 'containerPort', value),
];

describe('formatPath', () => {
  it('prints a number key as a number and a string that reads as one quoted', () => {
    expect(formatPath(portItem(80))).toBe('ports[containerPort=80]');
    expect(formatPath(portItem('80'))).toBe('ports[containerPort="80"]');
    expect(formatPath(portItem('0x10'))).toBe('ports[containerPort="0x10"]');
  });

  it('prints plain names bare and quotes names with spaces, brackets, = or quotes', () => {
    expect(formatPath(portItem('http-web'))).toBe('ports[containerPort=http-web]');
    expect(formatPath(portItem('registry.io/a:1'))).toBe('ports[containerPort=registry.io/a:1]');
    expect(formatPath(portItem('a b'))).toBe('ports[containerPort="a b"]');
    expect(formatPath(portItem('a]'))).toBe('ports[containerPort="a]"]');
    expect(formatPath(portItem('[a'))).toBe('ports[containerPort="[a"]');
    expect(formatPath(portItem('a=b'))).toBe('ports[containerPort="a=b"]');
    expect(formatPath(portItem('"'))).toBe('ports[containerPort="\\""]');
    expect(formatPath(portItem(''))).toBe('ports[containerPort=""]');
    expect(formatPath(portItem(' 8'))).toBe('ports[containerPort=" 8"]');
  });

  it('dots plain keys and brackets the others', () => {
    expect(
      formatPath([keySegment('metadata'), keySegment('labels'), keySegment('app.kubernetes.io/name')]),
    ).toBe('metadata.labels["app.kubernetes.io/name"]');
    expect(formatPath([keySegment('a b'), keySegment('c')])).toBe('["a b"].c');
    expect(formatPath([])).toBe('');
  });
});

describe('valueAt', () => {
  const root = { spec: { ports: [{ containerPort: 80, name: 'web' }], replicas: 3 } };

  it('finds keys and list items by their merge key', () => {
    expect(valueAt(root, [keySegment('spec'), keySegment('replicas')])).toBe(3);
    expect(valueAt(root, [keySegment('spec'), ...portItem(80), keySegment('name')])).toBe('web');
  });

  it('is undefined for a missing key or item, a step into a scalar, or a number key given as a string', () => {
    expect(valueAt(root, [keySegment('spec'), keySegment('gone'), keySegment('x')])).toBeUndefined();
    expect(valueAt(root, [keySegment('spec'), ...portItem(81), keySegment('name')])).toBeUndefined();
    expect(valueAt(root, [keySegment('spec'), ...portItem('80')])).toBeUndefined();
    expect(valueAt(root, [keySegment('spec'), keySegment('replicas'), keySegment('x')])).toBeUndefined();
    expect(valueAt(root, [keySegment('spec'), keySegment('replicas'), ...portItem(80)])).toBeUndefined();
    expect(valueAt(undefined, [keySegment('spec')])).toBeUndefined();
  });
});
