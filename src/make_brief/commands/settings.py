"""What the ``make-brief`` group's own options give every command: one typed object."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..content.config import Config


@dataclass(frozen=True)
class Settings:
    quiet: bool = False  # print only problems and the closing count
    debug: bool = False  # tracebacks and the renderers' own log
    config_path: Path | None = None  # -c; None: ./make-brief.toml if present

    def config(self) -> Config:
        from ..content.config import load_config

        return load_config(self.config_path)
