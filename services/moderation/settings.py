"""Moderation service settings (environment variables, prefix FACET_)."""

from __future__ import annotations

from services.common.settings import CommonSettings


class ModerationSettings(CommonSettings):
    listen_address: str = "127.0.0.1:50064"
    # FACET_MODERATION_NUDENET=1 adds NudeNet's 320n detector (AGPL-3.0) and the finer labels it
    # feeds. The model build reads the same variable: build the repository with it set, or the
    # service waits for a model Triton does not have and never reports SERVING.
    moderation_nudenet: bool = False
