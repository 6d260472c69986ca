// The asset cache holds only files that exist: asking for any number of unknown names, however
// they are spelled, leaves it no bigger (it would otherwise grow with every request someone makes up).
import { describe, expect, it } from 'vitest';
import { createStaticAssets } from '../../../web/http/static-assets.js';
import { locateWebFiles } from '../../../web/web-files.js';

describe('static assets', () => {
  it('cache the files they serve and nothing for unknown paths', () => {
    const assets = createStaticAssets(locateWebFiles());
    expect(assets.find('/assets/govuk-frontend.min.css')?.contentType).toBe('text/css; charset=utf-8');
    expect(assets.find('/assets/fonts/bold-b542beb274-v2.woff2')?.contentType).toBe('font/woff2');
    const known = assets.cachedFiles();
    expect(known).toBe(2);
    for (let index = 0; index < 5_000; index += 1) {
      expect(assets.find(`/assets/fonts/made-up-${index}.woff2`)).toBeUndefined();
      expect(assets.find(`/assets/nothing-${index}.css`)).toBeUndefined();
      expect(assets.find(`/assets/../${index}.css`)).toBeUndefined();
    }
    expect(assets.cachedFiles()).toBe(known);
    // A file already served comes from the cache, the same bytes each time.
    expect(assets.find('/assets/govuk-frontend.min.css')?.body).toBe(
      assets.find('/assets/govuk-frontend.min.css')?.body,
    );
  });
});
