import { describe, expect, it } from 'vitest';
import { createDocuments, documentLabel, maxCreateBytes } from './documents.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n`;

describe('createDocuments', () => {
  it('reads several documents, expands a List, skips empty documents, and keeps problems per document', () => {
    const text = [
      cm('one'),
      '',
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: two }\n  - { kind: Secret }\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n',
    ].join('---\n');
    const docs = createDocuments(text);
    expect(docs.map((d) => (d.object ? documentLabel(d) : d.problem))).toEqual([
      'ConfigMap one',
      'ConfigMap two',
      'a list item has no apiVersion',
      expect.stringMatching(/^YAML error at line \d+, column \d+: Flow sequence/),
    ]);
    expect(docs.map((d) => d.index)).toEqual([0, 1, 2, 3]);
  });
  it('refuses text past the cap with a clear reason', () => {
    const big = `a: "${'x'.repeat(maxCreateBytes)}"`;
    expect(createDocuments(big)).toEqual([{ index: 0, line: 1, problem: 'the text is larger than 4 MiB' }]);
  });
  it('names missing kind and name', () => {
    expect(createDocuments('apiVersion: v1\nmetadata: {name: a}\n')[0]?.problem).toBe(
      'the document has no kind',
    );
    expect(createDocuments('apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n')[0]?.problem).toBe(
      'the document has no metadata.name',
    );
  });
});
