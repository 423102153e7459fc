import { describe, expect, it } from 'vitest';
import { arrowIndex } from './focus.ts';

describe('arrowIndex', () => {
  it('moves down and up, wrapping, and jumps with Home and End', () => {
    expect(arrowIndex('ArrowDown', 0, 3)).toBe(1);
    expect(arrowIndex('ArrowDown', 2, 3)).toBe(0);
    expect(arrowIndex('ArrowUp', 0, 3)).toBe(2);
    expect(arrowIndex('Home', 2, 3)).toBe(0);
    expect(arrowIndex('End', 0, 3)).toBe(2);
  });

  it('uses Left and Right for a horizontal list and ignores other keys and empty lists', () => {
    expect(arrowIndex('ArrowRight', 0, 3, 'horizontal')).toBe(1);
    expect(arrowIndex('ArrowLeft', 0, 3, 'horizontal')).toBe(2);
    expect(arrowIndex('ArrowDown', 0, 3, 'horizontal')).toBeUndefined();
    expect(arrowIndex('Enter', 0, 3)).toBeUndefined();
    expect(arrowIndex('ArrowDown', 0, 0)).toBeUndefined();
  });
});
