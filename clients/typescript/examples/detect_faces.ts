// Detects faces in an image (or compares a face across two) through the Facet gateway and
// prints the response as JSON.
//
//   node dist/examples/detect_faces.js detect IMAGE
//   node dist/examples/detect_faces.js compare SOURCE TARGET
//
// FACET_ENDPOINT (default 127.0.0.1:50051) and FACET_API_KEY configure the connection. A failed
// call prints {"error": {"code", "reason", "message"}} and exits with status 1.
import { readFileSync } from "node:fs";
import { type ServiceError, status } from "@grpc/grpc-js";
import { callMetadata, channelCredentials, clientOptions, DEFAULT_ENDPOINT, errorInfo, faces } from "../src";

const [mode, first, second] = process.argv.slice(2);
if (!first || (mode === "compare" && !second)) {
  console.error("usage: detect_faces detect IMAGE | compare SOURCE TARGET");
  process.exit(2);
}
const connection = { apiKey: process.env.FACET_API_KEY };
const client = new faces.FaceServiceClient(
  process.env.FACET_ENDPOINT ?? DEFAULT_ENDPOINT,
  channelCredentials(connection),
  clientOptions,
);
const image = (path: string) => ({ bytes: readFileSync(path) });
const deadline = () => ({ deadline: new Date(Date.now() + 30_000) });

function done(err: ServiceError | null, json: unknown): void {
  if (err) {
    const reason = errorInfo(err)?.reason ?? "";
    console.log(JSON.stringify({ error: { code: status[err.code], reason, message: err.details } }));
    process.exitCode = 1;
  } else {
    console.log(JSON.stringify(json, null, 2));
  }
  client.close();
}

if (mode === "compare") {
  const request = faces.CompareFacesRequest.fromPartial({ sourceImage: image(first), targetImage: image(second) });
  client.compareFaces(request, callMetadata(connection), deadline(), (err, reply) =>
    done(err, reply && faces.CompareFacesResponse.toJSON(reply)),
  );
} else {
  const request = faces.DetectFacesRequest.fromPartial({
    image: image(first),
    attributes: [faces.FaceAttribute.FACE_ATTRIBUTE_ALL],
  });
  client.detectFaces(request, callMetadata(connection), deadline(), (err, reply) =>
    done(err, reply && faces.DetectFacesResponse.toJSON(reply)),
  );
}
