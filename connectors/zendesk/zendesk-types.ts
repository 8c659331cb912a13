// The parts of Zendesk's ticket, user, organization and comment payloads that InScope reads.
// Shapes follow the Support API (specs/zendesk/tickets.yml, users.yml, organizations.yml): ids are
// numbers, timestamps ISO 8601 strings, and a dropdown custom field's value is its option tag.

export type ZendeskFieldValue = string | number | boolean | readonly string[] | null;

export interface ZendeskCustomField {
  readonly id: number;
  readonly value: ZendeskFieldValue;
}

export interface ZendeskVia {
  readonly channel?: string;
  /** For e-mail tickets `source.from.address` is the sender, useful when no users are sideloaded. */
  readonly source?: { readonly from?: { readonly address?: string; readonly name?: string } };
}

export interface ZendeskTicket {
  readonly id?: number;
  readonly url?: string;
  readonly created_at?: string;
  readonly updated_at?: string;
  readonly subject?: string | null;
  readonly raw_subject?: string | null;
  readonly description?: string | null;
  readonly status?: string;
  readonly priority?: string | null;
  readonly type?: string | null;
  readonly requester_id?: number;
  readonly organization_id?: number | null;
  readonly tags?: readonly string[];
  readonly custom_fields?: readonly ZendeskCustomField[];
  /** Older alias of `custom_fields` that Zendesk still returns. */
  readonly fields?: readonly ZendeskCustomField[];
  readonly via?: ZendeskVia;
  readonly ticket_form_id?: number | null;
  readonly custom_status_id?: number | null;
  /** Present on some payloads (ticket create, triggers) instead of a sideloaded user. */
  readonly requester?: { readonly email?: string; readonly locale?: string };
}

export interface ZendeskUser {
  readonly id: number;
  readonly email?: string | null;
  readonly locale?: string | null;
  readonly organization_id?: number | null;
}

export interface ZendeskOrganization {
  readonly id: number;
  readonly name?: string;
}

/** An attachment as listed on a comment (`GET /api/v2/tickets/{id}/comments`, or a Comment event of an audit). */
export interface ZendeskAttachment {
  readonly file_name: string;
  readonly content_type?: string;
  readonly size?: number;
  /** An image inside the comment's text (a signature logo): "excluded from the attachment list" (Zendesk's Attachments reference). */
  readonly inline?: boolean;
}

export interface ZendeskComment {
  readonly id?: number;
  readonly public?: boolean;
  readonly attachments?: readonly ZendeskAttachment[];
}

/** An audit (`GET /api/v2/tickets/{id}/audits`): one update of the ticket and its events, a comment among them. */
export interface ZendeskAudit {
  readonly events?: readonly { readonly type?: string; readonly attachments?: readonly ZendeskAttachment[] }[];
}
