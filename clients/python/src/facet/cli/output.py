"""How results are printed: JSON (`--json`, field names as in the protos) or short text lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import Message


def as_dict(message: Message) -> dict[str, Any]:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def emit(result: Message | dict[str, Any], as_json: bool, lines: Iterable[str]) -> None:
    if as_json:
        data = as_dict(result) if isinstance(result, Message) else result
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        for line in lines:
            sys.stdout.write(line + "\n")


def box_text(box: Any) -> str:
    return f"left={box.left:.3f} top={box.top:.3f} width={box.width:.3f} height={box.height:.3f}"
