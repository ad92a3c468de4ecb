"""Fixtures the MTI tests share: MTI's servant, a Núcleo member and one of MTI's services."""

from __future__ import annotations

import pytest

from .factories_mti import make_service, mti_user, nucleo_user


@pytest.fixture
def mti():
    return mti_user()


@pytest.fixture
def nucleo():
    return nucleo_user()


@pytest.fixture
def service(mti):
    return make_service(mti)
