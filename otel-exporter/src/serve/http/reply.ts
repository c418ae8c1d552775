import type { ServerResponse } from 'node:http';
import { statusJson, statusProto } from '../otlp/exportResponse';
import { refusalKinds, type Refusal } from '../refusal';

/** How a route writes a refusal: OTLP as a google.rpc.Status (protobuf or JSON), the rest as JSON. */
export type RefusalStyle = 'otlpProto' | 'otlpJson' | 'segment' | 'plain';

export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

export function sendRefusal(res: ServerResponse, refusal: Refusal, style: RefusalStyle): void {
  if (res.headersSent) return;
  if (refusal.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
  const grpc = refusalKinds[refusal.kind].grpc;
  switch (style) {
    case 'otlpProto':
      send(res, refusal.httpStatus, 'application/x-protobuf', statusProto(grpc, refusal.message));
      return;
    case 'otlpJson':
      send(res, refusal.httpStatus, 'application/json', statusJson(grpc, refusal.message));
      return;
    case 'segment':
      send(res, refusal.httpStatus, 'application/json', JSON.stringify({ success: false, message: refusal.message }));
      return;
    case 'plain':
      send(res, refusal.httpStatus, 'application/json', JSON.stringify({ error: refusal.message }));
  }
}
