"""Models of the exchanges app, one module per topic."""

from .activity import *  # noqa: F403
from .digests import *  # noqa: F403
from .exchanges import *  # noqa: F403
from .practices import *  # noqa: F403
from .requests import *  # noqa: F403
