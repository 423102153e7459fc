import { describe, expect, it } from 'vitest';
import { fieldLocation, fieldSteps } from './field-lines.ts';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - image: nginx
          ports:
            - containerPort: 80
`;

describe('fieldSteps', () => {
  it('reads dotted keys, indexes and bracketed keys', () => {
    expect(fieldSteps('spec.template.spec.containers[0].name')).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'name',
    ]);
    expect(fieldSteps('metadata.labels[app.kubernetes.io/name]')).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
  });
});

describe('fieldLocation', () => {
  it('finds the line of a field the server names', () => {
    expect(fieldLocation(deployment, 'spec.replicas')).toMatchObject({ line: 8, exact: true });
    expect(fieldLocation(deployment, 'metadata.labels[app.kubernetes.io/name]')).toMatchObject({
      line: 6,
      exact: true,
    });
    expect(
      fieldLocation(deployment, 'spec.template.spec.containers[0].ports[0].containerPort'),
    ).toMatchObject({ line: 14 });
  });
  it('points a missing field at its nearest parent', () => {
    expect(fieldLocation(deployment, 'spec.template.spec.containers[0].name')).toMatchObject({
      line: 12,
      exact: false,
    });
  });
  it('gives nothing for text that does not parse or a field with no part present', () => {
    expect(fieldLocation('a: [', 'a')).toBeUndefined();
    expect(fieldLocation(deployment, 'nothing.here')).toBeUndefined();
  });
});
