"""Models of the events app, one module per topic."""

from .deliveries import *  # noqa: F403
from .events import *  # noqa: F403
from .groups import *  # noqa: F403
from .participants import *  # noqa: F403
from .resolutions import *  # noqa: F403
