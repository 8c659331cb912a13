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

  it('returns the same string when there is nothing to cut', () => {
    const text = 'Finance 9.6 geeft foutmelding ERR-1234 bij het boeken.';
    expect(ownText(text)).toBe(text);
  });
});
