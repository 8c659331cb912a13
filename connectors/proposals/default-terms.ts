// The terms printed on a proposal when the config gives none (`proposals.terms`).
import type { Localized } from '../../rules/index.js';

export const DEFAULT_TERMS: Localized = {
  nl: 'De werkzaamheden vallen buiten uw supportcontract en worden pas gestart na uw akkoord. '
    + 'Wij factureren de werkelijk bestede uren tegen het genoemde tarief, tot ten hoogste de geschatte uren; '
    + 'is meer tijd nodig, dan ontvangt u eerst een herziene offerte. Bedragen zijn exclusief btw tenzij vermeld. '
    + 'Betaling binnen 30 dagen na factuurdatum.',
  en: 'This work falls outside your support contract and starts only after you accept. '
    + 'We invoice the hours actually spent at the stated rate, up to the estimated hours; '
    + 'if more time is needed you will first receive a revised proposal. Amounts exclude VAT unless stated. '
    + 'Payment within 30 days of the invoice date.',
};
