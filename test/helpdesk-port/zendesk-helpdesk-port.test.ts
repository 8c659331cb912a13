import { describeHelpdeskPortContract } from './helpdesk-port-contract.js';
import { zendeskHarness } from './harnesses.js';

describeHelpdeskPortContract(zendeskHarness);
