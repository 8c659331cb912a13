// @vitest-environment happy-dom
// The panel's stylesheet as the browser cascades it: a legend key wears the colour of the meter
// segment it names (its own grey rule used to come later and win over every colour).
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../../apps/shared/panel.css'), 'utf8');

it.each(['committed', 'pending', 'proposal'])('colours the %s legend key like its meter segment', (key) => {
  document.head.innerHTML = `<style>${css}</style>`;
  document.body.innerHTML = `<div class="meter"><span class="meter__bar meter__bar--${key}"></span></div>`
    + `<ul class="legend"><li><span class="legend__swatch meter__bar--${key}"></span></li></ul><span class="legend__swatch"></span>`;
  const bar = getComputedStyle(document.querySelector('.meter__bar')!).backgroundColor;
  const swatch = getComputedStyle(document.querySelector('.legend .legend__swatch')!).backgroundColor;
  const plain = getComputedStyle(document.querySelector('body > .legend__swatch')!).backgroundColor;
  expect(bar).not.toBe('');
  expect(swatch).toBe(bar);
  expect(swatch).not.toBe(plain);
});
