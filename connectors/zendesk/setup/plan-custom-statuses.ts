// The two custom ticket statuses of the procedure. requirements.json cannot declare custom statuses,
// so setup creates them with POST /api/v2/custom_statuses (PLATFORM.md, specs/zendesk/custom-statuses.yml).
//
// "New – awaiting acceptance" goes in the *hold* category. A ticket never returns to Zendesk's native
// new category once an agent has touched it (PLATFORM.md), so "new" in InScope's sense has to be a
// custom status in open or hold. Hold fits best: the ticket waits on the vendor's own acceptance, not
// on the requester or the assignee; requesters see on-hold tickets as open, and it stays out of the
// agents' plain "open" queue until someone accepts it. An existing status in the open category is
// accepted as well. "Approved" is an open status: the accepted call is worked on.
import type { ZendeskCustomStatus, ZendeskCustomStatusInput, ZendeskStatusCategory } from '../client/zendesk-api-types.js';
import type { ZendeskSetupApi } from '../client/zendesk-setup-api.js';
import type { SetupIds, SetupStep } from './setup-step.js';

type LogicalStatus = 'new' | 'approved';

interface StatusSpec {
  readonly input: ZendeskCustomStatusInput;
  /** Categories an existing status may be in. */
  readonly accepted: readonly ZendeskStatusCategory[];
}

export const CUSTOM_STATUSES: Readonly<Record<LogicalStatus, StatusSpec>> = {
  new: {
    input: {
      status_category: 'hold',
      agent_label: 'New – awaiting acceptance',
      end_user_label: 'Being reviewed',
      description: 'InScope: a complete Call that waits for the vendor to accept it',
    },
    accepted: ['hold', 'open'],
  },
  approved: {
    input: {
      status_category: 'open',
      agent_label: 'Approved',
      end_user_label: 'In progress',
      description: 'InScope: accepted as a Call covered by the support contract',
    },
    accepted: ['open'],
  },
};

/** Labels compare without case, spacing or the kind of dash: "New - awaiting acceptance" is the same status. */
function labelKey(label: string): string {
  return label.toLowerCase().replace(/[\u2010-\u2015-]/g, '-').replace(/\s+/g, ' ').trim();
}

export function planCustomStatuses(
  api: Pick<ZendeskSetupApi, 'createCustomStatus'>,
  statuses: readonly ZendeskCustomStatus[],
  configured: Partial<Record<LogicalStatus, number>>,
  ids: SetupIds,
): SetupStep[] {
  const steps: SetupStep[] = [];
  for (const logical of ['new', 'approved'] as const) {
    const spec = CUSTOM_STATUSES[logical];
    const what = `custom status "${spec.input.agent_label}"`;
    const configuredId = configured[logical];
    const byId = configuredId === undefined ? undefined : statuses.find((s) => s.id === configuredId);
    if (configuredId !== undefined && !byId) {
      steps.push({ action: 'check', what: `statuses.${logical} ${configuredId}`, detail: 'from the config does not exist in this account' });
    }
    const found = byId ?? statuses.find((s) => labelKey(s.agent_label) === labelKey(spec.input.agent_label));
    if (!found) {
      steps.push({
        action: 'create',
        what,
        detail: `(category ${spec.input.status_category})`,
        apply: async () => {
          const created = await api.createCustomStatus(spec.input);
          ids.statuses[logical] = created.id;
          return `created ${what} (id ${created.id})`;
        },
      });
      continue;
    }
    ids.statuses[logical] = found.id;
    const label = `custom status "${found.agent_label}" (id ${found.id}, category ${found.status_category})`;
    if (!spec.accepted.includes(found.status_category)) {
      steps.push({ action: 'check', what: label, detail: `should be in the ${spec.accepted.join(' or ')} category: create a status there and put its id in the config` });
    } else if (found.active === false) {
      steps.push({ action: 'check', what: label, detail: 'is inactive: activate it in Admin Center → Objects and rules → Tickets → Ticket statuses' });
    } else {
      steps.push({ action: 'ok', what: label });
    }
  }
  return steps;
}
