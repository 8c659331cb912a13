// The built-in request kinds: scored cues, negation, questions versus statements, own artifacts.
import { describe, expect, it } from 'vitest';
import { forEachSentence } from '../../rules/sentence-tokens.js';
import { compileKindClassifier, stemOf } from '../../rules/classify-kind.js';
import type { KindModel } from '../../rules/kind-model.js';

// The cues alone: the learned model that settles what they leave open is tested at the end.
const classify = compileKindClassifier(undefined, [], null);
const kindOf = (subject: string, body: string, extra: { hasErrorText?: boolean; hasSteps?: boolean; hasVersion?: boolean; errorText?: string } = {}) =>
  classify({ subject, body, hasErrorText: extra.hasErrorText ?? false, hasSteps: extra.hasSteps ?? false, hasVersion: extra.hasVersion ?? false, errorText: extra.errorText });

describe('request kinds', () => {
  it.each([
    ['Kunnen jullie uitleggen hoe de periodeafsluiting werkt?', 'how-to'],
    ["What's the recommended way to sync 10,000 employees a night?", 'how-to'],
    ['Could you add an export to Excel for the roster? That would be great.', 'feature-request'],
    ['Graag de downloadlink voor de nieuwe versie van Payroll', 'new-version'],
    ['Sinds de update loopt Planner vast bij het openen van het rooster', 'defect'],
    ['Our own script that reads the API fails, can you review our code?', 'own-implementation'],
    ['Graag een offerte voor de verlenging van ons contract', 'other'],
    ['Bedankt, kan dicht.', 'other'],
    ['All sorted now, you can close the ticket.', 'other'],
    ["Top, de patch werkt. De saldo's die verdwenen staan weer goed.", 'other'],
    // Asked to be sent or to download a version, in any words.
    ['Connect 3.3 is out. Can you send us the upgrade package for 3.3?', 'new-version'],
    ['Kunnen jullie ons de nieuwste versie sturen? Dan plannen we de installatie.', 'new-version'],
    ["What's the correct way to reopen a closed period for two employees?", 'how-to'],
    ['Ik zoek een manier om de afletterregels zo in te stellen dat het automatisch gaat.', 'how-to'],
    ['Payroll cannot hold two contracts per person. When are you going to support this?', 'feature-request'],
  ])('"%s" is %s', (body, kind) => {
    expect(kindOf('', body).kind).toBe(kind);
  });

  it('reads "when …?" with a verb of adding as a wish, but not a statement that starts with when', () => {
    expect(kindOf('', 'When will you add an export to Excel?').cues).toContain('(a wish)');
    expect(kindOf('', 'When we add an employee the screen freezes.').cues).not.toContain('(a wish)');
  });

  it('reads what their side built as their own implementation, not what the vendor built', () => {
    expect(kindOf('', 'Het pakket is gebouwd door onze leverancier en faalt sinds maandag.').cues).toContain('(built on their side)');
    expect(kindOf('', 'A stored procedure written by a contractor fails.').cues).toContain('(built on their side)');
    // Made (not built) by them: theirs when what they made is an artifact, not a record in the product.
    expect(kindOf('', 'Die view hebben wij in 2024 zelf op de database aangemaakt.').cues).toContain('(built on their side)');
    expect(kindOf('', 'We hebben een nieuwe order aangemaakt en die verdwijnt.').cues).not.toContain('(built on their side)');
    expect(kindOf('', 'De export die jullie hebben gebouwd faalt sinds maandag.').scores['own-implementation']).toBeUndefined();
  });

  it('counts the words of a quoted error message once, as the error text, not again as the customer\'s', () => {
    const error = 'AGF-112: Loonheffingennummer ontbreekt voor werkgever';
    const body = `Bij het klaarzetten krijgen we:\n${error}\nWaar moet ik dat nummer invullen?`;
    expect(kindOf('', body, { hasErrorText: true }).scores['defect']).toBe(4);
    expect(kindOf('', body, { hasErrorText: true, errorText: error }).scores['defect']).toBe(2);
  });

  it('counts the subject of a reply or forward less than a fresh one: it names the thread', () => {
    const body = 'Thanks, the hotfix did the trick. You can close this one.';
    expect(kindOf('Published rota shows shifts on wrong day', body).scores['defect']).toBe(3);
    expect(kindOf('Re: [Veldhuis #83014] Published rota shows shifts on wrong day', body).scores['defect']).toBe(1);
    expect(kindOf('RE: FW: Published rota shows shifts on wrong day', body).kind).toBe('other');
  });

  it('does not read a failure to receive a version, or a statement, as asking for one', () => {
    expect(kindOf('', 'We did not receive the new version, can you send it?').cues).not.toContain('(asks for a version)');
    expect(kindOf('', 'Since the new version we receive an error when printing payslips.').cues).not.toContain('(asks for a version)');
    expect(kindOf('', 'They send the new version to the printer every night.').cues).not.toContain('(asks for a version)');
    expect(kindOf('', 'Can you send us the new version?').cues).toContain('(asks for a version)');
    expect(kindOf('', 'Graag de installatie van de nieuwe versie sturen.').cues).toContain('(asks for a version)');
    // The dots of a version number end no sentence: "3.3 … can you send" is one question.
    expect(kindOf('', "We're on 3.1.2 - can you send us the upgrade package for 3.3 and list the changes?").cues).toContain('(asks for a version)');
  });

  it('reads asking for the way from one version to the next as asking for the new version, not a story of one', () => {
    const upgrade = '(asks for an upgrade from … to …)';
    expect(kindOf('', 'Please upgrade our production tenant (acme.veldhuis-connect.com) from 2.9.2 to 2.10.').cues).toContain(upgrade);
    expect(kindOf('', 'Kan de migratie van Finance 9.7 naar 10.2 in één keer?').cues).toContain(upgrade);
    // A statement tells the story of a defect; numbers that are no versions are no upgrade.
    expect(kindOf('', 'Since we upgraded from 9.2 to 9.4 the export crashes.').cues).not.toContain(upgrade);
    expect(kindOf('', 'Could you move the 2026 timesheets from cost centre 410 to 415?').cues).not.toContain(upgrade);
    expect(kindOf('', "Can you tell why it didn't go from 9.2 to 9.4?").cues).not.toContain(upgrade);
  });

  it('reads wanting to move to a version as asking for it, and a past or failed upgrade as no such request', () => {
    const upgrade = '(asks for an upgrade from … to …)';
    const withProducts = compileKindClassifier(undefined, ['Kroon Kassa', 'Kroon Webshop', 'Voorraad'], null);
    const kind = (subject: string, body: string) => withProducts({ subject, body, hasErrorText: false, hasSteps: false, hasVersion: true });
    expect(kind('', 'Wij draaien nog Kroon Voorraad 6.2.3 en willen graag naar 6.4.1, voor de inventarisatie.').kind).toBe('new-version');
    expect(kind('', 'Graag willen wij onze webwinkel upgraden van 3.8.2 naar de nieuwe Kroon Webshop 4.0.').kind).toBe('new-version');
    expect(kind('', "We'd like to upgrade the three tills from Kroon Kassa 2025.2.7 to 2026.1.3 before Christmas.").kind).toBe('new-version');
    expect(kind('Upgrade Voorraad naar 6.4.1', '').cues).toContain(upgrade);
    expect(kind('', 'We upgraded to 6.4.1 last week.').cues).not.toContain(upgrade);
    // Asking the vendor to take it there, whatever the verb.
    expect(kind('', 'Kunnen jullie de testomgeving ook naar 11.3.1 brengen?').kind).toBe('new-version');
    expect(kind('', 'Kunnen jullie ons naar R25.3 upgraden?').kind).toBe('new-version');
    // A heading that asks ("Please provide:") asks for the items under it.
    expect(kind('', 'Please provide:\n- setup files and licence keys for Rooster 9.5.0\n- the Admin R25.3.2 upgrade package').kind).toBe('new-version');
    expect(kind('', 'What we have:\n- setup files for Rooster 9.5.0\n- the Admin R25.3.2 upgrade package').kind).not.toBe('new-version');
    expect(kind('', 'Could you bring the test environment to 11.3.1 as well?').kind).toBe('new-version');
    expect(kind('', 'Kunnen jullie kijken waarom de export sinds de update naar 11.3.1 vastloopt?').kind).not.toBe('new-version');
    // A wish before the version aimed at asks for it, whatever the clause before it tells.
    expect(kind('', 'Na de problemen met de telling willen we het DC nu overzetten van Voorraad 5.9 naar 6.4.1.').cues).toContain(upgrade);
    expect(kind('', 'Sinds de upgrade naar 6.4.1 loopt de telling vast.').cues).not.toContain(upgrade);
    expect(kind('', 'Please update our billing address to Keizersgracht 214, 1016 DZ Amsterdam.').cues).not.toContain(upgrade);
  });

  it('reads "zouden jullie dit willen uitzoeken?" as asking to look into a problem, not as a wish', () => {
    const ask = (body: string) => classify({ subject: '', body, hasErrorText: false, hasSteps: false, hasVersion: false });
    expect(ask('Zouden jullie dit willen uitzoeken?').scores['feature-request']).toBeUndefined();
    expect(ask('Zouden jullie een export naar Excel kunnen maken?').scores['feature-request']).toBeGreaterThan(0);
  });

  it('reads asking for the way "from version 7 to 8 LTS" as asking for the new version', () => {
    const v = classify({ subject: 'Re: Old instance crashes', body: 'Please plan the upgrade of our main server from version 7 to 8 LTS (8.1.4).', hasErrorText: false, hasSteps: false, hasVersion: true });
    expect(v.kind).toBe('new-version');
    expect(classify({ subject: '', body: 'Please move the booking from cost centre 410 to 420.', hasErrorText: false, hasSteps: false, hasVersion: false }).scores['new-version']).toBeUndefined();
  });

  it('reads "on our own server" beside the product as where it runs, and "onze server" spoken of as theirs', () => {
    const named = compileKindClassifier(undefined, ['Riet Receptie', 'Payroll'], null);
    const body = (text: string) => named({ subject: '', body: text, hasErrorText: false, hasSteps: false, hasVersion: true });
    expect(body('We use Riet Receptie 10 Update 3 on our own server with two reception PCs.').scores['own-implementation']).toBeUndefined();
    expect(body('Onze server waar Payroll op draait heeft nog maar 300 MB vrij.').scores['own-implementation']).toBeGreaterThan(0);
  });

  it('reads "naar de nieuwste versie 2609" as aiming at a version, a whole number after "versie"', () => {
    const v = classify({ subject: 'Update Energie', body: 'Wij willen Energie graag laten updaten naar de nieuwste versie 2609. Kan dat op afstand?', hasErrorText: false, hasSteps: false, hasVersion: true });
    expect(v.kind).toBe('new-version');
  });

  it('reads no request in the labels of a menu path the customer clicked', () => {
    const body = "When we create the letters, the fee shows 'NAf 0,00' for section D. The fee is correct on the grave card.\nSteps: Graven -> Grafrechten -> Verlenging -> Brieven aanmaken -> preview shows NAf 0,00.";
    const v = classify({ subject: 'Extension letters: fee shows 0,00', body, hasErrorText: false, hasSteps: true, hasVersion: true });
    expect(v.scores['other']).toBeUndefined();
    // The same word in a sentence of its own still asks about a contract.
    expect(classify({ subject: '', body: 'Graag een offerte voor de verlenging van ons contract.', hasErrorText: false, hasSteps: false, hasVersion: false }).scores['other']).toBeGreaterThan(0);
  });

  it('reads "onze Koppeling" as the vendor\'s product when a product is named so, and as their own integration otherwise', () => {
    const text = 'Kunnen jullie onze Koppeling upgraden van 7 naar 8 LTS? De StUF-berichten lopen nu via de oude.';
    const named = compileKindClassifier(undefined, ['Duin Uitvaart', 'Duin Koppeling'], null, ['duin-uitvaart', 'Duin Uitvaart', 'duin-koppeling', 'Duin Koppeling']);
    const evidence = { subject: '', body: text, hasErrorText: false, hasSteps: false, hasVersion: false };
    expect(named(evidence).cues).not.toContain('onze … koppeling');
    expect(named(evidence).scores['own-implementation']).toBeUndefined();
    expect(classify(evidence).cues).toContain('onze … koppeling');
  });

  it('reads asking to be sent a product by its number, or to prepare "the update", as asking for a version', () => {
    const withProducts = compileKindClassifier(undefined, ['Connect', 'Payroll'], null);
    const kind = (body: string) => withProducts({ subject: '', body, hasErrorText: false, hasSteps: false, hasVersion: false });
    expect(kind("Hey, can you send us Connect 3.1? We're on 2.9.3 now.").cues).toContain('(asks for a version)');
    expect(kind('Kunnen jullie de update voor ons klaarzetten?').cues).toContain('(asks for a version)');
    // "update" as a verb, and numbers that are an address or an order, ask for no version.
    expect(kind('Please update our billing address to Keizersgracht 214, 1016 DZ Amsterdam and send future invoices to ap@x.io.').scores['new-version']).toBeUndefined();
    expect(kind('Zouden jullie de factuur opnieuw willen sturen met PO 4500-2291 erop?').scores['new-version']).toBeUndefined();
  });

  it('reads a release asked for with a please, or sent as the subject names it, as asking for that version', () => {
    const withProducts = compileKindClassifier(undefined, ['Connect', 'Planning'], null);
    const kind = (subject: string, body: string) => withProducts({ subject, body, hasErrorText: false, hasSteps: false, hasVersion: true });
    expect(kind('Connect 3.0', "Connect 3.0 please - we're on 2.9.2.").kind).toBe('new-version');
    expect(kind('servicepack 7.4 sp3', 'Jullie collega zei dat de fout in 7.4 SP3 is opgelost. Kunnen jullie die sturen of installeren?').kind).toBe('new-version');
    // The same request under a subject that tells a failure, or without the subject's release, asks for nothing.
    expect(kind('Export faalt', 'Kunnen jullie die sturen of installeren?').scores['new-version']).toBeUndefined();
    expect(kind('', 'Connect 3.0 please look at the error.').cues).not.toContain('(asks for a numbered version)');
  });

  it('reads asking to roll out a release by its full number, or wanting the newest one, as asking for a version', () => {
    const rollOut = kindOf('', 'Onze scanners staan nog op FW 5.3.2. Willen jullie 5.4.0 voor ons uitrollen?');
    expect([rollOut.kind, rollOut.cues]).toEqual(['new-version', ['(asks to schedule a release)']]);
    expect(kindOf('', 'De kastjes draaien nog op firmware 41. Kunnen jullie R43 voor ons vrijgeven in het dashboard?').cues).toEqual(['(asks to schedule a release)']);
    // A service for us with a date in it asks for no version.
    expect(kindOf('', 'Kunnen jullie op 21.11.2026 voor ons de kaarten verwijderen?').cues).toEqual(['(asks them to do it for us)']);
    const newest = kindOf('', 'Voor het festival willen we al onze scanners op de nieuwste firmware hebben. Kunnen jullie ze bijwerken?');
    expect([newest.kind, newest.cues]).toEqual(['new-version', ['(asks for the newest release)']]);
    expect(kindOf('', 'Wij willen graag naar de nieuwe servicepack. Kan dat komende maandagnacht?').cues).toContain('(asks for the newest release)');
    // Having the newest, or a failure since it, asks for nothing.
    expect(kindOf('', 'We draaien de nieuwste firmware en de scanner piept niet meer.').scores['new-version']).toBeUndefined();
    expect(kindOf('', 'Sinds de nieuwste versie willen de scanners niet meer opstarten.').scores['new-version']).toBeUndefined();
  });

  it('reads "opgelost in 7.4 SP3" as a release that solves it, not as a closing', () => {
    expect(kindOf('', 'Jullie collega zei dat de fout in 7.4 SP3 is opgelost.').scores['other']).toBeUndefined();
    expect(kindOf('', 'Het probleem is opgelost, dank jullie wel.').scores['other']).toBeGreaterThan(0);
  });

  it('reads asking for a release by its number as asking for that version', () => {
    const numbered = '(asks for a numbered version)';
    expect(kindOf('', 'Could you make the 4.8 release available for our environment?').kind).toBe('new-version');
    expect(kindOf('', 'Graag ontvangen we het installatiepakket van Planner 4.7 en de upgrade-instructie.').cues).toContain(numbered);
    expect(kindOf('', 'We run version 4.8 at all stores.').cues).not.toContain(numbered);
    expect(kindOf('', 'Could you make the new release available?').cues).not.toContain(numbered);
    expect(kindOf('', 'Is version 4.8 not available yet?').cues).not.toContain(numbered);
  });

  it('ends no sentence at the dot inside a name: "export.csv", "acme.veldhuis-connect.com"', () => {
    const sentences: string[] = [];
    forEachSentence('Open export.csv from acme.veldhuis-connect.com. Then stop! Version 3.3?', (words) => sentences.push(words.join(' ')));
    expect(sentences).toEqual(['open export csv from acme veldhuis connect com', 'then stop', 'version 3 3']);
  });

  it('reads a release letter glued to a version as the number: "R25.3" and "v9.4", not "R2D2" or "rv12.1"', () => {
    const sentences: string[] = [];
    forEachSentence('Naar R25.3 en v9.4, niet R2D2 of rv12.1 of R2 zonder punt', (words) => sentences.push(words.join(' ')));
    expect(sentences).toEqual(['naar 25 3 en 9 4 niet r2d2 of rv12 1 of r2 zonder punt']);
  });

  it('counts failures for less when another matter is well evidenced: the invoice, not the product, is wrong', () => {
    const noModel = compileKindClassifier(undefined, [], null);
    const kind = (subject: string, body: string) => noModel({ subject, body, hasErrorText: false, hasSteps: false, hasVersion: false });
    // "wrong", "rejected", "missing" (10) count half beside the invoice's cues (12).
    const invoice = kind('Renewal invoice - wrong PO number', "The invoice for our renewed contract references last year's PO number, which is wrong. Our accounts payable team rejected it, the PO number is missing. Could you reissue it with the correct PO number?");
    expect([invoice.kind, invoice.scores['defect'], invoice.scores['other']]).toEqual(['other', 5, 12]);
    // What the customer places in the product ("since the update", 3) keeps its weight; the rest (5) counts half.
    expect(kind('', 'Since the update the invoice export fails with an error. Could you reissue the renewal invoice with our PO number?').scores['defect']).toBe(5.5);
  });

  it('reads the short failures of a terse ticket: "doet het (weer) niet", "stopped", "is down"', () => {
    expect(kindOf('Hij doet het weer niet', 'Hij doet het weer niet!! Graag bellen').kind).toBe('defect');
    expect(kindOf('', 'Het rooster doet het nog steeds niet.').kind).toBe('defect');
    expect(kindOf('Webhooks stopped', 'Webhooks stopped arriving yesterday. Please check.').kind).toBe('defect');
    expect(kindOf('API down??', 'API is down for us, pls fix asap').kind).toBe('defect');
    expect(kindOf('', 'De export doet het weer.').scores['defect']).toBeUndefined();
  });

  it('does not take news, amounts, times, a defect story or a request to look for a new version or a service (second review)', () => {
    const nv = (body: string) => kindOf('', body).scores['new-version'];
    expect(nv('Could you please send us an update on the status of this ticket?')).toBeUndefined();
    expect(nv('Kunt u ons een update sturen over de voortgang?')).toBeUndefined();
    expect(nv('Kunnen jullie het uurtarief van 45,50 naar 47,00 zetten?')).toBeUndefined();
    expect(nv('Could you move the nightly export from 10:15 to 11:30?')).toBeUndefined();
    expect(nv('Sinds de upgrade van 9.2 naar 9.4 krijgen we een foutmelding bij het exporteren, kunnen jullie dit oplossen?')).toBeUndefined();
    expect(nv('Can you please look into the rounding difference in version 4.6.2?')).toBeUndefined();
    expect(kindOf('', 'De salarisstrook toont een verkeerd bedrag. Kunnen jullie dit voor ons controleren?').scores['other']).toBeUndefined();
    // A longer line ending in a colon still asks; "nog geen klachten" negates the complaints, not the closing.
    expect(kindOf('', 'How do I configure the following:\n- overtime\n- breaks').kind).toBe('how-to');
    expect(kindOf('', 'Top, de patch werkt, nog geen klachten gehad.').kind).toBe('other');
  });

  it('reads a line ending in a colon as a heading, which asks nothing', () => {
    const seen: [string, boolean, boolean][] = [];
    forEachSentence('How to see it:  \r\n1. Log in\nStappen: open het overzicht\nHow do I see it?', (words, question, heading) => seen.push([words.join(' '), question, heading]));
    expect(seen).toEqual([['how to see it', false, true], ['1', false, false], ['log in', false, false], ['stappen open het overzicht', false, false], ['how do i see it', true, false]]);
    const steps = 'Since Planner 4.6 approved timesheets flip back to Submitted.\nHow to see it:\n1. Log in as a line manager\n2. Open the weekly overview';
    const asked = steps.replace('How to see it:', 'How to see it?');
    // Asked, the how-question (3 × 1.5) and the asking cues weigh as a question's; as a heading, neither.
    expect((kindOf('', asked).scores['how-to'] ?? 0) - (kindOf('', steps).scores['how-to'] ?? 0)).toBeGreaterThanOrEqual(3);
  });

  it('reads asking the vendor to do something for them as a service, not a repair or a version', () => {
    const other = (body: string) => kindOf('', body).scores['other'];
    expect(other('Kunnen jullie de dubbele afschriften voor ons uit de administratie verwijderen?')).toBe(3);
    expect(kindOf('', 'Could you restore them from your backup for us please').cues).toContain('(asks them to do it for us)');
    expect(other('Can you fix this for us?')).toBeUndefined();
    expect(other('Kunnen jullie het installatiepakket voor ons klaarzetten?')).toBeUndefined();
    expect(other('Wat betekent dit voor ons?')).toBeUndefined();
  });

  it('reads "when we add …, is this a bug?" as a conditional clause, not a wish', () => {
    expect(kindOf('', 'When we add an allowance to a payslip the total is wrong, is this a bug?').cues).not.toContain('(a wish)');
  });

  it('reads "haven" and "don" as negations only before the t of "haven\'t", "don\'t": a harbour or a vendor called Haven negates nothing', () => {
    expect(kindOf('', 'Could you send us the package of Haven Chauffeur 5.4.2?').kind).toBe('new-version');
    expect(kindOf('', 'In de haven van Rotterdam geeft de scanner een foutmelding.').cues).toContain('foutmelding');
    expect(kindOf('', 'We haven\'t any errors, the export just stopped.').cues).not.toContain('errors');
  });

  it('reads "geen … meer" told as a statement as something that stopped: a defect, but not "geen vragen meer"', () => {
    expect(kindOf('', 'Sinds maandag krijgen ouders geen pushmeldingen meer van de app.').cues).toContain('geen … meer');
    expect(kindOf('', 'We ontvangen geen orders meer.').kind).toBe('defect');
    expect(kindOf('', 'Ik heb geen vragen meer, bedankt.').cues).not.toContain('geen … meer');
    expect(kindOf('', 'Het kost geen tijd meer dan nodig.').cues).not.toContain('geen … meer');
    expect(kindOf('', 'Krijgen we geen updates meer?').cues).not.toContain('geen … meer');
  });

  it('does not count a negated cue: "geen foutmelding" is no evidence of a defect', () => {
    const negated = kindOf('', 'Er komt geen foutmelding.');
    expect(negated.scores['defect']).toBeUndefined();
    expect(kindOf('', 'Nothing broken, just the training.').scores['defect']).toBeUndefined();
    expect(kindOf('', 'Niets kapot, alleen de training.').scores['defect']).toBeUndefined();
    expect(kindOf('', 'Er komt een foutmelding.').scores['defect']).toBeGreaterThan(0);
  });

  it('counts a setting mentioned in passing in a defect less than a question about it', () => {
    const statement = kindOf('', 'We hebben de export ingesteld zoals altijd.');
    const question = kindOf('', 'Hoe moeten we de export instellen?');
    expect(question.kind).toBe('how-to');
    expect((statement.scores['how-to'] ?? 0)).toBeLessThan(question.scores['how-to'] ?? 0);
  });

  it('is sure of a defect when the runner-up has no more than one weak cue ("kunnen jullie kijken?" is no wish)', () => {
    const terse = kindOf('loonstroken oktober', 'De loonstroken kloppen niet. Kunnen jullie kijken?');
    expect([terse.kind, terse.certain]).toEqual(['defect', true]);
    expect(terse.scores['feature-request']).toBeUndefined();
  });

  it('takes evidence away from a defect when the customer clears the product ("works fine", "by design")', () => {
    const cleared = kindOf('', 'Our sync fails with a timeout. Connect itself works fine when called directly, so what should we change in our middleware?');
    const plain = kindOf('', 'Our sync fails with a timeout. What should we change in our middleware?');
    expect(cleared.scores['defect'] ?? 0).toBeLessThan(plain.scores['defect'] ?? 0);
    expect(cleared.kind).toBe('own-implementation');
  });

  it('weighs failures less against a well-evidenced own implementation, unless the fault is placed in the product', () => {
    const own = 'We built a Lambda handler that receives the webhooks. It fails with a timeout error and events are missing. Could you review our handler and tell us what we are doing wrong?';
    expect(kindOf('', own).kind).toBe('own-implementation');
    // The same failures placed in the product (a regression after its update) keep their weight.
    const placed = 'Since the update to Connect 3.1 our handler gets a timeout error and events are missing, contrary to the documentation.';
    expect(kindOf('', placed).kind).toBe('defect');
  });

  it('reads "our Connect server" as the product on their server and "not our middleware" as no own implementation', () => {
    const withProducts = compileKindClassifier(undefined, ['Connect', 'veldhuis connect']);
    const text = 'Since the restart of our Connect server every webhook arrives three times. It is not our middleware.';
    expect(withProducts({ subject: '', body: text, hasErrorText: false, hasSteps: false }).scores['own-implementation']).toBeUndefined();
    expect(kindOf('', 'Since the restart of our sync server every webhook arrives three times.').scores['own-implementation']).toBeGreaterThan(0);
    // "ons eigen scherm in TMS" is their view of the product, not an implementation of theirs.
    const tms = compileKindClassifier(undefined, ['tms', 'haven tms'], null, ['tms', 'Haven TMS']);
    expect(tms({ subject: '', body: 'Op ons eigen scherm in TMS staan de zendingen gewoon met status.', hasErrorText: false, hasSteps: false }).scores['own-implementation']).toBeUndefined();
    expect(tms({ subject: '', body: 'Onze eigen koppeling waar TMS op leunt valt om.', hasErrorText: false, hasSteps: false }).scores['own-implementation']).toBeGreaterThan(0);
    // A word that only points to a product ("sftp" for the EDI connector) does not make the server the product's.
    const edi = compileKindClassifier(undefined, ['edi', 'haven edi', 'sftp', 'as2'], null, ['edi', 'Haven EDI']);
    const own = 'Vanochtend hebben we onze SFTP-server vervangen door een nieuwe VM.';
    expect(edi({ subject: '', body: own, hasErrorText: false, hasSteps: false }).scores['own-implementation']).toBeGreaterThan(0);
    expect(edi({ subject: '', body: 'Sinds de herstart van onze EDI server komen orders dubbel binnen.', hasErrorText: false, hasSteps: false }).scores['own-implementation']).toBeUndefined();
  });

  it('reads any how-question as a how-to, but not a complaint or a question of quantity', () => {
    const how = kindOf('', 'Ze heeft nog geen BSN. Hoe voeren we zo iemand in zodat we haar toch kunnen betalen?');
    expect(how.kind).toBe('how-to');
    expect(how.cues).toContain('(how …?)');
    for (const complaint of ['Hoe kan het dat de loonstrook leeg is?', 'How come the export is empty again?', 'How long will the fix take?']) {
      expect(kindOf('', complaint).cues).not.toContain('(how …?)');
    }
    // Only in a question: a statement that tells how something went is no request for advice.
    expect(kindOf('', 'Dit is hoe het misging: de export stopte halverwege.').cues).not.toContain('(how …?)');
  });

  it('knows requests that are neither a repair nor a version: paperwork, portal accounts, a case closed', () => {
    for (const body of [
      'Onze privacy officer vraagt om een actuele verwerkersovereenkomst en een overzicht van de subverwerkers.',
      'Could you send the current data processing agreement and your SOC 2 report for our vendor review?',
      'Onze collega is uit dienst; willen jullie zijn account voor het klantportaal blokkeren?',
      'Top, het afdrukken werkt weer. Bedankt voor de snelle hulp!',
    ]) expect(kindOf('', body).kind).toBe('other');
    // "It works again" negated after the verb is a complaint, not a case closed.
    expect(kindOf('', 'Het afdrukken werkt weer niet.').scores['other']).toBeUndefined();
  });

  it('reads a Dutch separable verb split by "te" as the verb ("in te stellen" is "instellen")', () => {
    const split = kindOf('', 'Wij willen graag weten hoe wij de afletterregels kunnen laten werken en hoe die in te stellen zijn.');
    expect(split.cues).toContain('instellen');
    expect(kindOf('', 'Is het mogelijk om een extra veld toe te voegen aan de urenstaat?').cues).toContain('(a wish)');
  });

  it('finds a failure cue in its inflections ("fail", "rejects", "mislukken"), not only as written', () => {
    expect(kindOf('', 'Only events with non-ASCII names fail; the receiver rejects them.').scores['defect']).toBeGreaterThan(0);
    expect(stemOf('failing')).toBe(stemOf('fails'));
    expect(stemOf('mislukken')).toBe(stemOf('mislukt'));
    // Only the clear symptoms: "issued" is no "issue".
    expect(kindOf('', 'The invoice was issued in EUR.').scores['defect']).toBeUndefined();
  });

  it('places the fault in the product when the customer quotes its documentation against it', () => {
    const quoted = kindOf('', 'Files with a space are skipped. The admin guide says any file matching *.csv is picked up.');
    expect(quoted.cues).toContain('(the documentation says)');
    const plain = kindOf('', 'Files with a space are skipped. Any file matching *.csv should be picked up.');
    expect(plain.cues).not.toContain('(the documentation says)');
    expect(quoted.scores['defect']).toBeGreaterThan(plain.scores['defect'] ?? 0);
  });

  it('reads "why can\'t the product…" as a missing capability, "why can\'t we…" as a failure', () => {
    expect(kindOf('', 'Waarom kan Finance nog steeds geen e-facturen met een pdf-bijlage verwerken?').kind).toBe('feature-request');
    expect(kindOf('', "Why on earth can't Finance consolidate our entities in one report?").cues).toContain('(why can’t it …?)');
    expect(kindOf('', 'Waarom kan ik sinds vanochtend niet meer inloggen?').cues).not.toContain('(why can’t it …?)');
    expect(kindOf('', "Why can't we save the invoice any more?").kind).not.toBe('feature-request');
  });

  it('lets a clearing phrase take back words, not the steps given; "it worked before" places the fault in the product', () => {
    const partial = kindOf('', 'Bij de parttimers is het saldo negatief. Fulltimers kloppen wel.', { hasSteps: true });
    expect(partial.kind).toBe('defect');
    expect(kindOf('', 'Het saldo verlof is negatief. Vorige maand was alles nog goed.').cues).toContain('was alles nog goed');
    // A bare noun is not read as an inflection of a cue: a change freeze is no "freezes".
    expect(kindOf('', 'Our IT department has a change freeze in December.').scores['defect']).toBeUndefined();
  });

  it('reads a question when a version comes out as a new-version request, and a way out of a failure as no how-to', () => {
    expect(kindOf('', 'When is Planner 4.6 planned to be released, and is the upgrade included in our subscription?').kind).toBe('new-version');
    const stuck = kindOf('', 'Opnieuw opstarten helpt niet. Hoe komen we hier vanaf?');
    expect(stuck.cues).not.toContain('(how …?)');
    expect(stuck.kind).toBe('defect');
  });

  it('needs a little less confidence for an own implementation over a defect than between other kinds', () => {
    const at065 = compileKindClassifier({ minConfidence: 0.65 }, [], null);
    const kindOf = (subject: string, body: string) => at065({ subject, body, hasErrorText: false, hasSteps: false, hasVersion: false });
    const own = kindOf('', 'We built a Lambda handler for the webhooks. It fails with a timeout error and events are missing since Monday. Could you review our handler?');
    expect([own.kind, own.certain]).toEqual(['own-implementation', true]);
    expect(own.confidence).toBeLessThan(0.65);
    // Closer still, it stays uncertain and a person decides.
    const closer = kindOf('', 'We built a Lambda handler for the webhooks. It fails with a timeout error and events are missing since Monday and the export is empty. Could you review our handler?');
    expect([closer.kind, closer.certain]).toEqual(['own-implementation', false]);
  });

  it('reads a clearing phrase negated after the verb, the Dutch order, as no clearing ("het klopt gewoon niet")', () => {
    const cleared = kindOf('', 'De totalen in de urenregistratie klopt gewoon.');
    const notCleared = kindOf('', 'De totalen in de urenregistratie klopt gewoon niet.');
    expect(cleared.scores['defect'] ?? 0).toBe(0);
    expect(notCleared.scores['defect']).toBeGreaterThan(0);
    expect(notCleared.kind).toBe('defect');
  });

  it('counts what should be right only when it is negated ("the totals don\'t add up", "niet juist")', () => {
    expect(kindOf('', 'The VAT figures in the report don\'t look right to me.').kind).toBe('defect');
    expect(kindOf('', 'De bedragen op de loonstrook zijn niet juist.').kind).toBe('defect');
    expect(kindOf('', 'The VAT figures in the report look right to me.').scores['defect']).toBeUndefined();
    expect(kindOf('', 'De bedragen op de loonstrook zijn juist.').scores['defect']).toBeUndefined();
  });

  it('reads a wish whatever the word order, but not a failure to add something', () => {
    expect(kindOf('', 'Any chance you could add a Slack notification when someone requests a swap?').kind).toBe('feature-request');
    expect(kindOf('', 'Sinds de update kunnen we geen medewerkers meer toevoegen, het werkt niet.').kind).toBe('defect');
  });

  it('leans to a defect when the ticket quotes an error text and steps', () => {
    const bare = kindOf('', 'Het saldo.');
    const withEvidence = kindOf('', 'Het saldo.', { hasErrorText: true, hasSteps: true });
    expect(bare.certain).toBe(false);
    expect(withEvidence.kind).toBe('defect');
  });

  it('is uncertain, naming both candidates, when a how-to and a defect weigh the same', () => {
    const mixed = kindOf('', 'Hoe stel ik dit in? Het werkt niet.');
    expect(mixed.certain).toBe(false);
    expect([...mixed.candidates].sort()).toEqual(['defect', 'how-to']);
  });

  it('takes a well-evidenced, complete defect with a how-to question beside it for a defect (the question can be split off)', () => {
    const body = 'Sinds de upgrade crasht het afdrukken van facturen met een foutmelding, het werkt niet meer. Los daarvan: hoe stel ik de nummering in? En hoe moeten we de btw-codes inrichten?';
    const mixed = kindOf('', body, { hasErrorText: true, hasSteps: true, hasVersion: true });
    expect([mixed.kind, mixed.certain]).toEqual(['defect', true]);
    expect(mixed.cues).toContain('(a defect with a question beside it)');
    expect(kindOf('', body).certain).toBe(false);
    // Without a version the defect is not complete: no bet on it, a person decides.
    expect(kindOf('', body, { hasErrorText: true, hasSteps: true }).certain).toBe(false);
  });

  it('reads a clear symptom denied right before it ("nothing broken", "niets vast") as evidence against a defect', () => {
    const training = 'Three night planners missed the training sessions. Nothing broken, just the training. Can you quote a remote session?';
    expect(kindOf('', training.replace(' Nothing broken, just the training.', '')).kind).toBe('defect');
    const denied = kindOf('', training);
    expect(denied.kind).not.toBe('defect');
    expect(denied.scores.defect ?? 0).toBeLessThan(2);
    expect(kindOf('', 'De nummering loopt vast. Hoe stel ik de nummering in?').certain).toBe(false);
    expect([kindOf('', 'Er loopt niets vast. Hoe stel ik de nummering in?').kind, kindOf('', 'Er loopt niets vast. Hoe stel ik de nummering in?').certain]).toEqual(['how-to', true]);
    // The negation of another word is no denial: "nothing works since the update" reports one.
    expect(kindOf('', 'Nothing works since the update, it is broken.').scores.defect).toBe(3);
  });

  it('takes a reproduced defect (error text, steps and version) that leads the cues for a defect with a question beside it, however few its words', () => {
    const body = 'Bij de incassorun zijn alle leden 34,95 afgeschreven; het tarief is 29,95, dat is fout. Hoe corrigeren we dit?';
    const reproduced = kindOf('', body, { hasErrorText: true, hasSteps: true, hasVersion: true });
    expect([reproduced.kind, reproduced.certain]).toEqual(['defect', true]);
    expect(reproduced.cues).toContain('(a defect with a question beside it)');
    // Without the steps the defect leads by less than a clear cue: left open.
    expect(kindOf('', body, { hasErrorText: true, hasVersion: true }).certain).toBe(false);
    // The question leads: no defect to take.
    expect(kindOf('', body).kind).toBe('how-to');
    // No question beside it: the trace names none.
    const alone = kindOf('', 'Bij de incassorun zijn alle leden 34,95 afgeschreven; het tarief is 29,95, dat is fout. Het werkt niet.', { hasErrorText: true, hasSteps: true, hasVersion: true });
    expect([alone.kind, alone.certain]).toEqual(['defect', true]);
    expect(alone.cues).not.toContain('(a defect with a question beside it)');
  });

  it('takes a complete defect with less evidence for the request when the customer marks the question as a separate matter', () => {
    const body = 'Na ondertekening blijft de status op "Wacht op handtekening" staan, het is een probleem.\n\nEn een tweede vraagje: hoe kan ik in het sjabloon het veld functieschaal toevoegen?';
    const marked = kindOf('', body, { hasErrorText: true, hasSteps: true, hasVersion: true });
    expect([marked.kind, marked.candidates[1]]).toEqual(['defect', 'feature-request']);
    expect(marked.cues).toContain('(a defect with a question beside it)');
    // Unmarked, the question weighs as much as the defect: left open.
    expect(kindOf('', body.replace('En een tweede vraagje: ', ''), { hasErrorText: true, hasSteps: true, hasVersion: true }).certain).toBe(false);
  });

  it('takes "side question", "by the way", "trouwens" and "tussendoor" as marking the question as a separate matter', () => {
    const defect = 'Sinds 6.11 klopt de bezetting per deur niet meer: bij een uitscan staat deur 2 op -1.';
    for (const marker of ['Side question: is there a way to import a guest list?', 'Trouwens, hoe importeer ik een gastenlijst?', 'Vraagje tussendoor: hoe importeer ik een gastenlijst?']) {
      const marked = kindOf('', `${defect}\n${marker}`, { hasErrorText: false, hasSteps: true, hasVersion: true });
      expect(marked.cues).toContain('(a defect with a question beside it)');
    }
  });

  it('takes a complete defect with a question about their own report beside it for a defect too', () => {
    const body = 'Sinds de upgrade crasht het afsluiten van de periode met foutmelding LED-2290, het werkt niet meer. Los daarvan: moet ik voor de liquiditeit per locatie ons eigen rapport en onze eigen view maken?';
    const mixed = kindOf('', body, { hasErrorText: true, hasSteps: true, hasVersion: true });
    expect([mixed.kind, mixed.certain]).toEqual(['defect', true]);
    expect(mixed.cues).toContain('(a defect with a question beside it)');
  });

  it('reads "our/onze … script, koppeling, view" and pasted code as the customer\'s own implementation', () => {
    expect(kindOf('', 'Onze exportkoppeling naar het datawarehouse faalt.').cues).toContain('onze … exportkoppeling');
    // A compound ends in a whole artifact word, not in a short one inside another word.
    expect(kindOf('', 'The numbers on our weekly overview are off.').scores['own-implementation']).toBeUndefined();
    expect(kindOf('', 'Onze cashflow klopt niet.').scores['own-implementation']).toBeUndefined();
    const code = kindOf('', 'SELECT a FROM b\nJOIN c ON c.id = b.id\nwhy are there duplicates?');
    expect(code.scores['own-implementation']).toBeGreaterThanOrEqual(3);
  });

  it('takes cue words an admin adds and drops the ones removed', () => {
    const tuned = compileKindClassifier({ 'how-to': { add: ['inregelsessie'] }, defect: { remove: ['storing'] } });
    expect(tuned({ subject: '', body: 'Graag een inregelsessie', hasErrorText: false, hasSteps: false }).kind).toBe('how-to');
    expect(tuned({ subject: '', body: 'storing', hasErrorText: false, hasSteps: false }).scores['defect']).toBeUndefined();
  });
});

describe('the learned model settles a kind the cues leave open', () => {
  // A toy model, so that these tests do not move when the built-in one is retrained.
  const model = (weights: Record<string, number>): KindModel => ({ version: 1, trainedOn: 'test', bias: 0, weights });
  const withModel = (m: KindModel | null, tuning?: { learned?: boolean }) => (body: string) =>
    compileKindClassifier(tuning, ['Finance'], m)({ subject: '', body, hasErrorText: false, hasSteps: false, hasVersion: false });
  const open = 'Hoe stel ik dit in? Het werkt niet.';

  it('takes the candidate on the side the model is sure of, and says so', () => {
    const covered = withModel(model({ werkt_niet: 3 }))(open);
    expect([covered.kind, covered.certain, covered.candidates]).toEqual(['defect', true, ['defect', 'how-to']]);
    expect(covered.cues).toEqual(['(learned: covered 0.95, "werkt niet")']);
    expect(covered.learned?.covered).toBe(0.95);
    const notCovered = withModel(model({ stel_ik: -3 }))(open);
    expect([notCovered.kind, notCovered.certain]).toEqual(['how-to', true]);
    expect(notCovered.cues.at(-1)).toBe('(learned: not covered 0.95, "stel ik")');
  });

  it('leaves the kind open when the model is not sure (below 0.8 either way), and shows its odds', () => {
    const unsure = withModel(model({ werkt_niet: 1 }))(open);
    expect([unsure.certain, unsure.learned?.covered]).toEqual([false, 0.73]);
    expect(withModel(model({ werkt_niet: 1.4 }))(open).certain).toBe(true);
    // The raw probability decides, the same on both sides: 0.795 is not 0.8, 0.2 is.
    expect(withModel(model({ werkt_niet: 1.356 }))(open).certain).toBe(false);
    expect(withModel(model({ werkt_niet: -Math.log(4) }))(open).certain).toBe(true);
  });

  it('settles below 0.8 only an uncovered kind the cues lean to, when the model leans the same way (0.6)', () => {
    // The cues lean to how-to (4.5 against 3), not sure enough (0.6).
    expect(withModel(null)(open)).toMatchObject({ kind: 'how-to', certain: false });
    const agreed = withModel(model({ werkt_niet: -0.5 }))(open);
    expect([agreed.kind, agreed.certain, agreed.cues.at(-1)]).toEqual(['how-to', true, '(learned: not covered 0.62, "werkt niet")']);
    expect(withModel(model({ werkt_niet: -0.2 }))(open).certain).toBe(false);
  });

  it('leaves product names out of what it weighs', () => {
    expect(withModel(model({ finance: 5 }))(`${open} Finance`).certain).toBe(false);
  });

  it('is not asked when the cues are sure, or when both candidates are on one side', () => {
    const sure = withModel(model({ hoe: -9 }))('Sinds de update crasht Finance bij het boeken, het werkt niet meer.');
    expect([sure.kind, sure.learned]).toEqual(['defect', undefined]);
    // A how-to or the customer's own implementation: advisory either way.
    const advisory = withModel(model({ script: 9 }))('Hoe richt ik onze koppeling in? Hoe moeten we het script instellen? Onze middleware en ons script.');
    expect([advisory.certain, advisory.candidates, advisory.learned]).toEqual([false, ['own-implementation', 'how-to'], undefined]);
  });

  it('sends a covered kind the cues are sure of to a person when the model is as sure it is not covered, and overrules it when surer', () => {
    const defectWords = 'Sinds de update crasht Finance bij het boeken, het werkt niet meer. Kunnen jullie de btw-code voor ons aanpassen?';
    const doubted = withModel(model({ voor_ons: -2.2 }))(defectWords);
    expect([doubted.kind, doubted.certain, doubted.candidates]).toEqual(['defect', false, ['defect', 'other']]);
    expect(doubted.cues.at(-1)).toBe('(learned: not covered 0.9, "voor ons")');
    // The runner-up named is the uncovered kind with the most evidence, when there is one.
    const howTo = withModel(model({ instellen: -2.2 }))('Sinds de update crasht Finance bij het boeken, het werkt niet meer. Graag uitleg over het instellen van de rapportage.');
    expect(howTo.candidates).toEqual(['defect', 'how-to']);
    // At 0.95 or more the model's side wins, and the trace says why.
    const overruled = withModel(model({ instellen: -3 }))('Sinds de update crasht Finance bij het boeken, het werkt niet meer. Graag uitleg over het instellen van de rapportage.');
    expect([overruled.kind, overruled.certain, overruled.candidates]).toEqual(['how-to', true, ['how-to', 'defect']]);
    expect(overruled.cues).toEqual(['(learned: not covered 0.95, "instellen")']);
    // A complete defect with a question beside it is the procedure's to cover: a person decides.
    const complete = compileKindClassifier(undefined, ['Finance'], model({ instellen: -5 }))({
      subject: '', body: 'Sinds de upgrade crasht het boeken met een foutmelding, het werkt niet meer. Los daarvan: hoe kan ik de rapportage instellen?', hasErrorText: true, hasSteps: true, hasVersion: true,
    });
    expect([complete.kind, complete.certain, complete.candidates]).toEqual(['defect', false, ['defect', 'how-to']]);
    // Not sure enough (0.73), or the other way round: the cues stand.
    expect(withModel(model({ voor_ons: -1 }))(defectWords).certain).toBe(true);
    const agreed = withModel(model({ voor_ons: 3 }))(defectWords);
    expect([agreed.certain, agreed.learned]).toEqual([true, undefined]);
    const ownWork = 'Ons script en onze koppeling geven een fout. Onze middleware, ons script.';
    expect(withModel(model({ script: 9 }))(ownWork).certain).toBe(true);
  });

  it('is off with kinds.learned: false, or without a model', () => {
    expect(withModel(model({ werkt_niet: 3 }), { learned: false })(open).certain).toBe(false);
    expect(withModel(null)(open).certain).toBe(false);
  });
});

describe('a forwarded mail below the customer\'s own words', () => {
  const classify = compileKindClassifier(undefined, [], null);
  const own = 'Goedemorgen, hieronder een klacht van een eigenaar. Ik heb het zelf ook geprobeerd: bij klikken op een document komt de melding "Dit document is niet beschikbaar (403)". Dat geldt voor alle documenten.';
  const forwarded = 'Geachte heer/mevrouw, ik krijg de stukken niet open in de app. Hoe kan ik de begroting nu inzien voor de vergadering?';
  it('asks nothing of the vendor with the questions someone else asked the customer', () => {
    const body = `${own}\n\n${forwarded}`;
    const asForward = classify({ subject: 'Fwd: Stukken ALV', body, hasErrorText: true, hasSteps: false, forwardedAt: own.length + 2 });
    const asOwn = classify({ subject: 'Fwd: Stukken ALV', body, hasErrorText: true, hasSteps: false });
    expect(asForward.kind).toBe('defect');
    expect(asForward.scores['how-to'] ?? 0).toBeLessThan(asOwn.scores['how-to'] ?? 0);
  });
});

describe('a build or firmware asked for by its number', () => {
  const classify = compileKindClassifier(undefined, [], null);
  it.each([
    'Could you please provide the 5.6.2 build (IPA and APK) so we can roll it out next week?',
    'Kunnen jullie firmware 4.3.1 voor onze kastjes klaarzetten?',
  ])('is a request for a new version: %s', (body) => {
    expect(classify({ subject: 'Request', body, hasErrorText: false, hasSteps: false }).scores['new-version'] ?? 0).toBeGreaterThanOrEqual(3);
  });
  it('is not, when the build is something to make ("could you build an export to Excel?")', () => {
    expect(classify({ subject: 'Export', body: 'Could you build an export to Excel for the rent roll?', hasErrorText: false, hasSteps: false }).scores['new-version']).toBeUndefined();
  });
});

describe('what spoke against the winning kind', () => {
  it('is given with the runner-up\'s cues, for an administrator tuning `kinds`', () => {
    const classify = compileKindClassifier(undefined, [], null);
    const v = classify({ subject: 'Vraag', body: 'Hoe stel ik de herinneringen in? Sinds gisteren krijg ik een foutmelding bij opslaan.', hasErrorText: false, hasSteps: false });
    expect(v.against?.kind).toBe(v.candidates[1]);
    expect(v.against?.cues.length).toBeGreaterThan(0);
  });
  it('is absent when no other kind had a cue', () => {
    const classify = compileKindClassifier(undefined, [], null);
    expect(classify({ subject: 'Vraag', body: 'Hoe stel ik de herinneringen in?', hasErrorText: false, hasSteps: false }).against).toBeUndefined();
  });
});

describe('"we missen" as a loss and as a wish', () => {
  const classify = compileKindClassifier(undefined, [], null);
  it('is no wish for data that stopped coming ("We missen nu een week opbrengstgegevens")', () => {
    const v = classify({ subject: 'Box doet niks meer', body: 'De box is stil sinds de update. We missen nu een week opbrengstgegevens.', hasErrorText: false, hasSteps: false });
    expect(v.scores['feature-request']).toBeUndefined();
  });
  it('is a wish for a function the product lacks ("we missen een optie om …")', () => {
    const v = classify({ subject: 'Planbord', body: 'In het planbord missen we een optie om monteurs per regio te filteren.', hasErrorText: false, hasSteps: false });
    expect(v.scores['feature-request']).toBeGreaterThanOrEqual(3);
  });
});

describe('a built-in cue that is one of the vendor\'s catalogue words', () => {
  const body = 'Sinds de update klopt de opbrengstberekening in de offerte niet meer: 11.900 kWh in plaats van 7.600 kWh.';
  it('says which part of the product, not which kind ("offerte" of a module "Offertes & Verkoop")', () => {
    const plain = compileKindClassifier(undefined, [], null)({ subject: 'Offerte', body, hasErrorText: false, hasSteps: false });
    const quoting = compileKindClassifier(undefined, [], null, undefined, ['offertes verkoop', 'offerte', 'offertes'])({ subject: 'Offerte', body, hasErrorText: false, hasSteps: false });
    expect(plain.scores['other']).toBeGreaterThan(0);
    expect(quoting.scores['other']).toBeUndefined();
  });
  it('still counts when the administrator adds it', () => {
    const added = compileKindClassifier({ other: { add: ['offerte'] } }, [], null, undefined, ['offerte'])({ subject: 'Offerte', body: 'Graag een offerte voor 20 extra licenties.', hasErrorText: false, hasSteps: false });
    expect(added.scores['other']).toBeGreaterThanOrEqual(3);
  });
});

describe('a failure reproduced with its error text and steps', () => {
  const body = "Als ik één regel van factuur 2026-1187 met 10% korting wil crediteren krijg ik 'Creditnota kan niet worden aangemaakt (FAC-212)'. Wat ik doe: Facturatie > Crediteren > Aanmaken. Ik weet dat ons contract vandaag afloopt, de verlenging ligt nog bij Henk.";

  it('is the report: a contract, a discount and a renewal beside it are context', () => {
    const reproduced = kindOf('Creditnota lukt niet', body, { hasErrorText: true, hasSteps: true, hasVersion: true });
    expect(reproduced.kind).toBe('defect');
    expect(reproduced.scores['other']).toBe(3);
  });

  it('leaves those words their weight without the steps, and in a request about the contract itself', () => {
    expect(kindOf('Creditnota lukt niet', body, { hasErrorText: true, hasVersion: true }).scores['other']).toBe(6);
    expect(kindOf('Verlenging', 'Graag een offerte voor de verlenging van ons contract met korting.').kind).toBe('other');
  });
});
