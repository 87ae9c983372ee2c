"""The options of the ``journeys`` plugin in ``mkdocs.yml``, checked by MkDocs before any page is built."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from journeymaps.figures.reviews import DEFAULT_INTERVAL, DEFAULT_SOON
from journeymaps.model.types import DEFAULT_STATUSES, STATUSES
from journeymaps.pages.navigation import NAVIGATION


class Days(c.Type):
    """A whole number of days, at least ``minimum``."""

    def __init__(self, default: int, minimum: int) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        """The number of days; a clear error for anything else (``True`` is not a number of days)."""
        days = super().run_validation(value)
        if isinstance(days, bool) or days < self.minimum:
            raise ValidationError(f"expected a whole number of days, at least {self.minimum}; got {value!r}")
        return days


class Renamed(c.Deprecated):
    """A flat option of earlier versions that now lives in a group (``review_interval`` -> ``review.interval``).

    Unlike MkDocs' own ``Deprecated``, the value is checked under its old name (so an error names the option the
    site wrote) and the change of name is not a configuration warning: a site built with ``--strict`` keeps
    building. The plugin says once per build that the name is old (see ``JourneysPlugin.on_config``).
    """

    def __init__(self, moved_to: str, option: c.BaseConfigOption) -> None:
        super().__init__(moved_to=moved_to, option_type=option)
        self.group, _, self.name = moved_to.partition(".")

    def note(self, key_name: str) -> str:
        """What the build log says when a site uses the old name."""
        return (f"the option '{key_name}' is now '{self.name}' in the group '{self.group}' "
                f"({self.group}: {{{self.name}: ...}}); the old name still works")

    def pre_validation(self, config: Config, key_name: str) -> None:
        """Check the old option's value and copy it into its group, unless the group names it too."""
        value = config.get(key_name)
        if value is None:
            return
        value = self.option.validate(value)
        group = config.get(self.group)
        if group is None:
            group = config[self.group] = {}
        if isinstance(group, dict):  # anything else is the group's own error, reported by its option
            group.setdefault(self.name, value)
        config[key_name] = value  # kept, so that the plugin can name it

    def validate(self, value: object) -> object:
        """The value checked in ``pre_validation``, or None when the option is not used."""
        return value


class ReviewConfig(Config):
    """``review:`` - when a map is due for its next review."""

    interval = Days(DEFAULT_INTERVAL, 1)  # days after `reviewed` at which a map is due
    due_soon = Days(DEFAULT_SOON, 0)  # days before that at which it is "due soon"


class JourneysConfig(Config):
    """Options of the ``journeys`` plugin in ``mkdocs.yml``."""

    # false: the plugin does nothing at all (no pages, no assets, no messages), e.g. for a quick preview of the docs
    enabled = c.Type(bool, default=True)
    journeys_dir = c.Type(str, default="journeys")
    statuses = c.ListOfItems(c.Choice(STATUSES), default=list(DEFAULT_STATUSES))
    # An intranet site must not load anything from other hosts: Material's default
    # Google Fonts are switched off (the system fonts are used instead), and with a
    # repo_url the repository link does not ask the repository's host for its stars.
    offline = c.Type(bool, default=True)
    history = c.Type(bool, default=True)  # read last changes and old revisions from git
    review = c.SubConfig(ReviewConfig)
    # auto: every map in the navigation up to 100 published maps, only their folders above (see docs/performance.md)
    navigation = c.Choice(NAVIGATION, default="auto")

    # The names of earlier versions, still read.
    review_interval = Renamed("review.interval", Days(DEFAULT_INTERVAL, 1))
    review_due_soon = Renamed("review.due_soon", Days(DEFAULT_SOON, 0))

    def renamed(self) -> list[str]:
        """A note for each old option name this site uses."""
        return [option.note(key) for key, option in vars(JourneysConfig).items()
                if isinstance(option, Renamed) and self.get(key) is not None]
