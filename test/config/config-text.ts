// Config text for the loader tests: the required head, and a config with one coverage rule.
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
