// @facet/client: the generated Facet API (facet.v1, ts-proto for @grpc/grpc-js) and helpers for
// credentials and error details. See docs/clients.md.
export * as collections from "./gen/facet/v1/collections";
export * as common from "./gen/facet/v1/common";
export * as faces from "./gen/facet/v1/faces";
export * as labels from "./gen/facet/v1/labels";
export * as moderation from "./gen/facet/v1/moderation";
export * as text from "./gen/facet/v1/text";
export { callMetadata, channelCredentials, clientOptions, type ConnectOptions, DEFAULT_ENDPOINT } from "./channel";
export { type ErrorInfo, errorInfo, retryDelaySeconds } from "./errors";
