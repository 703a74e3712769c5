package dev.facet.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Detects labels and describes image properties.
 * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
 * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
 * gateway, every method can also fail with UNAVAILABLE, reason
 * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
 * retry with backoff.
 * </pre>
 */
@javax.annotation.Generated(
    value = "by gRPC proto compiler",
    comments = "Source: facet/v1/labels.proto")
@io.grpc.stub.annotations.GrpcGenerated
public final class LabelServiceGrpc {

  private LabelServiceGrpc() {}

  public static final String SERVICE_NAME = "facet.v1.LabelService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.DetectLabelsRequest,
      dev.facet.v1.DetectLabelsResponse> getDetectLabelsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DetectLabels",
      requestType = dev.facet.v1.DetectLabelsRequest.class,
      responseType = dev.facet.v1.DetectLabelsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.DetectLabelsRequest,
      dev.facet.v1.DetectLabelsResponse> getDetectLabelsMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.DetectLabelsRequest, dev.facet.v1.DetectLabelsResponse> getDetectLabelsMethod;
    if ((getDetectLabelsMethod = LabelServiceGrpc.getDetectLabelsMethod) == null) {
      synchronized (LabelServiceGrpc.class) {
        if ((getDetectLabelsMethod = LabelServiceGrpc.getDetectLabelsMethod) == null) {
          LabelServiceGrpc.getDetectLabelsMethod = getDetectLabelsMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.DetectLabelsRequest, dev.facet.v1.DetectLabelsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DetectLabels"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DetectLabelsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DetectLabelsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LabelServiceMethodDescriptorSupplier("DetectLabels"))
              .build();
        }
      }
    }
    return getDetectLabelsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static LabelServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LabelServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LabelServiceStub>() {
        @java.lang.Override
        public LabelServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LabelServiceStub(channel, callOptions);
        }
      };
    return LabelServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static LabelServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LabelServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LabelServiceBlockingStub>() {
        @java.lang.Override
        public LabelServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LabelServiceBlockingStub(channel, callOptions);
        }
      };
    return LabelServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static LabelServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LabelServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LabelServiceFutureStub>() {
        @java.lang.Override
        public LabelServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LabelServiceFutureStub(channel, callOptions);
        }
      };
    return LabelServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Detects labels and describes image properties.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static abstract class LabelServiceImplBase implements io.grpc.BindableService {

    /**
     * <pre>
     * Returns the labels found in an image, sorted by confidence (highest
     * first), and, when asked, the image's colours and quality.
     * Two networks look at the image: an ImageNet-1k classifier (1,000 object,
     * animal, food and scene classes) and a COCO detector (80 countable object
     * classes, with boxes). Their classes and the WordNet ancestors of those
     * classes form one vocabulary of label names; docs/labels.md lists how the
     * evidence of both is merged into one confidence per label.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset;
     *   `max_labels` is negative; `min_confidence` is outside [0, 100] or not
     *   a number; `features` holds `LABEL_FEATURE_UNSPECIFIED` or an unknown
     *   value; or a filter names more than 100 entries, or both inclusion and
     *   exclusion of the same kind. ErrorInfo.metadata["field"] names the field.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first.
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image in which nothing is recognised is not an error: `labels` is
     * empty.
     * </pre>
     */
    public void detectLabels(dev.facet.v1.DetectLabelsRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DetectLabelsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDetectLabelsMethod(), responseObserver);
    }

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
          .addMethod(
            getDetectLabelsMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.DetectLabelsRequest,
                dev.facet.v1.DetectLabelsResponse>(
                  this, METHODID_DETECT_LABELS)))
          .build();
    }
  }

  /**
   * <pre>
   * Detects labels and describes image properties.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class LabelServiceStub extends io.grpc.stub.AbstractAsyncStub<LabelServiceStub> {
    private LabelServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LabelServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LabelServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns the labels found in an image, sorted by confidence (highest
     * first), and, when asked, the image's colours and quality.
     * Two networks look at the image: an ImageNet-1k classifier (1,000 object,
     * animal, food and scene classes) and a COCO detector (80 countable object
     * classes, with boxes). Their classes and the WordNet ancestors of those
     * classes form one vocabulary of label names; docs/labels.md lists how the
     * evidence of both is merged into one confidence per label.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset;
     *   `max_labels` is negative; `min_confidence` is outside [0, 100] or not
     *   a number; `features` holds `LABEL_FEATURE_UNSPECIFIED` or an unknown
     *   value; or a filter names more than 100 entries, or both inclusion and
     *   exclusion of the same kind. ErrorInfo.metadata["field"] names the field.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first.
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image in which nothing is recognised is not an error: `labels` is
     * empty.
     * </pre>
     */
    public void detectLabels(dev.facet.v1.DetectLabelsRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DetectLabelsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDetectLabelsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * <pre>
   * Detects labels and describes image properties.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class LabelServiceBlockingStub extends io.grpc.stub.AbstractBlockingStub<LabelServiceBlockingStub> {
    private LabelServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LabelServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LabelServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns the labels found in an image, sorted by confidence (highest
     * first), and, when asked, the image's colours and quality.
     * Two networks look at the image: an ImageNet-1k classifier (1,000 object,
     * animal, food and scene classes) and a COCO detector (80 countable object
     * classes, with boxes). Their classes and the WordNet ancestors of those
     * classes form one vocabulary of label names; docs/labels.md lists how the
     * evidence of both is merged into one confidence per label.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset;
     *   `max_labels` is negative; `min_confidence` is outside [0, 100] or not
     *   a number; `features` holds `LABEL_FEATURE_UNSPECIFIED` or an unknown
     *   value; or a filter names more than 100 entries, or both inclusion and
     *   exclusion of the same kind. ErrorInfo.metadata["field"] names the field.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first.
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image in which nothing is recognised is not an error: `labels` is
     * empty.
     * </pre>
     */
    public dev.facet.v1.DetectLabelsResponse detectLabels(dev.facet.v1.DetectLabelsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDetectLabelsMethod(), getCallOptions(), request);
    }
  }

  /**
   * <pre>
   * Detects labels and describes image properties.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class LabelServiceFutureStub extends io.grpc.stub.AbstractFutureStub<LabelServiceFutureStub> {
    private LabelServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LabelServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LabelServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns the labels found in an image, sorted by confidence (highest
     * first), and, when asked, the image's colours and quality.
     * Two networks look at the image: an ImageNet-1k classifier (1,000 object,
     * animal, food and scene classes) and a COCO detector (80 countable object
     * classes, with boxes). Their classes and the WordNet ancestors of those
     * classes form one vocabulary of label names; docs/labels.md lists how the
     * evidence of both is merged into one confidence per label.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset;
     *   `max_labels` is negative; `min_confidence` is outside [0, 100] or not
     *   a number; `features` holds `LABEL_FEATURE_UNSPECIFIED` or an unknown
     *   value; or a filter names more than 100 entries, or both inclusion and
     *   exclusion of the same kind. ErrorInfo.metadata["field"] names the field.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first.
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image in which nothing is recognised is not an error: `labels` is
     * empty.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.DetectLabelsResponse> detectLabels(
        dev.facet.v1.DetectLabelsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDetectLabelsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_DETECT_LABELS = 0;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final LabelServiceImplBase serviceImpl;
    private final int methodId;

    MethodHandlers(LabelServiceImplBase serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_DETECT_LABELS:
          serviceImpl.detectLabels((dev.facet.v1.DetectLabelsRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.DetectLabelsResponse>) responseObserver);
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

  private static abstract class LabelServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    LabelServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.facet.v1.LabelsProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("LabelService");
    }
  }

  private static final class LabelServiceFileDescriptorSupplier
      extends LabelServiceBaseDescriptorSupplier {
    LabelServiceFileDescriptorSupplier() {}
  }

  private static final class LabelServiceMethodDescriptorSupplier
      extends LabelServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final String methodName;

    LabelServiceMethodDescriptorSupplier(String methodName) {
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
      synchronized (LabelServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new LabelServiceFileDescriptorSupplier())
              .addMethod(getDetectLabelsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
