// The panel's labels in the two languages InScope speaks, picked from the agent's locale. The texts
// live in translations/<locale>.json; a test keeps the two files' keys in step.
import en from './translations/en.json' with { type: 'json' };
import nl from './translations/nl.json' with { type: 'json' };

export type PanelLocale = 'en' | 'nl';
export type LabelKey = keyof typeof en;
export type Translate = (key: LabelKey, values?: Readonly<Record<string, string | number>>) => string;

export const PANEL_TRANSLATIONS: Readonly<Record<PanelLocale, Readonly<Record<string, string>>>> = { en, nl };

/** 'nl', 'nl-NL', 'nl-BE' → nl; everything else → en. */
export function toPanelLocale(locale: string | null | undefined): PanelLocale {
  return /^nl\b/i.test(locale ?? '') ? 'nl' : 'en';
}

export function createTranslate(locale: PanelLocale): Translate {
  const table = PANEL_TRANSLATIONS[locale];
  return (key, values) => {
    const text = table[key] ?? en[key];
    return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
  };
}
