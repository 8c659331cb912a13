// How a vendor InScope was not tuned on writes its versions: product names with accents, a lone
// "3.13.2" in a field of its own, two versions read as surely as each other, and references to the
// vendor's own Jira issues that look like message codes.
import { describe, expect, it } from 'vitest';
import { findErrorText, findSteps, findVersion, findVersionHint } from '../../rules/builtin-facts.js';
import { compileKindClassifier } from '../../rules/classify-kind.js';
import { sameNumbering } from '../../rules/version-range.js';
import type { RulesConfig } from '../../rules/index.js';
import { contractDef, engineFor, reason, workItem } from './builders.js';

describe('findVersion on a new vendor\'s text', () => {
  it('finds the number after a product name written with accents or a hyphen', () => {
    expect(findVersion('Sinds de update naar Vonk Röntgen 6.4 zijn de foto\'s gespiegeld', ['vonk rontgen'], ['vonk rontgen']).value).toBe('6.4');
    expect(findVersion('Our Veldhuis-Finance 9.4 install', ['veldhuis finance'], ['veldhuis finance']).value).toBe('9.4');
  });

  it('takes a lone three-part number of a known product as its version', () => {
    expect(findVersion('App: 3.13.2 (build 893), Android 14.', ['akker veld'], ['akker veld']).value).toBe('3.13.2');
  });

  it('does not, when the product is unknown, the customer says "the latest", or the number is another maker\'s', () => {
    expect(findVersion('App: 3.13.2 (build 893)', [], ['akker veld']).value).toBeUndefined();
    const claimed = findVersion('App 3.13.2 op de tablet; de server staat op de laatste versie', ['akker veld'], ['akker veld']);
    expect([claimed.value, claimed.claimed]).toEqual([undefined, 'de laatste versie']);
    expect(findVersion('The clients run .NET 4.8.1 and Chrome', ['akker veld'], ['akker veld']).value).toBeUndefined();
    expect(findVersion('iPad: iPadOS 17.6.1, sensor SN KP-3320-118', ['pols meet'], ['pols meet']).value).toBeUndefined();
    // Another maker's name right after the number counts as well as one before it.
    expect(findVersion('Op de tablet staat 17.6.1 iPadOS, de app start niet', ['pols meet'], ['pols meet']).value).toBeUndefined();
    expect(findVersion('Samsung Galaxy Tab A8 (Android 13.0.1), the Meet app freezes', ['pols meet'], ['pols meet']).value).toBeUndefined();
    expect(findVersion('BK1-PC     11 Pro 23H2     4.8.1     ja', ['akker veld'], ['akker veld']).value).toBeUndefined();
    // Two plain numbers: neither is singled out.
    expect(findVersion('3.13.2 on one tablet, 3.14.0 on the other', ['akker veld'], ['akker veld']).value).toBeUndefined();
  });

  it('names a rival when two numbers are read as surely, and none when one is read more surely', () => {
    const two = findVersion('De box (firmware 4.03) start opnieuw op; de andere boxen (4.07) niet.', ['firmware', 'boxen'], ['firmware', 'boxen']);
    expect([two.value, two.rival]).toEqual(['4.07', '4.03']);
    const one = findVersion('In het DC draaien we nog Voorraad 5.9 (de winkels zitten al op 6.3).', ['voorraad'], ['voorraad']);
    expect([one.value, one.rival]).toEqual(['5.9', undefined]);
    expect(findVersion('Finance 9.4 (9.4.1 according to Help > About)', ['finance'], ['finance']).rival).toBeUndefined();
  });
});

describe('releases counted in whole numbers or with a patch letter', () => {
  const bedrijf = ['akker bedrijf', 'bedrijf'];
  it('reads "release 48", "r46" and "Bedrijf 49" when the product\'s contracts count whole releases', () => {
    expect(findVersion('But since the update to release 48 every delivery fails', bedrijf, bedrijf, true).value).toBe('48');
    expect(findVersion('Sinds de oktober-release (r48) liggen de percelen verschoven', bedrijf, bedrijf, true).value).toBe('48');
    // The product's name beside the number outranks a release mentioned in passing, as with dotted versions.
    expect(findVersion('Sinds de november-release (Akker Bedrijf 49) klopt het niet. Met release 48 ging het goed.', bedrijf, bedrijf, true).value).toBe('49');
    expect(findVersion('We zijn van release 47 naar release 48 gegaan', bedrijf, bedrijf, true).value).toBe('48');
  });

  it('does not, when the contracts count versions with a dot or in years, or the number is another thing', () => {
    expect(findVersion('In release 48 every delivery fails', bedrijf, bedrijf, false).value).toBeUndefined();
    expect(findVersion('In release 48 every delivery fails', bedrijf, bedrijf, true).value).toBe('48');
    // "Versie 7" of a product whose contracts count 7.2 may be 7.0 or 7.4: no version.
    expect(findVersion('Sinds de update naar versie 7 werkt het niet', ['payroll'], ['payroll'], false).value).toBeUndefined();
    expect(findVersion('Kassa 3 in filiaal Zeist geeft een fout', ['kassa'], ['kassa'], false).value).toBeUndefined();
    expect(findVersion('Android versie 14 op de tablet, release 2 van de handleiding', bedrijf, bedrijf, true).value).toBeUndefined();
  });

  it('reads "Export E8b" and "Export 6d" as 8.2 and 6.4, but not a declaration type "T2"', () => {
    const exportWords = ['akker export', 'export'];
    expect(findVersion('Akker Export E8b > Melkgeld > Exporteren', exportWords, exportWords).value).toBe('8.2');
    expect(findVersion('Our Export 6d writes the wrong VAT column', exportWords, exportWords).value).toBe('6.4');
    expect(findVersion('Type aangifte T2 wordt als T1 verstuurd', ['aangifte'], ['aangifte']).value).toBeUndefined();
  });

  it('leaves a lone three-part number alone when another number is written as a version, but not for its own build', () => {
    const box = ['akker box', 'de box'];
    expect(findVersion('terminal software 4.1.3 in de trekker\nBox: FW 4.7.', box, box).value).toBeUndefined();
    expect(findVersion('App version on this tablet: 3.7.2 (build 741).', ['akker veld'], ['akker veld']).value).toBe('3.7.2');
  });
});

describe('what a new vendor\'s customers say about their version and steps', () => {
  it('reads no version, and sees none to check, when the customer says they do not know it', () => {
    const box = ['akker box', 'de box'];
    const text = 'Bij trekker 31 (terminal software 02.20.05) knippert de box rood. Welke firmware erop staat weet ik niet, de chauffeur is op pad.';
    expect(findVersion(text, box, box).value).toBeUndefined();
    expect(findVersionHint('Welke versie we hebben weet ik niet, build 881 misschien')).toBeUndefined();
    expect(findVersionHint("I'm not sure which version, the app says build 881")).toBeUndefined();
  });

  it('finds a steps heading inside a paragraph, with the recipe after it', () => {
    expect(findSteps('Example: order 24-11-0177, 06:10-14:40. Steps: start order in the app, work more than 6 hours, stop, sync.')).toContain('Steps: start order');
    expect(findSteps('Het gaat fout. Stappen: zie bijlage.')).toBeUndefined();
  });
});

describe('release parts and contracts as a new vendor writes them', () => {
  it('reads "8 update 5", "V8U5" and "firmware 2026-09" as one number', () => {
    const vloot = ['anker vloot', 'vloot'];
    expect(findVersion('Vloot 8 update 5 boekt de borg dubbel', vloot, vloot).value).toBe('8.5');
    expect(findVersion('In Vloot (V8U5, vorige maand geupdate) lukt het niet', vloot, vloot).value).toBe('8.5');
    expect(findVersion('De zuil draait firmware 2026-09 sinds september', ['anker poort'], ['anker poort']).value).toBe('2026.09');
    expect(findVersion('Sinds 3 updates van Windows', vloot, vloot).value).toBeUndefined();
    expect(findVersion('Op 2026-09-14 ging het mis', ['anker poort'], ['anker poort']).value).toBeUndefined();
  });

  const contract = (products: { product: string; versions?: string[] }[]) => contractDef({ products });
  const rules: Pick<RulesConfig, 'completeness' | 'coverage'> = {
    completeness: [
      { id: 'product-known', require: { fact: 'product', present: true }, missing: reason('Which product?') },
      { id: 'version-known', require: { fact: 'version', present: true }, missing: reason('Which version?') },
    ],
    coverage: [
      { id: 'outside', when: { contract: ['product-not-covered', 'version-out-of-support'] }, verdict: 'advisory', reason: reason('Outside') },
      { id: 'defect', when: { contract: 'active' }, verdict: 'covered', reason: reason('Defect') },
    ],
  };
  const products = [{ id: 'haven', name: 'Anker Haven' }, { id: 'vloot', name: 'Anker Vloot' }, { id: 'boeken', name: 'Anker Boeken', versioned: false }, { id: 'paynovo', name: 'Paynovo' }];

  it('covers a product listed twice in a contract by either range', () => {
    const engine = engineFor({ ...rules, products, contracts: [contract([{ product: 'haven', versions: ['25.4'] }, { product: 'haven', versions: ['>=26.2'] }])] });
    expect(engine.triage(workItem({ description: 'Anker Haven 25.4 rekent de walstroom dubbel.' })).outcome).toBe('covered');
    expect(engine.triage(workItem({ description: 'Anker Haven 26.3 rekent de walstroom dubbel.' })).outcome).toBe('covered');
    expect(engine.triage(workItem({ description: 'Anker Haven 26.1 rekent de walstroom dubbel.' })).outcome).toBe('advisory');
  });

  it('takes the contract\'s only product with versions when the ticket gives a version and names none', () => {
    const engine = engineFor({ ...rules, products, contracts: [contract([{ product: 'vloot', versions: ['>=8.0'] }, { product: 'boeken' }])] });
    const v = engine.triage(workItem({ description: 'Sinds V8U5 lukt het terugboeken van de borg niet meer.' }));
    expect([v.outcome, v.facts['product']?.value, v.facts['product']?.source]).toEqual(['covered', 'vloot', 'contract']);
    expect(engine.triage(workItem({ description: 'Het terugboeken van de borg lukt niet meer.' })).missing.map((m) => m.id)).toEqual(['product-known', 'version-known']);
  });

  it('names the product by the name without the brand when an update follows it ("Vloot 8 update 5")', () => {
    const engine = engineFor({ ...rules, products, contracts: [contract([{ product: 'haven', versions: ['>=25.4'] }, { product: 'vloot', versions: ['>=8.0'] }])] });
    const v = engine.triage(workItem({ description: 'Version: Vloot 8 update 5. The fuel surcharge is missing when a hire is extended.' }));
    expect([v.outcome, v.facts['product']?.value, v.facts['version']?.value]).toEqual(['covered', 'vloot', '8.5']);
  });

  it('reads "Haven 26.3" by the name without the brand, though the catalogue lists another maker\'s product', () => {
    const engine = engineFor({ ...rules, products, contracts: [contract([{ product: 'haven', versions: ['>=25.4'] }, { product: 'vloot', versions: ['>=8.0'] }])] });
    const v = engine.triage(workItem({ description: 'Na de 2026 Q3 release (Haven 26.3) staat de walstroom dubbel op de nota.' }));
    expect([v.outcome, v.facts['version']?.value]).toEqual(['covered', '26.3']);
  });
});

describe('a version numbered otherwise than the contract counts the product', () => {
  it('tells a year-numbered product\'s versions from another kind of number', () => {
    expect(sameNumbering('5.12', ['>=2025.6'])).toBe(false);
    expect(sameNumbering('2026.09', ['>=2025.6'])).toBe(true);
    expect(sameNumbering('25.2.118', ['>=2024.1'])).toBe(true);
    expect(sameNumbering('2026.09', ['>=4.05'])).toBe(false);
    expect(sameNumbering('4.03', ['>=4.05'])).toBe(true);
  });

  it('sends the ticket to a person instead of refusing it as a release too old', () => {
    const engine = engineFor({
      completeness: [{ id: 'version-known', require: { fact: 'version', present: true }, missing: reason('Which version?') }],
      coverage: [
        { id: 'outside', when: { contract: 'version-out-of-support' }, verdict: 'advisory', reason: reason('Outside') },
        { id: 'defect', when: { contract: 'active' }, verdict: 'covered', reason: reason('Defect') },
      ],
      facts: { product: { words: { poort: ['poort', 'zuil'] } } },
      contracts: [contractDef({ products: [{ product: 'poort', versions: ['>=2025.6'] }] })],
    });
    const v = engine.triage(workItem({ description: 'De zuil weigert pasjes, versie 5.12 volgens het servicemenu.' }));
    expect(v.outcome).toBe('review');
    expect(v.reasons[0]?.en).toContain('(5.12) is numbered otherwise than the contract counts this product\'s (>=2025.6)');
    expect(engine.triage(workItem({ description: 'De zuil weigert pasjes, versie 2024.11 volgens het servicemenu.' })).outcome).toBe('advisory');
  });
});

describe('a reference to another issue of the same Jira project', () => {
  it('is not an error text, while another prefix still is', () => {
    expect(findErrorText('Wat is de status van VNK-106? Ik heb niks meer gehoord.', 'VNK-125')).toBeUndefined();
    expect(findErrorText('Wat is de status van VNK-106?')).toContain('VNK-106');
    expect(findErrorText('Melding LSP-0420 Ongeldig BSN, zie ook VNK-106', 'VNK-101')).toContain('LSP-0420');
  });
});

describe('request kinds on a new vendor\'s text', () => {
  it('reads a question about an earlier request\'s progress as another kind of request', () => {
    const classify = compileKindClassifier(undefined, [], null);
    const v = classify({ subject: 'Re: declaraties afgekeurd', body: 'Wat is de status van mijn ticket over de declaraties? Ik heb nog niks gehoord.', hasErrorText: false, hasSteps: false, hasVersion: false, errorText: undefined });
    expect(v.kind).toBe('other');
  });

  it('reads "send us Veld 3.14.0" as a request for a version, by the last word of the product\'s name', () => {
    const classify = compileKindClassifier(undefined, ['Akker Veld'], null);
    const v = classify({ subject: 'apk', body: 'Kunnen jullie Akker Veld 3.14.0 als APK-bestand sturen?', hasErrorText: false, hasSteps: false, hasVersion: true, errorText: undefined });
    expect(v.cues).toContain('(asks for a version)');
  });
});

describe('two versions read as surely, which the contract treats differently', () => {
  const engine = engineFor({
    facts: { product: { words: { box: ['box', 'boxen', 'firmware'] } } },
    completeness: [{ id: 'version-known', require: { fact: 'version', present: true }, missing: reason('Which version?') }],
    coverage: [
      { id: 'outside', when: { contract: 'version-out-of-support' }, verdict: 'advisory', reason: reason('Outside') },
      { id: 'defect', when: { contract: 'active' }, verdict: 'covered', reason: reason('Defect') },
    ],
    contracts: [contractDef({ products: [{ product: 'box', versions: ['>=4.05'] }] })],
  });
  it('go to a person, who is told which two', () => {
    const v = engine.triage(workItem({ description: 'De box (firmware 4.03) start om de 20 minuten opnieuw op met BOX-E02; de andere boxen (4.07) niet.' }));
    expect(v.outcome).toBe('review');
    expect(v.reasons[0]?.nl).toContain('de versie 4.07 of 4.03');
  });
});

describe('a yearly-released product\'s versions and an upgrade written with its codename\'s number', () => {
  it('reads "2025 R1" and "2026R2" as the year\'s releases, and not another maker\'s "Server 2012 R2"', () => {
    expect(findVersion('We zitten op Hof 2025 R1 (de upgrade naar 2026 R2 staat gepland).', ['hof'], ['hof']).value).toBe('2025.1');
    expect(findVersion('Sinds Hof 2026R2 gaat het mis', ['hof'], ['hof']).value).toBe('2026.2');
    expect(findVersion('De database staat op Windows Server 2012 R2', ['hof'], ['hof']).value).toBeUndefined();
  });

  it('takes the number an upgrade goes to when the number it comes from has its full form beside it', () => {
    expect(findVersion('We\'d like to upgrade from Duin Uitvaart 9.1 (9.1.2) to 10.2 in January.', ['duin uitvaart'], ['duin uitvaart']).value).toBe('10.2');
  });

  it('finds steps under a heading that says where ("Steps to reproduce on a test page:")', () => {
    expect(findSteps('Steps to reproduce on a test page:\nCreate a test page\nRemove one condolence\nEdit the page')).toBeDefined();
    expect(findSteps('Stappen om te reproduceren in de testomgeving:\ndossier openen, opslaan')).toBeDefined();
    expect(findSteps('Steps in the attachment: none')).toBeUndefined();
  });
});

describe('a product named by the tail of its name that is also its alias', () => {
  const products = [
    { id: 'duin-uitvaart', name: 'Duin Uitvaart', aliases: ['uitvaart'], modules: [{ id: 'planning', aliases: ['planning', 'aula'] }] },
    { id: 'duin-hof', name: 'Duin Hof', aliases: ['hof'], modules: [{ id: 'crematies', aliases: ['crematies'] }] },
    { id: 'duin-mobiel', name: 'Duin Mobiel' },
  ];
  const engine = engineFor({ products, contracts: [] });
  it('with its version after it ("Hof 2025 R1") is the product, over another product\'s module in the subject', () => {
    const v = engine.triage(workItem({ subject: 'Aula dubbel geboekt', description: 'Hof heeft geen waarschuwing gegeven. We zitten op Hof 2025 R1.' }));
    expect([v.facts['product']?.value, v.facts['version']?.value]).toEqual(['duin-hof', '2025.1']);
    // Without its version the alias is one mention, and the module in the subject names its product.
    expect(engine.triage(workItem({ subject: 'Aula dubbel geboekt', description: 'Hof heeft geen waarschuwing gegeven.' })).facts['product']?.value).toBe('duin-uitvaart');
  });
});

describe('error texts and versions as a campsite-software vendor\'s customers write them', () => {
  it.each([
    ['a log with the date first, day-month-year', 'In het logboek:\n09-11-2026 17:22:41  HOOFD-IN  geaccepteerd - openen\n09-11-2026 17:22:51  HOOFD-IN  relais timeout (10000 ms), opnieuw'],
    ['a log of times of day', 'Uit de log:\n17:22:41 HOOFD-IN openen\n17:22:51 HOOFD-IN relais timeout'],
    ['a short numbered error with its text', 'In Poort staat bij elke pas: fout 17: database vergrendeld, ook na een herstart.'],
    ['a short code the message shows', 'Zij kreeg een scherm met een code (code G-502) en geen bevestiging.'],
    ['a quoted short code', "Bij het openen komt foutmelding 'E-17' en dan sluit het scherm."],
    ['a quoted message that says something failed', 'Zij kreeg na het betalen een scherm met "Er ging iets mis. Uw betaling is ontvangen, neem contact op met de camping."'],
  ])('finds %s', (_, text) => {
    expect(findErrorText(text)).toBeDefined();
  });

  it('takes no date in a sentence, amount or postcode for an error text', () => {
    expect(findErrorText('Op 09-11-2026 om 17:22 kwam er een gast aan, de code voor de slagboom is 4471.')).toBeUndefined();
  });

  it('reads "10 Update 4" with a capital as 10.4, and asking to upgrade to it as asking for that version', () => {
    expect(findVersion('We draaien Riet Receptie 10 Update 4 sinds gisteren.', ['riet receptie'], ['riet receptie']).value).toBe('10.4');
    const classify = compileKindClassifier(undefined, ['Riet Receptie'], null);
    const v = classify({ subject: 'Upgrade Riet Receptie', body: "We'd like to upgrade Riet Receptie to 10 Update 4 for the whole chain.", hasErrorText: false, hasSteps: false, hasVersion: true, errorText: undefined });
    expect(v.kind).toBe('new-version');
  });
});

describe('steps, errors and upgrades as a green-sector vendor\'s customers write them', () => {
  it('finds a button pressed by its label, and what they did before it went wrong, as steps', () => {
    expect(findSteps('Bij allebei in de app op "Start ronde" gedrukt en na afloop op "Ronde beeindigen".')).toBeDefined();
    expect(findSteps("I clicked 'Save' and the screen went blank.")).toBeDefined();
    expect(findSteps('Ik heb route 2 vanmiddag aangepast (object toegevoegd en opgeslagen), daarna is het misgegaan.')).toBeDefined();
    expect(findSteps('De app zegt "Ronde afgerond", maar er is geen spoor.')).toBeUndefined();
  });

  it('finds a quoted message that says something could not be done', () => {
    expect(findErrorText('ik druk op opslaan en dan komt "Handtekening kon niet worden opgeslagen (fout 0x80)". bij 3 klanten')).toBeDefined();
    expect(findErrorText('In het overzicht staat 0,0 km bij elke ronde.')).toBeUndefined();
  });

  it('finds what the product shows, quoted after a verb of showing, whatever its words', () => {
    expect(findErrorText("De handhelds geven 'Onbekende code' bij geldige e-tickets.")).toContain('Onbekende code');
    expect(findErrorText('The gate display says "Already scanned" for tickets nobody used.')).toContain('Already scanned');
    // Or after a verb of refusing: what it refuses with is its message.
    expect(findErrorText("De scanners keuren geldige tickets af met 'Ongeldige barcode'.")).toContain('Ongeldige barcode');
    expect(findErrorText('The gate rejected them with "Ticket unknown" all evening.')).toContain('Ticket unknown');
    // A quote that is no message the product shows: a name, a label.
    expect(findErrorText('We noemen die voorstelling intern "De Grote Show" in de planning.')).toBeUndefined();
  });

  it('reads "Upgrade Boom to the autumn 2026 release" as asking for a version', () => {
    const classify = compileKindClassifier(undefined, ['Mos Boom'], null);
    const v = classify({ subject: 'Upgrade Boom to the autumn 2026 release', body: "Hi, when can we get it? We're still on Voorjaar 2025.", hasErrorText: false, hasSteps: false, hasVersion: false, errorText: undefined });
    expect(v.kind).toBe('new-version');
  });
});

describe('a reference number beside a message code', () => {
  it('is no error text ("Ref NG-INC-21131", "ons kenmerk ZK-2026-118")', () => {
    expect(findErrorText('Users say it is behaving strangely. We have no details yet.\nRef NG-INC-21131')).toBeUndefined();
    expect(findErrorText('Graag uw reactie, ons kenmerk ZK-2026-118.')).toBeUndefined();
    // A message code is still one, beside a reference or not.
    expect(findErrorText('Ref NG-INC-21131: the import stops with BNK-2041 Rekening onbekend')).toContain('BNK-2041');
  });
});

describe('a version the product\'s own pattern reads with the product\'s name in it', () => {
  const print = engineFor({
    products: [{ id: 'print', name: 'Plevier Print', aliases: ['rip'], versionPatterns: [{ pattern: String.raw`\bprint\s+(1\d\.\d+(?:\.\d+)?)\b`, version: '$1' }] }],
    completeness: [], coverage: [{ id: 'any', when: { contract: 'active' }, verdict: 'covered', reason: reason('Covered') }],
    contracts: [contractDef({ products: [{ product: 'print' }] })],
  });

  it('keeps the name tied to it, against another number told beside the name ("print workstation is on 12.5.1")', () => {
    const v = print.triage(workItem({
      subject: 'Nesting puts jobs on top of each other',
      description: 'Our print workstation is on 12.5.1, but the cutting workstation still runs Print 11.6.9 (LTS) because of the old plotter driver. On that machine nesting places jobs on top of each other.',
    }));
    expect(v.facts['version']?.value).toBe('11.6.9');
  });
});
