import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A file's content (or one range of it) ready to send, or the answer that the range lies outside it. */
export type Download = { status: 200 | 206; headers: Record<string, string>; body: Readable } | { status: 416; size: number };

/** The Range and If-Range headers a download honours. */
export function rangeOf(request: FastifyRequest): { range: string | undefined; ifRange: string | undefined } {
  const ifRange = request.headers['if-range'];
  return { range: request.headers.range, ifRange: typeof ifRange === 'string' ? ifRange : undefined };
}

/** Sends a download; 416 is outside the closed error set, so it is answered here in the same problem shape. */
export function sendDownload(request: FastifyRequest, reply: FastifyReply, download: Download): FastifyReply {
  if (download.status === 416) {
    return reply
      .status(416)
      .header('content-range', `bytes */${download.size}`)
      .type('application/problem+json; charset=utf-8')
      .send({ type: 'urn:open-cpms:problem:rangeNotSatisfiable', title: 'Range not satisfiable', status: 416, detail: `The file has ${download.size} bytes; ask for a range within them.`, code: 'rangeNotSatisfiable', requestId: request.id });
  }
  return reply.status(download.status).headers(download.headers).send(download.body);
}
