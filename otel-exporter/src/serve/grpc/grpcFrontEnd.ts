import {
  ResponderBuilder,
  Server,
  ServerCredentials,
  ServerInterceptingCall,
  ServerListenerBuilder,
  status,
  type ServerInterceptor,
  type ServerUnaryCall,
  type ServiceDefinition,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { credentialOf } from '../auth/credentials';
import { recordAll, type IngestRecord, type RecordOutcome } from '../ingestRecords';
import type { RequestBudget } from '../limits/inFlight';
import { exportResponseProto, grpcStatusCodes } from '../otlp/exportResponse';
import { decodeLogsProto } from '../otlp/logsProto';
import { Refusal, refusalKinds } from '../refusal';
import type { ServiceParts } from '../serviceParts';

/*
 * OTLP/gRPC: `opentelemetry.proto.collector.logs.v1.LogsService/Export` on its own port, described by
 * hand (no generated code) with the protobuf decoder as the request deserializer. The same gate as
 * HTTP runs before a message is read: draining, the bearer token in the `authorization` metadata,
 * the in-flight limit.
 */

export const exportPath = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';
/** The `route` label of gRPC calls. */
export const grpcRoute = 'LogsService/Export';

/** A decoded request, or why it was refused: deserializers must not throw (grpc-js would answer INTERNAL). */
type DecodedRequest = { readonly records: IngestRecord[] } | { readonly refusal: Refusal };

function statusName(code: number): string {
  return status[code] ?? String(code);
}

function refusalStatus(refusal: Refusal): { code: number; details: string } {
  return { code: grpcStatusCodes[refusalKinds[refusal.kind].grpc], details: refusal.message };
}

function logsService(parts: ServiceParts): ServiceDefinition {
  return {
    Export: {
      path: exportPath,
      requestStream: false,
      responseStream: false,
      requestSerialize: (request: Buffer) => request,
      requestDeserialize: (bytes: Buffer): DecodedRequest => {
        parts.metrics.receivedBytes(grpcRoute, bytes.length);
        try {
          return { records: decodeLogsProto(bytes, parts.shape, Date.now()) };
        } catch (error) {
          const refusal =
            error instanceof Refusal ? error : new Refusal('internal', 'the service failed on this request');
          return { refusal };
        }
      },
      responseSerialize: (outcome: RecordOutcome) => exportResponseProto(outcome),
      responseDeserialize: (bytes: Buffer) => bytes,
    },
  };
}

/** Admits a call at its metadata, before its message is read, and keeps its place until its status is sent. */
function gate(parts: ServiceParts): ServerInterceptor {
  return (_method, call) => {
    let budget: RequestBudget | undefined;
    const finish = (code: number) => {
      budget?.leave();
      budget = undefined;
      parts.metrics.answered(grpcRoute, statusName(code));
    };
    return new ServerInterceptingCall(
      call,
      new ResponderBuilder()
        .withStart((next) =>
          next(
            new ServerListenerBuilder()
              .withOnReceiveMetadata((metadata, nextMetadata) => {
                try {
                  parts.lifecycle.admit();
                  const [authorization] = metadata.get('authorization');
                  const credential = typeof authorization === 'string' ? credentialOf(authorization) : undefined;
                  if (parts.ingestTokens.enabled && !parts.ingestTokens.accepts(credential)) {
                    throw new Refusal(
                      'unauthenticated',
                      'missing or unknown bearer token in the authorization metadata'
                    );
                  }
                  budget = parts.inFlight.enter();
                } catch (error) {
                  const refused = refusalStatus(error as Refusal);
                  call.sendStatus(refused);
                  finish(refused.code);
                  return;
                }
                nextMetadata(metadata);
              })
              .withOnCancel(() => {
                budget?.leave();
                budget = undefined;
              })
              .build()
          )
        )
        .withSendStatus((sent, next) => {
          finish(sent.code ?? status.OK);
          next(sent);
        })
        .build()
    );
  };
}

export interface GrpcListenOptions {
  readonly port: number;
  readonly host: string;
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

export interface GrpcFrontEnd {
  /** host:port */
  readonly address: string;
  close(): Promise<void>;
}

/** Starts the gRPC server on its own port. */
export function startGrpcFrontEnd(parts: ServiceParts, options: GrpcListenOptions): Promise<GrpcFrontEnd> {
  const server = new Server({
    interceptors: [gate(parts)],
    // One limit for the message as sent and decompressed: grpc-js checks both against it.
    'grpc.max_receive_message_length': parts.limits.maxDecompressedBytes,
    'grpc.max_concurrent_streams': parts.limits.maxInFlightRequests,
  });
  server.addService(logsService(parts), {
    Export: (call: ServerUnaryCall<DecodedRequest, RecordOutcome>, callback: sendUnaryData<RecordOutcome>) => {
      const request = call.request;
      if ('refusal' in request) {
        callback(refusalStatus(request.refusal));
        return;
      }
      const outcome = recordAll(parts.nowcast.pipeline, request.records);
      parts.metrics.rejectedRecords(outcome.rejected);
      callback(null, outcome);
    },
  });
  const credentials =
    options.tls === undefined
      ? ServerCredentials.createInsecure()
      : ServerCredentials.createSsl(null, [{ cert_chain: options.tls.cert, private_key: options.tls.key }], false);
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${options.port}`, credentials, (error, port) => {
      if (error !== null) {
        reject(error);
        return;
      }
      resolve({
        address: `${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            // In-flight calls have finished by now (the lifecycle waited); anything left is cut.
            const force = setTimeout(() => server.forceShutdown(), 1000);
            server.tryShutdown(() => {
              clearTimeout(force);
              done();
            });
          }),
      });
    });
  });
}
