import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JupyterMessage, MessageSigner, replyTo, WireError } from '../../../kernel/jupyter/wire-message';

const request: JupyterMessage = {
  identities: [Buffer.from('client-1')],
  header: { msg_id: 'a1', session: 's', username: 'u', date: '2025-01-01T00:00:00.000Z', msg_type: 'execute_request', version: '5.3' },
  parent_header: {},
  metadata: {},
  content: { code: '1' },
  buffers: [],
};

const frames = (parts: (Buffer | string)[]) => parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p));

describe('the Jupyter wire format', () => {
  it('signs header, parent, metadata and content with HMAC-SHA256 of the key', () => {
    const encoded = new MessageSigner('secret').encode(request);
    const [id, delim, sig, ...parts] = encoded;
    expect(id.toString()).toBe('client-1');
    expect(delim.toString()).toBe('<IDS|MSG>');
    const h = createHmac('sha256', 'secret');
    for (const p of parts) h.update(p);
    expect(sig).toBe(h.digest('hex'));
  });

  it('decodes what it encodes, routing identities included', () => {
    const s = new MessageSigner('secret');
    const back = s.decode(frames(s.encode(request)));
    expect(back.identities.map(String)).toEqual(['client-1']);
    expect(back.header).toEqual(request.header);
    expect(back.content).toEqual({ code: '1' });
  });

  it('rejects a message signed with another key', () => {
    const wire = frames(new MessageSigner('other').encode(request));
    expect(() => new MessageSigner('secret').decode(wire)).toThrow(WireError);
  });

  it('makes replies whose parent header is the request', () => {
    const r = replyTo(request, 'execute_reply', { status: 'ok' });
    expect(r.parent_header).toEqual(request.header);
    expect(r.header.msg_type).toBe('execute_reply');
    expect(r.identities).toBe(request.identities);
  });
});
