// Where `inscope learn` finds the hours logged on a past ticket: Zendesk's time spent field as the
// config maps and names it (proposals.timeSpentField, seconds), and Jira's time tracking
// (`fields.timespent`, else `fields.timetracking.timeSpentSeconds`, both seconds).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInputProblem, readTickets, type TicketRecord } from '../../connectors/input/read-tickets.js';
import { loggedHundredths } from '../../connectors/learn/learn-kind-model.js';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-logged-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function records(name: string, value: unknown, helpdesks = {}): Promise<TicketRecord[]> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  const out: TicketRecord[] = [];
  for await (const r of readTickets(file, { helpdesks })) if (!isInputProblem(r)) out.push(r);
  return out;
}

const issue = (key: string, time: Record<string, unknown>) => ({ key, fields: { summary: `Question ${key}`, created: '2026-03-02T09:00:00.000+0100', description: null, ...time } });

describe('logged time in an export', () => {
  it('reads Jira\'s timespent, else timetracking.timeSpentSeconds, in seconds', async () => {
    const page = {
      issues: [
        issue('SUP-1', { timespent: 5400, timetracking: { timeSpent: '1h 30m', timeSpentSeconds: 5400 } }),
        issue('SUP-2', { timespent: null, timetracking: { timeSpent: '2h 30m', timeSpentSeconds: 9000 } }),
        issue('SUP-3', { timespent: null, timetracking: {} }),
      ],
    };
    const read = await records('jira.json', page);
    expect(read.map((r) => r.loggedSeconds)).toEqual([5400, 9000, undefined]);
    expect(read.map((r) => loggedHundredths(r, undefined))).toEqual([150, 250, 0]);
  });

  it('reads the Zendesk field that proposals.timeSpentField names, through the field mapping', async () => {
    const ticket = (id: number, seconds: string | null) => ({ id, subject: 'Vraag', description: 'Hoe stel ik dit in?', created_at: '2026-03-02T09:00:00Z', custom_fields: [{ id: 360001000099, value: seconds }] });
    const read = await records('zendesk.json', { tickets: [ticket(1, '7200'), ticket(2, null), ticket(3, '0')] }, { zendesk: { fields: { timeSpent: 360001000099 } } });
    expect(read.map((r) => loggedHundredths(r, 'timeSpent'))).toEqual([200, 0, 0]);
    // Without the setting the field is not time: nothing is logged.
    expect(read.map((r) => loggedHundredths(r, undefined))).toEqual([0, 0, 0]);
  });
});
