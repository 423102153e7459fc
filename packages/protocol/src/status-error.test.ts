import { describe, expect, it } from 'vitest';
import {
  isAlreadyExists,
  isConflict,
  isForbidden,
  isInvalid,
  isNotFound,
  isStatus,
  isStatusError,
  StatusError,
} from './index.ts';

describe('StatusError', () => {
  it('builds a NotFound Status the way apimachinery words it', () => {
    const err = StatusError.notFound({ group: 'batch', resource: 'cronjobs' }, 'nightly');
    expect(err.code).toBe(404);
    expect(err.message).toBe('cronjobs.batch "nightly" not found');
    expect(err.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      code: 404,
      reason: 'NotFound',
      message: 'cronjobs.batch "nightly" not found',
      details: { group: 'batch', kind: 'cronjobs', name: 'nightly' },
    });
    expect(isStatus(err.status)).toBe(true);
  });

  it('words Forbidden with and without a resource and name', () => {
    expect(StatusError.forbidden(undefined, undefined, 'no').message).toBe('forbidden: no');
    expect(StatusError.forbidden({ resource: 'pods' }, undefined, 'no').message).toBe(
      'pods is forbidden: no',
    );
    expect(StatusError.forbidden({ resource: 'pods' }, 'p', 'no').message).toBe('pods "p" is forbidden: no');
  });

  it('reports each validation problem as a cause with its field', () => {
    const err = StatusError.invalid({ resource: 'Pod' }, 'p', [
      { reason: 'FieldValueRequired', field: 'spec.containers', message: 'Required value' },
      { reason: 'FieldValueInvalid', field: 'metadata.name', message: 'bad name' },
    ]);
    expect(err.code).toBe(422);
    expect(err.message).toBe(
      'Pod "p" is invalid: [spec.containers: Required value, metadata.name: bad name]',
    );
    expect(err.status.details?.causes).toHaveLength(2);
  });

  it('keeps the cause of an internal error but puts only its message on the wire', () => {
    const cause = new Error('disk on fire');
    const err = StatusError.internal(cause);
    expect(err.cause).toBe(cause);
    expect(err.status.message).toBe('Internal error occurred: disk on fire');
    expect(JSON.stringify(err.status)).not.toContain('at ');
  });

  it('is an Error that isStatusError recognises', () => {
    const err = StatusError.badRequest('nope');
    expect(err).toBeInstanceOf(Error);
    expect(isStatusError(err)).toBe(true);
    expect(isStatusError(new Error('x'))).toBe(false);
  });
});

describe('isNotFound', () => {
  it('holds for a NotFound StatusError and a NotFound Status body', () => {
    expect(isNotFound(StatusError.notFound({ resource: 'pods' }, 'p'))).toBe(true);
    expect(isNotFound(StatusError.notFound({ resource: 'pods' }, 'p').status)).toBe(true);
  });

  it('judges a Status with an unknown reason by its code, like apimachinery', () => {
    const body = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      code: 404,
      reason: 'Whatever',
    };
    expect(isNotFound(body)).toBe(true);
    expect(isNotFound({ ...body, reason: 'Forbidden' })).toBe(false);
  });

  it('is false for anything that is not a Status', () => {
    expect(isNotFound(new Error('not found'))).toBe(false);
    expect(isNotFound({ code: 404 })).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
  });
});

describe('isConflict', () => {
  it('tells a Conflict from an AlreadyExists although both are 409', () => {
    const conflict = StatusError.conflict({ resource: 'configmaps' }, 'c', 'the object has been modified');
    const exists = StatusError.alreadyExists({ resource: 'configmaps' }, 'c');
    expect([isConflict(conflict), isAlreadyExists(conflict)]).toEqual([true, false]);
    expect([isConflict(exists), isAlreadyExists(exists)]).toEqual([false, true]);
  });

  it('claims a 409 with no reason, AlreadyExists does not', () => {
    const body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 409 };
    expect(isConflict(body)).toBe(true);
    expect(isAlreadyExists(body)).toBe(false);
  });
});

describe('isForbidden and isInvalid', () => {
  it('match only their own reason', () => {
    const forbidden = StatusError.forbidden({ resource: 'pods' }, 'p', 'no');
    expect(isForbidden(forbidden)).toBe(true);
    expect(isInvalid(forbidden)).toBe(false);
  });
});
