import { rejectionMessage, type RecordOutcome } from '../ingestRecords';
import { lengthDelimitedField, varintField } from './protoWriter';

/*
 * What OTLP answers (opentelemetry-proto collector/logs/v1/logs_service.proto and the OTLP/HTTP
 * spec): `ExportLogsServiceResponse` with `partial_success` when records were rejected, and a
 * `google.rpc.Status` for a refused request, each as protobuf or as JSON like the request.
 */

/** gRPC status codes by name (google.rpc.Code), for Status bodies and gRPC calls. */
export const grpcStatusCodes = {
  OK: 0,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

export type GrpcStatusName = keyof typeof grpcStatusCodes;

/** `{}` when everything counted; else `partialSuccess` with the count (int64 as a string) and why. */
export function exportResponseJson(outcome: RecordOutcome): string {
  if (outcome.rejectedTotal === 0) return '{}';
  return JSON.stringify({
    partialSuccess: { rejectedLogRecords: String(outcome.rejectedTotal), errorMessage: rejectionMessage(outcome) },
  });
}

/** The protobuf form: empty when everything counted. */
export function exportResponseProto(outcome: RecordOutcome): Buffer {
  if (outcome.rejectedTotal === 0) return Buffer.alloc(0);
  const partialSuccess = Buffer.concat([
    varintField(1, outcome.rejectedTotal),
    lengthDelimitedField(2, rejectionMessage(outcome)),
  ]);
  return lengthDelimitedField(1, partialSuccess);
}

export function statusJson(code: GrpcStatusName, message: string): string {
  return JSON.stringify({ code: grpcStatusCodes[code], message });
}

export function statusProto(code: GrpcStatusName, message: string): Buffer {
  return Buffer.concat([varintField(1, grpcStatusCodes[code]), lengthDelimitedField(2, message)]);
}
