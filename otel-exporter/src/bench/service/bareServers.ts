import { Server as GrpcServer, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultIdentityAttributes } from '../../ingest/identity';
import { defaultServiceLimits } from '../../serve/limits/serviceLimits';
import { decodeLogsJson } from '../../serve/otlp/logsJson';
import { decodeLogsProto } from '../../serve/otlp/logsProto';
import type { RecordShape } from '../../serve/otlp/recordShape';
import { exportPath } from '../../serve/grpc/grpcFrontEnd';

/**
 * The baselines: servers that only read a body, parse it into records with the service's own
 * decoders and answer 200 (gRPC: OK). What the service adds beyond them is the rest of its work:
 * limits, auth, metrics and recording every event.
 */

const shape: RecordShape = {
  maxAttributeDepth: defaultServiceLimits.maxAttributeDepth,
  maxAttributes: defaultServiceLimits.maxAttributes,
  identity: defaultIdentityAttributes,
};

export interface BareServer {
  /** http://host:port for HTTP, host:port for gRPC. */
  readonly address: string;
  close(): Promise<void>;
}

function parse(request: IncomingMessage, body: Buffer): void {
  if (request.headers['content-type'] === 'application/json') {
    decodeLogsJson(JSON.parse(body.toString('utf8')), shape, Date.now());
  } else {
    decodeLogsProto(body, shape, Date.now());
  }
}

export function startBareHttp(): Promise<BareServer> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      parse(request, Buffer.concat(chunks));
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      })
    )
  );
}

export function startBareGrpc(): Promise<BareServer> {
  const server = new GrpcServer();
  const empty = Buffer.alloc(0);
  server.addService(
    {
      Export: {
        path: exportPath,
        requestStream: false,
        responseStream: false,
        requestDeserialize: (bytes: Buffer) => decodeLogsProto(bytes, shape, Date.now()).length,
        requestSerialize: () => empty,
        responseSerialize: () => empty,
        responseDeserialize: () => undefined,
      },
    },
    { Export: (_call: ServerUnaryCall<number, undefined>, callback: sendUnaryData<undefined>) => callback(null) }
  );
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => {
      if (error !== null) {
        reject(error);
        return;
      }
      resolve({
        address: `127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.tryShutdown(() => done())),
      });
    })
  );
}
