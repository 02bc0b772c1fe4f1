"""The one error base class of the gazetteer package."""


class GazetteerError(Exception):
    """A gazetteer problem the user can act on; the message says what to do."""
