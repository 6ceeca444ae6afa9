"""The embedded default for a laptop or a single school: `make run`."""

import contextlib
import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is acceptable only here: production refuses to start with it.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-change-me"

# An ignored local.py may override anything for one developer's machine.
with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
