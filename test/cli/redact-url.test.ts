import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../connectors/cli/redact-url.js';

describe('redactUrl', () => {
  it.each([
    ['postgres://inscope:s3cret@db.internal:5432/inscope', 'postgres://inscope:***@db.internal:5432/inscope'],
    ['postgres://postgres@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'],
    ['./data/inscope.db', './data/inscope.db'],
  ])('prints %s as %s', (url, printed) => {
    expect(redactUrl(url)).toBe(printed);
  });
});
