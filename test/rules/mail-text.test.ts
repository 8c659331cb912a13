// The customer's own words: quoted replies, signatures and disclaimers out; forwarded mails in.
import { describe, expect, it } from 'vitest';
import { ownText, ownTextParts } from '../../rules/mail-text.js';

describe('ownText', () => {
  it('cuts a quoted reply from its Dutch header on', () => {
    const text = 'De export werkt nu wel.\n\nOp 16 okt. 2026 om 14:03 schreef Veldhuis Support <support@veldhuis.nl>:\n> Hoe stel ik de export in? Zie de handleiding.';
    expect(ownText(text)).toBe('De export werkt nu wel.\n');
  });

  it('cuts an English reply header wrapped over two lines and ">" lines', () => {
    const text = 'Still broken.\nOn Fri, 13 Nov 2026 at 17:02, Veldhuis Release Team\n<releases@veldhuis.nl> wrote:\n> Planner 4.3 is now available';
    expect(ownText(text)).toBe('Still broken.');
  });

  it('keeps a forwarded message without its header lines', () => {
    const text = 'Zie hieronder.\n\nVan: Jeroen Kok <jeroen@broodit.nl>\nVerzonden: dinsdag 17 november 2026 16:48\nAan: Marloes\nOnderwerp: RE: BTW\n\nOnze koppeling stuurt code L6 mee.';
    const own = ownText(text);
    expect(own).toContain('Onze koppeling stuurt code L6 mee.');
    expect(own).not.toContain('Verzonden');
    expect(own).not.toContain('Onderwerp');
  });

  it('drops the signature after a closing line, and legal disclaimers', () => {
    const text = 'De loonstrook klopt niet.\n\nMet vriendelijke groet,\nMark de Boer\nT 0416 - 33 82 10\n\nDit bericht is uitsluitend bestemd voor de geadresseerde.';
    expect(ownText(text).trim()).toBe('De loonstrook klopt niet.');
  });

  it('drops a forwarded message the customer says above it is done with, and keeps what they ask now', () => {
    const withdrawn = 'Laat het onderstaande maar zitten, dat bleek bij ons te liggen.\nWel iets anders: kunnen jullie een training geven?\n\n-----Oorspronkelijk bericht-----\nVan: Henk <h@x.nl>\nVerzonden: maandag\nOnderwerp: aangifte\n\nPayroll 7.5 weigert de aangifte met foutmelding AL-0032.';
    expect(ownText(withdrawn)).toBe('Laat het onderstaande maar zitten, dat bleek bij ons te liggen.\nWel iets anders: kunnen jullie een training geven?\n');
    const english = 'The issue below has since been resolved. New question: how do I add a cost centre?\nFrom: Yvonne <y@x.nl>\nSent: Thursday\nSubject: error\nFinance shows ERR-1 on posting.';
    expect(ownText(english)).not.toContain('ERR-1');
    const aside = 'Los van mijn vraag hieronder (daar hoeven jullie nu niks mee): de HR-export slaat records over.\nVan: Lotte <l@x.nl>\nVerzonden: donderdag\nOnderwerp: wens\n\nKunnen loonstroken per afdeling gemaild worden?';
    expect(ownText(aside)).not.toContain('per afdeling');
    // Without such words the forwarded problem is the request.
    const forwarded = 'Zie hieronder, graag hulp.\n-----Oorspronkelijk bericht-----\nVan: Henk <h@x.nl>\nVerzonden: maandag\n\nPayroll 7.5 weigert de aangifte met foutmelding AL-0032.';
    expect(ownText(forwarded)).toContain('AL-0032');
  });

  it('keeps a forwarded problem when the text above withdraws a part and goes on with a contrast', () => {
    const text = 'Forwarding this from Groenrijk. The internet outage was on our side (router firmware), but the duplicate sales look like a bug in the till software.\n\n---------- Forwarded message ---------\nFrom: Peter <p@groenrijk.nl>\nDate: Sat, 21 Nov 2026\nSubject: dubbele omzet\n\nKassa 2025.2.7: alle offline bonnen staan twee keer in de omzet.';
    expect(ownText(text)).toContain('Kassa 2025.2.7');
    expect(ownText(text.replace(', but the duplicate sales look like a bug in the till software', ''))).not.toContain('Kassa 2025.2.7');
  });

  it('keeps a forwarded problem when the text above reports a symptom ("are gone"), not a withdrawal', () => {
    const symptom = 'All shifts are gone since this morning, see my colleague\'s mail below.\n---------- Forwarded message ---------\nFrom: Ann <a@x.nl>\nDate: Monday\n\nPlanner 4.6.1 shows ERR-1234 when publishing.';
    expect(ownText(symptom)).toContain('ERR-1234');
    const dutch = 'De knop Exporteren is verdwenen sinds de update, zie hieronder.\n-----Oorspronkelijk bericht-----\nVan: Ann <a@x.nl>\nVerzonden: maandag\n\nFinance 10.2 geeft ERR-1234.';
    expect(ownText(dutch)).toContain('ERR-1234');
  });

  it('reads a hostile run of whitespace after "laat" in linear time (a 20,000-line gap)', () => {
    const hostile = `Hoi, laat${'\n'.repeat(20_000)}x\n---------- Forwarded message ---------\nVan: a\nDatum: b\n\nbody`;
    expect(ownText(hostile)).toContain('body');
  });

  it('returns the same string when there is nothing to cut', () => {
    const text = 'Finance 9.6 geeft foutmelding ERR-1234 bij het boeken.';
    expect(ownText(text)).toBe(text);
  });
});

describe('ownText with the requester known', () => {
  const reply = [
    'Het gaat om Planner, versie 4.5.2. De foutmelding staat hieronder in mijn eerste mail.',
    '',
    'Op 27 nov. 2026 om 16:44 schreef Veldhuis Support <support@veldhuis.nl>:',
    '> Wij hebben nog de volgende gegevens nodig:',
    '> - de exacte foutmelding',
    '>',
    '> Op 27 nov. 2026 om 15:10 schreef Marieke Jansen <m.jansen@bakkerijjansen.nl>:',
    ">> Ik kan geen diensten opslaan. Melding: 'ROS-204 ongeldige pauze'",
    '>> Met vriendelijke groet,',
    '>> Marieke',
  ].join('\n');

  it("keeps the requester's own earlier message quoted under support's request, without quote marks or signature", () => {
    expect(ownText(reply, 'm.jansen@bakkerijjansen.nl')).toBe(
      "Het gaat om Planner, versie 4.5.2. De foutmelding staat hieronder in mijn eerste mail.\n\n\nIk kan geen diensten opslaan. Melding: 'ROS-204 ongeldige pauze'");
  });

  it('leaves it out for anyone else, and without a requester', () => {
    const top = 'Het gaat om Planner, versie 4.5.2. De foutmelding staat hieronder in mijn eerste mail.\n';
    expect(ownText(reply, 'someone@elsewhere.nl')).toBe(top);
    expect(ownText(reply)).toBe(top);
    // A colleague's at the same domain counts, a stranger's at a public mail service does not.
    expect(ownText(reply, 'p.devries@bakkerijjansen.nl')).toContain('ROS-204');
    expect(ownText(reply.replaceAll('bakkerijjansen.nl', 'gmail.com'), 'p.devries@gmail.com')).toBe(top);
  });

  it('finds the requester by a name matching their address, or a From: block at the same level', () => {
    const byName = 'Versie is 7.1.5.\n\nOp vr 2 okt. 2026 om 15:21 schreef Veldhuis Support <support@veldhuis.nl>:\n> Wat is de versie?\n>\n> Op vr 2 okt. 2026 om 14:02 schreef Ingrid Groen:\n>> PAY-311 bij het aanmaken.';
    expect(ownText(byName, 'ingrid@groenpartners.nl')).toContain('PAY-311 bij het aanmaken.');
    const outlook = 'Version is 4.5.0.\n\nOn Mon, 16 Nov 2026 at 16:05, Veldhuis Support <support@veldhuis.nl> wrote:\n> Which version?\n>\n> > From: Rhys Morgan\n> > Sent: Monday 16 November 2026 10:00\n> > rota copy not working';
    expect(ownText(outlook, 'r.morgan@northwindtraders.co.uk')).toContain('rota copy not working');
    expect(ownText(outlook, 'r.morgan@northwindtraders.co.uk')).not.toContain('Which version');
  });

  it('reads a thread whose messages are not quoted one level deeper (a flattened quote)', () => {
    const flat = 'Connect 2.9.2. Original report below.\nRyan\nOn Tue, Oct 27, 2026 at 4:10 PM Veldhuis Support wrote:\nWe still need the version.\nOn Tue, Oct 27, 2026 at 2:32 PM Ryan Mitchell wrote:\nPATCH /api/v2/customers returns 200 but the e-mail is not stored.';
    const own = ownText(flat, 'ryan.mitchell@keystoneanalytics.com');
    expect(own).toContain('PATCH /api/v2/customers returns 200');
    expect(own).not.toContain('We still need');
  });

  it('reads a "Van: … Verzonden: …" block under a reply\'s subject as the mail replied to, under a forward\'s as the request', () => {
    const body = 'Top, de patch werkt. Dank jullie wel!\n\nVan: Veldhuis Support <support@veldhuis.nl>\nVerzonden: woensdag 2 december 2026 17:02\nOnderwerp: saldo verdwijnt\n\nIn de bijlage vind je patch 9.8.1.3.';
    expect(ownText(body, 'b.smeenk@vandijk.nl', 'RE: Journaalpost memoriaal: saldo verdwijnt')).toBe('Top, de patch werkt. Dank jullie wel!\n');
    const forwarded = body.replace('Top, de patch werkt. Dank jullie wel!', 'Zie de mail hieronder.');
    expect(ownText(forwarded, 'b.smeenk@vandijk.nl', 'FW: saldo verdwijnt')).toContain('patch 9.8.1.3');
    expect(ownText(forwarded, 'b.smeenk@vandijk.nl')).toContain('patch 9.8.1.3');
    expect(ownText(forwarded, 'b.smeenk@vandijk.nl', 'RE: saldo verdwijnt')).not.toContain('patch 9.8.1.3');
    // "-----Original Message-----" under a reply's subject quotes too.
    expect(ownText('Zie onder.\n\n-----Original Message-----\nFrom: Support <s@v.nl>\nSent: Monday\n\nIs your export script the cause?', 'a@b.nl', 'RE: export')).toBe('Zie onder.\n');
    // A closing above a forward or a quote ends it: the old problem is history.
    expect(ownText(body, 'b.smeenk@vandijk.nl', 'FW: saldo verdwijnt')).not.toContain('patch 9.8.1.3');
    // The requester's own mail in that block is still theirs.
    const own = 'De versie is 9.8.1.\n\nVan: Bart Smeenk <b.smeenk@vandijk.nl>\nVerzonden: dinsdag\nOnderwerp: saldo\n\nHet saldo verdwijnt na het boeken, foutmelding FIN-221.';
    expect(ownText(own, 'b.smeenk@vandijk.nl', 'RE: saldo')).toContain('FIN-221');
  });

  it('does not take a header label, a month or a surname particle for the requester\'s name', () => {
    expect(ownText('Ok.\n\nOp 3 jan. 2026 om 10:00 schreef Support Veldhuis:\n> ligt aan uw script', 'jan@klant.nl')).toBe('Ok.\n');
    const outlook = 'Ok.\n\nOn Mon, 16 Nov 2026 at 16:05, Support wrote:\n> see below\n>\n> Van: Support Veldhuis\n> Aan: Jan <jan.van.dijk@klant.nl>\n> ligt aan uw script';
    expect(ownText(outlook, 'jan.van.dijk@klant.nl')).toBe('Ok.\n');
  });

  it('leaves it out when the customer withdraws it above', () => {
    const withdrawn = 'Laat het onderstaande maar zitten, is inmiddels opgelost.\n\nOn Mon, 16 Nov 2026 at 16:05, Rhys Morgan <r.morgan@northwindtraders.co.uk> wrote:\n> rota copy not working';
    expect(ownText(withdrawn, 'r.morgan@northwindtraders.co.uk')).not.toContain('rota');
  });
});

describe('ownTextParts', () => {
  it('says where a forwarded message starts below the customer\'s own words', () => {
    const description = 'Hallo,\n\nZie hieronder de vraag van onze controller.\n\nGroet, Petra\n\nVan: Hans Meijer <h.meijer@example.nl>\nVerzonden: woensdag 7 oktober 2026 16:52\nAan: Petra\nOnderwerp: kostenplaatsen\n\nPetra, kun jij vragen hoe we dat moeten mappen?';
    const { text, forwardedAt } = ownTextParts(description);
    expect(text.slice(0, forwardedAt)).toContain('Zie hieronder de vraag van onze controller.');
    expect(text.slice(forwardedAt)).toContain('kun jij vragen hoe we dat moeten mappen?');
    expect(text.slice(forwardedAt)).not.toContain('Verzonden');
  });
  it('says none for a mail that only forwards, or forwards nothing', () => {
    expect(ownTextParts('Van: Hans <h@example.nl>\nVerzonden: woensdag\nAan: Petra\n\nDe export faalt.').forwardedAt).toBe(-1);
    expect(ownTextParts('De export faalt sinds gisteren.').forwardedAt).toBe(-1);
  });
});
