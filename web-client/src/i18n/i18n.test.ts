import { describe, expect, it } from 'vitest';
import ko from './ko.json';
import en from './en.json';

/** Every key of a translation file, with plural suffixes folded into their base key. */
function keys(tree: object, prefix = ''): Set<string> {
  const result = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) {
      keys(value, path).forEach((k) => result.add(k));
    } else {
      result.add(path.replace(/_(zero|one|two|few|many|other)$/, ''));
    }
  }
  return result;
}

describe('translations', () => {
  it('say the same things in Korean and English', () => {
    const korean = keys(ko);
    const english = keys(en);
    expect([...korean].filter((k) => !english.has(k))).toEqual([]);
    expect([...english].filter((k) => !korean.has(k))).toEqual([]);
  });

  it('leave no text empty', () => {
    const empty = (tree: object): string[] => Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'object' ? empty(v).map((e) => `${k}.${e}`) : v.trim() === '' ? [k] : []);
    expect(empty(ko)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });
});
