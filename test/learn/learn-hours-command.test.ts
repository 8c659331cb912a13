// `inscope learn` and `inscope check-config` through the real binary on a history with logged time:
// the report's line on the hour estimator, the version 2 model file, and the config that names it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInscope, type InscopeRun } from '../helpers/run-inscope.js';
import { loggedHoursConfig, writeLoggedHoursExport } from './logged-hours-export.js';

let dir: string;
let learned: InscopeRun;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-learn-hours-'));
  fs.mkdirSync(path.join(dir, 'export'));
  writeLoggedHoursExport(path.join(dir, 'export'));
  fs.writeFileSync(path.join(dir, 'learn.yaml'), loggedHoursConfig());
  learned = await runInscope(['learn', '--config', path.join(dir, 'learn.yaml'), '--tickets', path.join(dir, 'export'), '--folds', '2', '--out', path.join(dir, 'model.json')], {});
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('inscope learn on a history with logged time', () => {
  it('reports the hour estimator it trained and writes a version 2 model file', () => {
    expect(learned.stderr).toBe('');
    expect(learned.code).toBe(0);
    expect(learned.stdout).toContain('Hour estimator: 10 tickets with logged time, 10 kept in 1 group of product and kind.');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'))).toMatchObject({ version: 2, estimator: { version: 1, bits: 20 } });
  });

  it('sets the cross-validated error of the learned estimates beside the rule\'s estimateHours', () => {
    const table = learned.stdout.slice(learned.stdout.indexOf('Hour estimates,'));
    expect(table).toMatch(/^Hour estimates, \d+ advisory requests with logged time, each estimated from the other folds' requests/);
    expect(table).toMatch(/median error +within ±25 % +total vs logged\n {2}rule's estimateHours +[\d.]+ h +[\d.]+ % +[+−][\d.]+ %\n {2}learned +[\d.]+ h/);
    expect(table).toContain('learned, recalibrated');
  });

  it('check-config names the estimator and the minimum of similar requests', async () => {
    const config = path.join(dir, 'coverage.yaml');
    fs.writeFileSync(config, `${loggedHoursConfig('  minSimilarRequests: 4\n')}model: model.json\n`);
    const checked = await runInscope(['check-config', config], {});
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('hour estimator: 10 requests with logged hours in 1 product and kind group (at least 4 similar requests, else the rule\'s estimateHours)');
  });
});
