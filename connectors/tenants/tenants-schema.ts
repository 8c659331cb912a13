// The tenants file: one deployment serving several helpdesk accounts, each with its own coverage
// config, database and secrets. Secrets are never written in the file: a secret field names an
// environment variable or a file (a mounted Kubernetes or Docker secret) to read it from, so the
// file can live in version control and be shown in a review.
import { z } from 'zod';

/** Lower-case letters, digits and `_`: it is a URL segment (/t/<id>), a schema suffix and a file name. */
export const TENANT_ID = /^[a-z][a-z0-9_]{0,39}$/;

const secretRef = z
  .union([
    z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name') }),
    z.strictObject({ file: z.string().min(1, 'expected a file path') }),
  ], { error: 'expected { env: VARIABLE } or { file: path }: secrets are read from the environment or a file, never written here' });

export type SecretRef = z.infer<typeof secretRef>;

const zendesk = z.strictObject({
  subdomain: z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected the subdomain only, e.g. "acme" for acme.zendesk.com'),
  email: z.email('expected an e-mail address').optional(),
  apiToken: secretRef.optional(),
  oauthToken: secretRef.optional(),
  webhookSecret: secretRef.optional(),
  webhookSecretPrevious: secretRef.optional(),
  /** Shared secret of the sidebar app's signed requests (the app's JWT). */
  appSecret: secretRef.optional(),
  rateLimit: z.number().int().positive().optional(),
  botUserId: z.string().regex(/^\d+$/, 'expected a Zendesk user id (digits)').optional(),
  /** Overrides https://{subdomain}.zendesk.com: a proxy, or a loopback double in tests. */
  baseUrl: z.url('expected an absolute URL').optional(),
});

const jira = z.strictObject({
  siteUrl: z.url('expected the Jira site URL, e.g. https://acme.atlassian.net'),
  email: z.email('expected an e-mail address').optional(),
  apiToken: secretRef.optional(),
  webhookSecret: secretRef.optional(),
  webhookSecretPrevious: secretRef.optional(),
  botAccountId: z.string().min(1).optional(),
  rateLimit: z.number().int().positive().optional(),
  /**
   * The Forge app's installations on this tenant's site (`ari:cloud:ecosystem::installation/…`). The
   * Jira sidebar API serves only these: one Forge app may be installed on every tenant's site, and
   * its tokens are valid for all of them. Without it the tenant's Jira sidebar API is refused.
   */
  forgeInstallations: z.array(z.string().regex(/^ari:cloud:ecosystem::installation\/[A-Za-z0-9-]+$/, 'expected ari:cloud:ecosystem::installation/<uuid>')).min(1).optional(),
});

const tenant = z.strictObject({
  /** The tenant's coverage config, relative to the tenants file. */
  config: z.string().min(1, 'expected the path of the tenant\'s coverage config'),
  /** Default: a schema (`<schema>_<id>`) of DATABASE_URL on PostgreSQL, else `tenants/<id>.db` beside the SQLite file. */
  database: secretRef.or(z.string().min(1)).optional(),
  workers: z.number().int().min(1).max(64).optional(),
  publicUrl: z.url('expected an absolute URL').optional(),
  proposalSecret: secretRef.optional(),
  proposalsDir: z.string().min(1).optional(),
  zendesk: zendesk.optional(),
  jira: jira.optional(),
});

export type TenantEntry = z.infer<typeof tenant>;

export const tenantsSchema = z.strictObject({
  tenants: z.record(z.string().regex(TENANT_ID, 'expected a tenant id of lower-case letters, digits and _ (it becomes the URL prefix /t/<id>)'), tenant)
    .refine((t) => Object.keys(t).length > 0, 'expected at least one tenant'),
});

export type TenantsDocument = z.infer<typeof tenantsSchema>;
