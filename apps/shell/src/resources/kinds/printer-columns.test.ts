import { describe, expect, it } from 'vitest';
import { evalJsonPath, printerColumnsOf, printerKindColumns } from './printer-columns.ts';

const widget = {
  metadata: { name: 'w', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { size: 3, 'odd.key': 'x', tags: ['a', 'b'] },
  status: {
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'Synced', status: 'False' },
    ],
    lastSeen: '2026-01-01T00:05:00Z',
  },
};

describe('evalJsonPath', () => {
  it("reads kubectl's printer-column subset", () => {
    expect(evalJsonPath(widget, '.spec.size')).toEqual([3]);
    expect(evalJsonPath(widget, ".spec['odd.key']")).toEqual(['x']);
    expect(evalJsonPath(widget, '.spec.tags[1]')).toEqual(['b']);
    expect(evalJsonPath(widget, '.spec.tags[*]')).toEqual(['a', 'b']);
    expect(evalJsonPath(widget, '.status.conditions[?(@.type=="Ready")].status')).toEqual(['True']);
    expect(evalJsonPath(widget, '{.spec.size}')).toEqual([3]);
  });

  it('gives nothing for a missing field or a path it cannot read (never throws)', () => {
    expect(evalJsonPath(widget, '.spec.missing')).toEqual([]);
    expect(evalJsonPath(widget, '.spec.tags[9]')).toEqual([]);
    expect(evalJsonPath(widget, '.spec[?(@.x>1)]')).toEqual([]);
    expect(evalJsonPath(widget, '.constructor.prototype')).toEqual([]);
  });
});

describe('printerColumnsOf and printerKindColumns', () => {
  it("takes the version's columns, leaves out Age, and writes dates as ages", () => {
    const crd = {
      metadata: { name: 'widgets.example.com' },
      spec: {
        versions: [
          {
            name: 'v1',
            additionalPrinterColumns: [
              { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
              { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
              { name: 'Seen', type: 'date', jsonPath: '.status.lastSeen' },
              { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
              { name: 'Broken' },
            ],
          },
          { name: 'v2', additionalPrinterColumns: [{ name: 'Other', type: 'string', jsonPath: '.x' }] },
        ],
      },
    };
    const columns = printerKindColumns(printerColumnsOf(crd, 'v1'));
    expect(columns.map((c) => c.title)).toEqual(['Size', 'Ready', 'Seen']);
    const time = { now: 0, age: (t: string) => `age of ${t}`, duration: String };
    expect(columns.map((c) => c.value(widget, time))).toEqual(['3', 'True', 'age of 2026-01-01T00:05:00Z']);
  });
});
