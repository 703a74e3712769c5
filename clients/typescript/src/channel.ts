// Credentials and channel options for the Facet gateway: API keys and TLS.
import { readFileSync } from "node:fs";
import { type ChannelCredentials, type ClientOptions, credentials, Metadata } from "@grpc/grpc-js";

export interface ConnectOptions {
  /** API key token, sent as `authorization: Bearer <apiKey>` on every call. */
  apiKey?: string;
  /** Use TLS, verifying the gateway with the system roots, or with caFile (PEM) when set. */
  tls?: boolean;
  caFile?: string;
}

export const DEFAULT_ENDPOINT = "127.0.0.1:50051";

/** Channel credentials for the options; pass them to a generated client's constructor. */
export function channelCredentials(options: ConnectOptions = {}): ChannelCredentials {
  const secure = options.tls || options.caFile !== undefined;
  if (!secure) {
    // grpc-js refuses call credentials on an insecure channel; the key goes in per-call
    // metadata instead (callMetadata), which is fine on loopback and nowhere else.
    return credentials.createInsecure();
  }
  const roots = options.caFile !== undefined ? readFileSync(options.caFile) : null;
  const channel = credentials.createSsl(roots);
  if (!options.apiKey) {
    return channel;
  }
  const key = options.apiKey;
  return credentials.combineChannelCredentials(
    channel,
    credentials.createFromMetadataGenerator((_params, callback) => {
      const metadata = new Metadata();
      metadata.set("authorization", `Bearer ${key}`);
      callback(null, metadata);
    }),
  );
}

/** Metadata to pass with each call: carries the API key when the channel is not TLS. */
export function callMetadata(options: ConnectOptions = {}): Metadata {
  const metadata = new Metadata();
  if (options.apiKey && !(options.tls || options.caFile !== undefined)) {
    metadata.set("authorization", `Bearer ${options.apiKey}`);
  }
  return metadata;
}

/** Client options: round_robin over every address of the target (`dns:///name:port`). */
export const clientOptions: Partial<ClientOptions> = {
  "grpc.service_config": JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
  "grpc.max_receive_message_length": 64 * 1024 * 1024,
  "grpc.max_send_message_length": 64 * 1024 * 1024,
};
