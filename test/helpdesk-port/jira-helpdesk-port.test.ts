import { describeHelpdeskPortContract } from './helpdesk-port-contract.js';
import { jiraHarness } from './harnesses.js';

describeHelpdeskPortContract(jiraHarness);
