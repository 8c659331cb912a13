// Fixed texts the engine itself says (everything else comes from the config).
import type { Localized } from './model.js';

export const NO_RULE_DECIDED: Localized = {
  en: 'No rule decided; the support manager reviews this request.',
  nl: 'Geen regel gaf de doorslag; de supportmanager beoordeelt deze aanvraag.',
};
