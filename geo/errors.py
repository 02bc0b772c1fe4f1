"""The one error base class of the geo package."""


class GeoError(Exception):
    """A problem with an input article or option; the message names the input and what to do."""
