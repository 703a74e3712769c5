package dev.facet.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Detects and reads text.
 * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
 * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
 * gateway, every method can also fail with UNAVAILABLE, reason
 * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
 * retry with backoff.
 * </pre>
 */
@javax.annotation.Generated(
    value = "by gRPC proto compiler",
    comments = "Source: facet/v1/text.proto")
@io.grpc.stub.annotations.GrpcGenerated
public final class TextServiceGrpc {

  private TextServiceGrpc() {}

  public static final String SERVICE_NAME = "facet.v1.TextService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.DetectTextRequest,
      dev.facet.v1.DetectTextResponse> getDetectTextMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DetectText",
      requestType = dev.facet.v1.DetectTextRequest.class,
      responseType = dev.facet.v1.DetectTextResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.DetectTextRequest,
      dev.facet.v1.DetectTextResponse> getDetectTextMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.DetectTextRequest, dev.facet.v1.DetectTextResponse> getDetectTextMethod;
    if ((getDetectTextMethod = TextServiceGrpc.getDetectTextMethod) == null) {
      synchronized (TextServiceGrpc.class) {
        if ((getDetectTextMethod = TextServiceGrpc.getDetectTextMethod) == null) {
          TextServiceGrpc.getDetectTextMethod = getDetectTextMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.DetectTextRequest, dev.facet.v1.DetectTextResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DetectText"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DetectTextRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DetectTextResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TextServiceMethodDescriptorSupplier("DetectText"))
              .build();
        }
      }
    }
    return getDetectTextMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static TextServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TextServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TextServiceStub>() {
        @java.lang.Override
        public TextServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TextServiceStub(channel, callOptions);
        }
      };
    return TextServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static TextServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TextServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TextServiceBlockingStub>() {
        @java.lang.Override
        public TextServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TextServiceBlockingStub(channel, callOptions);
        }
      };
    return TextServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static TextServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TextServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TextServiceFutureStub>() {
        @java.lang.Override
        public TextServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TextServiceFutureStub(channel, callOptions);
        }
      };
    return TextServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Detects and reads text.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static abstract class TextServiceImplBase implements io.grpc.BindableService {

    /**
     * <pre>
     * Finds the lines of text in an image, reads them, and splits each line
     * into words. Returns every line and every word as a `TextDetection`, with
     * its text, confidence and geometry; words point to their line through
     * `parent_id`.
     * Text rotated by any angle up to ±90° and upside-down text (180°) is read:
     * each detected region is cut out with a perspective transform, turned
     * upright when it is taller than it is wide, and flipped when a direction
     * classifier says it is upside down. Vertical scripts (characters stacked
     * top to bottom) and curved text are not supported.
     * The recogniser knows 18,708 characters (Latin, Chinese, Japanese kana,
     * digits, punctuation and symbols; PP-OCRv6). Words are split at spaces, so
     * scripts written without spaces (Chinese, Japanese) give one word per
     * line.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or a
     *   filter or `max_words` is out of range (ErrorInfo.metadata["field"]
     *   names it).
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image without text is not an error: the response is empty.
     * </pre>
     */
    public void detectText(dev.facet.v1.DetectTextRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DetectTextResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDetectTextMethod(), responseObserver);
    }

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
          .addMethod(
            getDetectTextMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.DetectTextRequest,
                dev.facet.v1.DetectTextResponse>(
                  this, METHODID_DETECT_TEXT)))
          .build();
    }
  }

  /**
   * <pre>
   * Detects and reads text.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class TextServiceStub extends io.grpc.stub.AbstractAsyncStub<TextServiceStub> {
    private TextServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TextServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TextServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Finds the lines of text in an image, reads them, and splits each line
     * into words. Returns every line and every word as a `TextDetection`, with
     * its text, confidence and geometry; words point to their line through
     * `parent_id`.
     * Text rotated by any angle up to ±90° and upside-down text (180°) is read:
     * each detected region is cut out with a perspective transform, turned
     * upright when it is taller than it is wide, and flipped when a direction
     * classifier says it is upside down. Vertical scripts (characters stacked
     * top to bottom) and curved text are not supported.
     * The recogniser knows 18,708 characters (Latin, Chinese, Japanese kana,
     * digits, punctuation and symbols; PP-OCRv6). Words are split at spaces, so
     * scripts written without spaces (Chinese, Japanese) give one word per
     * line.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or a
     *   filter or `max_words` is out of range (ErrorInfo.metadata["field"]
     *   names it).
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image without text is not an error: the response is empty.
     * </pre>
     */
    public void detectText(dev.facet.v1.DetectTextRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DetectTextResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDetectTextMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * <pre>
   * Detects and reads text.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class TextServiceBlockingStub extends io.grpc.stub.AbstractBlockingStub<TextServiceBlockingStub> {
    private TextServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TextServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TextServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Finds the lines of text in an image, reads them, and splits each line
     * into words. Returns every line and every word as a `TextDetection`, with
     * its text, confidence and geometry; words point to their line through
     * `parent_id`.
     * Text rotated by any angle up to ±90° and upside-down text (180°) is read:
     * each detected region is cut out with a perspective transform, turned
     * upright when it is taller than it is wide, and flipped when a direction
     * classifier says it is upside down. Vertical scripts (characters stacked
     * top to bottom) and curved text are not supported.
     * The recogniser knows 18,708 characters (Latin, Chinese, Japanese kana,
     * digits, punctuation and symbols; PP-OCRv6). Words are split at spaces, so
     * scripts written without spaces (Chinese, Japanese) give one word per
     * line.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or a
     *   filter or `max_words` is out of range (ErrorInfo.metadata["field"]
     *   names it).
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image without text is not an error: the response is empty.
     * </pre>
     */
    public dev.facet.v1.DetectTextResponse detectText(dev.facet.v1.DetectTextRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDetectTextMethod(), getCallOptions(), request);
    }
  }

  /**
   * <pre>
   * Detects and reads text.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class TextServiceFutureStub extends io.grpc.stub.AbstractFutureStub<TextServiceFutureStub> {
    private TextServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TextServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TextServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Finds the lines of text in an image, reads them, and splits each line
     * into words. Returns every line and every word as a `TextDetection`, with
     * its text, confidence and geometry; words point to their line through
     * `parent_id`.
     * Text rotated by any angle up to ±90° and upside-down text (180°) is read:
     * each detected region is cut out with a perspective transform, turned
     * upright when it is taller than it is wide, and flipped when a direction
     * classifier says it is upside down. Vertical scripts (characters stacked
     * top to bottom) and curved text are not supported.
     * The recogniser knows 18,708 characters (Latin, Chinese, Japanese kana,
     * digits, punctuation and symbols; PP-OCRv6). Words are split at spaces, so
     * scripts written without spaces (Chinese, Japanese) give one word per
     * line.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or a
     *   filter or `max_words` is out of range (ErrorInfo.metadata["field"]
     *   names it).
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image without text is not an error: the response is empty.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.DetectTextResponse> detectText(
        dev.facet.v1.DetectTextRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDetectTextMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_DETECT_TEXT = 0;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final TextServiceImplBase serviceImpl;
    private final int methodId;

    MethodHandlers(TextServiceImplBase serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_DETECT_TEXT:
          serviceImpl.detectText((dev.facet.v1.DetectTextRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.DetectTextResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  private static abstract class TextServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    TextServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.facet.v1.TextProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("TextService");
    }
  }

  private static final class TextServiceFileDescriptorSupplier
      extends TextServiceBaseDescriptorSupplier {
    TextServiceFileDescriptorSupplier() {}
  }

  private static final class TextServiceMethodDescriptorSupplier
      extends TextServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final String methodName;

    TextServiceMethodDescriptorSupplier(String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (TextServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new TextServiceFileDescriptorSupplier())
              .addMethod(getDetectTextMethod())
              .build();
        }
      }
    }
    return result;
  }
}
