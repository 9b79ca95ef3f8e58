import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface CapturedEmail {
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
  /** Each attachment and alternative part (e.g. the calendar entry), decoded to text. */
  attachments: { filename: string | null; mimeType: string; content: string }[];
}

/** A real SMTP server on loopback that keeps every message it receives (raw MIME and parsed). */
export async function startSmtpSink(): Promise<{ url: string; messages: CapturedEmail[]; stop(): Promise<void> }> {
  const messages: CapturedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        PostalMime.parse(raw, { attachmentEncoding: 'utf8' })
          .then((parsed) => {
            const attachments = parsed.attachments.map((a) => ({
              filename: a.filename,
              mimeType: a.mimeType,
              content: typeof a.content === 'string' ? a.content : new TextDecoder().decode(a.content),
            }));
            messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, subject: parsed.subject ?? '', text: parsed.text ?? '', html: parsed.html ?? '', attachments });
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
