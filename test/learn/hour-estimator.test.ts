// The learned hour estimate end to end with real parts: `learnKindModel` on a Zendesk export with
// logged time, the model file written and loaded through `model:` in a config, the engine's advisory
// verdict with the median and range of the similar requests, and the proposal (comment and PDF) that
// names its basis; too few similar requests keep the rule's estimate and say so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOptions, loadConfig, type LoadedConfig } from '../../connectors/config/load-config.js';
import { learnKindModel, type LearnResult } from '../../connectors/learn/learn-kind-model.js';
import { kindModelOf, renderModelFile, toModelFile } from '../../connectors/learn/model-file.js';
import { buildProposal } from '../../connectors/proposals/build-proposal.js';
import { reviseProposal } from '../../connectors/proposals/revise-proposal.js';
import { loadProposalTemplates, type ProposalTemplates } from '../../connectors/proposals/proposal-templates.js';
import { renderProposalComment } from '../../connectors/proposals/render-proposal-comment.js';
import { renderProposalPdf } from '../../connectors/proposals/render-proposal-pdf.js';
import { renderProposalPage } from '../../connectors/proposals/render-proposal-page.js';
import { proposalNote } from '../../connectors/proposals/proposal-notes.js';
import { describeStores } from '../store/store-backends.js';
import { renderVerdict } from '../../connectors/cli/render-verdict.js';
import { compileRules, type Engine, type Verdict, type WorkItem } from '../../rules/index.js';
import { loggedHoursConfig, writeLoggedHoursExport } from './logged-hours-export.js';

let dir: string;
let result: LearnResult;
let loaded: LoadedConfig;
let engine: Engine;
let templates: ProposalTemplates;

/** A config in `dir` naming model.json, with `extra` lines under proposals. */
async function configWithModel(extra = '', model = 'model.json'): Promise<LoadedConfig> {
  const file = path.join(dir, `coverage-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, `${loggedHoursConfig(extra)}model: ${model}\n`);
  return loadConfig(file);
}

function question(id: string, subject: string, description: string, organizationId = '9001'): WorkItem {
  return { id, subject, description, createdAt: '2026-11-20T10:00:00Z', requesterLocale: 'nl-NL', organizationId, tags: [], fields: { product: 'finance' }, attachments: [] };
}

const exportQuestion = question('88001', 'Openstaande posten exporteren', 'Hoe kan ik de rapportage openstaande posten naar Excel exporteren, met de vervaldatum van elke debiteur?');
const reminderQuestion = question('88002', 'Herinneringen instellen', 'Hoe stel ik automatische betalingsherinneringen per e-mail in, met onze eigen aanmaningsteksten?');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-hours-'));
  const tickets = path.join(dir, 'export');
  fs.mkdirSync(tickets);
  writeLoggedHoursExport(tickets);
  const configFile = path.join(dir, 'learn.yaml');
  fs.writeFileSync(configFile, loggedHoursConfig());
  const history = await loadConfig(configFile);
  result = await learnKindModel({ ticketsPath: tickets, config: history.config, configHash: history.hash, source: 'export/', folds: 2, now: () => new Date('2026-12-06T12:00:00Z') });
  fs.writeFileSync(path.join(dir, 'model.json'), renderModelFile(result.model));
  loaded = await configWithModel();
  engine = compileRules(loaded.config, compileOptions(loaded));
  templates = await loadProposalTemplates();
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function proposalOf(verdict: Verdict, item: WorkItem, locale: 'nl' | 'en') {
  return buildProposal({ verdict, item, config: loaded.config, helpdesk: 'zendesk', number: 'P-2026-0200', createdAt: '2026-11-20T10:05:00Z', contact: { locale } });
}

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

describe('inscope learn with logged time', () => {
  it('trains an hour estimator from the tickets with logged time, per product and kind', () => {
    expect(result.hours).toMatchObject({ logged: 10, kept: 10, groups: 1 });
    expect(result.model.version).toBe(2);
    expect(result.model.estimator?.groups.map((g) => [g.product, g.kind, g.requests])).toEqual([['finance', 'how-to', 10]]);
  });

  it('loads the estimator from the model file it wrote and counts it in the config hash', () => {
    expect(loaded.model?.estimator?.groups[0]?.hundredths).toEqual(Uint32Array.from([150, 200, 200, 250, 300, 500, 600, 600, 700, 800]));
    expect(compileOptions(loaded).hourEstimator?.minNeighbours).toBe(3);
  });
});

describe('the learned estimate in a verdict', () => {
  it('prices a question like past ones at the median of their logged hours, with their range', () => {
    const verdict = engine.triage(exportQuestion);
    expect(verdict.rule).toBe('how-to-question');
    expect(verdict.proposal?.estimate).toEqual({ source: 'learned', hours: 2, neighbours: 5, median: 2, low: 1.5, high: 3 });
    expect(verdict.proposal).toMatchObject({ hours: 2, amount: 250 });
  });

  it('finds the neighbours by wording: a reminders question gets the reminders hours', () => {
    expect(engine.triage(reminderQuestion).proposal?.estimate).toEqual({ source: 'learned', hours: 6, neighbours: 5, median: 6, low: 5, high: 8 });
  });

  it('names the basis in the trace and in inscope triage\'s proposal line', () => {
    const verdict = engine.triage(exportQuestion);
    expect(verdict.trace.contract).toContain('hours 2: learned, based on 5 similar requests (median 2 h, range 1.5–3 h)');
    expect(renderVerdict(exportQuestion, verdict, 'question.json', 'en')).toContain('proposal  2 h × 125.00 EUR = 250.00 EUR; hours based on 5 similar requests (median 2 h, range 1.5–3 h)');
  });

  it('keeps the rule\'s estimate below the configured minimum of similar requests, and says so', async () => {
    const strict = await configWithModel('  minSimilarRequests: 6\n');
    const verdict = compileRules(strict.config, compileOptions(strict)).triage(exportQuestion);
    expect(verdict.proposal?.estimate).toEqual({ source: 'rule', hours: 3, neighbours: 5, minNeighbours: 6 });
    expect(verdict.proposal?.hours).toBe(3);
    expect(verdict.trace.contract).toContain('hours 3: the rule\'s default estimate (5 similar requests, fewer than 6)');
  });

  it('keeps the rule\'s estimate for a product no past request with logged time was about', () => {
    const payroll = { ...question('88003', 'Pensioenregeling', 'Hoe stel ik in Veldhuis Payroll de nieuwe pensioenregeling in op de loonstrook?'), fields: { product: 'payroll' } };
    expect(engine.triage(payroll).proposal?.estimate).toEqual({ source: 'rule', hours: 3, neighbours: 0, minNeighbours: 3 });
  });
});

describe('the proposal made with a model', () => {
  it('says in the comment what the hours are based on, in Dutch and in English', () => {
    const verdict = engine.triage(exportQuestion);
    expect(renderProposalComment(proposalOf(verdict, exportQuestion, 'nl'), templates))
      .toContain('Geschatte uren: 2 (gebaseerd op 5 vergelijkbare verzoeken (mediaan 2 uur, spreiding 1,5–3 uur))');
    expect(renderProposalComment(proposalOf(verdict, exportQuestion, 'en'), templates))
      .toContain('Estimated hours: 2 (based on 5 similar requests (median 2 h, range 1.5–3 h))');
  });

  it('prints the basis under the estimate in the PDF', async () => {
    const verdict = engine.triage(reminderQuestion);
    expect(await pdfText(await renderProposalPdf(proposalOf(verdict, reminderQuestion, 'en'), { templates })))
      .toContain('Hours: based on 5 similar requests (median 6 h, range 5–8 h).');
    expect(await pdfText(await renderProposalPdf(proposalOf(verdict, reminderQuestion, 'nl'), { templates })))
      .toContain('Uren: gebaseerd op 5 vergelijkbare verzoeken (mediaan 6 uur, spreiding 5–8 uur).');
  });

  it('says it used the standard estimate when there were too few similar requests', async () => {
    const strict = await configWithModel('  minSimilarRequests: 6\n');
    const verdict = compileRules(strict.config, compileOptions(strict)).triage(exportQuestion);
    const proposal = proposalOf(verdict, exportQuestion, 'en');
    expect(renderProposalComment(proposal, templates)).toContain('Estimated hours: 3 (the standard estimate for this kind of request (fewer than 6 similar past requests to base it on))');
    expect(await pdfText(await renderProposalPdf(proposal, { templates }))).toContain('Hours: the standard estimate for this kind of request (fewer than 6 similar past requests to base it on).');
  });

  it('drops the basis when the agent sets the hours', () => {
    const verdict = engine.triage(exportQuestion);
    const proposal = buildProposal({ verdict, item: exportQuestion, config: loaded.config, helpdesk: 'zendesk', number: 'P-2026-0201', createdAt: '2026-11-20T10:05:00Z', agentInput: { hours: 4 } });
    expect(proposal.estimate).toBeUndefined();
    expect(renderProposalComment(proposal, templates)).toContain('Geschatte uren: 4\n');
  });

  it('keeps the basis through a revision of the scope, and drops it with new hours', () => {
    const first = { ...proposalOf(engine.triage(exportQuestion), exportQuestion, 'en'), status: 'sent' as const };
    const revise = (change: { hours?: number; scope?: string }) => reviseProposal(first, { createdAt: '2026-11-21T09:00:00Z', config: loaded.config, ...change }).next;
    expect(revise({ scope: 'Export of the open items report with due dates' }).estimate).toEqual(first.estimate);
    expect(revise({ hours: 3 }).estimate).toBeUndefined();
  });
});

describe('a model file without an estimator', () => {
  it('prices proposals with the rule\'s estimate as before, and their comment names no basis', async () => {
    fs.writeFileSync(path.join(dir, 'kind-only.json'), renderModelFile(toModelFile(kindModelOf(result.model))));
    const old = await configWithModel('', 'kind-only.json');
    const verdict = compileRules(old.config, compileOptions(old)).triage(exportQuestion);
    expect(verdict.proposal).toMatchObject({ hours: 3, amount: 375 });
    expect(verdict.proposal).not.toHaveProperty('estimate');
    expect(verdict.trace.contract).not.toContain('hours');
    const proposal = buildProposal({ verdict, item: exportQuestion, config: old.config, helpdesk: 'zendesk', number: 'P-2026-0202', createdAt: '2026-11-20T10:05:00Z' });
    expect(renderProposalComment(proposal, templates)).toContain('Geschatte uren: 3\n');
  });
});

describeStores('the basis kept with the stored proposal', (stores) => {
  it('reaches the agents\' note and the customer\'s acceptance page from the stored document', async () => {
    const store = await stores.open();
    const verdict = engine.triage(exportQuestion);
    const { proposal: record } = await store.createProposal(
      { helpdesk: 'zendesk', accountId: 'acme', ticketId: exportQuestion.id, vendor: 'Veldhuis Software B.V.', year: 2026, decisionKey: 'd-88001', budgetMonth: '2026-11', createdAt: 1_000 },
      ({ sequence }) => ({ document: { ...proposalOf(verdict, exportQuestion, 'en'), number: `P-2026-${String(sequence).padStart(4, '0')}` }, tokenHash: null }),
    );
    const stored = await store.getProposal(record.id);
    expect(stored?.document.estimate).toEqual({ source: 'learned', hours: 2, neighbours: 5, median: 2, low: 1.5, high: 3 });
    expect(proposalNote('sent', stored!, 'nl', null)).toContain('Uren 2: gebaseerd op 5 vergelijkbare verzoeken (mediaan 2 uur, spreiding 1,5–3 uur)');
    const page = renderProposalPage({ state: 'open', record: stored, action: '/p/tok', locale: 'en', vendorName: 'Veldhuis Software B.V.' });
    expect(page).toContain('<small data-testid="hours-basis">(based on 5 similar requests (median 2 h, range 1.5–3 h))</small>');
  });
});
