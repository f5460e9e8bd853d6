"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
WEBSITE = TESTS / "data" / "pfocr-website"
REFERENCE_ID = "PMC11987792__cancers-17-01167-g005"
REFERENCE_PAGE = WEBSITE / "_figures" / f"{REFERENCE_ID}.md"
REFERENCE_HITS = WEBSITE / "_data" / f"{REFERENCE_ID}-genes.tsv"
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"
ADRD_TABLE = SHARED_SAMPLES / "pfocr-2020" / "adrd_gene_hits.tsv"


@pytest.fixture(name="resolver", scope="session")
def _resolver():  # type: ignore[no-untyped-def]
    """The default snapshot resolver."""
    from genenorm.resolver import default_resolver

    return default_resolver()


@pytest.fixture(name="adrd_table", scope="session")
def _adrd_table() -> Path:
    """The 90,719-row 2020 hit table from ../shared (skips when the checkout lacks it)."""
    if not ADRD_TABLE.exists():
        pytest.skip(f"{ADRD_TABLE} not present")
    return ADRD_TABLE
