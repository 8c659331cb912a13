// The built-in cues of each request kind, in Dutch and English. A cue is a word or phrase matched
// on whole words after normalisation (lower case, no diacritics, punctuation as spaces); a trailing
// `*` matches any ending ("crash*" finds crasht, crashes, crashed). Each list carries a weight:
// 3 names the kind on its own, 2 leans clearly, 1 only tips a balance. `ask` cues are how people
// ask for help; they count one and a half times in a question and a third in a statement, so "we
// configured the export" in a defect report barely counts, while "how should we configure…?" does.
import type { RequestKind } from './model.js';

export interface CueList {
  readonly kind: RequestKind;
  readonly weight: number;
  readonly ask?: boolean;
  /**
   * The cue places the fault in the product itself, not only shows that something fails: against
   * the customer's own implementation, failures alone weigh less (see classify-kind.ts).
   */
  readonly product?: boolean;
  /** Counts only when negated: "doesn't look right", "klopt gewoon niet". */
  readonly negated?: boolean;
  readonly cues: string;
}

export const KIND_CUES: readonly CueList[] = [
  {
    kind: 'defect', weight: 3,
    cues: 'foutmelding|foutmeldingen|foutcode|error message|error messages|error code|exception|stack trace|stacktrace|crash*|loopt vast|liep vast|lopen vast|vastgelopen|bevriest|freezes|frozen|hangs|werkt niet|werken niet|werkt niet meer|werkt het niet|stopped working|no longer works|not working|doesn t work|does not work|don t work|isn t working|fails|failed|failing|failure|mislukt|mislukken|gaat mis|gaat fout|ging mis|ging fout|klopt niet|kloppen niet|klopte niet|klopt niet meer|is wrong|are wrong|was wrong|incorrect|incorrectly|onjuist|onjuiste|kapot|broken|storing|outage|internal server error|sinds we|verdwenen|verdwijn*|disappear*|dubbel geboekt|duplicated|duplicates|geblokkeerd|blocked|cannot save|twice|tweemaal|twee keer|dubbel|dubbele|duplicate|double|doubled|not shown|niet getoond|niet zichtbaar|not visible|niet meer zichtbaar|zeros|nullen|can t save|kan niet opslaan|niet opgeslagen|not saved|timeout|timed out|time out|time outs|traag geworden|extremely slow|heel traag|zeer traag',
  },
  // The fault placed in the product: it worked before, it happens on another machine too.
  {
    kind: 'defect', weight: 3, product: true,
    cues: 'werkte eerst wel|werkte voorheen|werkte altijd|deed het altijd|ging altijd goed|was alles nog goed|ging het nog goed|used to work|worked before|always worked|worked fine until|was fine last|gebeurt hetzelfde|gebeurt ook bij|same happens|the same happens|happens too|also happens|kan het reproduceren|kunnen het reproduceren|can reproduce|could reproduce|reproduced it|nagespeeld|nagebootst',
  },
  // The fault placed in the product: a regression after its update, a deviation from its documentation.
  {
    kind: 'defect', weight: 3, product: true,
    cues: 'bug|bugs|regression|regressie|sinds de update|na de update|sinds de upgrade|na de upgrade|since the update|after the update|since the upgrade|after the upgrade|after upgrading|after updating|since upgrading|since we upgraded|deviates|wijkt af|volgens de handleiding|according to the documentation|according to the manual|the documentation says|documentation states|the manual says|api reference|in de handleiding staat|contrary to the documentation|in strijd met de documentatie',
  },
  { kind: 'defect', weight: 2, cues: 'helpt niet|hielp niet|doesn t help|does not help|didn t help|did not help|geen effect|no effect|mis|instead of|in plaats van|error|errors|fout|fouten|foutief|foutieve|verkeerd|verkeerde|wrong|niet meer|no longer|returns 500|geeft 500|http 500|http 502|http 503|status 500|500 error|expected|verwacht|verwachtte|ontbreekt|ontbreken|missing|leeg|empty|afgebroken|aborted|geen enkele|niet correct|not correct|rejected|afgewezen|geweigerd|refused|stopped|gestopt|is down|was down|are down|went down|ligt eruit|lag eruit|ligt plat|lag plat' },
  // The customer clears the product: what is left is their setup or their own code. A negative
  // weight takes evidence away from a defect.
  {
    kind: 'defect', weight: -3,
    cues: 'works fine|works correctly|works as expected|works as documented|work fine|werkt prima|werkt gewoon|werkt goed|werkt correct|werkt naar behoren|kloppen gewoon|klopt gewoon|kloppen wel|klopt wel|is correct|are correct|zijn correct|as documented|zoals gedocumenteerd|is documented|staat gedocumenteerd|documented behaviour|documented behavior|documented limit|intended behaviour|intended behavior|by design|bewust zo|not a bug|geen bug|not a defect|geen storing|it s not connect|it s not finance|it s not planner|it s not payroll|the product itself|het product zelf',
  },
  // What should be right and is not: only negated ("the totals don't add up", "niet juist").
  { kind: 'defect', weight: 2, negated: true, cues: 'look right|looks right|seem right|seems right|add up|adds up|juist|properly|as expected|zoals verwacht|zoals het hoort|as it should|zoals het zou moeten|doet het|doen het|deed het|deden het' },
  { kind: 'defect', weight: 1, cues: 'raar|rare|vreemd|vreemde|strange|odd|weird|vreemd gedrag|strange behaviour|strange behavior|probleem|problemen|problem|problems|issue|issues|sinds|since|ineens|suddenly|opeens|plotseling|nog steeds|still|traag|slow' },

  {
    kind: 'how-to', weight: 3, ask: true,
    cues: 'hoe kan ik|hoe kunnen we|hoe kunnen wij|hoe stel ik|hoe stellen we|hoe stellen wij|hoe moet ik|hoe moeten we|hoe moeten wij|hoe richt ik|hoe richten we|hoe richten wij|hoe zet ik|hoe zetten we|hoe krijg ik|hoe krijgen we|hoe doe ik|hoe doen we|hoe werkt|hoe pak ik|hoe pakken we|hoe regel ik|hoe regelen we|how do i|how do we|how can i|how can we|how should i|how should we|how would we|how would i|how to|how does|what is the best way|what s the best way|whats the best way|best way to|beste manier|betere manier|handigste manier|makkelijkste manier|slimste manier|better way|easiest way|simplest way|smartest way|de beste aanpak|the best approach|recommended way|recommended approach|recommended setup|recommended configuration|what do you recommend|wat raden jullie aan|wat adviseren jullie|wat is jullie advies|aanbevolen|aanbevolen manier|best practice|best practices|kunnen jullie uitleggen|kun je uitleggen|kunt u uitleggen|kunnen jullie ons uitleggen|can you explain|could you explain|can you walk|could you walk|walk us through|walk me through|uitleg over|uitleg hoe|advies|adviseren|advice|advise|training|trainingen|workshop|cursus|inrichten|inrichting|meedenken|mee denken|think along|help us set up|help ons met|help us with the setup|help bij het inrichten|hulp bij het inrichten|waar vind ik|where can i find|where do i find|welke instelling|which setting|which settings|welke instellingen|step by step|stap voor stap|handleiding voor|instructies|instructions|correct way|right way|proper way|juiste manier|goede manier|juiste werkwijze|juiste procedure|correct procedure|waar moet ik|waar moeten we|waar kan ik|waar kunnen we|where do i|where do we|where should i|where should we|where can i|where can we|welk veld|which field|kan niet vinden waar|kunnen niet vinden waar|can t find where|cannot find where',
  },
  // Looking for a way to do something is asking how, in a statement as much as in a question.
  { kind: 'how-to', weight: 3, cues: 'zoek een manier|zoeken een manier|op zoek naar een manier|looking for a way|look for a way' },
  { kind: 'how-to', weight: 2, ask: true, cues: 'configure|configureren|configuratie|configuration|instellen|instelling|set up|setup|opzetten|inregelen|is het mogelijk om|is het mogelijk|is there a way|is it possible to|is it possible|kan ik|kunnen we|can i|can we|should we|moeten we|tips|howto|how-to|vraag over|question about|wat betekent|what does|wat is het verschil|what is the difference' },

  {
    kind: 'own-implementation', weight: 3,
    cues: 'doing wrong|we re doing wrong|what are we doing wrong|doen we fout|wat doen we fout|fout doen|review our|review this code|review the code|check our code|kijken naar onze|onze code|our code|we wrote|ons eigen|onze eigen|our own|in house|inhouse|zelf gebouwd|zelf geschreven|zelfgebouwd*|zelfgeschreven|we built|we have built|we ve built|we wrote|we have written|we developed|our developer|our developers|onze ontwikkelaar|onze ontwikkelaars|onze developer|custom script|custom scripts|ons script|onze scripts|our script|our scripts|maatwerk|eigen koppeling|eigen script|eigen rapport|eigen applicatie|our middleware|onze middleware|our integration|onze koppeling|koppelingsmodule|our custom|onze webshop|our webshop|our erp|ons erp|power bi|sql view|sql views|sql query|sql queries|excel macro|vba|our database|onze database|rechtstreeks in de database|directly in the database|directly on the database|stored procedure|our firewall|onze firewall|our proxy|our server|our servers|onze server|onze servers|our network|ons netwerk|our data model|ons datamodel|our implementation|onze implementatie|freelancer|externe partij|third party|derde partij|onze leverancier|our vendor|our it partner|onze it partner|onze ict|our azure|onze azure|our aws|docker|kubernetes|our scheduler',
  },
  { kind: 'own-implementation', weight: 2, cues: 'macro|script|scripts|query|middleware|firewall|proxy|certificaat|certificate|dns|vpn|active directory|sso|powershell|python|zapier|power automate|webshopbouwer|integrator|implementatiepartner|implementation partner' },

  {
    kind: 'feature-request', weight: 3,
    cues: 'feature request|featureverzoek|could you add|can you add|could you please add|can you please add|please add|would be nice|would be great if|would be helpful if|it would help if|would love to see|zou fijn zijn|zou mooi zijn|zou handig zijn|zou het mogelijk zijn|zouden jullie|graag zien|willen graag een|wens|wensen|wensenlijst|suggestie|suggesties|suggestion|enhancement|uitbreiding|roadmap|add an option|add a field|een optie toevoegen|toevoegen aan|nieuwe functie|nieuwe functionaliteit|new feature|we missen een optie|we missen de optie|we missen een mogelijkheid|we missen de mogelijkheid|we missen een functie|we missen de functie|we missen een veld|we missen een knop|missen we een optie|missen we de mogelijkheid|missen we een functie|missen we een veld|mist een optie|mist een mogelijkheid|mist een functie|mist een veld|ontbreekt een optie|not supported yet|nog niet mogelijk|toekomstige versie|future version|future release|in een volgende versie|in a future',
  },
  // Not "could you" or "kunnen jullie": every kind of request asks that.
  { kind: 'feature-request', weight: 2, cues: 'toevoegen|inbouwen|optie|option|functionaliteit|functionality|niet mogelijk|not possible|not supported|niet ondersteund' },
  // Indignation at what the product cannot do, rather than at what it does wrong.
  { kind: 'feature-request', weight: 2, cues: 'te gek dat|ridiculous that|hard to believe that|basic requirement|basisfunctionaliteit|basisbehoefte|every other|elk ander pakket|andere pakketten|alternatives|alternatieven|formal request|formeel verzoek|is this coming|komt dit|on the roadmap|op de roadmap' },

  {
    kind: 'new-version', weight: 3,
    cues: 'download|downloaden|downloadlink|download link|downloadlocatie|installatiebestand|installatiebestanden|installer|installers|setup file|setup bestand|licentiesleutel|licentiecode|licentiebestand|license key|licence key|license file|licence file|new license|nieuwe licentie|entitlement|recht op de nieuwe|recht op een upgrade|entitled to|upgrade entitlement|release notes|releasenotes|nieuwe release|new release|latest release',
  },
  // When a version comes out and whether the contract includes it.
  { kind: 'new-version', weight: 3, cues: 'release date|releasedatum|release datum|to be released|will be released|be released|wordt uitgebracht|upgrade included|is the upgrade included|valt de upgrade|upgrade onder ons contract' },
  { kind: 'new-version', weight: 2, cues: 'nieuwe versie|new version|licentie|license|licence|upgrade naar|upgraden naar|upgrade to|upgrading to|beschikbaar|available|wanneer komt|when will|klantportaal|customer portal' },

  {
    kind: 'other', weight: 3,
    cues: 'offerte|quote for|quotation|verlenging|verlengen|renewal|renew|opzeggen|opzegging|cancel our|cancellation|prijsopgave|pricing|tarieven|price list|prijslijst|contractverlenging|contract renewal|account manager|accountmanager|contactpersoon wijzigen|change of contact|nieuwe contactpersoon|factuur van jullie|your invoice|jullie factuur|invoice from you|betalingsherinnering|payment reminder|inkoopordernummer|purchase order number|po number|afspraak maken|schedule a meeting|kennismaking',
  },
  // Privacy and security paperwork, user accounts of the vendor's portal, and the customer closing
  // a solved case: none of them asks for a repair or a version.
  {
    kind: 'other', weight: 3,
    cues: 'verwerkersovereenkomst|data processing agreement|data processing addendum|subverwerkers|sub processors|subprocessors|privacy officer|functionaris gegevensbescherming|security questionnaire|beveiligingsvragenlijst|vendor review|vendor assessment|vendor risk|leveranciersbeoordeling|soc 2|soc2|iso 27001|iso27001|pentest rapport|penetration test report|uit dienst|nieuwe collega|new colleague|has left the company|left the company|account aanmaken|account blokkeren|account verwijderen|create an account|deactivate the account|remove access|bedankt voor de snelle hulp|dank voor de snelle hulp|thanks for the quick help|thanks for the quick fix|all sorted|alles werkt weer|werkt weer|works again|working again|is opgelost|is nu opgelost|mag gesloten worden|kan gesloten worden|kan worden gesloten|mag worden gesloten|kan dicht|mag dicht|mag je sluiten|mogen jullie sluiten|can be closed|you can close|please close this|close the ticket|close this ticket|close the case|patch werkt|fix werkt|oplossing werkt|the patch works|the patch worked|the fix works|the fix worked|staan weer goed|klopt weer|is weer goed|zijn weer goed',
  },
  // Asking how an earlier request is getting on: no new report, whatever that request was about.
  {
    kind: 'other', weight: 3,
    cues: 'status van mijn ticket|status van ons ticket|status van het ticket|status van mijn melding|status van onze melding|status van mijn vraag|stand van zaken|status of my ticket|status of our ticket|status of the ticket|status of my request|status of our request|status of my case|status of our case|any update on my|any update on our|nog niets gehoord|nog niks gehoord|niks meer gehoord|niets meer gehoord|nothing heard|heard nothing|haven t heard|have not heard|not heard back',
  },
  { kind: 'other', weight: 2, cues: 'prijs|price|korting|discount|facturatieadres|billing address|dpa|avg|gdpr|dpo|reissue|opnieuw uitsturen' },
  { kind: 'other', weight: 1, cues: 'contract|kosten|costs|budget' },
];

/**
 * Things a customer builds or runs around the product. "our/onze/ons/my/mijn" up to two words
 * before one of these (or a Dutch compound ending in one: "exportscript", "koppelingsmodule")
 * points at the customer's own implementation.
 */
export const OWN_ARTIFACTS: readonly string[] = ['script', 'scripts', 'code', 'function', 'functions', 'functie', 'view', 'views', 'query', 'queries', 'middleware', 'integration', 'integrations', 'integratie', 'koppeling', 'koppelingen', 'connector', 'bridge', 'receiver', 'handler', 'lambda', 'service', 'services', 'app', 'applicatie', 'application', 'tool', 'tooling', 'server', 'servers', 'firewall', 'proxy', 'netwerk', 'network', 'database', 'datawarehouse', 'warehouse', 'etl', 'pipeline', 'job', 'jobs', 'macro', 'macros', 'model', 'datamodel', 'mapping', 'implementation', 'implementatie', 'webshop', 'website', 'erp', 'crm', 'sync', 'scheduler', 'cluster', 'container', 'vm', 'module', 'plugin', 'extension', 'extensie', 'workflow', 'flow', 'flows', 'endpoint', 'client', 'sdk', 'wrapper'];
export const POSSESSIVES: readonly string[] = ['our', 'onze', 'ons', 'my', 'mijn'];

/**
 * A wish: a sentence that asks (could, zou, possible, any chance…) for something to be added or
 * built ("any chance you could add a Slack notification?", "zouden jullie een export kunnen bouwen")
 * is a feature request, whatever the word order.
 */
export const WISH_VERBS: readonly string[] = ['inbouwen', 'ingebouwd', 'add', 'adding', 'added', 'toevoegen', 'toegevoegd', 'support', 'supporting', 'ondersteunen', 'build', 'bouwen', 'introduce', 'introduceren', 'implement', 'implementeren', 'extend', 'uitbreiden', 'offer', 'aanbieden', 'include', 'opnemen'];
export const WISH_MARKERS: readonly string[] = ['could', 'would', 'can', 'zou', 'zouden', 'kunnen', 'kan', 'possible', 'mogelijk', 'chance', 'kans', 'like', 'graag', 'future', 'toekomstige', 'wish', 'wens', 'plan', 'plans', 'roadmap'];

/**
 * A version asked for: a verb of sending or downloading and a word for a version or its
 * installation in one sentence ("send us the upgrade package", "de nieuwste versie sturen").
 * Not "get", "krijgen" or "receive": "since the new version we receive an error" reports a failure;
 * and only in a question or a request ("please", "graag").
 */
export const SEND_VERBS: readonly string[] = ['stuur', 'sturen', 'stuurt', 'toesturen', 'opsturen', 'toegestuurd', 'send', 'provide', 'deliver', 'leveren', 'aanleveren', 'download', 'downloaden', 'klaarzetten', 'klaarzet'];
export const VERSION_NOUNS: readonly string[] = ['versie', 'version', 'release', 'upgrade', 'installatie', 'installation', 'installer', 'package', 'pakket', 'upgradepakket', 'installatiepakket', 'setup', 'servicepack', 'hotfix', 'patch', 'fixpack', 'firmware', 'build'];

/**
 * Built by the customer's side: a verb of building and a builder that is not the vendor in one
 * sentence ("het pakket is gebouwd door onze leverancier", "written by a contractor", "we built a
 * Make.com scenario"). "Jullie/you" as the builder is the vendor's product.
 */
export const BUILT_VERBS: readonly string[] = ['gebouwd', 'bouwde', 'bouwden', 'built', 'geschreven', 'schreef', 'schreven', 'written', 'wrote', 'ontwikkeld', 'ontwikkelde', 'developed', 'geprogrammeerd', 'programmed', 'coded', 'scripted'];
export const BUILDERS: readonly string[] = ['we', 'wij', 'ik', 'i', 'contractor', 'leverancier', 'supplier', 'partner', 'consultant', 'freelancer', 'developer', 'ontwikkelaar', 'beheerder', 'integrator', 'bureau', 'agency', 'collega', 'colleague', 'intern', 'stagiair'];
export const VENDOR_WORDS: readonly string[] = ['jullie', 'you', 'your', 'uw', 'u'];

/** Words that negate a cue when they stand at most three words before it. */
export const NEGATIONS: readonly string[] = ['geen', 'niet', 'nooit', 'zonder', 'niets', 'no', 'not', 'never', 'without', 'nothing', 'isn', 'doesn', 'don', 'didn', 'wasn', 'aren', 'weren', 'hasn', 'haven', 'nor', 'noch'];

/** The vendor's documentation, and what it does when quoted: "the admin guide says…". */
export const DOCUMENTS: readonly string[] = ['documentation', 'docs', 'manual', 'guide', 'handbook', 'reference', 'handleiding', 'documentatie', 'helptekst', 'kennisbank', 'releasenotes', 'notes'];
export const SAYINGS: readonly string[] = ['says', 'say', 'states', 'state', 'describes', 'mentions', 'documents', 'promises', 'zegt', 'staat', 'stelt', 'beschrijft', 'vermeldt', 'noemt', 'belooft'];
