import { describe, expect, it } from 'vitest';
import { tabIds, tabOfSearch, withTab } from './tab-ids.ts';

describe('tabIds', () => {
  it('lower-cases labels and turns other characters into dashes', () => {
    expect(tabIds(['Overview', 'YAML', 'Logs', 'Edit YAML', ' Pod / Shell! '])).toEqual([
      'overview',
      'yaml',
      'logs',
      'edit-yaml',
      'pod-shell',
    ]);
  });
  it('numbers repeated labels in order and names an empty one', () => {
    expect(tabIds(['Logs', 'logs', 'LOGS', '***'])).toEqual(['logs', 'logs-2', 'logs-3', 'tab']);
  });
});

describe('the ?tab= parameter', () => {
  it('is read from a query string and written keeping the other parameters', () => {
    expect(tabOfSearch('?a=1&tab=logs')).toBe('logs');
    expect(tabOfSearch('')).toBeUndefined();
    expect(withTab('http://h/c/x/r/core/v1/pods/ns/p?a=1', 'shell')).toBe(
      'http://h/c/x/r/core/v1/pods/ns/p?a=1&tab=shell',
    );
  });
});
