// Reads Facet's error details from a failed call: the google.rpc.Status that Facet sends in the
// `grpc-status-details-bin` trailer, and the google.rpc.ErrorInfo / RetryInfo inside it.
// Decoded with the protobuf wire reader rather than generated google.rpc types, which no
// maintained npm package ships for ts-proto.
import { BinaryReader } from "@bufbuild/protobuf/wire";
import type { ServiceError } from "@grpc/grpc-js";

/** google.rpc.ErrorInfo: why a call failed, in machine-readable form. */
export interface ErrorInfo {
  /** A facet.v1.ErrorReason name, e.g. "NO_FACE_IN_SOURCE". */
  reason: string;
  /** "facet.v1" for errors from Facet. */
  domain: string;
  /** Context, e.g. `field` naming the offending request field. */
  metadata: Record<string, string>;
}

interface AnyDetail {
  typeUrl: string;
  value: Uint8Array;
}

function details(err: ServiceError): AnyDetail[] {
  const raw = err.metadata?.get("grpc-status-details-bin")?.[0];
  if (!(raw instanceof Uint8Array)) {
    return [];
  }
  // google.rpc.Status: code = 1, message = 2, repeated google.protobuf.Any details = 3.
  const found: AnyDetail[] = [];
  const status = new BinaryReader(raw);
  while (status.pos < status.len) {
    const [field, wireType] = status.tag();
    if (field !== 3) {
      status.skip(wireType);
      continue;
    }
    const any = new BinaryReader(status.bytes());
    const detail: AnyDetail = { typeUrl: "", value: new Uint8Array() };
    while (any.pos < any.len) {
      const [f, w] = any.tag();
      if (f === 1) detail.typeUrl = any.string();
      else if (f === 2) detail.value = any.bytes();
      else any.skip(w);
    }
    found.push(detail);
  }
  return found;
}

/** The ErrorInfo of a failed call, or undefined when it carries none. */
export function errorInfo(err: ServiceError): ErrorInfo | undefined {
  const detail = details(err).find((d) => d.typeUrl.endsWith("/google.rpc.ErrorInfo"));
  if (detail === undefined) {
    return undefined;
  }
  // google.rpc.ErrorInfo: reason = 1, domain = 2, map<string, string> metadata = 3.
  const info: ErrorInfo = { reason: "", domain: "", metadata: {} };
  const reader = new BinaryReader(detail.value);
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1) info.reason = reader.string();
    else if (field === 2) info.domain = reader.string();
    else if (field === 3) {
      const entry = new BinaryReader(reader.bytes());
      let key = "";
      let value = "";
      while (entry.pos < entry.len) {
        const [f, w] = entry.tag();
        if (f === 1) key = entry.string();
        else if (f === 2) value = entry.string();
        else entry.skip(w);
      }
      info.metadata[key] = value;
    } else reader.skip(wireType);
  }
  return info;
}

/** Seconds to wait before retrying, from the call's google.rpc.RetryInfo, or undefined. */
export function retryDelaySeconds(err: ServiceError): number | undefined {
  const detail = details(err).find((d) => d.typeUrl.endsWith("/google.rpc.RetryInfo"));
  if (detail === undefined) {
    return undefined;
  }
  // google.rpc.RetryInfo: google.protobuf.Duration retry_delay = 1 (seconds = 1, nanos = 2).
  const reader = new BinaryReader(detail.value);
  let seconds = 0;
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field !== 1) {
      reader.skip(wireType);
      continue;
    }
    const duration = new BinaryReader(reader.bytes());
    while (duration.pos < duration.len) {
      const [f, w] = duration.tag();
      if (f === 1) seconds += Number(duration.int64());
      else if (f === 2) seconds += duration.int32() / 1e9;
      else duration.skip(w);
    }
  }
  return seconds;
}
