import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.facet.client.FacetClient;
import dev.facet.v1.CompareFacesRequest;
import dev.facet.v1.DetectFacesRequest;
import dev.facet.v1.FaceAttribute;
import dev.facet.v1.FaceServiceGrpc;
import dev.facet.v1.Image;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Detects faces in an image (or compares a face across two) through the Facet gateway and prints
 * the response as JSON.
 *
 * <pre>
 * java DetectFaces detect IMAGE
 * java DetectFaces compare SOURCE TARGET
 * </pre>
 *
 * FACET_ENDPOINT (default 127.0.0.1:50051) and FACET_API_KEY configure the connection. A failed
 * call prints {"error": {"code", "reason", "message"}} and exits with status 1.
 */
public final class DetectFaces {
  private static Image image(String path) throws Exception {
    return Image.newBuilder().setBytes(ByteString.copyFrom(Files.readAllBytes(Paths.get(path)))).build();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || (args[0].equals("compare") && args.length < 3)) {
      System.err.println("usage: DetectFaces detect IMAGE | compare SOURCE TARGET");
      System.exit(2);
    }
    String endpoint = System.getenv().getOrDefault("FACET_ENDPOINT", "127.0.0.1:50051");
    String key = System.getenv("FACET_API_KEY");
    ManagedChannel channel = FacetClient.channel(endpoint, null, false);
    FaceServiceGrpc.FaceServiceBlockingStub faces =
        FaceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    if (key != null && !key.isEmpty()) {
      faces = faces.withCallCredentials(FacetClient.apiKey(key));
    }
    int status = 0;
    try {
      Message reply;
      if (args[0].equals("compare")) {
        reply = faces.compareFaces(
            CompareFacesRequest.newBuilder().setSourceImage(image(args[1])).setTargetImage(image(args[2])).build());
      } else {
        reply = faces.detectFaces(DetectFacesRequest.newBuilder()
            .setImage(image(args[1])).addAttributes(FaceAttribute.FACE_ATTRIBUTE_ALL).build());
      }
      System.out.println(JsonFormat.printer().preservingProtoFieldNames().print(reply));
    } catch (StatusRuntimeException e) {
      String reason = FacetClient.errorInfo(e).map(info -> info.reason).orElse("");
      System.out.println("{\"error\": {\"code\": " + quote(e.getStatus().getCode().name()) + ", \"reason\": "
          + quote(reason) + ", \"message\": " + quote(String.valueOf(e.getStatus().getDescription())) + "}}");
      status = 1;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    System.exit(status);
  }
}
