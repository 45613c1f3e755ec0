"""Models of the partnerships app, one module per topic."""

from .geography import *  # noqa: F403
from .links import *  # noqa: F403
from .parties import *  # noqa: F403
from .projects import *  # noqa: F403
from .reference import *  # noqa: F403
