import { describe, expect, it } from 'vitest';
import { escapeSegment, patchPath, pathName, typedPath } from '../../src/ui/components/patch-path';
import { firstSegment } from '../../src/model/paths';

describe('patchPath', () => {
  it('makes a one-segment pointer of a plain name', () => {
    expect(patchPath('lifecycle')).toBe('/lifecycle');
  });

  it('escapes `/` as `~1`, so `cost/eur` stays one segment', () => {
    expect(patchPath('cost/eur')).toBe('/cost~1eur');
  });

  it('escapes `~` as `~0`, before `/`, so the two never mix', () => {
    expect(patchPath('a~b')).toBe('/a~0b');
    expect(escapeSegment('~1')).toBe('~01');
    expect(escapeSegment('a/~b')).toBe('a~1~0b');
  });

  it('joins several segments, each escaped', () => {
    expect(patchPath('relToParent', '0')).toBe('/relToParent/0');
    expect(patchPath('cost/eur', 'a~b')).toBe('/cost~1eur/a~0b');
  });

  it('is read back by the model as the same name', () => {
    for (const name of ['cost/eur', 'a~b', '~1', 'a/~b', 'plain', '']) expect(firstSegment(patchPath(name))).toBe(name);
  });
});

describe('typedPath', () => {
  it('keeps a typed pointer as written', () => {
    expect(typedPath(' /lifecycle ')).toBe('/lifecycle');
    expect(typedPath('/cost~1eur')).toBe('/cost~1eur');
  });

  it('reads text without a leading `/` as one field name', () => {
    expect(typedPath('cost/eur')).toBe('/cost~1eur');
    expect(typedPath('a~b')).toBe('/a~0b');
  });
});

describe('pathName', () => {
  it('unescapes a one-segment path for people', () => {
    expect(pathName('/cost~1eur')).toBe('cost/eur');
    expect(pathName('/a~0b')).toBe('a~b');
    expect(pathName('/lxState')).toBe('lxState');
  });

  it('leaves a longer pointer as it is', () => {
    expect(pathName('/relToParent/0')).toBe('/relToParent/0');
  });
});
