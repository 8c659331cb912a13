// The panel's labels: both languages hold the same keys, and the agent's locale picks the language.
import { describe, expect, it } from 'vitest';
import { createTranslate, PANEL_TRANSLATIONS, toPanelLocale } from '../../../apps/shared/labels.js';

describe('panel labels', () => {
  it('has a Dutch text for every English one and no extra keys', () => {
    expect(Object.keys(PANEL_TRANSLATIONS.nl).sort()).toEqual(Object.keys(PANEL_TRANSLATIONS.en).sort());
  });

  it('leaves no placeholder unfilled in either language', () => {
    for (const locale of ['en', 'nl'] as const) {
      const t = createTranslate(locale);
      expect(t('convert.preview', { hours: 3, rate: '€135', amount: '€405' })).not.toMatch(/[{}]/);
    }
  });

  it.each([
    ['nl', 'nl'], ['nl-NL', 'nl'], ['nl-BE', 'nl'], ['en-US', 'en'], ['de', 'en'], [undefined, 'en'], ['nlx', 'en'],
  ] as const)('maps the agent locale %s to %s', (locale, expected) => {
    expect(toPanelLocale(locale)).toBe(expected);
  });
});
