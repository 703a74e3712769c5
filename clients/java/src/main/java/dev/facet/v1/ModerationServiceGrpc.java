package dev.facet.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Detects unsafe content in images.
 * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
 * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
 * gateway, every method can also fail with UNAVAILABLE, reason
 * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
 * retry with backoff.
 * </pre>
 */
@javax.annotation.Generated(
    value = "by gRPC proto compiler",
    comments = "Source: facet/v1/moderation.proto")
@io.grpc.stub.annotations.GrpcGenerated
public final class ModerationServiceGrpc {

  private ModerationServiceGrpc() {}

  public static final String SERVICE_NAME = "facet.v1.ModerationService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.DetectModerationLabelsRequest,
      dev.facet.v1.DetectModerationLabelsResponse> getDetectModerationLabelsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DetectModerationLabels",
      requestType = dev.facet.v1.DetectModerationLabelsRequest.class,
      responseType = dev.facet.v1.DetectModerationLabelsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.DetectModerationLabelsRequest,
      dev.facet.v1.DetectModerationLabelsResponse> getDetectModerationLabelsMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.DetectModerationLabelsRequest, dev.facet.v1.DetectModerationLabelsResponse> getDetectModerationLabelsMethod;
    if ((getDetectModerationLabelsMethod = ModerationServiceGrpc.getDetectModerationLabelsMethod) == null) {
      synchronized (ModerationServiceGrpc.class) {
        if ((getDetectModerationLabelsMethod = ModerationServiceGrpc.getDetectModerationLabelsMethod) == null) {
          ModerationServiceGrpc.getDetectModerationLabelsMethod = getDetectModerationLabelsMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.DetectModerationLabelsRequest, dev.facet.v1.DetectModerationLabelsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DetectModerationLabels"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DetectModerationLabelsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DetectModerationLabelsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModerationServiceMethodDescriptorSupplier("DetectModerationLabels"))
              .build();
        }
      }
    }
    return getDetectModerationLabelsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.DescribeModerationTaxonomyRequest,
      dev.facet.v1.DescribeModerationTaxonomyResponse> getDescribeModerationTaxonomyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DescribeModerationTaxonomy",
      requestType = dev.facet.v1.DescribeModerationTaxonomyRequest.class,
      responseType = dev.facet.v1.DescribeModerationTaxonomyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.DescribeModerationTaxonomyRequest,
      dev.facet.v1.DescribeModerationTaxonomyResponse> getDescribeModerationTaxonomyMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.DescribeModerationTaxonomyRequest, dev.facet.v1.DescribeModerationTaxonomyResponse> getDescribeModerationTaxonomyMethod;
    if ((getDescribeModerationTaxonomyMethod = ModerationServiceGrpc.getDescribeModerationTaxonomyMethod) == null) {
      synchronized (ModerationServiceGrpc.class) {
        if ((getDescribeModerationTaxonomyMethod = ModerationServiceGrpc.getDescribeModerationTaxonomyMethod) == null) {
          ModerationServiceGrpc.getDescribeModerationTaxonomyMethod = getDescribeModerationTaxonomyMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.DescribeModerationTaxonomyRequest, dev.facet.v1.DescribeModerationTaxonomyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DescribeModerationTaxonomy"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DescribeModerationTaxonomyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DescribeModerationTaxonomyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModerationServiceMethodDescriptorSupplier("DescribeModerationTaxonomy"))
              .build();
        }
      }
    }
    return getDescribeModerationTaxonomyMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ModerationServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ModerationServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ModerationServiceStub>() {
        @java.lang.Override
        public ModerationServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ModerationServiceStub(channel, callOptions);
        }
      };
    return ModerationServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ModerationServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ModerationServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ModerationServiceBlockingStub>() {
        @java.lang.Override
        public ModerationServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ModerationServiceBlockingStub(channel, callOptions);
        }
      };
    return ModerationServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ModerationServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ModerationServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ModerationServiceFutureStub>() {
        @java.lang.Override
        public ModerationServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ModerationServiceFutureStub(channel, callOptions);
        }
      };
    return ModerationServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Detects unsafe content in images.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static abstract class ModerationServiceImplBase implements io.grpc.BindableService {

    /**
     * <pre>
     * Returns the moderation labels whose confidence is at least
     * `min_confidence`, each with its parent in the taxonomy. When a label is
     * returned, its parent (and the parent's parent) is returned too: a parent's
     * confidence is never lower than any of its children's.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or
     *   `min_confidence` is outside [0, 100] or not a number.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image with no label at or above `min_confidence` is not an error: the
     * list is empty.
     * It also says what kind of image it is (`content_types`, e.g.
     * "Illustrated" for a drawing), under the same `min_confidence`.
     * </pre>
     */
    public void detectModerationLabels(dev.facet.v1.DetectModerationLabelsRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DetectModerationLabelsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDetectModerationLabelsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists every label and content type `DetectModerationLabels` can return
     * in this deployment, labels with their parent and level, so that clients
     * can build filters without guessing. The list depends only on the server's configuration
     * (which models are enabled), not on any image.
     * Errors: INTERNAL, reason `INTERNAL`, on an unexpected server-side failure.
     * </pre>
     */
    public void describeModerationTaxonomy(dev.facet.v1.DescribeModerationTaxonomyRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DescribeModerationTaxonomyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDescribeModerationTaxonomyMethod(), responseObserver);
    }

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
          .addMethod(
            getDetectModerationLabelsMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.DetectModerationLabelsRequest,
                dev.facet.v1.DetectModerationLabelsResponse>(
                  this, METHODID_DETECT_MODERATION_LABELS)))
          .addMethod(
            getDescribeModerationTaxonomyMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.DescribeModerationTaxonomyRequest,
                dev.facet.v1.DescribeModerationTaxonomyResponse>(
                  this, METHODID_DESCRIBE_MODERATION_TAXONOMY)))
          .build();
    }
  }

  /**
   * <pre>
   * Detects unsafe content in images.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class ModerationServiceStub extends io.grpc.stub.AbstractAsyncStub<ModerationServiceStub> {
    private ModerationServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ModerationServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ModerationServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns the moderation labels whose confidence is at least
     * `min_confidence`, each with its parent in the taxonomy. When a label is
     * returned, its parent (and the parent's parent) is returned too: a parent's
     * confidence is never lower than any of its children's.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or
     *   `min_confidence` is outside [0, 100] or not a number.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image with no label at or above `min_confidence` is not an error: the
     * list is empty.
     * It also says what kind of image it is (`content_types`, e.g.
     * "Illustrated" for a drawing), under the same `min_confidence`.
     * </pre>
     */
    public void detectModerationLabels(dev.facet.v1.DetectModerationLabelsRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DetectModerationLabelsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDetectModerationLabelsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists every label and content type `DetectModerationLabels` can return
     * in this deployment, labels with their parent and level, so that clients
     * can build filters without guessing. The list depends only on the server's configuration
     * (which models are enabled), not on any image.
     * Errors: INTERNAL, reason `INTERNAL`, on an unexpected server-side failure.
     * </pre>
     */
    public void describeModerationTaxonomy(dev.facet.v1.DescribeModerationTaxonomyRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DescribeModerationTaxonomyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDescribeModerationTaxonomyMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * <pre>
   * Detects unsafe content in images.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class ModerationServiceBlockingStub extends io.grpc.stub.AbstractBlockingStub<ModerationServiceBlockingStub> {
    private ModerationServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ModerationServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ModerationServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns the moderation labels whose confidence is at least
     * `min_confidence`, each with its parent in the taxonomy. When a label is
     * returned, its parent (and the parent's parent) is returned too: a parent's
     * confidence is never lower than any of its children's.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or
     *   `min_confidence` is outside [0, 100] or not a number.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image with no label at or above `min_confidence` is not an error: the
     * list is empty.
     * It also says what kind of image it is (`content_types`, e.g.
     * "Illustrated" for a drawing), under the same `min_confidence`.
     * </pre>
     */
    public dev.facet.v1.DetectModerationLabelsResponse detectModerationLabels(dev.facet.v1.DetectModerationLabelsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDetectModerationLabelsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists every label and content type `DetectModerationLabels` can return
     * in this deployment, labels with their parent and level, so that clients
     * can build filters without guessing. The list depends only on the server's configuration
     * (which models are enabled), not on any image.
     * Errors: INTERNAL, reason `INTERNAL`, on an unexpected server-side failure.
     * </pre>
     */
    public dev.facet.v1.DescribeModerationTaxonomyResponse describeModerationTaxonomy(dev.facet.v1.DescribeModerationTaxonomyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDescribeModerationTaxonomyMethod(), getCallOptions(), request);
    }
  }

  /**
   * <pre>
   * Detects unsafe content in images.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class ModerationServiceFutureStub extends io.grpc.stub.AbstractFutureStub<ModerationServiceFutureStub> {
    private ModerationServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ModerationServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ModerationServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns the moderation labels whose confidence is at least
     * `min_confidence`, each with its parent in the taxonomy. When a label is
     * returned, its parent (and the parent's parent) is returned too: a parent's
     * confidence is never lower than any of its children's.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or
     *   `min_confidence` is outside [0, 100] or not a number.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image with no label at or above `min_confidence` is not an error: the
     * list is empty.
     * It also says what kind of image it is (`content_types`, e.g.
     * "Illustrated" for a drawing), under the same `min_confidence`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.DetectModerationLabelsResponse> detectModerationLabels(
        dev.facet.v1.DetectModerationLabelsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDetectModerationLabelsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists every label and content type `DetectModerationLabels` can return
     * in this deployment, labels with their parent and level, so that clients
     * can build filters without guessing. The list depends only on the server's configuration
     * (which models are enabled), not on any image.
     * Errors: INTERNAL, reason `INTERNAL`, on an unexpected server-side failure.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.DescribeModerationTaxonomyResponse> describeModerationTaxonomy(
        dev.facet.v1.DescribeModerationTaxonomyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDescribeModerationTaxonomyMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_DETECT_MODERATION_LABELS = 0;
  private static final int METHODID_DESCRIBE_MODERATION_TAXONOMY = 1;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final ModerationServiceImplBase serviceImpl;
    private final int methodId;

    MethodHandlers(ModerationServiceImplBase serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_DETECT_MODERATION_LABELS:
          serviceImpl.detectModerationLabels((dev.facet.v1.DetectModerationLabelsRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.DetectModerationLabelsResponse>) responseObserver);
          break;
        case METHODID_DESCRIBE_MODERATION_TAXONOMY:
          serviceImpl.describeModerationTaxonomy((dev.facet.v1.DescribeModerationTaxonomyRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.DescribeModerationTaxonomyResponse>) responseObserver);
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

  private static abstract class ModerationServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ModerationServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.facet.v1.ModerationProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ModerationService");
    }
  }

  private static final class ModerationServiceFileDescriptorSupplier
      extends ModerationServiceBaseDescriptorSupplier {
    ModerationServiceFileDescriptorSupplier() {}
  }

  private static final class ModerationServiceMethodDescriptorSupplier
      extends ModerationServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final String methodName;

    ModerationServiceMethodDescriptorSupplier(String methodName) {
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
      synchronized (ModerationServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ModerationServiceFileDescriptorSupplier())
              .addMethod(getDetectModerationLabelsMethod())
              .addMethod(getDescribeModerationTaxonomyMethod())
              .build();
        }
      }
    }
    return result;
  }
}
