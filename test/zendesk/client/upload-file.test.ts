import { describe, expect, it } from 'vitest';
import { BASIC, createHarness, fixture, useNock } from './zendesk-test-client.js';

useNock();

describe('uploadFile', () => {
  it('posts the raw bytes with their real content type and the filename in the query', async () => {
    const h = createHarness();
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xff, 0x00]);
    let received: Buffer | undefined;
    const scope = h.api
      .post('/api/v2/uploads.json', (body: unknown) => {
        received = Buffer.from(body as string, 'hex');
        return true;
      })
      .query({ filename: 'voorstel-4101.pdf' })
      .matchHeader('content-type', 'application/pdf')
      .matchHeader('authorization', BASIC)
      .reply(201, fixture('upload-response'));

    const upload = await h.client.uploadFile('voorstel-4101.pdf', bytes, 'application/pdf');

    expect(scope.isDone()).toBe(true);
    expect(upload.token).toBe('6bk3gql82em5nmf');
    expect(upload.attachment?.file_name).toBe('voorstel-4101.pdf');
    expect(received && [...received]).toEqual([...bytes]);
  });

  it('escapes a filename with spaces and accents in the query', async () => {
    const h = createHarness();
    const scope = h.api
      .post('/api/v2/uploads.json')
      .query({ filename: 'offerte Zuidwijk – été.pdf' })
      .reply(201, fixture('upload-response'));
    await h.client.uploadFile('offerte Zuidwijk – été.pdf', new Uint8Array([1]), 'application/pdf');
    expect(scope.isDone()).toBe(true);
  });
});
