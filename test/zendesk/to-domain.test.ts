import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zendeskObserved, zendeskTicketToWorkItem } from '../../connectors/zendesk/to-domain.js';
import type { ZendeskComment, ZendeskOrganization, ZendeskTicket, ZendeskUser } from '../../connectors/zendesk/zendesk-types.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/input/zendesk-ticket-with-sideloads.json', import.meta.url), 'utf8')) as {
  ticket: ZendeskTicket;
  users: ZendeskUser[];
  organizations: ZendeskOrganization[];
  comments: ZendeskComment[];
};

const fields = { product: 360001000002, version: 360001000003, module: 360001000004, errorText: 360001000005, steps: 360001000006 };
const mapping = {
  categoryField: 360001000001,
  categories: { call: 'call', advisory: 'advisory' },
  statuses: { new: 19000000101, approved: 19000000102 },
};

function ticket(overrides: Partial<ZendeskTicket> = {}): ZendeskTicket {
  return {
    id: 48300,
    created_at: '2026-11-02T08:00:00Z',
    subject: 'Foutmelding',
    description: 'Sinds de update krijgen we een foutmelding.',
    requester_id: 381001,
    organization_id: 9001,
    tags: ['finance'],
    custom_fields: [],
    ...overrides,
  };
}

describe('zendeskTicketToWorkItem', () => {
  it('maps a ticket with sideloaded users, organizations and comments to a work item', () => {
    const item = zendeskTicketToWorkItem(fixture.ticket, {
      fields,
      users: fixture.users,
      organizations: fixture.organizations,
      comments: fixture.comments,
    });
    expect(item).toEqual({
      id: '48220',
      subject: 'Planner crasht bij openen rooster week 47',
      description: expect.stringContaining('crasht zodra we het rooster'),
      createdAt: '2026-11-10T07:58:12Z',
      requesterEmail: 'b.visser@polderwater.nl',
      requesterLocale: 'nl',
      organizationId: '9011',
      organizationName: 'Polderwater Waterschap',
      tags: ['planner'],
      form: '360000100001',
      priority: 'normal',
      channel: 'web',
      fields: { product: 'planner', version: '4.1', module: 'rostering', errorText: 'System.NullReferenceException in RosterGrid.Render' },
      attachments: [
        { filename: 'rooster-week47.png', contentType: 'image/png', size: 184220 },
        { filename: 'planner-client.log', contentType: 'text/plain', size: 48211 },
      ],
    });
  });

  it('maps custom fields by id to logical names and ignores fields the config does not name', () => {
    const item = zendeskTicketToWorkItem(
      ticket({ custom_fields: [{ id: 360001000003, value: '10.2' }, { id: 360001000004, value: ['ledger', 'reporting'] }, { id: 999, value: 'x' }] }),
      { fields },
    );
    expect(item.fields).toEqual({ version: '10.2', module: ['ledger', 'reporting'] });
  });

  it.each([
    ['null', null],
    ['an empty string', ''],
  ])('leaves out a custom field whose value is %s so the engine reads the text instead', (_label, value) => {
    const item = zendeskTicketToWorkItem(ticket({ custom_fields: [{ id: 360001000005, value }] }), { fields });
    expect(item.fields).toEqual({});
  });

  it('reads custom fields from the older `fields` array when `custom_fields` is absent', () => {
    const { custom_fields: _omit, ...rest } = ticket();
    const item = zendeskTicketToWorkItem({ ...rest, fields: [{ id: 360001000002, value: 'payroll' }] }, { fields });
    expect(item.fields).toEqual({ product: 'payroll' });
  });

  it('accepts field ids written as strings in the mapping', () => {
    const item = zendeskTicketToWorkItem(ticket({ custom_fields: [{ id: 360001000002, value: 'connect' }] }), { fields: { product: '360001000002' } });
    expect(item.fields).toEqual({ product: 'connect' });
  });

  it('takes the requester e-mail from an e-mail ticket sender when no users are sideloaded', () => {
    const item = zendeskTicketToWorkItem(
      ticket({ via: { channel: 'email', source: { from: { address: 'geert@hoekstra-installatie.nl', name: 'Geert' } } } }),
      { fields },
    );
    expect(item.requesterEmail).toBe('geert@hoekstra-installatie.nl');
    expect(item.channel).toBe('email');
    expect(item.requesterLocale).toBeUndefined();
    expect(item.organizationName).toBeUndefined();
  });

  it('prefers the sideloaded requester over the e-mail sender', () => {
    const users: ZendeskUser[] = [{ id: 381001, email: 'anouk@bakkerijjansen.nl', locale: 'nl' }];
    const item = zendeskTicketToWorkItem(ticket({ via: { channel: 'email', source: { from: { address: 'other@example.nl' } } } }), { fields, users });
    expect(item.requesterEmail).toBe('anouk@bakkerijjansen.nl');
  });

  it('leaves the organization out for a ticket without one', () => {
    const item = zendeskTicketToWorkItem(ticket({ organization_id: null }), { fields, organizations: fixture.organizations });
    expect(item).not.toHaveProperty('organizationId');
    expect(item).not.toHaveProperty('organizationName');
  });

  it('falls back to raw_subject and empty texts, and has no attachments without comments', () => {
    const item = zendeskTicketToWorkItem(ticket({ subject: null, raw_subject: '{{dc.subject}}', description: null }), { fields });
    expect(item.subject).toBe('{{dc.subject}}');
    expect(item.description).toBe('');
    expect(item.attachments).toEqual([]);
  });

  it("takes the attachments from the audits' comment events, as from the comments", () => {
    const audits = [
      { events: [{ type: 'Comment', attachments: [{ file_name: 'foutmelding.png', content_type: 'image/png', size: 48211 }] }, { type: 'Create', field_name: 'status', value: 'new' }] },
      { events: [{ type: 'Change', field_name: 'status', value: 'open' }] },
      { events: [{ type: 'VoiceComment', attachments: [{ file_name: 'call.mp3', content_type: 'audio/mpeg' }] }] },
    ];
    const item = zendeskTicketToWorkItem(ticket(), { fields, audits });
    expect(item.attachments).toEqual([
      { filename: 'foutmelding.png', contentType: 'image/png', size: 48211 },
      { filename: 'call.mp3', contentType: 'audio/mpeg' },
    ]);
  });

  it('leaves inline images (a signature logo in the text) out of the attachments', () => {
    const comments = [{ attachments: [{ file_name: 'image001.png', inline: true }, { file_name: 'log.txt', inline: false }] }];
    expect(zendeskTicketToWorkItem(ticket(), { fields, comments }).attachments.map((a) => a.filename)).toEqual(['log.txt']);
    expect(zendeskTicketToWorkItem(ticket(), { fields, audits: [{ events: [{ type: 'Comment', ...comments[0] }] }] }).attachments.map((a) => a.filename)).toEqual(['log.txt']);
  });

  it('refuses a ticket without an id', () => {
    const { id: _omit, ...rest } = ticket();
    expect(() => zendeskTicketToWorkItem(rest, { fields })).toThrow('no id');
  });
});

describe('zendeskObserved', () => {
  it.each([
    [{ category: 'call', status: 'new' }, 'call', 19000000101],
    [{ category: 'advisory', status: 'approved' }, 'advisory', 19000000102],
    [{ category: 'question_other', status: '19000000003' }, 'question_other', 19000000003],
    [{}, null, null],
    [{}, '', undefined],
  ])('reads %j from the category dropdown %j and custom status %j', (expected, category, status) => {
    const observed = zendeskObserved(
      ticket({
        custom_fields: [{ id: 360001000001, value: category }],
        ...(status !== undefined && { custom_status_id: status }),
      }),
      mapping,
    );
    expect(observed).toEqual(expected);
  });

  it('maps option tags that differ from the logical names back to the logical names', () => {
    const observed = zendeskObserved(ticket({ custom_fields: [{ id: 360001000001, value: 'inscope_advies' }] }), {
      ...mapping,
      categories: { call: 'inscope_call', advisory: 'inscope_advies' },
    });
    expect(observed).toEqual({ category: 'advisory' });
  });
});
