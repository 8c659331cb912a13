// The customer's own words: quoted replies, signatures and disclaimers out; forwarded mails in.
import { describe, expect, it } from 'vitest';
import { ownText } from '../../rules/mail-text.js';

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
    // Without such words the forwarded problem is the request.
    const forwarded = 'Zie hieronder, graag hulp.\n-----Oorspronkelijk bericht-----\nVan: Henk <h@x.nl>\nVerzonden: maandag\n\nPayroll 7.5 weigert de aangifte met foutmelding AL-0032.';
    expect(ownText(forwarded)).toContain('AL-0032');
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
