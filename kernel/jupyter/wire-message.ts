import { createHmac, randomBytes } from 'node:crypto';

/**
 * Jupyter messaging protocol, wire format (jupyter-client docs, "The Wire
 * Protocol"): routing identities, the delimiter, an HMAC-SHA256 signature of
 * the four JSON parts, then header, parent header, metadata, content, buffers.
 */
export const PROTOCOL_VERSION = '5.3';

const DELIMITER = Buffer.from('<IDS|MSG>');

/** A message header (msg_id, session, msg_type, ...). */
export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

/** A decoded Jupyter message. */
export interface JupyterMessage<C = Record<string, unknown>> {
  /** ZeroMQ routing identities (replies go back to them). */
  identities: Buffer[];
  header: MessageHeader;
  parent_header: MessageHeader | Record<string, never>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/** A received message failed its signature check or was malformed. */
export class WireError extends Error {}

/** Signs and checks messages with the connection file's key (an empty key disables signing, as the protocol allows). */
export class MessageSigner {
  constructor(private readonly key: string, private readonly scheme = 'hmac-sha256') {
    if (scheme !== 'hmac-sha256') throw new WireError(`unsupported signature scheme ${scheme}`);
  }

  sign(parts: (Buffer | string)[]): string {
    if (!this.key) return '';
    const h = createHmac('sha256', this.key);
    for (const p of parts) h.update(p);
    return h.digest('hex');
  }

  /** Decode raw frames into a message, checking the signature. */
  decode(frames: Buffer[]): JupyterMessage {
    const at = frames.findIndex((f) => f.equals(DELIMITER));
    if (at < 0 || frames.length < at + 6) throw new WireError('message without delimiter or parts');
    const signature = frames[at + 1].toString('ascii');
    const parts = frames.slice(at + 2, at + 6);
    if (this.key && signature !== this.sign(parts)) throw new WireError('bad message signature');
    const json = (b: Buffer) => JSON.parse(b.toString('utf8'));
    return {
      identities: frames.slice(0, at),
      header: json(parts[0]),
      parent_header: json(parts[1]),
      metadata: json(parts[2]),
      content: json(parts[3]),
      buffers: frames.slice(at + 6),
    };
  }

  /** Encode a message into frames, signing it. */
  encode(msg: JupyterMessage<unknown>): (Buffer | string)[] {
    const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => JSON.stringify(p));
    return [...msg.identities, DELIMITER, this.sign(parts), ...parts, ...msg.buffers];
  }
}

/** This kernel's session id: the header's `session` of every message it sends. */
const KERNEL_SESSION = randomBytes(16).toString('hex');

/** A new message of `msgType` in reply to (or caused by) `parent`. */
export function replyTo<C>(parent: JupyterMessage<unknown>, msgType: string, content: C, identities = parent.identities): JupyterMessage<C> {
  return {
    identities,
    header: {
      msg_id: randomBytes(16).toString('hex'),
      session: KERNEL_SESSION,
      username: parent.header.username ?? 'orrery',
      date: new Date().toISOString(),
      msg_type: msgType,
      version: PROTOCOL_VERSION,
    },
    parent_header: parent.header,
    metadata: {},
    content,
    buffers: [],
  };
}
