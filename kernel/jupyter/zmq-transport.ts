import * as zmq from 'zeromq';
import { JupyterMessage, MessageSigner } from './wire-message';

/** A Jupyter connection file (written by the client that starts the kernel). */
export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
}

/** The kernel's request channels. */
export type RequestChannel = 'shell' | 'control';

/** Receives each request; the transport waits for it before reading the channel's next request. */
export type RequestHandler = (channel: RequestChannel, msg: JupyterMessage) => Promise<void>;

/**
 * The five ZeroMQ sockets of a Jupyter kernel. Sends on each socket are
 * queued and awaited one at a time: zeromq.js allows one send in flight per
 * socket, and a send issued while another is in flight is lost.
 */
export class ZmqTransport {
  readonly signer: MessageSigner;
  private readonly iopub = new zmq.Publisher();
  private readonly shell = new zmq.Router();
  private readonly control = new zmq.Router();
  private readonly stdin = new zmq.Router();
  private readonly hb = new zmq.Reply();
  private readonly sendQueues = new Map<zmq.Socket, Promise<void>>();

  constructor(private readonly conn: ConnectionInfo, private readonly onError: (e: unknown) => void) {
    this.signer = new MessageSigner(conn.key, conn.signature_scheme || 'hmac-sha256');
  }

  /** Bind every socket and start serving requests. */
  async start(handler: RequestHandler): Promise<void> {
    const c = this.conn;
    const address = (port: number) => (c.transport === 'ipc' ? `ipc://${c.ip}-${port}` : `tcp://${c.ip}:${port}`);
    await Promise.all([
      this.iopub.bind(address(c.iopub_port)),
      this.shell.bind(address(c.shell_port)),
      this.control.bind(address(c.control_port)),
      this.stdin.bind(address(c.stdin_port)),
      this.hb.bind(address(c.hb_port)),
    ]);
    void this.serve('shell', this.shell, handler);
    void this.serve('control', this.control, handler);
    void this.echoHeartbeats();
  }

  /** Send a message on the shell or control socket (a reply) or publish it on iopub. */
  send(channel: RequestChannel | 'iopub', msg: JupyterMessage<unknown>): Promise<void> {
    const sock = channel === 'iopub' ? this.iopub : channel === 'shell' ? this.shell : this.control;
    const frames = this.signer.encode(msg);
    const next = (this.sendQueues.get(sock) ?? Promise.resolve()).then(() => sock.send(frames)).catch(this.onError);
    this.sendQueues.set(sock, next);
    return next;
  }

  /** Resolves when every queued send has been handed to ZeroMQ. */
  async drain(): Promise<void> {
    await Promise.all(this.sendQueues.values());
  }

  close(): void {
    for (const s of [this.iopub, this.shell, this.control, this.stdin, this.hb]) s.close();
  }

  private async serve(channel: RequestChannel, sock: zmq.Router, handler: RequestHandler): Promise<void> {
    try {
      for await (const frames of sock) {
        let msg: JupyterMessage;
        try {
          msg = this.signer.decode(frames);
        } catch (e) {
          this.onError(e);
          continue;
        }
        try {
          await handler(channel, msg);
        } catch (e) {
          this.onError(e);
        }
      }
    } catch (e) {
      if (!sock.closed) this.onError(e);
    }
  }

  private async echoHeartbeats(): Promise<void> {
    try {
      for await (const frames of this.hb) await this.hb.send(frames);
    } catch (e) {
      if (!this.hb.closed) this.onError(e);
    }
  }
}
