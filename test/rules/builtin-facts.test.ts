// The built-in facts on messy text: the product's version, error texts, steps, language.
import { describe, expect, it } from 'vitest';
import { detectLanguage, findErrorText, findSteps, findVersion } from '../../rules/builtin-facts.js';

const finance = ['finance', 'veldhuis finance'];

describe('findVersion', () => {
  it.each([
    ['Windows 11, SQL Server 2019.4, Finance 9.6.1', '9.6.1'],
    ['We upgraded from 21.0 to 24.1 last week', '24.1'],
    ['Na de upgrade van Finance 9.8 naar 10.0 klopt het niet', '10.0'],
    ['versie 9.4', '9.4'],
    ['Chrome 120.0.1 and Finance v9.2', '9.2'],
    ['Het bedrag was 184.22 euro', undefined],
    ['our Veldhuis Finance installation was updated to 9.7.1 last week', '9.7.1'],
    ['Help > Info zegt: 9.3.0.118', '9.3.0.118'],
    // An upgrade still to come does not give the version in use; a labelled field does.
    ['Versie: Veldhuis Finance 9.1.4 (de upgrade naar 9.3 stond gepland maar is er nog niet van gekomen)', '9.1.4'],
    ['Ik doe: Facturatie > Opslaan.\nVersie staat rechtsonder: 9.9.3.', '9.9.3'],
    ['We run Finance 9.2 and the update to 9.6 is planned for next week', '9.2'],
    ['Finance is bijgewerkt naar 9.6, sindsdien gaat het mis', '9.6'],
    // The version in use as the customer says it: "Versie is …", "we zitten op …", "we're on …".
    ['Versie is 7.1.5 (staat onder Help > Info).', '7.1.5'],
    ['Version is 4.5.0 (Planner, Help > About).', '4.5.0'],
    // A release letter glued to the number, as vendors name releases.
    ['Sinds de update naar R25.3 werkt het rapport niet', '25.3'],
    ['We zitten op R25.2.4', '25.2.4'],
    // A service pack is the release's next part; a build's three-digit last part is no year of a date.
    ['Vonk Praktijk 2025 SP2 geeft een fout', '2025.2'],
    ['Sinds versie 2025 servicepack 1 crasht de agenda', '2025.1'],
    ['Planning 8.2 SP3 loopt vast', '8.2.3'],
    ['Regie 2026.2 SP1 geeft een fout bij het verlengen', '2026.2.1'],
    ['We zitten op build 25.2.118', '25.2.118'],
    ['Since R25.3.2 the report card shows the wrong grade', '25.3.2'],
    ['We zitten nu op 9.7.3 en willen over.', '9.7.3'],
    ["We're currently on 3.1.2 in production.", '3.1.2'],
    ['We draaien 10.0.4. Het gaat mis bij het betaalbestand.', '10.0.4'],
    // Year-based releases; a date written year first is no version.
    ['Finance 2025.2.7 loopt vast bij het afrekenen', '2025.2.7'],
    ['versie 2026.1', '2026.1'],
    ['We upgraded from 2025.2 to 2026.1.3 last night', '2026.1.3'],
    ['Na de upgrade van R24.2 naar R25.3 klopt het rapport niet', '25.3'],
    // "version … is" with a few words between, but not a platform's version.
    ['App version on those devices is 5.1.4, Android 8.1.', '5.1.4'],
    ['De versie op onze kassa\'s is 2025.2.7', '2025.2.7'],
    // Moving to a release, in other words than upgrading.
    ['Sinds de overgang naar 25.3.1 wordt elke batch afgekeurd. Met 25.2.4 ging het nog goed.', '25.3.1'],
    ['We moved to 11.3 last week and now it fails', '11.3'],
    ['Sinds 2026.12.01 (versie onbekend) gaat het mis', undefined],
    ['Het bedrag was 2025.50 euro', undefined],
    // A section of the manual is no version; "draait op" names the one in use.
    ['In ons filiaal draait Finance 6.2.0, terwijl in de handleiding (Finance > Picken, par. 4.2) iets anders staat', '6.2.0'],
    ['Het filiaal draait op 6.2.0 sinds maart', '6.2.0'],
    // The number right after the product's name over a later one in the same breath; a word for a version after the number.
    ['In het DC draaien we nog Finance 5.9 (de winkels zitten al op 6.3).', '5.9'],
    ['Since the 3.8.2 patch the labels fail. This worked on 3.8.1.', '3.8.2'],
    // A whole number after a word for a version, next to the product's name or labelled; not a platform's, not a document's.
    ['We gebruiken Finance versie 12 en de export faalt', '12'],
    ['Versie: 12\nDe export faalt', '12'],
    ['Windows version 11 on the client', undefined],
    ['The version of Windows is 10.0.1', undefined],
    ['Zie release 2 van de bijlage', undefined],
  ])('"%s" gives %s', (text, version) => {
    expect(findVersion(text, finance, finance).value).toBe(version);
  });

  it('keeps the version in use, and names the version an upgrade or download is asked for as the target', () => {
    expect(findVersion('We draaien nog Payroll 7.1.4. We willen voor de jaarwisseling naar 7.4.2.', ['payroll'], ['payroll'])).toEqual({ value: '7.1.4', target: '7.4.2' });
    expect(findVersion("Connect 3.3 is out. We're on 3.1.2, please send the package.", ['connect'], ['connect']).target).toBe('3.3');
    // "Is out of support" is no release; the version asked for outranks one mentioned as released.
    expect(findVersion('Our Payroll 7.1.4 is out of support according to your mail, but the export fails', ['payroll'], ['payroll'])).toEqual({ value: '7.1.4' });
    expect(findVersion('Please send us the package for Finance 10.4. (We know Finance 11.0 is out but we will wait.)', finance, finance).target).toBe('10.4');
    // A Dutch clause puts the verb last: "dat Finance 11.0 beschikbaar is".
    expect(findVersion('Ik zag dat Finance 11.0 beschikbaar is. We zitten nu op 10.3.', finance, finance)).toEqual({ value: '10.3', target: '11.0' });
    // A mention without a move is no target; the past tense is the version in use.
    expect(findVersion('Finance 9.2 crasht, ook met de export naar 9.2-formaat', finance, finance).target).toBeUndefined();
  });

  it('names a version asked to be put on the machines as the target, and the one left no rival of it', () => {
    const terminal = ['terminal', 'tablets'];
    const push = findVersion('Push firmware 4.2.0 to our tablets\nOur two T3 tablets are still on firmware 4.1.2. Could you push firmware 4.2.0 to both?', terminal, terminal);
    expect([push.target, push.rival]).toEqual(['4.2.0', undefined]);
    const subjectOnly = findVersion('Please push firmware 4.2.0 to our two tablets\nThey are still on firmware 4.1.2.', terminal, terminal);
    expect([subjectOnly.value, subjectOnly.target, subjectOnly.rival]).toEqual(['4.1.2', '4.2.0', undefined]);
    expect(findVersion('De tablets staan nog op firmware 4.1.2. Kunnen jullie 4.2.0 op alle tablets zetten?', terminal, terminal)).toEqual({ value: '4.1.2', target: '4.2.0' });
    expect(findVersion('Graag Print 12.5.1 installeren op de RIP-pc, we draaien 12.4.0.', ['print'], ['print']).target).toBe('12.5.1');
    // The version asked for, read last, has no rival in the one it leaves.
    expect(findVersion('Please push Terminal 4.2.0 to our tablets\nThe Terminal runs 4.1.2. Could you push Terminal 4.2.0?', ['terminal'], ['terminal'])).toEqual({ value: '4.2.0', target: '4.2.0' });
    // Not a verb of putting it on: a version told as installed stays the one in use.
    expect(findVersion('We installed firmware 4.2.0 last week and since then the tablet freezes.', terminal, terminal).target).toBeUndefined();
  });

  it('reads "the latest" as a claim, not a version', () => {
    expect(findVersion('We use the latest version of Finance', finance, finance)).toEqual({ value: undefined, claimed: 'the latest version' });
    expect(findVersion('volgens mij de laatste versie', finance, finance).claimed).toBe('de laatste versie');
  });

  it('prefers the number next to the product\'s name over a bare "v1.0" or an upgrade asked about later', () => {
    expect(findVersion('Our return was rejected. Payroll 7.4.2. Log:\n10:31:40 INFO Building XML (schema LH 2026 v1.0)', ['payroll'], ['payroll']).value).toBe('7.4.2');
    expect(findVersion('We zitten nog op Payroll 7.1.0. Krijgen we bij een upgrade naar 7.4 automatisch de nieuwe tabellen?', ['payroll'], ['payroll']).value).toBe('7.1.0');
  });

  it('prefers the number next to the ticket\'s product over another product\'s', () => {
    expect(findVersion('Finance 9.5.1 is fine, but Planner 4.3 crashes', ['planner'], [...finance, 'planner']).value).toBe('4.3');
  });
});

describe('findErrorText', () => {
  it.each([
    ['Oracle says ORA-00942: table or view does not exist', 'ORA-00942'],
    ['The API returns HTTP 500 Internal Server Error', 'HTTP 500'],
    ['System.NullReferenceException: Object reference not set', 'NullReferenceException'],
    ['foutmelding: "Periode is al afgesloten"', 'Periode is al afgesloten'],
    ['komt terug met dit:\n\nFoutcode 0012 - Het aantal gewerkte uren (SV) ontbreekt', 'Foutcode 0012 - Het aantal gewerkte uren'],
  ])('finds the error in "%s"', (text, part) => {
    expect(findErrorText(text)).toContain(part);
  });

  it('reads the message an application shows when it fails', () => {
    expect(findErrorText('approving fails:\nUnexpected error (ref 7f3a-22c1). Please try again later.')).toContain('Unexpected error (ref 7f3a-22c1)');
    expect(findErrorText('Er is een onverwachte fout opgetreden bij het opslaan.')).toContain('onverwachte fout');
  });

  it('takes no count for a version: "we zitten op 1.250 medewerkers"', () => {
    expect(findVersion('We zitten nu op 1.250 medewerkers in Payroll.', ['payroll'], ['payroll']).value).toBeUndefined();
  });

  it('takes a numbered code only with a word of failure: "code 4010 - Marketing" is a cost centre', () => {
    expect(findErrorText('Graag een kostenplaats toevoegen: code 4010 - Marketing en communicatie.')).toBeUndefined();
  });

  it('finds nothing in a plain question', () => {
    expect(findErrorText('Hoe stel ik de export in?')).toBeUndefined();
  });

  it('takes neither a negated mention nor apostrophes for an error text', () => {
    expect(findErrorText("No error message that I know of, and I couldn't reproduce it myself, it's odd.")).toBeUndefined();
    expect(findErrorText('Er komt geen foutmelding: "het scherm blijft leeg"')).toBeUndefined();
  });

  it('reads two timestamped log lines as an error text', () => {
    expect(findErrorText('2026-11-12 09:21:04.117 POST /hooks -> 200\n2026-11-12 09:21:04.319 POST /hooks -> 200')).toContain('09:21:04.117');
  });
});

describe('findSteps', () => {
  it.each([
    ['Stappen:\n1. open\n2. klik'],
    ['1. Open the roster\n2. Click Publish'],
    ['Bankieren > Afschriften > Importeren'],
    ['Als ik op Publiceren klik, loopt het vast'],
    ['Wat ik gedaan heb:\nnieuwe medewerker ingevoerd en verloond'],
    ['Repro with any file > 2 GB. Files under 2 GB are fine.'],
    ['Reproduce:\nchange any employee, compare occurred_at with the Date header'],
    // A heading that says how, over a list, whatever the words of each step.
    ['Zo krijg je het:\n- tafel 12, rekening € 86,50\n- afrekenen met PIN, gast geeft € 5 fooi\n- de bon print de fooi twee keer'],
    ['How it happens:\n* open a till\n* pay by card with a tip'],
    ["Na te doen: rooster week 48 publiceren, daarna in de app naar 'Mijn rooster'"],
    // A line of its own opening with the word and ending in a colon, the recipe under it without list marks.
    ['Steps that I think reproduce it:\nLog in to the app as member A, open My bookings\n\nLog out, log in as member B'],
    ['Stappen zoals de receptie het doet:\nlid opzoeken, pas scannen, poort gaat niet open'],
  ])('finds steps in %j', (text) => {
    expect(findSteps(text)).toBeDefined();
  });

  it('takes no list of amounts or a lone number for steps', () => {
    expect(findSteps('Het gaat om 3 stuks.\n56 uur staat op de loonstrook.')).toBeUndefined();
    expect(findSteps('Prijsopgave:\n1 licentie Payroll\n2 licenties Planner')).toBeUndefined();
    expect(findSteps('1 medewerker heeft het probleem.')).toBeUndefined();
    expect(findSteps('Onze omgeving:\n- Windows 11\n- SQL Server 2019')).toBeUndefined();
    // A steps line that only points at an attachment.
    expect(findSteps('Steps we took:\nsee the attached log')).toBeUndefined();
  });

  it('takes an "if" that asks whether for no condition that reproduces it', () => {
    expect(findSteps('- Also asked if we can send the slides from the November sessions.')).toBeUndefined();
    expect(findSteps('He wonders if you could call him tomorrow.')).toBeUndefined();
    expect(findSteps('If we open the order twice, the planning board freezes.')).toMatch(/^If we open the order twice/);
  });

  it('finds a request that reproduces it', () => {
    expect(findSteps('Call it like this:\n  GET /api/v2/timesheets?limit=500\n-> 200')).toBeDefined();
    expect(findSteps('  curl -H "Accept: application/json" https://example.test/api')).toBeDefined();
  });

  it('reads a quoted message on the line after "de melding" as an error text', () => {
    expect(findErrorText("Bij het afsluiten krijgen we steeds de melding\n'Periode 2026-09 is vergrendeld door een andere gebruiker'\nterwijl niemand ingelogd is.")).toMatch(/Periode 2026-09 is vergrendeld/);
  });

  it('reads a one-sentence recipe ("Reproducible with any file > 2 GiB") as steps', () => {
    expect(findSteps('The copy is truncated. Reproducible with any file > 2 GiB, tested with a dummy file.')).toMatch(/^Reproducible with any file/);
    expect(findSteps('Te reproduceren door een medewerker te hernoemen naar Zoë.')).toMatch(/^Te reproduceren door/);
    expect(findSteps('We could not reproduce it.')).toBeUndefined();
    // Done again and how, after a colon inside a paragraph; not a pointer at an attachment.
    expect(findSteps('We hebben het nagebootst met twee testouders op twee telefoons: tegelijk hetzelfde slot kiezen.')).toMatch(/^nagebootst met/);
    expect(findSteps('Connect 2.8.0. Reproduce: change any employee, compare occurred_at with the Date header.')).toMatch(/^Reproduce: change any employee/);
    expect(findSteps('Version: 3.0.2. Steps to reproduce: see attached log')).toBeUndefined();
  });

  it('does not count a steps heading that only points at an attachment', () => {
    expect(findSteps('Steps to reproduce: see attached log\nExpected result: it works')).toBeUndefined();
  });

  it('finds none in one sentence without actions', () => {
    expect(findSteps('De loonstrook klopt niet.')).toBeUndefined();
  });
});

describe('detectLanguage', () => {
  it('tells Dutch from English', () => {
    expect(detectLanguage('Hoi, de export werkt niet en ik krijg geen melding')).toBe('nl');
    expect(detectLanguage('Hi, the export does not work and there is no message')).toBe('en');
  });

  /** Its definition: the function words among the lower-cased text's runs of letters. */
  const DUTCH = ['de', 'het', 'een', 'en', 'ik', 'niet', 'bedankt'];
  const ENGLISH = ['the', 'a', 'and', 'i', 'not', 'regards'];
  const byDefinition = (text: string): 'nl' | 'en' => {
    let nl = 0;
    let en = 0;
    for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
      if (DUTCH.includes(word)) nl++;
      else if (ENGLISH.includes(word)) en++;
    }
    return nl > en ? 'nl' : 'en';
  };

  it('reads every code point as a letter or a separator as splitting at /[^\\p{L}]+/u does', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const c = String.fromCodePoint(cp);
      // Two Dutch words against one English: Dutch only when the character separates them.
      for (const text of [`de${c}de the`, `${c}en${c} a`]) if (detectLanguage(text) !== byDefinition(text)) wrong.push(JSON.stringify(text));
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('agrees with splitting the text on 20,000 generated texts of close votes, accents, scripts and surrogates', () => {
    let seed = 3;
    const random = (): number => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
    const pieces = ['de', 'the', 'EN', 'And', 'ik', 'I', 'niet', 'NOT', 'Bedankt', 'regards', 'ë', 'é', 'İ', 'ß', '𝐀', '🙁', '\ud800', '\udc00', '1', '_', ' ', ' ', ' ', '.', '\n', '\u0301'];
    const wrong: string[] = [];
    for (let t = 0; t < 20_000; t++) {
      const text = Array.from({ length: Math.floor(random() * 16) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      if (detectLanguage(text) !== byDefinition(text)) wrong.push(JSON.stringify(text));
    }
    expect(wrong).toEqual([]);
  });
});
