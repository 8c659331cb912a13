// The Liquid templates for a proposal's public comment and the PDF's text blocks, in Dutch and
// English. Built-in templates live in ./templates; an admin's folder (`proposals.templatesDir`)
// may replace any of them file by file. Loading reads and checks every file once, so a broken
// override fails at startup naming the file, and rendering afterwards is synchronous and pure.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Liquid, type Template } from 'liquidjs';
import type { Locale } from '../../rules/index.js';
import { formatHours, formatLongDate, formatMoney, formatPercent } from './format-money.js';
import { ProposalError } from './proposal-error.js';
import { toTemplateContext } from './proposal-template-context.js';
import type { Proposal } from './proposal.js';
import { SAMPLE_PROPOSAL } from './sample-proposal.js';

export const TEMPLATE_NAMES = ['comment', 'pdf-intro', 'pdf-accept'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
const LOCALES: readonly Locale[] = ['nl', 'en'];

export const BUILT_IN_TEMPLATES_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

export interface ProposalTemplates {
  /** Renders a template in the proposal contact's language; throws ProposalError (code template) naming the file. */
  render(name: TemplateName, proposal: Proposal): string;
  /** The file each template was read from, e.g. `{ 'comment.nl': '/etc/inscope/templates/comment.nl.liquid' }`. */
  readonly files: Readonly<Record<string, string>>;
}

export interface LoadProposalTemplatesOptions {
  /** The override folder; relative paths resolve against `baseDir` (the config file's folder). */
  readonly templatesDir?: string;
  readonly baseDir?: string;
}

function createEngine(): Liquid {
  const liquid = new Liquid({ strictFilters: true, strictVariables: true, lenientIf: true, ownPropertyOnly: true, cache: false });
  const localeOf = (ctx: { getSync(paths: PropertyKey[]): unknown }) => ctx.getSync(['locale']) as Locale;
  liquid.registerFilter('money', function (this: { context: { getSync(paths: PropertyKey[]): unknown } }, minor: unknown, currency?: unknown) {
    const code = typeof currency === 'string' ? currency : (this.context.getSync(['proposal', 'currency']) as string);
    return formatMoney(Number(minor), code, localeOf(this.context));
  });
  liquid.registerFilter('hours', function (this: { context: { getSync(paths: PropertyKey[]): unknown } }, hours: unknown) {
    return formatHours(Number(hours), localeOf(this.context));
  });
  liquid.registerFilter('percent', function (this: { context: { getSync(paths: PropertyKey[]): unknown } }, value: unknown) {
    return formatPercent(Number(value), localeOf(this.context));
  });
  liquid.registerFilter('long_date', function (this: { context: { getSync(paths: PropertyKey[]): unknown } }, value: unknown) {
    return formatLongDate(String(value), localeOf(this.context), this.context.getSync(['proposal', 'timeZone']) as string);
  });
  return liquid;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function loadProposalTemplates(options: LoadProposalTemplatesOptions = {}): Promise<ProposalTemplates> {
  const liquid = createEngine();
  const overrideDir = options.templatesDir === undefined ? undefined : resolve(options.baseDir ?? '.', options.templatesDir);
  const expected = TEMPLATE_NAMES.flatMap((name) => LOCALES.map((locale) => `${name}.${locale}.liquid`));
  if (overrideDir !== undefined) {
    let entries: string[];
    try {
      entries = await readdir(overrideDir);
    } catch (error) {
      throw new ProposalError('template', `cannot read the proposal templates folder ${overrideDir}: ${describe(error)}`, { file: overrideDir, cause: error });
    }
    const unknown = entries.filter((entry) => entry.endsWith('.liquid') && !expected.includes(entry));
    if (unknown.length > 0) {
      throw new ProposalError('template', `${join(overrideDir, unknown[0] ?? '')}: not a proposal template; expected one of ${expected.join(', ')}`, { file: join(overrideDir, unknown[0] ?? '') });
    }
  }

  const parsed = new Map<string, { file: string; template: Template[] }>();
  for (const fileName of expected) {
    let file = join(BUILT_IN_TEMPLATES_DIR, fileName);
    let source: string | undefined;
    if (overrideDir !== undefined) {
      try {
        source = await readFile(join(overrideDir, fileName), 'utf8');
        file = join(overrideDir, fileName);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new ProposalError('template', `${join(overrideDir, fileName)}: ${describe(error)}`, { file: join(overrideDir, fileName), cause: error });
        }
      }
    }
    source ??= await readFile(file, 'utf8');
    try {
      parsed.set(fileName.replace(/\.liquid$/, ''), { file, template: liquid.parse(source, file) });
    } catch (error) {
      throw new ProposalError('template', `${file}: ${describe(error)}`, { file, cause: error });
    }
  }

  const render = (name: TemplateName, proposal: Proposal): string => {
    const entry = parsed.get(`${name}.${proposal.contact.locale}`);
    if (entry === undefined) throw new ProposalError('template', `no template ${name} for ${proposal.contact.locale}`);
    try {
      return (liquid.renderSync(entry.template, toTemplateContext(proposal)) as string).trim();
    } catch (error) {
      throw new ProposalError('template', `${entry.file}: ${describe(error)}`, { file: entry.file, cause: error });
    }
  };

  // A placeholder that names nothing (`{{ proposal.totl }}`) only shows when rendering: try each
  // template once now, with a sample in its language, rather than fail on a customer's ticket.
  for (const name of TEMPLATE_NAMES) {
    for (const locale of LOCALES) render(name, { ...SAMPLE_PROPOSAL, contact: { ...SAMPLE_PROPOSAL.contact, locale } });
  }

  const files = Object.fromEntries([...parsed].map(([key, { file }]) => [key, file]));
  return { render, files };
}
