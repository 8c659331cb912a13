// The public comment that goes with a proposal's PDF, in the requester's language, from the
// `comment` template (built-in or the admin's override).
import type { ProposalTemplates } from './proposal-templates.js';
import type { Proposal } from './proposal.js';

export function renderProposalComment(proposal: Proposal, templates: ProposalTemplates): string {
  return templates.render('comment', proposal);
}
