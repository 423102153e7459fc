import { describe, expect, it } from 'vitest';
import { tabIds } from './tab-ids.ts';

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
