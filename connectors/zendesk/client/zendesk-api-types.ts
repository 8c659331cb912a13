// Request and response bodies of the Zendesk Support API calls the client makes, as plain types.
// Only the properties InScope reads or writes are listed; Zendesk sends more. Shapes follow
// Zendesk's OpenAPI (specs/zendesk/*.yml) and, for webhooks, the Webhooks API reference
// (https://developer.zendesk.com/api-reference/webhooks/webhooks-api/webhooks/).
// They stay structurally compatible with ../zendesk-types.ts, which to-domain.ts maps from.

export type ZendeskFieldValue = string | number | boolean | readonly string[] | null;

export interface ZendeskCustomFieldValue {
  readonly id: number;
  readonly value: ZendeskFieldValue;
}

export interface ZendeskTicket {
  readonly id: number;
  readonly url?: string;
  readonly created_at?: string;
  /** Pass this back as `safeUpdate.updatedStamp` to make the next update a safe update. */
  readonly updated_at?: string;
  readonly generated_timestamp?: number;
  readonly subject?: string | null;
  readonly raw_subject?: string | null;
  readonly description?: string | null;
  readonly status?: string;
  readonly custom_status_id?: number | null;
  readonly priority?: string | null;
  readonly type?: string | null;
  readonly requester_id?: number;
  readonly submitter_id?: number;
  readonly assignee_id?: number | null;
  readonly organization_id?: number | null;
  readonly group_id?: number | null;
  readonly ticket_form_id?: number | null;
  readonly tags?: readonly string[];
  readonly custom_fields?: readonly ZendeskCustomFieldValue[];
  readonly fields?: readonly ZendeskCustomFieldValue[];
  readonly via?: {
    readonly channel?: string;
    readonly source?: { readonly from?: { readonly address?: string; readonly name?: string } };
  };
}

export interface ZendeskUser {
  readonly id: number;
  readonly name?: string;
  readonly email?: string | null;
  readonly locale?: string | null;
  readonly organization_id?: number | null;
  /** `end-user`, `agent` or `admin` (Users API, "JSON format"). */
  readonly role?: string;
  /** False once the user is deleted. */
  readonly active?: boolean;
  readonly suspended?: boolean;
}

export interface ZendeskOrganization {
  readonly id: number;
  readonly name?: string;
  readonly domain_names?: readonly string[];
  readonly external_id?: string | null;
  readonly tags?: readonly string[];
  readonly organization_fields?: Readonly<Record<string, unknown>>;
  readonly updated_at?: string;
}

export interface ZendeskAttachment {
  readonly id?: number;
  readonly file_name: string;
  readonly content_url?: string;
  readonly content_type?: string;
  readonly size?: number;
  readonly inline?: boolean;
}

export interface ZendeskComment {
  readonly id?: number;
  readonly type?: string;
  readonly author_id?: number;
  readonly body?: string;
  readonly html_body?: string;
  readonly plain_body?: string;
  readonly public?: boolean;
  readonly created_at?: string;
  readonly attachments?: readonly ZendeskAttachment[];
}

/** One event of an audit (Ticket Audit events reference): a Comment or VoiceComment carries its attachments. */
export interface ZendeskAuditEvent {
  readonly id?: number;
  readonly type?: string;
  readonly attachments?: readonly ZendeskAttachment[];
  readonly [key: string]: unknown;
}

export interface ZendeskAudit {
  readonly id: number;
  readonly ticket_id?: number;
  readonly created_at?: string;
  readonly author_id?: number;
  readonly events?: readonly ZendeskAuditEvent[];
}

/** The comment added by a ticket update: an internal note unless `public` is true. */
export type ZendeskCommentInput = (
  | { readonly body: string; readonly html_body?: never }
  | { readonly html_body: string; readonly body?: never }
) & {
  readonly public: boolean;
  /** Tokens from uploadFile. */
  readonly uploads?: readonly string[];
};

export interface ZendeskTicketUpdate {
  readonly custom_fields?: readonly ZendeskCustomFieldValue[];
  readonly custom_status_id?: number;
  readonly status?: string;
  readonly tags?: readonly string[];
  readonly comment?: ZendeskCommentInput;
}

export interface ZendeskFieldOption {
  readonly id?: number;
  readonly name: string;
  /** The option's tag: the value a dropdown custom field carries on a ticket. */
  readonly value: string;
  readonly default?: boolean;
}

export interface ZendeskTicketField {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly key?: string;
  readonly active?: boolean;
  readonly description?: string;
  readonly custom_field_options?: readonly ZendeskFieldOption[];
}

export interface ZendeskTicketFieldInput {
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly active?: boolean;
  /** Replaces the whole option list: omitted options are removed (ticket-fields.yml, Update Ticket Field). */
  readonly custom_field_options?: readonly Omit<ZendeskFieldOption, 'id'>[];
}

export type ZendeskStatusCategory = 'new' | 'open' | 'pending' | 'hold' | 'solved';

export interface ZendeskCustomStatus {
  readonly id: number;
  readonly status_category: ZendeskStatusCategory;
  readonly agent_label: string;
  readonly end_user_label?: string;
  readonly description?: string;
  readonly active?: boolean;
  readonly default?: boolean;
}

export interface ZendeskCustomStatusInput {
  readonly status_category: ZendeskStatusCategory;
  readonly agent_label: string;
  readonly end_user_label?: string;
  readonly description?: string;
  readonly active?: boolean;
}

export interface ZendeskWebhook {
  /** Webhook ids are strings (ULIDs), unlike every other Zendesk id. */
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly status: 'active' | 'inactive';
  readonly http_method: string;
  readonly request_format: string;
  readonly subscriptions?: readonly string[];
}

export interface ZendeskWebhookInput {
  readonly name: string;
  readonly endpoint: string;
  readonly status: 'active' | 'inactive';
  readonly http_method: 'POST' | 'PUT' | 'PATCH' | 'GET' | 'DELETE';
  readonly request_format: 'json' | 'xml' | 'form_encoded';
  /** Event types (`zen:event-type:ticket.created`…) or `['conditional_ticket_events']` for a trigger webhook. */
  readonly subscriptions: readonly string[];
  readonly description?: string;
}

export interface ZendeskSigningSecret {
  readonly algorithm: string;
  readonly secret: string;
}

export interface ZendeskCondition {
  readonly field: string;
  readonly operator: string;
  readonly value?: string | number | boolean | null;
}

export interface ZendeskTrigger {
  readonly id: number;
  readonly title: string;
  readonly active?: boolean;
  readonly conditions: { readonly all?: readonly ZendeskCondition[]; readonly any?: readonly ZendeskCondition[] };
  readonly actions: readonly { readonly field: string; readonly value: unknown }[];
  readonly category_id?: string;
}

export type ZendeskTriggerInput = Omit<ZendeskTrigger, 'id'>;

export interface ZendeskUpload {
  readonly token: string;
  readonly attachment?: ZendeskAttachment;
  readonly attachments?: readonly ZendeskAttachment[];
}

/** One page of `GET /api/v2/incremental/tickets/cursor.json`. */
export interface IncrementalTicketsPage {
  readonly tickets: readonly ZendeskTicket[];
  /** Store it after processing the page: the next run resumes from here with `{ cursor }`. */
  readonly afterCursor: string | null;
  readonly endOfStream: boolean;
}
