"""Run the Rekognition front: ``python -m gateway.rekognition``."""

from __future__ import annotations

import asyncio
import logging
import signal

from aiohttp import web

from gateway.rekognition.app import create_app
from gateway.rekognition.settings import RekognitionSettings
from services.common.logs import configure_logging

log = logging.getLogger("gateway.rekognition")


async def main() -> None:
    settings = RekognitionSettings()
    configure_logging("rekognition", settings.log_level)
    host, _, port = settings.listen_address.rpartition(":")
    runner = web.AppRunner(create_app(settings), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, int(port)).start()
    log.info("Rekognition endpoint on http://%s -> gateway %s", settings.listen_address, settings.gateway_address)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    await stopping.wait()
    log.info("stopping")
    await runner.cleanup()  # lets in-flight requests finish, then closes the gateway channel


if __name__ == "__main__":
    asyncio.run(main())
