// Fixed texts the engine itself says (everything else comes from the config).
import type { Localized, Outcome, RequestKind } from './model.js';

export const NO_RULE_DECIDED: Localized = {
  en: 'No rule decided; the support manager reviews this request.',
  nl: 'Geen regel gaf de doorslag; de supportmanager beoordeelt deze aanvraag.',
};

const KIND_NAMES: Readonly<Record<RequestKind, Localized>> = {
  defect: { en: 'a defect', nl: 'een storing' },
  'how-to': { en: 'a how-to or advice question', nl: 'een inrichtings- of adviesvraag' },
  'own-implementation': { en: 'a question about your own implementation', nl: 'een vraag over uw eigen implementatie' },
  'feature-request': { en: 'a feature request', nl: 'een wens voor nieuwe functionaliteit' },
  'new-version': { en: 'a request for a new version', nl: 'een verzoek om een nieuwe versie' },
  other: { en: 'another kind of request', nl: 'een ander soort verzoek' },
};

/** The review reason when the text does not settle the kind and the kind decides the outcome. */
export function kindUncertain([a, b]: readonly [RequestKind, RequestKind]): Localized {
  return {
    en: `This could be ${KIND_NAMES[a].en} or ${KIND_NAMES[b].en}; the support manager decides.`,
    nl: `Dit kan ${KIND_NAMES[a].nl} zijn of ${KIND_NAMES[b].nl}; de supportmanager beoordeelt het.`,
  };
}

/** Why a missing item was not asked for (trace text, English like the rest of the trace). */
export function notAskedWhy(rule: string | undefined, outcome: Outcome): string {
  return rule === undefined
    ? `the outcome is ${outcome} whatever its value`
    : `rule "${rule}" decides ${outcome} whatever its value`;
}
