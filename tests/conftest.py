"""Shared fixtures: throwaway project trees and a Config pointing at them."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.config import Config

ROOT = Path(__file__).resolve().parents[1]


def write_tree(base: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[dict[str, str]], Config]:
    """A project copy with our templates and settings, and the given docs/locales files."""

    def make(files: dict[str, str]) -> Config:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        for name in ("mkdocs.yml", "babel.cfg"):
            shutil.copy(ROOT / name, root / name)
        shutil.copytree(ROOT / "pipeline", root / "pipeline", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
        for po in ROOT.glob("locales/*/LC_MESSAGES/messages.po"):  # the real UI translations
            target = root / po.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(po, target)
        (root / "docs").mkdir(exist_ok=True)
        yml = (root / "mkdocs.yml").read_text(encoding="utf-8")
        start = yml.index("nav:")
        end = yml.index("\n\n", start)
        (root / "mkdocs.yml").write_text(yml[:start] + yml[end + 2 :], encoding="utf-8")
        write_tree(root, files)
        return Config(root=root)

    return make


ES_ARTICLE = """
---
title: Cuándo decir que no
description: Señales para rechazar un encargo.
lang: es
date: 2014-11-11
tags: [late-payment]
sources:
  - title: "Cuándo decir no"
    site: ejemplo.com
    year: 2014
---

Texto de **introducción** con un [enlace](home.md#start).

## Problemas de pago { #payment-problems }

- Paga tarde
- Regatea

!!! tip "Una idea"
    Pide un anticipo.

| Bueno | Malo |
|---|---|
| Paga | No paga |
"""

EN_HOME = """
---
title: Home
description: The home page.
lang: en
tags: []
sources: []
---

Welcome, see [when to say no](when-to-say-no.md#payment-problems).

## Start { #start }

A paragraph.
"""
