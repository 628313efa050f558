import { describe, expect, it } from 'vitest';
import { pathMappingsOf } from '../../server/src/engine';

/** A manifest as a batch reads it: a new string each time, with the same text until the file changes. */
const manifest = (name: string) => ({
  file: 'packages/tools/package.json',
  text: ` ${JSON.stringify({ name })}`.slice(1),
});

describe('path mappings of manifests', () => {
  it('are read once for as long as a manifest’s text stays the same, and again when it changes', () => {
    const [first] = pathMappingsOf([manifest('@acme/tools')]);
    const [again] = pathMappingsOf([manifest('@acme/tools')]);
    expect(first?.paths).toHaveProperty(['@acme/tools']);
    // The same mapping, not a second parse of the same text.
    expect(again).toBe(first);
    const [renamed] = pathMappingsOf([manifest('@acme/search')]);
    expect(Object.keys(renamed!.paths)).toEqual(['@acme/search', '@acme/search/*']);
  });

  it('the same text at another path is another package', () => {
    const text = JSON.stringify({ name: '@acme/web' });
    const [a] = pathMappingsOf([{ file: 'apps/web/package.json', text }]);
    const [b] = pathMappingsOf([{ file: 'apps/site/package.json', text }]);
    expect(a!.paths['@acme/web']).toContain('apps/web/src/index');
    expect(b!.paths['@acme/web']).toContain('apps/site/src/index');
  });
});
