"""Collection service settings (environment variables, prefix FACET_)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from services.common.settings import CommonSettings


class CollectionSettings(CommonSettings):
    listen_address: str = "127.0.0.1:50065"
    # YuNet score below which a candidate is not a face (0–1), as in the faces service.
    detection_threshold: float = Field(default=0.6, ge=0.0, le=1.0)
    # Which FaceStore holds the collections: "embedded" (SQLite + usearch under collections_dir)
    # or "milvus" (milvus_uri).
    collection_store: Literal["embedded", "milvus"] = "embedded"
    # Directory of the embedded store (SQLite database + index snapshots). Created if missing.
    # Empty: <state_dir>/collections.
    collections_dir: str = ""
    # Collections up to this many faces are searched exactly; larger ones with HNSW.
    exact_search_below: int = Field(default=20_000, ge=0)
    # HNSW parameters of the embedded store (see docs/collections.md for their measured effect).
    hnsw_connectivity: int = Field(default=32, ge=2)
    hnsw_expansion_add: int = Field(default=256, ge=1)
    hnsw_expansion_search: int = Field(default=0, ge=0)  # 0: grows with the collection (embedded.search_beam)
    # Seconds between index snapshots of the embedded store (0: only at shutdown). Snapshots only
    # shorten the next start; durability comes from SQLite.
    snapshot_interval_s: float = Field(default=300.0, ge=0)
    # Milvus endpoint ("http://host:19530") or a local file path (Milvus Lite, in-process).
    # Empty: <state_dir>/collections/milvus.db.
    milvus_uri: str = ""
    # Milvus credentials ("user:password" or an API key); empty for none.
    milvus_token: str = ""
    # Prefix of the two Milvus collections this service owns.
    milvus_prefix: str = "facet_"
    # Milvus index type for face vectors (HNSW, IVF_FLAT, FLAT, ...).
    milvus_index_type: str = "HNSW"

    @property
    def store_dir(self) -> str:
        return self.collections_dir or str(Path(self.state_dir) / "collections")

    @property
    def milvus_target(self) -> str:
        return self.milvus_uri or str(Path(self.state_dir) / "collections" / "milvus.db")
