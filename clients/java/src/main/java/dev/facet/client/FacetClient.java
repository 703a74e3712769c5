package dev.facet.client;

import com.google.protobuf.Any;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import java.io.File;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;

/**
 * Connects to the Facet gateway and reads Facet's error details.
 *
 * <pre>
 * ManagedChannel channel = FacetClient.channel("127.0.0.1:50051", null, false, null);
 * FaceServiceGrpc.FaceServiceBlockingStub faces = FaceServiceGrpc.newBlockingStub(channel)
 *     .withCallCredentials(FacetClient.apiKey(key))          // when the gateway wants a key
 *     .withDeadlineAfter(10, TimeUnit.SECONDS);
 * try { faces.detectFaces(request); }
 * catch (StatusRuntimeException e) { FacetClient.errorInfo(e).ifPresent(info -> log(info.reason)); }
 * </pre>
 */
public final class FacetClient {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private FacetClient() {}

  /**
   * A channel to {@code target} (any gRPC target; {@code dns:///name:port} balances over
   * replicas). TLS when {@code tls} or {@code caFile} (PEM roots) is given.
   */
  public static ManagedChannel channel(String target, String caFile, boolean tls) throws SSLException {
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target).defaultLoadBalancingPolicy("round_robin");
    if (caFile != null) {
      builder.sslContext(GrpcSslContexts.forClient().trustManager(new File(caFile)).build());
    } else if (!tls) {
      builder.usePlaintext();
    }
    return builder.build();
  }

  /** Call credentials that send {@code authorization: Bearer <token>} with every call. */
  public static CallCredentials apiKey(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        applier.apply(headers);
      }

      @Override
      public void thisUsesUnstableApi() {}
    };
  }

  /**
   * The google.rpc.ErrorInfo of a failed call, decoded here rather than with
   * com.google.rpc.ErrorInfo: proto-google-common-protos before 1.18 (Debian's 1.16 among them)
   * has no ErrorInfo class, and this works with every version.
   */
  public static Optional<ErrorDetails> errorInfo(Throwable failure) {
    Status status = StatusProto.fromThrowable(failure);
    if (status == null) {
      return Optional.empty();
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.getTypeUrl().endsWith("/google.rpc.ErrorInfo")) {
        try {
          return Optional.of(ErrorDetails.parse(detail.getValue().newCodedInput()));
        } catch (IOException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** google.rpc.ErrorInfo: why a call failed, in machine-readable form. */
  public static final class ErrorDetails {
    /** A facet.v1.ErrorReason name, e.g. "NO_FACE_IN_SOURCE". */
    public final String reason;
    /** "facet.v1" for errors from Facet. */
    public final String domain;
    /** Context, e.g. "field" naming the offending request field. */
    public final Map<String, String> metadata;

    private ErrorDetails(String reason, String domain, Map<String, String> metadata) {
      this.reason = reason;
      this.domain = domain;
      this.metadata = Collections.unmodifiableMap(metadata);
    }

    // ErrorInfo: reason = 1, domain = 2, map<string, string> metadata = 3 (entries: key 1, value 2).
    static ErrorDetails parse(CodedInputStream in) throws IOException {
      String reason = "";
      String domain = "";
      Map<String, String> metadata = new TreeMap<>();
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag >>> 3) {
          case 1: reason = in.readStringRequireUtf8(); break;
          case 2: domain = in.readStringRequireUtf8(); break;
          case 3: {
            CodedInputStream entry = in.readBytes().newCodedInput();
            String key = "";
            String value = "";
            for (int t = entry.readTag(); t != 0; t = entry.readTag()) {
              if ((t >>> 3) == 1) key = entry.readStringRequireUtf8();
              else if ((t >>> 3) == 2) value = entry.readStringRequireUtf8();
              else entry.skipField(t);
            }
            metadata.put(key, value);
            break;
          }
          default: in.skipField(tag);
        }
      }
      return new ErrorDetails(reason, domain, metadata);
    }
  }

  /** The google.rpc.RetryInfo of a failed call (how long to wait before retrying). */
  public static Optional<RetryInfo> retryInfo(Throwable failure) {
    Status status = StatusProto.fromThrowable(failure);
    if (status == null) {
      return Optional.empty();
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        try {
          return Optional.of(detail.unpack(RetryInfo.class));
        } catch (InvalidProtocolBufferException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
