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

/** Calls `read` with each field of a message; `read` returns false for a field it skips. */
function eachField(bytes: Uint8Array, read: (field: number, reader: BinaryReader) => boolean): void {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (!read(field, reader)) {
      reader.skip(wireType);
    }
  }
}

function details(err: ServiceError): AnyDetail[] {
  const raw = err.metadata?.get("grpc-status-details-bin")?.[0];
  if (!(raw instanceof Uint8Array)) {
    return [];
  }
  // google.rpc.Status: code = 1, message = 2, repeated google.protobuf.Any details = 3;
  // Any: type_url = 1, value = 2.
  const found: AnyDetail[] = [];
  eachField(raw, (field, status) => {
    if (field !== 3) return false;
    const detail: AnyDetail = { typeUrl: "", value: new Uint8Array() };
    eachField(status.bytes(), (f, any) => {
      if (f === 1) detail.typeUrl = any.string();
      else if (f === 2) detail.value = any.bytes();
      else return false;
      return true;
    });
    found.push(detail);
    return true;
  });
  return found;
}

/** The ErrorInfo of a failed call, or undefined when it carries none. */
export function errorInfo(err: ServiceError): ErrorInfo | undefined {
  const detail = details(err).find((d) => d.typeUrl.endsWith("/google.rpc.ErrorInfo"));
  if (detail === undefined) {
    return undefined;
  }
  // google.rpc.ErrorInfo: reason = 1, domain = 2, map<string, string> metadata = 3 (key 1, value 2).
  const info: ErrorInfo = { reason: "", domain: "", metadata: {} };
  eachField(detail.value, (field, reader) => {
    if (field === 1) info.reason = reader.string();
    else if (field === 2) info.domain = reader.string();
    else if (field === 3) {
      let key = "";
      let value = "";
      eachField(reader.bytes(), (f, entry) => {
        if (f === 1) key = entry.string();
        else if (f === 2) value = entry.string();
        else return false;
        return true;
      });
      info.metadata[key] = value;
    } else return false;
    return true;
  });
  return info;
}

/** Seconds to wait before retrying, from the call's google.rpc.RetryInfo, or undefined. */
export function retryDelaySeconds(err: ServiceError): number | undefined {
  const detail = details(err).find((d) => d.typeUrl.endsWith("/google.rpc.RetryInfo"));
  if (detail === undefined) {
    return undefined;
  }
  // google.rpc.RetryInfo: google.protobuf.Duration retry_delay = 1 (seconds = 1, nanos = 2).
  let seconds = 0;
  eachField(detail.value, (field, reader) => {
    if (field !== 1) return false;
    eachField(reader.bytes(), (f, duration) => {
      if (f === 1) seconds += Number(duration.int64());
      else if (f === 2) seconds += duration.int32() / 1e9;
      else return false;
      return true;
    });
    return true;
  });
  return seconds;
}
