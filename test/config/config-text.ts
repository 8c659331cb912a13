// Config text for the loader tests: the required head, a config with one coverage rule, and the
// issues a config that must not load is refused with.
import { expect } from 'vitest';
import { ConfigError, type ConfigIssue } from '../../connectors/config/config-error.js';
import { parseConfig } from '../../connectors/config/load-config.js';

export const HEAD = `version: 1
vendor: { name: Veldhuis Software B.V. }
defaults: { timeZone: Europe/Amsterdam, hourlyRate: 135, currency: EUR, estimateHours: 2 }
`;

export const rule = (when: string): string => `${HEAD}coverage:
  - id: r1
    verdict: review
    reason: { en: Look at it, nl: Bekijk het }
    when: ${when}
`;

/** The issues (file left out) a config text is refused with; fails when it loads. */
export function issuesOf(text: string): readonly Omit<ConfigIssue, 'file'>[] {
  try {
    parseConfig(text, 'inline.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map(({ file: _file, ...issue }) => issue);
  }
  throw new Error('expected a ConfigError');
}
