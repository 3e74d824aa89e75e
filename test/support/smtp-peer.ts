/**
 * A real SMTP peer for delivery tests: an smtp-server on 127.0.0.1 that keeps every message it accepts,
 * can be told to refuse (at RCPT TO or after DATA, with the reply code given), and can be stopped and
 * started again on the same port, as a relay that goes down and comes back would be.
 */
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface PeerMessage {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** Envelope sender (MAIL FROM). */
  from: string;
  subject: string;
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  /** The text/plain part, transfer-decoded. */
  text: string;
  /** The text/html part, transfer-decoded. */
  html: string;
  /** The message as it came over the wire. */
  raw: string;
}

export type RefusalStage = 'RCPT' | 'DATA';

export interface Refusal {
  stage: RefusalStage;
  code: number;
  message: string;
}

export class SmtpPeer {
  /** Every message accepted, oldest first. */
  readonly messages: PeerMessage[] = [];
  /** Every transaction the peer refused, oldest first. */
  readonly refused: { stage: RefusalStage; code: number; to: string[] }[] = [];
  private server: SMTPServer | null = null;
  private refusal: Refusal | null = null;

  private constructor(public port: number) {}

  /** Starts a peer on a free port (or the port given). */
  static async start(port = 0): Promise<SmtpPeer> {
    const peer = new SmtpPeer(port);
    await peer.listen();
    return peer;
  }

  /** The URL to give startHarness({ smtpUrl }). */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** From now on, refuse every transaction at the stage given (451: try again later; 550: refused). */
  refuse(code = 451, stage: RefusalStage = 'DATA', message = code >= 500 ? 'Mailbox unavailable' : 'Try again later'): void {
    this.refusal = { stage, code, message };
  }

  /** From now on, accept every message. */
  accept(): void {
    this.refusal = null;
  }

  /** Goes down: the port stops accepting connections (connections are refused). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((closed) => server.close(() => closed()));
  }

  /** Comes back on the same port. */
  async restart(): Promise<void> {
    if (this.server) return;
    await this.listen();
  }

  close(): Promise<void> {
    return this.stop();
  }

  /** The messages sent to this recipient (case-insensitive), oldest first. */
  messagesTo(recipient: string): PeerMessage[] {
    return this.messages.filter((message) => message.to.some((to) => to.toLowerCase() === recipient.toLowerCase()));
  }

  /** How many times each Message-ID arrived. */
  countByMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const message of this.messages) counts.set(message.messageId, (counts.get(message.messageId) ?? 0) + 1);
    return counts;
  }

  /** Errors of connections that broke off (a sender killed mid-email, say). */
  readonly connectionErrors: Error[] = [];

  private listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1000,
      onRcptTo: (address, session, callback) => {
        const refusal = this.refusal;
        if (refusal?.stage === 'RCPT') {
          this.refused.push({ stage: 'RCPT', code: refusal.code, to: [address.address] });
          return callback(smtpError(refusal));
        }
        callback();
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((address) => address.address);
          const refusal = this.refusal;
          if (refusal) {
            this.refused.push({ stage: 'DATA', code: refusal.code, to });
            return callback(smtpError(refusal));
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          this.messages.push({ ...parseMessage(raw), to, from, raw });
          callback();
        });
      },
    });
    // A sender that hangs up mid-conversation is a connection error, not a reason to crash the test run.
    server.on('error', (error) => this.connectionErrors.push(error));
    return new Promise<void>((listening, failed) => {
      server.server.once('error', failed);
      server.listen(this.port, '127.0.0.1', () => {
        server.server.off('error', failed);
        this.port = (server.server.address() as AddressInfo).port;
        this.server = server;
        listening();
      });
    });
  }
}

function smtpError(refusal: Refusal): Error {
  return Object.assign(new Error(refusal.message), { responseCode: refusal.code });
}

/** The link to the wizard in a text, e.g. http://setup.test/setup/wxl_..., and its token. */
export function setupLinkIn(text: string): { url: string; token: string } | undefined {
  const found = /(\S+\/setup\/(wxl_[A-Za-z0-9_-]+))/.exec(text);
  return found ? { url: found[1], token: found[2] } : undefined;
}

// ---- a small MIME reader: enough of RFC 5322/2045/2047 for what nodemailer sends ----

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? '' : raw.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  // Unfold continuation lines, then one header per line.
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(decodeQuotedPrintableBytes(text.replace(/_/g, ' '))).toString('utf8'),
    );
}

function decodeQuotedPrintableBytes(text: string): number[] {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return bytes;
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') return Buffer.from(decodeQuotedPrintableBytes(part.body)).toString('utf8');
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return part.body;
}

/** The leaf parts of a message, depth first. */
function leaves(part: Part): Part[] {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [part];
  const sections = part.body.split(`--${boundary}`).slice(1);
  return sections.filter((section) => !section.startsWith('--')).flatMap((section) => leaves(splitPart(section.replace(/^\r?\n/, ''))));
}

function parseMessage(raw: string): Omit<PeerMessage, 'to' | 'from' | 'raw'> {
  const message = splitPart(raw);
  const parts = leaves(message);
  const ofType = (type: string) => parts.find((part) => (part.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(type));
  const text = ofType('text/plain');
  const html = ofType('text/html');
  return {
    subject: decodeWords(message.headers.get('subject') ?? ''),
    messageId: message.headers.get('message-id') ?? '',
    text: text ? decodeBody(text) : '',
    html: html ? decodeBody(html) : '',
  };
}
