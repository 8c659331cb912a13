// Fixed texts the engine itself says (everything else comes from the config).
import type { HourEstimate, Localized, Outcome, RequestKind } from './model.js';

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

/** Two products (or modules) named nearly alike, with different outcomes: a person decides which it is about. */
export function rivalValues(fact: string, a: string, b: string): Localized {
  const nl = fact === 'module' ? 'de module' : fact === 'version' ? 'de versie' : 'het product';
  return {
    en: `This could be about the ${fact} ${a} or ${b}, which the contract treats differently; the support manager decides.`,
    nl: `Dit kan over ${nl} ${a} of ${b} gaan, die het contract verschillend behandelt; de supportmanager beoordeelt het.`,
  };
}

/** The version may be in the text in words InScope does not read: a person checks before the customer is asked. */
export function versionUnread(saw: string): Localized {
  return {
    en: `The request may give the version ("${saw}") in a form InScope does not read; the support manager checks it before the customer is asked.`,
    nl: `De aanvraag noemt mogelijk de versie ("${saw}") in een vorm die InScope niet leest; de supportmanager controleert dat voordat de klant iets gevraagd wordt.`,
  };
}

/** The version read is numbered otherwise than the contract counts the product's: it may be another thing's. */
export function versionNumbering(version: string, ranges: string): Localized {
  return {
    en: `The version read (${version}) is numbered otherwise than the contract counts this product's (${ranges}); it may be another program's or device's, so the support manager checks it.`,
    nl: `De gelezen versie (${version}) is anders genummerd dan het contract dit product telt (${ranges}); het kan die van een ander programma of apparaat zijn, dus de supportmanager controleert het.`,
  };
}

/** What could change the outcome is missing, and the config says never to ask the customer for it (`ask: never`). */
export function neverAsked(rules: readonly string[]): Localized {
  return {
    en: `What could change the outcome is not in the request (${rules.join(', ')}), and it is never asked of the customer; the support manager decides.`,
    nl: `Wat de uitkomst kan veranderen staat niet in de melding (${rules.join(', ')}), en daar wordt de klant nooit om gevraagd; de supportmanager beslist.`,
  };
}

/** Only an error text or steps were missing, from a customer who described what happens at length. */
export function describedNoSymptom(): Localized {
  return {
    en: 'The customer describes at length what happens, without an error text or steps InScope recognises; the support manager decides whether that is enough before the customer is asked for more.',
    nl: 'De klant beschrijft uitgebreid wat er gebeurt, zonder foutmelding of stappen die InScope herkent; de supportmanager beslist of dat genoeg is voordat de klant om meer gevraagd wordt.',
  };
}

/** A pre-release version inside the contract's range, for a product the catalogue says nothing about pre-releases of. */
export function prereleaseUnsaid(version: string): Localized {
  return {
    en: `The request is about a pre-release version (${version}); the contract covers its number, but whether it covers pre-releases is not configured, so the support manager decides.`,
    nl: `De aanvraag gaat over een voorlopige versie (${version}); het contract dekt het nummer, maar of het voorlopige versies dekt is niet ingesteld, dus de supportmanager beslist.`,
  };
}

/** Why a missing item was not asked for (trace text, English like the rest of the trace). */
export function notAskedWhy(rule: string | undefined, outcome: Outcome): string {
  return rule === undefined
    ? `the outcome is ${outcome} whatever its value`
    : `rule "${rule}" decides ${outcome} whatever its value`;
}

/** Hours as people write them: 2.5 in English, 2,5 in Dutch. */
const hoursText = (hours: number, locale: 'en' | 'nl'): string => (locale === 'nl' ? String(hours).replace('.', ',') : String(hours));

/** "; ×1.15 because such requests took 15 % longer than estimated", or nothing without a correction. */
function correctionText(factor: number | undefined, locale: 'en' | 'nl'): string {
  if (factor === undefined) return '';
  const percent = Math.round(Math.abs(factor - 1) * 100);
  const times = `×${hoursText(factor, locale)}`;
  if (locale === 'nl') return `; ${times} omdat zulke verzoeken ${percent} % ${factor > 1 ? 'langer' : 'korter'} duurden dan geschat`;
  return `; ${times} because such requests took ${percent} % ${factor > 1 ? 'longer' : 'less time'} than estimated`;
}

/**
 * What a proposal's hours are based on, for the customer and the agents: the similar past requests
 * and their logged hours, or the standard estimate when there were too few of them.
 */
export function estimateBasis(estimate: HourEstimate): Localized {
  if (estimate.source === 'learned') {
    const { neighbours: n, median, low, high, correction } = estimate;
    return {
      en: `based on ${n} similar requests (median ${hoursText(median, 'en')} h, range ${hoursText(low, 'en')}–${hoursText(high, 'en')} h${correctionText(correction, 'en')})`,
      nl: `gebaseerd op ${n} vergelijkbare verzoeken (mediaan ${hoursText(median, 'nl')} uur, spreiding ${hoursText(low, 'nl')}–${hoursText(high, 'nl')} uur${correctionText(correction, 'nl')})`,
    };
  }
  return {
    en: `the standard estimate for this kind of request (fewer than ${estimate.minNeighbours} similar past requests to base it on)`,
    nl: `de standaardschatting voor dit soort verzoek (minder dan ${estimate.minNeighbours} vergelijkbare eerdere verzoeken om op te baseren)`,
  };
}

/** The trace's note on a proposal's hours under a learned hour estimator. */
export function describeEstimate(estimate: HourEstimate | undefined): string {
  if (estimate === undefined) return 'hours: no estimate';
  return estimate.source === 'learned'
    ? `hours ${estimate.hours}: learned, ${estimateBasis(estimate).en}`
    : `hours ${estimate.hours}: the rule's default estimate (${estimate.neighbours} similar requests, fewer than ${estimate.minNeighbours})`;
}
