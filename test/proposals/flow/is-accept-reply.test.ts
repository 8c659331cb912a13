import { describe, expect, it } from 'vitest';
import { isAcceptReply } from '../../../connectors/proposals/is-accept-reply.js';

describe('a reply that accepts', () => {
  it.each([
    'akkoord', 'Akkoord!', 'AKKOORD.', 'Ik ga akkoord', 'ik ga akkoord, dank u wel', 'Akkoord graag', 'accept', 'I accept.', 'Accepted', 'Agreed, thanks',
    '  \n\nakkoord\n\nMet vriendelijke groet,\nMarieke',
  ])('accepts %j', (body) => {
    expect(isAcceptReply(body)).toBe(true);
  });

  it.each([
    'niet akkoord', 'Ik ga niet akkoord', 'I do not accept', 'I accept your point, but the price is too high', 'Kunt u eerst uitleggen wat akkoord betekent?',
    'akkoord maar alleen voor de helft van de uren', '', undefined,
  ])('leaves %j to a person', (body) => {
    expect(isAcceptReply(body)).toBe(false);
  });
});
