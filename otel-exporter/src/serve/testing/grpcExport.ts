import {
  credentials as channelCredentials,
  makeGenericClientConstructor,
  Metadata,
  type ChannelCredentials,
  type ServiceError,
} from '@grpc/grpc-js';
import { exportPath } from '../grpc/grpcFrontEnd';

const identity = (bytes: Buffer) => bytes;

const LogsServiceClient = makeGenericClientConstructor(
  {
    Export: {
      path: exportPath,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  },
  'LogsService'
);

/** An OTLP/gRPC client sending ExportLogsServiceRequest bytes as they are, as the Collector's otlp exporter does. */
export class LogsExportClient {
  private readonly client: InstanceType<typeof LogsServiceClient>;

  constructor(address: string, credentials: ChannelCredentials = channelCredentials.createInsecure()) {
    this.client = new LogsServiceClient(address, credentials);
  }

  /** Resolves with the error status, or null when the export succeeded. */
  export(request: Buffer, bearer?: string): Promise<ServiceError | null> {
    const metadata = new Metadata();
    if (bearer !== undefined) metadata.set('authorization', `Bearer ${bearer}`);
    return new Promise((resolve) =>
      this.client.makeUnaryRequest(exportPath, identity, identity, request, metadata, (error: ServiceError | null) =>
        resolve(error)
      )
    );
  }

  close(): void {
    this.client.close();
  }
}
